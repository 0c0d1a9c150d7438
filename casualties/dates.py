"""Dates: publication dates of articles, and event-date phrases in running text.

``parse_published`` reads the date line of an article ("Sept. 9, 2019", "1 Jul 2019",
"September 6, 2019 (3 days ago)", ISO dates). It is strict on purpose: the corpus reader
uses it to recognise date lines, so anything that is not a whole date returns ``None``.

``find_date_phrases`` / ``resolve_date_phrase`` handle event dates ("on Thursday",
"since September 1", "in the past three weeks"): the grammar is in ``dates_grammar``, the
rules that turn a phrase into (start, end) in ``dates_periods``.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import NamedTuple

from casualties.dates_grammar import (
    ANY_WEEKDAY,
    DAY,
    MONTHS,
    WEEKDAYS,
    YEAR,
    candidates,
    day_number,
    leftmost_longest,
    month_number,
    named,
    safe_date,
)
from casualties.dates_periods import resolve_candidate

__all__ = [
    "MONTHS",
    "WEEKDAYS",
    "DatePhrase",
    "find_date_phrases",
    "parse_published",
    "resolve_date_phrase",
]

# -- publication dates ---------------------------------------------------------------------

#: On a date line any month name may carry a period ("May. 1, 2019"); in running text only
#: abbreviations do, since a period after "May" usually ends the sentence.
_PUBLISHED_MONTH = r"(?:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\b\.?"
_PUBLISHED_PREFIX = r"(?:(?:published|updated|posted|last\s+updated|date)(?:\s+on)?\s*:?\s*)?"
_PUBLISHED_WEEKDAY = rf"(?:(?P<weekday>{ANY_WEEKDAY})\b\.?,?\s+)?"
_PUBLISHED_FORMS = [
    # "october 2, 2019", "Sept. 9, 2019", "Friday, September 6, 2019", "Nov. 21 2017"
    rf"{_PUBLISHED_WEEKDAY}{named(_PUBLISHED_MONTH, 'month')}\s*{named(DAY, 'day')},?\s+"
    rf"{named(YEAR, 'year')}",
    # "1 Jul 2019", "29 June 2019", "1st of July, 2019"
    rf"{_PUBLISHED_WEEKDAY}{named(DAY, 'day')}\s+(?:of\s+)?{named(_PUBLISHED_MONTH, 'month')}"
    rf",?\s+{named(YEAR, 'year')}",
    # ISO "2019-09-06", also with a time ("2019-09-06T10:00:00Z")
    rf"{named(YEAR, 'year')}-(?P<month>[01]?\d)-(?P<day>[0-3]?\d)"
    r"(?:[T\s][\d:.]+(?:Z|[+-][\d:]+)?)?",
]
# A trailing parenthetical is a comment: "(3 days ago)", "(sunday)", "(updated)".
_PUBLISHED_RES = [
    re.compile(
        rf"\s*{_PUBLISHED_PREFIX}{form}\s*(?:\((?P<comment>[^()]*)\))?\s*\.?\s*", re.IGNORECASE
    )
    for form in _PUBLISHED_FORMS
]


def parse_published(text: str) -> dt.date | None:
    """The publication date written on a date line, or ``None`` if the line is not one.

    The whole line must be a date (with an optional weekday before it and an optional
    parenthetical comment after it), so that body text is never mistaken for a date line.
    A weekday, before the date or in the comment, is not checked against the date.
    """
    if not text or len(text) > 80:
        return None
    text = text.replace("\u00a0", " ").replace("\u202f", " ")
    for pattern in _PUBLISHED_RES:
        match = pattern.fullmatch(text)
        if match:
            break
    else:
        return None
    month = match["month"]
    month_index = int(month) if month.isdigit() else month_number(month)
    return safe_date(int(match["year"]), month_index, day_number(match["day"]))


_PARAGRAPH_BREAK = re.compile(r"\n\n")


class DatePhrase(NamedTuple):
    """An event-date expression found in text: ``text == source[start:end]``."""

    start: int
    end: int
    text: str


def find_date_phrases(text: str) -> list[DatePhrase]:
    """Event-date expressions in running text, left to right, longest first, no overlaps."""
    chosen: list[DatePhrase] = []
    # Paragraph by paragraph (a phrase never spans a blank line), so the cheap gates of
    # ``candidates`` skip most patterns on most paragraphs.
    offset = 0
    for paragraph in _PARAGRAPH_BREAK.split(text):
        found = sorted(candidates(paragraph, strict_case=True), key=leftmost_longest)
        last_end = -1
        for start, end, *_ in found:
            if start >= last_end:
                chosen.append(DatePhrase(offset + start, offset + end, paragraph[start:end]))
                last_end = end
        offset += len(paragraph) + 2  # the two newlines the split removed
    return chosen


def resolve_date_phrase(
    phrase: str, published: dt.date | str | None
) -> tuple[dt.date | None, dt.date | None]:
    """The (start, end) of the period a date phrase names; (None, None) if it cannot tell.

    Text around the phrase is ignored. Several phrases ("on Thursday; since September 1")
    give the period that covers them all.
    """
    if isinstance(published, str):
        published = parse_published(published) if published.strip() else None
    elif isinstance(published, dt.datetime):
        published = published.date()
    text = " ".join(str(phrase or "").translate({0x2019: "'", 0xA0: " "}).split())
    periods, last_end = [], -1
    for candidate in sorted(candidates(text, strict_case=False), key=leftmost_longest):
        if candidate[0] >= last_end:
            last_end = candidate[1]
            period = resolve_candidate(*candidate[2:], published)
            if period != (None, None):
                periods.append(period)
    if not periods:
        return None, None
    starts = [start for start, _ in periods if start]
    ends = [end for _, end in periods if end]
    return (min(starts) if starts else None), (max(ends) if ends else None)
