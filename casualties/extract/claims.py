"""Assemble claim rows (the columns of docs/claims.md) from the readings of an article."""

from __future__ import annotations

import bisect
import hashlib
from collections.abc import Iterable, Iterator
from typing import Any

from casualties import vocabulary
from casualties.aliases import map_victim
from casualties.contract import CLAIM_COLUMNS
from casualties.errors import CasualtiesError
from casualties.extract.attribution import Attributor, publisher_claimant
from casualties.extract.claimants import HOME_GOVERNMENT, NATO_MILITARY
from casualties.extract.frames import DateFrames
from casualties.extract.grammar import Reading, read_sentence
from casualties.extract.numbers import STARTS as FIGURE_STARTS
from casualties.extract.outcomes import PREFILTER, SAME
from casualties.extract.places import EMPTY as NO_PLACE
from casualties.extract.places import PlaceFinder
from casualties.extract.sentences import Span, paragraphs, sentence_spans
from casualties.extract.tokens import (
    Token,
    drop_scare_quotes,
    lexicon,
    tokenize,
    word_regex,
    word_set,
)
from casualties.extract.victims import (
    NATION_MARK,
    NATIONAL,
    OUR,
    classify,
    head_group,
    modifier_group,
    unqualified_military,
)
from casualties.extract.when import published_date
from casualties.figures import parse_figure

#: Dates of the article's event: its claims take the lead's place unless they name one.
FRAME_SOURCES = ("lead", "article")
#: A place named in the claim's sentence or paragraph is its own (the paragraph's event).
OWN_PLACE = ("sentence", "paragraph")
#: Words of armed groups other than the Taliban (for the article's default group), words
#: that make "62 deaths" civilian, heads of perpetrators, names of the armed groups an article
#: can blame and words that say it did not: data/reference/extract/victims.yaml.
OTHER_MILITANTS = tuple(lexicon("victims")["other_militant_words"])
CIVILIAN_WORDS = word_set("victims", "civilian_words")
ATTACKERS = word_set("victims", "attacker_heads")
PERPETRATORS = word_regex("victims", "perpetrators", capture=True)
NOT_BLAMED = word_regex("victims", "not_blamed")
#: Words of an outlet whose soldiers are U.S. forces ("U.S. Department of Defense"), and of
#: a NATO speaker whose soldiers are coalition forces (claimants.yaml).
US_MILITARY_PUBLISHER = word_set("claimants", "us_military_publisher_words")
COALITION_SPEAKER = word_set("claimants", "coalition_speaker_words")
#: The claimant's own side, for "our soldiers" (each claimant type's own_forces).
OWN_SIDE = vocabulary.own_forces()
#: Victims whose nation an unqualified "soldier" right after them takes: the forces of a
#: state other than the one the story is about.
FOREIGN_FORCES = tuple(g for g in NATIONAL if g != OWN_SIDE.get(HOME_GOVERNMENT))


def publisher_nation(outlet: str) -> str | None:
    """The nation of a military publisher ("U.S. Department of Defense": us_forces), whose
    release says "two soldiers" of its own forces; None for news media."""
    if not outlet or publisher_claimant(outlet) != NATO_MILITARY:
        return None
    words = tuple(t.norm for t in tokenize(outlet))
    group = modifier_group(words)
    if group in NATIONAL:
        return group
    return "us_forces" if US_MILITARY_PUBLISHER & set(words) else None


def is_english(article: Any) -> bool:
    language = (getattr(article, "language", "") or "").lower()
    return language in ("", "en") or language.startswith("en-") or language.startswith("en_")


def claim_id(doc_id: str, figure_start: int, phrase_start: int, victim: str, outcome: str) -> str:
    """Stable id: the document and what the claim is, not its position in a run."""
    key = f"{doc_id}|{figure_start}|{phrase_start}|{victim}|{outcome}"
    return f"{doc_id}-{hashlib.sha1(key.encode()).hexdigest()[:10]}"


def statement_id(doc_id: str, sentence_start: int, trigger: int, outcome: str) -> str:
    """Stable id of a statement: the claims one outcome trigger of one sentence governs."""
    key = f"{doc_id}|{sentence_start}|{trigger}|{outcome}"
    return f"{doc_id}-s{hashlib.sha1(key.encode()).hexdigest()[:8]}"


class _Context:
    """Tokens of an article's sentences (made once), and the words before a sentence."""

    def __init__(self, text: str, spans: list[Span], nation: str | None = None):
        self.text, self.spans = text, spans
        self.nation = [NATION_MARK.format(nation)] if nation else []
        self._tokens: dict[int, list[Token]] = {}
        self._words: dict[int, list[str]] = {}
        self._hint: list[str] | None = None

    def tokens(self, index: int) -> list[Token]:
        found = self._tokens.get(index)
        if found is None:
            span = self.spans[index]
            found = drop_scare_quotes(
                tokenize(self.text[span.start : span.end], span.start), FIGURE_STARTS
            )
            self._tokens[index] = found
        return found

    def hint(self) -> list[str]:
        """The armed group the article names most: the default for "militants"."""
        if self._hint is None:
            lower = self.text.lower()
            taliban = lower.count("taliban")
            others = sum(lower.count(w) for w in OTHER_MILITANTS)
            self._hint = self.nation + (
                [] if not (taliban or others) else ["taliban" if taliban >= others else "daesh"]
            )
        return self._hint

    def before(self, index: int) -> list[str]:
        words: list[str] = []
        k = index - 1
        while k >= 0 and index - k <= 3:
            if k not in self._words:
                self._words[k] = [t.norm for t in self.tokens(k)]
            words = self._words[k] + words
            k -= 1
        return self.hint() + words


def extract_article(article: Any) -> list[dict]:
    """Every claim of one article as rows with exactly ``CLAIM_COLUMNS``, in document order.

    ``article`` is a ``casualties.corpus.Article`` (or any object with its fields). A
    non-English article gives no claims.
    """
    if not is_english(article):
        return []
    text = article.text
    spans = sentence_spans(text)
    paras = paragraphs(text)
    published = published_date(getattr(article, "published", ""))
    outlet = getattr(article, "outlet", "") or ""
    context = _Context(text, spans, publisher_nation(outlet))
    attributor: Attributor | None = None
    places: PlaceFinder | None = None
    rows: list[tuple[int, int, dict]] = []
    previous: tuple | None = None  # (paragraph, victim, outcome, sentence) of the last claim
    hits = [m.start() for m in PREFILTER.finditer(text.lower())]
    if not hits:
        return []
    starts = [span.start for span in spans]
    candidates = sorted({bisect.bisect_right(starts, pos) - 1 for pos in hits} - {-1})
    for index in candidates:
        span = spans[index]
        tokens = context.tokens(index)
        readings = read_sentence(tokens, lambda index=index: context.before(index))
        if not readings:
            continue
        if attributor is None:
            attributor = Attributor(text, spans, paras, context.tokens, outlet)
            places = PlaceFinder(text, paras)
            frames = DateFrames(text, spans, published, places.dateline_end())
            lead_index, lead_row = frames.lead()
            lead_place = places.place(spans[lead_index]) if lead_index >= 0 else NO_PLACE
            opening = frames.opening() if lead_row.date_source == "article" else -1
            if opening >= 0 and opening != lead_index:
                # dated further down ("in the past 24 hours, ..."): placed by the opening
                own = places.place(spans[opening])
                lead_place = own if own.place_source == "sentence" else lead_place
        figures = tuple(sorted({tokens[r.figure.start].start for r in readings}))
        for reading in readings:
            reading = _from_context(reading, tokens, index, span.paragraph, previous, context)
            if reading is None:
                continue
            figure_start = tokens[reading.figure.start].start
            end = frames.own_end(index, figure_start)
            place = places.place(span._replace(end=end), figure_start, figures)
            dates = frames.dates(index, figure_start, place, lead_place, end)
            where = place
            if dates.date_source in FRAME_SOURCES and place.place_source not in OWN_PLACE:
                where = lead_place._replace(place_source="lead") if lead_place.province else place
            row = _row(article, text, tokens, span, index, reading, attributor, where, dates, paras)
            rows.append((tokens[reading.figure.start].start, reading.phrase.start, row))
            previous = (span.paragraph, row["victim"], row["outcome"], index)
    rows.sort(key=lambda item: (item[2]["char_start"], item[0], item[1]))
    return [row for _, _, row in rows]


#: "the death toll from that attack": a toll of the event it names, whatever was counted before
TOLL_NOUNS = word_set("outcomes", "event_toll_words")
TOLL_OF = word_set("outcomes", "event_toll_links")


def _toll_of_an_event(tokens: list[Token], figure: int) -> bool:
    return any(
        tokens[k].norm in TOLL_NOUNS and tokens[k + 1].norm in TOLL_OF
        for k in range(max(0, figure - 12), figure - 1)
    )


def _from_context(reading, tokens, index, paragraph, previous, context) -> Reading | None:
    """What a claim takes from the claims and sentences before it: "Nine more were wounded"
    (the victim of the last claim of the paragraph), "Of these, 531 were blamed on ..." (its
    victim and outcome), "62 deaths" after a sentence about civilians. None: no claim."""
    if reading.bare and reading.inherited_from is None and previous:
        start = reading.figure.start
        remaining = start > 0 and tokens[start - 1].norm == "remaining"  # "the remaining four"
        if (previous[0] == paragraph or remaining) and not _toll_of_an_event(tokens, start):
            reading = reading._replace(victim=previous[1])  # "Nine more were wounded."
    if (
        previous
        and previous[1] in FOREIGN_FORCES
        and index - previous[3] <= 1
        and reading.victim in ("afghan_forces", "unspecified")
        and unqualified_military(tokens, reading.phrase)
    ):  # "A U.S. service member was killed. Another service member was wounded."
        reading = reading._replace(victim=previous[1])
    if reading.outcome == SAME:  # "531 were blamed on pro-government forces"
        if not (reading.bare and previous and index - previous[3] <= 1):
            return None
        reading = reading._replace(victim=previous[1], outcome=previous[2])
    if reading.counted and reading.victim == "unspecified" and index:
        after = reading.phrase.end
        among = after < len(tokens) and tokens[after].norm in ("among", "in", "of")
        before = {t.norm for k in (index - 1, index - 2) if k >= 0 for t in context.tokens(k)}
        if not among and CIVILIAN_WORDS & before:
            reading = reading._replace(victim="civilians")  # "... 62 deaths"
    return reading


def _figure_text(text: str, tokens: list[Token], reading: Reading) -> str:
    fig = reading.figure
    if reading.zero:
        words = [t.norm for t in tokens[fig.start : reading.phrase.start]]
        if "any" in words:
            return "any"
        if fig.end - fig.start == 1 and tokens[fig.start].norm == "no":
            return text[tokens[fig.start].start : tokens[fig.start].end]
        return "no"  # "didn't succeed in killing civilians": a count of zero, said as "no"
    phrase = text[tokens[fig.start].start : tokens[fig.end - 1].end]
    if fig.qualifier == "vague" and not _readable(phrase):
        return tokens[fig.start].text  # "dozens upon dozens": the word clean knows, "dozens"
    return phrase


def _readable(phrase: str) -> bool:
    try:
        parse_figure(phrase)
    except ValueError:
        return False
    return True


def _speaker_nation(claimant_text: str) -> str | None:
    """ "the British Ministry of Defence": a NATO state other than the U.S. speaks of its
    own soldiers (coalition_forces); None for any other speaker."""
    words = tuple(t.norm for t in tokenize(claimant_text))
    group = modifier_group(words)
    if group == "coalition_forces" or COALITION_SPEAKER & set(words):
        return "coalition_forces"
    return None


def attackers_group(text: str, paras: list[tuple[int, int]], span: Span) -> str | None:
    """The victim group of attackers: the armed group named last in their paragraph before
    the end of the sentence, else first in the lead; None when none is named, or when the
    text says it denied the attack or that nobody claimed it."""
    scopes = []
    if 0 <= span.paragraph < len(paras):
        scopes.append((paras[span.paragraph][0], span.end, -1))
    if paras:
        scopes.append((paras[0][0], paras[0][1], 0))
    for start, end, pick in scopes:
        found = list(PERPETRATORS.finditer(text, start, end))
        if found:
            if NOT_BLAMED.search(text, start, end):
                return None
            name = found[pick].group(1).lower()
            return "taliban" if name == "taliban" else "other_militants"
    return None


def _row(article, text, tokens, span, index, reading, attributor, place, dates, paras) -> dict:
    fig = reading.figure
    figure_start = tokens[fig.start].start
    figure_text = _figure_text(text, tokens, reading)
    if reading.zero:
        value, qualifier = 0, "exact"
    elif fig.qualifier == "vague":
        value, qualifier = None, "vague"
    else:
        value, qualifier = fig.value, fig.qualifier  # as casualties.figures reads figure_text
    phrase = reading.inherited_from or reading.phrase
    if phrase.head is not None and phrase.end > phrase.start:
        victim_text = text[tokens[phrase.start].start : tokens[phrase.end - 1].end]
    else:
        victim_text = ""
    claimant_text, claimant = attributor.claimant(index, figure_start)
    victim = reading.victim
    if victim == OUR:
        victim = OWN_SIDE.get(claimant) or classify(phrase._replace(our=False), tokens, [])
    if victim == "unspecified" and phrase.head is not None and not reading.mixed:
        head = tokens[phrase.head].norm
        if head_group(head) is None and victim_text:  # a noun our lexicon does not know
            victim = map_victim(victim_text)
    if (
        victim == "afghan_forces"
        and claimant == NATO_MILITARY
        and unqualified_military(tokens, phrase)
    ):
        victim = _speaker_nation(claimant_text) or victim  # "the UK MoD said a soldier ..."
    if victim == "unspecified" and phrase.head is not None and not reading.mixed:
        if tokens[phrase.head].norm in ATTACKERS:  # "the bomber was also killed"
            victim = attackers_group(text, paras, span) or victim
    quote = text[span.start : span.end]
    if text[span.start : span.end] != quote:  # pragma: no cover - offsets are slices
        raise CasualtiesError(f"{article.doc_id}: quote offsets do not match the text")
    row = dict.fromkeys(CLAIM_COLUMNS, "")
    row.update(
        doc_id=article.doc_id,
        claim_id=claim_id(article.doc_id, figure_start, phrase.start, victim, reading.outcome),
        published=getattr(article, "published", "") or "",
        outlet=getattr(article, "outlet", "") or "",
        title=getattr(article, "title", "") or "",
        quote=quote,
        char_start=span.start,
        char_end=span.end,
        claimant_text=claimant_text,
        claimant=claimant,
        victim_text=victim_text,
        victim=victim,
        outcome=reading.outcome,
        figure_text=figure_text,
        value=value,
        qualifier=qualifier,
        **place._asdict(),
        **dates._asdict(),
        statement_id=statement_id(article.doc_id, span.start, reading.trigger, reading.outcome),
        role=reading.role,
    )
    return row


def iter_claims(articles: Iterable[Any], stats: dict | None = None) -> Iterator[dict]:
    """Claims of every article, streamed; ``stats`` (if given) counts articles and skips."""
    for article in articles:
        if stats is not None:
            stats["articles"] = stats.get("articles", 0) + 1
            if not is_english(article):
                stats["skipped"] = stats.get("skipped", 0) + 1
        for row in extract_article(article):
            if stats is not None:
                stats["claims"] = stats.get("claims", 0) + 1
            yield row
