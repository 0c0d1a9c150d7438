"""The incidents table: one row per incident (or aggregate group) of the linked claims."""

from __future__ import annotations

from functools import cache

import pandas as pd

from casualties.analyse.compare import combined_per_incident, compare_claims
from casualties.analyse.link import event_period
from casualties.analyse.table import require_columns
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


def _joined_words(values: pd.Series) -> str:
    return ";".join(sorted({w for v in values for w in str(v).split(";") if w}))


def _joined(values: pd.Series) -> str:
    return ";".join(sorted(set(values)))


def _modes(linked: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    """Most frequent non-empty (columns) per incident; ties -> alphabetical first."""
    named = linked[linked[columns[0]] != ""]
    counts = named.groupby(["incident_id"] + columns).size().rename("n").reset_index()
    counts = counts.sort_values(
        ["incident_id", "n"] + columns, ascending=[True, False] + [True] * len(columns)
    )
    return counts.drop_duplicates("incident_id").set_index("incident_id")[columns]


def _label(row: pd.Series) -> str:
    when = row["date_start"] or "undated"
    where = row["district"] or row["province"] or "place unknown"
    if row["district"] and row["province"] and row["district"] != row["province"]:
        where = f"{row['district']}, {row['province']}"
    words = row["event_words"].replace(";", ", ").replace("_", " ")
    if row["scope"] == "aggregate":
        period = f"{row['date_start']} to {row['date_end']}" if row["date_start"] else "period"
        return f"total {period} {row['province'] or 'Afghanistan'}"
    return f"{when} {where}" + (f": {words}" if words else "")


def incidents_table(linked: pd.DataFrame, comparison: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per incident_id; ``comparison`` (from ``compare_claims``) is computed if absent."""
    require_columns(
        linked, ["incident_id", "scope", "event_words", "date_start", "date_end"], "linked claims"
    )
    if comparison is None:
        comparison = compare_claims(linked)
    if linked.empty:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in INCIDENT_COLUMNS})
    grouped = linked.groupby("incident_id", sort=True)
    out = grouped.agg(
        scope=("scope", "first"),
        n_claims=("claim_id", "size"),
        n_documents=("doc_id", "nunique"),
        claimant_types=("claimant", _joined),
        n_claimant_types=("claimant", "nunique"),
        victims=("victim", _joined),
        event_words=("event_words", _joined_words),
    )
    out = out.join(event_period(linked, "incident_id"))
    published = linked[linked["published"] != ""].groupby("incident_id")["published"]
    out["first_reported"] = published.min()
    out["last_reported"] = published.max()
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
    out["label"] = out.apply(_label, axis=1)
    return out[INCIDENT_COLUMNS]
