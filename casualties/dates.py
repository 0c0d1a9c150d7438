"""Dates: publication dates of articles, and event-date phrases in running text.

``parse_published`` reads the date line of an article ("Sept. 9, 2019", "1 Jul 2019",
"September 6, 2019 (3 days ago)", ISO dates). It is strict on purpose: the corpus reader
uses it to recognise date lines, so anything that is not a whole date returns ``None``.

``find_date_phrases`` / ``resolve_date_phrase`` handle event dates ("on Thursday",
"since September 1", "in the past three weeks"); see the section below.
"""

from __future__ import annotations

import datetime as dt
import re

MONTHS: dict[str, int] = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3,
    "april": 4, "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7,
    "august": 8, "aug": 8, "september": 9, "sept": 9, "sep": 9, "october": 10,
    "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}  # fmt: skip
WEEKDAYS: dict[str, int] = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4,
    "saturday": 5, "sunday": 6,
}  # fmt: skip
_WEEKDAY_ABBREVIATIONS = {"mon": 0, "tue": 1, "tues": 1, "wed": 2, "thu": 3, "thur": 3,
                          "thurs": 3, "fri": 4, "sat": 5, "sun": 6}  # fmt: skip

#: A month name or abbreviation, with an optional period ("Sept.", "sep.", "Aug").
MONTH = r"(?:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\b\.?"
WEEKDAY = r"(?:" + "|".join(WEEKDAYS) + r")"
_ANY_WEEKDAY = (
    r"(?:" + "|".join(sorted([*WEEKDAYS, *_WEEKDAY_ABBREVIATIONS], key=len, reverse=True)) + r")"
)
DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
YEAR = r"(?:1[89]\d\d|20\d\d)"


def _named(pattern: str, name: str) -> str:
    return f"(?P<{name}>{pattern})"


# -- publication dates ---------------------------------------------------------------------

_PUBLISHED_PREFIX = r"(?:(?:published|updated|posted|last\s+updated|date)(?:\s+on)?\s*:?\s*)?"
_PUBLISHED_WEEKDAY = rf"(?:(?P<weekday>{_ANY_WEEKDAY})\b\.?,?\s+)?"
_PUBLISHED_FORMS = [
    # "october 2, 2019", "Sept. 9, 2019", "Friday, September 6, 2019", "Nov. 21 2017"
    rf"{_PUBLISHED_WEEKDAY}{_named(MONTH, 'month')}\s*{_named(DAY, 'day')},?\s+{_named(YEAR, 'year')}",
    # "1 Jul 2019", "29 June 2019", "1st of July, 2019"
    rf"{_PUBLISHED_WEEKDAY}{_named(DAY, 'day')}\s+(?:of\s+)?{_named(MONTH, 'month')},?\s+"
    rf"{_named(YEAR, 'year')}",
    # ISO "2019-09-06", also with a time ("2019-09-06T10:00:00Z")
    rf"{_named(YEAR, 'year')}-(?P<month>[01]?\d)-(?P<day>[0-3]?\d)"
    r"(?:[T\s][\d:.]+(?:Z|[+-][\d:]+)?)?",
]
# A trailing parenthetical is a comment: "(3 days ago)", "(sunday)", "(updated)".
_PUBLISHED_RES = [
    re.compile(
        rf"\s*{_PUBLISHED_PREFIX}{form}\s*(?:\((?P<comment>[^()]*)\))?\s*\.?\s*", re.IGNORECASE
    )
    for form in _PUBLISHED_FORMS
]


def _month_number(token: str) -> int:
    return MONTHS[token.rstrip(".").lower()]


def _day_number(token: str) -> int:
    return int(re.match(r"\d+", token).group())


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


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
    month_number = int(month) if month.isdigit() else _month_number(month)
    return _safe_date(int(match["year"]), month_number, _day_number(match["day"]))


def _weekday_number(token: str) -> int | None:
    token = token.strip().rstrip(".,").lower()
    if token in WEEKDAYS:
        return WEEKDAYS[token]
    return _WEEKDAY_ABBREVIATIONS.get(token)
