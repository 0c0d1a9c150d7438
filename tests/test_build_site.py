"""``casualties build`` end to end: the embedded corpus to a site in a temporary folder
(reports, index, the data/ folder and its data dictionary).

One build (``--jobs 2``) is shared by this module and tests/test_browser.py; a second,
small build (the four general reports only) runs an article carrying ``<script>`` and a
notebook that fails.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import nbformat
import pandas as pd
import pytest
from fixtures.site.sitebuild import run_build
from nbformat.v4 import new_code_cell

from casualties.analyse import load_results, read_clean
from casualties.analyse.results import FILES
from casualties.contract import vocabulary_descriptions
from casualties.extract import extract
from casualties.outputs import mark_site_folder
from casualties.paths import NOTEBOOKS
from casualties.site import datafiles
from casualties.site.params import report_names
from casualties.site.registry import reports
from casualties.site.report import incident_facts, report_incidents, report_provinces

FIXTURES = Path(__file__).parent / "fixtures" / "site"
PAGE_LIMIT = 300 * 1024
GENERAL = {report.name for report in reports(["general"])}

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def site(embedded_site):
    build = embedded_site
    assert build.exit_code == 0, build.stderr
    return build


@pytest.fixture(scope="module")
def results(site):
    return load_results(site.processed)


def _links(html: str) -> list[str]:
    return re.findall(r'href="([^"]+)"', html)


def test_build_reports_what_it_wrote(site):
    assert re.search(r"^(\d+) of \1 reports in [\d.]+ s", site.stderr, re.M), site.stderr
    assert (site.processed / "claims_linked.csv").is_file()
    assert (site.out / "data" / "claims_linked.csv").is_file()  # the tables behind the site


def test_notebooks_read_the_tables_load_results_gives(site, results):
    import pandas as pd

    from casualties.site.fastload import fast_load

    fast = fast_load(site.processed)
    assert fast is not None
    for name in ("claims", "incidents", "comparison", "totals"):
        pd.testing.assert_frame_equal(getattr(fast, name), getattr(results, name))


def test_index_links_every_report_and_every_link_resolves(site):
    html = (site.out / "index.html").read_text(encoding="utf-8")
    pages = {p.name for p in site.out.glob("*.html")} - {"index.html"}
    linked = {link for link in _links(html) if link.endswith(".html")} - {"index.html"}
    assert linked == pages
    for link in _links(html):
        assert (site.out / link).exists(), link


def test_one_report_per_incident_with_two_or_more_claims_and_per_province(site, results):
    incidents = results.incidents
    expected = incidents[(incidents["scope"] == "incident") & (incidents["n_claims"] >= 2)]
    assert sorted(expected["incident_id"]) == report_incidents(results)
    names = set(report_names("incident", expected["incident_id"]).values())
    assert {p.stem for p in site.out.glob("incident-*.html")} == names
    provinces = set(results.claims["province"]) - {""}
    assert provinces and set(report_provinces(results)) == provinces
    names = set(report_names("province", provinces).values())
    assert {p.stem for p in site.out.glob("province-*.html")} == names
    assert GENERAL <= {p.stem for p in site.out.glob("*.html")}


def test_pages_are_small_load_plotly_once_and_hide_code(site):
    plotly_js = site.out / "assets" / "plotly.min.js"
    assert plotly_js.stat().st_size > 1_000_000
    # plotly.js and the index's own small script, once each
    assert sorted(p.name for p in (site.out / "assets").iterdir()) == [
        "incidents.js",
        "plotly.min.js",
    ]
    assert (site.out / "assets" / "incidents.js").stat().st_size < 10_000
    for path in site.out.glob("*.html"):
        html = path.read_text(encoding="utf-8")
        assert path.stat().st_size <= PAGE_LIMIT, f"{path.name}: {path.stat().st_size} bytes"
        assert "report.load(" not in html and "charts.show" not in html, path.name
        if path.name not in ("index.html", "data.html"):  # data.html: the data dictionary
            assert '<script src="assets/plotly.min.js"></script>' in html, path.name
            assert "Plotly.newPlot" in html, path.name
            assert "plotly.js v" not in html  # no inlined copy


def test_incident_page_lists_every_claim_with_quote_outlet_and_date(site, results):
    from casualties.analyse import side_by_side
    from casualties.site.html import escape

    incident_id = report_incidents(results)[0]
    name = report_names("incident", report_incidents(results))[incident_id]
    html = (site.out / f"{name}.html").read_text(encoding="utf-8")
    for claim in side_by_side(results.claims, incident_id).to_dict("records"):
        for field in ("quote", "outlet", "published"):
            assert escape(claim[field]) in html or str(claim[field]) in html, field


# ------------------------------------------------------------------ markup, failures


def _failing_notebooks(folder: Path) -> Path:
    shutil.copytree(NOTEBOOKS, folder)
    nb = nbformat.read(str(folder / "reference.ipynb"), as_version=4)
    nb.cells.insert(3, new_code_cell("raise RuntimeError('reference broke on purpose')"))
    nbformat.write(nb, str(folder / "reference.ipynb"))
    return folder


@pytest.fixture(scope="module")
def markup_build(tmp_path_factory):
    root = tmp_path_factory.mktemp("markup")
    notebooks = _failing_notebooks(root / "notebooks")
    mark_site_folder(root / "site")  # the folder of an earlier build
    stale = '<!DOCTYPE html>\n<html><head><meta name="generator" content="casualties 0.0">'
    (root / "site" / "incident-inc-99999.html").write_text(stale)  # an earlier build's
    (root / "site" / "notes.html").write_text("<p>the user's own page</p>")
    corrections = root / "corrections.csv"  # reasons and names with markup, one stale
    corrections.write_text(
        "decision,claim_id,field,value,analyst,reason\n"
        "set,f565e390741c-129d29ce55,figure,13,<b>An</b> Analyst,"
        '"<script>alert(""why"")</script>"\n'
        "drop,gone00000000-0123456789,,,A. Analyst,<i>the article & its claim</i>\n",
        encoding="utf-8",
    )
    args = ["--jobs", "2", "--quiet", "--only", "general", "--out", str(root / "site"),
            "--processed", str(root / "processed"), "--notebooks", str(notebooks),
            "--corrections", str(corrections), str(FIXTURES / "xss_article.txt"),
            str(FIXTURES / "quarantine_article.txt")]  # fmt: skip
    code, stdout, stderr = run_build(args)
    return root / "site", root / "processed", code, stdout, stderr


def test_a_failing_notebook_is_listed_with_its_cell_and_the_exit_code_is_one(markup_build):
    out, _processed, code, _stdout, stderr = markup_build
    assert code == 1
    assert "reference: cell 4: RuntimeError: reference broke on purpose" in stderr
    assert not (out / "reference.html").exists()
    assert (out / "overview.html").exists() and (out / "sources.html").exists()
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "reference: cell 4: RuntimeError: reference broke on purpose" in index
    assert 'href="reference.html"' not in index
    assert not list(out.rglob("*.tmp"))


def test_pages_of_earlier_builds_are_removed_and_other_files_kept(markup_build):
    out = markup_build[0]
    assert not (out / "incident-inc-99999.html").exists()
    assert (out / "notes.html").read_text() == "<p>the user's own page</p>"


def test_an_article_with_script_markup_ends_up_escaped(markup_build):
    out, processed, _code, _stdout, _stderr = markup_build
    claims = load_results(processed).claims
    assert claims["quote"].str.contains("<script>", regex=False).any()
    pages = {p.name: p.read_text(encoding="utf-8") for p in out.glob("*.html")}
    overview = pages["overview.html"]
    assert "&lt;script&gt;alert(" in overview
    for name, html in pages.items():
        assert "<script>alert" not in html, name
        assert 'alert("xss")</script>' not in html, name
        assert "<b>An</b>" not in html and "<i>the article" not in html, name
    index = pages["index.html"]  # the corrections' reasons and names, escaped
    assert "&lt;script&gt;alert(&quot;why&quot;)&lt;/script&gt;" in index
    assert "&lt;b&gt;An&lt;/b&gt; Analyst" in index and "&lt;i&gt;the article &amp; its" in index


def test_a_stale_decision_is_listed_and_counted_not_fatal(markup_build):
    out, processed, _code, _stdout, stderr = markup_build
    assert "corrections: 2 decisions (1 applied, 1 stale) in decisions.csv" in stderr
    decisions = pd.read_csv(processed / "decisions.csv", dtype=str, keep_default_na=False)
    assert decisions["status"].tolist() == ["applied", "stale"]
    index = (out / "index.html").read_text(encoding="utf-8")
    assert 'id="corrections"' in index and "1 stale decision(s)" in index


# ------------------------------------------------------------------ analysts' corrections


def test_corrected_values_are_marked_with_their_reason_on_the_incident_page(site, results):
    from casualties.site.html import CORRECTION_MARK, escape

    corrected = results.claims[results.claims["corrected_fields"] != ""]
    farah = corrected.loc[corrected["corrected_fields"] == "date;merged", "incident_id"].iloc[0]
    name = report_names("incident", report_incidents(results))[farah]
    html = (site.out / f"{name}.html").read_text(encoding="utf-8")
    assert "Analysts corrected 3 claim(s) of this incident by decision (date, merged)" in html
    for note in corrected.loc[corrected["incident_id"] == farah, "correction_note"]:
        shown = escape(note).replace("&#x27;", "'")  # the page keeps ' as it is in "..."
        assert f'title="{shown}"' in html or f'title="{escape(note)}"' in html
    assert html.count('class="corrected"') >= 3 and CORRECTION_MARK in html
    assert "<th>correction</th>" in html
    assert "the police chief on the same attack on Farah City" in html
    facts = incident_facts(results, farah).set_index("what")["value"]
    assert facts["corrections"] == "date;merged" and facts["n_corrected"] == "3"


def test_the_index_counts_the_corrections_and_lists_every_decision(site):
    index = (site.out / "index.html").read_text(encoding="utf-8")
    assert "<td>claims corrected by analysts&#x27; decisions</td><td>5</td>" in index
    assert 'id="corrections"' in index and "6 decision(s)" in index and "6 applied" in index
    decisions = pd.read_csv(site.out / "data" / "decisions.csv", dtype=str)
    assert len(decisions) == 6 and set(decisions["status"]) == {"applied"}
    assert "corrections: 6 decisions (6 applied) in decisions.csv" in site.stderr


def test_a_claim_that_cannot_be_cleaned_is_set_aside_not_fatal(markup_build):
    import pandas as pd

    out, processed, _code, _stdout, stderr = markup_build
    rejected = pd.read_csv(processed / "claims_rejected.csv", dtype=str, keep_default_na=False)
    assert len(rejected) == 1
    assert "Baharak" in rejected["reason"].iloc[0] and "<b>five</b>" in rejected["quote"].iloc[0]
    assert "1 claims set aside in claims_rejected.csv" in stderr
    clean = pd.read_csv(processed / "claims_clean.csv", dtype=str, keep_default_na=False)
    assert rejected["claim_id"].iloc[0] not in set(clean["claim_id"])
    assert (out / "data" / "claims_rejected.csv").is_file()
    index = (out / "index.html").read_text(encoding="utf-8")
    assert 'id="problems"' in index and "Baharak" in index
    assert "&lt;b&gt;five&lt;/b&gt; &amp; &quot;six&quot;" in index
    assert "<b>five</b>" not in index


def test_strict_build_stops_at_the_claim_and_writes_nothing(tmp_path):
    out, processed = tmp_path / "site", tmp_path / "processed"
    args = ["--strict", "--quiet", "--out", str(out), "--processed", str(processed),
            str(FIXTURES / "quarantine_article.txt")]  # fmt: skip
    code, _stdout, stderr = run_build(args)
    assert code == 2 and "Baharak" in stderr
    assert not out.exists() and not processed.exists()


# ------------------------------------------------------------------ parameters


@pytest.mark.parametrize(
    "args, message",
    [
        (["--jobs", "0"], "--jobs must be a positive integer"),
        (["--preset", "nope"], "unknown preset"),
        (["--seed", "-1"], "seed must be a non-negative integer"),
    ],
)
def test_invalid_parameters_are_rejected_before_anything_runs(tmp_path, args, message):
    out, processed = tmp_path / "site", tmp_path / "processed"
    code, _stdout, stderr = run_build([*args, "--out", str(out), "--processed", str(processed)])
    assert code == 2 and message in stderr
    assert not out.exists() and not processed.exists()


def test_a_notebook_parameter_of_the_wrong_type_is_rejected_before_anything_runs(tmp_path):
    notebooks = tmp_path / "notebooks"
    shutil.copytree(NOTEBOOKS, notebooks)
    nb = nbformat.read(str(notebooks / "incident.ipynb"), as_version=4)
    cell = next(c for c in nb.cells if "parameters" in c.metadata.get("tags", []))
    cell.source = cell.source.replace('incident_id: str = ""', "incident_id: int = 0")
    nbformat.write(nb, str(notebooks / "incident.ipynb"))
    out, processed = tmp_path / "site", tmp_path / "processed"
    code, _stdout, stderr = run_build(
        ["--out", str(out), "--processed", str(processed), "--notebooks", str(notebooks)]
    )
    assert code == 2 and "parameter 'incident_id' must be int" in stderr
    assert not out.exists() and not processed.exists()


def test_out_must_be_a_folder(tmp_path):
    (tmp_path / "file").write_text("x")
    code, _stdout, stderr = run_build(["--out", str(tmp_path / "file")])
    assert code == 2 and "is not a folder" in stderr


# ------------------------------------------------------------------ data/ and data.html
# Every table as CSV and Parquet (the typed readers' dtypes); the data dictionary page is
# generated from the contract's own documents.


def test_every_table_is_offered_as_csv_and_parquet(site):
    data = site.out / "data"
    files = [file for file, _doc in datafiles.TABLES]
    # and the index's incident list (data/incident_index.js)
    assert sorted(p.name for p in data.iterdir()) == sorted(
        [*files, *(f.replace(".csv", ".parquet") for f in files), "incident_index.js"]
    )
    page = (site.out / "data.html").read_text(encoding="utf-8")
    for file in files:
        assert f'href="data/{file}"' in page
        assert f'href="data/{file.replace(".csv", ".parquet")}"' in page
    assert 'href="data.html"' in (site.out / "index.html").read_text(encoding="utf-8")


def test_the_parquet_downloads_have_the_typed_readers_dtypes(site):
    data = site.out / "data"
    results = load_results(data)  # the CSV copies, typed as analyse reads them
    for name, file in FILES.items():
        back = pd.read_parquet(data / file.replace(".csv", ".parquet"))
        pd.testing.assert_frame_equal(back, getattr(results, name))
    clean = pd.read_parquet(data / "claims_clean.parquet")
    pd.testing.assert_frame_equal(clean, read_clean(data / "claims_clean.csv"))
    claims = pd.read_parquet(data / "claims.parquet")
    pd.testing.assert_frame_equal(claims, extract())  # as extract makes them


def test_every_column_of_every_table_is_explained(site):
    columns = {
        file: list(pd.read_csv(site.out / "data" / file, nrows=0).columns)
        for file, _doc in datafiles.TABLES
    }
    undocumented = [
        f"{file}: {column}"
        for file, table in datafiles.dictionary(columns).items()
        for column, meaning in zip(table["column"], table["meaning"], strict=True)
        if meaning == datafiles.UNDOCUMENTED
    ]
    assert not undocumented, (
        "explain these columns in a | column | meaning | table of docs/claims.md or "
        f"docs/analysis.md: {undocumented}"
    )
    page = (site.out / "data.html").read_text(encoding="utf-8")
    assert datafiles.UNDOCUMENTED not in page
    assert all(f">{column}<" in page for names in columns.values() for column in names)


def test_vocabularies_come_from_the_contract(site):
    page = (site.out / "data.html").read_text(encoding="utf-8")
    for value, meaning in vocabulary_descriptions()["claimant"].items():
        assert f"{value} ({datafiles.escape(meaning)})" in page
    assert "corroborated; single_source; contested; party_only" in page


def test_the_meanings_are_the_documents_own():
    meanings = datafiles.column_meanings("incidents.csv", "analysis.md")
    assert meanings["n_documents"] == "members, distinct doc_ids"  # `a`, `b` cells split
    assert meanings["date_start"].startswith("the incident's period")  # own table first
    claims = datafiles.column_meanings("claims.csv", "claims.md")
    assert claims["quote"] == "the sentence the claim was read from, verbatim"
    assert datafiles.file_descriptions()["totals.csv"][0] == "(grouping, group, outcome)"


def test_an_undocumented_column_is_shown_as_such():
    tables = datafiles.dictionary({"claims.csv": ["doc_id", "mystery"]})
    meanings = tables["claims.csv"].set_index("column")["meaning"]
    assert meanings["mystery"] == datafiles.UNDOCUMENTED
    assert "mystery" in datafiles.dictionary_page(tables, parquet=False)


def test_markdown_tables_are_read_with_their_headings():
    text = "## `x.csv`\n\n| column | meaning |\n|---|---|\n| `a`, `b` | two |\n\nprose\n"
    assert datafiles.markdown_tables(text) == [
        ("`x.csv`", ["column", "meaning"], [["`a`, `b`", "two"]])
    ]


def test_without_pyarrow_only_csv_is_offered(tmp_path, monkeypatch, embedded_site):
    source = embedded_site
    results = load_results(source.processed)
    monkeypatch.setattr(datafiles, "parquet_available", lambda: False)  # as without pyarrow
    page = datafiles.write_data_folder(source.processed, tmp_path, results)
    assert not list((tmp_path / "data").glob("*.parquet"))
    assert "Parquet downloads need pyarrow" in page.read_text(encoding="utf-8")
