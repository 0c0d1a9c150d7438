"""Figure phrases at a token: "at least 10", "fifty-two", "50-plus", "a dozen", "dozens".

Extract does not have a figure grammar of its own: :func:`figure_at` asks
``casualties.figures.match_figure`` (the grammar clean parses ``figure_text`` with) for the
phrase starting at a token, on the sentence's text rebuilt from its tokens, and returns it
as a token span. So the figure text extract writes always parses back to the value and
qualifier it wrote. What stays here is how extract uses a figure: determiners read as "one"
before a singular noun ("the U.S. service member") and ordinals ("the fourth soldier"); a
filler before a number ("another 50", "a total of 12") is left to ``mentions`` (it decides
what "another" adds up to), so the figure text is "50".
Zero counts ("no civilians") are read by ``mentions``, which knows the noun they negate.
"""

from __future__ import annotations

import bisect
from typing import NamedTuple

from casualties.extract.tokens import Token, lexicon
from casualties.figures import FILLER_RE, START_WORDS, match_figure

#: Determiners read as "one" before a singular victim noun ("a Romanian soldier").
SINGULAR = frozenset("a an the another his her my their its our whose".split())
#: "the fourth U.S. service member killed": an ordinal count (extract/numbers.yaml).
ORDINALS = {str(word): int(n) for word, n in lexicon("numbers")["ordinals"].items()}


class FigureSpan(NamedTuple):
    start: int  # token index of the first token of the figure phrase
    end: int  # token index after it
    value: int | None
    qualifier: str
    vague: str | None
    singular: bool = False  # "a", "an", "the": one only with a singular noun
    high: int | None = None  # the high number of a range ("between 5 and 8")


#: Words a figure phrase can start with (besides digits): a fast first test.
STARTS = START_WORDS | SINGULAR | {"dozen"}
_ONLY_SINGULAR = SINGULAR - START_WORDS


class _Sentence(NamedTuple):
    tokens: list[Token]
    text: str  # the tokens at their offsets, gaps as spaces
    ends: list[int]  # end offset (in ``text``) of each token


_last: list[_Sentence] = []


def _sentence(tokens: list[Token]) -> _Sentence:
    """The sentence's text rebuilt from its tokens (cached for the sentence being read)."""
    if _last and _last[0].tokens is tokens:
        return _last[0]
    base = tokens[0].start
    parts, at = [], base
    for token in tokens:
        parts.append(" " * (token.start - at))
        parts.append(token.text)
        at = token.end
    sentence = _Sentence(tokens, "".join(parts), [t.end - base for t in tokens])
    _last[:] = [sentence]
    return sentence


def figure_at(tokens: list[Token], i: int) -> FigureSpan | None:
    """The figure phrase starting at token ``i`` (as ``casualties.figures`` reads it), or None."""
    first = tokens[i].norm
    if first not in STARTS and not first[:1].isdigit() and "-" not in first:
        return None
    if first in _ONLY_SINGULAR:
        return FigureSpan(i, i + 1, 1, "exact", None, singular=True)  # "the", "his": no figure
    sentence = _sentence(tokens)
    base = tokens[0].start
    before = tokens[i - 1].norm if i else ""
    found_at = tokens[i].start - base
    found = match_figure(sentence.text, found_at, before=before)
    while found is not None:
        end, figure, kind = found
        j = bisect.bisect_right(sentence.ends, end)  # tokens ending at or before ``end``
        if j > i and sentence.ends[j - 1] == end:
            break
        if j <= i:  # the phrase ends inside the first token: not a figure of whole tokens
            found = None
            break
        found = match_figure(sentence.text, found_at, sentence.ends[j - 1])
    if found is not None and kind == "number" and FILLER_RE.match(sentence.text, found_at):
        found = None  # "another 50": "another" is read by mentions, the figure is "50"
    if found is None:
        if first in SINGULAR:
            return FigureSpan(i, i + 1, 1, "exact", None, singular=True)
        return None
    if kind == "zero":
        return None  # "no", "none", "any": mentions reads zero counts with their noun
    singular = kind == "one"
    return FigureSpan(i, j, figure.value, figure.qualifier, figure.vague, singular, figure.high)
