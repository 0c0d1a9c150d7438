"""Victim noun phrases after a figure, and their group in the victim vocabulary.

"at least 10 Afghan civilians" -> head "civilians" -> civilians; "22 foreign members of
Taliban" -> head "members" (a role noun) whose modifiers say other_militants; "six of his
comrades" -> a role noun whose group comes from the nearest group name before it in the
sentence or paragraph. The words are data in ``data/reference/extract/victims.yaml``.
"""

from __future__ import annotations

from functools import cache
from typing import NamedTuple

from casualties import vocabulary
from casualties.extract.tokens import PhraseIndex, Token, lexicon, strip_possessive, word_set

#: Group tags used in victims.yaml besides the vocabulary itself.
ROLE = "role"
OUR = "our"
#: Determiners / possessives allowed right after a figure's "of" ("three of their commanders").
DETERMINERS = frozenset("the their his her its our these those them whom".split())
#: Heads that are plural without an -s (the word lists are data/reference/extract/victims.yaml).
SINGULAR_EXCEPTIONS = word_set("victims", "plural_heads")
FUNCTION = frozenset(
    "in on at by from with and or but while when after before during near for of to as than "
    "since into onto were was are is be been had has have who that which".split()
)
QUOTES = frozenset('“ ” " ‘ ’'.split())
#: Role nouns whose group is that of the person named before them ("his comrades").
PEER_HEADS = word_set("victims", "peer_heads")
#: "seven members of his unit": the group of the force its owner serves in.
UNIT_NOUNS = word_set("victims", "unit_nouns")
#: Victim groups that are armed forces, and those of a state's forces (vocabularies.yaml).
ARMED_FORCES = frozenset(vocabulary.flagged("victim", "armed_force"))

#: Nouns of people who work for someone: "his driver" has the group of the one named before.
POSSESSED_HEADS = word_set("victims", "possessed_heads")


class NounPhrase(NamedTuple):
    start: int  # first token after the figure
    end: int  # token index after the phrase (including an "of" complement)
    head: int | None  # token index of the head noun, None for a bare figure ("killed 16 in")
    words: tuple[str, ...]  # normalised words of the phrase (modifiers, head, complement)
    our: bool  # "our soldiers": the claimant's own side


@cache
def _lex() -> dict:
    raw = lexicon("victims")
    modifiers = [
        (group, tuple(tuple(words) for words in phrases))
        for group, phrases in raw["modifiers"].items()
    ]
    return {
        "heads": {str(k): v for k, v in raw["heads"].items()},
        "modifiers": modifiers,
        "context": {g: [tuple(w.split()) for w in ws] for g, ws in raw["context_groups"].items()},
        "role_defaults": raw["role_defaults"],
        "service": [tuple(words) for words in raw["service_heads"]],
        "not_people": frozenset(str(w) for w in raw["not_people"]),
        "adjectives": frozenset(str(w) for w in raw["adjectives"]),
        "list_peers": frozenset(str(w) for w in raw["list_peers"]),
        "complements": frozenset(str(w) for w in raw["captive_complements"]),
    }


def list_peers() -> frozenset[str]:
    """Heads that take the group of the other items of their list ("six men")."""
    return _lex()["list_peers"]


@cache
def _service_starts() -> frozenset[str]:
    return frozenset(words[0] for words in _lex()["service"])


def head_group(norm: str) -> str | None:
    return _lex()["heads"].get(strip_possessive(norm))


def is_adjective(norm: str) -> bool:
    return norm in _lex()["adjectives"]


def is_not_people(norm: str) -> bool:
    return norm in _lex()["not_people"]


def is_singular_head(norm: str) -> bool:
    word = strip_possessive(norm)
    return not word.endswith("s") and word not in SINGULAR_EXCEPTIONS


def _service_at(tokens: list[Token], i: int) -> int:
    if i < 0 or i >= len(tokens) or tokens[i].norm not in _service_starts():
        return -1
    for words in _lex()["service"]:
        if i + len(words) <= len(tokens) and all(
            tokens[i + k].norm == w for k, w in enumerate(words)
        ):
            return i + len(words)
    return -1


def noun_phrase(tokens: list[Token], i: int, *, max_words: int = 6) -> NounPhrase:
    """The victim phrase starting at token ``i`` (right after a figure)."""
    lex = _lex()
    j, head, our = i, None, False
    if j < len(tokens) and tokens[j].norm == "of":
        j += 1
    while j < len(tokens) and j - i <= max_words:
        tok = tokens[j]
        norm = strip_possessive(tok.norm)
        service_end = _service_at(tokens, j)
        if service_end > 0:
            head, j = service_end - 1, service_end
            continue
        if norm in lex["complements"] and (
            head is not None or (i and tokens[i - 1].norm not in ("a", "an", "one", "1"))
        ):
            break  # "took two policemen prisoner", "taking four prisoner": what they were made
        if norm in lex["heads"]:
            head = j
            j += 1
            continue
        if head is not None and not _head_ahead(tokens, j):
            break
        if norm in ("our", "its"):  # "our soldiers", "five of its personnel": the speaker's
            our = True
        if (
            norm in lex["adjectives"]
            or norm in DETERMINERS
            or tok.norm.endswith("'s")
            or tok.text in '“”"‘’'
            or (tok.capitalised and tok.norm.isalpha() and not _is_not_people(norm))
            or ("." in tok.norm and tok.norm[0].isalpha())
            or ("-" in tok.norm and tok.norm[0].isalnum())
            or (
                tok.norm.isalpha()
                and tok.norm not in FUNCTION
                and not tok.norm.endswith(("ing", "ed"))
                and _head_ahead(tokens, j + 1, 2)
            )
        ):
            j += 1
            continue
        break
    if head is None and j > i and tokens[j - 1].capitalised and tokens[j - 1].norm.endswith("s"):
        head = j - 1  # an unknown group name: "35 Shiites"
    if head is None:
        return NounPhrase(i, i, None, (), False)
    end = head + 1
    if end + 1 < len(tokens) and tokens[end].norm == "of" and head_group(tokens[head].norm) == ROLE:
        k = end + 1
        while (
            k < len(tokens)
            and k - end <= 6
            and (_complement_word(tokens[k]) or _name_of(tokens, k) or tokens[k].norm in UNIT_NOUNS)
        ):
            k += 1
        if k > end + 1:
            end = k
    if tokens[i].norm == "of":
        i += 1  # "three of their commanders": the phrase is what follows "of"
    words = tuple(strip_possessive(t.norm) for t in tokens[i:end] if t.text not in '“”"‘’')
    return NounPhrase(i, end, head, words, our)


def _head_ahead(tokens: list[Token], j: int, span: int = 4) -> bool:
    """Another head noun right after modifiers ("other famous Taliban commanders")."""
    lex = _lex()
    words = 0
    for k in range(j, len(tokens)):
        if tokens[k].text in QUOTES:
            continue  # quote marks do not count: 'a Taliban "Red Unit" commander'
        words += 1
        if words > span:
            return False
        norm = strip_possessive(tokens[k].norm)
        if norm in lex["heads"]:
            return True
        if not (norm in lex["adjectives"] or tokens[k].capitalised):
            return False
    return False


def _is_not_people(norm: str) -> bool:
    return norm in _lex()["not_people"]


def _name_of(tokens: list[Token], k: int) -> bool:
    """ "of" inside a capitalised name: "the Islamic Movement of Uzbekistan"."""
    return (
        tokens[k].norm == "of"
        and tokens[k - 1].capitalised
        and k + 1 < len(tokens)
        and tokens[k + 1].capitalised
    )


def _complement_word(tok: Token) -> bool:
    return (
        tok.capitalised
        or tok.norm in DETERMINERS
        or tok.norm in ("one", "same", "a", "an")
        or tok.norm.endswith("'s")
        or strip_possessive(tok.norm) in _lex()["adjectives"]
        or head_group(tok.norm) is not None
        or "." in tok.norm
    ) and tok.text not in ",;:()"


def _contains(words: tuple[str, ...], phrase: tuple[str, ...]) -> bool:
    n = len(phrase)
    return any(words[k : k + n] == phrase for k in range(len(words) - n + 1))


@cache
def _indexes() -> tuple[PhraseIndex, dict[str, int], PhraseIndex]:
    lex = _lex()
    order = {group: n for n, (group, _) in enumerate(lex["modifiers"])}
    modifiers = PhraseIndex((p, g) for g, phrases in lex["modifiers"] for p in phrases)
    context = PhraseIndex((p, g) for g, phrases in lex["context"].items() for p in phrases)
    return modifiers, order, context


def modifier_group(words: tuple[str, ...]) -> str | None:
    """The group named by the modifiers of a phrase ("U.S.", "Taliban", "foreign members")."""
    modifiers, order, _ = _indexes()
    found = modifiers.values_in(words)
    return min(found, key=order.__getitem__) if found else None


def context_group(words: list[str]) -> str | None:
    """The group named last in ``words`` (the text before a role noun), if any."""
    return _indexes()[2].last_in(words)[1]


#: Unqualified military nouns whose nation the context gives ("two soldiers" in a story about
#: U.S. troops); "member"/"members"/"personnel" count only as "service member(s)".
MILITARY_HEADS = word_set("victims", "military_heads")
SERVICE_MEMBER_HEADS = word_set("victims", "service_member_heads")
#: Military nouns that take no group from the context, only their role default.
NOT_FROM_CONTEXT = word_set("victims", "not_from_context")
#: Groups a nation gives to its military nouns.
NATIONAL = vocabulary.flagged("victim", "national")
#: The words of an article's publisher nation ("<us_forces>"), put before its text.
NATION_MARK = "<{}>"


def national_group(words: list[str]) -> str | None:
    """The nation of the last military noun named with one in ``words`` ("U.S. service
    member", "British soldiers", "Afghan troops"), or of the article's publisher mark.
    Unqualified military nouns are passed over; None when no nation is named."""
    for k in range(len(words) - 1, -1, -1):
        word = strip_possessive(words[k])
        if word.startswith("<") and word[1:-1] in NATIONAL:
            return word[1:-1]
        if word not in MILITARY_HEADS or (
            word in SERVICE_MEMBER_HEADS and words[k - 1 : k] != ["service"]
        ):
            continue
        group = modifier_group(tuple(strip_possessive(w) for w in words[max(0, k - 3) : k + 1]))
        if group in NATIONAL:
            return group
    return None


def publisher_mark(words: list[str]) -> str | None:
    """The nation of the article's military publisher, put first in the context words."""
    for word in words[:3]:
        if word.startswith("<") and word[1:-1] in NATIONAL:
            return word[1:-1]
    return None


def unqualified_military(tokens: list[Token], phrase: NounPhrase) -> bool:
    """ "two soldiers", "another service member": a military noun naming no nation."""
    if phrase.head is None:
        return False
    head = strip_possessive(tokens[phrase.head].norm)
    return _military(tokens, phrase, head) and modifier_group(phrase.words) is None


def _military(tokens: list[Token], phrase: NounPhrase, head: str) -> bool:
    if head in SERVICE_MEMBER_HEADS:
        return phrase.head > 0 and tokens[phrase.head - 1].norm == "service"
    return head in MILITARY_HEADS


def classify(phrase: NounPhrase, tokens: list[Token], context: list[str]) -> str:
    """Victim group of ``phrase``; ``context`` is the normalised text before it (paragraph)."""
    if phrase.head is None:
        return "unspecified"
    head = strip_possessive(tokens[phrase.head].norm)
    group = _lex()["heads"].get(head, "unspecified")  # an unknown name: "35 Shiites"
    if _service_at(tokens, phrase.head - 1) > 0:
        group = ROLE
    words = phrase.words
    if group not in (ROLE, "unspecified"):
        if group == "taliban" and modifier_group(words) == "other_militants":
            return "other_militants"
        return group
    named = modifier_group(words)
    owned = {"his", "her", "their"} & {
        *words,
        tokens[phrase.start - 1].norm if phrase.start else "",
    }
    if head in POSSESSED_HEADS and owned:
        owner = preceding_group(tokens, phrase.start)  # "an aid worker and his driver"
        if owner is not None:
            return owner
    if group == "unspecified":
        return "civilians" if named == "civilians" else "unspecified"
    if named:
        return named
    if phrase.our:
        return OUR
    if head in PEER_HEADS:  # "a policeman shot dead eight of his comrades"
        peer = preceding_group(tokens, phrase.start)
        if peer is not None:
            return peer
    if owned and UNIT_NOUNS & set(words):  # "the colonel ... and seven members of his unit"
        force = force_before(tokens, phrase.start)
        if force is not None:
            return force
    before = context() if callable(context) else context
    if _military(tokens, phrase, head):
        national = publisher_mark(before)  # "two soldiers" in a U.S. Defense release
        if national is not None:
            return national
    near = context_group(before)
    if near and head not in NOT_FROM_CONTEXT:
        return near
    return _lex()["role_defaults"].get(head, near or "unspecified")


def force_before(tokens: list[Token], end: int) -> str | None:
    """The armed force named last before token ``end`` by its modifiers ("a commander of
    the Counter-Terrorism Service", "a police officer"), for the members of his unit."""
    words = [strip_possessive(t.norm) for t in tokens[:end]]
    for k in range(len(words) - 1, -1, -1):
        group = modifier_group(tuple(words[max(0, k - 2) : k + 1]))
        if group in ARMED_FORCES:
            return group
    return None


def preceding_group(tokens: list[Token], end: int, skip: int = -1) -> str | None:
    """The group of the nearest victim noun before token ``end`` that names one on its own
    ("policemen", "soldiers", "Taliban"): the antecedent of "seven of them". ``skip``: the
    subject of the verb ("The Taliban killed 12 of them"), which is not the antecedent."""
    lex = _lex()
    for k in range(end - 1, -1, -1):
        if k == skip:
            continue
        head = strip_possessive(tokens[k].norm)
        group = lex["heads"].get(head)
        if group == ROLE:  # "U.S. troops": the group its modifiers name, else the default
            words = tuple(strip_possessive(t.norm) for t in tokens[max(0, k - 3) : k + 1])
            group = modifier_group(words) or lex["role_defaults"].get(head)
        if group == "unspecified" and head not in ("others", "other"):
            return None  # "pushed the attackers back, killing 26 of them": no group
        if group not in (None, ROLE, "unspecified", OUR):
            return group
    return None
