"""``clean``: a claims table to canonical columns plus ``low, best, high`` (issue 4).

Every step (outcome, claimant, victim, figures, places, dates) adds its problems to one
list, so invalid input fails once with every problem and its rows (1-based data rows; in a
CSV file the line is the row + 1). The result is checked against ``clean_schema()``.
"""

from __future__ import annotations

import logging
from pathlib import Path

import pandas as pd

from casualties.clean.parties import clean_outcome, clean_party
from casualties.clean.periods import clean_periods
from casualties.clean.places import clean_places
from casualties.clean.ranges import check_given_ranges, clean_figures
from casualties.clean.schema import validate
from casualties.clean.table import Problems
from casualties.contract import CLAIM_COLUMNS, RANGE_COLUMNS
from casualties.errors import InputError, ParameterError
from casualties.figures import load_preset
from casualties.io import read_csv_text

log = logging.getLogger("casualties.clean")

#: Each need is met by any one of its columns.
REQUIRED = (
    ("outcome",),
    ("figure_text",),
    ("claimant", "claimant_text"),
    ("victim", "victim_text"),
    ("province", "district", "province_pcode", "district_pcode", "place_text"),
    ("date_start", "date_end", "date_text"),
)


def check_columns(df: pd.DataFrame, source: str) -> None:
    missing = [" or ".join(need) for need in REQUIRED if not any(c in df.columns for c in need)]
    if missing:
        raise InputError(f"{source}: missing column(s): {'; '.join(missing)}")
    duplicated = sorted({str(c) for c in df.columns if list(df.columns).count(c) > 1})
    if duplicated:
        raise InputError(f"{source}: duplicated column(s): {', '.join(duplicated)}")


def clean(
    df: pd.DataFrame,
    preset: str = "default",
    conventions: str | Path | None = None,
    *,
    source: str = "claims table",
) -> pd.DataFrame:
    """Every input column, the canonical columns filled in, plus ``low, best, high``.

    ``conventions`` (a preset YAML file) overrides ``preset`` (a shipped preset name).
    Raises ``InputError`` listing every problem with its rows; warnings (claimant texts the
    alias tables do not know, unresolved places and dates) are logged and kept in
    ``result.attrs["warnings"]``. Idempotent; another preset recomputes ``low, best, high``.
    """
    if not isinstance(df, pd.DataFrame):
        raise ParameterError(f"clean needs a pandas DataFrame, got {type(df).__name__}")
    rules = load_preset(conventions if conventions is not None else preset)
    check_columns(df, source)
    frame = df.reset_index(drop=True)
    problems, warnings = Problems(), list(rules.warnings)
    check_given_ranges(frame, problems)
    new: dict[str, pd.Series] = {
        "outcome": clean_outcome(frame, problems),
        "claimant": clean_party(frame, "claimant", problems, warnings),
        "victim": clean_party(frame, "victim", problems, warnings),
    }
    new.update(clean_figures(frame, rules, problems, warnings))
    new.update(clean_places(frame, problems, warnings))
    new.update(clean_periods(frame, problems, warnings))
    if not problems:
        out = _assemble(frame, new)
        validate(out, problems)
    if problems:
        lines = problems.lines()
        raise InputError(
            f"{source}: {len(problems)} problem(s) (rows are 1-based data rows; "
            f"CSV line = row + 1):\n  " + "\n  ".join(lines)
        )
    for warning in warnings:
        log.warning("%s: %s", source, warning)
    out.index = df.index
    out.attrs["warnings"] = list(warnings)
    out.attrs["preset"] = rules.name
    return out


def _assemble(frame: pd.DataFrame, new: dict[str, pd.Series]) -> pd.DataFrame:
    """Input columns in their order (canonical ones replaced), then missing canonical
    columns in contract order, then ``low, best, high``."""
    out = frame.copy(deep=False)  # copy-on-write: the caller's frame is never changed
    for column in (*CLAIM_COLUMNS, *RANGE_COLUMNS):
        if column in new:
            out[column] = new[column].set_axis(out.index)
    return out


def read_claims(path: str | Path) -> pd.DataFrame:
    """A claims CSV as text columns ("" for empty cells); ``InputError`` if unreadable."""
    return read_csv_text(path)
