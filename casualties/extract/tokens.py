"""Word tokens with character offsets, and the lexicons they are matched against.

Rules work on tokens (not raw characters) so that a phrase like "at least 10 Afghan
civilians" is read the same whatever its spacing or quote marks. ``norm`` is the lower-cased
form used for lexicon look-ups; the capitalised "US", "UN", "WHO" are normalised to
"u.s.", "u.n.", "w.h.o." so that the pronoun "us" never reads as the United States.
"""

from __future__ import annotations

import re
from functools import cache
from typing import NamedTuple

import yaml

from casualties.paths import REFERENCE

LEXICON_DIR = REFERENCE / "extract"

_TOKEN_RE = re.compile(
    r"\d+-(?:year|month|week|day)s?-old"  # ages: "3-year-old"
    r"|\d+(?:st|nd|rd|th)\b"  # ordinals: "1st Class", "3rd Brigade"
    r"|\d[\d,]*\d(?:\.\d+)?(?:-plus|\+)?"  # 1,200 / 50-plus / 3.5
    r"|\d(?:-plus|\+)?"
    r"|[^\W\d_](?:\.[^\W\d_])+\.?"  # U.S. / a.m.
    r"|[^\W\d_](?:[\w\-]*\w)?(?:['’][^\W\d_]+)?"  # words, hyphenated, possessive
    r"|\S"
)
_SPECIAL = {"US": "u.s.", "U.S": "u.s.", "UN": "u.n.", "U.N": "u.n.", "WHO": "w.h.o."}


class Token(NamedTuple):
    text: str
    norm: str
    start: int
    end: int

    @property
    def capitalised(self) -> bool:
        return self.text[:1].isupper()


_NORMS: dict[str, str] = {}


def _norm(text: str) -> str:
    norm = _NORMS.get(text)
    if norm is None:
        key = text.rstrip(".") if text.endswith(".") and "." in text[:-1] else text
        norm = _SPECIAL.get(key) or text.lower().replace("’", "'").replace("‘", "'")
        if len(_NORMS) < 200_000:
            _NORMS[text] = norm
    return norm


def tokenize(text: str, offset: int = 0) -> list[Token]:
    """Tokens of ``text``; offsets are shifted by ``offset`` (the text's place in a document)."""
    norms, new = _NORMS, Token
    tokens = []
    append = tokens.append
    for match in _TOKEN_RE.finditer(text):
        word = match.group()
        start = match.start() + offset
        append(new(word, norms.get(word) or _norm(word), start, start + len(word)))
    return tokens


_OPEN_QUOTES, _CLOSE_QUOTES = frozenset('"“‘'), frozenset('"”’')
#: the most words a pair of scare quotes holds ('were "martyred"', 'more than 30 "apostates"')
SCARE_QUOTE_WORDS = 3


def drop_scare_quotes(tokens: list[Token], keep: frozenset[str] = frozenset()) -> list[Token]:
    """Tokens without the quote marks around a few words inside a sentence: the reporter
    distancing the paper from a party's word ('six students were "martyred"', '30
    "apostates" were killed') does not change what the sentence says. Quoted speech (longer,
    or with punctuation) keeps its marks, and so does a quote of a figure ('"perhaps a
    handful"': words of ``keep`` or digits), whose text must stay as the article wrote it."""
    drop: set[int] = set()
    i = 1  # a quote opening the sentence opens speech
    while i < len(tokens):
        if tokens[i].text in _OPEN_QUOTES and tokens[i - 1].text[:1].isalnum():
            for j in range(i + 1, min(len(tokens), i + SCARE_QUOTE_WORDS + 2)):
                if tokens[j].text in _CLOSE_QUOTES and j > i + 1:
                    drop.update((i, j))
                    i = j
                    break
                if not tokens[j].text[:1].isalpha() or tokens[j].norm in keep:
                    break
        i += 1
    return [t for k, t in enumerate(tokens) if k not in drop] if drop else tokens


def strip_possessive(norm: str) -> str:
    return norm[:-2] if norm.endswith("'s") else norm


@cache
def lexicon(name: str) -> dict:
    """A lexicon file of ``data/reference/extract/`` (parsed once)."""
    with open(LEXICON_DIR / f"{name}.yaml", encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def word_set(name: str, key: str) -> frozenset[str]:
    """The word list ``key`` of the lexicon file ``name`` (``data/reference/extract/``)."""
    return frozenset(str(word) for word in lexicon(name)[key])


def alternation(name: str, key: str) -> str:
    """The regular expressions ``key`` of a lexicon file as one alternation (``a|b|c``)."""
    return "|".join(str(pattern) for pattern in lexicon(name)[key])


def word_regex(name: str, key: str, *, capture: bool = False) -> re.Pattern:
    """The patterns ``key`` of a lexicon file as one case-insensitive alternation of whole
    words (``capture``: as group 1)."""
    body = alternation(name, key)
    return re.compile(rf"\b({body})\b" if capture else rf"\b(?:{body})\b", re.IGNORECASE)


def phrase_at(tokens: list[Token], i: int, words: tuple[str, ...]) -> int:
    """End index if the token sequence ``words`` ("*" = any token) starts at ``i``, else -1."""
    if i + len(words) > len(tokens):
        return -1
    for k, word in enumerate(words):
        if word != "*" and tokens[i + k].norm != word:
            return -1
    return i + len(words)


class PhraseIndex:
    """Token phrases indexed by their first word, for one pass over a sentence's words."""

    def __init__(self, phrases):
        self.index: dict[str, list[tuple[tuple[str, ...], object]]] = {}
        for words, value in phrases:
            self.index.setdefault(words[0], []).append((tuple(words), value))
        for entries in self.index.values():
            entries.sort(key=lambda entry: -len(entry[0]))

    def values_in(self, words) -> list:
        """Values of every phrase occurring in ``words`` (a sequence of normalised words)."""
        found = []
        index = self.index
        for i, word in enumerate(words):
            for phrase, value in index.get(word, ()):
                if tuple(words[i : i + len(phrase)]) == phrase:
                    found.append(value)
        return found

    def last_in(self, words):
        """(position, value) of the phrase starting last in ``words``, or (-1, None)."""
        index = self.index
        for i in range(len(words) - 1, -1, -1):
            for phrase, value in index.get(words[i], ()):
                if tuple(words[i : i + len(phrase)]) == phrase:
                    return i, value
        return -1, None
