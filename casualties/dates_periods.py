"""Event-date phrases to periods: (first day, last day) relative to the publication date.

Resolution, relative to the publication date P:
- a single day gives start == end; a month, year or season its first and last day;
- "since X" is the open range (start of X, P);
- a day or month without a year takes P's year, or the year before when that would put it
  more than 31 days after P (any day after P for "since X"; a year ahead for "for X" and
  "by X", which name planned days: "elections scheduled for Sept. 28");
- a weekday is the most recent such day on or before P (a "Monday" in a Monday article is
  that day, as news style writes it); "last Monday" is strictly before P (1 to 7 days);
- "yesterday", "last night" = P - 1; "today", "tonight", "this morning" = P;
- "this week" = (Monday of P's week, P); "last week" = the previous Monday to Sunday;
  "this month" / "this year" = (first day, P); "last month" / "last year" = the whole one;
  "earlier this X" is "this X"; "the weekend" = the last Saturday and Sunday up to P;
- "the past three weeks", "over the last two months", "in nearly 18 years of war",
  "the 18-year war" = (P minus the duration, P); "N days ago" = the single day P - N;
  vague counts read as in docs/claims.md: "a couple" 2, "a few" 3, "several" 3;
- early / mid / late and start / end of a period take its first, middle or last third.
Phrases that need P resolve to (None, None) without one.
"""

from __future__ import annotations

import datetime as dt
import re

from casualties.dates_grammar import (
    FUTURE_PREPOSITIONS,
    NUMBER_WORDS,
    SEASONS,
    WEEKDAYS,
    day_number,
    month_number,
    safe_date,
)


def resolve_candidate(
    name: str, match: re.Match, prep: str, part: str, published: dt.date | None
) -> tuple[dt.date | None, dt.date | None]:
    """The period of one candidate of ``dates_grammar.candidates``; (None, None) if none."""
    if name == "anchor":
        return dt.date.fromisoformat(prep), published
    try:
        period = _RESOLVERS[name](match, published, prep)
    except (ValueError, OverflowError):
        return None, None
    if period is None:
        return None, None
    # "late Saturday and early Sunday": the part names the span's first day, not the span
    first, last = period if name in ("day_span", "weekday_span") else _part_of(period, part)
    if prep in ("since", "from") and name not in ("between", "from_to"):
        return first, (published if published and published >= first else None)
    return first, last


# -- resolvers: (match, published, preposition) -> (first day, last day) or None -----------

Period = tuple[dt.date, dt.date]


def _group(match: re.Match, *names: str) -> str | None:
    groups = match.groupdict()
    return next((groups[name] for name in names if groups.get(name)), None)


def _with_year(month: int, day: int, year: str | None, published, prep: str) -> dt.date | None:
    """A day of ``year``, or of the publication year unless that puts it well after it."""
    if year:
        return dt.date(int(year), month, day)
    if published is None:
        return None
    candidate = safe_date(published.year, month, day) or dt.date(published.year, month, 28)
    ahead = 0 if prep == "since" else 365 if prep in FUTURE_PREPOSITIONS else 31
    limit = published + dt.timedelta(days=ahead)
    if candidate > limit:
        candidate = safe_date(published.year - 1, month, day) or candidate.replace(
            year=published.year - 1
        )
    return candidate


def _month_end(year: int, month: int) -> dt.date:
    following = dt.date(year + month // 12, month % 12 + 1, 1)
    return following - dt.timedelta(days=1)


def _resolve_point(match: re.Match, published, prep: str, suffix: str = "") -> Period | None:
    month = _group(match, f"month{suffix}", f"month{suffix}x", f"monthx{suffix}")
    day = _group(match, f"day{suffix}", f"day{suffix}x", f"dayx{suffix}")
    year = _group(match, f"year{suffix}", f"year{suffix}x")
    if month and day:
        first = _with_year(month_number(month), day_number(day), year, published, prep)
        return (first, first) if first else None
    month = _group(match, f"month{suffix}y")
    year = _group(match, f"year{suffix}y", f"year{suffix}z") if suffix else year
    if month:
        first = _with_year(month_number(month), 1, year, published, prep)
        return (first, _month_end(first.year, first.month)) if first else None
    if year:
        return dt.date(int(year), 1, 1), dt.date(int(year), 12, 31)
    return None


def _resolve_range(match: re.Match, published, prep: str) -> Period | None:
    last = _resolve_point(match, published, prep, "_b")
    if last is None:
        return None
    # A start without a year takes the latest year that keeps it on or before the end:
    # "between 1 January and 30 September 2019", "between November and February".
    first = _resolve_point(match, last[1], "since", "_a")
    return (first[0], last[1]) if first else None


def _resolve_day_span(match: re.Match, published, prep: str) -> Period | None:
    month = month_number(match["month"] or match["monthx"])
    day = day_number(match["day"] or match["dayx"])
    last_day = day_number(match["day2"] or match["day2a"] or match["day2x"])
    first = _with_year(month, day, match["year"], published, prep)
    if first is None or last_day < day:
        return None
    last = safe_date(first.year, first.month, last_day)
    return (first, last) if last else None


def _resolve_iso(match: re.Match, published, prep: str) -> Period:
    day = dt.date(int(match["year"]), int(match["mm"]), int(match["dd"]))
    return day, day


def _resolve_month(match: re.Match, published, prep: str) -> Period | None:
    first = _with_year(month_number(match["month"]), 1, None, published, prep)
    return (first, _month_end(first.year, first.month)) if first else None


def _resolve_month_year(match: re.Match, published, prep: str) -> Period:
    year, month = int(match["year"]), month_number(match["month"])
    return dt.date(year, month, 1), _month_end(year, month)


def _resolve_part_of_year(match: re.Match, published, prep: str) -> Period | None:
    """The first half, the third quarter, the first nine months of a year."""
    if match["year"]:
        year = int(match["year"])
    elif published is None:
        return None
    else:
        year = published.year - (1 if (match["which"] or "").lower() == "last" else 0)
    if match["half"]:
        first_month = 1 if match["half"].lower() == "first" else 7
        last_month = first_month + 5
    elif match["quarter"]:
        first_month = 1 + 3 * ["first", "second", "third", "fourth"].index(match["quarter"].lower())
        last_month = first_month + 2
    else:
        count = min(_count(match["count"]), 12)
        if match["edge"].lower() == "first":
            first_month, last_month = 1, count
        else:
            first_month, last_month = 13 - count, 12
    return dt.date(year, first_month, 1), _month_end(year, last_month)


def _resolve_season(match: re.Match, published, prep: str) -> Period:
    year = int(match["year"])
    first, last = SEASONS[match["season"].lower()]
    return dt.date(year, first, 1), _month_end(year, last)


def _resolve_decade(match: re.Match, published, prep: str) -> Period:
    year = int(match["decade"])
    return dt.date(year, 1, 1), dt.date(year + 9, 12, 31)


def _resolve_year(match: re.Match, published, prep: str) -> Period:
    year = int(match["year"])
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


def _resolve_weekday(match: re.Match, published, prep: str) -> Period | None:
    if published is None:
        return None
    back = (published.weekday() - WEEKDAYS[match["weekday"].lower()]) % 7
    if (match["rel"] or "").lower() in ("last", "past", "previous") and back == 0:
        back = 7
    day = published - dt.timedelta(days=back)
    return day, day


def _resolve_weekday_span(match: re.Match, published, prep: str) -> Period | None:
    """The last day is the latest such weekday on or before publication; the first the
    nearest such weekday before it ("Sunday and Monday" of a Sunday's paper: the 13th, 14th)."""
    if published is None:
        return None
    first, last = (WEEKDAYS[match[k].lower()] for k in ("weekday", "weekday2"))
    end = published - dt.timedelta(days=(published.weekday() - last) % 7)
    return end - dt.timedelta(days=(last - first) % 7), end


def _resolve_relative_day(match: re.Match, published, prep: str) -> Period | None:
    if published is None:
        return None
    word = " ".join(match["word"].lower().split())
    if word == "overnight":
        return published - dt.timedelta(days=1), published
    back = {"yesterday": 1, "last night": 1, "the day before yesterday": 2}.get(word, 0)
    day = published - dt.timedelta(days=back)
    return day, day


def _count(text: str) -> int:
    text = " ".join(text.lower().replace("-", " ").split())
    if text.isdigit():
        return int(text)
    if text in NUMBER_WORDS:
        return NUMBER_WORDS[text]
    tens, _, units = text.partition(" ")
    return NUMBER_WORDS[tens] + NUMBER_WORDS[units]


def _minus(published: dt.date, count: int, unit: str) -> dt.date:
    unit = unit.lower().rstrip("s")
    if unit == "hour":
        return published - dt.timedelta(days=-(-count // 24))
    if unit in ("day", "week"):
        return published - dt.timedelta(days=count * (7 if unit == "week" else 1))
    months = count * {"month": 1, "year": 12, "decade": 120}[unit]
    year, month = divmod(published.year * 12 + published.month - 1 - months, 12)
    return safe_date(year, month + 1, published.day) or _month_end(year, month + 1)


def _resolve_rolling(match: re.Match, published, prep: str) -> Period | None:
    if published is None:
        return None
    count = _count(match["count"]) if match["count"] else 1
    return _minus(published, count, match["unit"] or match["unit1"]), published


def _resolve_ago(match: re.Match, published, prep: str) -> Period | None:
    if published is None:
        return None
    day = _minus(published, _count(match["count"]), match["unit"])
    return day, day


def _resolve_calendar(match: re.Match, published, prep: str) -> Period | None:
    if published is None:
        return None
    which = (match["which"] or match["the"]).lower()
    period = (match["period"] or match["weekend"]).lower()
    if period == "weekend":
        saturday = published - dt.timedelta(days=(published.weekday() - 5) % 7)
        if which in ("last", "previous") and published.weekday() >= 5:
            saturday -= dt.timedelta(days=7)
        return saturday, min(saturday + dt.timedelta(days=1), published)
    previous = which in ("last", "previous")
    if period == "week":
        monday = published - dt.timedelta(days=published.weekday())
        if previous:
            return monday - dt.timedelta(days=7), monday - dt.timedelta(days=1)
        first, last = monday, monday + dt.timedelta(days=6)
    elif period == "month":
        if previous:
            end = published.replace(day=1) - dt.timedelta(days=1)
            return end.replace(day=1), end
        first, last = published.replace(day=1), _month_end(published.year, published.month)
    else:
        if previous:
            return dt.date(published.year - 1, 1, 1), dt.date(published.year - 1, 12, 31)
        first, last = dt.date(published.year, 1, 1), dt.date(published.year, 12, 31)
    if (match["when"] or "").lower() == "later":
        return published, last
    return first, published


def _resolve_duration(match: re.Match, published, prep: str) -> Period | None:
    if published is None:
        return None
    return _minus(published, _count(match["count"]), match["unit"]), published


def _part_of(period: Period, part: str) -> Period:
    """early / mid / late (start / middle / end of) a period: its first, middle or last third."""
    first, last = period
    if not part or first == last:
        return period
    third = (last - first) // 3
    if part.startswith(("early", "the start", "the beginning")):
        return first, first + third
    if part.startswith(("late", "the end")):
        return last - third, last
    return first + third, last - third


_RESOLVERS = {
    "between": _resolve_range,
    "from_to": _resolve_range,
    "day_span": _resolve_day_span,
    "day": _resolve_point,
    "iso": _resolve_iso,
    "month_year": _resolve_month_year,
    "season": _resolve_season,
    "part_of_year": _resolve_part_of_year,
    "decade": _resolve_decade,
    "year": _resolve_year,
    "month": _resolve_month,
    "weekday_span": _resolve_weekday_span,
    "weekday": _resolve_weekday,
    "relative_day": _resolve_relative_day,
    "rolling": _resolve_rolling,
    "calendar": _resolve_calendar,
    "ago": _resolve_ago,
    "duration": _resolve_duration,
}
