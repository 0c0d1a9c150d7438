"""Claimants side by side: envelope, consensus, grade, parts against totals, toll evolution.

Rules in docs/analysis.md ("Consensus", "Grades", "Parts and totals").
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from casualties.analyse.statements import (
    LINKED_COLUMNS,
    claimant_figures,
    statement_figures,
)
from casualties.analyse.table import (
    date_extremes,
    distinct_count,
    empty_table,
    join_distinct,
    require_columns,
)
from casualties.contract import CORRECTION_COLUMNS
from casualties.errors import ParameterError

KEY = ["incident_id", "victim", "outcome"]
TOTAL_VICTIM = "unspecified"
UNKNOWN_CLAIMANT = "unknown"

COMPARISON_COLUMNS = [
    "incident_id",
    "scope",
    "victim",
    "outcome",
    "n_claims",
    "n_documents",
    "claimant_types",
    "n_claimant_types",
    "envelope_low",
    "envelope_high",
    "consensus_low",
    "consensus_best",
    "consensus_high",
    "min_best",
    "max_best",
    "first_best",
    "latest_best",
    "first_reported",
    "last_reported",
    "grade",
    "parts_sum_best",
    "parts_exceed_total",
]


def scope_of(linked: pd.DataFrame) -> pd.Series:
    """incident_id -> scope."""
    return linked.drop_duplicates("incident_id").set_index("incident_id")["scope"]


def _consensus(types: pd.DataFrame) -> pd.DataFrame:
    """Median of the claimant types' figures, enemy claims left out when others exist; the
    range from the lowest credible low to the highest high of anyone, enemies included: a
    party's count of its enemy's dead bounds the toll from above, never from below."""
    types = types.copy()
    keys = [types[k] for k in KEY]
    others = (~types["enemy"]).groupby(keys).transform("any")
    considered = types[~types["enemy"] | ~others]
    grouped = considered.groupby(KEY, sort=True)
    best = np.floor(grouped["type_best"].median() + 0.5)
    party_only = ~others.groupby(keys).first().reindex(best.index).astype(bool)
    low = np.minimum(grouped["type_low"].min(), best).where(~party_only, 0)
    high = np.maximum(types.groupby(KEY, sort=True)["type_high"].max().reindex(best.index), best)
    return pd.DataFrame(
        {"consensus_low": low, "consensus_best": best, "consensus_high": high}
    ).astype("int64")


def _grades(types: pd.DataFrame) -> pd.Series:
    known = types[types["claimant"] != UNKNOWN_CLAIMANT]
    grouped = known.groupby(KEY, sort=True)
    summary = grouped.agg(
        n=("claimant", "size"),
        all_enemy=("enemy", "all"),
        max_low=("type_low", "max"),
        min_high=("type_high", "min"),
    )
    grade = np.select(
        [
            summary["all_enemy"],
            (summary["n"] >= 2) & (summary["max_low"] > summary["min_high"]),
            summary["n"] >= 2,
        ],
        ["party_only", "contested", "corroborated"],
        default="single_source",
    )
    grades = pd.Series(grade, index=summary.index, dtype=str)
    every_key = types.groupby(KEY, sort=True).size().index
    return grades.reindex(every_key, fill_value="single_source")


def _per_key(linked: pd.DataFrame, statements: pd.DataFrame) -> pd.DataFrame:
    """Counts from the claims; figures from the statements (items added up)."""
    ordered = statements.sort_values(["published", "best"], kind="stable")
    grouped = ordered.groupby(KEY, sort=True)
    # string reductions on integer codes / plain Python: pandas' are slow per group
    out = grouped.agg(
        envelope_low=("low", "min"),
        envelope_high=("high", "max"),
        min_best=("best", "min"),
        max_best=("best", "max"),
        latest_best=("best", "last"),
    )
    out.insert(0, "n_claims", linked.groupby(KEY, sort=True).size().reindex(out.index))
    # first_best: the earliest report; ties -> the higher best
    first = statements.sort_values(["published", "best"], ascending=[True, False], kind="stable")
    out["first_best"] = first.groupby(KEY, sort=True)["best"].first()
    out.insert(0, "scope", out.index.get_level_values(0).map(scope_of(linked)).astype(str))
    out.insert(2, "n_documents", distinct_count(linked, KEY, "doc_id"))
    out.insert(3, "claimant_types", join_distinct(linked, KEY, "claimant"))
    out.insert(4, "n_claimant_types", distinct_count(linked, KEY, "claimant"))
    reported = date_extremes(linked, KEY, "published").reindex(out.index).fillna("")
    out["first_reported"], out["last_reported"] = reported["first"], reported["last"]
    return out


def _parts(comparison: pd.DataFrame) -> pd.DataFrame:
    """Sum of the specific victim groups against the ``unspecified`` total of an incident."""
    is_total = comparison["victim"] == TOTAL_VICTIM
    parts = comparison[~is_total].groupby(["incident_id", "outcome"])["consensus_best"].sum()
    totals = comparison[is_total].set_index(["incident_id", "outcome"])["consensus_high"]
    exceed = (parts.reindex(totals.index) > totals).fillna(False)
    key = pd.MultiIndex.from_frame(comparison[["incident_id", "outcome"]])
    result = pd.DataFrame(index=comparison.index)
    parts_sum = pd.Series(parts.reindex(key).to_numpy(), index=comparison.index)
    result["parts_sum_best"] = parts_sum.astype("Int64").where(is_total & parts_sum.notna())
    result["parts_exceed_total"] = exceed.reindex(key).fillna(False).to_numpy(dtype=bool)
    return result


def compare_claims(
    linked: pd.DataFrame,
    statements: pd.DataFrame | None = None,
    types: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """The comparison table: one row per (incident_id, victim, outcome); see docs/analysis.md.
    ``statements``, ``types``: ``statement_figures`` and ``claimant_figures`` of ``linked``,
    when the caller has them."""
    if linked.empty:
        return empty_table(COMPARISON_COLUMNS)
    if statements is None:
        statements = statement_figures(linked)
    if types is None:
        types = claimant_figures(linked, statements)
    out = _per_key(linked, statements).join(_consensus(types))
    out = out.join(_grades(types).rename("grade"))
    out = out.reset_index()
    out = pd.concat([out, _parts(out)], axis=1)
    return out[COMPARISON_COLUMNS].sort_values(KEY, kind="stable").reset_index(drop=True)


def combined_per_incident(comparison: pd.DataFrame) -> pd.DataFrame:
    """Per (incident_id, outcome): all victims with parts counted once.

    low / best / high = max(unspecified total, sum of the specific groups), each.
    """
    value = ["consensus_low", "consensus_best", "consensus_high"]
    is_total = comparison["victim"] == TOTAL_VICTIM
    keys = ["incident_id", "outcome"]
    parts = comparison[~is_total].groupby(keys)[value].sum()
    totals = comparison[is_total].groupby(keys)[value].sum()
    index = parts.index.union(totals.index)
    combined = np.maximum(
        parts.reindex(index, fill_value=0).to_numpy(),
        totals.reindex(index, fill_value=0).to_numpy(),
    )
    return pd.DataFrame(combined, index=index, columns=["low", "best", "high"]).reset_index()


def _incident_claims(claims: pd.DataFrame, incident_id: str) -> pd.DataFrame:
    require_columns(claims, LINKED_COLUMNS, "linked claims")
    rows = claims[claims["incident_id"] == incident_id]
    if rows.empty:
        raise ParameterError(f"unknown incident_id {incident_id!r}")
    return rows


def side_by_side(claims: pd.DataFrame, incident_id: str) -> pd.DataFrame:
    """Every claim of one incident, with outlet, date and quote, ordered for reading."""
    columns = [
        "incident_id", "victim", "outcome", "claimant", "outlet", "published", "figure_text",
        "qualifier", "low", "best", "high", "quote", "doc_id", "claim_id",
    ]  # fmt: skip
    rows = _incident_claims(claims, incident_id)
    require_columns(rows, columns, "linked claims")
    columns += [c for c in CORRECTION_COLUMNS if c in rows.columns]  # analysts' corrections
    rows = rows.sort_values(["victim", "outcome", "published", "claimant"], kind="stable")
    return rows[columns].reset_index(drop=True)


def toll_evolution(claims: pd.DataFrame, incident_id: str | None = None) -> pd.DataFrame:
    """How each figure evolved as reports came in (63 dead, then 80)."""
    columns = [
        "incident_id", "victim", "outcome", "published", "claimant", "outlet", "best", "low",
        "high", "claim_id", "quote",
    ]  # fmt: skip
    rows = claims if incident_id is None else _incident_claims(claims, incident_id)
    require_columns(rows, columns, "linked claims")
    if incident_id is None and "scope" in rows.columns:
        rows = rows[rows["scope"] == "incident"]
    corrections = [c for c in CORRECTION_COLUMNS if c in rows.columns]
    rows = rows.sort_values(KEY + ["published", "best"], kind="stable")[columns + corrections]
    rows = rows.copy()
    grouped = rows.groupby(KEY, sort=False)["best"]
    rows["change"] = (rows["best"] - grouped.shift(1)).astype("Int64")
    rows["running_max"] = grouped.cummax()
    ordered = rows.sort_values(["published", "incident_id", "victim", "outcome"], kind="stable")
    shown = columns[:-2] + ["change", "running_max", "claim_id", "quote", *corrections]
    return ordered[shown].reset_index(drop=True)
