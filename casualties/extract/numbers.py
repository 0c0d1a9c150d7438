"""Figure phrases at a token: "at least 10", "fifty-two", "50-plus", "a dozen", "dozens".

The figure grammar of the extractor. Value and qualifier come from
``casualties.figures.parse_figure`` (the same reading clean uses) when it knows the phrase;
this module's own reading is the fallback, so that extraction never depends on a phrase
being known there.
"""

from __future__ import annotations

from typing import NamedTuple

from casualties.extract.tokens import Token, phrase_at
from casualties.figures import NUMBER_SCALES, NUMBER_TENS, NUMBER_UNITS, parse_figure

UNITS = NUMBER_UNITS
TENS = NUMBER_TENS
SCALES = {"hundred": 100, **NUMBER_SCALES}

#: Qualifier words before a number (token sequences), longest first.
PREFIXES: tuple[tuple[tuple[str, ...], str], ...] = (
    (("a", "minimum", "of"), "at_least"),
    (("no", "fewer", "than"), "at_least"),
    (("no", "less", "than"), "at_least"),
    (("not", "less", "than"), "at_least"),
    (("at", "least"), "at_least"),
    (("more", "than"), "more_than"),
    (("upwards", "of"), "more_than"),
    (("in", "excess", "of"), "more_than"),
    (("over",), "more_than"),
    (("an", "estimated"), "about"),
    (("about",), "about"),
    (("around",), "about"),
    (("roughly",), "about"),
    (("approximately",), "about"),
    (("some",), "about"),
    (("an", "approximate"), "about"),
    (("close", "to"), "nearly"),
    (("nearly",), "nearly"),
    (("almost",), "nearly"),
    (("just", "under"), "nearly"),
    (("up", "to"), "up_to"),
    (("as", "many", "as"), "up_to"),
)
#: Vague figures: token sequence -> canonical vague word (docs/claims.md).
VAGUE: tuple[tuple[tuple[str, ...], str], ...] = (
    (("tens", "of", "thousands"), "tens of thousands"),
    (("tens", "of"), "tens of"),
    (("dozens", "upon", "dozens"), "dozens"),
    (("dozens", "and", "dozens"), "dozens"),
    (("dozens",), "dozens"),
    (("scores",), "scores"),
    (("hundreds",), "hundreds"),
    (("thousands",), "thousands"),
    (("several",), "several"),
    (("a", "few"), "a few"),
    (("a", "number", "of"), "a number of"),
    (("a", "couple", "of"), "a couple"),
    (("a", "couple"), "a couple"),
    (("a", "handful", "of"), "a few"),
)
#: Determiners read as "one" before a singular victim noun ("a Romanian soldier").
SINGULAR = frozenset("a an the another his her my their its our whose".split())
#: "the fourth U.S. service member killed": an ordinal count.
ORDINALS = {
    "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
    "ninth": 9, "tenth": 10, "2nd": 2, "3rd": 3, "4th": 4, "5th": 5, "6th": 6, "7th": 7,
    "8th": 8, "9th": 9, "10th": 10,
}  # fmt: skip


class FigureSpan(NamedTuple):
    start: int  # token index of the first token of the figure phrase
    end: int  # token index after it
    value: int | None
    qualifier: str
    vague: str | None
    singular: bool = False  # "a", "an", "the": one only with a singular noun


def _digits(norm: str) -> tuple[int | None, str | None]:
    plus = norm.endswith("-plus") or norm.endswith("+")
    core = norm.removesuffix("-plus").removesuffix("+").replace(",", "")
    if not core.isdigit():
        return None, None
    return int(core), ("more_than" if plus else None)


def _number_words(tokens: list[Token], i: int) -> tuple[int, int | None]:
    """(end, value) of a number written in words at ``i`` ("fifty-two", "one hundred")."""
    total, current, j, seen = 0, 0, i, False
    while j < len(tokens):
        word = tokens[j].norm
        parts = word.split("-")
        if len(parts) == 2 and parts[0] in TENS and parts[1] in UNITS:
            current += TENS[parts[0]] + UNITS[parts[1]]
        elif word in UNITS:
            current += UNITS[word]
        elif word in TENS:
            current += TENS[word]
        elif word in SCALES and seen:
            scale = SCALES[word]
            if scale == 100:
                current = max(current, 1) * 100
            else:
                total += max(current, 1) * scale
                current = 0
        elif word == "and" and seen and j + 1 < len(tokens) and tokens[j + 1].norm in UNITS:
            j += 1
            continue
        else:
            break
        seen = True
        j += 1
    return (j, total + current) if seen else (i, None)


#: Words a figure phrase can start with (besides digits): a fast first test.
STARTS = frozenset(
    {w[0] for w, _ in PREFIXES}
    | {w[0] for w, _ in VAGUE}
    | set(UNITS)
    | set(TENS)
    | SINGULAR
    | {"half", "dozen", "between"}
)


def _by_first_word(entries) -> dict[str, list]:
    index: dict[str, list] = {}
    for words, name in entries:
        index.setdefault(words[0], []).append((words, name))
    return index


_PREFIX_STARTS = _by_first_word(PREFIXES)
_VAGUE_STARTS = _by_first_word(VAGUE)


def figure_at(tokens: list[Token], i: int) -> FigureSpan | None:
    """The figure phrase starting at token ``i``, or None."""
    first = tokens[i].norm
    if first not in STARTS and not first[:1].isdigit() and "-" not in first:
        return None
    qualifier, j = "exact", i
    for words, name in _PREFIX_STARTS.get(first, ()):
        end = phrase_at(tokens, i, words)
        if end > 0:
            qualifier, j = name, end
            break
    if j >= len(tokens):
        return None
    if qualifier != "exact" and phrase_at(tokens, j, ("a", "dozen")) > 0:
        return FigureSpan(i, j + 2, 12, qualifier, None)  # "more than a dozen"
    if qualifier == "exact":
        for words, name in _VAGUE_STARTS.get(tokens[j].norm, ()):
            end = phrase_at(tokens, j, words)
            if end > 0:
                return FigureSpan(i, end, None, "vague", name)
        if tokens[j].norm == "a" and j + 1 < len(tokens) and tokens[j + 1].norm == "dozen":
            return FigureSpan(i, j + 2, 12, "about", None)
        if tokens[j].norm == "half" and phrase_at(tokens, j + 1, ("a", "dozen")) > 0:
            return FigureSpan(i, j + 3, 6, "about", None)
        if tokens[j].norm in SINGULAR:
            return FigureSpan(i, j + 1, 1, "exact", None, singular=True)
    value, plus = _digits(tokens[j].norm)
    end = j + 1
    if value is not None:
        if end < len(tokens) and tokens[end].norm in SCALES:
            value *= SCALES[tokens[end].norm]
            end += 1
    else:
        end, value = _number_words(tokens, j)
        if value is None:
            if tokens[j].norm == "dozen" and qualifier != "exact":
                return FigureSpan(i, j + 1, 12, qualifier, None)
            return None
        if end < len(tokens) and tokens[end].norm == "dozen":
            value *= 12
            end += 1
    if qualifier == "exact" and j > 0 and tokens[j - 1].norm == "between":
        if phrase_at(tokens, end, ("and",)) > 0 and end + 1 < len(tokens):
            upper = figure_at(tokens, end + 1)
            if upper is not None and upper.value is not None and not upper.singular:
                return FigureSpan(j - 1, upper.end, value, "at_least", None)
    if plus and qualifier == "exact":
        qualifier = "more_than"
    if phrase_at(tokens, end, ("or", "more")) > 0 and qualifier == "exact":
        qualifier, end = "at_least", end + 2
    if qualifier == "exact" and tokens[end - 1].norm == "dozen" and end - i == 1:
        qualifier = "about"
    return FigureSpan(i, end, value, qualifier, None)


def reparse(text: str, fallback: FigureSpan) -> tuple[int | None, str]:
    """Value and qualifier of ``text`` as ``casualties.figures`` reads it, else ``fallback``."""
    try:
        figure = parse_figure(text)
    except ValueError:
        return fallback.value, fallback.qualifier
    if fallback.singular or figure.qualifier != fallback.qualifier:
        return fallback.value, fallback.qualifier
    return figure.value, figure.qualifier
