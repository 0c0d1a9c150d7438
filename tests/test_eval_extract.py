"""The extractor evaluation itself: matching, scoring and the gold fixtures (not the extractor)."""

from __future__ import annotations

import importlib.util
import json
import sys
from collections import Counter
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "tests" / "fixtures" / "gold"
RAW = ROOT / "data" / "raw" / "000_1560744f44b8fd0a.txt"

_spec = importlib.util.spec_from_file_location(
    "eval_extract", ROOT / "benchmarks" / "eval_extract.py"
)
ev = importlib.util.module_from_spec(_spec)
sys.modules["eval_extract"] = ev
_spec.loader.exec_module(ev)


def gold_frame(rows: list[tuple]) -> pd.DataFrame:
    """rows: (doc_key, victim, outcome, value, claimant, quote_contains[, note])."""
    records = []
    for row in rows:
        doc, victim, outcome, value, claimant, quote, *rest = row
        records.append(
            {
                "doc_key": doc,
                "victim": victim,
                "outcome": outcome,
                "value": ev.canonical_value(value),
                "claimant": claimant,
                "quote_contains": quote,
                "note": rest[0] if rest else "",
            }
        )
    return pd.DataFrame(
        records,
        columns=["doc_key", "victim", "outcome", "value", "claimant", "quote_contains", "note"],
    )


def extracted_frame(rows: list[tuple]) -> pd.DataFrame:
    """rows: (title, victim, outcome, value, claimant, quote) as the extractor would give."""
    frame = pd.DataFrame(rows, columns=["title", "victim", "outcome", "value", "claimant", "quote"])
    return ev.prepare_extracted(frame, ev.embedded_key)


# --- normalisation -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (350, "350"),
        (350.0, "350"),
        ("350", "350"),
        ("2,400", "2400"),
        ("", ""),
        (None, ""),
        (float("nan"), ""),
        (pd.NA, ""),
        (" 0 ", "0"),
        (0, "0"),
    ],
)
def test_canonical_value(raw, expected):
    assert ev.canonical_value(raw) == expected


def test_normalize_key_folds_case_spaces_and_quotes():
    assert ev.normalize_key("Taliban attack northern provincial\u00a0capital") == (
        "taliban attack northern provincial capital"
    )
    assert ev.normalize_key("afghan gov’ment  says") == "afghan gov'ment says"
    assert ev.normalize_key(None) == ""


# --- matching ------------------------------------------------------------------------------


def test_exact_match_counts_once_and_scores():
    gold = gold_frame([("a", "taliban", "killed", 36, "afghan_gov", "36 Taliban")])
    extracted = extracted_frame(
        [("A", "taliban", "killed", 36.0, "afghan_gov", "... 36 Taliban ...")]
    )
    result = ev.match_claims(gold, extracted)
    scores = ev.score(result)
    assert (scores.gold, scores.extracted, scores.matched) == (1, 1, 1)
    assert scores.precision == scores.recall == scores.claimant_accuracy == 1.0


def test_one_to_one_gold_repeated_needs_two_extracted():
    gold = gold_frame(
        [
            ("a", "unspecified", "killed", 16, "media", "killed 16 in the latest"),
            ("a", "unspecified", "killed", 16, "media", "at least 16 people"),
        ]
    )
    extracted = extracted_frame(
        [("a", "unspecified", "killed", 16, "media", "at least 16 people were killed")]
    )
    result = ev.match_claims(gold, extracted)
    assert len(result.pairs) == 1
    assert len(result.misses) == 1
    # the miss reported is the sentence the extractor did not read
    assert result.gold.iloc[result.misses[0]].quote_contains == "killed 16 in the latest"
    scores = ev.score(result)
    assert scores.precision == 1.0 and scores.recall == 0.5


def test_duplicate_extractions_are_false_positives():
    gold = gold_frame([("a", "civilians", "wounded", 3, "media", "wounded three")])
    extracted = extracted_frame([("a", "civilians", "wounded", 3, "media", "wounded three")] * 3)
    result = ev.match_claims(gold, extracted)
    assert len(result.pairs) == 1 and len(result.false_positives) == 2
    assert ev.score(result).precision == pytest.approx(1 / 3)


def test_key_fields_must_all_agree():
    gold = gold_frame([("a", "taliban", "killed", 36, "afghan_gov", "")])
    near_misses = extracted_frame(
        [
            ("b", "taliban", "killed", 36, "afghan_gov", ""),  # other document
            ("a", "civilians", "killed", 36, "afghan_gov", ""),  # other victim
            ("a", "taliban", "wounded", 36, "afghan_gov", ""),  # other outcome
            ("a", "taliban", "killed", 35, "afghan_gov", ""),  # other value
        ]
    )
    result = ev.match_claims(gold, near_misses)
    assert result.pairs == ()
    assert len(result.misses) == 1 and len(result.false_positives) == 4


def test_vague_value_matches_only_empty_value():
    gold = gold_frame([("a", "civilians", "killed", "", "media", "dozens of civilians")])
    extracted = extracted_frame(
        [
            ("a", "civilians", "killed", float("nan"), "media", "dozens of civilians"),
            ("a", "civilians", "killed", 24, "media", "dozens of civilians"),
        ]
    )
    result = ev.match_claims(gold, extracted)
    assert len(result.pairs) == 1
    matched_extracted = result.extracted.iloc[result.pairs[0][1]]
    assert matched_extracted.value == ""
    assert len(result.false_positives) == 1


def test_claimant_accuracy_on_matched_pairs_only():
    gold = gold_frame(
        [
            ("a", "taliban", "killed", 36, "afghan_gov", "s1"),
            ("a", "afghan_forces", "killed", 21, "taliban", "s2"),
            ("a", "civilians", "killed", 4, "media", "s3"),  # missed: does not count
        ]
    )
    extracted = extracted_frame(
        [
            ("a", "taliban", "killed", 36, "afghan_gov", "s1"),
            ("a", "afghan_forces", "killed", 21, "media", "s2"),
        ]
    )
    scores = ev.score(ev.match_claims(gold, extracted))
    assert scores.matched == 2
    assert scores.claimant_correct == 1
    assert scores.claimant_accuracy == 0.5


def test_pairing_prefers_same_sentence_then_same_claimant():
    gold = gold_frame(
        [
            ("a", "us_forces", "killed", 1, "us_nato", "Trump tweeted"),
            ("a", "us_forces", "killed", 1, "media", "car bomb exploded"),
        ]
    )
    extracted = extracted_frame(
        [
            ("a", "us_forces", "killed", 1, "media", "A car bomb exploded and killed"),
            ("a", "us_forces", "killed", 1, "media", "Trump tweeted that it killed one"),
        ]
    )
    result = ev.match_claims(gold, extracted)
    pairs = {
        result.gold.iloc[g].quote_contains: result.extracted.iloc[e].quote for g, e in result.pairs
    }
    assert pairs["Trump tweeted"].startswith("Trump tweeted")
    assert ev.score(result).claimant_accuracy == 0.5
    # without sentence evidence, the pairing maximises claimant agreement
    extracted2 = extracted_frame(
        [
            ("a", "us_forces", "killed", 1, "media", "x"),
            ("a", "us_forces", "killed", 1, "us_nato", "y"),
        ]
    )
    assert ev.score(ev.match_claims(gold, extracted2)).claimant_accuracy == 1.0


def test_empty_frames():
    gold = gold_frame([("a", "taliban", "killed", 3, "media", "")])
    empty = ev.prepare_extracted(
        pd.DataFrame(columns=["title", "victim", "outcome", "value", "claimant", "quote"]),
        ev.embedded_key,
    )
    scores = ev.score(ev.match_claims(gold, empty))
    assert (scores.matched, scores.precision, scores.recall, scores.claimant_accuracy) == (
        0,
        0.0,
        0.0,
        0.0,
    )
    no_gold = gold_frame([])
    scores = ev.score(ev.match_claims(no_gold, empty))
    assert scores.precision == scores.recall == 1.0


def test_recall_by_tag_and_targets():
    gold = gold_frame(
        [
            ("a", "taliban", "killed", 50, "afghan_gov", "", ""),
            ("a", "taliban", "killed", 3, "afghan_gov", "", "[part]"),
            ("a", "taliban", "killed", 1, "afghan_gov", "", "[singular] [part]"),
        ]
    )
    extracted = extracted_frame(
        [
            ("a", "taliban", "killed", 50, "afghan_gov", ""),
            ("a", "taliban", "killed", 3, "afghan_gov", ""),
        ]
    )
    result = ev.match_claims(gold, extracted)
    assert ev.recall_by_tag(result) == {"part": (1, 2), "singular": (0, 1), "untagged": (1, 1)}
    scores = ev.score(result)
    failures = ev.meets_targets("embedded", scores)
    assert any("recall" in f for f in failures) and not any("precision" in f for f in failures)
    assert ev.meets_targets("unseen", ev.Scores(10, 10, 8, 0.8, 0.8, 0.8, 7, 0.875)) == []
    report = ev.format_report("embedded", result, scores)
    assert "misses (gold not extracted): 1" in report and "false positives" in report


claim_keys = st.tuples(
    st.sampled_from(["a", "b"]),
    st.sampled_from(["taliban", "civilians"]),
    st.sampled_from(["killed", "wounded"]),
    st.sampled_from(["", "1", "12"]),
)


@settings(max_examples=60, deadline=None)
@given(st.lists(claim_keys, max_size=12), st.lists(claim_keys, max_size=12), st.randoms())
def test_matched_is_sum_of_min_counts_and_order_free(gold_keys, extracted_keys, rnd):
    gold = gold_frame([(*k, "media", "") for k in gold_keys])
    shuffled = list(extracted_keys)
    rnd.shuffle(shuffled)
    extracted = extracted_frame([(*k, "media", "") for k in shuffled])
    result = ev.match_claims(gold, extracted)
    expected = sum(min(n, Counter(extracted_keys)[k]) for k, n in Counter(gold_keys).items())
    assert len(result.pairs) == expected
    assert len({g for g, _ in result.pairs}) == len({e for _, e in result.pairs}) == expected
    assert len(result.misses) + expected == len(gold_keys)
    assert len(result.false_positives) + expected == len(extracted_keys)


# --- gold files ------------------------------------------------------------------------------


def test_load_gold_rejects_bad_rows(tmp_path):
    path = tmp_path / "gold.csv"
    header = ",".join(ev.GOLD_COLUMNS)
    path.write_text(
        header
        + "\nd,soldiers,killed,3,exact,3,media,,,,,q,\nd,taliban,killed,,exact,,media,,,,,q,\n"
    )
    with pytest.raises(ev.GoldError) as info:
        ev.load_gold(path)
    message = str(info.value)
    assert f"{path}:2: victim='soldiers'" in message
    assert f"{path}:3: value must be empty exactly when qualifier is vague" in message
    path.write_text("doc_key,victim\n")
    with pytest.raises(ev.GoldError, match="missing columns"):
        ev.load_gold(path)


def _embedded_segments() -> dict[str, str]:
    """Article text by doc_key: from a title line to the next title line."""
    text = RAW.read_text(encoding="utf-8")
    keys = set(ev.load_gold(GOLD / "embedded_claims.csv").doc_key) | {"election blues"}
    starts, offset = [], 0
    for line in text.split("\n"):
        if ev.normalize_key(line) in keys and ev.normalize_key(line) not in dict(starts):
            starts.append((ev.normalize_key(line), offset))
        offset += len(line) + 1
    bounds = [*(s for _, s in starts[1:]), len(text)]
    return {key: text[start:end] for (key, start), end in zip(starts, bounds, strict=True)}


def test_embedded_gold_is_valid_and_quotes_are_in_their_article():
    gold = ev.load_gold(GOLD / "embedded_claims.csv")
    segments = _embedded_segments()
    assert len(segments) == 12
    assert len(gold) >= 60
    for row in gold.itertuples():
        assert row.doc_key in segments, row.doc_key
        assert ev.normalize_key(row.quote_contains) in ev.normalize_key(segments[row.doc_key]), row


def test_unseen_gold_is_valid_and_covers_the_brief():
    articles = [
        json.loads(line)
        for line in (GOLD / "unseen_articles.jsonl").read_text("utf-8").splitlines()
        if line.strip()
    ]
    by_id = {a["id"]: a for a in articles}
    assert len(by_id) == len(articles)
    for article in articles:
        assert set(article) >= {"id", "title", "outlet", "published", "text"}
        pd.Timestamp(article["published"])  # ISO date
    gold = ev.load_gold(GOLD / "unseen_claims.csv")
    for row in gold.itertuples():
        assert row.doc_key in by_id, row.doc_key
        assert row.quote_contains in by_id[row.doc_key]["text"], row
    claimed = set(gold.doc_key)
    english = [a for a in articles if a["id"] in claimed]
    assert len(english) >= 15
    assert len(articles) - len(english) >= 1  # the non-English articles: no claims
    assert set(gold.claimant) >= {
        "un",
        "afghan_gov",
        "taliban",
        "us_nato",
        "other_armed_group",
        "ngo",
        "media",
    }
    assert {"vague", "exact", "more_than", "at_least", "about", "up_to", "nearly"} <= set(
        gold.qualifier
    )
    assert {"killed", "wounded", "detained"} == set(gold.outcome)


def test_gold_scored_against_itself_is_perfect():
    gold = ev.load_gold(GOLD / "embedded_claims.csv")
    as_extracted = gold.rename(columns={"quote_contains": "quote"}).assign(
        title=gold.doc_key.str.upper()
    )
    result = ev.match_claims(gold, ev.prepare_extracted(as_extracted, ev.embedded_key))
    scores = ev.score(result)
    assert scores.precision == scores.recall == scores.claimant_accuracy == 1.0


# --- command line --------------------------------------------------------------------------


def _claims_csv(tmp_path: Path, gold_name: str, key_column: str, drop: int = 0) -> Path:
    gold = ev.load_gold(GOLD / gold_name)
    claims = gold.rename(columns={"quote_contains": "quote"}).assign(**{key_column: gold.doc_key})
    path = tmp_path / f"{gold_name}.claims.csv"
    claims.iloc[drop:].to_csv(path, index=False)
    return path


def test_main_check_passes_on_gold_and_fails_below_targets(tmp_path, capsys):
    embedded = _claims_csv(tmp_path, "embedded_claims.csv", "title")
    news = {name: _claims_csv(tmp_path, f"{name}_claims.csv", "doc_id") for name in ev.NEWS_SETS}
    news_args = [arg for name, path in news.items() for arg in (f"--claims-{name}", str(path))]
    args = ["--claims-embedded", str(embedded), *news_args, "--json", str(tmp_path / "s.json")]
    assert ev.main([*args, "--check"]) == 0
    out = capsys.readouterr().out
    assert "precision 1.000  recall 1.000" in out and "all targets met" in out
    assert json.loads((tmp_path / "s.json").read_text())["unseen"]["matched"] > 0
    poor = _claims_csv(tmp_path, "unseen_claims.csv", "doc_id", drop=60)
    args = ["--set", "unseen", "--claims-unseen", str(poor)]
    assert ev.main(args) == 0  # a measurement
    assert ev.main([*args, "--check"]) == 1
    assert "unseen: recall" in capsys.readouterr().out


def test_missing_extractor_is_reported_not_raised(monkeypatch, capsys):
    def missing(inputs):
        raise ImportError("no extractor yet")

    monkeypatch.setattr(ev, "_run_extractor", missing)
    assert ev.main(["--set", "embedded"]) == 0
    assert "extractor missing" in capsys.readouterr().out
    assert ev.main(["--set", "embedded", "--check"]) == 1


def test_per_document_counts():
    gold = gold_frame(
        [("a", "taliban", "killed", 3, "media", ""), ("b", "taliban", "killed", 4, "media", "")]
    )
    extracted = extracted_frame(
        [("A", "taliban", "killed", 3, "media", ""), ("c", "taliban", "killed", 1, "media", "")]
    )
    assert ev.per_document(ev.match_claims(gold, extracted)) == [
        ("a", 1, 1, 1),
        ("b", 1, 0, 0),
        ("c", 0, 1, 0),
    ]
