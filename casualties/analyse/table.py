"""Input checks and typing of the clean claims table (shared by every analyse module)."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import numpy as np
import pandas as pd

from casualties.contract import (
    CLAIM_COLUMNS,
    CORRECTION_COLUMNS,
    OPTIONAL_CLAIM_COLUMNS,
    RANGE_COLUMNS,
    vocabulary,
)
from casualties.errors import InputError
from casualties.io import read_table

INTEGER_COLUMNS = ("char_start", "char_end", "value")
TEXT_COLUMNS = tuple(c for c in CLAIM_COLUMNS if c not in INTEGER_COLUMNS) + CORRECTION_COLUMNS
MAX_PROBLEMS = 20


def empty_table(columns: Iterable[str]) -> pd.DataFrame:
    """A table with ``columns`` and no rows (what an analysis of no claims gives)."""
    return pd.DataFrame({c: pd.Series(dtype=object) for c in columns})


def require_columns(df: pd.DataFrame, columns: Iterable[str], what: str) -> None:
    if not isinstance(df, pd.DataFrame):
        raise InputError(f"{what}: expected a pandas DataFrame, got {type(df).__name__}")
    missing = [c for c in columns if c not in df.columns]
    if missing:
        raise InputError(f"{what}: missing column(s) {', '.join(missing)}")


def _integers(values: pd.Series) -> pd.Series:
    return pd.to_numeric(values, errors="coerce").astype("Float64")


def typed_clean(
    df: pd.DataFrame, *, source: str = "clean claims", row_offset: int = 0
) -> pd.DataFrame:
    """Check a clean claims table and give it stable dtypes.

    Text columns become ``str`` with "" for missing; ``char_start``, ``char_end``, ``value``
    nullable ``Int64``; ``low, best, high`` ``int64``. Raises ``InputError`` naming every
    bad row (``row_offset`` turns positions into file line numbers).
    """
    required = [c for c in CLAIM_COLUMNS + RANGE_COLUMNS if c not in OPTIONAL_CLAIM_COLUMNS]
    require_columns(df, required, source)
    out = df.reset_index(drop=True).copy()
    out.attrs = {}  # e.g. the clean stage's warnings: not part of the table
    out = _with_optional_columns(out)
    for column in TEXT_COLUMNS:
        out[column] = out[column].astype(object).where(out[column].notna(), "").astype(str)
    problems: list[str] = []

    def report(mask: np.ndarray, message: str) -> None:
        for position in np.flatnonzero(mask)[:MAX_PROBLEMS]:
            problems.append(f"row {position + row_offset}: {message}")

    numeric = {}
    for column in INTEGER_COLUMNS + RANGE_COLUMNS:
        raw = out[column]
        number = _integers(raw)
        given = raw.notna() & (raw.astype(str).str.strip() != "")
        bad = given & (number.isna() | (number % 1 != 0))
        report(bad.to_numpy(dtype=bool), f"{column} is not an integer")
        numeric[column] = number
    for column in RANGE_COLUMNS:
        report(numeric[column].isna().to_numpy(dtype=bool), f"{column} is empty")
    low, best, high = (numeric[c].fillna(0) for c in RANGE_COLUMNS)
    report(
        ((low > best) | (best > high) | (low < 0)).to_numpy(dtype=bool),
        "needs 0 <= low <= best <= high",
    )
    for column in ("claimant", "victim", "outcome", "role"):
        allowed = set(vocabulary(column))
        bad = ~out[column].isin(allowed)
        for position in np.flatnonzero(bad.to_numpy())[:MAX_PROBLEMS]:
            problems.append(
                f"row {position + row_offset}: {column} {out[column].iloc[position]!r} "
                f"is not one of {', '.join(sorted(allowed))}"
            )
    for column in ("date_start", "date_end", "published"):
        text = out[column]
        parsed = pd.to_datetime(text, errors="coerce", format="%Y-%m-%d")
        bad = (text != "") & parsed.isna()
        report(bad.to_numpy(), f"{column} is not an ISO date (YYYY-MM-DD)")
    duplicated = out["claim_id"].duplicated(keep="first") & (out["claim_id"] != "")
    report(duplicated.to_numpy(), "claim_id is not unique")
    report((out["claim_id"] == "").to_numpy(), "claim_id is empty")
    if problems:
        shown = "\n  ".join(problems[:MAX_PROBLEMS])
        more = (
            f"\n  ... and {len(problems) - MAX_PROBLEMS} more"
            if len(problems) > MAX_PROBLEMS
            else ""
        )
        raise InputError(f"{source}: invalid clean claims table:\n  {shown}{more}")
    for column in INTEGER_COLUMNS:
        out[column] = numeric[column].astype("Int64")
    for column in RANGE_COLUMNS:
        out[column] = numeric[column].astype("int64")
    return out


def _with_optional_columns(out: pd.DataFrame) -> pd.DataFrame:
    """A table made without them (by hand, or by an older extract) gets the optional claim
    columns: every claim a statement of its own (docs/claims.md), sources unknown, nothing
    corrected by an analyst."""
    defaults = {"statement_id": out["claim_id"], "role": "item"}
    for column in OPTIONAL_CLAIM_COLUMNS + CORRECTION_COLUMNS:
        if column not in out.columns:
            out[column] = defaults.get(column, "")
    empty = out["statement_id"].astype(object).where(out["statement_id"].notna(), "") == ""
    if empty.any():
        out.loc[empty, "statement_id"] = out.loc[empty, "claim_id"]
    role = out["role"].astype(object).where(out["role"].notna(), "")
    out["role"] = role.where(role != "", "item")
    return out


def read_clean(path: str | Path) -> pd.DataFrame:
    """Read a ``claims_clean.csv`` or ``.parquet`` (typed as by ``typed_clean``)."""
    df = read_table(path)
    return typed_clean(df, source=str(path), row_offset=2)


# --- fast grouped helpers (pandas' string groupby reductions run in Python per group) ---

#: "no date" in day-number arrays
NO_DAY = np.iinfo(np.int64).min // 4


def day_numbers(values: pd.Series) -> np.ndarray:
    """ISO dates to day numbers since 1970-01-01; missing or invalid -> ``NO_DAY``."""
    dates = pd.to_datetime(values.fillna("").astype(str), errors="coerce", format="%Y-%m-%d")
    days = (dates - pd.Timestamp("1970-01-01")).dt.days
    return days.fillna(NO_DAY).to_numpy(dtype=np.int64)


def iso_dates(days: pd.Series) -> pd.Series:
    """Day numbers (NaN for none) back to ISO strings ("" for none)."""
    dates = pd.to_datetime(days.astype("float64"), unit="D", origin="unix")
    return dates.dt.strftime("%Y-%m-%d").astype(object).where(days.notna(), "").astype(str)


def date_extremes(frame: pd.DataFrame, keys: list[str], column: str) -> pd.DataFrame:
    """Earliest and latest ISO date of ``column`` per key ("" when none)."""
    days = pd.Series(day_numbers(frame[column]), index=frame.index)
    known = days != NO_DAY
    grouped = days[known].groupby([frame.loc[known, k] for k in keys])
    out = pd.DataFrame({"first": grouped.min(), "last": grouped.max()})
    return out.apply(iso_dates)


def distinct_count(frame: pd.DataFrame, keys: list[str], column: str) -> pd.Series:
    """Number of distinct values of ``column`` per key (on integer codes: fast)."""
    codes = pd.Series(pd.factorize(frame[column])[0], index=frame.index)
    return codes.groupby([frame[k] for k in keys], sort=True).nunique()


def join_distinct(frame: pd.DataFrame, keys: list[str], column: str) -> pd.Series:
    """Distinct values of ``column`` per key, sorted and ``;``-joined (values that are
    themselves ``;``-joined lists are split first)."""
    sets: dict = {}
    columns = [frame[k].tolist() for k in keys]
    for *key, value in zip(*columns, frame[column].tolist(), strict=True):
        found = sets.setdefault(tuple(key) if len(key) > 1 else key[0], set())
        found.update(w for w in str(value).split(";") if w)
    if len(keys) > 1:
        index = pd.MultiIndex.from_tuples(list(sets), names=keys)
    else:
        index = pd.Index(list(sets), name=keys[0])
    joined = pd.Series([";".join(sorted(v)) for v in sets.values()], index=index, dtype=str)
    return joined.sort_index()
