"""The incident evaluation itself (benchmarks/eval_incidents.py): metrics and scoring."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import SimpleNamespace

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location(
    "eval_incidents", ROOT / "benchmarks" / "eval_incidents.py"
)
ei = importlib.util.module_from_spec(_spec)
sys.modules["eval_incidents"] = ei
_spec.loader.exec_module(ei)


def test_pairwise_scores_on_a_split_and_a_merge():
    gold = ["a", "a", "a", "b"]
    # a split of event a into two incidents, and b merged into one of them
    predicted = ["x", "x", "y", "y"]
    precision, recall = ei.pairwise_scores(gold, predicted)
    # predicted pairs: (0,1) right, (2,3) wrong; gold pairs: (0,1), (0,2), (1,2)
    assert precision == pytest.approx(0.5)
    assert recall == pytest.approx(1 / 3)


def test_bcubed_perfect_and_all_in_one():
    assert ei.bcubed_scores(["a", "a", "b"], ["1", "1", "2"]) == (1.0, 1.0)
    precision, recall = ei.bcubed_scores(["a", "a", "b"], ["1", "1", "1"])
    assert precision == pytest.approx((2 / 3 + 2 / 3 + 1 / 3) / 3)
    assert recall == 1.0


@given(st.lists(st.sampled_from("abc"), min_size=1, max_size=30))
def test_metrics_are_perfect_for_any_relabelling(gold):
    predicted = [{"a": "z", "b": "y", "c": "x"}[g] for g in gold]
    assert ei.pairwise_scores(gold, predicted) == (1.0, 1.0)
    assert ei.bcubed_scores(gold, predicted) == pytest.approx((1.0, 1.0))


def test_interval_score_penalises_misses_by_distance():
    assert ei.interval_score(10, 20, 15) == 10
    assert ei.interval_score(10, 20, 25) == pytest.approx(10 + 20 * 5)
    assert ei.interval_score(10, 20, 8) == pytest.approx(10 + 20 * 2)


def test_event_incident_is_the_plurality_incident():
    matched = pd.DataFrame(
        {"event_id": ["E1", "E1", "E1", "E2"], "incident_id": ["I2", "I1", "I1", "I2"]}
    )
    assert ei.event_incidents(matched) == {"E1": "I1", "E2": "I2"}


def _linked(rows):
    columns = ["doc_id", "title", "incident_id", "scope", "claim_id", "published",
               "claimant", "victim", "outcome", "value", "qualifier", "low", "best", "high",
               "quote"]  # fmt: skip
    return pd.DataFrame(rows, columns=columns)


def _gold_set(claims, figures, verified):
    claims = pd.DataFrame(
        claims, columns=["doc_key", "victim", "outcome", "value", "claimant", "event_id"]
    )
    claims["quote_contains"] = ""
    figures = pd.DataFrame(
        figures, columns=["event_id", "claimant", "victim", "outcome", "value", "qualifier"]
    )
    verified = pd.DataFrame(
        verified, columns=["event_id", "victim", "outcome", "value", "low", "high", "source"]
    )
    events = pd.DataFrame({"event_id": ["E1", "E2", "B1"], "kind": ["main", "main", "background"]})
    return ei.GoldSet("toy", [], claims, events, figures, verified, {"d1", "d2"})


def test_score_set_counts_whole_events_merges_figures_and_coverage():
    linked = _linked(
        [
            ("d1", "", "INC-1", "incident", "c1", "2019-09-05", "afghan_gov", "civilians",
             "killed", 10, "exact", 10, 10, 10, "q1"),
            ("d2", "", "INC-1", "incident", "c2", "2019-09-06", "media", "civilians",
             "killed", 12, "exact", 12, 12, 12, "q2"),
            ("d2", "", "INC-1", "incident", "c3", "2019-09-06", "media", "taliban",
             "killed", 3, "exact", 3, 3, 3, "q3"),
            ("d2", "", "INC-2", "incident", "c4", "2019-09-06", "media", "taliban",
             "killed", 5, "exact", 5, 5, 5, "q4"),
        ]
    )  # fmt: skip
    comparison = pd.DataFrame(
        {
            "incident_id": ["INC-1", "INC-1", "INC-2"],
            "victim": ["civilians", "taliban", "taliban"],
            "outcome": ["killed"] * 3,
            "scope": ["incident"] * 3,
            "consensus_low": [10, 3, 5],
            "consensus_best": [11, 3, 5],
            "consensus_high": [12, 3, 5],
        }
    )
    results = SimpleNamespace(claims=linked, comparison=comparison)
    gold = _gold_set(
        claims=[
            ("d1", "civilians", "killed", "10", "afghan_gov", "E1"),
            ("d2", "civilians", "killed", "12", "media", "E1"),
            ("d2", "taliban", "killed", "3", "media", "B1"),  # background, merged into INC-1
            ("d2", "taliban", "killed", "5", "media", "E2"),
        ],
        figures=[
            ("E1", "afghan_gov", "civilians", "killed", "10", "exact"),
            ("E1", "media", "civilians", "killed", "13", "exact"),  # wrong
            ("E2", "media", "taliban", "killed", "5", "exact"),
        ],
        verified=[
            ("E1", "civilians", "killed", 11, 11, 11, "x"),
            ("E2", "taliban", "killed", 9, 9, 9, "x"),
        ],  # fmt: skip
    )
    scores = ei.score_set(gold, results, rejected=0, seconds=0.0)
    assert scores.matched_claims == 4
    assert (scores.events, scores.events_whole) == (2, 2)
    assert scores.merges == 1
    assert (scores.figures, scores.figures_right) == (3, 2)
    assert (scores.coverage_rows, scores.coverage_inside) == (2, 1)
    assert scores.interval_score == pytest.approx((2 + 0 + 0 + 80) / 2)
    assert ei.missed_targets("toy", scores)  # a merge and a wrong figure miss the targets


@pytest.mark.parametrize(
    "name",
    [
        "seed",
        "other",
        "heldout",
        "unseen",
        "dev3",
        "unseen3",
        "dev4",
        "unseen4",
        "dev5",
        "unseen5",
        "dev6",
        "dev7",
        "unseen6",
        "unseen7",
    ],
)
def test_gold_sets_load_and_their_quotes_are_in_their_articles(name):
    import json

    gold = ei.load_set(name)
    assert gold.events["kind"].isin(["main", "background"]).all()
    assert (gold.events["kind"] == "main").sum() >= 4
    texts = {}
    for path in gold.inputs:
        if path.suffix == ".jsonl":
            with open(path, encoding="utf-8") as handle:
                for line in handle:
                    record = json.loads(line)
                    texts[record["id"]] = ei.ev.normalize_key(record["text"])
    claims = gold.claims[gold.claims["doc_key"].isin(texts)]
    assert len(claims) > 100
    missing = [
        (row.doc_key, row.quote_contains)
        for row in claims.itertuples()
        if ei.ev.normalize_key(row.quote_contains) not in texts[row.doc_key]
    ]
    assert not missing
