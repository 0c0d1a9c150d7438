"""Claims against the reference data: UNAMA civilian figures and UCDP GED events."""

from __future__ import annotations

import re
from functools import cache

import numpy as np
import pandas as pd

from casualties.analyse.compare import compare_claims
from casualties.analyse.link import event_period
from casualties.analyse.table import empty_table, require_columns
from casualties.errors import CasualtiesError
from casualties.paths import GAZETTEER, REFERENCE

UNAMA_CSV = REFERENCE / "unama_civilian_casualties.csv"
UCDP_CSV = REFERENCE / "ucdp_ged_afghanistan_subset.csv"
UCDP_WINDOW_DAYS = 2
PERIOD_MATCH_DAYS = 3
_UNAMA_OUTCOMES = {"killed": "killed", "wounded": "injured"}

UNAMA_COLUMNS = [
    "period_start", "period_end", "unama_scope", "outcome", "unama_figure", "n_incidents",
    "claims_low", "claims_best", "claims_high", "coverage", "aggregate_best",
    "aggregate_claim_ids", "source_note",
]  # fmt: skip
UCDP_COLUMNS = [
    "incident_id", "label", "date_start", "date_end", "province", "district", "killed_best",
    "ucdp_id", "ucdp_start", "ucdp_end", "ucdp_side_a", "ucdp_side_b", "ucdp_low", "ucdp_best",
    "ucdp_high", "match_level", "difference",
]  # fmt: skip


def _read(path) -> pd.DataFrame:
    try:
        return pd.read_csv(path, dtype=str, keep_default_na=False)
    except (OSError, ValueError) as error:
        raise CasualtiesError(f"{path}: cannot read reference data: {error}") from error


@cache
def unama_periods() -> pd.DataFrame:
    """UNAMA rows with parsed ``period_start``/``period_end`` (a single date: both)."""
    table = _read(UNAMA_CSV)
    dates = table["period"].str.findall(r"\d{4}-\d{2}-\d{2}")
    table["period_start"] = dates.str[0].fillna("")
    table["period_end"] = dates.map(lambda d: d[-1] if d else "")
    return table[table["period_start"] != ""].reset_index(drop=True)


def _civilian_rows(comparison: pd.DataFrame, periods: pd.DataFrame) -> pd.DataFrame:
    rows = comparison[comparison["victim"] == "civilians"].copy()
    rows["date"] = rows["incident_id"].map(periods["date_start"]).fillna("")
    return rows


def compare_unama(claims: pd.DataFrame, comparison: pd.DataFrame | None = None) -> pd.DataFrame:
    """Civilian killed / wounded in the claims against UNAMA's figures for the same period."""
    require_columns(claims, ["incident_id", "scope", "date_start", "date_end", "claim_id"],
                    "linked claims")  # fmt: skip
    if comparison is None:
        comparison = compare_claims(claims)
    periods = event_period(claims, "incident_id")
    civilians = _civilian_rows(comparison, periods)
    incidents = civilians[(civilians["scope"] == "incident") & (civilians["date"] != "")]
    aggregates = civilians[civilians["scope"] == "aggregate"]
    agg_periods = (
        claims[claims["scope"] == "aggregate"]
        .groupby("incident_id")
        .agg(start=("date_start", "min"), end=("date_end", "max"), ids=("claim_id", ";".join))
    )
    own = periods[periods.index.str.startswith("INC-") & (periods["date_start"] != "")]
    if own.empty:
        return empty_table(UNAMA_COLUMNS)
    first, last = own["date_start"].min(), own["date_end"].max()
    rows = []
    for ref in unama_periods().itertuples(index=False):
        if ref.period_end < first or ref.period_start > last:
            continue
        for outcome, column in _UNAMA_OUTCOMES.items():
            figure = pd.to_numeric(getattr(ref, column), errors="coerce")
            if pd.isna(figure):
                continue
            inside = incidents[
                (incidents["outcome"] == outcome)
                & (incidents["date"] >= ref.period_start)
                & (incidents["date"] <= ref.period_end)
            ]
            agg = aggregates[aggregates["outcome"] == outcome].join(agg_periods, on="incident_id")
            start, end = pd.Timestamp(ref.period_start), pd.Timestamp(ref.period_end)
            near = (pd.to_datetime(agg["start"], errors="coerce") - start).abs().dt.days.le(
                PERIOD_MATCH_DAYS
            ) & (pd.to_datetime(agg["end"], errors="coerce") - end).abs().dt.days.le(
                PERIOD_MATCH_DAYS
            )
            matched = agg[near.fillna(False)]
            best = int(inside["consensus_best"].sum())
            rows.append({
                "period_start": ref.period_start, "period_end": ref.period_end,
                "unama_scope": ref.scope, "outcome": outcome, "unama_figure": int(figure),
                "n_incidents": int(inside["incident_id"].nunique()),
                "claims_low": int(inside["consensus_low"].sum()), "claims_best": best,
                "claims_high": int(inside["consensus_high"].sum()),
                "coverage": best / figure if figure else np.nan,
                "aggregate_best": int(matched["consensus_best"].max()) if len(matched) else pd.NA,
                "aggregate_claim_ids": ";".join(matched["ids"]),
                "source_note": ref.source_note,
            })  # fmt: skip
    out = pd.DataFrame(rows, columns=UNAMA_COLUMNS)
    out["aggregate_best"] = out["aggregate_best"].astype("Int64")
    return out


def _fold(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "", name.casefold())


@cache
def _place_codes() -> tuple[dict[str, str], dict[str, str]]:
    """Folded spelling -> P-code for provinces and districts (COD names and variants)."""
    adm1 = _read(GAZETTEER / "afg_adm1_name_variants.csv")
    adm2 = _read(GAZETTEER / "afg_adm2_name_variants.csv")
    provinces = {_fold(v): c for v, c in zip(adm1["variant"], adm1["adm1_pcode"], strict=True)}
    provinces.update(
        {_fold(v): c for v, c in zip(adm1["adm1_en"], adm1["adm1_pcode"], strict=True)}
    )
    districts = {_fold(v): c for v, c in zip(adm2["variant"], adm2["adm2_pcode"], strict=True)}
    districts.update(
        {_fold(v): c for v, c in zip(adm2["adm2_en"], adm2["adm2_pcode"], strict=True)}
    )
    return provinces, districts


def _code(name: str, table: dict[str, str], suffix: str) -> str:
    if not name:
        return ""
    plain = re.sub(rf"\s*\b{suffix}\b.*$", "", name, flags=re.IGNORECASE)
    return table.get(_fold(name)) or table.get(_fold(plain), "")


@cache
def ucdp_events() -> pd.DataFrame:
    """UCDP GED events with P-codes and best = the sum of the deaths_* columns."""
    table = _read(UCDP_CSV)
    provinces, districts = _place_codes()
    deaths = ["deaths_side_a", "deaths_side_b", "deaths_civilian", "deaths_unknown"]
    numbers = table[deaths + ["deaths_low", "deaths_high"]].apply(pd.to_numeric, errors="coerce")
    return pd.DataFrame({
        "ucdp_id": table["id"],
        "ucdp_start": table["start_date"], "ucdp_end": table["end_date"],
        "ucdp_side_a": table["side_a_name"], "ucdp_side_b": table["side_b_name"],
        "ucdp_low": numbers["deaths_low"].astype("Int64"),
        "ucdp_best": numbers[deaths].sum(axis=1).astype("Int64"),
        "ucdp_high": numbers["deaths_high"].astype("Int64"),
        "province_pcode": [_code(n, provinces, "province") for n in table["location_adm1_name"]],
        "district_pcode": [_code(n, districts, "district") for n in table["location_adm2_name"]],
    })  # fmt: skip


def compare_ucdp(claims: pd.DataFrame, incidents: pd.DataFrame) -> pd.DataFrame:
    """Incidents against UCDP GED events within 2 days in the same district (or province)."""
    require_columns(incidents, ["incident_id", "scope", "label", "date_start", "date_end",
                                "province", "province_pcode", "district", "district_pcode",
                                "killed_best"], "incidents")  # fmt: skip
    events = ucdp_events()
    own = incidents[(incidents["scope"] == "incident") & (incidents["date_start"] != "")].copy()
    own["match_level"] = np.where(own["district_pcode"] != "", "district", "province")
    own.loc[own["province_pcode"] == "", "match_level"] = "none"
    by_district = own[own["match_level"] == "district"].merge(
        events, on="district_pcode", suffixes=("", "_u")
    )
    by_province = own[own["match_level"] == "province"].merge(
        events, on="province_pcode", suffixes=("", "_u")
    )
    pairs = pd.concat([by_district, by_province], ignore_index=True)
    start = pd.to_datetime(pairs["date_start"])
    end = pd.to_datetime(pairs["date_end"].where(pairs["date_end"] != "", pairs["date_start"]))
    window = pd.Timedelta(days=UCDP_WINDOW_DAYS)
    near = (pd.to_datetime(pairs["ucdp_start"]) <= end + window) & (
        pd.to_datetime(pairs["ucdp_end"]) >= start - window
    )
    pairs = pairs[near.to_numpy(dtype=bool)]
    unmatched = own[~own["incident_id"].isin(pairs["incident_id"])].copy()
    unmatched["match_level"] = "none"
    out = pd.concat([pairs, unmatched], ignore_index=True)
    out["difference"] = out["killed_best"].astype("Int64") - out["ucdp_best"].astype("Int64")
    for column in ("ucdp_id", "ucdp_start", "ucdp_end", "ucdp_side_a", "ucdp_side_b"):
        out[column] = out[column].astype(object).where(out[column].notna(), "").astype(str)
    out = out.sort_values(["incident_id", "ucdp_start", "ucdp_id"], kind="stable")
    return out[UCDP_COLUMNS].reset_index(drop=True)
