"""Measure incidents end to end against hand-annotated incident gold sets.

What a reader of the reports sees is the incident: one event, every outlet's and party's
figure. Each set (``tests/fixtures/incidents/<set>/``, format in its README) is run through
extract -> clean -> analyse as a user would; extracted claims are matched one-to-one to the
gold claims (document, victim, outcome, value: ``eval_extract.match_claims``), and on the
matched claims the script scores:

- clustering: pairwise and B-cubed precision / recall of claim -> incident against the gold
  event of each claim (period totals, which have no event, are left out);
- events whole: main events with at least 80 % of their matched claims in one incident;
- merges: pairs of distinct gold events whose claims share an incident;
- per-claimant figures: the gold figure of each event x claimant x victim x outcome against
  the figure the pipeline gives for that claimant in the event's incident;
- calibration: verified tolls inside the consensus range of the event's incident, and the
  interval score of that range (as a 90 % interval).

    .venv/bin/python benchmarks/eval_incidents.py                 # the development sets
    .venv/bin/python benchmarks/eval_incidents.py --set heldout   # the first held-out set
    .venv/bin/python benchmarks/eval_incidents.py --set unseen3 --brief  # kept unseen: scores only

A measurement: it exits 0 whatever the scores, 1 with ``--check`` below the targets.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import logging
import sys
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
INCIDENT_GOLD = ROOT / "tests" / "fixtures" / "incidents"
EMBEDDED_CORPUS = ROOT / "data" / "raw" / "000_1560744f44b8fd0a.txt"


def _load_eval_extract():
    if "eval_extract" in sys.modules:
        return sys.modules["eval_extract"]
    spec = importlib.util.spec_from_file_location(
        "eval_extract", Path(__file__).with_name("eval_extract.py")
    )
    module = importlib.util.module_from_spec(spec)
    sys.modules["eval_extract"] = module
    spec.loader.exec_module(module)
    return module


ev = _load_eval_extract()

#: set name -> (folders of gold, whether the embedded corpus is part of the set)
SETS: dict[str, tuple[tuple[str, ...], bool]] = {
    "seed": (("seed",), True),
    "other": (("other",), False),
    "dev": (("seed", "other"), True),
    "heldout": (("heldout",), False),
    "unseen": (("unseen",), False),
    "dev3": (("dev3",), False),
    "unseen3": (("unseen3",), False),
    "dev4": (("dev4",), False),
    "unseen4": (("unseen4",), False),
    "dev5": (("dev5",), False),
    "unseen5": (("unseen5",), False),
    "dev6": (("dev6",), False),
    "dev7": (("dev7",), False),
    "unseen6": (("unseen6",), False),
    "unseen7": (("unseen7",), False),
}
DEV_SETS = ("seed", "other", "dev")
#: an event is whole when this share of its matched claims is in one incident
WHOLE_SHARE = 0.8
#: the consensus range is scored as a central interval of this coverage
INTERVAL_ALPHA = 0.1
TARGETS = {"events_whole": 0.90, "merges": 0, "figures": 0.90, "coverage": 0.80}

EVENT_COLUMNS = ("event_id", "kind", "date_start", "date_end", "province", "district")
FIGURE_COLUMNS = ("event_id", "claimant", "victim", "outcome", "value", "qualifier")
VERIFIED_COLUMNS = ("event_id", "victim", "outcome", "value", "source")


@dataclass
class GoldSet:
    name: str
    inputs: list[Path]
    claims: pd.DataFrame
    events: pd.DataFrame
    figures: pd.DataFrame
    verified: pd.DataFrame
    article_ids: set[str]


def _read(path: Path, required: Sequence[str]) -> pd.DataFrame:
    table = pd.read_csv(path, dtype=str, keep_default_na=False)
    missing = [c for c in required if c not in table.columns]
    if missing:
        raise ev.GoldError(f"{path}: missing columns {missing}")
    return table


def load_set(name: str, gold_dir: Path = INCIDENT_GOLD) -> GoldSet:
    """Read one set's files (several folders for a combined set) and check their references."""
    folders, embedded = SETS[name]
    inputs = [EMBEDDED_CORPUS] if embedded else []
    claims, events, figures, verified, ids = [], [], [], [], set()
    for folder in folders:
        base = gold_dir / folder
        inputs.append(base / "articles.jsonl")
        with open(base / "articles.jsonl", encoding="utf-8") as handle:
            ids |= {str(json.loads(line)["id"]) for line in handle if line.strip()}
        gold = ev.load_gold(base / "claims.csv")
        if "event_id" not in gold.columns:
            raise ev.GoldError(f"{base / 'claims.csv'}: missing column event_id")
        claims.append(gold)
        events.append(_read(base / "events.csv", EVENT_COLUMNS))
        table = _read(base / "claimant_figures.csv", FIGURE_COLUMNS)
        table["value"] = table["value"].map(ev.canonical_value)
        figures.append(table)
        table = _read(base / "verified.csv", VERIFIED_COLUMNS)
        for column in ("value", "low", "high"):
            if column not in table.columns:
                table[column] = table["value"]
            table[column] = pd.to_numeric(table[column].where(table[column] != "", table["value"]))
        verified.append(table)
    gold_set = GoldSet(
        name,
        inputs,
        pd.concat(claims, ignore_index=True),
        pd.concat(events, ignore_index=True),
        pd.concat(figures, ignore_index=True),
        pd.concat(verified, ignore_index=True),
        ids,
    )
    known = set(gold_set.events["event_id"])
    for label, table in (("claims", gold_set.claims), ("claimant_figures", gold_set.figures),
                         ("verified", gold_set.verified)):  # fmt: skip
        unknown = sorted(set(table["event_id"]) - known - {""})
        if unknown:
            raise ev.GoldError(f"{name}: {label} name events not in events.csv: {unknown}")
    return gold_set


def _clean_quarantined(claims: pd.DataFrame, preset: str) -> tuple[pd.DataFrame, int]:
    """Clean; when the table is refused, clean row by row and leave out the refused rows
    (what a user would do by hand), counting them."""
    from casualties.clean import clean
    from casualties.errors import InputError

    try:
        return clean(claims, preset=preset), 0
    except InputError:
        kept = []
        for i in range(len(claims)):
            try:
                kept.append(clean(claims.iloc[[i]], preset=preset))
            except InputError:
                continue
        rejected = len(claims) - len(kept)
        return (pd.concat(kept, ignore_index=True) if kept else claims.iloc[0:0]), rejected


def run_pipeline(inputs: list[Path], preset: str = "default", draws: int = 1000):
    """extract -> clean -> analyse, as ``casualties build`` runs them."""
    from casualties.analyse import analyse
    from casualties.extract import extract

    claims = extract(inputs)
    clean, rejected = _clean_quarantined(claims, preset)
    return analyse(clean, preset=preset, seed=0, draws=draws), rejected


def doc_key_function(article_ids: set[str]):
    def key(row: pd.Series) -> str:
        doc_id = str(row.get("doc_id", ""))
        return doc_id if doc_id in article_ids else ev.normalize_key(row.get("title", ""))

    return key


# ---------------------------------------------------------------- clustering


def pairwise_scores(gold: Sequence[str], predicted: Sequence[str]) -> tuple[float, float]:
    """Pairwise precision and recall of a clustering (pairs of items put together)."""
    gold, predicted = list(gold), list(predicted)
    both = Counter(zip(gold, predicted, strict=True))
    same_both = sum(n * (n - 1) / 2 for n in both.values())
    same_pred = sum(n * (n - 1) / 2 for n in Counter(predicted).values())
    same_gold = sum(n * (n - 1) / 2 for n in Counter(gold).values())
    precision = same_both / same_pred if same_pred else 1.0
    recall = same_both / same_gold if same_gold else 1.0
    return precision, recall


def bcubed_scores(gold: Sequence[str], predicted: Sequence[str]) -> tuple[float, float]:
    """B-cubed precision and recall (per item, then averaged)."""
    gold, predicted = list(gold), list(predicted)
    if not gold:
        return 1.0, 1.0
    both = Counter(zip(gold, predicted, strict=True))
    n_gold, n_pred = Counter(gold), Counter(predicted)
    precision = np.mean([both[(g, p)] / n_pred[p] for g, p in zip(gold, predicted, strict=True)])
    recall = np.mean([both[(g, p)] / n_gold[g] for g, p in zip(gold, predicted, strict=True)])
    return float(precision), float(recall)


@dataclass
class IncidentScores:
    gold_claims: int
    extracted_claims: int
    matched_claims: int
    rejected_by_clean: int
    claim_precision: float
    claim_recall: float
    clustered_claims: int
    pairwise_precision: float
    pairwise_recall: float
    bcubed_precision: float
    bcubed_recall: float
    events: int
    events_whole: int
    fragments_per_event: float
    merges: int
    figures: int
    figures_right: int
    coverage_rows: int
    coverage_inside: int
    interval_score: float
    seconds: float
    details: dict = field(default_factory=dict)

    def share(self, part: str, whole: str) -> float:
        total = getattr(self, whole)
        return getattr(self, part) / total if total else float("nan")


def event_incidents(matched: pd.DataFrame) -> dict[str, str]:
    """Each gold event's incident: the one holding most of its matched claims (ties: first id)."""
    counts = matched.groupby(["event_id", "incident_id"]).size().rename("n").reset_index()
    counts = counts.sort_values(["event_id", "n", "incident_id"], ascending=[True, False, True])
    return dict(counts.drop_duplicates("event_id")[["event_id", "incident_id"]].to_numpy())


def predicted_claimant_figures(linked: pd.DataFrame) -> pd.DataFrame:
    """Per (incident_id, claimant, victim, outcome): the stated ``value`` the pipeline gives.

    From ``casualties.analyse.claimant_figures`` when it carries the stated value and
    qualifier; a package whose table has only ``type_best`` (the best of the latest claim)
    is read the same way: the value of the latest claim, ties the higher best.
    """
    from casualties.analyse import claimant_figures

    table = claimant_figures(linked)
    if {"value", "qualifier"} <= set(table.columns):
        table = table.copy()
        table["value"] = table["value"].map(ev.canonical_value)
        return table[["incident_id", "claimant", "victim", "outcome", "value", "qualifier"]]
    ordered = linked.sort_values(["published", "best"], kind="stable")
    latest = ordered.groupby(["incident_id", "claimant", "victim", "outcome"]).tail(1)
    latest = latest[["incident_id", "claimant", "victim", "outcome", "value", "qualifier"]]
    latest = latest.copy()
    latest["value"] = latest["value"].map(ev.canonical_value)
    return latest.reset_index(drop=True)


def _consensus_ranges(results) -> dict[tuple[str, str, str], tuple[float, float, float]]:
    from casualties.analyse import combined_per_incident

    comparison = results.comparison
    ranges = {
        (r.incident_id, r.victim, r.outcome): (r.consensus_low, r.consensus_best, r.consensus_high)
        for r in comparison.itertuples(index=False)
    }
    for r in combined_per_incident(comparison).itertuples(index=False):
        ranges[(r.incident_id, "all", r.outcome)] = (r.low, r.best, r.high)
    return ranges


def interval_score(low: float, high: float, value: float, alpha: float = INTERVAL_ALPHA) -> float:
    """Gneiting & Raftery's interval score: width plus 2/alpha times the miss distance."""
    return (high - low) + (2 / alpha) * max(low - value, 0) + (2 / alpha) * max(value - high, 0)


def score_set(gold_set: GoldSet, results, rejected: int, seconds: float) -> IncidentScores:
    linked = results.claims
    gold = gold_set.claims.reset_index(drop=True)
    extracted = ev.prepare_extracted(linked, doc_key_function(gold_set.article_ids))
    match = ev.match_claims(gold, extracted)
    claim_scores = ev.score(match)
    rows = [
        {
            "gold": g,
            "event_id": gold.at[g, "event_id"],
            "incident_id": extracted.at[e, "incident_id"],
        }
        for g, e in match.pairs
    ]
    matched = pd.DataFrame(rows, columns=["gold", "event_id", "incident_id"])
    clustered = matched[matched["event_id"] != ""]
    pairwise = pairwise_scores(clustered["event_id"], clustered["incident_id"])
    bcubed = bcubed_scores(clustered["event_id"], clustered["incident_id"])
    kinds = dict(zip(gold_set.events["event_id"], gold_set.events["kind"], strict=True))
    mapping = event_incidents(clustered)

    whole, fragments, split_events = 0, [], []
    main_events = [e for e, k in kinds.items() if k == "main"]
    considered = 0
    for event in main_events:
        members = clustered[clustered["event_id"] == event]
        if members.empty:
            continue
        considered += 1
        counts = members["incident_id"].value_counts()
        fragments.append(len(counts))
        if counts.iloc[0] / len(members) >= WHOLE_SHARE:
            whole += 1
        else:
            split_events.append(f"{event}: { ({k: int(v) for k, v in counts.items()}) }")

    merged_pairs = []
    for incident, members in clustered.groupby("incident_id"):
        events = sorted(set(members["event_id"]))
        for a in range(len(events)):
            for b in range(a + 1, len(events)):
                merged_pairs.append(f"{incident}: {events[a]} + {events[b]}")

    predicted = predicted_claimant_figures(linked)
    lookup = {
        (r.incident_id, r.claimant, r.victim, r.outcome): (r.value, r.qualifier)
        for r in predicted.itertuples(index=False)
    }
    figures_right, wrong_figures = 0, []
    figures = gold_set.figures[gold_set.figures["event_id"].isin(main_events)]
    for r in figures.itertuples(index=False):
        incident = mapping.get(r.event_id)
        got = lookup.get((incident, r.claimant, r.victim, r.outcome)) if incident else None
        if got is not None and got[0] == r.value:
            figures_right += 1
        else:
            shown = "no incident" if incident is None else ("no row" if got is None else got[0])
            wrong_figures.append(
                f"{r.event_id} {r.claimant} {r.victim} {r.outcome}: gold {r.value or 'vague'}"
                f" -> {shown or 'vague'} ({incident})"
            )

    ranges = _consensus_ranges(results)
    inside, scores, calibration = 0, [], []
    for r in gold_set.verified.itertuples(index=False):
        incident = mapping.get(r.event_id)
        found = ranges.get((incident, r.victim, r.outcome)) if incident else None
        if found is None:
            calibration.append(f"{r.event_id} {r.victim} {r.outcome} {r.value:g}: no range")
            continue
        low, best, high = found
        hit = low <= r.value <= high
        inside += hit
        scores.append(interval_score(low, high, r.value))
        calibration.append(
            f"{r.event_id} {r.victim} {r.outcome} {r.value:g}: {low:g}-{best:g}-{high:g}"
            f" {'inside' if hit else 'OUTSIDE'} ({incident})"
        )
    details = {
        "split_events": split_events,
        "merged_pairs": merged_pairs,
        "wrong_figures": wrong_figures,
        "calibration": calibration,
    }
    return IncidentScores(
        gold_claims=claim_scores.gold,
        extracted_claims=claim_scores.extracted,
        matched_claims=claim_scores.matched,
        rejected_by_clean=rejected,
        claim_precision=claim_scores.precision,
        claim_recall=claim_scores.recall,
        clustered_claims=len(clustered),
        pairwise_precision=pairwise[0],
        pairwise_recall=pairwise[1],
        bcubed_precision=bcubed[0],
        bcubed_recall=bcubed[1],
        events=considered,
        events_whole=whole,
        fragments_per_event=float(np.mean(fragments)) if fragments else float("nan"),
        merges=len(merged_pairs),
        figures=len(figures),
        figures_right=figures_right,
        coverage_rows=len(gold_set.verified),
        coverage_inside=inside,
        interval_score=float(np.mean(scores)) if scores else float("nan"),
        seconds=seconds,
        details=details,
    )


def evaluate(name: str, gold_dir: Path = INCIDENT_GOLD, preset: str = "default"):
    gold_set = load_set(name, gold_dir)
    started = time.perf_counter()
    results, rejected = run_pipeline(gold_set.inputs, preset)
    return score_set(gold_set, results, rejected, time.perf_counter() - started)


def format_scores(name: str, s: IncidentScores, details: bool = True) -> str:
    lines = [
        f"== {name} ==",
        f"claims: gold {s.gold_claims}  extracted {s.extracted_claims}  matched"
        f" {s.matched_claims}  (P {s.claim_precision:.3f} R {s.claim_recall:.3f};"
        f" refused by clean {s.rejected_by_clean})",
        f"clustering of {s.clustered_claims} matched claims: pairwise P {s.pairwise_precision:.3f}"
        f" R {s.pairwise_recall:.3f}; B-cubed P {s.bcubed_precision:.3f} R {s.bcubed_recall:.3f}",
        f"events whole {s.events_whole}/{s.events} ({s.share('events_whole', 'events'):.0%});"
        f" fragments per event {s.fragments_per_event:.2f}; merges of distinct events {s.merges}",
        f"per-claimant figures right {s.figures_right}/{s.figures}"
        f" ({s.share('figures_right', 'figures'):.0%})",
        f"verified tolls inside the consensus range {s.coverage_inside}/{s.coverage_rows}"
        f" ({s.share('coverage_inside', 'coverage_rows'):.0%}); mean interval score"
        f" {s.interval_score:.1f}",
        f"(pipeline {s.seconds:.1f} s)",
    ]
    if details:
        for title, items in s.details.items():
            lines.append(f"-- {title.replace('_', ' ')}: {len(items)}")
            lines.extend(f"   {item}" for item in items)
    return "\n".join(lines)


def missed_targets(name: str, s: IncidentScores) -> list[str]:
    failures = []
    if s.share("events_whole", "events") < TARGETS["events_whole"]:
        failures.append(f"{name}: events whole {s.share('events_whole', 'events'):.2f}")
    if s.merges > TARGETS["merges"]:
        failures.append(f"{name}: {s.merges} merges of distinct events")
    if s.share("figures_right", "figures") < TARGETS["figures"]:
        failures.append(f"{name}: per-claimant figures {s.share('figures_right', 'figures'):.2f}")
    if s.share("coverage_inside", "coverage_rows") < TARGETS["coverage"]:
        failures.append(f"{name}: coverage {s.share('coverage_inside', 'coverage_rows'):.2f}")
    return failures


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", choices=(*SETS, "all-dev"), default="all-dev")
    parser.add_argument("--gold-dir", type=Path, default=INCIDENT_GOLD)
    parser.add_argument("--preset", default="default")
    parser.add_argument("--brief", action="store_true", help="scores only, no lists")
    parser.add_argument("--check", action="store_true", help="exit 1 when below the targets")
    parser.add_argument("--json", type=Path, help="also write the scores as JSON here")
    args = parser.parse_args(argv)
    logging.disable(logging.WARNING)
    names = list(DEV_SETS) if args.set == "all-dev" else [args.set]
    failures, summary = [], {}
    for name in names:
        if not all((args.gold_dir / f).is_dir() for f in SETS[name][0]):
            print(f"== {name} ==\nnot measured: no gold in {args.gold_dir}\n")
            continue
        scores = evaluate(name, args.gold_dir, args.preset)
        print(format_scores(name, scores, details=not args.brief) + "\n")
        failures.extend(missed_targets(name, scores))
        summary[name] = asdict(scores)
    if args.json:
        from casualties.io import write_text_atomic

        write_text_atomic(json.dumps(summary, indent=2, default=str) + "\n", args.json)
    print(("below target:\n  " + "\n  ".join(failures)) if failures else "all targets met")
    return 1 if args.check and failures else 0


if __name__ == "__main__":
    sys.exit(main())
