"""``clean``: a claims table to canonical columns plus ``low, best, high`` (issue 4).

Every step (outcome, claimant, victim, figures, places, dates) adds its problems to one
list, so invalid input fails once with every problem and its rows (1-based data rows; in a
CSV file the line is the row + 1). The result is checked against ``clean_schema()``.
"""

from __future__ import annotations

import logging
from pathlib import Path

import numpy as np
import pandas as pd

from casualties.clean.parties import clean_outcome, clean_party
from casualties.clean.periods import clean_periods
from casualties.clean.places import clean_places
from casualties.clean.ranges import check_given_ranges, clean_figures
from casualties.clean.schema import validate
from casualties.clean.table import Problems, rows_named_by
from casualties.contract import CLAIM_COLUMNS, RANGE_COLUMNS, REJECTED_COLUMNS
from casualties.corrections.decisions import Corrections
from casualties.errors import InputError, ParameterError
from casualties.figures import load_preset
from casualties.io import read_table

log = logging.getLogger("casualties.clean")

#: Each need is met by any one of its columns. Place and date columns are optional (a
#: hand-typed table often knows neither): absent, they are empty in the output.
REQUIRED = (
    ("outcome",),
    ("figure_text",),
    ("claimant", "claimant_text"),
    ("victim", "victim_text"),
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
    corrections: str | Path | Corrections | None = None,
) -> pd.DataFrame:
    """Every input column, the canonical columns filled in, plus ``low, best, high``.

    ``conventions`` (a preset YAML file) overrides ``preset`` (a shipped preset name).
    ``corrections`` (a corrections file, docs/corrections.md): its claim decisions are
    applied first and marked (``corrected_fields``, ``correction_note``); their statuses
    are in ``result.attrs["decisions"]``. Raises ``InputError`` listing every problem with
    its rows; warnings (claimant texts the alias tables do not know, unresolved places and
    dates, stale decisions) are logged and kept in ``result.attrs["warnings"]``.
    Idempotent; another preset recomputes ``low, best, high``.
    """
    frame, origin, decisions = _corrected(df, corrections, source)
    with rows_named_by(origin):
        out, problems = _clean(frame, preset, conventions, source)
        if problems:
            raise _input_error(problems, source)
    return _with_decisions(out, decisions, source)


def clean_quarantine(
    df: pd.DataFrame,
    preset: str = "default",
    conventions: str | Path | None = None,
    *,
    source: str = "claims table",
    corrections: str | Path | Corrections | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """``clean`` for the pipeline: a claim that cannot be cleaned does not stop the run.

    Returns the clean table of every other row and the rejected rows (``REJECTED_COLUMNS``:
    where the claim came from, its quote and the reason). Problems of the table as a whole
    (missing columns, a bad preset, a bad corrections file) still raise ``InputError``.
    """
    frame, origin, decisions = _corrected(df, corrections, source)
    with rows_named_by(origin):
        out, problems = _clean(frame, preset, conventions, source)
        if not problems:
            return _with_decisions(out, decisions, source), rejected_frame(frame, {})
        if 0 in problems.reasons:
            raise _input_error(problems, source)
    bad = sorted(problems.reasons)
    keep = np.ones(len(frame), dtype=bool)
    keep[np.asarray(bad) - 1] = False
    kept = origin[keep] if origin is not None else np.flatnonzero(keep) + 1
    with rows_named_by(kept):
        out = clean(frame.iloc[keep], preset, conventions, source=source)
    rejected = rejected_frame(frame, problems.reasons, origin)
    log.warning(
        "%s: %d claim(s) set aside (quarantined), e.g. row %d: %s",
        source,
        len(rejected),
        bad[0] if origin is None else origin[bad[0] - 1],
        "; ".join(problems.reasons[bad[0]]),
    )
    return _with_decisions(out, decisions, source), rejected


def _corrected(
    df: pd.DataFrame, corrections: str | Path | Corrections | None, source: str
) -> tuple[pd.DataFrame, np.ndarray | None, pd.DataFrame | None]:
    """The table with the claim decisions applied, each row's number in ``df`` and the
    decisions' statuses (None, None without corrections)."""
    if corrections is None:
        return df, None, None
    if not isinstance(df, pd.DataFrame):
        raise ParameterError(f"clean needs a pandas DataFrame, got {type(df).__name__}")
    from casualties.corrections import read_corrections
    from casualties.corrections.claims import apply_claim_corrections

    if not isinstance(corrections, Corrections):
        corrections = read_corrections(corrections)
    if not corrections.decisions:  # a file without decisions changes nothing, not even columns
        return df, None, None
    done = apply_claim_corrections(df, corrections, source=source)
    return done.frame, done.origin, done.status


def _with_decisions(out: pd.DataFrame, decisions: pd.DataFrame | None, source: str):
    if decisions is None:
        return out
    for record in decisions[decisions["status"] != "applied"].to_dict("records"):
        message = f"corrections line {record['line']}: {record['status']}: {record['detail']}"
        log.warning("%s: %s", source, message)
        out.attrs["warnings"].append(message)
    out.attrs["decisions"] = decisions
    return out


def rejected_frame(
    df: pd.DataFrame, reasons: dict[int, list[str]], origin: np.ndarray | None = None
) -> pd.DataFrame:
    """The rows of ``df`` named in ``reasons`` (1-based) with their row number and reason;
    ``origin`` numbers the rows as in the table given (before corrections)."""
    numbers = sorted(reasons)
    frame = df.iloc[[n - 1 for n in numbers]].reset_index(drop=True)
    shown = numbers if origin is None else [int(origin[n - 1]) for n in numbers]
    data = {"row": [str(n) for n in shown]}
    for column in REJECTED_COLUMNS[1:-1]:
        if column in frame.columns:
            values = frame[column].astype(object)
            data[column] = values.where(values.notna(), "").astype(str).tolist()
        else:
            data[column] = [""] * len(frame)
    data["reason"] = ["; ".join(reasons[n]) for n in numbers]
    return pd.DataFrame(data, columns=list(REJECTED_COLUMNS), dtype=str)


def _input_error(problems: Problems, source: str) -> InputError:
    lines = problems.lines()
    return InputError(
        f"{source}: {len(problems)} problem(s) (rows are 1-based data rows; "
        f"CSV line = row + 1):\n  " + "\n  ".join(lines)
    )


def _clean(
    df: pd.DataFrame, preset: str, conventions: str | Path | None, source: str
) -> tuple[pd.DataFrame | None, Problems]:
    """The cleaned table (None when there are problems) and the problems found."""
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
        return None, problems
    for warning in warnings:
        log.warning("%s: %s", source, warning)
    out.index = df.index
    out.attrs["warnings"] = list(warnings)
    out.attrs["preset"] = rules.name
    return out, problems


def _assemble(frame: pd.DataFrame, new: dict[str, pd.Series]) -> pd.DataFrame:
    """Input columns in their order (canonical ones replaced), then missing canonical
    columns in contract order, then ``low, best, high``."""
    out = frame.copy(deep=False)  # copy-on-write: the caller's frame is never changed
    for column in (*CLAIM_COLUMNS, *RANGE_COLUMNS):
        if column in new:
            out[column] = new[column].set_axis(out.index)
    return out


def read_claims(path: str | Path) -> pd.DataFrame:
    """A claims CSV as text columns ("" for empty cells), or a Parquet table with its
    dtypes; ``InputError`` if unreadable."""
    return read_table(path)
