"""Figures tied to outcomes in one sentence: the core reading of the extractor.

A sentence is read as figure phrases ("at least 10 Afghan civilians", "dozens", "a Romanian
soldier") and outcome triggers. Each figure phrase gets the outcome of the trigger that
governs it: the active verb before it ("killed 21 Arbakis"), the passive or stative verb
after it ("36 fighters were killed", "90 fighters lost their lives", "dozens wounded"), the
toll noun before it ("death toll rose to 63"), an inverted clause ("Also killed were ...").
Lists share their trigger ("killed a U.S. soldier, a Romanian soldier and 10 civilians"),
parts of a total ("12 people, including a U.S. soldier") inherit it, and a bare figure
("and 67 sustained injuries") inherits the victim of the figure before it.
"""

from __future__ import annotations

from typing import NamedTuple

from casualties.extract import victims
from casualties.extract.links import (
    BARE_FOLLOWERS,
    HOSTAGE,
    LIST_SEPARATORS,
    PART_WORDS,
    PARTICIPLES,
    TAKE,
    between_words,
    combined_outcomes,
    left_trigger,
    mention_end,
    name_apposition_end,
    none_after,
    right_trigger,
    toll_claims,
    trigger_starting,
)
from casualties.extract.mentions import ADJECTIVE_OUTCOMES, Mention, find_mentions
from casualties.extract.numbers import FigureSpan
from casualties.extract.outcomes import BE, SEVERITY, Trigger, among_head, find_triggers
from casualties.extract.subjects import named_objects, named_subjects
from casualties.extract.tokens import Token, word_set

#: A possessive opening the next item of a list: "a woman and her two children".
LIST_POSSESSIVES = frozenset("her his their its my our".split())


class Reading(NamedTuple):
    """One claim read from a sentence (token indices into the sentence's tokens)."""

    figure: FigureSpan
    phrase: victims.NounPhrase
    outcome: str
    victim: str
    inherited_from: victims.NounPhrase | None
    zero: bool
    mixed: bool = False  # "several Taliban & foreign terrorists": no single group
    bare: bool = False  # a figure without a noun of its own ("Nine more were wounded")
    counted: bool = False  # a noun of the outcome only ("62 deaths"): no group of its own
    #: token where the governing outcome trigger starts: claims with the same trigger are
    #: one statement ("one boy and six men were killed"); -1 - figure start when the figure
    #: states its own outcome ("27 wounded people")
    trigger: int = -1
    #: ``item`` (added to the other items of its statement), ``total`` (a figure that has
    #: parts) or ``part`` (a part of a total: "including an American", "eight of whom")
    role: str = "item"


def _colon_list(gap: list[str]) -> bool:
    """ "Eleven people were killed: four policemen, ...": a total, its verb, then a colon
    opening the list of its parts."""
    return (
        bool(gap)
        and gap[-1] == ":"
        and all(w in BE or w in PARTICIPLES or w in ("also", "reportedly") for w in gap[:-1])
    )


#: a place after a list item: "13 civilians in Deh Yak and eight in Andar"
PLACE_PREPOSITIONS = frozenset(("in", "at", "near"))
PLACE_NOUNS = frozenset(("district", "province", "city", "village", "area"))


def _past_place(tokens: list[Token], start: int, end: int) -> int:
    """Where a list item's place phrase ("in Deh Yak", "in Andar district") ends, from
    ``start`` (the item's end), before the next item at ``end``; ``start`` when none."""
    if start >= end or tokens[start].norm not in PLACE_PREPOSITIONS:
        return start
    k = start + 1
    while k < end and (tokens[k].capitalised or tokens[k].norm in PLACE_NOUNS):
        k += 1
    return k if k > start + 1 else start


def _chains(tokens: list[Token], mentions: list[Mention]):
    """Group mentions into lists and attach "including" parts: [(members, parts)]."""
    chains: list[tuple[list[int], list[int]]] = []
    parent_of: dict[int, int] = {}
    for k, mention in enumerate(mentions):
        if mention.partitive:
            chains.append(([k], []))
            continue
        if k and chains and mention.figure.start < mention_end(mentions[k - 1]):
            chains[-1][0].append(k)  # a shared figure: "several Taliban & foreign terrorists"
            continue
        if k and chains:
            after = mention_end(mentions[k - 1])
            named = name_apposition_end(tokens, after) if after < len(tokens) else 0
            if named and named < mention.figure.start:
                after = named  # "A district police chief, Mohammad Ali, and his deputy"
            after = _past_place(tokens, after, mention.figure.start)
            gap = between_words(tokens, after, mention.figure.start)
            if gap and gap[-1] in LIST_POSSESSIVES and len(gap) > 1:
                gap = gap[:-1]  # "a woman and her two children"
            if gap and all(w in LIST_SEPARATORS for w in gap) and len(gap) <= 3:
                chain_index = parent_of.get(k - 1)
                if chain_index is not None:
                    chains[chain_index][1].append(k)
                    parent_of[k] = chain_index
                else:
                    chains[-1][0].append(k)
                continue
            if _colon_list(gap) and k - 1 not in parent_of:  # "11 were killed: four police"
                chains[-1][1].append(k)
                parent_of[k] = len(chains) - 1
                continue
            if gap[-2:] in ([",", "including"], ["–", "including"], ["—", "including"]) or (
                gap[-3:] == [",", "among", "them"]  # "12 were wounded, among them a student"
                and not {"and", "but", "while", "who", "which"} & set(gap)
            ):
                head = mention.phrase.head
                known = head is not None and victims.head_group(tokens[head].norm) is not None
                if known and k - 1 not in parent_of and len(gap) <= 14:  # ", including a"
                    chains[-1][1].append(k)
                    parent_of[k] = len(chains) - 1
                    continue
            if gap and "including" in gap or ("among" in gap and "them" in gap):
                gap = [w for w in gap if w not in PARTICIPLES]
                if all(w in PART_WORDS for w in gap) and k - 1 not in parent_of:
                    chains[-1][1].append(k)
                    parent_of[k] = len(chains) - 1
                    continue
        chains.append(([k], []))
    return chains


def _zero_mentions(tokens: list[Token], trig: Trigger) -> list[Mention]:
    """Victims of a negated success: "failed to kill any civilians or soldiers" (count 0)."""
    found: list[Mention] = []
    pos = trig.end
    while pos < len(tokens):
        while pos < len(tokens) and tokens[pos].norm in ("any", "the", "a", "an", "single"):
            pos += 1
        phrase = victims.noun_phrase(tokens, pos, max_words=3)
        if phrase.head is None:
            break
        found.append(
            Mention(FigureSpan(trig.start, trig.end, 0, "exact", None), phrase, None, True)
        )
        pos = phrase.end
        if pos < len(tokens) and tokens[pos].norm in ("and", "or", ",", "nor"):
            pos += 1
        else:
            break
    return found


class _Lazy:
    """The words before a sentence, computed on first use."""

    def __init__(self, source):
        self.source, self.words = source, None

    def get(self) -> list[str]:
        if self.words is None:
            self.words = list(self.source() if callable(self.source) else self.source)
        return self.words


def _coordinated(tokens, triggers, trig: Trigger, zero: bool) -> Trigger | None:
    """ "kidnapped and killed" (two outcomes); "injured or killed" only for a count of zero."""
    if trig.end + 1 >= len(tokens) or tokens[trig.end].norm not in ("and", "or"):
        return None
    if tokens[trig.end].norm == "or" and not zero:
        return None
    second = trigger_starting(triggers, trig.end + 1)
    if second is None or second.outcome == trig.outcome:
        return None
    return second


def _chain_trigger(tokens, triggers, mentions, members, parts, tolls, starts) -> Trigger | None:
    first, last = mentions[members[0]], mentions[members[-1]]
    trig = tolls.get(members[0]) or left_trigger(tokens, triggers, first.figure.start)
    if trig is None and parts:
        direct = right_trigger(tokens, triggers, mention_end(last), starts)
        if direct is not None and direct.start < mentions[parts[0]].figure.start:
            trig = direct  # "19 civilians were killed, including four children, ..."
    if trig is None:
        tail = mention_end(mentions[parts[-1]]) if parts else mention_end(last)
        if parts and tail < len(tokens) and tokens[tail].norm in (",", "–", "—", ")"):
            tail += 1
        trig = right_trigger(tokens, triggers, tail, starts)
        if trig is None and parts:
            trig = right_trigger(tokens, triggers, mention_end(last), starts)
    if (
        trig is not None
        and not any(mentions[k].zero for k in members)
        and combined_outcomes(tokens, triggers, trig)
    ):
        return None  # "killed or wounded about 150": no single outcome
    start = first.figure.start
    if trig is None and start and tokens[start - 1].norm in TAKE:
        end = mention_end(last)
        if end < len(tokens) and tokens[end].norm in HOSTAGE or _taken_away(tokens, first, end):
            trig = Trigger(start - 1, start, "detained", "active")
    return trig


#: Heads that "took ... with them" carries off without abducting anyone.
CARRIED = word_set("outcomes", "carried_heads")
#: "civilian deaths rose ... to 3,804 people killed": the people counted are civilians.
CIVILIAN_COUNTS = word_set("outcomes", "civilian_count_nouns")
PEOPLE = word_set("victims", "people_heads")


def _taken_away(tokens, first: Mention, end: int) -> bool:
    """ "the attackers took four soldiers with them": people carried off, i.e. abducted."""
    head = first.phrase.head
    return (
        head is not None
        and first.outcome is None
        and not first.partitive
        and tokens[head].norm not in CARRIED
        and victims.head_group(tokens[head].norm) is not None
        and tuple(t.norm for t in tokens[end : end + 2]) == ("with", "them")
    )


def read_sentence(tokens: list[Token], context) -> list[Reading]:
    """Every claim of one sentence; ``context`` is the normalised text before it (a list,
    or a function returning it: it is only needed for some victim phrases)."""
    context = _Lazy(context)
    triggers = find_triggers(tokens)
    mentions = find_mentions(tokens)
    if not triggers and not any(m.outcome for m in mentions):
        if not any(t.norm in HOSTAGE or among_head(t.norm) for t in tokens) and not any(
            t.norm == "with" and tokens[k + 1].norm == "them" for k, t in enumerate(tokens[:-1])
        ):
            return []
    mentions = [m for m in mentions if not _names_apposition(tokens, m)]
    mentions, appositions = _drop_appositions(tokens, mentions)
    starts = {m.figure.start: k for k, m in enumerate(mentions)}
    outcomes: dict[int, list[Trigger]] = {}
    own: dict[int, Trigger | None] = {}
    tolls = toll_claims(tokens, triggers, mentions)
    used: set[int] = set()
    part_of: set[int] = set()
    parent: dict[int, int] = {}
    for members, parts in _chains(tokens, mentions):
        trig = _chain_trigger(tokens, triggers, mentions, members, parts, tolls, starts)
        zero = any(mentions[k].zero for k in members)
        found = [trig] if trig is not None else []
        if trig is not None:
            used.add(trig.start)
            second = _coordinated(tokens, triggers, trig, zero)
            if second is not None:
                found.append(second)
                used.add(second.start)
        part_of.update(parts)
        parent.update(dict.fromkeys(parts, members[0]))
        for k in members + parts:
            own[k] = trig
            if k in appositions:
                trig = right_trigger(tokens, triggers, appositions[k][0], starts)
                outcomes[k] = [trig] if trig is not None else []
            elif mentions[k].partitive:
                outcomes[k] = _partitive(tokens, triggers, mentions, k, outcomes, starts)
            elif mentions[k].outcome is not None:
                outcomes[k] = [_stated_outcome(tokens, triggers, mentions[k], starts)]
            elif k != members[0] and _bare_clause(tokens, mentions[k]):
                trig_k = right_trigger(tokens, triggers, mention_end(mentions[k]), starts)
                outcomes[k] = [trig_k] if trig_k is not None else found
            elif k != members[0] and (clause := _own_clause(tokens, triggers, mentions[k],
                                                            trig, starts)):  # fmt: skip
                outcomes[k] = [clause]  # "..., and 46 others were wounded": a new clause
                own[k] = clause
                part_of.discard(k)
                parent.pop(k, None)
            else:
                outcomes[k] = found
    eligible = {k for k, found in outcomes.items() if found and k not in part_of}
    totals = set(parent.values())
    readings: list[Reading] = []
    for k, mention in enumerate(mentions):
        for trig in outcomes.get(k, []):
            if not _acceptable(tokens, mention, trig):
                continue
            reading = _reading(tokens, mentions, k, trig, own, context, eligible)
            part = k in part_of or mention.partitive or _among_the(tokens, trig)
            reading = reading._replace(
                trigger=statement_trigger(trig, mention.figure),
                role="part" if part else ("total" if k in totals else "item"),
            )
            if k in appositions:
                group = victims.classify(appositions[k][1], tokens, context.get())
                reading = reading._replace(victim=group, inherited_from=appositions[k][1])
            elif k in parent and reading.victim == "unspecified" and _role_part(tokens, mention):
                whole = mentions[parent[k]].phrase  # "22 militants, among them two commanders"
                group = victims.classify(whole, tokens, context.get())
                reading = reading._replace(victim=group)
            readings.append(reading)
    for trig in triggers:
        if trig.mode in ("active", "either") and (
            trig.status == "zero" or (trig.status == "negated" and none_after(tokens, trig))
        ):
            for mention in _zero_mentions(tokens, trig):
                reading = _reading(tokens, [mention], 0, trig, {}, context)
                readings.append(reading._replace(trigger=trig.start))
    covered = [
        (m.figure.start, mention_end(m)) for m in mentions if m.phrase.head is not None or m.outcome
    ]
    for trig in triggers:
        if trig.status != "real":
            continue
        named = named_subjects(tokens, trig, covered, context)  # context: a _Lazy
        if not named and trig.start not in used:
            objects = named_objects(tokens, trig, covered, context)
            readings.extend(r._replace(trigger=trig.start) for r in objects)
        named = [r._replace(trigger=trig.start) for r in named]
        readings.extend(named)
        second = _coordinated(tokens, triggers, trig, False) if named else None
        if second is not None:  # "was kidnapped and killed": both outcomes
            used.add(second.start)
            readings.extend(r._replace(outcome=second.outcome) for r in named)
    readings.sort(key=lambda r: r.figure.start)
    return _list_peers(tokens, _apposed_parts(tokens, _among_totals(tokens, readings)))


def _apposed_parts(tokens: list[Token], readings: list[Reading]) -> list[Reading]:
    """ "killing three civilians, a woman and her two children": a list set off by a comma
    right after a figure, whose items add up to it, spells out that figure: the figure is
    the total, the items its parts (never added to it)."""
    out = list(readings)
    for k, first in enumerate(readings):
        if first.role != "item" or first.figure.vague or first.figure.value < 2:
            continue
        end = max(first.figure.end, first.phrase.end)
        items, j = [], k + 1
        while j < len(readings) and readings[j].trigger == first.trigger:
            r = readings[j]
            gap = between_words(tokens, end, r.figure.start)
            if r.role != "item" or r.figure.vague or not gap:
                break
            if (not items and gap != [","]) or (
                items and not set(gap) <= {",", "and"} | LIST_POSSESSIVES
            ):
                break
            items.append(j)
            end = max(r.figure.end, r.phrase.end)
            j += 1
        if len(items) >= 2 and sum(readings[i].figure.value for i in items) == first.figure.value:
            out[k] = first._replace(role="total")
            for i in items:
                out[i] = readings[i]._replace(role="part")
    return out


def _list_peers(tokens: list[Token], readings: list[Reading]) -> list[Reading]:
    """ "one boy and six men": a list item of no group ("men") takes the one group of the
    other items of its statement."""
    peers = victims.list_peers()
    groups: dict[int, set[str]] = {}
    for r in readings:
        if r.role == "item" and r.victim != "unspecified":
            groups.setdefault(r.trigger, set()).add(r.victim)
    out = []
    for r in readings:
        found = groups.get(r.trigger, set())
        head = r.phrase.head
        if (
            r.role == "item"
            and r.victim == "unspecified"
            and len(found) == 1
            and head is not None
            and tokens[head].norm in peers
        ):
            r = r._replace(victim=next(iter(found)))
        out.append(r)
    return out


def _among_totals(tokens: list[Token], readings: list[Reading]) -> list[Reading]:
    """ "X's wife is among the six women in custody": the figure after "among (the)" is the
    total, the claims of its statement before it are its parts (never added to it)."""
    totals = {}
    for r in readings:
        before = [t.norm for t in tokens[max(0, r.figure.start - 2) : r.figure.start]]
        if before[-1:] == ["among"] or before == ["among", "the"]:
            totals.setdefault(r.trigger, r.figure.start)
    if not totals:
        return readings
    out = []
    for r in readings:
        start = totals.get(r.trigger)
        if start is not None and r.role == "item":
            r = r._replace(role="total" if r.figure.start == start else "part")
        out.append(r)
    return out


def statement_trigger(trig: Trigger, figure: FigureSpan) -> int:
    """The statement key of a claim: its trigger's token, or (for an outcome its own figure
    phrase states: "27 wounded people") a key of its own."""
    return trig.start if trig.mode != "count" else -1 - figure.start


def _own_clause(tokens, triggers, mention: Mention, chain: Trigger | None, starts):
    """A listed figure with a verb of its own right after it ("and 46 others were
    wounded"): the trigger of its own clause, else None."""
    end = mention_end(mention)
    trig = right_trigger(tokens, triggers, end, starts)
    if trig is None or chain is None or trig.start == chain.start:
        return None
    between = [t.norm for t in tokens[end : trig.start]]
    if len(between) > 3 or not all(w in BE or w in ("also", "reportedly") for w in between):
        return None
    return trig


def _bare_clause(tokens, mention: Mention) -> bool:
    """ "killed 20 fighters and 5 were captured alive": a bare figure listed after another
    that is the subject of its own verb (it keeps the group of the figure before it)."""
    end = mention.figure.end
    return (
        mention.phrase.head is None
        and mention.outcome is None
        and not mention.partitive
        and end < len(tokens)
        and tokens[end].norm in ("were", "was", "had", "have")
    )


def _stated_outcome(tokens, triggers, mention: Mention, starts) -> Trigger:
    """The outcome a phrase states ("27 wounded people"), unless its verb says another one
    ("two wounded soldiers succumbed to their injuries": killed)."""
    stated = Trigger(0, 0, mention.outcome, "count")
    if tokens[mention.figure.end].norm not in ADJECTIVE_OUTCOMES:
        return stated
    trig = right_trigger(tokens, triggers, mention_end(mention), starts)
    if trig is not None and trig.status == "real" and trig.outcome != mention.outcome:
        return trig
    return stated


def _agent(tokens, trig: Trigger) -> int:
    """The subject right before an active verb ("The Taliban killed 12 of them"): not the
    antecedent of "them". Its token index, or -1."""
    k = trig.start - 1
    while k >= 0 and tokens[k].norm in ("had", "have", "has", "also", "reportedly", "then"):
        k -= 1
    return k if trig.mode in ("active", "either") and k >= 0 else -1


def _role_part(tokens, mention: Mention) -> bool:
    """A part named by a role noun ("two senior commanders"): it has the group of its whole."""
    head = mention.phrase.head
    return head is not None and victims.head_group(tokens[head].norm) == victims.ROLE


def _names_apposition(tokens, mention: Mention) -> bool:
    """ "Mullah Sardar, the Taliban shadow governor for Gulran, ...": the singular phrase
    describes the name before it; it is not another victim."""
    start = mention.figure.start
    return (
        mention.figure.singular
        and tokens[start].norm in ("the", "a", "an")
        and start >= 2
        and tokens[start - 1].norm == ","
        and tokens[start - 2].capitalised
        and tokens[start - 2].norm.isalpha()
        and victims.head_group(tokens[start - 2].norm) is None
    )


def _drop_appositions(tokens, mentions: list[Mention]):
    """ "Two of them, a woman and a small boy, succumbed": the singulars between commas
    name the members of the partitive; they are not claims of their own. Returns the
    mentions left and, per partitive, its apposition (end token, victim phrase)."""
    kept: list[Mention] = []
    appositions: dict[int, tuple[int, victims.NounPhrase]] = {}
    k = 0
    while k < len(mentions):
        mention = mentions[k]
        kept.append(mention)
        j = k + 1
        if mention.partitive and j < len(mentions):
            end = mention_end(mention)
            while j < len(mentions) and mentions[j].figure.singular:
                gap = between_words(tokens, end, mentions[j].figure.start)
                if (
                    not gap
                    or not all(w in (",", "and") for w in gap)
                    or (j == k + 1 and gap != [","])
                ):
                    break
                end = mention_end(mentions[j])
                j += 1
            if j > k + 1 and end < len(tokens) and tokens[end].norm == ",":
                appositions[len(kept) - 1] = (end + 1, mentions[k + 1].phrase)
                k = j
                continue
        k += 1
    return kept, appositions


def _partitive(tokens, triggers, mentions, k, outcomes, starts) -> list[Trigger]:
    """ "eight of whom were in critical condition", "four of the wounded died", "three of
    them critically": its own trigger, else the outcome its noun states, else its total's."""
    mention = mentions[k]
    trig = right_trigger(tokens, triggers, mention_end(mention), starts) or left_trigger(
        tokens, triggers, mention.figure.start
    )
    if trig is not None:
        return [trig]
    if mention.outcome is not None:
        return [Trigger(0, 0, mention.outcome, "count")]
    return list(outcomes.get(k - 1, [])) if k else []


def _acceptable(tokens, mention: Mention, trig: Trigger) -> bool:
    if trig.status == "negated" and mention.zero:
        pass  # "not one soldier was hurt": the count of zero carries the negation
    elif trig.status in ("hypothetical", "negated", "zero"):
        return False
    if trig.mode == "of" and mention.figure.singular:
        return False  # "the death of a U.S. soldier": a noun, no claim
    if trig.mode == "active_head" and (mention.phrase.head is None or mention.figure.singular):
        return False  # "lost 3 districts", "lost a leg": only people lost
    if mention.ordinal:
        return trig.start == mention.phrase.end
    if mention.phrase.head is None and mention.outcome is None and not mention.partitive:
        return _bare_ok(tokens, mention, trig)
    return True


#: between a bare figure and its trigger: "Nine more were wounded", "three were lightly injured"
BARE_GAP = BARE_FOLLOWERS | SEVERITY


def _among_the(tokens: list[Token], trig: Trigger) -> bool:
    """ "six children and four women were among the wounded", "Among the dead were ...": a
    part of the dead or wounded, not their number."""
    return bool(among_head(tokens[trig.start].norm)) and "among" in (
        t.norm for t in tokens[max(0, trig.start - 3) : trig.start]
    )


def _bare_ok(tokens: list[Token], mention: Mention, trig: Trigger) -> bool:
    """A bare figure ("killed 16 in", "and 67 sustained injuries") must touch its trigger."""
    fig = mention.figure
    if trig.end == fig.start or (fig.start and tokens[fig.start - 1].norm == "another"):
        return True
    pos = fig.end
    while pos < len(tokens) and tokens[pos].norm in BARE_GAP:
        pos += 1
    return pos == trig.start or trig.mode == "toll"


def _reading(tokens, mentions, k, trig: Trigger, own, context, eligible=frozenset()) -> Reading:
    """The claim of mention ``k``: a bare figure, a partitive ("eight of whom") and "N others"
    in a clause of its own take the victim of the figure before them."""
    mention = mentions[k]
    inherited = None
    inherit = mention.phrase.head is None
    if not inherit and mention.phrase.head is not None and k:
        head = tokens[mention.phrase.head].norm
        inherit = head == "others" and own.get(k) is not own.get(k - 1)
    if inherit:
        for j in range(k - 1, -1, -1):
            previous = mentions[j]
            if previous.phrase.head is not None and j in eligible:
                inherited = previous.phrase
                break
        if inherited is None and mention.partitive and mention.outcome is None:
            antecedent = victims.preceding_group(tokens, mention.figure.start, _agent(tokens, trig))
            if antecedent is not None:  # "manned by 10 policemen, killing seven of them"
                return Reading(
                    mention.figure, mention.phrase, trig.outcome, antecedent, None, False
                )
    phrase = inherited or mention.phrase
    all_of = _all_of_them(tokens, mention_end(mention))
    if all_of is not None:
        phrase = all_of
    if mention.mixed:
        victim = "unspecified"
    elif mention.civilian:
        victim = "civilians"
    else:
        victim = victims.classify(
            phrase, tokens, lambda: context.get() + [t.norm for t in tokens[: phrase.start]]
        )
        if victim == "unspecified" and _civilian_context(tokens, mention, phrase):
            victim = "civilians"
    bare = mention.phrase.head is None and mention.outcome is None and not mention.partitive
    counted = (
        phrase.head is None
        and mention.outcome is not None
        and not mention.partitive
        and not mention.civilian
    )
    return Reading(
        mention.figure,
        mention.phrase,
        trig.outcome,
        victim,
        inherited,
        mention.zero,
        mention.mixed,
        bare,
        counted,
    )


def _all_of_them(tokens, pos: int) -> victims.NounPhrase | None:
    """ "rose to 12 on Thursday, all of them children": the group of the whole figure."""
    for k in range(pos, min(len(tokens), pos + 6)):
        if tokens[k].norm == "," and k + 1 < len(tokens) and tokens[k + 1].norm == "all":
            j = k + 2
            if j + 1 < len(tokens) and tokens[j].norm == "of" and tokens[j + 1].norm == "them":
                j += 2
            phrase = victims.noun_phrase(tokens, j, max_words=2)
            return phrase if phrase.head is not None else None
    return None


def _civilian_context(tokens, mention, phrase) -> bool:
    """ "civilian deaths rose ... to 3,804 people killed": people counted as civilians."""
    if phrase.head is not None and tokens[phrase.head].norm not in PEOPLE:
        return False
    before = [t.norm for t in tokens[: mention.figure.start]]
    return any(
        w == "civilian" and n in CIVILIAN_COUNTS for w, n in zip(before, before[1:], strict=False)
    )
