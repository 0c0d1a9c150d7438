"""Figures: ``figure_text`` to ``value, qualifier`` and, by a preset, to ``low, best, high``.

Precedence: ``figure_text`` is the source of truth. When the table also has ``value`` /
``qualifier`` (extract output, or a clean table), they must agree with what the phrase says;
a disagreement is a problem, not silently overwritten. ``value`` + ``qualifier`` are taken
as given only where the phrase says nothing clean can read: an empty ``figure_text``, or a
phrase outside the figure grammar that the producer has already read (extract gives "the"
in "killed the U.S. service member" value 1, exact); the latter is listed in a warning. A
phrase outside the grammar without a value is an error naming the row, never a guess; a
``vague`` figure always needs its word.

``low, best, high`` are always recomputed, so cleaning a clean table with another preset
gives that preset's ranges.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from casualties.clean.table import Problems, group_rows, spread, text_codes
from casualties.contract import vocabulary
from casualties.figures import Figure, FigureError, Preset, parse_figure, to_range

_INTEGER = re.compile(r"\d+(?:\.0*)?")


def _read_value(text: str) -> tuple[int | None, str | None]:
    if not text:
        return None, None
    if not _INTEGER.fullmatch(text):
        return None, f"value {text!r} is not a non-negative whole number"
    return int(float(text)), None


def _unreadable(text: str) -> bool:
    try:
        parse_figure(text)
    except FigureError:
        return True
    return False


def _figure(text: str, value: str, qualifier: str) -> tuple[Figure | None, str | None]:
    number, problem = _read_value(value)
    if problem:
        return None, problem
    if qualifier and qualifier not in vocabulary("qualifier"):
        allowed = ", ".join(vocabulary("qualifier"))
        return None, f"qualifier {qualifier!r} is not one of {allowed}"
    if not text:
        if qualifier == "vague":
            return None, "figure_text is empty and a vague figure needs its word"
        if number is None or not qualifier:
            return None, "figure_text is empty (and no value + qualifier)"
        return Figure(number, qualifier), None
    try:
        figure = parse_figure(text)
    except FigureError:
        if number is not None and qualifier and qualifier != "vague":
            return Figure(number, qualifier), None
        return None, f"unknown figure phrase {text!r}"
    if value and number != figure.value:
        return None, f"value {value} disagrees with figure_text {text!r} ({figure.value})"
    if figure.qualifier == "vague" and value:
        return None, f"value {value} given for the vague figure {text!r}"
    if qualifier and qualifier != figure.qualifier:
        return None, (
            f"qualifier {qualifier!r} disagrees with figure_text {text!r} ({figure.qualifier})"
        )
    return figure, None


def clean_figures(
    df: pd.DataFrame, preset: Preset, problems: Problems, warnings: list[str]
) -> dict[str, pd.Series]:
    """``value, qualifier, low, best, high`` for every row of ``df``."""
    columns = [text_codes(df, c) for c in ("figure_text", "value", "qualifier")]
    groups, first = group_rows([codes for codes, _ in columns])
    values, qualifiers, lows, bests, highs = [], [], [], [], []
    messages: dict[int, str] = {}
    as_given: dict[int, str] = {}
    for group, row in enumerate(first):
        text, value, qualifier = (uniques[codes[row]] for codes, uniques in columns)
        figure, problem = _figure(text, value, qualifier)
        if figure is not None and text and _unreadable(text):
            as_given[group] = f"figure_text {text!r} read as given: {value} {qualifier}"
        if figure is not None:
            try:
                low, best, high = to_range(figure, preset)
            except FigureError as error:
                figure, problem = None, str(error)
        if figure is None:
            messages[group] = problem
            figure, low, best, high = Figure(None, "vague"), 0, 0, 0
        values.append(figure.value)
        qualifiers.append(figure.qualifier)
        lows.append(low)
        bests.append(best)
        highs.append(high)
    problems.add_groups(groups, messages)
    if as_given:
        listed = Problems()
        listed.add_groups(groups, as_given)
        # One warning for all of them: extract gives these for named or implied single
        # persons ("Mullah X was killed"), so a line each would drown real warnings.
        lines = listed.lines()
        shown = "; ".join(lines[:5]) + ("; ..." if len(lines) > 5 else "")
        warnings.append(
            f"{len(lines)} figure_text value(s) outside the figure grammar, "
            f"value and qualifier taken as given: {shown}"
        )
    value = pd.array(np.asarray(values, dtype=object)[groups] if len(groups) else [], "Int64")
    return {
        "value": pd.Series(value, dtype="Int64"),
        "qualifier": spread(qualifiers, groups),
        "low": spread(lows, groups, "int64"),
        "best": spread(bests, groups, "int64"),
        "high": spread(highs, groups, "int64"),
    }


def check_given_ranges(df: pd.DataFrame, problems: Problems) -> None:
    """A table that already has ``low, best, high`` must have well-formed ones (they are then
    recomputed): integers, non-negative, low <= best <= high."""
    present = [c for c in ("low", "best", "high") if c in df.columns]
    if not present:
        return
    numbers = {}
    for column in present:
        raw = df[column]
        text = raw.astype(object).where(raw.notna(), "").astype(str).str.strip()
        number = pd.to_numeric(text.where(text != "", None), errors="coerce")
        bad = (text != "") & (number.isna() | (number % 1 != 0))
        problems.add(f"{column} is not a whole number", np.flatnonzero(bad.to_numpy()) + 1)
        problems.add(f"{column} is negative", np.flatnonzero((number < 0).to_numpy()) + 1)
        numbers[column] = number
    if len(present) == 3:
        low, best, high = numbers["low"], numbers["best"], numbers["high"]
        crossed = ((low > best) | (best > high)).fillna(False).to_numpy(dtype=bool)
        problems.add("low <= best <= high does not hold", np.flatnonzero(crossed) + 1)
