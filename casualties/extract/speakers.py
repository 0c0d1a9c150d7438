"""Kinds of speakers, for pronouns and foreign governments.

``speaker_kind`` tells a person ("Governor X") from an organisation ("the NDS") or a plural
("officials"), so that "he said" and "it added" find the right antecedent;
``foreign_government`` reads a government of another state than the one the article is about
("the Turkish foreign ministry" in an Afghanistan story) as ``unknown``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache

from casualties import vocabulary
from casualties.extract.claimants import HOME_GOVERNMENT, MEDIA, NATO_MILITARY, _lex
from casualties.extract.tokens import tokenize


@cache
def _state_words() -> re.Pattern:
    words = sorted(_lex()["states"], key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words) + r")\b")


def home_state(text: str) -> str | None:
    """The state an article names most ("afghanistan" counting "Afghan", "Kabul", ...)."""
    states = _lex()["states"]
    counts: dict[str, int] = {}
    for match in _state_words().finditer(text.lower()):
        state = states[match.group()]
        counts[state] = counts.get(state, 0) + 1
    return max(sorted(counts), key=counts.__getitem__) if counts else None


def foreign_government(text: str, claimant: str, home: Callable[[], str | None]) -> str:
    """ "The Turkish foreign ministry" in an Afghanistan story: a government outside the
    vocabulary (``unknown``); the government of the story's own state (``home()``, asked
    only when needed) stays afghan_gov."""
    if claimant not in (HOME_GOVERNMENT, MEDIA, vocabulary.UNKNOWN):
        return claimant
    lex = _lex()
    words = [t.norm for t in tokenize(text)]
    named = [lex["states"][w] for w in words if w in lex["states"]]
    if not named or not any(w in lex["government"] for w in words):
        return claimant
    if named[0] in lex["nato_states"] and any(w in lex["nato_military"] for w in words):
        return NATO_MILITARY  # "the UK Ministry of Defence", "the German military"
    if named[0] != "afghanistan" and named[0] != (home() or "afghanistan"):
        return vocabulary.UNKNOWN
    return HOME_GOVERNMENT


def speaker_kind(text: str) -> str | None:
    """ "person" ("Governor X", "a Taliban spokesman"), "organisation" ("the NDS", "the
    interior ministry", "UNAMA"), "plural" ("officials", "residents"), None for a pronoun."""
    lex = _lex()
    first = text.split(",")[0]
    tokens = [t for t in tokenize(first) if t.norm.isalpha() or "." in t.norm or "'" in t.norm]
    if not tokens:
        return None
    head = tokens[-1]
    norm = head.norm.removesuffix("'s")
    if norm in lex["pronouns"]:
        return None
    if norm in lex["persons"] or any(t.norm in lex["persons"] for t in tokens):
        return "person"  # "a spokesman for Resolute Support"
    if norm in lex["organisations"] or (head.text.isupper() and len(head.text) > 1):
        return "organisation"
    if norm in lex["anaphora"]["report"]:
        return "organisation"  # "the statement said ... it added"
    if head.capitalised and (len(tokens) > 1 or not norm.endswith("s")):
        return "person"  # a name: "Governor Daud Laghmani", "Mujahid"
    if norm.endswith("s"):
        return "plural"
    return "person"
