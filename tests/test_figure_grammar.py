"""One figure grammar (issue 10): extract's figures always parse back in clean, the phrasings
the issue lists read right, ranges are low N / high M under every preset, and a user's
conventions file without a newer word falls back to the default preset with a warning."""

from __future__ import annotations

import logging

import pandas as pd
import pytest
from fixtures.extract.articles import make_article
from test_extract_phrasings import CASES

from casualties.clean import clean
from casualties.contract import CLAIM_COLUMNS
from casualties.extract import extract_article
from casualties.figures import (
    VAGUE_WORDS,
    Figure,
    find_figures,
    load_preset,
    parse_figure,
    to_range,
)


def _frame(rows: list[dict]) -> pd.DataFrame:
    df = pd.DataFrame(rows, columns=list(CLAIM_COLUMNS))
    return df.astype(object).where(df.notna(), "").astype(str)


def test_every_extracted_phrasing_parses_back_in_clean():
    rows = [
        row
        for case in CASES
        for row in extract_article(make_article(case["text"], outlet=case.get("outlet", "T")))
    ]
    assert len(rows) > 200
    cleaned = clean(_frame(rows))  # raises if any figure_text disagrees with value/qualifier
    for row, (_, out) in zip(rows, cleaned.iterrows(), strict=True):
        assert out["qualifier"] == row["qualifier"], row["figure_text"]
        expected = None if row["value"] is None else int(row["value"])
        assert (None if pd.isna(out["value"]) else int(out["value"])) == expected
        try:
            figure = parse_figure(row["figure_text"])
        except ValueError:
            continue  # "the", "Mullah X": taken as given (one person), listed in a warning
        assert (figure.value, figure.qualifier) == (expected, row["qualifier"])


#: The phrasings of issue 10 (and 15): (sentence, figure text, value, qualifier, high).
ISSUE_PHRASES = [
    ("A handful of civilians were killed", "A handful of", None, "vague", None),
    ("Two dozen soldiers died", "Two dozen", 24, "about", None),
    ("Half a dozen policemen were wounded", "Half a dozen", 6, "about", None),
    ("A score of Taliban fighters were killed", "A score of", 20, "about", None),
    ("Scores of civilians were killed", "Scores of", None, "vague", None),
    ("The airstrike killed between five and eight people", "between five and eight", 5,
     "at_least", 8),
    ("Five to eight people were killed", "Five to eight", 5, "at_least", 8),
    ("The blast killed 5-8 people", "5-8", 5, "at_least", 8),
    ("2,000-3,000 civilians were killed", "2,000-3,000", 2000, "at_least", 3000),
    ("At least eleven (11) people died", "At least eleven (11)", 11, "at_least", None),
    ("Nearly a hundred people were injured", "Nearly a hundred", 100, "nearly", None),
    ("Just under 50 people were killed", "Just under 50", 50, "nearly", None),
    ("Just over 50 people were killed", "Just over 50", 50, "more_than", None),
    ("Some 40 civilians were killed", "Some 40", 40, "about", None),
    ("Upwards of 30 soldiers were killed", "Upwards of 30", 30, "more_than", None),
    ("The death toll climbed to 1.2 thousand", "1.2 thousand", 1200, "exact", None),
    ("A couple of dozen fighters were killed", "A couple of dozen", 24, "about", None),
    ("An approximate 30 civilians were killed", "An approximate 30", 30, "about", None),
    ("Roughly a third of the 90 passengers were killed", "Roughly a third of the 90", 30,
     "about", None),
]  # fmt: skip


@pytest.mark.parametrize(("sentence", "text", "value", "qualifier", "high"), ISSUE_PHRASES)
def test_issue_phrases_read_right_in_extract_and_clean(sentence, text, value, qualifier, high):
    rows = extract_article(make_article(f"{sentence} in the attack, officials said."))
    assert [(r["figure_text"], r["value"], r["qualifier"]) for r in rows] == [
        (text, value, qualifier)
    ]
    assert parse_figure(text) == Figure(value, qualifier, parse_figure(text).vague, high)
    cleaned = clean(_frame(rows))
    assert cleaned["qualifier"].tolist() == [qualifier]
    if high is not None:
        assert (cleaned["low"].iloc[0], cleaned["high"].iloc[0]) == (value, high)


def test_a_third_of_the_90_is_never_90():
    rows = extract_article(make_article("Roughly a third of the 90 passengers were killed."))
    assert 90 not in [r["value"] for r in rows]


def test_a_change_from_n_to_m_is_not_a_range():
    rows = extract_article(make_article("The toll rose from 5 to 12 people killed, police said."))
    assert [(r["value"], r["qualifier"]) for r in rows] == [(12, "exact")]
    assert [m.figure for m in find_figures("rose from 5 to 12")][-1] == Figure(12, "exact")


@pytest.mark.parametrize("text", ["2001-2014", "fifty-two", "8-5"])
def test_not_ranges(text):
    figure = parse_figure(text) if text == "fifty-two" else None
    assert figure in (None, Figure(52, "exact"))
    assert all(m.figure.high is None for m in find_figures(f"in {text} people"))


@pytest.mark.parametrize("preset", ["default", "ucdp", "acled"])
@pytest.mark.parametrize(("low", "high"), [(5, 8), (2000, 3000), (1, 2), (10, 15)])
def test_a_range_is_low_n_high_m_under_every_preset(preset, low, high):
    got = to_range(parse_figure(f"between {low} and {high}"), load_preset(preset))
    assert (got[0], got[2]) == (low, high)
    assert low <= got[1] <= high
    assert to_range(parse_figure(f"{low:,}-{high:,}"), load_preset(preset)) == got


def test_brackets_must_agree():
    with pytest.raises(ValueError):
        parse_figure("eleven (12)")


def test_user_conventions_without_new_words_fall_back_with_a_warning(tmp_path, caplog):
    text = load_preset("acled").path.read_text(encoding="utf-8")
    old = "\n".join(
        line for line in text.splitlines() if not line.lstrip().startswith(("a handful:", "range:"))
    )
    path = tmp_path / "old.yaml"
    path.write_text(old, encoding="utf-8")
    with caplog.at_level(logging.WARNING):
        preset = load_preset(str(path))
    default = load_preset("default")
    assert "a handful" in VAGUE_WORDS
    assert preset.vague["a handful"] == default.vague["a handful"]
    assert preset.qualifiers["range"] == default.qualifiers["range"]
    assert preset.vague["dozens"] == (12, 12, 12)  # the user's own rows are kept
    assert any("'a handful'" in w and "default" in w for w in preset.warnings)
    assert "a handful" in caplog.text
    claims = _frame(extract_article(make_article("A handful of civilians were killed.")))
    out = clean(claims, conventions=str(path))
    assert out[["low", "best", "high"]].iloc[0].tolist() == list(default.vague["a handful"])
    assert any("'a handful'" in w for w in out.attrs["warnings"])


def test_every_figure_of_the_corpus_and_gold_articles_parses_back():
    from pathlib import Path

    from casualties.extract import extract

    gold = sorted((Path(__file__).parent / "fixtures" / "gold").glob("*_articles.jsonl"))
    claims = extract([*map(str, gold)]).astype(object)
    claims = claims.where(claims.notna(), "").astype(str)
    corpus = extract().astype(object)
    for table in (claims, corpus.where(corpus.notna(), "").astype(str)):
        assert len(table) > 50
        clean(table)  # strict: a figure_text that disagrees with value/qualifier raises
