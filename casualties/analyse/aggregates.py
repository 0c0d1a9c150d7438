"""Aggregates (period totals) beside the sum of the incidents they cover.

"More than 350 Taliban killed in the western provinces since September 1" is compared with
the incidents of the Western region in that period (docs/analysis.md).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from casualties.analyse.compare import TOTAL_VICTIM, combined_per_incident, compare_claims
from casualties.analyse.incidents import incidents_table
from casualties.analyse.lexicon import region_named
from casualties.analyse.table import empty_table, require_columns

AGGREGATE_COLUMNS = [
    "incident_id", "claimant_types", "victim", "outcome", "period_start", "period_end", "area",
    "area_level", "aggregate_low", "aggregate_best", "aggregate_high", "n_components",
    "components_low", "components_best", "components_high", "ratio", "quote",
]  # fmt: skip


COUNTRY = "Afghanistan"


def _area(members: pd.DataFrame) -> tuple[str, str]:
    """A region named in the quote or place ("western provinces"), else the country when
    the quote says so ("in Afghanistan"), else the claims' province, else the country."""
    named = [region_named(text) for text in list(members["place_text"]) + list(members["quote"])]
    regions = sorted({r for r in named if r and r != COUNTRY})
    if regions:
        return regions[0], "region"
    provinces = sorted(set(members["province"]) - {""})
    if COUNTRY in named or not provinces:
        return COUNTRY, "country"
    return provinces[0], "province"


def aggregates_vs_components(
    claims: pd.DataFrame, comparison: pd.DataFrame | None = None
) -> pd.DataFrame:
    """One row per aggregate group: its figure and the sum of the incidents it covers."""
    require_columns(claims, ["incident_id", "scope", "place_text", "quote", "province",
                             "date_start", "date_end", "published"], "linked claims")  # fmt: skip
    if comparison is None:
        comparison = compare_claims(claims)
    aggregate_claims = claims[claims["scope"] == "aggregate"]
    if aggregate_claims.empty:
        return empty_table(AGGREGATE_COLUMNS)
    incidents = incidents_table(claims, comparison).set_index("incident_id")
    incidents = incidents[incidents["scope"] == "incident"]
    specific = comparison[comparison["scope"] == "incident"].set_index("incident_id")
    combined = combined_per_incident(comparison[comparison["scope"] == "incident"])
    combined = combined.set_index("incident_id").rename(
        columns={"low": "consensus_low", "best": "consensus_best", "high": "consensus_high"}
    )
    rows = []
    figures = comparison.set_index("incident_id")
    for incident_id, members in aggregate_claims.groupby("incident_id", sort=True):
        figure = figures.loc[[incident_id]].iloc[0]
        start = members["date_start"].replace("", np.nan).min()
        ends = members["date_end"].where(members["date_end"] != "", members["published"])
        end = ends.replace("", np.nan).max()
        area, level = _area(members)
        row = {
            "incident_id": incident_id,
            "claimant_types": ";".join(sorted(set(members["claimant"]))),
            "victim": figure["victim"], "outcome": figure["outcome"],
            "period_start": start if isinstance(start, str) else "",
            "period_end": end if isinstance(end, str) else "",
            "area": area, "area_level": level,
            "aggregate_low": figure["consensus_low"], "aggregate_best": figure["consensus_best"],
            "aggregate_high": figure["consensus_high"],
            "n_components": pd.NA, "components_low": pd.NA, "components_best": pd.NA,
            "components_high": pd.NA, "ratio": np.nan, "quote": members["quote"].iloc[0],
        }  # fmt: skip
        if row["period_start"] and row["period_end"]:
            covered = incidents[
                (incidents["date_start"] >= row["period_start"])
                & (incidents["date_start"] <= row["period_end"])
            ]
            if level == "province":
                covered = covered[covered["province"] == area]
            elif level == "region":
                covered = covered[covered["region"] == area]
            source = combined if row["victim"] == TOTAL_VICTIM else specific
            parts = source[source.index.isin(covered.index) & (source["outcome"] == row["outcome"])]
            if row["victim"] != TOTAL_VICTIM:
                parts = parts[parts["victim"] == row["victim"]]
            best = int(parts["consensus_best"].sum())
            row.update(
                n_components=int(parts.index.nunique()),
                components_low=int(parts["consensus_low"].sum()),
                components_best=best,
                components_high=int(parts["consensus_high"].sum()),
                ratio=best / row["aggregate_best"] if row["aggregate_best"] else np.nan,
            )
        rows.append(row)
    out = pd.DataFrame(rows, columns=AGGREGATE_COLUMNS)
    for column in ("n_components", "components_low", "components_best", "components_high"):
        out[column] = out[column].astype("Int64")
    return out
