"""Month names and abbreviations: the one table that figures and dates read.

Figures need it to tell "5 Sept" (a date) from "5 killed"; dates to read "Sept. 5".
"""

from __future__ import annotations

MONTHS: dict[str, int] = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3,
    "april": 4, "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7,
    "august": 8, "aug": 8, "september": 9, "sept": 9, "sep": 9, "october": 10,
    "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}  # fmt: skip

_FULL = [name for name in MONTHS if len(name) > 4 or name in ("may", "june", "july")]
_ABBREVIATIONS = sorted(set(MONTHS) - set(_FULL), key=len, reverse=True)


def month_pattern(may: str = "may") -> str:
    """A regex of a month name or abbreviation, the latter with an optional period
    ("Sept.", "sep.", "Aug"); ``may``: the alternative for "may", which a caller can narrow
    (the modal verb "may" is no month)."""
    full = [may if name == "may" else name for name in sorted(_FULL, key=len, reverse=True)]
    return r"(?:(?:" + "|".join(full) + r")\b|(?:" + "|".join(_ABBREVIATIONS) + r")\b\.?)"
