"""casualties.dates: publication date lines, event-date phrases and their resolution."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from casualties.dates import DatePhrase, find_date_phrases, parse_published, resolve_date_phrase

D = dt.date

# -- publication dates ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("october 2, 2019", D(2019, 10, 2)),
        ("Sept. 9, 2019", D(2019, 9, 9)),
        ("sep. 14, 2019", D(2019, 9, 14)),
        ("1 Jul 2019", D(2019, 7, 1)),
        ("29 June 2019", D(2019, 6, 29)),
        ("September 6, 2019 (3 days ago)", D(2019, 9, 6)),
        ("september 29, 2019 (sunday)", D(2019, 9, 29)),
        ("Aug 20, 2019", D(2019, 8, 20)),
        ("Nov. 21 2017", D(2017, 11, 21)),
        ("2019-09-06", D(2019, 9, 6)),
        ("2019-09-06T10:30:00Z", D(2019, 9, 6)),
        ("Friday, September 6, 2019", D(2019, 9, 6)),
        ("Published: Sept. 9, 2019", D(2019, 9, 9)),
        ("1st of July, 2019", D(2019, 7, 1)),
        ("  September\u00a06, 2019  ", D(2019, 9, 6)),
    ],
)
def test_parse_published_forms(text, expected):
    assert parse_published(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "",
        "Sept. 29",  # no year: not a date line
        "Feb 30, 2019",  # no such day
        "by bill roggio",
        "long war journal",
        "On Sept. 9, 2019, the Taliban attacked.",  # a sentence, not a date line
        "September 6, 2019 and more",
        "2019-13-01",
    ],
)
def test_parse_published_rejects_what_is_not_a_date_line(text):
    assert parse_published(text) is None


PUBLISHED_FORMATS = [
    lambda d: f"{d:%B} {d.day}, {d.year}".lower(),
    lambda d: f"{d:%B} {d.day}, {d.year}",
    lambda d: f"{d:%b}. {d.day}, {d.year}",
    lambda d: f"{d:%b}. {d.day}, {d.year}".lower(),
    lambda d: ("Sept" if d.month == 9 else f"{d:%b}") + f". {d.day}, {d.year}",
    lambda d: f"{d.day} {d:%b} {d.year}",
    lambda d: f"{d.day} {d:%B} {d.year}",
    lambda d: f"{d:%B} {d.day}, {d.year} ({(D.today() - d).days} days ago)",
    lambda d: f"{d:%B} {d.day}, {d.year} ({d:%A})".lower(),
    lambda d: f"{d:%A}, {d:%B} {d.day}, {d.year}",
    lambda d: d.isoformat(),
]


@given(st.dates(D(1900, 1, 1), D(2099, 12, 31)), st.sampled_from(PUBLISHED_FORMATS))
def test_any_date_in_any_published_format_round_trips(day, render):
    assert parse_published(render(day)) == day


# -- finding event-date phrases ------------------------------------------------------------


def phrases(text: str) -> list[str]:
    return [phrase.text for phrase in find_date_phrases(text)]


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("Officials said 36 fighters were killed on Thursday in Kunduz.", ["on Thursday"]),
        ("The fighting began on the evening of Sept. 29 in Baharak.", ["Sept. 29"]),
        ("In Aug. 2017, forces killed several operatives.", ["In Aug. 2017"]),
        ("On Nov. 21 2017, the general said", ["On Nov. 21 2017"]),
        ("On Dec. 1, 2017, a commander was killed", ["On Dec. 1, 2017"]),
        ("killed since September 1, according to", ["since September 1"]),
        ("over the last two weeks, killing hundreds", ["over the last two weeks"]),
        ("raided a wedding last night during which", ["last night"]),
        ("in nearly 18 years of war", ["in nearly 18 years of war"]),
        (
            "the deadliest attack since the U.S. invaded in 2001",
            ["since the U.S. invaded", "in 2001"],
        ),
        ("between January and March, 1,773 civilians were", ["between January and March"]),
        ("Until earlier this month, the State Department", ["earlier this month"]),
        ("attacks in the past three weeks killed", ["in the past three weeks"]),
        ("Over past two months, the Taliban has", ["Over past two months"]),
        (
            "yesterday and today and the day before yesterday",
            ["yesterday", "today", "the day before yesterday"],
        ),
        (
            "in the summer of 2013, and since the 1990s",
            ["in the summer of 2013", "since the 1990s"],
        ),
        ("He was killed three days ago.", ["three days ago"]),
        ("the 18-year war in Afghanistan", ["18-year war"]),
        ("The 5th of June and 29 June 2019 were quiet.", ["The 5th of June", "29 June 2019"]),
        ("from 1996 to 2001 the Taliban ruled", ["from 1996 to 2001"]),
        ("Saturday's election", ["Saturday"]),
        ("talks held last Thursday and this week", ["last Thursday", "this week"]),
        ("They attacked in March. Then", ["in March"]),  # the period ends the sentence
        ("over the past 24 hours, forces killed", ["over the past 24 hours"]),
        ("between 1 January and 30 September 2019.", ["between 1 January and 30 September 2019"]),
        ("On Sunday 15 September, a bomb", ["On Sunday 15 September"]),
        ("April 3: An airstrike in Sangin killed 11", ["April 3"]),  # a round-up's item
        ("On August 12 and 13 people were killed", ["On August 12"]),  # 13 is a figure
    ],
)
def test_find_date_phrases_in_sentences(sentence, expected):
    assert phrases(sentence) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "The Taliban may attack again, officials said.",  # "may" is a verb
        "Troops march on.",
        "More than 350 Taliban fighters have been killed.",
        "The attack killed 2,000 people and wounded 1,200.",
        "The fighters were 2018 in number.",  # a bare year needs a preposition
        "a 20-year-old man was killed",
        "The last convoy left.",
        "The blast at 10:30 killed two.",
    ],
)
def test_find_date_phrases_finds_nothing_where_there_is_no_date(sentence):
    assert phrases(sentence) == []


@given(
    st.text(alphabet="abc ,.", max_size=30),
    st.sampled_from(["on Thursday", "Sept. 29", "since September 1", "in 2018", "last week"]),
    st.text(alphabet="abc ,.", max_size=30),
)
def test_phrase_offsets_point_into_the_text(before, phrase, after):
    text = f"{before} {phrase} {after}"
    found = find_date_phrases(text)
    assert DatePhrase(len(before) + 1, len(before) + 1 + len(phrase), phrase) in found
    for item in found:
        assert text[item.start : item.end] == item.text


# -- resolving phrases ---------------------------------------------------------------------

FRI_6_SEPT = D(2019, 9, 6)  # a Friday


@pytest.mark.parametrize(
    "phrase, start, end",
    [
        ("on Thursday", D(2019, 9, 5), D(2019, 9, 5)),
        ("on Friday", D(2019, 9, 6), D(2019, 9, 6)),  # the same day counts
        ("last Friday", D(2019, 8, 30), D(2019, 8, 30)),
        ("Saturday evening", D(2019, 8, 31), D(2019, 8, 31)),
        ("Sept. 29", D(2019, 9, 29), D(2019, 9, 29)),  # 23 days after P: not "well after"
        ("on September 5", D(2019, 9, 5), D(2019, 9, 5)),
        ("September 10", D(2019, 9, 10), D(2019, 9, 10)),
        ("December 25", D(2018, 12, 25), D(2018, 12, 25)),  # well after P: the year before
        ("scheduled for Sept. 28", D(2019, 9, 28), D(2019, 9, 28)),
        ("Aug. 2017", D(2017, 8, 1), D(2017, 8, 31)),
        ("Nov. 21 2017", D(2017, 11, 21), D(2017, 11, 21)),
        ("Dec. 1, 2017", D(2017, 12, 1), D(2017, 12, 1)),
        ("2019-08-20", D(2019, 8, 20), D(2019, 8, 20)),
        ("yesterday", D(2019, 9, 5), D(2019, 9, 5)),
        ("last night", D(2019, 9, 5), D(2019, 9, 5)),
        ("today", FRI_6_SEPT, FRI_6_SEPT),
        ("this week", D(2019, 9, 2), FRI_6_SEPT),
        ("earlier this week", D(2019, 9, 2), FRI_6_SEPT),
        ("last week", D(2019, 8, 26), D(2019, 9, 1)),
        ("over the weekend", D(2019, 8, 31), D(2019, 9, 1)),
        ("earlier this month", D(2019, 9, 1), FRI_6_SEPT),
        ("last month", D(2019, 8, 1), D(2019, 8, 31)),
        ("this year", D(2019, 1, 1), FRI_6_SEPT),
        ("last year", D(2018, 1, 1), D(2018, 12, 31)),
        ("over the past two months", D(2019, 7, 6), FRI_6_SEPT),
        ("in the past 10 days", D(2019, 8, 27), FRI_6_SEPT),
        ("over the last two weeks", D(2019, 8, 23), FRI_6_SEPT),
        ("in the past three weeks", D(2019, 8, 16), FRI_6_SEPT),
        ("over the past 24 hours", D(2019, 9, 5), FRI_6_SEPT),
        ("the past year", D(2018, 9, 6), FRI_6_SEPT),
        ("over the past several days", D(2019, 9, 3), FRI_6_SEPT),
        ("three days ago", D(2019, 9, 3), D(2019, 9, 3)),
        ("since 2001", D(2001, 1, 1), FRI_6_SEPT),
        ("since September 1", D(2019, 9, 1), FRI_6_SEPT),
        ("since October", D(2018, 10, 1), FRI_6_SEPT),
        ("since the U.S. invaded", D(2001, 10, 7), FRI_6_SEPT),
        ("since the US invaded", D(2001, 10, 7), FRI_6_SEPT),
        ("since the Soviet invasion", D(1979, 12, 24), FRI_6_SEPT),
        ("in nearly 18 years of war", D(2001, 9, 6), FRI_6_SEPT),
        ("the 18-year war", D(2001, 9, 6), FRI_6_SEPT),
        ("in 2018", D(2018, 1, 1), D(2018, 12, 31)),
        ("in June", D(2019, 6, 1), D(2019, 6, 30)),
        ("between January and March", D(2019, 1, 1), D(2019, 3, 31)),
        ("between November and February", D(2018, 11, 1), D(2019, 2, 28)),
        ("from 2012 to 2014", D(2012, 1, 1), D(2014, 12, 31)),
        ("between Sept. 1 and Sept. 5", D(2019, 9, 1), D(2019, 9, 5)),
        ("Sept. 2-4", D(2019, 9, 2), D(2019, 9, 4)),
        ("in the summer of 2013", D(2013, 6, 1), D(2013, 8, 31)),
        ("between 1 January and 30 September 2019", D(2019, 1, 1), D(2019, 9, 30)),
        ("between Dec. 20 and Jan. 5, 2019", D(2018, 12, 20), D(2019, 1, 5)),
        ("in the first half of 2019", D(2019, 1, 1), D(2019, 6, 30)),
        ("the third quarter of 2018", D(2018, 7, 1), D(2018, 9, 30)),
        ("the first nine months of this year", D(2019, 1, 1), D(2019, 9, 30)),
        ("in the 1990s", D(1990, 1, 1), D(1999, 12, 31)),
        ("early 2019", D(2019, 1, 1), D(2019, 5, 2)),
        ("late 2018", D(2018, 9, 1), D(2018, 12, 31)),
        ("since the start of 2019", D(2019, 1, 1), FRI_6_SEPT),
        # day spans written day first, with "and", after "between"; weekday pairs are
        # consecutive days ("Sunday and Monday" of a Friday's paper: the 1st and 2nd)
        ("on the night of 2-3 September", D(2019, 9, 2), D(2019, 9, 3)),
        ("between 2 and 3 September", D(2019, 9, 2), D(2019, 9, 3)),
        ("between September 2 and 3", D(2019, 9, 2), D(2019, 9, 3)),
        ("on 3 and 4 September", D(2019, 9, 3), D(2019, 9, 4)),
        ("from 2 to 4 September", D(2019, 9, 2), D(2019, 9, 4)),
        ("between Sunday and Monday", D(2019, 9, 1), D(2019, 9, 2)),
        ("late Saturday and early Sunday", D(2019, 8, 31), D(2019, 9, 1)),
        ("on Thursday night and Friday", D(2019, 9, 5), FRI_6_SEPT),
    ],
)
def test_resolve_date_phrase(phrase, start, end):
    assert resolve_date_phrase(phrase, FRI_6_SEPT) == (start, end)


def test_several_phrases_give_the_period_covering_them():
    assert resolve_date_phrase("on Thursday; since September 1", FRI_6_SEPT) == (
        D(2019, 9, 1),
        FRI_6_SEPT,
    )
    assert resolve_date_phrase("In 2015 and in 2017", None) == (D(2015, 1, 1), D(2017, 12, 31))


def test_resolve_accepts_an_iso_string_and_text_around_the_phrase():
    assert resolve_date_phrase("On Thursday", "2019-09-06") == (D(2019, 9, 5), D(2019, 9, 5))
    assert resolve_date_phrase("killed on Sept. 30 in", "Sept. 9, 2019") == (
        D(2019, 9, 30),
        D(2019, 9, 30),
    )


@pytest.mark.parametrize(
    "phrase", ["on Thursday", "last week", "in the past three weeks", "September 10"]
)
def test_relative_phrases_need_the_publication_date(phrase):
    assert resolve_date_phrase(phrase, None) == (None, None)
    assert resolve_date_phrase(phrase, "") == (None, None)


def test_absolute_phrases_resolve_without_publication_date():
    assert resolve_date_phrase("Dec. 1, 2017", None) == (D(2017, 12, 1), D(2017, 12, 1))
    assert resolve_date_phrase("since 2001", None) == (D(2001, 1, 1), None)


@pytest.mark.parametrize("phrase", ["", "the Taliban", "recently", "the previous day", "soon"])
def test_unresolvable_phrases(phrase):
    assert resolve_date_phrase(phrase, FRI_6_SEPT) == (None, None)


WEEKDAY_NAMES = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
published_dates = st.dates(D(1990, 1, 1), D(2035, 12, 31))


@given(published_dates, st.integers(0, 6), st.sampled_from(["", "on ", "last "]))
def test_weekday_is_the_most_recent_such_day(published, weekday, prefix):
    start, end = resolve_date_phrase(prefix + WEEKDAY_NAMES[weekday], published)
    assert start == end and start.weekday() == weekday
    back = (published - start).days
    assert (1 <= back <= 7) if prefix == "last " else (0 <= back <= 6)


@given(published_dates, st.dates(D(2000, 1, 1), D(2000, 12, 31)))
def test_day_without_year_is_near_publication(published, day):
    phrase = f"{day:%B} {day.day}"
    start, end = resolve_date_phrase(phrase, published)
    assert start == end and (start.month, start.day) == (day.month, day.day) or day.day == 29
    assert -370 <= (published - start).days <= 366
    assert start <= published + dt.timedelta(days=31)


@given(published_dates, st.integers(1, 90), st.sampled_from(["in the past", "over the last"]))
def test_past_n_days(published, count, lead):
    assert resolve_date_phrase(f"{lead} {count} days", published) == (
        published - dt.timedelta(days=count),
        published,
    )


@given(published_dates, st.dates(D(1990, 1, 1), D(2035, 12, 31)))
def test_single_explicit_days_round_trip(published, day):
    for text in (f"{day:%B} {day.day}, {day.year}", f"{day.day} {day:%B} {day.year}"):
        assert resolve_date_phrase(text, published) == (day, day)
        assert phrases(f"It happened on {text} in Kabul.") == [f"on {text}"]


def test_offsets_hold_over_whole_articles_with_paragraphs():
    from casualties.corpus import read_articles

    for article in read_articles():
        found = find_date_phrases(article.text)
        assert found, article.title
        for phrase in found:
            assert article.text[phrase.start : phrase.end] == phrase.text
    text = "First para.\n\n\nKilled on Thursday.\n\nSince September 1, more."
    assert [(p.text, text[p.start : p.end]) for p in find_date_phrases(text)] == [
        ("on Thursday", "on Thursday"),
        ("Since September 1", "Since September 1"),
    ]


date_words = st.sampled_from(
    ["since", "in", "on", "the", "past", "last", "Sept.", "May", "1", "31", "2019", "1800",
     "0", "99", "days", "years", "ago", "between", "and", "from", "to", "Monday", "of", "war",
     "early", "mid-", "twenty-one", "several", "week", "weekend", "this", "-", ",", "hours"]
)  # fmt: skip


@given(st.lists(date_words, max_size=12).map(" ".join), st.none() | published_dates)
def test_any_text_is_found_and_resolved_without_error(text, published):
    for phrase in find_date_phrases(text):
        start, end = resolve_date_phrase(phrase.text, published)
        if start and end:
            assert start <= end
    resolve_date_phrase(text, published)
