"""Who made a claim: attribution by speech verbs, "according to", quotes and reported speech.

Per article, every attribution clause is found once ("X said", "said X", "according to X",
"X tweeted that", "a statement by X"). A claim inside a quotation belongs to the speaker of
that quotation (the clause right after its closing quote or right before its opening one,
else the speaker of a neighbouring quotation in the paragraph); a claim outside quotes to
the attribution of its own sentence; a sentence whose speech verb has no subject ("Two days
later reported it killed ...") continues the paragraph's last speaker; anything else is the
outlet's own reporting (``media``). Pronouns ("he said") and bare surnames ("Rahimi added")
resolve to the last named speaker of the article that fits.
"""

from __future__ import annotations

import bisect
import re
from functools import cache, lru_cache
from typing import NamedTuple

from casualties import vocabulary
from casualties.aliases import map_claimant
from casualties.dates_grammar import MONTHS, WEEKDAYS
from casualties.extract.numbers import STARTS
from casualties.extract.sentences import ABBREVIATIONS
from casualties.extract.tokens import (
    PhraseIndex,
    Token,
    lexicon,
    phrase_at,
    strip_possessive,
    tokenize,
    word_regex,
    word_set,
)

#: Roles of claimant types (vocabularies.yaml): the outlet's own reporting, the claimant when
#: nobody is named; the government of the state a story is about; the NATO-led mission and
#: its states' defence ministries.
MEDIA = vocabulary.claimant_role("outlet")
HOME_GOVERNMENT = vocabulary.claimant_role("home_government")
NATO_MILITARY = vocabulary.claimant_role("nato_military")
_BACK_STOP = frozenset(
    '” “ " ; : — – ( ) that but while when because if after before although though whether '
    "which who where".split()
)
#: Words that end the source after "according to": "a tally by X based on statements from".
_SOURCE_END = frozenset("based citing quoting compiled who which that using drawing".split())
#: Capitalised at the start of a sentence without being a name: "Two days later reported".
_NOT_NAMES = frozenset(
    "the a an two three four five six seven eight nine ten yet later earlier then also it "
    "this that these those in on at after before meanwhile separately officials".split()
)
_RELATIVE = frozenset("who which whose where that".split())
_FORWARD_STOP = frozenset('. ; : “ ” " ( —'.split())
#: Where a long aside between commas cannot go on, and the words it starts with.
_HARD_STOP = frozenset('” “ " ; : ,'.split())
#: Words allowed in an apposition: "X, who works at a hospital run by MSF (Doctors ...),".
_IN_APPOSITION = _RELATIVE | {"(", ")"}
_ASIDE_STARTS = frozenset("speaking who a an the which whose".split())
#: The words of attribution are data/reference/extract/claimants.yaml (read by ``_lex``,
#: or once here): anonymity asides, participles of speech after a comma ("..., saying").
_ANONYMOUS = word_set("claimants", "anonymity_words")
_PARTICIPLES = word_set("claimants", "speech_participles")
_CLAUSE_START = frozenset("; : — –".split())
_OPENERS = frozenset("in on at after during speaking earlier later meanwhile separately".split())
_MAIN_VERBS = frozenset(
    "said says told tells put puts gave gives sent took is are was were has have had later "
    "also earlier then on".split()
)
_TIME_NOUNS = word_set("claimants", "time_nouns") | frozenset(
    "were was are has have had been being will would".split()
)
_AUXILIARIES = frozenset("had has have were was is are will would did could".split())
#: Speech verbs whose next word is their object, never their subject: "X, ..., told Reuters".
_OBJECT_FIRST = word_set("claimants", "object_first_verbs")
_TIME_WORDS = (
    frozenset(MONTHS)
    | frozenset(WEEKDAYS)
    | frozenset("on in at today yesterday last earlier later".split())
)


#: Verbs of belief that attribute the clause they govern ("officials believe 30 ...",
#: "police suspect that ..."); only with a clause or a figure right after them.
COGNITION = word_set("claimants", "cognition_verbs")


class Clause(NamedTuple):
    pos: int  # char offset of the speech verb / marker
    start: int  # char span of the claimant phrase as written
    end: int
    claimant: str
    sentence: int
    paragraph: int
    elided: bool  # a speech verb without a subject: continues the last speaker
    report: bool = False  # "a report released by X": may go on in the next sentence


def object_speech_verbs() -> frozenset[str]:
    """Verbs of speech to or about someone ("told reporters", "accused the troops"): a date
    after their object still dates the statement."""
    return _lex()["object_speech"]


def speech_verbs() -> frozenset[str]:
    """Verbs of speech ("said", "tweeted"): a date right after one dates the statement."""
    return _lex()["verbs"]


@cache
def _lex() -> dict:
    raw = lexicon("claimants")
    return {
        "verbs": frozenset(str(w) for w in raw["speech_verbs"]),
        "object_speech": frozenset(str(w) for w in raw["object_speech_verbs"]),
        "not_after": frozenset(str(w) for w in raw["not_attribution_after"]),
        "markers": [tuple(str(w) for w in m) for m in raw["source_markers"]],
        "groups": [(g, [tuple(str(w) for w in p) for p in ps]) for g, ps in raw["groups"].items()],
        "pronouns": frozenset(str(w) for w in raw["pronouns"]),
        "media": [tuple(str(w) for w in p) for p in raw["media_phrases"]],
        "object_verbs": frozenset(str(w) for w in raw["object_verbs"]),
        "anaphora": {k: frozenset(str(w) for w in v) for k, v in raw["anaphora"].items()},
        "voices": frozenset(str(w) for w in raw["voices"]),
        "organisations": frozenset(str(w) for w in raw["organisation_heads"]),
        "persons": frozenset(str(w) for w in raw["person_heads"]),
        "not_emergency": frozenset(str(w) for w in raw["not_emergency_charity"]),
        "states": {w: state for state, ws in raw["states"].items() for w in ws},
        "government": frozenset(str(w) for w in raw["government_words"]),
        "nato_states": frozenset(str(w) for w in raw["nato_states"]),
        "nato_military": frozenset(str(w) for w in raw["nato_military_words"]),
    }


#: Claimant types that are armed groups ("the group said" refers to one of them).
ARMED = vocabulary.armed_groups()
#: Claimant types whose word in a phrase outranks the alias table: armed groups and monitors
#: ("the health ministry run by the Houthi rebels": the armed group speaks).
LEXICON_FIRST = frozenset(ARMED) | {
    c for c, k in vocabulary.source_kinds().items() if k == "monitor"
}


@cache
def _marker_starts() -> frozenset[str]:
    return frozenset(m[0] for m in _lex()["markers"])


REPORT_WORDS = word_set("claimants", "report_words")


_PREFILTER = word_regex("claimants", "speech_prefilter")


def _contains(words: list[str], phrase: tuple[str, ...]) -> bool:
    n = len(phrase)
    return any(tuple(words[k : k + n]) == phrase for k in range(len(words) - n + 1))


@cache
def _indexes() -> tuple[PhraseIndex, PhraseIndex, dict[str, int], frozenset[str]]:
    lex = _lex()
    order = {group: n for n, (group, _) in enumerate(lex["groups"])}
    groups = PhraseIndex((p, g) for g, phrases in lex["groups"] for p in phrases)
    media = PhraseIndex((p, MEDIA) for p in lex["media"])
    singles = frozenset(p[0] for _, phrases in lex["groups"] for p in phrases if len(p) == 1)
    return groups, media, order, singles


@cache
def _multi_word_starts() -> dict[str, list[tuple[str, ...]]]:
    starts: dict[str, list[tuple[str, ...]]] = {}
    for _, phrases in _lex()["groups"]:
        for phrase in phrases:
            if len(phrase) > 1:
                starts.setdefault(phrase[0], []).append(tuple(phrase))
    return starts


@lru_cache(maxsize=20_000)
def lexicon_claimant(text: str) -> str:
    """Claimant group of a phrase by this stage's own lexicon ("unknown" if none)."""
    words = [strip_possessive(t.norm) for t in tokenize(text)]  # "the ministry's statement"
    not_charity = _lex()["not_emergency"]
    words = [
        "" if w == "emergency" and k + 1 < len(words) and words[k + 1] in not_charity else w
        for k, w in enumerate(words)
    ]
    groups, media, order, _ = _indexes()
    if media.values_in(words):
        return MEDIA
    found = groups.values_in(words)
    return min(found, key=order.__getitem__) if found else "unknown"


@lru_cache(maxsize=20_000)
def map_claimant_text(text: str) -> str:
    """The shared alias table first (``casualties.aliases``), then this stage's lexicon."""
    own = lexicon_claimant(text)
    if own in LEXICON_FIRST:
        return own
    mapped = map_claimant(text)
    if mapped not in ("unknown", "", None):
        return mapped
    return own


def anaphora_kind(text: str) -> str | None:
    """ "report" for "the report", "group" for "the group" and "the group's spokesman",
    else None."""
    words = [t.norm for t in tokenize(text)]
    if len(words) == 3 and words[1].endswith(("'s", "’s")) and words[2] in _lex()["voices"]:
        words = [words[0], words[1][:-2]]  # the group's spokesman: the group speaks
    if len(words) != 2 or words[0] not in ("the", "this", "that", "its"):
        return None
    for kind, nouns in _lex()["anaphora"].items():
        if words[1] in nouns:
            return kind
    return None


def quote_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """(open, close) offsets of quotations in ``text[start:end]`` (one paragraph)."""
    spans, opened, straight = [], None, None
    for m in re.finditer(r"[“”\"]", text[start:end]):
        pos, ch = m.start() + start, m.group()
        if ch == "“":
            opened = pos if opened is None else opened
        elif ch == "”" and opened is not None:
            spans.append((opened, pos + 1))
            opened = None
        elif ch == '"':
            if straight is None:
                straight = pos
            else:
                spans.append((straight, pos + 1))
                straight = None
    if opened is not None:  # a quotation running to the end of the paragraph
        spans.append((opened, end))
    return Quotes(spans)


class Quotes(list):
    """Quotation spans sorted by start, with the running maximum of their ends, so that
    ``_inside`` and ``overlaps`` bisect instead of scanning: a paragraph of many
    quotations stays linear in its length."""

    def __init__(self, spans) -> None:
        super().__init__(sorted(spans))
        self.reach, furthest = [], -1
        for _start, end in self:
            furthest = max(furthest, end)
            self.reach.append(furthest)


def _inside(pos: int, spans: list[tuple[int, int]]) -> tuple[int, int] | None:
    """The innermost of ``spans`` that holds ``pos`` (a plain list is scanned)."""
    if not isinstance(spans, Quotes):
        return next((span for span in spans if span[0] <= pos < span[1]), None)
    index = bisect.bisect_right(spans, pos, key=lambda span: span[0]) - 1
    while index >= 0 and spans.reach[index] > pos:  # some span up to here reaches pos
        if pos < spans[index][1]:
            return spans[index]
        index -= 1
    return None


def overlaps(spans: Quotes, start: int, end: int) -> bool:
    """Whether one of ``spans`` overlaps ``[start, end)``."""
    index = bisect.bisect_left(spans, end, key=lambda span: span[0]) - 1
    return index >= 0 and spans.reach[index] > start


def _trim(tokens: list[Token]) -> list[Token]:
    """Keep the named part of a claimant phrase: from its first capital or lexicon word."""
    singles = _indexes()[3]
    pronouns = _lex()["pronouns"]
    multi = _multi_word_starts()
    keep = [
        k
        for k, t in enumerate(tokens)
        if t.capitalised
        or t.norm in singles
        or t.norm in pronouns
        or any(  # "a security source": the whole phrase of the lexicon
            tuple(x.norm for x in tokens[k : k + len(p)]) == p for p in multi.get(t.norm, ())
        )
    ]
    if not keep:
        return tokens
    last = keep[-1] if len(tokens) - keep[0] > 4 else len(tokens) - 1
    while last > keep[0] and tokens[last].norm.endswith("ly") and not tokens[last].capitalised:
        last -= 1  # "officials optimistically claimed": the adverb is not the source
    return tokens[keep[0] : last + 1]


def _subject_before(tokens: list[Token], v: int) -> list[Token]:
    k = v - 1
    while k >= 0 and tokens[k].norm in ("also", "later", "earlier", "then", "had", "has", "have"):
        k -= 1
    last = k
    if k >= 1 and tokens[k].norm in ("who", "which") and tokens[k - 1].norm == ",":
        # "The Taliban, which claimed 11 civilians had been killed, ...": the antecedent
        end = j = k - 2
        while j >= 0 and end - j < 10 and tokens[j].norm not in _BACK_STOP | {","}:
            j -= 1
        return tokens[j + 1 : end + 1]
    if k >= 0 and tokens[k].norm == ",":  # apposition: "Engel, a New York Democrat, wrote"
        j = k - 1
        while j >= 0 and k - j < 25 and tokens[j].norm != ",":
            if tokens[j].norm in _BACK_STOP and tokens[j].norm not in _IN_APPOSITION:
                break
            j -= 1
        if j >= 0 and tokens[j].norm != ",":  # a long aside: "X, speaking on condition of
            j = k - 1  # anonymity because he was not authorized to talk to the media, told"
            while j >= 0 and k - j < 30 and tokens[j].norm not in _HARD_STOP:
                j -= 1
            if j >= 0 and tokens[j].norm == "," and tokens[j + 1].norm in _ASIDE_STARTS:
                k = last = j - 1  # the aside is not the source
        elif j >= 0 and tokens[j].norm == ",":
            k = j - 1
            aside = {t.norm for t in tokens[j + 1 : last]}
            if tokens[j + 1].norm == "speaking" or aside & _ANONYMOUS:
                last = k  # "X, who was not authorized to talk to the media, said": X
    j = k
    while j >= 0 and k - j < 14 and tokens[j].norm != ",":
        if tokens[j].norm in _BACK_STOP and not (
            tokens[j].norm in ("(", ")") and k - j <= 3  # "the National Directorate (NDS)"
        ):
            break
        j -= 1
    if j > 0 and tokens[j].norm == "who" and tokens[j - 1].norm not in _BACK_STOP | {","}:
        # "A Taliban commander who spoke to Reuters said": the antecedent of "who"
        end, j = j - 1, j - 1
        while j >= 0 and end - j < 10 and tokens[j].norm not in _BACK_STOP | {","}:
            j -= 1
        return tokens[j + 1 : end + 1]
    return [t for t in tokens[j + 1 : last + 1] if t.norm != "," or t is not tokens[last]]


def _main_subject(tokens: list[Token], v: int) -> list[Token]:
    """The subject of the clause a participle ("..., saying") hangs on: its first noun phrase,
    past an opening adverbial ("In a statement, the Taliban rejected ..., saying")."""
    start = v - 1
    while start > 0 and tokens[start - 1].norm not in _CLAUSE_START:
        start -= 1
    subject: list[Token] = []
    for tok in tokens[start:v]:
        if tok.norm == ",":
            if subject and subject[0].norm in _OPENERS:
                subject = []
                continue
            break
        if not tok.capitalised and (tok.norm.endswith("ed") or tok.norm in _MAIN_VERBS):
            break
        if tok.norm in ('"', "“", "”"):
            break
        subject.append(tok)
    return subject


def _finite(tok: Token) -> bool:
    """A verb of a clause: "had", "were", "detained" (not part of a speaker's name)."""
    norm = tok.norm
    return norm in _AUXILIARIES or (not tok.capitalised and norm.endswith("ed"))


def _finite_before_comma(phrase: list[Token]) -> bool:
    """Does the phrase after "said" hold a verb before any apposition? Then it is reported
    speech ("said Houthi rebels had detained"), not an inverted speaker ("said X, a vendor
    whose stall was destroyed")."""
    for tok in phrase:
        if tok.norm == ",":
            return False
        if _finite(tok):
            return True
    return False


def _coordinated(tokens: list[Token], v: int) -> bool:
    """ "X said ... and claimed": a second verb of the same subject."""
    k = v - 1
    while k >= 0 and tokens[k].norm in ("also", "later", "then", "had", "has", "have"):
        k -= 1
    return k >= 0 and tokens[k].norm in ("and", "but")


def _is_noun(tok: Token) -> bool:
    """A word that can name a speaker ("survivor", "neighbour"), not a time or an adverb."""
    norm = tok.norm
    return (
        norm.isalpha()
        and len(norm) > 2
        and norm not in _NOT_NAMES
        and norm not in _TIME_WORDS
        and norm not in _TIME_NOUNS
        and not norm.endswith("ly")
    )


def _stops(tokens: list[Token], j: int) -> bool:
    if tokens[j].norm != ".":
        return tokens[j].norm in _FORWARD_STOP or tokens[j].norm in _SOURCE_END
    before = tokens[j - 1].norm if j else ""
    return not (before in ABBREVIATIONS or (len(before) == 1 and before.isalpha()))


_DETERMINERS = frozenset({"a", "an", "the", "his", "her", "their", "its"})
#: speech words that are nouns: after an adjective they are no verb ("in a new statement")
_NOUN_VERBS = frozenset({"statement", "announcement", "tweet"})


def _role_follows(tokens: list[Token], j: int) -> bool:
    """ "said X, spokesman for the governor" / "X, provincial police chief": an apposition
    that names the speaker's role without an article, within three words of the comma."""
    persons = _lex()["persons"]
    for k in range(j + 1, min(j + 4, len(tokens))):
        if tokens[k].norm in persons:
            return True
        if tokens[k].norm in _NOT_ROLE or not tokens[k].norm.isalpha():
            return False
    return False


_NOT_ROLE = frozenset({"and", "but", "while", "as", "who", "which", "that", "adding", "saying"})


def _subject_after(tokens: list[Token], v: int) -> list[Token]:
    j, commas = v + 1, 0
    while j < len(tokens) and not _stops(tokens, j) and j - v < 20:
        if tokens[j].norm == ",":
            nxt = tokens[j + 1].norm if j + 1 < len(tokens) else ""
            if commas or (nxt not in ("a", "an", "the") and not _role_follows(tokens, j)):
                break
            commas += 1
        j += 1
    return tokens[v + 1 : j]


def _named_before_comma(text: str, phrase: list[Token]) -> list[Token]:
    """ "according to the governor's office, the Taliban carried out ...": a source that is
    named in full before the comma; what follows is the clause's subject, not an
    apposition ("according to Ahmad Zia, the governor's spokesman" stays whole)."""
    for k, tok in enumerate(phrase):
        if tok.norm == "," and k:
            before = text[phrase[0].start : phrase[k - 1].end]
            return phrase[:k] if map_claimant_text(before) != "unknown" else phrase
    return phrase


def sentence_clauses(
    text: str, tokens: list[Token], quotes: list[tuple[int, int]], sentence: int, paragraph: int
) -> list[Clause]:
    """Attribution clauses of one sentence that lie outside quotations."""
    lex = _lex()
    found: list[Clause] = []
    for v, tok in enumerate(tokens):
        if _inside(tok.start, quotes):
            continue
        phrase: list[Token] | None = None
        report = False
        for marker in lex["markers"] if tok.norm in _marker_starts() else ():
            end = phrase_at(tokens, v, marker)
            if end > 0:
                phrase = _named_before_comma(text, _subject_after(tokens, end - 1))
                report = any(w in REPORT_WORDS for w in marker) or (
                    v > 0 and tokens[v - 1].norm in REPORT_WORDS
                )
                break
        if phrase is None and tok.norm in lex["verbs"]:
            nxt = tokens[v + 1].norm if v + 1 < len(tokens) else ""
            claims_to = (
                tok.norm.startswith("claim") and phrase_at(tokens, v + 1, ("to", "have")) > 0
            )
            lives = phrase_at(tokens, v + 1, ("the", "lives")) > 0  # "claiming the lives of"
            if (
                (nxt in lex["not_after"] and tok.norm.startswith("claim"))
                or lives
                or (nxt in ("of", "to") and tok.norm not in ("told", "spoke") and not claims_to)
            ):
                continue
            if tok.norm in COGNITION and not (nxt == "that" or nxt in STARTS or nxt[:1].isdigit()):
                continue  # "arrested one suspect, ...": a noun; "officials believe 30 ..."
            if tok.norm in lex["object_verbs"] and (
                nxt in ("his", "her", "their", "its", "a", "an") or nxt[:1].isdigit()
            ):
                continue  # an object: "stated his desire", "cited a ...", "released 20 men"
            prev = tokens[v - 1].norm if v else ""
            if (
                prev in (",", "”", '"')
                and tok.norm not in _OBJECT_FIRST
                and v + 1 < len(tokens)
                and tokens[v + 1].capitalised
                and nxt not in _TIME_WORDS
            ):
                phrase = _subject_after(tokens, v)  # "..., said Herat Governor X."
                if _finite_before_comma(phrase):  # "X, based in Aden, said Houthis had"
                    phrase = _subject_before(tokens, v)
            elif prev in _DETERMINERS or (
                tok.norm in _NOUN_VERBS
                and v >= 2
                and tokens[v - 2].norm in _DETERMINERS
                and prev.isalpha()
                and not tokens[v - 1].capitalised
            ):
                continue  # a noun: "a statement", "the report", "in a new statement"
            elif prev == "," and tok.norm in _PARTICIPLES:
                phrase = _main_subject(tokens, v)  # "X condemned the attack, saying ..."
            else:
                phrase = _subject_before(tokens, v)
        if phrase is None:
            continue
        if len(phrase) >= 2 and anaphora_kind(f"{phrase[-2].text} {phrase[-1].text}"):
            phrase = phrase[-2:]  # "the report said": kept whole for its antecedent
        else:
            phrase = _trim(phrase)
        if not phrase:
            found.append(
                Clause(tok.start, tok.start, tok.start, "unknown", sentence, paragraph, True)
            )
            continue
        start, end = phrase[0].start, phrase[-1].end
        claimant = map_claimant_text(text[start:end])
        named = any(t.capitalised for t in phrase[1:]) or (
            phrase[0].capitalised
            and (phrase[0].start != tokens[0].start or phrase[0].norm not in _NOT_NAMES)
        )
        elided = (
            claimant == "unknown"
            and not named
            and phrase[0].norm not in lex["pronouns"]
            and anaphora_kind(text[start:end]) is None  # "The group said": not elided
            and (_coordinated(tokens, v) or not any(_is_noun(t) for t in phrase))
        )  # "A survivor said" has a speaker; "..., and claimed" continues the last one
        found.append(Clause(tok.start, start, end, claimant, sentence, paragraph, elided, report))
    return found


def has_speech(text: str) -> bool:
    return _PREFILTER.search(text) is not None
