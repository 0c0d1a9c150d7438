"""Outcome triggers in a sentence: "were killed", "lost their lives", "death toll rose to".

Each trigger says which way its victim lies: ``either`` (a participle: the figure before it is
its passive subject, one after it its object), ``active`` (the figure follows), ``subject``
(the figure precedes), ``subject_strict`` (precedes, after a form of "be": "were held"),
``toll`` (the figure follows a toll noun: "death toll rose to 63"), ``of`` ("the death of a
soldier"). A trigger after a modal or an intention ("would kill", "vowed to kill") is
``hypothetical``; after a negation it is ``negated``, or ``zero`` for a negated success
("failed to kill any civilians": a count of zero).
"""

from __future__ import annotations

import re
from functools import cache
from typing import NamedTuple

from casualties.extract.tokens import Token, lexicon, phrase_at, word_set

#: The outcome of "were blamed on", "were attributed to": that of the claim before it.
SAME = "same"
BE = frozenset("was were is are be been being am got get gets 's 're".split())
#: A sentence without any of these word stems has no claim (the fast prefilter); the words
#: of this module are data/reference/extract/outcomes.yaml.
_STEMS = tuple(lexicon("outcomes")["prefilter_stems"])
#: Run on lower-cased text; the look-ahead on first letters makes the scan cheap.
PREFILTER = re.compile(
    r"\b(?=[" + "".join(sorted({stem[0] for stem in _STEMS})) + r"])(?:" + "|".join(_STEMS) + ")"
)


#: "were lightly wounded", "was critically injured".
SEVERITY = word_set("outcomes", "severity_adverbs")
#: Adverbs between "were" and the participle: "were lightly wounded", "was later killed".
SKIP_TO_BE = frozenset("also reportedly allegedly all later now".split()) | SEVERITY
#: Words after "taken" that make it anything but an abduction.
NOT_TAKEN = word_set("outcomes", "not_taken_after")
#: "vowed to kill": an infinitive of an outcome verb is an intention.
INFINITIVES = word_set("outcomes", "infinitives")


class Trigger(NamedTuple):
    start: int
    end: int
    outcome: str
    mode: str
    status: str = "real"  # real | hypothetical | negated | zero
    passive: bool = False  # preceded by a form of "be"


@cache
def _lex() -> dict:
    raw = lexicon("outcomes")
    lex = {
        "verbs": {str(k): tuple(v) for k, v in raw["verbs"].items()},
        "phrases": sorted(
            ((tuple(str(w) for w in p[0]), p[1], p[2]) for p in raw["phrases"]),
            key=lambda p: -len(p[0]),
        ),
        "tolls": [(tuple(p[0]), p[1]) for p in raw["toll_nouns"]],
        "of": raw["of_nouns"],
        "count": raw["count_nouns"],
        "among": raw["among_heads"],
        "hypothetical": frozenset(str(w) for w in raw["hypothetical"]),
        "negation": frozenset(str(w) for w in raw["negation"]),
        "zero": frozenset(str(w) for w in raw["zero_heads"]),
    }
    starts: dict[str, list] = {}
    for entry in lex["phrases"]:
        starts.setdefault(entry[0][0], []).append(entry)
    lex["phrase_starts"] = starts
    lex["toll_starts"] = frozenset(words[0] for words, _ in lex["tolls"])
    return lex


def count_noun(norm: str) -> str | None:
    """Outcome of a noun counted right after a figure ("12 deaths"), if it is one."""
    return _lex()["count"].get(norm)


def verb_outcome(norm: str) -> str | None:
    """Outcome of a single-word trigger ("killed", "wounded"), if it is one."""
    entry = _lex()["verbs"].get(norm)
    return entry[0] if entry else None


def among_head(norm: str) -> str | None:
    return _lex()["among"].get(norm)


def of_noun(norm: str) -> str | None:
    return _lex()["of"].get(norm)


def _status(tokens: list[Token], i: int) -> str:
    """Is the trigger at ``i`` hypothetical, negated or a negated success (zero)?"""
    lex = _lex()
    window = [t.norm for t in tokens[max(0, i - 6) : i]]
    near = window[-3:]
    negated = any(w in lex["negation"] or w.endswith("n't") for w in window[-4:])
    if any(w in lex["zero"] for w in window[-4:]) and (
        negated or "failed" in window or "fail" in window or "unable" in window
    ):
        return "zero"
    if negated:
        return "negated"
    if any(w in lex["hypothetical"] for w in near):
        return "hypothetical"
    if near and near[-1] == "to" and tokens[i].norm in INFINITIVES:
        return "hypothetical"
    return "real"


def find_triggers(tokens: list[Token]) -> list[Trigger]:
    """Every outcome trigger of a sentence, in order."""
    lex = _lex()
    found: list[Trigger] = []
    i = 0
    while i < len(tokens):
        norm = tokens[i].norm
        match = None
        for words, outcome in lex["tolls"] if norm in lex["toll_starts"] else ():
            end = phrase_at(tokens, i, words)
            if end > 0:
                match = (end, outcome, "toll")
                break
        if match is None and norm in lex["phrase_starts"]:
            for words, outcome, mode in lex["phrase_starts"][norm]:
                end = phrase_at(tokens, i, words)
                if end > 0:
                    match = (end, outcome, mode)
                    break
        if match is None and norm in lex["of"] and phrase_at(tokens, i + 1, ("of",)) > 0:
            match = (i + 2, lex["of"][norm], "of")
        if match is None and norm in lex["verbs"]:
            outcome, mode = lex["verbs"][norm]
            match = (i + 1, outcome, mode)
        if match is None:
            i += 1
            continue
        end, outcome, mode = match
        if norm == "taken" and _carried_off(tokens, end):
            end += 1  # "nine others were taken away by the forces": abducted
        elif norm == "taken" and end < len(tokens) and tokens[end].norm in NOT_TAKEN:
            i = end  # "were taken to hospital", "taken into account"
            continue
        passive = _preceded_by_be(tokens, i)
        if mode == "subject_strict" and not passive and tokens[i].norm != "in":
            i = end
            continue
        found.append(Trigger(i, end, outcome, mode, _status(tokens, i), passive))
        i = end
    return found


def _carried_off(tokens: list[Token], end: int) -> bool:
    """ "taken away" (by someone, or nothing more), not "taken away to hospital"."""
    if end >= len(tokens) or tokens[end].norm != "away":
        return False
    return end + 1 >= len(tokens) or tokens[end + 1].norm not in ("to", "for", "in", "into")


def _preceded_by_be(tokens: list[Token], i: int) -> bool:
    k = i - 1
    while k >= 0 and tokens[k].norm in SKIP_TO_BE:
        k -= 1
    return k >= 0 and tokens[k].norm in BE
