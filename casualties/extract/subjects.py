"""Named people as the subject of an outcome: "Mullah Idris, the Taliban's shadow governor
for Ghorian, was killed", "X, ..., and Y, ..., were killed" (one claim of 1 per name).

The subject is a run of capitalised words (a name, optionally after a title such as
"Mullah" or "Sgt.") at the start of its clause, with appositions between commas; the victim
group comes from the apposition ("the Taliban's shadow governor"), else from the group named
last before it, else from a military title.
"""

from __future__ import annotations

from typing import NamedTuple

from casualties.extract import victims
from casualties.extract.numbers import FigureSpan
from casualties.extract.outcomes import BE, Trigger
from casualties.extract.tokens import Token, word_set

#: Titles, ranks and name particles: data/reference/extract/names.yaml.
MILITARY_TITLES = word_set("names", "military_titles")
TITLES = word_set("names", "titles") | MILITARY_TITLES
RANK_WORDS = word_set("names", "rank_words")
RELIGIOUS_TITLES = word_set("names", "religious_titles")
NAME_PARTICLES = word_set("names", "name_particles")
US_WORDS = word_set("names", "us_words")
CLAUSE_BOUNDARY = frozenset('; : “ " that but while when after as because said says'.split())
#: "also known as X", "identified as X": a name given to a phrase before it, not a subject.
NAMING = frozenset("known identified named called".split())
SKIP_BEFORE_TRIGGER = BE | frozenset('has have had also reportedly later allegedly ” “ "'.split())


class Named(NamedTuple):
    start: int
    end: int  # after the name
    apposition: tuple[int, int]  # token span of the apposition (may be empty)


def _name_at(tokens: list[Token], i: int, limit: int) -> int:
    """End of a personal name starting at ``i`` (before ``limit``), or -1."""
    j, capitals, titled = i, 0, False
    while j < limit:
        tok = tokens[j]
        norm = tok.norm.rstrip(".")
        if tok.capitalised and tok.norm[:1].isalpha():
            if norm in TITLES:
                titled = True
            else:
                capitals += 1
            j += 1
        elif tok.norm == "." and j > i:
            j += 1
        elif tok.norm[:1].isdigit() and tok.norm.endswith(("st", "nd", "rd", "th")):
            j += 1  # "Sgt. 1st Class"
        elif tok.norm in NAME_PARTICLES and j > i:
            j += 1
        else:
            break
    if capitals >= 2 or (titled and capitals >= 1):
        return j
    return -1


def _parse_subjects(tokens: list[Token], start: int, end: int) -> list[Named]:
    """Names (with appositions) filling exactly ``tokens[start:end]``, else []."""
    found, i = [], start
    while i < end:
        prefix = i
        name_end = _name_at(tokens, i, end)
        if name_end < 0 and i == start:  # "police commander Qomandan Shirin"
            while i < end and i - prefix < 5 and _role_word(tokens[i]):
                i += 1
                name_end = _name_at(tokens, i, end)
                if name_end > 0:
                    break
        if name_end < 0:
            return []
        j = name_end
        apposition = (prefix, i)
        if j < end and tokens[j].norm == ",":
            k = j + 1
            while k < end and not (
                tokens[k].norm == "," and (k + 1 == end or tokens[k + 1].norm == "and")
            ):
                k += 1
            if j + 1 == end:
                k = j  # a closing comma only: "X, also known as Y," after a boundary
            elif k >= end or tokens[k].norm != ",":
                return []
            apposition = (j + 1, k)
            j = k + 1
        found.append(Named(i, name_end, apposition))
        if j < end and tokens[j].norm == "and":
            i = j + 1
            continue
        if j != end:
            return []
        break
    return found


def _role_word(tok: Token) -> bool:
    """A word of a role before a name: "police commander", "Taliban commander", "the"."""
    norm = victims.strip_possessive(tok.norm)
    return norm in ("the", "a", "an") or (
        tok.norm.isalpha()
        and (victims.head_group(norm) is not None or victims.is_adjective(norm) or norm in TITLES)
    )


def _group(tokens: list[Token], named: Named, context) -> str:
    words = tuple(victims.strip_possessive(t.norm) for t in tokens[slice(*named.apposition)])
    name_words = tuple(  # "Staff Sgt. X": a rank, not aid staff
        t.norm for t in tokens[named.start : named.end] if t.norm not in RANK_WORDS
    )
    group = victims.modifier_group(words) or victims.modifier_group(name_words)
    if group:
        return group
    for word in words:
        head = victims.head_group(word)
        if head not in (None, "role", "unspecified"):
            return head
    titles = {t.norm.rstrip(".") for t in tokens[named.start : named.end]}
    before = context.get() + [t.norm for t in tokens[: named.start]]
    near = victims.context_group(before)
    if titles & MILITARY_TITLES:
        if US_WORDS & set(before):
            return victims.publisher_mark(before) or "us_forces"
        return victims.national_group(before) or "afghan_forces"  # "British soldiers" before
    if near and (titles & RELIGIOUS_TITLES or any(victims.head_group(w) == "role" for w in words)):
        return near
    return "unspecified"


def named_subjects(tokens: list[Token], trig: Trigger, covered, context) -> list:
    """Claims of 1 for each name that is the subject of the passive / stative ``trig``."""
    from casualties.extract.grammar import Reading  # a cycle: grammar uses this module

    if trig.mode not in ("subject", "subject_strict", "either"):
        return []
    k = trig.start - 1
    auxiliaries = 0
    while k >= 0 and tokens[k].norm in SKIP_BEFORE_TRIGGER:
        auxiliaries += tokens[k].norm in BE
        k -= 1
    if k < 0 or (trig.mode == "either" and not auxiliaries):
        return []
    end = k + 1  # "X, the governor, was killed": the apposition's comma is kept
    start = end - 1
    while (
        start > 0
        and end - start < 30
        and (
            tokens[start - 1].norm not in CLAUSE_BOUNDARY
            or (start > 1 and tokens[start - 2].norm in NAMING)  # "also known as"
        )
    ):
        start -= 1
    inside = [a for a, b in covered if a < end and b > start]
    if inside:  # "X and his brother were killed": the name before the listed mentions
        first = min(inside)
        if first <= start or tokens[first - 1].norm != "and":
            return []
        end = first - 1
    readings = []
    for named in _parse_subjects(tokens, start, end):
        figure = FigureSpan(named.start, named.end, 1, "exact", None, singular=True)
        last = max(named.end, named.apposition[1])
        phrase = victims.NounPhrase(named.start, last, last - 1, (), False)
        group = _group(tokens, named, context)
        readings.append(Reading(figure, phrase, trig.outcome, group, None, False))
    return readings


def named_objects(tokens: list[Token], trig: Trigger, covered, context) -> list:
    """A claim of 1 for a name that is the object of an active ``trig``: "Gunmen killed
    Qomandan Shirin, a police commander", "shot dead police commander Qomandan Shirin"."""
    from casualties.extract.grammar import Reading  # a cycle: grammar uses this module

    if trig.mode not in ("active", "either") or trig.passive:
        return []
    start = trig.end
    if start >= len(tokens) or any(start <= a < start + 6 for a, _ in covered):
        return []
    limit = min(len(tokens), start + 12)
    i = start
    name_end = _name_at(tokens, i, limit)
    while name_end < 0 and i < limit and i - start < 4 and _role_word(tokens[i]):
        i += 1
        name_end = _name_at(tokens, i, limit)
    if name_end < 0:
        return []
    end = name_end
    apposition = (start, i)
    if end < len(tokens) and tokens[end].norm == ",":
        k = end + 1
        while k < limit and tokens[k].norm not in (",", ".", ";"):
            k += 1
        if k - end <= 7:
            apposition = (end + 1, k)
    if end < len(tokens) and victims.head_group(tokens[end].norm) is not None:
        return []  # "killed Kabul University students": a modifier, not a name
    named = Named(i, name_end, apposition)
    figure = FigureSpan(named.start, named.end, 1, "exact", None, singular=True)
    phrase = victims.NounPhrase(named.start, named.end, named.end - 1, (), False)
    return [Reading(figure, phrase, trig.outcome, _group(tokens, named, context), None, False)]
