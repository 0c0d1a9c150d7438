"""The corpus stage: formats, header recognition, normalisation, ids, bad input, CLI."""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import logging
import tracemalloc
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from casualties import corpus, paths
from casualties.corpus import (
    Article,
    articles_frame,
    canonical_outlet,
    content_id,
    detect_language,
    iter_articles,
    read_articles,
)
from casualties.corpus.formats import normalise_body
from casualties.errors import InputError

FIXTURES = Path(__file__).parent / "fixtures" / "corpus"


def run_cli(argv: list[str]) -> int:
    """The corpus subcommand alone, so this test does not depend on other stages."""
    parser = argparse.ArgumentParser(prog="casualties")
    corpus.register_cli(parser.add_subparsers(dest="command"))
    args = parser.parse_args(["corpus", *argv])
    try:
        return args.func(args)
    except InputError as error:
        print(f"error: {error}")
        return error.exit_code


# -- the embedded corpus -------------------------------------------------------------------

EMBEDDED = [
    ("taliban attack northern provincial capital", "Long War Journal", "2019-10-02"),
    ("the pre-election raid ~ southern helmand", "Long War Journal", "2019-09-23"),
    ("election blues", "Voice of America", "2019-09-29"),
    ("taliban body count skyrocketing", "Salaam Times", ""),
    ("afghan gov'ment says elections first", "Associated Press", "2019-09-14"),
    ("afghans wonder ~ what happens now?", "Associated Press", "2019-09-09"),
    ("taliban attacks killing troop withdrawel", "Associated Press", "2019-09-06"),
    ("trump says peace talks are dead", "Associated Press", "2019-09-09"),
    ("trump calls off secret meeting", "Associated Press", "2019-09-08"),
    (
        "u.s. envoy returning to doha for new round of peace talks with taliban",
        "Al Jazeera",
        "2019-08-20",
    ),
    ("afghan rivals to meet in bid for peace", "", "2019-07-01"),
    ("a synopsis of the u.s./taliban peace talks", "", "2019-06-29"),
]


@pytest.fixture(scope="module")
def embedded() -> list[Article]:
    return read_articles()


def test_embedded_corpus_yields_twelve_articles_with_titles_outlets_dates(embedded):
    assert [(a.title, a.outlet, a.published) for a in embedded] == EMBEDDED


def test_embedded_corpus_bodies_start_and_end_in_the_right_place(embedded):
    by_title = {a.title: a for a in embedded}
    raid = by_title["the pre-election raid ~ southern helmand"]
    # The body runs over short heading lines and blank-line runs, up to the signature.
    assert raid.text.startswith("A few days before election day")
    assert "Taliban reaction to\n\n\nin Musa Qala" in raid.text
    assert raid.text.endswith("Senior Editor for FDD's Long War Journal.")
    envoy = by_title["u.s. envoy returning to doha for new round of peace talks with taliban"]
    assert envoy.text.startswith("Zalmay Khalilzad to resume talks")  # the standfirst
    assert envoy.author == "news agencies"
    assert by_title["trump says peace talks are dead"].author == (
        "Deb Riechmann, Matthew Lee, Robert Burns"
    )
    assert by_title["taliban attack northern provincial capital"].author == "Bill Roggio"
    assert all(a.language == "en" for a in embedded)
    assert all(a.source == "data/raw/000_1560744f44b8fd0a.txt" for a in embedded)


def test_embedded_text_is_normalised_one_character_for_one(embedded):
    raw = Path(paths.DEFAULT_CORPUS).read_text(encoding="utf-8")
    for article in embedded:
        assert "\u00a0" not in article.text and "\u2019" not in article.text
        assert "\r" not in article.text
    # The body of the first article is the file's text, translated character by character.
    first = embedded[0]
    start = raw.index("The Taliban has launched")
    original = raw[start : start + len(first.text)]
    assert normalise_body(original) == first.text
    assert len(original) == len(first.text)


def test_doc_ids_are_unique_stable_and_content_based(embedded):
    ids = [a.doc_id for a in embedded]
    assert len(set(ids)) == 12
    assert ids == [a.doc_id for a in read_articles()]
    first = embedded[0]
    assert first.doc_id == content_id(first.outlet, first.published, first.title, first.text)


def test_missing_date_is_a_warning_not_a_problem(caplog):
    with caplog.at_level(logging.WARNING, logger="casualties.corpus"):
        articles = read_articles(strict=True)
    assert len(articles) == 12
    assert "000_1560744f44b8fd0a.txt:161" in caplog.text
    assert "no publication date" in caplog.text


# -- plain text: synthetic files -----------------------------------------------------------


def test_fixture_with_varied_header_layouts():
    articles = read_articles([FIXTURES / "multi.txt"])
    assert [(a.title, a.author, a.outlet, a.published) for a in articles] == [
        ("Fighting rages in the north", "Jane Doe", "Example News", "2019-09-09"),
        ("Second story title", "news agencies", "Other Outlet", "2019-07-01"),
        ("A third story without a date", "John Roe", "Third Outlet", ""),
        ("Fourth story", "", "", "2019-08-20"),
    ]
    first, second, third, fourth = articles
    assert first.text.endswith("Jane Doe is a reporter.")
    assert '"curly quotes" and a no break space.' in first.text
    assert (
        second.text
        == "Standfirst sentence summarising the second story.\n\nBody two first paragraph."
    )
    assert "September 10\n\nStill body three" in third.text
    assert fourth.text == "Body four right below its date."


def test_crlf_bom_and_nbsp_are_normalised(tmp_path):
    text = (FIXTURES / "multi.txt").read_text(encoding="utf-8")
    path = tmp_path / "windows.txt"
    path.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"))
    unix = read_articles([FIXTURES / "multi.txt"])
    windows = read_articles([path])
    assert [(a.doc_id, a.title, a.text) for a in windows] == [
        (a.doc_id, a.title, a.text) for a in unix
    ]


def test_a_sentence_is_never_a_title(tmp_path):
    # The first body line is as far from the header as the next article is: only its final
    # period says it is not a headline (with "Short Name" as outlet and the date below).
    path = tmp_path / "two.txt"
    path.write_text(
        "First story\nJuly 3, 2019\n\n\nA single paragraph of body.\n\n\n"
        "Second story\nJuly 4, 2019\nBody two.\n\n\nTalks with the U.S.\nJuly 5, 2019\nBody.\n",
        encoding="utf-8",
    )
    articles = read_articles([path])
    assert [(a.title, a.outlet, a.published, a.text) for a in articles] == [
        ("First story", "", "2019-07-03", "A single paragraph of body."),
        ("Second story", "", "2019-07-04", "Body two."),
        ("Talks with the U.S.", "", "2019-07-05", "Body."),
    ]


def test_single_path_is_accepted_and_headerless_file_takes_first_line_as_title(tmp_path):
    path = tmp_path / "plain.txt"
    path.write_text("A headline\n\nSome body text here. More of it.\n", encoding="utf-8")
    (article,) = read_articles(path)
    assert (article.title, article.text, article.published) == (
        "A headline",
        "Some body text here. More of it.",
        "",
    )


WORDS = ["taliban", "forces", "attack", "province", "talks", "peace", "kabul", "officials"]
word = st.sampled_from(WORDS)
DATE_FORMATS = [
    lambda d: f"{d:%B} {d.day}, {d.year}".lower(),
    lambda d: f"{d:%b}. {d.day}, {d.year}",
    lambda d: f"{d:%b}. {d.day}, {d.year}".lower(),
    lambda d: f"{d.day} {d:%b} {d.year}",
    lambda d: f"{d.day} {d:%B} {d.year}",
    lambda d: f"{d:%B} {d.day}, {d.year} (3 days ago)",
    lambda d: f"{d:%B} {d.day}, {d.year} ({d:%A})".lower(),
    lambda d: d.isoformat(),
]


@st.composite
def synthetic_article(draw, separator: int) -> dict:
    title = " ".join(draw(st.lists(word, min_size=2, max_size=8)))
    author = draw(
        st.sampled_from(
            ["", "by " + " ".join(draw(st.lists(word, min_size=1, max_size=3))), "news agencies"]
        )
    )
    outlet = draw(st.sampled_from(["", "Example News", "the daily wire", "Kabul Times"]))
    date = draw(st.none() | st.dates(dt.date(1990, 1, 1), dt.date(2030, 12, 31)))
    if date is None and not (author and outlet):
        author, outlet = "by someone", "Some Outlet"
    standfirst = draw(st.sampled_from(["", "A standfirst that sums the story up."]))
    paragraphs = draw(
        st.lists(
            st.one_of(
                st.lists(word, min_size=8, max_size=30).map(
                    lambda w: " ".join(w).capitalize() + "."
                ),
                st.lists(word, min_size=1, max_size=4).map(" ".join),  # heading-like line
            ),
            min_size=1,
            max_size=6,
        ).filter(lambda ps: ps[-1].endswith("."))
    )
    gap = st.integers(0, min(separator, 3))
    header = [(title, 0)]
    if standfirst:
        header.append((standfirst, draw(st.integers(0, 1))))
    for line in (author, outlet):
        if line:
            header.append((line, draw(gap)))
    if date is not None:
        header.append((draw(st.sampled_from(DATE_FORMATS))(date), draw(gap)))
    body_gaps = [draw(st.integers(1, max(1, separator - 1))) for _ in paragraphs]
    lines = header + [(p, g) for p, g in zip(paragraphs, [draw(gap)] + body_gaps[1:], strict=True)]
    body = paragraphs[0] + "".join(
        "\n" * (g + 1) + p for p, g in zip(paragraphs[1:], body_gaps[1:], strict=True)
    )
    return {
        "lines": lines,
        "title": title,
        "author": author.removeprefix("by "),
        "outlet": canonical_outlet(corpus.canonical_name(outlet)),
        "published": date.isoformat() if date else "",
        "text": (standfirst + "\n\n" + body) if standfirst else body,
    }


@st.composite
def synthetic_file(draw) -> tuple[str, list[dict]]:
    separator = draw(st.integers(2, 5))
    articles = draw(st.lists(synthetic_article(separator), min_size=1, max_size=5))
    chunks = ["\n" * draw(st.integers(0, 2))]
    for index, article in enumerate(articles):
        for position, (line, gap) in enumerate(article["lines"]):
            if position == 0 and index:
                gap = separator
            elif position == 0:
                gap = 0
            chunks.append("\n" * gap + line + "\n")
    chunks.append("\n" * draw(st.integers(0, 3)))
    return "".join(chunks), articles


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(synthetic_file())
def test_plain_text_round_trips_synthetic_files(tmp_path_factory, generated):
    text, expected = generated
    path = tmp_path_factory.mktemp("synthetic") / "corpus.txt"
    path.write_text(text, encoding="utf-8")
    got = read_articles([path])
    unique = {}  # an article repeated word for word is read once
    for e in expected:
        unique.setdefault((e["title"], e["outlet"], e["published"], e["text"]), e)
    assert [(a.title, a.author.lower(), a.outlet, a.published, a.text) for a in got] == [
        (e["title"], e["author"].lower(), e["outlet"], e["published"], e["text"])
        for e in unique.values()
    ]


# -- JSON Lines and folders ----------------------------------------------------------------


def test_json_lines_keep_ids_and_skip_bad_lines_with_file_and_line(caplog):
    with caplog.at_level(logging.WARNING, logger="casualties.corpus"):
        articles = read_articles([FIXTURES / "articles.jsonl"])
    assert [(a.doc_id, a.title, a.published) for a in articles] == [
        ("a1", "First", "2019-09-09"),
        ("4", "Fourth", ""),
        (content_id("", "2019-06-29", "No id", "Body five."), "No id", "2019-06-29"),
    ]
    assert articles[1].text == 'Body "four".'
    for line, message in [
        (2, "not valid JSON"),
        (3, "no `text`"),
        (4, "not a date"),
        (5, "object"),
    ]:
        assert f"articles.jsonl:{line}: " in caplog.text and message in caplog.text


@pytest.mark.parametrize("line, message", [(2, "not valid JSON"), (3, "no `text`")])
def test_strict_json_lines_stop_at_the_first_bad_line(tmp_path, line, message):
    rows = FIXTURES.joinpath("articles.jsonl").read_text(encoding="utf-8").splitlines()
    path = tmp_path / "one_bad.jsonl"
    path.write_text(rows[0] + "\n" + rows[line - 1] + "\n", encoding="utf-8")
    with pytest.raises(InputError, match=rf"one_bad.jsonl:2: .*{message}"):
        read_articles([path], strict=True)


def test_reused_ids_get_a_suffix_and_identical_articles_are_dropped(tmp_path, caplog):
    rows = [json.dumps({"id": "x", "text": text}) for text in ("One.", "Two.", "One.", "Three.")]
    path = tmp_path / "dup.jsonl"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger="casualties.corpus"):
        articles = read_articles([path])
    assert [(a.doc_id, a.text) for a in articles] == [
        ("x", "One."),
        ("x-2", "Two."),
        ("x-3", "Three."),
    ]
    assert "dup.jsonl:3: article: same article as 'x', skipped" in caplog.text
    # The embedded corpus given twice (as its file and its folder) is read once.
    assert len(read_articles([paths.DEFAULT_CORPUS, paths.RAW])) == 12


def test_folder_reads_txt_and_jsonl_files_in_name_order():
    articles = read_articles([FIXTURES / "folder"])
    assert [(a.title, a.outlet, a.published) for a in articles] == [
        ("Just a title", "", ""),
        ("Second file story", "Folder Times", "2019-10-02"),
    ]
    assert articles[0].source.endswith("folder/a_first.txt")


def test_raw_data_folder_gives_the_embedded_corpus(embedded):
    assert read_articles([paths.RAW]) == embedded


# -- bad input -----------------------------------------------------------------------------


def test_missing_file_is_an_error_even_when_not_strict(tmp_path):
    with pytest.raises(InputError, match="no such file or folder: .*nope.txt"):
        iter_articles([tmp_path / "nope.txt"])


@pytest.mark.parametrize("content", [b"", b"\n\n  \n"])
def test_empty_file_is_reported_and_fatal_when_strict(tmp_path, caplog, content):
    path = tmp_path / "empty.txt"
    path.write_bytes(content)
    with caplog.at_level(logging.WARNING, logger="casualties.corpus"):
        assert (
            read_articles([path, FIXTURES / "multi.txt"])[0].title == "Fighting rages in the north"
        )
    assert "empty.txt: file is empty" in caplog.text
    with pytest.raises(InputError, match="empty.txt: file is empty"):
        read_articles([path], strict=True)


def test_non_utf8_article_is_skipped_naming_file_and_line(tmp_path, caplog):
    text = (FIXTURES / "multi.txt").read_text(encoding="utf-8")
    data = text.encode("utf-8").replace(b"Body two first", b"Body two caf\xe9 first")
    path = tmp_path / "latin.txt"
    path.write_bytes(data)
    line = text[: text.index("Body two first")].count("\n") + 1
    with caplog.at_level(logging.WARNING, logger="casualties.corpus"):
        titles = [a.title for a in read_articles([path])]
    assert titles == ["Fighting rages in the north", "A third story without a date", "Fourth story"]
    assert f"latin.txt:22: article 'Second story title': line {line}: not valid UTF-8" in (
        caplog.text
    )
    with pytest.raises(InputError, match=f"latin.txt:22: .*line {line}: not valid UTF-8"):
        read_articles([path], strict=True)


def test_non_utf8_json_line_is_skipped(tmp_path, caplog):
    path = tmp_path / "bad.jsonl"
    path.write_bytes(b'{"id": "a", "text": "caf\xe9"}\n{"id": "b", "text": "fine"}\n')
    with caplog.at_level(logging.WARNING, logger="casualties.corpus"):
        assert [a.doc_id for a in read_articles([path])] == ["b"]
    assert "bad.jsonl:1: not valid UTF-8 (byte 0xe9 at column 25) (line skipped)" in caplog.text


def test_file_of_bad_lines_is_not_called_empty(tmp_path, caplog):
    path = tmp_path / "bad.jsonl"
    path.write_text("{oops\n[1]\n", encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger="casualties.corpus"):
        assert read_articles([path]) == []
    assert "bad.jsonl:1: not valid JSON" in caplog.text and "bad.jsonl:2: not a JSON" in caplog.text
    assert "empty" not in caplog.text


def test_json_array_is_reported_and_json_lines_are_sniffed(tmp_path):
    array = tmp_path / "news.json"
    array.write_text('[{"text": "x"}]', encoding="utf-8")
    with pytest.raises(InputError, match="news.json: a JSON array"):
        read_articles([array], strict=True)
    unnamed = tmp_path / "news.data"
    unnamed.write_text('\ufeff{"id": "n1", "text": "Body."}\n', encoding="utf-8")
    assert [a.doc_id for a in read_articles([unnamed])] == ["n1"]


def test_empty_folder_is_reported(tmp_path):
    with pytest.raises(InputError, match="no .txt or .jsonl files"):
        read_articles([tmp_path], strict=True)


def _peak_memory_reading(path: Path) -> int:
    tracemalloc.start()
    try:
        for _ in iter_articles([path]):
            pass
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_reading_streams_without_holding_the_file(tmp_path, monkeypatch):
    # pytest keeps every log record; that is not the reader's memory.
    monkeypatch.setattr(corpus.articles.log, "disabled", True)
    raw = paths.DEFAULT_CORPUS.read_text(encoding="utf-8")
    read_articles()  # load langdetect's profiles before measuring
    peaks, sizes = [], []
    for copies in (4, 32):
        path = tmp_path / f"big{copies}.txt"
        with open(path, "w", encoding="utf-8") as handle:
            for number in range(copies):
                handle.write(raw.replace("election blues", f"election blues {number}") + "\n\n\n")
        sizes.append(path.stat().st_size)
        peaks.append(_peak_memory_reading(path))
    # Eight times the input (2 MB): memory stays about that of one article, not the file.
    assert peaks[1] < 2 * peaks[0]
    assert peaks[1] < sizes[1] / 5


# -- language, frame, CLI ------------------------------------------------------------------


def test_language_detection():
    assert detect_language("The Taliban said they had killed 20 soldiers in the attack.") == "en"
    french = "Les talibans ont attaqué la ville de Kunduz pendant la nuit, selon les autorités."
    assert detect_language(french) == "fr"
    assert detect_language("") == ""


def test_articles_frame_columns(embedded):
    frame = articles_frame(embedded)
    assert list(frame.columns) == list(corpus.CSV_COLUMNS)
    assert frame["n_chars"].tolist() == [len(a.text) for a in embedded]
    assert "text" in articles_frame(embedded, text=True).columns


def test_cli_table_lists_the_embedded_corpus(capsys):
    assert run_cli([]) == 0
    out = capsys.readouterr().out
    assert "(12 articles)" in out
    assert "2019-09-29  Voice of America" in out


def test_cli_writes_csv(tmp_path, embedded):
    out = tmp_path / "articles.csv"
    assert run_cli(["-o", str(out)]) == 0
    with open(out, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [row["doc_id"] for row in rows] == [a.doc_id for a in embedded]
    assert list(rows[0]) == list(corpus.CSV_COLUMNS)


def test_cli_bad_input_exits_2_and_writes_nothing(tmp_path, capsys):
    out = tmp_path / "articles.csv"
    assert run_cli([str(tmp_path / "missing.txt"), "-o", str(out)]) == 2
    assert "missing.txt" in capsys.readouterr().out
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": 1}\n', encoding="utf-8")
    assert run_cli([str(bad), "--strict", "-o", str(out)]) == 2
    assert not out.exists()
