"""casualties.figures: parsing figure phrases, finding them in text, presets to ranges."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from casualties.errors import InputError, ParameterError
from casualties.figures import (
    QUALIFIERS,
    VAGUE_WORDS,
    Figure,
    FigureError,
    find_figures,
    load_preset,
    parse_figure,
    to_range,
)

PARSE_CASES = [
    ("36", 36, "exact", None),
    ("1,200", 1200, "exact", None),
    ("14,000", 14000, "exact", None),
    ("twelve", 12, "exact", None),
    ("fifty-two", 52, "exact", None),
    ("Fifty two", 52, "exact", None),
    ("one hundred", 100, "exact", None),
    ("a hundred", 100, "exact", None),
    ("two hundred and fifty", 250, "exact", None),
    ("twelve hundred", 1200, "exact", None),
    ("a", 1, "exact", None),
    ("an", 1, "exact", None),
    ("one", 1, "exact", None),
    ("a single", 1, "exact", None),
    ("no", 0, "exact", None),
    ("none", 0, "exact", None),
    ("zero", 0, "exact", None),
    ("any", 0, "exact", None),
    ("no one", 0, "exact", None),
    ("a dozen", 12, "about", None),
    ("half a dozen", 6, "about", None),
    ("two dozen", 24, "about", None),
    ("more than a dozen", 12, "more_than", None),
    ("another 50", 50, "exact", None),
    ("two more", 2, "exact", None),
    ("a total of 12", 12, "exact", None),
    ("another 50-plus", 50, "more_than", None),
    ("50-plus", 50, "more_than", None),
    ("50 plus", 50, "more_than", None),
    ("50+", 50, "more_than", None),
    ("at least 16", 16, "at_least", None),
    ("a minimum of 5", 5, "at_least", None),
    ("100 or more", 100, "at_least", None),
    ("more than 350", 350, "more_than", None),
    ("More than 2,400", 2400, "more_than", None),
    ("over 100", 100, "more_than", None),
    ("upwards of 30", 30, "more_than", None),
    ("about 40", 40, "about", None),
    ("around 40", 40, "about", None),
    ("some 200", 200, "about", None),
    ("roughly 15", 15, "about", None),
    ("approximately 15", 15, "about", None),
    ("an estimated 15", 15, "about", None),
    ("nearly 90", 90, "nearly", None),
    ("almost 90", 90, "nearly", None),
    ("close to 90", 90, "nearly", None),
    ("up to 20", 20, "up_to", None),
    ("as many as 20", 20, "up_to", None),
    ("up to 1.5 million", 1_500_000, "up_to", None),
    ("dozens", None, "vague", "dozens"),
    ("Dozens of", None, "vague", "dozens"),
    ("tens of", None, "vague", "tens of"),
    ("several", None, "vague", "several"),
    ("a few", None, "vague", "a few"),
    ("a couple", None, "vague", "a couple"),
    ("a couple of", None, "vague", "a couple"),
    ("scores", None, "vague", "scores"),
    ("hundreds", None, "vague", "hundreds"),
    ("thousands of", None, "vague", "thousands"),
    ("tens of thousands", None, "vague", "tens of thousands"),
    ("a number of", None, "vague", "a number of"),
    ("several dozen", None, "vague", "dozens"),
    (" “at least 10,” ", 10, "at_least", None),
    ("at least\u00a010", 10, "at_least", None),
]


@pytest.mark.parametrize(("text", "value", "qualifier", "vague"), PARSE_CASES)
def test_parse_figure(text, value, qualifier, vague):
    assert parse_figure(text) == Figure(value, qualifier, vague)


@pytest.mark.parametrize(
    "text",
    [
        "many",
        "tens",
        "the",
        "two three",
        "fifty fifty",
        "a hundred and",
        "lots",
        "",
        "1.5",
        "at least 50-plus",
        "twenty twelve",
        "36 Taliban fighters",
        "2 million and",
        "heavy",
    ],
)
def test_unknown_phrase_is_an_error_not_a_guess(text):
    with pytest.raises(FigureError):
        parse_figure(text)


def test_figure_error_is_a_value_error():
    assert issubclass(FigureError, ValueError)


_ONES = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen".split()
)
_TENS = "twenty thirty forty fifty sixty seventy eighty ninety".split()


def _below_thousand(n: int, hyphen: bool) -> str:
    words = []
    if n >= 100:
        words += [_ONES[n // 100], "hundred"]
        n %= 100
        if n:
            words.append("and")
    if n >= 20:
        tens = _TENS[n // 10 - 2]
        words.append(f"{tens}-{_ONES[n % 10]}" if n % 10 and hyphen else tens)
        if n % 10 and not hyphen:
            words.append(_ONES[n % 10])
    elif n or not words:
        words.append(_ONES[n])
    return " ".join(words)


def to_words(n: int, hyphen: bool = True) -> str:
    if n >= 1000:
        rest = n % 1000
        head = f"{_below_thousand(n // 1000, hyphen)} thousand"
        return f"{head} {_below_thousand(rest, hyphen)}" if rest else head
    return _below_thousand(n, hyphen)


@given(st.integers(0, 999_999), st.booleans())
def test_any_number_in_words_parses_back(n, hyphen):
    assert parse_figure(to_words(n, hyphen)) == Figure(n, "exact")


@given(st.integers(0, 999_999))
def test_any_number_in_digits_with_separators_parses_back(n):
    assert parse_figure(f"{n:,}") == Figure(n, "exact")
    assert parse_figure(f"more than {n:,}").value == n


@given(st.integers(0, 999_999))
def test_number_found_in_running_text(n):
    text = f"The attack killed {n:,} civilians and at least {to_words(n)} soldiers."
    figures = [m.figure for m in find_figures(text)]
    # written with a thousands separator, even 2,019 is a count, not a year
    assert figures == [Figure(n, "exact"), Figure(n, "at_least")]


FIND_CASES = [
    ("killed 63 people and wounded 182", ["63", "182"]),
    ("more than 2,400 American service members have died", ["more than 2,400"]),
    ("tens of civilians were hurt", ["tens of"]),
    (
        "Nearly 90 Taliban fighters died and another 50-plus were injured.",
        ["Nearly 90", "another 50-plus"],
    ),
    ("a dozen police and dozens of civilians", ["a dozen", "dozens of"]),
    ("Killing 12 people, including one American soldier", ["12", "one"]),
    ("The strike did not kill any civilians.", ["any"]),
    ("No civilians were hurt; no one died.", ["No", "no one"]),
    ("He no longer works there.", []),
    ("The fighting began on Sept. 29 in 2019, on 9/11, and on 29 June.", []),
    ("Ahmad Khan, 34, a 12-year-old boy and a man aged 40", []),
    ("At 10:30 or 3 p.m. or 4 am", []),
    ("the fourth day and the 3rd Brigade and the 21st century", []),
    ("50 percent of $10 million, 5% and 30 km away", []),
    ("two days, several weeks, a few hours and 18 years", []),
    ("F-16 jets, COVID-19 and B-52s", []),
    ("Up to 20 may have died.", ["Up to 20"]),
    ("a soldier was killed", []),
]


@pytest.mark.parametrize(("text", "expected"), FIND_CASES)
def test_find_figures(text, expected):
    mentions = find_figures(text)
    assert [m.text for m in mentions] == expected
    for mention in mentions:
        assert text[mention.start : mention.end] == mention.text
        assert mention.figure == parse_figure(mention.text)


def test_bare_year_is_not_a_figure_but_a_qualified_number_is():
    assert find_figures("in 2019") == []
    assert [m.figure for m in find_figures("more than 2019 died")] == [Figure(2019, "more_than")]


def test_find_figures_articles_on_request():
    mentions = find_figures("a soldier was killed", articles=True)
    assert [(m.text, m.figure) for m in mentions] == [("a", Figure(1, "exact"))]


# --- presets ---------------------------------------------------------------------------------

# One row per qualifier and vague word: (phrase, default, ucdp, acled); N = 100 or 10.
PRESET_TABLE = [
    ("100", (100, 100, 100), (100, 100, 100), (100, 100, 100)),
    ("at least 100", (100, 100, 150), (100, 100, 100), (100, 100, 100)),
    ("more than 100", (101, 101, 150), (101, 101, 101), (100, 100, 100)),
    ("about 100", (90, 100, 110), (100, 100, 100), (100, 100, 100)),
    ("about 10", (9, 10, 11), (10, 10, 10), (10, 10, 10)),
    ("a dozen", (10, 12, 14), (12, 12, 12), (12, 12, 12)),
    ("nearly 100", (90, 100, 100), (100, 100, 100), (100, 100, 100)),
    ("up to 100", (50, 100, 100), (50, 50, 50), (100, 100, 100)),
    ("up to 7", (4, 7, 7), (4, 4, 4), (7, 7, 7)),
    ("a couple", (2, 2, 3), (2, 2, 2), (2, 2, 2)),
    ("a few", (2, 3, 5), (2, 2, 2), (3, 3, 3)),
    ("a handful of", (2, 3, 5), (2, 2, 2), (3, 3, 3)),
    ("several", (3, 3, 9), (3, 3, 3), (3, 3, 3)),
    ("a number of", (3, 3, 9), (3, 3, 3), (3, 3, 3)),
    ("dozens", (24, 24, 99), (24, 24, 24), (12, 12, 12)),
    ("tens of", (20, 20, 99), (20, 20, 20), (10, 10, 10)),
    ("scores", (40, 40, 99), (40, 40, 40), (20, 20, 20)),
    ("hundreds", (200, 200, 999), (200, 200, 200), (100, 100, 100)),
    ("thousands", (2000, 2000, 9999), (2000, 2000, 2000), (1000, 1000, 1000)),
    ("tens of thousands", (20000, 20000, 99999), (20000, 20000, 20000), (10000, 10000, 10000)),
]


@pytest.mark.parametrize(("phrase", "default", "ucdp", "acled"), PRESET_TABLE)
def test_presets_table(phrase, default, ucdp, acled):
    figure = parse_figure(phrase)
    assert to_range(figure, load_preset("default")) == default
    assert to_range(figure, load_preset("ucdp")) == ucdp
    assert to_range(figure, load_preset("acled")) == acled


def test_preset_table_covers_every_qualifier_and_vague_word():
    figures = [parse_figure(row[0]) for row in PRESET_TABLE]
    assert {f.qualifier for f in figures} == set(QUALIFIERS) | {"vague"}
    assert {f.vague for f in figures if f.vague} == set(VAGUE_WORDS)


@given(
    st.integers(0, 10**7),
    st.sampled_from(QUALIFIERS),
    st.sampled_from(["default", "ucdp", "acled"]),
)
def test_ranges_are_ordered_and_non_negative(n, qualifier, name):
    low, best, high = to_range(Figure(n, qualifier), load_preset(name))
    assert 0 <= low <= best <= high


def test_ceil_uses_exact_arithmetic():
    # 1.1 * 10 is 11.000000000000002 in floating point; the preset must say 11.
    assert to_range(Figure(10, "about"), load_preset("default"))[2] == 11


def test_unknown_preset_name():
    with pytest.raises(ParameterError, match="unknown preset"):
        load_preset("nope")


def test_user_preset_file(tmp_path):
    text = (
        (load_preset("acled").path)
        .read_text()
        .replace(
            "dozens:            {low: 12,    best: 12,    high: 12}",
            "dozens: {low: 30, best: 36, high: 48}",
        )
    )
    path = tmp_path / "mine.yaml"
    path.write_text(text)
    assert to_range(parse_figure("dozens"), load_preset(str(path))) == (30, 36, 48)


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (lambda t: t.replace("  up_to:", "  upto:"), "missing"),
        (
            lambda t: t.replace("dozens:            {low: 12", "dozens:            {low: 13"),
            "low <= best",
        ),
        (lambda t: t.replace('more_than: {low: "N"', 'more_than: {low: "2*N"'), "N="),
        (lambda t: t.replace('about:     {low: "N"', 'about:     {low: "0.9*N"'), "floor"),
        (lambda t: t.replace('nearly:    {low: "N"', 'nearly:    {low: "N**2"'), "cannot read"),
        (lambda t: "[not, a, mapping", "cannot read"),
    ],
)
def test_bad_user_preset_is_an_input_error(tmp_path, edit, message):
    path = tmp_path / "bad.yaml"
    path.write_text(edit(load_preset("acled").path.read_text()))
    with pytest.raises(InputError, match=message):
        load_preset(str(path))
