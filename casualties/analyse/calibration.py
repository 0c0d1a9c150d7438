"""Calibration: do the consensus ranges contain the tolls verified later?

A verified toll (UNAMA's verification of one attack, a UCDP event, a final official toll
reported days later: ``data/reference/verified_tolls.csv``) is matched to the incident of
its date and place, and compared with that incident's consensus range for its victim group
and outcome (``all``: every group together, parts counted once). The share of tolls inside
the range and the interval score judge a preset or a rule change (docs/analysis.md,
"Calibration").
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from casualties.analyse.compare import combined_per_incident
from casualties.analyse.link import event_period, link_rules
from casualties.analyse.table import (
    NO_DAY,
    day_numbers,
    empty_table,
    join_distinct,
    require_columns,
)
from casualties.contract import vocabulary
from casualties.errors import InputError
from casualties.io import read_csv_text
from casualties.paths import REFERENCE

VERIFIED_CSV = REFERENCE / "verified_tolls.csv"
VERIFIED_COLUMNS = ("toll_id", "date_start", "date_end", "province", "district", "victim",
                    "outcome", "value", "low", "high", "source", "source_note")  # fmt: skip
#: the consensus range is scored as a central interval of this coverage
INTERVAL_ALPHA = 0.1
CALIBRATION_COLUMNS = [
    "toll_id", "victim", "outcome", "verified", "verified_low", "verified_high", "source",
    "incident_id", "consensus_low", "consensus_best", "consensus_high", "inside",
    "interval_score",
]  # fmt: skip


def read_verified(path: str | Path | None = None) -> pd.DataFrame:
    """The verified tolls (default: the shipped table), checked: InputError names the row."""
    path = Path(path) if path is not None else VERIFIED_CSV
    table = read_csv_text(path)
    missing = [c for c in VERIFIED_COLUMNS if c not in table.columns]
    if missing:
        raise InputError(f"{path}: missing column(s) {', '.join(missing)}")
    problems = []
    victims = {*vocabulary("victim"), "all"}
    for row, record in enumerate(table.itertuples(index=False), start=2):
        if record.victim not in victims:
            problems.append(f"line {row}: victim {record.victim!r} is not one of {sorted(victims)}")
        if record.outcome not in vocabulary("outcome"):
            problems.append(f"line {row}: outcome {record.outcome!r} is not an outcome")
        numbers = [record.value, record.low or record.value, record.high or record.value]
        if not all(str(n).isdigit() for n in numbers):
            problems.append(f"line {row}: value, low and high must be whole numbers")
        elif not int(numbers[1]) <= int(numbers[0]) <= int(numbers[2]):
            problems.append(f"line {row}: needs low <= value <= high")
        if (day_numbers(pd.Series([record.date_start, record.date_end])) == NO_DAY).any():
            problems.append(f"line {row}: date_start and date_end must be ISO dates")
    if problems:
        raise InputError(f"{path}: invalid verified tolls:\n  " + "\n  ".join(problems))
    for column in ("low", "high"):
        table[column] = table[column].where(table[column] != "", table["value"])
    for column in ("value", "low", "high"):
        table[column] = table[column].astype("int64")
    return table


def interval_score(low, high, value, alpha: float = INTERVAL_ALPHA):
    """Gneiting & Raftery's interval score: the width, plus 2/alpha times the distance by
    which the value misses the range (lower is better)."""
    low, high, value = (np.asarray(x, dtype=np.float64) for x in (low, high, value))
    miss = np.maximum(low - value, 0) + np.maximum(value - high, 0)
    return (high - low) + (2 / alpha) * miss


def _ranges(comparison: pd.DataFrame) -> pd.DataFrame:
    """Consensus ranges per (incident_id, victim, outcome), with victim ``all`` added."""
    rows = comparison[comparison["scope"] == "incident"]
    ranges = rows[["incident_id", "victim", "outcome", "consensus_low", "consensus_best",
                   "consensus_high"]]  # fmt: skip
    combined = combined_per_incident(rows).rename(
        columns={"low": "consensus_low", "best": "consensus_best", "high": "consensus_high"}
    )
    combined.insert(1, "victim", "all")
    return pd.concat([ranges, combined], ignore_index=True)


def calibration_table(
    claims: pd.DataFrame, comparison: pd.DataFrame, verified: pd.DataFrame | None = None
) -> pd.DataFrame:
    """One row per verified toll of the period the claims report on: the incident it is
    matched to (same province, compatible
    district, dates within the linking tolerance; of several, the one with most claims that
    gives the toll's victim and outcome), its consensus range, ``inside`` and the interval
    score. A toll no incident matches keeps empty range columns (``inside`` False)."""
    require_columns(claims, ["incident_id", "scope", "province", "district"], "linked claims")
    verified = read_verified() if verified is None else verified
    if verified.empty:
        return empty_table(CALIBRATION_COLUMNS)
    incidents = claims[claims["scope"] == "incident"]
    place = pd.DataFrame(
        {
            "province": join_distinct(incidents, ["incident_id"], "province"),
            "district": join_distinct(incidents, ["incident_id"], "district"),
            "n": incidents.groupby("incident_id").size(),
        }
    )
    periods = event_period(incidents, "incident_id").join(place)
    start, end = day_numbers(periods["date_start"]), day_numbers(periods["date_end"])
    ranges = _ranges(comparison).set_index(["incident_id", "victim", "outcome"])
    tolerance = link_rules().date_tolerance_days
    known = (start != NO_DAY) & (end != NO_DAY)
    provinces = [set(p.split(";")) - {""} for p in periods["province"]]
    districts = [set(d.split(";")) - {""} for d in periods["district"]]
    rows = []
    for toll in verified.itertuples(index=False):
        lo, hi = day_numbers(pd.Series([toll.date_start, toll.date_end]))
        if (
            not known.any()
            or hi < start[known].min() - tolerance
            or lo > end[known].max() + tolerance
        ):
            continue  # outside the period the corpus reports on
        near = (start <= hi + tolerance) & (end >= lo - tolerance)
        same_place = np.array([toll.province in p for p in provinces], dtype=bool)
        fits = np.array([not toll.district or not d or toll.district in d for d in districts])
        candidates = periods[near & same_place & fits.astype(bool)]
        keys = [(i, toll.victim, toll.outcome) for i in candidates.index]
        found = [k for k in keys if k in ranges.index]
        row = {"toll_id": toll.toll_id, "victim": toll.victim, "outcome": toll.outcome,
               "verified": toll.value, "verified_low": toll.low, "verified_high": toll.high,
               "source": toll.source, "incident_id": ""}  # fmt: skip
        if found:
            best = max(found, key=lambda k: (candidates.at[k[0], "n"], k[0]))
            low, mid, high = ranges.loc[best, ["consensus_low", "consensus_best",
                                               "consensus_high"]]  # fmt: skip
            row.update(incident_id=best[0], consensus_low=low, consensus_best=mid,
                       consensus_high=high)  # fmt: skip
        rows.append(row)
    if not rows:
        return empty_table(CALIBRATION_COLUMNS)
    out = pd.DataFrame(rows).reindex(columns=CALIBRATION_COLUMNS)
    matched = out["incident_id"] != ""
    for column in ("consensus_low", "consensus_best", "consensus_high"):
        out[column] = out[column].astype("Int64")
    out["inside"] = (
        matched
        & (out["consensus_low"].fillna(-1) <= out["verified"])
        & (out["verified"] <= out["consensus_high"].fillna(-1))
    ).astype(bool)
    score = interval_score(
        out["consensus_low"].astype("float64"), out["consensus_high"].astype("float64"),
        out["verified"].astype("float64"),
    )  # fmt: skip
    out["interval_score"] = pd.Series(score, index=out.index).where(matched).round(1)
    return out[CALIBRATION_COLUMNS]


def calibration_summary(calibration: pd.DataFrame) -> dict[str, float | int]:
    """Tolls, how many matched an incident, share inside the consensus range, mean score."""
    matched = calibration[calibration["incident_id"] != ""]
    n = len(calibration)
    return {
        "tolls": n,
        "matched": len(matched),
        "inside": int(calibration["inside"].sum()) if n else 0,  # empty: no dtype to sum
        "share_inside": float(calibration["inside"].mean()) if n else float("nan"),
        "mean_interval_score": float(matched["interval_score"].mean())
        if len(matched)
        else float("nan"),
    }
