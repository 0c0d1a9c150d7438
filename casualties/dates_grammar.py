"""The grammar of event-date phrases: vocabulary, regexes, and finding candidates in text.

A phrase is a "base" expression (an explicit date, a month, a year, a weekday, "yesterday",
"this week", "the past three weeks", "18 years of war", a range "between X and Y", "since
<an anchor event>") with an optional preposition before it ("since", "in", "on", "over",
...) and an optional part ("early", "late", "mid-", "the start of", "the end of"). Regexes
are composed from month and weekday names, number words and units, never from sentences.
``casualties.dates`` is the public API; ``casualties.dates_periods`` turns matches into dates.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import cache

from casualties.figures import NUMBER_TENS, NUMBER_UNITS
from casualties.months import MONTHS, month_pattern

WEEKDAYS: dict[str, int] = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4,
    "saturday": 5, "sunday": 6,
}  # fmt: skip
_WEEKDAY_ABBREVIATIONS = {"mon": 0, "tue": 1, "tues": 1, "wed": 2, "thu": 3, "thur": 3,
                          "thurs": 3, "fri": 4, "sat": 5, "sun": 6}  # fmt: skip

#: A month name or abbreviation, with an optional period ("Sept.", "sep.", "Aug").
MONTH = month_pattern()
WEEKDAY = r"(?:" + "|".join(WEEKDAYS) + r")"
ANY_WEEKDAY = (
    r"(?:" + "|".join(sorted([*WEEKDAYS, *_WEEKDAY_ABBREVIATIONS], key=len, reverse=True)) + r")"
)
DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
YEAR = r"(?:1[89]\d\d|20\d\d)"


def named(pattern: str, name: str) -> str:
    return f"(?P<{name}>{pattern})"


def month_number(token: str) -> int:
    return MONTHS[token.rstrip(".").lower()]


def day_number(token: str) -> int:
    return int(re.match(r"\d+", token).group())


def safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


NUMBER_WORDS = {
    "a": 1, "an": 1,
    **{word: value for word, value in NUMBER_UNITS.items() if value},
    **NUMBER_TENS,
    "a couple of": 2, "a couple": 2, "couple of": 2, "a few": 3, "few": 3, "several": 3,
    "a dozen": 12, "dozen": 12,
}  # fmt: skip
_TENS = "|".join(NUMBER_TENS)
_UNITS_1_9 = "|".join(word for word, value in NUMBER_UNITS.items() if 0 < value < 10)
_NUMBER_ALTERNATIVES = sorted(NUMBER_WORDS, key=len, reverse=True)
NUMBER = (
    rf"(?:\d{{1,4}}|(?:{_TENS})[-\s](?:{_UNITS_1_9})\b|"
    + "|".join(re.escape(word).replace(r"\ ", r"\s+") for word in _NUMBER_ALTERNATIVES)
    + r")"
)
UNIT = r"(?:hour|day|week|month|year|decade)s?"
SEASONS = {"spring": (3, 5), "summer": (6, 8), "autumn": (9, 11), "fall": (9, 11)}
_WAR_NOUNS = (
    r"(?:war|wars|conflict|fighting|intervention|occupation|insurgency|violence|presence|"
    r"involvement|campaign|mission|bloodshed)"
)
#: What may stand before a base expression; "since" makes an open range, the rest are neutral.
_PREFIX = re.compile(
    r"(?:\b(?P<prep>since|in|on|during|throughout|over|for|from|by)\s+)?"
    r"(?:(?P<part>the\s+(?:start|beginning|end|middle)\s+of|early|late|mid)(?:\s+|-))?$",
    re.IGNORECASE,
)
#: "scheduled for", "by" a day: it may lie ahead of the publication date.
FUTURE_PREPOSITIONS = {"for", "by"}


def _point(suffix: str) -> str:
    """A day, month or year that can be an end of a range; groups suffixed to stay unique."""
    m, d, y = (f"{name}{suffix}" for name in ("month", "day", "year"))
    return (
        rf"(?:{named(MONTH, m)}\s+{named(DAY, d)}\b(?:,?\s+{named(YEAR, y)})?"
        rf"|{named(DAY, d + 'x')}\s+(?:of\s+)?{named(MONTH, m + 'x')}"
        rf"(?:,?\s+{named(YEAR, y + 'x')})?"
        rf"|{named(MONTH, m + 'y')}(?:,?\s+{named(YEAR, y + 'y')})?"
        rf"|{named(YEAR, y + 'z')})"
    )


# (name, pattern, needs a preposition or part before it)
_BASES: list[tuple[str, str, bool]] = [
    ("between", rf"between\s+{_point('_a')}\s+and\s+{_point('_b')}\b", False),
    ("from_to", rf"from\s+{_point('_a')}\s+(?:to|until|till|through)\s+{_point('_b')}\b", False),
    (
        # "Aug. 12-13", "August 12 to 13", "between August 12 and 13", "12-13 August",
        # "the night of 20 to 21 August", "3 and 4 August"
        "day_span",
        rf"(?:between\s+|from\s+)?(?:{named(MONTH, 'month')}\s+{named(DAY, 'day')}\s*"
        rf"(?:(?:-|–|to|until|through)\s*{named(DAY, 'day2')}\b"
        rf"|and\s+{named(DAY, 'day2a')}\b(?=\s*(?:[,.;:)]|$)|\s+(?:19|20)\d\d"
        rf"|\s+(?:in|at|on|when|as|during|after|before)\b))"
        rf"|(?:the\s+)?{named(DAY, 'dayx')}\s*(?:-|–|to|until|through|and)\s*(?:the\s+)?"
        rf"{named(DAY, 'day2x')}\s+(?:of\s+)?{named(MONTH, 'monthx')}\b)"
        rf"(?:,?\s+{named(YEAR, 'year')})?",
        False,
    ),
    (
        "day",
        rf"(?:{WEEKDAY},?\s+)?(?:{named(MONTH, 'month')}\s+{named(DAY, 'day')}"
        rf"|(?:the\s+)?{named(DAY, 'dayx')}\s+(?:of\s+)?{named(MONTH, 'monthx')})"
        rf"(?![\d%]|:\d)\b(?:,?\s+{named(YEAR, 'year')}\b)?",  # "April 3:" heads an item
        False,
    ),
    ("iso", rf"{named(YEAR, 'year')}-(?P<mm>[01]\d)-(?P<dd>[0-3]\d)\b", False),
    ("month_year", rf"{named(MONTH, 'month')},?\s+(?:of\s+)?{named(YEAR, 'year')}\b", False),
    (
        "part_of_year",
        rf"(?:the\s+)?(?:(?P<half>first|second)\s+half|(?P<quarter>first|second|third|fourth)"
        rf"\s+quarter|(?P<edge>first|last)\s+(?P<count>{NUMBER})\s+months)\s+of\s+"
        rf"(?:{named(YEAR, 'year')}\b|(?P<which>this|last)\s+year\b|the\s+year\b)",
        False,
    ),
    (
        "season",
        rf"(?:the\s+)?(?P<season>spring|summer|autumn|fall)\s+(?:of\s+)?{named(YEAR, 'year')}\b",
        False,
    ),
    ("decade", r"(?:the\s+)?(?P<decade>(?:19|20)\d0)'?s\b", False),
    ("year", rf"{named(YEAR, 'year')}\b(?!\s*[-–]\d)", True),
    ("month", rf"{named(MONTH, 'month')}(?!\s*\d)", True),
    (
        # "Saturday night and Sunday", "between Sunday and Monday": consecutive days
        "weekday_span",
        rf"(?:between\s+|from\s+)?(?P<weekday>{WEEKDAY})(?:\s+(?:morning|afternoon|evening|night))?"
        rf"\s+(?:and|to|until|till|through|into)\s+(?:early\s+)?(?P<weekday2>{WEEKDAY})"
        r"(?:\s+(?:morning|afternoon|evening|night))?\b",
        False,
    ),
    (
        "weekday",
        rf"(?:(?P<rel>last|this|past|previous)\s+)?(?P<weekday>{WEEKDAY})"
        r"(?:\s+(?:morning|afternoon|evening|night))?\b",
        False,
    ),
    (
        "relative_day",
        r"(?P<word>the\s+day\s+before\s+yesterday|yesterday|today|tonight|last\s+night"
        r"|this\s+(?:morning|afternoon|evening)|earlier\s+today|overnight)\b",
        False,
    ),
    (
        "rolling",
        rf"(?:(?:the\s+)?(?:past|last)\s+(?P<count>{NUMBER})\s+(?P<unit>{UNIT})"
        rf"|(?:the\s+)?past\s+(?P<unit1>{UNIT}))\b",
        False,
    ),
    (
        "calendar",
        r"(?:(?P<when>earlier|later)\s+)?(?:(?P<which>this|last|previous)\s+"
        r"(?P<period>weekend|week|month|year)|(?P<the>the)\s+(?P<weekend>weekend))\b",
        False,
    ),
    ("ago", rf"(?P<count>{NUMBER})\s+(?P<unit>{UNIT})\s+ago\b", False),
    (
        "duration",
        rf"(?:(?:nearly|almost|about|around|some|roughly|more\s+than|over)\s+)?"
        rf"(?P<count>{NUMBER})[-\s]+(?P<unit>{UNIT})(?:[-\s]long)?\s+(?:of\s+)?"
        rf"(?:[a-z]+\s+){{0,2}}?{_WAR_NOUNS}\b",
        False,
    ),
]
_DIGIT = re.compile(r"\d")
_NO_PREFIX = {"ago", "between", "from_to"}
_MONTH_STEMS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
#: A base is tried only when the lower-cased text contains one of these substrings (when
#: given) and a digit (when True): cheap tests that skip most regexes on most sentences.
_GATES: dict[str, tuple[tuple[str, ...], bool]] = {
    "between": (("between",), False),
    "from_to": (("from",), False),
    "day_span": (_MONTH_STEMS, True),
    "day": (_MONTH_STEMS, True),
    "iso": (("-",), True),
    "month_year": (_MONTH_STEMS, True),
    "season": (("spring", "summer", "autumn", "fall"), True),
    "part_of_year": (("half", "quarter", "months"), False),
    "decade": (("0s", "0's"), True),
    "year": ((), True),
    "month": (_MONTH_STEMS, False),
    "weekday_span": (("day",), False),
    "weekday": (("day",), False),
    "relative_day": (("day", "night", "morning", "afternoon", "evening"), False),
    "rolling": (("past", "last"), False),
    "calendar": (("this", "last", "previous", "weekend"), False),
    "ago": ((" ago",), False),
    "duration": (tuple(_WAR_NOUNS.strip("(?:)").split("|")), False),
}
# A leading \b lets the regex engine skip positions inside words quickly.
_COMPILED = [
    (name, re.compile(r"\b" + pattern, re.IGNORECASE), needs) for name, pattern, needs in _BASES
]


@cache
def _anchors() -> tuple[re.Pattern[str] | None, tuple[dt.date, ...]]:
    """Named epochs ("the U.S. invaded") from data/reference/date_anchors.yaml.

    One regex "since (phrase 0|phrase 1|...)" with a group per phrase, and the date of each.
    """
    import yaml

    from casualties.paths import REFERENCE

    path = REFERENCE / "date_anchors.yaml"
    if not path.exists():
        return None, ()
    with open(path, encoding="utf-8") as handle:
        entries = yaml.safe_load(handle) or []
    alternatives, days = [], []
    for entry in entries:
        day = dt.date.fromisoformat(str(entry["date"]))
        for phrase in entry["phrases"]:
            tokens = [
                re.escape(token).replace(r"\.", r"\.?").replace("'", "['’]")
                for token in str(phrase).split()
            ]
            alternatives.append(f"(?P<a{len(days)}>" + r"\s+".join(tokens) + ")")
            days.append(day)
    if not alternatives:
        return None, ()
    pattern = re.compile(r"\bsince\s+(?:" + "|".join(alternatives) + r")(?![\w-])", re.IGNORECASE)
    return pattern, tuple(days)


def candidates(text: str, strict_case: bool) -> list[tuple[int, int, str, re.Match, str, str]]:
    """(start, end, base name, base match, preposition, part) for every base match."""
    found = []
    anchor_pattern, anchor_days = _anchors()
    for match in anchor_pattern.finditer(text) if anchor_pattern else ():
        day = anchor_days[int(match.lastgroup[1:])]
        found.append((match.start(), match.end(), "anchor", match, day.isoformat(), ""))
    lower = text.lower()
    has_digit = _DIGIT.search(text) is not None
    for name, pattern, needs_prefix in _COMPILED:
        words, needs_digit = _GATES[name]
        if (needs_digit and not has_digit) or (words and not any(w in lower for w in words)):
            continue
        for match in pattern.finditer(text):
            if strict_case and not _proper_case(match):
                continue
            prefix = None
            if name not in _NO_PREFIX:
                prefix = _PREFIX.search(text, max(0, match.start() - 40), match.start())
            prep = (prefix["prep"] or "").lower() if prefix else ""
            part = (prefix["part"] or "").lower() if prefix else ""
            if prep == "from" and text.startswith(("'s", "’s"), match.end()):
                prep = ""  # "the toll from Saturday's bombing": the day of the event
                if not part:
                    prefix = None
            if needs_prefix and not (prep or part):
                continue
            start = prefix.start() if prefix and (prep or part) else match.start()
            found.append((start, match.end(), name, match, prep, part))
    return found


def _proper_case(match: re.Match) -> bool:
    """In running text, month and weekday names are capitalised ("may" is a verb)."""
    for group, value in match.groupdict().items():
        if value and (group.startswith("month") or group == "weekday"):
            if not value[0].isupper():
                return False
    return True


def leftmost_longest(candidate: tuple) -> tuple[int, int]:
    return candidate[0], candidate[0] - candidate[1]
