"""Which outcome trigger governs a figure phrase: left (active verb, "death of", "along
with", an inverted clause), right (passive or stative verb, past relative clauses,
"including" parts and appositions), or a toll noun before it."""

from __future__ import annotations

from casualties.extract.mentions import PARTITIVE, Mention
from casualties.extract.outcomes import BE, SEVERITY, Trigger, among_head
from casualties.extract.tokens import Token, word_set

LIST_SEPARATORS = frozenset(", and & as well along with plus together ; or".split())
PART_WORDS = frozenset(", – — - ( including among them whom of".split())
#: Participles allowed between a total and its parts ("3,804 people killed, including ...").
PARTICIPLES = word_set("outcomes", "participles")
RIGHT_SKIP = (
    frozenset(
        ", also reportedly allegedly all now later who that which have has had been were was is "
        'are be being got get both each apparently subsequently eventually then were “ ” " ’ ‘ '
        "altogether so far reported confirmed believed thought said - – — -- more remain remains "
        "remained still".split()
    )
    | SEVERITY
)
LEFT_SKIP = frozenset('also reportedly allegedly “ ” " ‘ ’ even all'.split())
LOOKAHEAD_FROM = frozenset(
    "who that which known named identified for of from in at on near with belonging called "
    "(".split()
) | word_set("victims", "postmodifier_participles")
#: Between a bare figure and its trigger: "Nine more were wounded", "67 others had died".
BARE_FOLLOWERS = frozenset("were was have had been also more others other".split())
#: "rose to 63", "a toll of 20", "stood at 40", "reached 30": the word before a toll figure.
TOLL_LINKS = frozenset("to at of is was now".split()) | word_set("outcomes", "toll_verbs")
#: "the toll could rise to 20": words of a forecast between a toll noun and its figure.
HYPOTHETICAL = word_set("outcomes", "hypothetical")
#: "took two policemen hostage".
TAKE = word_set("outcomes", "take_verbs")
HOSTAGE = word_set("outcomes", "hostage_nouns")
#: "arrested a cell of five militants": a collective noun between verb and figure.
COLLECTIVES = word_set("victims", "collective_nouns")
INCLUDED = frozenset("included include includes were are".split())
QUOTE_MARKS = frozenset('“ ” " ‘ ’'.split())
APPOSITION = frozenset("mostly mainly largely predominantly many most majority".split())


def mention_end(mention: Mention) -> int:
    return max(mention.figure.end, mention.phrase.end)


def between_words(tokens: list[Token], a: int, b: int) -> list[str]:
    return [t.norm for t in tokens[a:b]]


def trigger_starting(triggers: list[Trigger], pos: int) -> Trigger | None:
    for trig in triggers:
        if trig.start == pos:
            return trig
    return None


def trigger_ending(triggers: list[Trigger], pos: int) -> Trigger | None:
    for trig in triggers:
        if trig.end == pos:
            return trig
    return None


def right_trigger(tokens, triggers, pos, starts: dict[int, int]) -> Trigger | None:
    """The passive / stative trigger whose subject ends before token ``pos``."""
    free = 0
    steps = 0
    named = pos
    while named < len(tokens) and named - pos < 4 and tokens[named].capitalised:
        named += 1
    if named - pos >= 2 and trigger_starting(triggers, named) is None:
        pos = named  # "his deputy Mullah Zahir were killed": past the name
    while pos < len(tokens) and steps < 16:
        steps += 1
        trig = trigger_starting(triggers, pos)
        if trig is not None:
            if trig.mode in ("subject", "subject_strict"):
                return trig
            if trig.mode == "either":
                if not trig.passive and trig.end in starts and tokens[trig.end].norm != "and":
                    return None  # an active verb with its own object: "5 men killed 3 ..."
                return trig
            if trig.mode == "active" and free:
                pos = trig.end
                continue
            return None
        norm = tokens[pos].norm
        if norm == ",":
            close = name_apposition_end(tokens, pos) or _quantified_apposition_end(
                tokens, triggers, pos
            )
            if close:  # "The police commander, Qomandan Shirin, was killed"
                pos = close + 1
                continue
        if pos in starts and tokens[pos - 1].norm == "," and _partitive_at(tokens, pos):
            close = pos + 1  # "Twelve people, three of them police officers, were wounded"
            while close < len(tokens) and close - pos < 10 and tokens[close].norm != ",":
                close += 1
            if close < len(tokens) and tokens[close].norm == ",":
                pos = close + 1
                continue
        if norm in ("including", "among") and tokens[pos - 1].norm in (",", "–", "—", "("):
            jump = _after_parenthesis(tokens, triggers, pos)
            if jump is not None:
                return jump
        if norm in LOOKAHEAD_FROM and not free:
            jump = _passive_ahead(tokens, triggers, pos, starts)
            if jump is not None:
                return jump
        if among_head(norm) and free:
            return Trigger(pos, pos + 1, among_head(norm), "subject")
        if norm == "among":
            free = 8
        elif norm in APPOSITION:
            free = max(free, 5)
        elif norm == "(":
            while pos < len(tokens) and tokens[pos].norm != ")":
                pos += 1
        elif norm in RIGHT_SKIP:
            pass
        elif free:
            free -= 1
        else:
            return None
        pos += 1
    return None


#: words that open an apposition describing the whole group ("10 civilians, all staff of the
#: directorate, were killed")
QUANTIFIERS = frozenset("all both each".split())


def _quantified_apposition_end(tokens, triggers, pos: int) -> int:
    """The closing comma of ", all staff of the directorate," after ``pos``, else 0."""
    if pos + 1 >= len(tokens) or tokens[pos + 1].norm not in QUANTIFIERS:
        return 0
    for k in range(pos + 2, min(len(tokens), pos + 12)):
        if trigger_starting(triggers, k) is not None:
            return 0
        if tokens[k].norm == ",":
            return k
    return 0


def name_apposition_end(tokens, pos: int) -> int:
    """The closing comma of a name between commas after ``pos`` (a comma), else 0."""
    if tokens[pos].norm != ",":
        return 0
    k = pos + 1
    while k < len(tokens) and k - pos <= 5 and tokens[k].capitalised and tokens[k].norm.isalpha():
        k += 1
    if k - pos >= 3 and k < len(tokens) and tokens[k].norm == ",":
        return k
    return 0


def _partitive_at(tokens, pos: int) -> bool:
    """ "three of them", "eight of whom" after a figure (a number, then "of them")."""
    k = pos + 1
    while k < len(tokens) and k - pos < 4 and tokens[k].norm != "of":
        k += 1
    return k + 1 < len(tokens) and tokens[k].norm == "of" and tokens[k + 1].norm in PARTITIVE


def _passive_ahead(tokens, triggers, pos, starts) -> Trigger | None:
    """Past a relative clause or a short complement: "a trainer for suicide bombers was
    killed", "commanders who were leading the attack were also killed"."""
    for k in range(pos + 1, min(len(tokens), pos + 22)):
        if k in starts or tokens[k].norm in (";", ":", ".", "and", "but"):
            return None
        trig = trigger_starting(triggers, k)
        if trig is not None:
            if trig.passive and trig.mode in ("either", "subject", "subject_strict"):
                return trig
            j = k - 1
            while j > pos and tokens[j].norm in QUOTE_MARKS:
                j -= 1
            if trig.mode == "subject" and tokens[j].norm == ",":
                return trig
            if trig.mode == "subject" and tokens[pos].norm == "who" and k > pos + 2:
                return trig  # "A policeman who was shot in the attack died of his wounds"
            if tokens[pos].norm not in ("who", "that", "which"):
                return None
    return None


def _after_parenthesis(tokens, triggers, pos) -> Trigger | None:
    """ ", including their intelligence chief, Noor Ahmad, were killed": past the parts."""
    for k in range(pos + 1, min(len(tokens), pos + 16)):
        trig = trigger_starting(triggers, k)
        if trig is None:
            continue
        j = k - 1
        while j > pos and tokens[j].norm in BE | {"also", "reportedly"}:
            j -= 1
        if tokens[j].norm in (",", "–", "—", ")") and trig.mode in (
            "either",
            "subject",
            "subject_strict",
        ):
            return trig
        return None
    return None


def left_trigger(tokens, triggers, pos) -> Trigger | None:
    """The active verb (or "death of", "along with") governing a figure starting at ``pos``."""
    k = pos - 1
    while k >= 0 and tokens[k].norm in LEFT_SKIP:
        k -= 1
    if k >= 2 and tokens[k].norm == "of" and tokens[k - 1].norm in COLLECTIVES:
        if tokens[k - 2].norm in ("a", "an", "the"):
            k -= 3
    if k < 0:
        return None
    along = False
    if tokens[k].norm == "with" and k and tokens[k - 1].norm in ("along", "together"):
        along, k = True, k - 2
    elif tokens[k].norm == "alongside":
        along, k = True, k - 1
    group = _among_group(tokens, k)
    if group is not None:
        return group
    if k >= 2 and tokens[k].norm in INCLUDED:
        for j in (k - 1, k - 2):  # "The dead included 11 children", "the detained men included"
            head = among_head(tokens[j].norm) if j >= 1 else None
            if head and tokens[j - 1].norm in ("the", "those"):
                return Trigger(j, j + 1, head, "active")
    trig = trigger_ending(triggers, k + 1)
    if trig is not None:
        if trig.mode in ("active", "active_head", "of") or (
            trig.mode == "either" and (along or not trig.passive)
        ):
            return trig
        if along:
            return trig
        return None
    # inverted: "Also killed in the operation were X & two of his deputies", "Among the dead
    # were ...": a form of "be" shortly before, itself after a clause-initial trigger.
    for be in range(k, max(-1, k - 12), -1):
        if tokens[be].norm in BE:
            return _inverted(tokens, triggers, be)
        if trigger_starting(triggers, be) is not None or tokens[be].norm in (".", ";", ":"):
            return None
    return None


def _among_group(tokens, k: int) -> Trigger | None:
    """ "treated the wounded, among them a student", "the dead, including two children": a
    part of a group named by its outcome ("the wounded"), which has no figure of its own."""
    if tokens[k].norm == "them" and k >= 1 and tokens[k - 1].norm == "among":
        k -= 1
    elif tokens[k].norm != "including":
        return None
    if k < 3 or tokens[k - 1].norm != ",":
        return None
    head = among_head(tokens[k - 2].norm)
    if head and tokens[k - 3].norm in ("the", "those"):
        return Trigger(k - 2, k - 1, head, "active")
    return None


def _inverted(tokens, triggers, be: int) -> Trigger | None:
    for back in range(be - 1, max(-1, be - 10), -1):
        head = among_head(tokens[back].norm)
        if head and "among" in (t.norm for t in tokens[max(0, back - 2) : back]):
            return Trigger(back, back + 1, head, "subject")
        trig = trigger_starting(triggers, back)
        if trig is not None and trig.mode in ("either", "subject"):
            if back == 0 or tokens[back - 1].norm in ("also", ",", "“", '"', "and"):
                return trig
            return None
    return None


def toll_claims(tokens, triggers, mentions) -> dict[int, Trigger]:
    """Mentions that follow a toll noun: "the death toll rose to 63"."""
    found: dict[int, Trigger] = {}
    for trig in triggers:
        if trig.mode != "toll":
            continue
        for k, mention in enumerate(mentions):
            if mention.figure.start >= trig.end and mention.figure.start - trig.end <= 20:
                between = [t for t in triggers if trig.end <= t.start < mention.figure.start]
                linked = tokens[mention.figure.start - 1].norm in TOLL_LINKS
                span = tokens[trig.end : mention.figure.start]
                if any(t.norm in HYPOTHETICAL for t in span):
                    break  # "the toll could rise to 20": a forecast, not a count
                if not between and linked:
                    found[k] = trig
                if linked or not mention.figure.singular:
                    break  # past "the toll from a bomb attack in the city of Kandahar"
    return found


def combined_outcomes(tokens, triggers, trig: Trigger) -> bool:
    """ "killed or wounded", "dead and injured": one figure for two outcomes."""
    pair = {"killed", "wounded"}
    if trig.outcome not in pair:
        return False
    if trig.end + 1 < len(tokens) and tokens[trig.end].norm in ("and", "or"):
        other = trigger_starting(triggers, trig.end + 1)
        if other is not None and other.outcome in pair and other.outcome != trig.outcome:
            return True
    if trig.start >= 2 and tokens[trig.start - 1].norm in ("and", "or"):
        other = trigger_ending(triggers, trig.start - 1)
        if other is not None and other.outcome in pair and other.outcome != trig.outcome:
            return True
    return False


def none_after(tokens: list[Token], trig: Trigger) -> bool:
    """ "did not kill a single soldier", "did not hurt any civilians": a count of zero."""
    after = [t.norm for t in tokens[trig.end : trig.end + 2]]
    return after[:1] == ["any"] or after == ["a", "single"]
