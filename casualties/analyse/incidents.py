"""The incidents table: one row per incident (or aggregate group) of the linked claims."""

from __future__ import annotations

from functools import cache

import pandas as pd

from casualties.analyse.compare import combined_per_incident, compare_claims, scope_of
from casualties.analyse.link import event_period
from casualties.analyse.table import (
    date_extremes,
    distinct_count,
    empty_table,
    join_distinct,
    require_columns,
)
from casualties.errors import CasualtiesError
from casualties.paths import GAZETTEER

INCIDENT_COLUMNS = [
    "incident_id",
    "label",
    "scope",
    "date_start",
    "date_end",
    "province",
    "province_pcode",
    "district",
    "district_pcode",
    "region",
    "n_claims",
    "n_documents",
    "claimant_types",
    "n_claimant_types",
    "victims",
    "event_words",
    "first_reported",
    "last_reported",
    "killed_best",
    "wounded_best",
    "corrections",
    "n_corrected",
]


@cache
def province_regions() -> dict[str, str]:
    """Province name and P-code -> OCHA region (``REG_EN``)."""
    path = GAZETTEER / "afg_adm1_cod.csv"
    try:
        table = pd.read_csv(path, dtype=str, keep_default_na=False)
        pairs = dict(zip(table["ADM1_EN"], table["REG_EN"], strict=True))
        pairs.update(zip(table["ADM1_PCODE"], table["REG_EN"], strict=True))
    except (OSError, KeyError, ValueError) as error:
        raise CasualtiesError(f"{path}: cannot read provinces and regions: {error}") from error
    return pairs


def _modes(linked: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    """Most frequent non-empty (columns) per incident; ties -> alphabetical first."""
    named = linked[linked[columns[0]] != ""]
    counts = named.groupby(["incident_id"] + columns).size().rename("n").reset_index()
    counts = counts.sort_values(
        ["incident_id", "n"] + columns, ascending=[True, False] + [True] * len(columns)
    )
    return counts.drop_duplicates("incident_id").set_index("incident_id")[columns]


_LABEL_FIELDS = ("scope", "date_start", "date_end", "province", "district", "event_words")


def _label(scope: str, start: str, end: str, province: str, district: str, words: str) -> str:
    """ "2019-09-05 Kabul: car bomb, embassy"; "total 2019-09-01 to 2019-09-23 Afghanistan"."""
    if scope == "aggregate":
        period = f"{start} to {end}" if start else "period"
        return f"total {period} {province or 'Afghanistan'}"
    where = district or province or "place unknown"
    if district and province and district != province:
        where = f"{district}, {province}"
    words = words.replace(";", ", ").replace("_", " ")
    return f"{start or 'undated'} {where}" + (f": {words}" if words else "")


def incidents_table(linked: pd.DataFrame, comparison: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per incident_id; ``comparison`` (from ``compare_claims``) is computed if absent."""
    require_columns(
        linked, ["incident_id", "scope", "event_words", "date_start", "date_end"], "linked claims"
    )
    if "corrected_fields" not in linked.columns:  # linked without corrections
        linked = linked.assign(corrected_fields="")
    if comparison is None:
        comparison = compare_claims(linked)
    if linked.empty:
        return empty_table(INCIDENT_COLUMNS)
    # string reductions on integer codes / plain Python: pandas' are slow per group
    key = ["incident_id"]
    out = linked.groupby("incident_id", sort=True).size().rename("n_claims").to_frame()
    out["scope"] = scope_of(linked)
    out["n_documents"] = distinct_count(linked, key, "doc_id")
    out["claimant_types"] = join_distinct(linked, key, "claimant")
    out["n_claimant_types"] = distinct_count(linked, key, "claimant")
    out["victims"] = join_distinct(linked, key, "victim")
    out["event_words"] = join_distinct(linked, key, "event_words")
    out = out.join(event_period(linked, "incident_id"))
    out["corrections"] = join_distinct(linked, key, "corrected_fields")
    corrected = linked["corrected_fields"].astype(str) != ""
    out["n_corrected"] = corrected.groupby(linked["incident_id"]).sum().astype("int64")
    reported = date_extremes(linked, key, "published")
    out["first_reported"], out["last_reported"] = reported["first"], reported["last"]
    out = out.join(_modes(linked, ["province", "province_pcode"]))
    out = out.join(_modes(linked, ["district", "district_pcode"]))
    text = ["date_start", "date_end", "first_reported", "last_reported", "province",
            "province_pcode", "district", "district_pcode"]  # fmt: skip
    out[text] = out[text].astype(object).where(out[text].notna(), "").astype(str)
    regions = province_regions()
    out["region"] = [
        regions.get(code) or regions.get(name, "")
        for code, name in zip(out["province_pcode"], out["province"], strict=True)
    ]
    combined = combined_per_incident(comparison).pivot(
        index="incident_id", columns="outcome", values="best"
    )
    for outcome in ("killed", "wounded"):
        values = combined[outcome] if outcome in combined.columns else pd.Series(dtype="float64")
        out[f"{outcome}_best"] = values.reindex(out.index).astype("Int64")
    out = out.reset_index()
    fields = [out[c].tolist() for c in _LABEL_FIELDS]
    out["label"] = [_label(*row) for row in zip(*fields, strict=True)]
    return out[INCIDENT_COLUMNS]
