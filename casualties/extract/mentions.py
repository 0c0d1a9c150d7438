"""Figure phrases of a sentence with their victim phrase: the things a claim counts.

"at least 10 Afghan civilians", "a Romanian soldier", "his wife", "the fourth U.S. service
member", "12 deaths", "27 wounded people", "nine of the injured", "eight of whom", a bare
"67" (its victim is the figure before it), "no civilians" (a count of zero).
"""

from __future__ import annotations

from typing import NamedTuple

from casualties.dates_grammar import MONTHS as MONTH_NUMBERS
from casualties.extract import victims
from casualties.extract.numbers import ORDINALS, STARTS, FigureSpan, figure_at
from casualties.extract.outcomes import among_head, count_noun, verb_outcome
from casualties.extract.tokens import Token, lexicon, word_set
from casualties.extract.victims import QUOTES

MONTHS = frozenset(MONTH_NUMBERS)
NOT_BEFORE_BARE = MONTHS | frozenset("on since in until from by at / $ no. number".split())
TOLL_WORDS = word_set("outcomes", "toll_words")
PARTITIVE = frozenset("them whom those these us".split())
BRING = word_set("outcomes", "bring_verbs")
#: Nouns after a group name that make the phrase a thing: "two Taliban positions".
PLACE_NOUNS = word_set("victims", "place_nouns")
COLLECTIVES = word_set("victims", "collective_nouns")
ADJECTIVE_OUTCOMES = {str(k): str(v) for k, v in lexicon("outcomes")["adjective_outcomes"].items()}


class Mention(NamedTuple):
    figure: FigureSpan
    phrase: victims.NounPhrase
    outcome: str | None = None  # stated in the phrase itself: "12 deaths", "27 wounded people"
    zero: bool = False  # "no civilians"
    partitive: bool = False  # "eight of whom", "one of them": a part of the figure before
    mixed: bool = False  # "several Taliban & foreign terrorists": no single group
    ordinal: bool = False  # "the fourth U.S. service member killed"
    civilian: bool = False  # "14 civilian deaths"


def _is_date_number(tokens: list[Token], fig: FigureSpan) -> bool:
    if fig.value is None or fig.qualifier != "exact" or fig.end - fig.start != 1:
        return False
    before = tokens[fig.start - 1].norm if fig.start else ""
    after = tokens[fig.end].norm if fig.end < len(tokens) else ""
    if before == "at" and TOLL_WORDS & {_norm(tokens, fig.start - k) for k in (2, 3)}:
        return False  # "put the death toll at 60", "the toll stood at 41"
    if before in NOT_BEFORE_BARE or after in MONTHS or after == "/" or before == ".":
        return True
    return 1900 <= fig.value <= 2100 and "," not in tokens[fig.start].text


def _day_of_month(tokens: list[Token], fig: FigureSpan) -> bool:
    if fig.value is None or fig.end - fig.start != 1 or not 1 <= fig.value <= 31:
        return False
    k = fig.start - 2 if _norm(tokens, fig.start - 1) == "." else fig.start - 1
    in_month = _norm(tokens, k - 1) == "in"  # "in May 30 soldiers were killed": a count
    return _norm(tokens, k) in MONTHS and tokens[fig.start].text.isdigit() and not in_month


def _norm(tokens: list[Token], i: int) -> str:
    return tokens[i].norm if 0 <= i < len(tokens) else ""


def _singular(tokens: list[Token], fig: FigureSpan, i: int) -> tuple[Mention | None, int]:
    if not any(victims.head_group(t.norm) for t in tokens[fig.end : fig.end + 7]):
        return None, i + 1  # a fast test: no victim noun close enough
    phrase = victims.noun_phrase(tokens, fig.end, max_words=6)
    head = phrase.head
    if head is not None and _possessor(tokens, head):
        return None, i + 1  # "the governor's office said": a possessor, not a victim
    if head is not None and (
        victims.is_singular_head(tokens[head].norm) and not tokens[head].norm.startswith("taliban")
    ):
        return Mention(fig, phrase), phrase.end
    return None, i + 1


def _possessor(tokens: list[Token], head: int) -> bool:
    """ "governor's" before a noun that is not a victim ("office", "house", "convoy")."""
    if not tokens[head].norm.endswith("'s") or head + 1 >= len(tokens):
        return False
    nxt = tokens[head + 1].norm
    return nxt.isalpha() and victims.head_group(nxt) is None and not victims.is_adjective(nxt)


def _counted(tokens: list[Token], fig: FigureSpan) -> Mention | None:
    """Figures whose noun states the outcome: "12 deaths", "seven small bodies", "14
    civilian deaths", "17 bodies of soldiers", "27 wounded people", "nine of the injured"."""
    j = fig.end
    while _norm(tokens, j) in QUOTES:
        j += 1
    if _norm(tokens, j) == "of":
        k = j + 2 if _norm(tokens, j + 1) == "the" else j + 1
        if among_head(_norm(tokens, k)):
            phrase = _predicate(tokens, k + 1)
            return Mention(fig, phrase, outcome=among_head(_norm(tokens, k)), partitive=True)
    if _norm(tokens, j) in ADJECTIVE_OUTCOMES:
        phrase = victims.noun_phrase(tokens, j + 1, max_words=2)
        if phrase.head is not None:
            return Mention(fig, phrase, outcome=ADJECTIVE_OUTCOMES[_norm(tokens, j)])
    for k in range(j, min(j + 3, len(tokens))):
        outcome = count_noun(tokens[k].norm)
        if outcome:
            words = tuple(t.norm for t in tokens[j:k])
            if _norm(tokens, k + 1) in ("of", "among"):  # "30 deaths among its soldiers"
                phrase = victims.noun_phrase(tokens, k + 2, max_words=4)
                if phrase.head is not None:
                    return Mention(fig, phrase, outcome=outcome)
            empty = victims.NounPhrase(k + 1, k + 1, None, words, False)
            return Mention(fig, empty, outcome=outcome, civilian="civilian" in words)
        if not (victims.is_adjective(tokens[k].norm) or tokens[k].capitalised):
            break
    return None


def _predicate(tokens: list[Token], k: int):
    """The group of a partitive: "three of them police officers" (right after), "about 20
    of the dead were traders" (after "were")."""
    direct = victims.noun_phrase(tokens, k, max_words=3)
    if direct.head is not None:
        return direct
    if _norm(tokens, k) in ("were", "was", "are", "is"):
        phrase = victims.noun_phrase(tokens, k + 1, max_words=3)
        if phrase.head is not None:
            return victims.NounPhrase(phrase.start, phrase.end, phrase.head, phrase.words, False)
    return victims.NounPhrase(k, k, None, (), False)


_STARTERS = STARTS | {"no", "not", "none"}
#: Words between "not" / "none" and the group counted as zero: "not a single", "none of the".
ZERO_FILLERS = frozenset("a one single of the".split())


def _may_start(norm: str) -> bool:
    """Can a figure phrase (or "no", "X's") start at this word? A fast test."""
    return (
        norm in _STARTERS
        or norm[:1].isdigit()
        or norm.endswith("'s")
        or ("-" in norm and norm.split("-")[0] in STARTS)
    )


def find_mentions(tokens: list[Token]) -> list[Mention]:
    """Figure phrases (with their victim phrase, possibly bare) in a sentence."""
    mentions: list[Mention] = []
    i = 0
    while i < len(tokens):
        if not _may_start(tokens[i].norm):
            i += 1
            continue
        norm = tokens[i].norm
        if norm == "the" and _norm(tokens, i + 1) in ORDINALS:
            fig = FigureSpan(i, i + 2, ORDINALS[_norm(tokens, i + 1)], "exact", None)
            phrase = victims.noun_phrase(tokens, i + 2, max_words=4)
            if phrase.head is not None:
                mentions.append(Mention(fig, phrase, ordinal=True))
                i = phrase.end
                continue
        fig = figure_at(tokens, i)
        if fig is not None and i and tokens[i - 1].norm in ("no", "not", "none"):
            fig = None  # "no one was hurt": nobody, not a count
        if fig is None:
            mention = _zero_or_possessive(tokens, i)
            if mention is not None:
                mentions.append(mention)
                i = max(mention.phrase.end, i + 1)
                continue
            i += 1
            continue
        if _day_of_month(tokens, fig):
            i = fig.end  # "By Sept. 22 the count of Taliban dead ...": a date, not a count
            continue
        if i and tokens[i - 1].norm in ("from", "of") and (_norm(tokens, fig.end) in COLLECTIVES):
            i = fig.end  # "five men from one family": whose they were, not how many
            continue
        if fig.singular and norm == "another":
            inner = figure_at(tokens, fig.end)
            if inner is not None and not inner.singular:
                fig = inner
        if fig.singular:
            mention, i = _singular(tokens, fig, i)
            if mention is not None:
                mentions.append(mention)
            continue
        number = _number_of(tokens, fig)
        if number is not None:
            mentions.append(number)
            i = max(fig.end, number.phrase.end if number.phrase.start > fig.start else fig.end)
            continue
        nxt = _norm(tokens, fig.end)
        if nxt == "of" and _norm(tokens, fig.end + 1) in PARTITIVE:
            phrase = _predicate(tokens, fig.end + 2)  # "11 of whom were children"
            mentions.append(Mention(fig, phrase, partitive=True))
            i = fig.end + 2
            continue
        if victims.is_not_people(nxt) or _objects_after_of(tokens, fig.end):
            i = fig.end
            continue
        counted = _counted(tokens, fig)
        if counted is not None:
            mentions.append(counted)
            i = max(counted.phrase.end, fig.end + 1)
            continue
        phrase = victims.noun_phrase(tokens, fig.end)
        if phrase.head is None and _is_date_number(tokens, fig):
            i = fig.end
            continue
        if phrase.head is not None and _norm(tokens, phrase.end) in PLACE_NOUNS:
            i = phrase.end  # "captured two Taliban positions", "ten police checkpoints"
            continue
        if phrase.head is None and _things_ahead(tokens, fig.end):
            i = fig.end  # "captured two army positions"
            continue
        end, mixed = _coordinated_end(tokens, phrase)
        if end:
            phrase = victims.NounPhrase(phrase.start, end, phrase.head, phrase.words, False)
        mentions.append(Mention(fig, phrase, mixed=mixed))
        i = max(phrase.end, fig.end)
    return mentions


def _number_of(tokens: list[Token], fig: FigureSpan) -> Mention | None:
    """ "brings to three the number of U.S. service members killed" and "brought the number
    of journalists killed this year to 17": a count of the group, with its outcome."""
    before = _norm(tokens, fig.start - 1)
    if fig.start < 2 or before not in ("to", "at"):
        return None
    if before == "to" and _norm(tokens, fig.start - 2) in BRING:  # the figure first
        start = fig.end
        if tuple(t.norm for t in tokens[start : start + 3]) != ("the", "number", "of"):
            return None
        return _number_phrase(tokens, fig, start + 3)
    for k in range(fig.start - 3, max(-1, fig.start - 16), -1):
        if _norm(tokens, k) in BRING and before == "to":
            if tuple(t.norm for t in tokens[k + 1 : k + 4]) == ("the", "number", "of"):
                return _number_phrase(tokens, fig, k + 4)
            return None
        if _norm(tokens, k) in TOLL_WORDS and _norm(tokens, k + 1) == "of":
            return _number_phrase(tokens, fig, k + 2)  # "the count of Taliban dead stood at 63"
    return None


def _number_phrase(tokens: list[Token], fig: FigureSpan, start: int) -> Mention | None:
    phrase = victims.noun_phrase(tokens, start, max_words=5)
    if phrase.head is None:
        return None
    after = _norm(tokens, phrase.end)
    outcome = verb_outcome(after) or ADJECTIVE_OUTCOMES.get(after)
    if outcome is None:
        return None
    return Mention(fig, phrase, outcome=outcome)


def _things_ahead(tokens: list[Token], pos: int) -> bool:
    """A figure counting things after a modifier or two: "two army positions"."""
    for k in range(pos, min(len(tokens), pos + 3)):
        norm = tokens[k].norm
        if norm in PLACE_NOUNS or victims.is_not_people(norm):
            return k > pos
        if not (norm.isalpha() and norm not in victims.FUNCTION):
            return False
    return False


def _objects_after_of(tokens: list[Token], pos: int) -> bool:
    """ "dozens of districts", "several of the checkpoints": things, not people."""
    if _norm(tokens, pos) != "of":
        return False
    k = pos + 1
    while (
        k < len(tokens)
        and k - pos < 4
        and (
            tokens[k].norm in ("the", "their", "its", "his") or victims.is_adjective(tokens[k].norm)
        )
    ):
        k += 1
    return k < len(tokens) and victims.is_not_people(tokens[k].norm)


def _zero_or_possessive(tokens: list[Token], i: int) -> Mention | None:
    """ "no civilians" (a count of zero) and "Asim Umar's wife" (one person)."""
    norm = tokens[i].norm
    if norm in ("not", "none"):  # "not a single mujahid", "none of our fighters"
        k = i + 1
        while _norm(tokens, k) in ZERO_FILLERS:
            k += 1
        if k > i + 1 and (norm == "none") == (_norm(tokens, i + 1) == "of"):
            phrase = victims.noun_phrase(tokens, k, max_words=3)
            head = phrase.head
            if head is not None and victims.head_group(tokens[head].norm) not in (
                None,
                "unspecified",
            ):
                return Mention(FigureSpan(i, k, 0, "exact", None), phrase, zero=True)
    if norm == "no":
        phrase = victims.noun_phrase(tokens, i + 1, max_words=3)
        head = phrase.head
        if head is not None and victims.head_group(tokens[head].norm) not in (None, "unspecified"):
            return Mention(FigureSpan(i, i + 1, 0, "exact", None), phrase, zero=True)
    if norm.endswith("'s") and tokens[i].capitalised and i + 1 < len(tokens):
        phrase = victims.noun_phrase(tokens, i + 1, max_words=2)
        head = phrase.head
        if head is not None and victims.head_group(tokens[head].norm) == "civilians":
            if victims.is_singular_head(tokens[head].norm):
                return Mention(FigureSpan(i, i + 1, 1, "exact", None, singular=True), phrase)
    return None


def _coordinated_end(tokens: list[Token], phrase) -> tuple[int, bool]:
    """ "policemen and soldiers" (one group, one figure) or "Taliban & foreign terrorists"
    (two groups: mixed): the end of the second noun and whether the groups differ."""
    pos = phrase.end
    if phrase.head is None or pos + 1 >= len(tokens) or tokens[pos].norm not in ("&", "and"):
        return 0, False
    if figure_at(tokens, pos + 1) is not None:
        return 0, False
    second = victims.noun_phrase(tokens, pos + 1, max_words=3)
    if second.head is None:
        return 0, False
    first_group = victims.classify(phrase, tokens, [])
    return second.end, victims.classify(second, tokens, []) != first_group
