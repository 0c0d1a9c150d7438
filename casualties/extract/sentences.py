"""Paragraphs and sentences with their offsets in the article text.

A small regex splitter (no model download): a sentence ends at ``. ! ? …`` (and any closing
quote) followed by a capital, digit or opening quote, unless the word before the full stop is
an abbreviation ("U.S.", "Sept.", "Gen.", "Sgt.") or an initial ("Elis A. Barreto"). A line
break inside a paragraph (a heading, a caption) also ends a sentence.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from casualties.extract.tokens import word_set

_PARAGRAPH_RE = re.compile(r"\n[ \t\r\f\v]*\n\s*")
_BOUNDARY_RE = re.compile(r"(?:\.\.\.|[.!?…])+[\"”’'\)\]]*(?=\s)|\n")
_NEXT_RE = re.compile(r"\s*([\"“‘'(\[]?)(\S)")
_WORD_BEFORE_RE = re.compile(r"(\S+?)\.?$")

#: Abbreviations whose period ends no sentence (data/reference/extract/sentences.yaml).
ABBREVIATIONS = word_set("sentences", "abbreviations")
#: After "U.S." (and other abbreviations that also end sentences) these words start a new one.
SENTENCE_STARTERS = frozenset(
    "the a an he she it they we i his her their this that these those but and in on at "
    "after before when while there however meanwhile".split()
)


class Span(NamedTuple):
    start: int
    end: int
    paragraph: int


def paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each paragraph (blocks separated by a blank line), stripped."""
    spans = []
    pos = 0
    for match in _PARAGRAPH_RE.finditer(text):
        spans.append((pos, match.start()))
        pos = match.end()
    spans.append((pos, len(text)))
    return [s for s in (_strip(text, a, b) for a, b in spans) if s[0] < s[1]]


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _is_boundary(text: str, match: re.Match, end: int) -> bool:
    if match.group() == "\n":
        return True
    nxt = _NEXT_RE.match(text, match.end(), end)
    if not nxt:
        return False
    opening, first = nxt.groups()
    if not (first.isupper() or first.isdigit() or opening):
        return False
    mark = match.group()
    if mark.startswith(".") and not mark.startswith("..."):
        before = _WORD_BEFORE_RE.search(text, max(0, match.start() - 20), match.start() + 1)
        word = before.group(1).lower().lstrip("(“\"'‘") if before else ""
        word = word.rstrip(".")
        if len(word) == 1 and word.isalpha() and text[match.start() - 1].isupper():
            return False  # an initial: "Elis A. Barreto"
        if word in ABBREVIATIONS or word.split(".")[-1] in ABBREVIATIONS:
            follower = re.match(r"\s*[\"“‘']?(\w+)", text[match.end() : match.end() + 30])
            return bool(follower) and follower.group(1).lower() in SENTENCE_STARTERS
    return True


def split_sentences(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """(start, end) of each sentence of ``text[start:end]``, whitespace stripped."""
    end = len(text) if end is None else end
    spans = []
    pos = start
    for match in _BOUNDARY_RE.finditer(text, start, end):
        if _is_boundary(text, match, end):
            cut = match.start() if match.group() == "\n" else match.end()
            spans.append(_strip(text, pos, cut))
            pos = match.end()
    spans.append(_strip(text, pos, end))
    return [s for s in spans if s[0] < s[1]]


def sentence_spans(text: str) -> list[Span]:
    """Every sentence of an article, with the index of its paragraph."""
    return [
        Span(s, e, number)
        for number, (p_start, p_end) in enumerate(paragraphs(text))
        for s, e in split_sentences(text, p_start, p_end)
    ]
