"""Dates: ``date_start, date_end`` (ISO) from themselves, or from ``date_text`` + ``published``.

* ``published`` becomes ISO (``casualties.dates.parse_published`` reads "Sept. 9, 2019" and
  the like); a value that is not a date is a problem.
* Given ``date_start`` / ``date_end`` must be ISO dates (YYYY-MM-DD); one alone stands for a
  single day (the other is filled with it).
* Otherwise ``date_text``: an ISO date ("2019-09-29"), an ISO range ("2019-09-29/2019-10-01",
  "2019-09-29 to 2019-10-01", "2019-09-29 - 2019-10-01") or a phrase resolved against
  ``published`` by ``casualties.dates.resolve_date_phrase`` ("on Thursday", "last week"),
  else a whole written date ("Sept. 29, 2019", by ``parse_published``).
  A phrase that cannot be resolved leaves the dates empty, with a warning.
* ``date_start`` after ``date_end`` is a problem.
"""

from __future__ import annotations

import datetime as dt
import re

import pandas as pd

from casualties.clean.table import Problems, group_rows, spread, text_codes

_ISO = re.compile(r"\d{4}-\d{2}-\d{2}")
_ISO_RANGE = re.compile(r"(\d{4}-\d{2}-\d{2})\s*(?:/|to|until|-|–|—|\.\.)\s*(\d{4}-\d{2}-\d{2})")


def iso_date(text: str) -> dt.date | None:
    """A strict YYYY-MM-DD date, or None."""
    if not _ISO.fullmatch(text):
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return None


def _published(text: str) -> tuple[dt.date | None, str | None]:
    if not text:
        return None, None
    date = iso_date(text)
    if date is None:
        from casualties.dates import parse_published

        date = parse_published(text)
    return (date, None) if date else (None, f"published {text!r} is not a date")


def _phrase(text: str, published: dt.date | None) -> tuple[dt.date | None, dt.date | None]:
    single = iso_date(text)
    if single:
        return single, single
    both = _ISO_RANGE.fullmatch(text)
    if both:
        return iso_date(both.group(1)), iso_date(both.group(2))
    from casualties import dates

    start, end = dates.resolve_date_phrase(text, published)
    if start is None:  # a whole written date ("September 29, 2019") needs no context
        start = end = dates.parse_published(text)
    return start, end or start


def resolve_period(
    start: str, end: str, text: str, published: str
) -> tuple[tuple[str, str, str], str | None, str | None]:
    """((date_start, date_end, published) as ISO text, problem, warning)."""
    day, problem = _published(published)
    published_iso = day.isoformat() if day else published
    problems = [problem] if problem else []
    warning = None
    if start or end:
        first, last = iso_date(start) if start else None, iso_date(end) if end else None
        for column, given, parsed in (("date_start", start, first), ("date_end", end, last)):
            if given and parsed is None:
                problems.append(f"{column} {given!r} is not an ISO date (YYYY-MM-DD)")
        first, last = first or last, last or first
    elif text:
        first, last = _phrase(text, day)
        if first is None and not problem:
            warning = f"date_text {text!r} could not be resolved" + (
                "" if day else " (no published date)"
            )
    else:
        first = last = None
    if first and last and first > last:
        problems.append(f"date_start {first} is after date_end {last}")
    if problems:
        return ("", "", published), "; ".join(problems), None
    dates = (first.isoformat() if first else "", last.isoformat() if last else "")
    return (*dates, published_iso), None, warning


def clean_periods(
    df: pd.DataFrame, problems: Problems, warnings: list[str]
) -> dict[str, pd.Series]:
    """``date_start, date_end`` (and ``published`` as ISO) for every row."""
    columns = [text_codes(df, c) for c in ("date_start", "date_end", "date_text", "published")]
    groups, first = group_rows([codes for codes, _ in columns])
    starts, ends, published, messages, notes = [], [], [], {}, {}
    for group, row in enumerate(first):
        (start, end, pub), problem, warning = resolve_period(*(u[c[row]] for c, u in columns))
        if problem:
            messages[group] = problem
        if warning:
            notes[group] = warning
        starts.append(start)
        ends.append(end)
        published.append(pub)
    problems.add_groups(groups, messages)
    if notes:
        listed = Problems()
        listed.add_groups(groups, notes)
        warnings.extend(f"{line} (dates left empty)" for line in listed.lines())
    out = {"date_start": spread(starts, groups), "date_end": spread(ends, groups)}
    if "published" in df.columns:
        out["published"] = spread(published, groups)
    return out
