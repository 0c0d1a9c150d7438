"""The pandera schema of a clean claims table, and its failures as numbered problems."""

from __future__ import annotations

import re
from functools import cache

import numpy as np
import pandas as pd
import pandera.pandas as pa

from casualties.clean.table import Problems
from casualties.contract import vocabulary
from casualties.gazetteer import gazetteer

_ISO_OR_EMPTY = re.compile(r"(?:\d{4}-\d{2}-\d{2})?")
_PROVINCE_PCODE = re.compile(r"(?:AF\d{2})?")
_DISTRICT_PCODE = re.compile(r"(?:AF\d{4})?")


def _matches(pattern: re.Pattern, name: str) -> pa.Check:
    """Like ``Check.str_matches`` but tests each distinct value once (a million rows hold a
    few hundred distinct dates or P-codes)."""
    return _distinct_check(lambda value: bool(pattern.fullmatch(value)), name)


def _one_of(allowed, name: str) -> pa.Check:
    """Like ``Check.isin`` but on distinct values, with a fast path for a valid column."""
    allowed = frozenset(allowed)
    return _distinct_check(lambda value: value in allowed, name)


def _distinct_check(good, name: str) -> pa.Check:
    def check(series: pd.Series) -> pd.Series | bool:
        bad = [v for v in series.unique() if not (isinstance(v, str) and good(v))]
        return True if not bad else ~series.isin(bad)

    return pa.Check(check, name=name)


def _ordered(df: pd.DataFrame) -> pd.Series:
    return (df["low"] <= df["best"]) & (df["best"] <= df["high"])


def _value_iff_not_vague(df: pd.DataFrame) -> pd.Series:
    return df["value"].isna() == (df["qualifier"] == "vague")


def _dates_in_order(df: pd.DataFrame) -> pd.Series:
    starts, start_values = pd.factorize(df["date_start"])
    ends, end_values = pd.factorize(df["date_end"])
    # compare ranks of the distinct ISO strings (empty or missing: rank -1, always in order)
    order = {v: i for i, v in enumerate(sorted({*map(str, start_values), *map(str, end_values)}))}
    order[""] = -1
    start_rank = np.array([order[str(v)] for v in start_values] + [-1])[starts]
    end_rank = np.array([order[str(v)] for v in end_values] + [-1])[ends]
    ok = (start_rank < 0) | (end_rank < 0) | (start_rank <= end_rank)
    return pd.Series(ok, index=df.index)


def _district_in_province(df: pd.DataFrame) -> pd.Series:
    districts, district_names = pd.factorize(df["district_pcode"])
    provinces, province_names = pd.factorize(df["province_pcode"])
    # ok[d, p]: district P-code d lies in province P-code p (or d is empty); index -1 = missing
    ok = np.array(
        [[str(d) in ("", "nan") or str(d)[:4] == str(p) for p in [*province_names, ""]]
         for d in [*district_names, ""]],
        dtype=bool,
    ).reshape(len(district_names) + 1, len(province_names) + 1)  # fmt: skip
    return pd.Series(ok[districts, provinces], index=df.index)


@cache
def clean_schema() -> pa.DataFrameSchema:
    """Types, vocabularies, ranges (0 <= low <= best <= high) and dates of a clean table.
    Other columns are allowed and not checked."""
    gaz = gazetteer()
    provinces = sorted({*gaz.provinces.values(), ""})
    districts = sorted({name for name, _ in gaz.districts.values()} | {""})

    def vocab(column: str) -> pa.Column:
        return pa.Column(str, _one_of(vocabulary(column), f"one of the {column} vocabulary"))

    def text(check: pa.Check) -> pa.Column:
        return pa.Column(str, check, nullable=False)

    return pa.DataFrameSchema(
        {
            "claimant": vocab("claimant"),
            "victim": vocab("victim"),
            "outcome": vocab("outcome"),
            "qualifier": vocab("qualifier"),
            "figure_text": pa.Column(str, nullable=True),
            "value": pa.Column("Int64", pa.Check.ge(0), nullable=True),
            "low": pa.Column("int64", pa.Check.ge(0)),
            "best": pa.Column("int64", pa.Check.ge(0)),
            "high": pa.Column("int64", pa.Check.ge(0)),
            "province": text(_one_of(provinces, "a COD province name or empty")),
            "province_pcode": text(_matches(_PROVINCE_PCODE, "AFnn or empty")),
            "district": text(_one_of(districts, "a COD district name or empty")),
            "district_pcode": text(_matches(_DISTRICT_PCODE, "AFnnnn or empty")),
            "date_start": text(_matches(_ISO_OR_EMPTY, "YYYY-MM-DD or empty")),
            "date_end": text(_matches(_ISO_OR_EMPTY, "YYYY-MM-DD or empty")),
            "published": pa.Column(
                str, _matches(_ISO_OR_EMPTY, "YYYY-MM-DD or empty"), required=False
            ),
        },
        checks=[
            pa.Check(_ordered, name="low <= best <= high", ignore_na=False),
            pa.Check(
                _value_iff_not_vague,
                name="value is empty exactly for vague figures",
                ignore_na=False,
            ),
            pa.Check(_dates_in_order, name="date_start <= date_end", ignore_na=False),
            pa.Check(
                _district_in_province, name="district_pcode within province_pcode", ignore_na=False
            ),
        ],
        strict=False,
        name="clean claims",
    )


def validate(df: pd.DataFrame, problems: Problems) -> None:
    """Check ``df`` (index 0..n-1) against the schema; failures become numbered problems."""
    schema = clean_schema()
    checked = [c for c in df.columns if c in schema.columns]  # other columns are free
    try:
        schema.validate(df[checked], lazy=True)
    except pa.errors.SchemaErrors as errors:
        cases = errors.failure_cases
        for (column, check), group in cases.groupby(["column", "check"], dropna=False, sort=False):
            rows = pd.to_numeric(group["index"], errors="coerce").dropna().astype(int) + 1
            where = "" if pd.isna(column) or column == "clean claims" else f"{column}: "
            message = f"{where}fails {check}"
            if len(rows):
                problems.add(message, sorted(set(rows)))
            else:
                sample = ", ".join(str(v) for v in group["failure_case"].head(3))
                problems.add(f"{message} ({sample})", [0])
