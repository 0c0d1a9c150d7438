"""Degenerate and hostile input (issue 15): empty corpora, unsafe output folders, --jobs,
hand-typed canonical columns, huge quotes, binary files."""

from __future__ import annotations

import contextlib
import io
from pathlib import Path

import pandas as pd
import pytest
from fixtures.site.sitebuild import run_build

from casualties.cli import main
from casualties.outputs import SITE_MARKER
from casualties.site.registry import reports
from casualties.site.report import EMPTY_CORPUS

FRENCH = """Attaque à Kaboul
par Jean Dupont
Le Monde
5 septembre 2019

Au moins dix civils ont été tués jeudi dans un attentat à la voiture piégée dans le centre
de Kaboul, selon le ministère de l'Intérieur. Les talibans ont revendiqué l'attaque, qui a
également fait quarante blessés selon les autorités locales.
"""


def run_cli(*args: str) -> tuple[int, str, str]:
    """``casualties ARGS`` in this process; (exit code, stdout, stderr)."""
    stdout, stderr = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
        code = main([*args])
    return code, stdout.getvalue(), stderr.getvalue()


# -- empty and claim-less corpora ----------------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize("kind", ["empty", "french"])
def test_claimless_corpus_builds_a_site_that_says_so(tmp_path, caplog, kind):
    article = tmp_path / "corpus.txt"
    article.write_text("" if kind == "empty" else FRENCH, encoding="utf-8")
    out, processed = tmp_path / "site", tmp_path / "processed"
    jobs = "10000" if kind == "empty" else "2"  # --jobs 10000 used to hang the build
    code, stdout, stderr = run_build(
        ["--jobs", jobs, "--quiet", "--only", "general", "--out", str(out)]
        + ["--processed", str(processed), str(article)]
    )
    assert code == 0, stderr
    assert ("no articles in" in caplog.text) == (kind == "empty")  # as corpus and extract
    if kind == "empty":
        assert "--jobs 10000: capped at" in caplog.text
    assert "4 of 4 reports" in stderr
    for name in ["index", *(report.name for report in reports(["general"]))]:
        page = (out / f"{name}.html").read_text(encoding="utf-8")
        assert EMPTY_CORPUS.split(",")[0] in page, name
    assert pd.read_csv(processed / "claims.csv").empty
    assert (out / SITE_MARKER).is_file()  # the next build may write here again


def test_corpus_and_extract_agree_on_an_empty_input(tmp_path, caplog):
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    code, _out, _err = run_cli("corpus", str(empty), "-o", str(tmp_path / "articles.csv"))
    assert code == 0
    assert pd.read_csv(tmp_path / "articles.csv").empty
    code, _out, _err = run_cli("extract", str(empty), "-o", str(tmp_path / "claims.csv"))
    assert code == 0
    assert pd.read_csv(tmp_path / "claims.csv").empty
    assert caplog.text.count("no articles in") == 2
    code, stdout, _err = run_cli("corpus", str(empty))
    assert code == 0 and "(0 articles)" in stdout


# -- safe output folders -------------------------------------------------------------------


def _refused_build(tmp_path, out) -> str:
    processed = tmp_path / "processed"
    code, stdout, stderr = run_build(["--quiet", "--out", str(out), "--processed", str(processed)])
    assert code == 2, (stdout, stderr)
    assert not processed.exists()  # refused before any work
    return stderr


@pytest.mark.parametrize("where", ["root", "home", "repository", "relative"])
def test_build_refuses_the_root_home_and_repository_folders(tmp_path, monkeypatch, where):
    from casualties import paths

    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    (tmp_path / "home").mkdir()
    out = {
        "root": Path("/"),
        "home": tmp_path / "home",
        "repository": paths.ROOT,
        "relative": Path("../" * 12 + "etc"),
    }[where]
    stderr = _refused_build(tmp_path, out)
    assert f"--out {out}: refused" in stderr
    reason = {"root": "root folder", "home": "home folder", "repository": "repository root"}
    assert reason.get(where, "not a site of casualties build") in stderr


def test_build_refuses_a_folder_of_other_files_and_leaves_it_alone(tmp_path):
    out = tmp_path / "mine"
    (out / "data").mkdir(parents=True)
    (out / "index.html").write_text("<p>my page</p>", encoding="utf-8")
    (out / "data" / "claims.csv").write_text("mine\n", encoding="utf-8")
    stderr = _refused_build(tmp_path, out)
    assert "index.html" in stderr and "name an empty or new folder" in stderr
    assert (out / "index.html").read_text(encoding="utf-8") == "<p>my page</p>"
    assert sorted(p.name for p in out.rglob("*")) == ["claims.csv", "data", "index.html"]


def test_site_folders_the_build_accepts(tmp_path):
    from casualties.outputs import SITE_MARKER, check_site_folder, mark_site_folder

    check_site_folder(tmp_path / "new" / "site")  # created by the build
    (tmp_path / "empty").mkdir()
    check_site_folder(tmp_path / "empty")
    (tmp_path / "checkout").mkdir()
    (tmp_path / "checkout" / ".gitkeep").write_text("")
    check_site_folder(tmp_path / "checkout")  # reports/ of a fresh clone
    site = tmp_path / "site"
    assert mark_site_folder(site) == site / SITE_MARKER
    (site / "index.html").write_text("<p>an earlier build</p>", encoding="utf-8")
    check_site_folder(site)
    legacy = tmp_path / "legacy"  # a site built before the marker existed
    legacy.mkdir()
    (legacy / "index.html").write_text(
        '<html><head><meta name="generator" content="casualties 0.1.0">', encoding="utf-8"
    )
    check_site_folder(legacy)


@pytest.mark.parametrize("stage", ["corpus", "extract", "clean"])
def test_output_file_naming_a_folder_is_refused_before_work(tmp_path, stage):
    folder = tmp_path / "existing"
    folder.mkdir()
    code, _stdout, stderr = run_cli(stage, "-o", str(folder))
    assert code == 2
    assert f"-o {folder}: is a folder" in stderr
    assert "Traceback" not in stderr and "claims ->" not in stderr and "wrote" not in stderr


def test_analyse_out_naming_a_file_is_refused(tmp_path):
    target = tmp_path / "results.csv"
    target.write_text("x\n", encoding="utf-8")
    code, _stdout, stderr = run_cli("analyse", "--out", str(target))
    assert code == 2
    assert f"--out {target}: exists and is not a folder" in stderr


def test_build_processed_naming_a_file_is_refused(tmp_path):
    target = tmp_path / "processed.csv"
    target.write_text("x\n", encoding="utf-8")
    code, _stdout, stderr = run_build(["--out", str(tmp_path / "site"), "--processed", str(target)])
    assert code == 2 and "exists and is not a folder" in stderr
    assert not (tmp_path / "site").exists()


def test_failing_pipeline_leaves_nothing_in_processed(tmp_path, monkeypatch):
    import casualties.analyse
    from casualties.errors import ParameterError
    from casualties.site import report

    def fail(*_args, **_kwargs):
        raise ParameterError("analysis refused")

    monkeypatch.setattr(casualties.analyse, "analyse", fail)
    with pytest.raises(ParameterError):
        report.run_pipeline(None, tmp_path / "new")
    assert not (tmp_path / "new").exists()
    earlier = tmp_path / "earlier"
    earlier.mkdir()
    (earlier / "claims.csv").write_text("the run before\n", encoding="utf-8")
    with pytest.raises(ParameterError):
        report.run_pipeline(None, earlier)
    assert [p.name for p in earlier.iterdir()] == ["claims.csv"]
    assert (earlier / "claims.csv").read_text(encoding="utf-8") == "the run before\n"


# -- --jobs --------------------------------------------------------------------------------


def test_jobs_are_capped_at_the_cores_and_the_pages(caplog):
    from casualties.site.params import check_jobs, cores

    assert check_jobs(None) == cores()
    assert check_jobs(10_000) == cores()
    assert f"--jobs 10000: capped at {cores()} ({cores()} cores" in caplog.text
    assert check_jobs(50, pages=1) == 1
    assert "1 reports" in caplog.text
    caplog.clear()
    assert check_jobs(1) == 1 and not caplog.text


# -- hand-typed canonical columns ----------------------------------------------------------


def test_hand_typed_names_the_alias_tables_know_are_mapped_with_a_warning():
    from casualties.clean import clean

    table = pd.DataFrame(
        {
            "claimant": ["UNAMA", "Afghan MoD", "UNAMA", "taliban"],
            "victim": ["civilians", "Taliban fighters", "civilians", "afghan_forces"],
            "outcome": ["killed", "killed", "wounded", "killed"],
            "figure_text": ["at least 10", "36", "dozens", "5"],
        }
    )
    cleaned = clean(table)
    assert list(cleaned["claimant"]) == ["un", "afghan_gov", "un", "taliban"]
    assert list(cleaned["victim"]) == ["civilians", "taliban", "civilians", "afghan_forces"]
    warnings = "\n".join(cleaned.attrs["warnings"])
    assert "'UNAMA' -> un (rows 1, 3)" in warnings
    assert "'Afghan MoD' -> afghan_gov (row 2)" in warnings
    assert "'Taliban fighters' -> taliban (row 2)" in warnings
    assert list(clean(cleaned)["claimant"]) == list(cleaned["claimant"])  # idempotent


def test_a_hand_typed_name_no_table_knows_is_still_an_error():
    from casualties.clean import clean
    from casualties.errors import InputError

    table = pd.DataFrame(
        {"claimant": ["UNAMA", "Ministry of Magic"], "victim": ["civilians", "xyzzy"]}
        | {"outcome": ["killed", "killed"], "figure_text": ["3", "4"]}
    )
    with pytest.raises(InputError) as error:
        clean(table)
    assert "row 2: claimant 'Ministry of Magic'" in str(error.value)
    assert "row 2: victim 'xyzzy'" in str(error.value)
    assert "UNAMA" not in str(error.value)


# -- huge quotes and binary files ----------------------------------------------------------

PAGE_LIMIT = 300 * 1024


@pytest.mark.slow
def test_a_huge_sentence_is_cut_on_pages_and_kept_whole_in_the_tables(tmp_path):
    from casualties.site.html import QUOTE_LIMIT

    padding = " ".join(f"the convoy passed village {i} by the river" for i in range(8000))
    sentence = f"Taliban fighters killed 12 civilians in Kabul on Thursday {padding}, police said."
    assert len(sentence) > PAGE_LIMIT
    article = tmp_path / "huge.txt"
    article.write_text(
        f"Attack in Kabul\nBy Staff\nReuters\nSeptember 6, 2019\n\n{sentence}\n", encoding="utf-8"
    )
    out, processed = tmp_path / "site", tmp_path / "processed"
    code, _stdout, stderr = run_build(
        ["--jobs", "2", "--quiet", "--out", str(out), "--processed", str(processed), str(article)]
    )
    assert code == 0, stderr
    pages = sorted(out.glob("*.html"))
    assert len(pages) >= 5
    for page in pages:
        assert page.stat().st_size < PAGE_LIMIT, page.name
    overview = (out / "overview.html").read_text(encoding="utf-8")
    assert "Taliban fighters killed 12 civilians" in overview and " …" in overview
    assert "village 7999" not in overview
    claims = pd.read_csv(processed / "claims.csv")
    assert claims["quote"].str.len().max() == len(sentence)  # the CSV keeps it whole
    assert len(sentence) > QUOTE_LIMIT


def test_shorten_cuts_long_text_at_a_space_with_an_ellipsis():
    from casualties.site.html import QUOTE_LIMIT, html_table, shorten

    text = "word " * 1000
    cut = shorten(text)
    assert cut.endswith(" …") and len(cut) <= QUOTE_LIMIT + 2
    assert shorten("x" * 5000).startswith("x" * QUOTE_LIMIT)
    assert shorten("short") == "short" and shorten(5) == 5
    table = html_table(pd.DataFrame({"quote": ["<b>" * 2000], "outlet": ["<b>" * 2000]}))
    assert table.count("&lt;b&gt;") < 2000 + QUOTE_LIMIT  # quote cut, outlet whole, escaped
    assert "<b>" not in table


def test_a_binary_file_is_skipped_without_printing_binary(tmp_path, caplog):
    from casualties.corpus import read_articles

    binary = tmp_path / "program.txt"
    binary.write_bytes(b"\x7fELF\x02\x01\x01\x00" + bytes(range(256)) * 20)
    garbled = tmp_path / "garbled.txt"
    garbled.write_bytes(
        b"Title \xff\xfe\x01\x1b[31m bad\nby X\nReuters\nSeptember 6, 2019\n\nBody.\n"
    )
    assert read_articles([binary, garbled]) == []
    assert "program.txt: a binary file, not text (file skipped)" in caplog.text
    assert "garbled.txt:1: article 'Title ?[31m bad'" in caplog.text
    assert all(c.isprintable() for c in caplog.text.replace("\n", ""))


# -- linear time ---------------------------------------------------------------------------


def _bench():
    import importlib.util

    path = Path(__file__).parents[1] / "benchmarks" / "bench_paragraph.py"
    spec = importlib.util.spec_from_file_location("bench_paragraph", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.slow
@pytest.mark.parametrize("published", ["2019-09-06", ""], ids=["dated", "undated"])
def test_extraction_time_grows_linearly_with_the_paragraph(published):
    bench = _bench()
    bench.seconds_per_sentence(50, published)  # warm the caches
    small = min(bench.seconds_per_sentence(800, published)[0] for _ in range(3))
    runs = [bench.seconds_per_sentence(8000, published) for _ in range(2)]
    large, claims = min(runs)
    assert claims == 8000
    # Quadratic scans made the 8000-sentence paragraph 2.8x slower per sentence (dated);
    # undated, the walk back to the paragraph's last dated sentence did the same.
    assert large / small < 2, (small, large)


def test_quote_lookups_agree_with_a_scan_of_every_quotation():
    import random

    from casualties.extract.claimants import _inside, overlaps, quote_spans

    rng = random.Random(15)
    for _ in range(200):
        text = "".join(rng.choice(['"', "“", "”", "a", "b ", ". "]) for _ in range(60))
        spans = quote_spans(text, 0, len(text))
        for pos in range(len(text) + 1):
            holding = [s for s in spans if s[0] <= pos < s[1]]
            found = _inside(pos, spans)
            assert (found is None) == (not holding)
            if found is not None:
                assert found == max(holding)  # the innermost quotation
            end = min(len(text), pos + rng.randint(1, 10))
            assert overlaps(spans, pos, end) == any(a < end and b > pos for a, b in spans)


def test_an_interrupt_inside_langdetect_stays_an_interrupt(monkeypatch):
    import langdetect
    from langdetect.lang_detect_exception import LangDetectException

    from casualties.corpus import detect_language

    def interrupted(_text):
        try:
            raise KeyboardInterrupt
        except BaseException:  # what langdetect's profile loader does
            raise LangDetectException(0, "Profile format error") from None

    monkeypatch.setattr(langdetect, "detect", interrupted)
    with pytest.raises(KeyboardInterrupt):
        detect_language("Le ministère a indiqué que dix civils ont été tués jeudi.")
