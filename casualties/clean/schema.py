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

    def check(series: pd.Series) -> pd.Series:
        good = [v for v in series.unique() if isinstance(v, str) and pattern.fullmatch(v)]
        return series.isin(good)

    return pa.Check(check, name=name)


def _ordered(df: pd.DataFrame) -> pd.Series:
    return (df["low"] <= df["best"]) & (df["best"] <= df["high"])


def _value_iff_not_vague(df: pd.DataFrame) -> pd.Series:
    return df["value"].isna() == (df["qualifier"] == "vague")


def _dates_in_order(df: pd.DataFrame) -> pd.Series:
    both = (df["date_start"] != "") & (df["date_end"] != "")
    return ~both | (df["date_start"] <= df["date_end"])


def _district_in_province(df: pd.DataFrame) -> pd.Series:
    codes, districts = pd.factorize(df["district_pcode"])
    prefixes = np.asarray([str(d)[:4] for d in districts] + [""], dtype=object)
    province = df["province_pcode"].to_numpy(dtype=object)
    ok = (codes < 0) | (df["district_pcode"] == "").to_numpy() | (prefixes[codes] == province)
    return pd.Series(ok, index=df.index)


@cache
def clean_schema() -> pa.DataFrameSchema:
    """Types, vocabularies, ranges (0 <= low <= best <= high) and dates of a clean table.
    Other columns are allowed and not checked."""
    gaz = gazetteer()
    provinces = sorted({*gaz.provinces.values(), ""})
    districts = sorted({name for name, _ in gaz.districts.values()} | {""})

    def vocab(column: str) -> pa.Column:
        return pa.Column(str, pa.Check.isin(vocabulary(column)), nullable=False)

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
            "province": text(pa.Check.isin(provinces)),
            "province_pcode": text(_matches(_PROVINCE_PCODE, "AFnn or empty")),
            "district": text(pa.Check.isin(districts)),
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
