"""Document event frames: the date of a claim whose sentence names none.

An article reports one event in its lead ("A suicide bomber killed 12 people in Kabul on
Thursday") and then tells more of it in sentences that name no date ("22 foreign members of
the Taliban were killed and 14 arrested"). Those claims belong to the lead's event, so they
take its date; a sentence of a paragraph that already named a date takes that one (the
paragraph is about that day). Background stays apart: a sentence that places its event
elsewhere or in "a separate attack", a claim placed in another province than the lead, or a
paragraph that names another time than the lead's keeps no date of the lead.

``date_source`` records where the date came from: ``sentence``, ``paragraph``, ``lead`` (the
lead's casualty sentence), ``article`` (a lead without a date: the first casualty sentence
dated in the days before publication, "last night"), or ``publication`` (none found:
analyse then assumes the week before publication), or ``background`` (another event than
the lead's: elsewhere, separately, another province or time; no date, and never in the
incident of its own article's lead). The lead's
phrase is kept in ``date_text`` so the reader sees what the text said. Rules read
``data/reference/extract/frames.yaml``.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cache

import yaml

from casualties.clauses import clause_bounds
from casualties.errors import CasualtiesError
from casualties.extract.outcomes import PREFILTER
from casualties.extract.places import ELSEWHERE_RE, FOREIGN_RE, PlaceRow
from casualties.extract.sentences import Span
from casualties.extract.when import (
    EMPTY,
    DatedPhrase,
    DateRow,
    date_row,
    figure_phrases,
    redundant_weekdays,
    sentence_phrases,
)
from casualties.figures import NUMBER_UNITS
from casualties.paths import REFERENCE

FRAMES_PATH = REFERENCE / "extract" / "frames.yaml"
DIED = re.compile(r"\b(?:died|passed away)\b", re.IGNORECASE)


@dataclass(frozen=True)
class FrameRules:
    lead_paragraphs: int  # the lead: the article's first paragraphs
    lead_max_days: int  # a lead date is one event: a period of at most this many days
    other_time_days: int  # a paragraph date this far from the lead's is another event
    separate: re.Pattern  # "in a separate attack": another event
    aftermath: re.Pattern  # "carried the bodies ... on Thursday": not the event's day
    dying: re.Pattern  # "the three patients ... died on Sunday night": a later death
    event: re.Pattern  # "special forces raided the village late on January 14"
    that_event: re.Pattern  # "that attack": the event the sentence before told of
    told_event: re.Pattern  # " the attack" right after "two days after": that event
    named_event: re.Pattern  # "the wrestling club bombing": an event named by its site
    generic: frozenset[str]  # words of such a name that name no one event ("suicide")
    #: per kind of event: "the strike" (a reference to one) and the words naming that kind
    kinds: tuple[tuple[re.Pattern, re.Pattern], ...]


@cache
def frame_rules() -> FrameRules:
    try:
        with open(FRAMES_PATH, encoding="utf-8") as handle:
            raw = yaml.safe_load(handle)

        def words(key: str) -> re.Pattern:
            alternation = "|".join(f"(?:{w})" for w in raw[key])
            return re.compile(rf"\b(?:{alternation})\b", re.IGNORECASE)

        return FrameRules(
            int(raw["lead_paragraphs"]),
            int(raw["lead_max_days"]),
            int(raw["other_time_days"]),
            words("separate_event"),
            words("aftermath"),
            re.compile(raw["aftermath_dying"], re.IGNORECASE),
            words("event_words"),
            re.compile(rf"\bthat (?:{'|'.join(raw['event_nouns'])})\b", re.IGNORECASE),
            re.compile(rf"\s+(?:the|this|that) (?:{'|'.join(raw['event_nouns'])})\b", re.I),
            re.compile(
                rf"\b(?:the|that) ((?:[a-z-]+ ){{1,3}})(?:{'|'.join(raw['event_nouns'])})\b",
                re.IGNORECASE,
            ),
            frozenset(str(w) for w in raw["generic_event_words"]),
            tuple(
                (re.compile(rf"\bthe (?:{words})\b", re.I), re.compile(rf"\b(?:{words})\b", re.I))
                for words in (
                    "|".join(map(re.escape, names)) for names in raw["event_kinds"].values()
                )
            ),
        )
    except (OSError, KeyError, TypeError, ValueError, re.error, yaml.YAMLError) as error:
        raise CasualtiesError(f"{FRAMES_PATH}: cannot read the frame rules: {error}") from error


#: place sources that the text tells of the claim's own event (not the dateline, not the
#: article's first place): a claim placed so in another province than the lead is background
TOLD_PLACES = ("sentence", "paragraph", "earlier_paragraph")

#: a count of days: "a", "three", "12" (number words of the figure grammar)
_COUNT = r"(?:an?|\d{1,2}|" + "|".join(sorted(NUMBER_UNITS, key=len, reverse=True)) + ")"
#: "three days later", "a day earlier", "the next day": a day counted from the date before
RELATIVE_DAYS = re.compile(
    rf"\b(?:(?P<n>{_COUNT})\s+days?\s+(?P<way>later|afterwards?|earlier)|"
    r"the\s+(?P<next>next|following)\s+day|"
    r"the\s+(?P<before>previous)\s+day|the\s+day\s+(?P<prior>before)|"
    r"the\s+(?P<same>same)\s+(?:day|night|evening|morning|afternoon))\b",
    re.IGNORECASE,
)


def _relative_days(sentence: str) -> tuple[int, str] | None:
    """(days from the date before, the phrase) of a relative date phrase, or None."""
    match = RELATIVE_DAYS.search(sentence)
    if match is None:
        return None
    if match["same"]:
        return 0, match[0]
    if match["next"]:
        return 1, match[0]
    if match["before"] or match["prior"]:
        return -1, match[0]
    n = _count(match["n"])
    return (n if match["way"].lower() != "earlier" else -n), match[0]


#: "the attack came twelve days after a car bombing killed 12": that bombing's day
DAYS_AFTER = re.compile(
    rf"\b(?P<n>{_COUNT})\s+(?P<unit>days?|weeks?)\s+(?P<way>after|before)\b", re.IGNORECASE
)


def _count(word: str) -> int:
    word = word.lower()
    return 1 if word in ("a", "an") else int(word) if word.isdigit() else NUMBER_UNITS[word]


def _background_date(sentence: str, anchor: DateRow | None) -> DateRow:
    """A background claim's row: no date, unless the sentence counts its event's day from
    the date before it ("twelve days after a car bombing killed 12")."""
    row = EMPTY._replace(date_source="background")
    if anchor is None or not anchor.date_start:
        return row
    match = DAYS_AFTER.search(sentence)
    if match is None:
        same = _relative_days(sentence)  # "in a separate attack the same night"
        if same is not None and same[0] == 0:
            return _shifted(anchor, 0, same[1])._replace(date_source="background")
        return row
    days = _count(match["n"]) * (7 if match["unit"].lower().startswith("week") else 1)
    days = -days if match["way"].lower() == "after" else days
    return _shifted(anchor, days, match[0])._replace(date_source="background")


def _shifted(anchor: DateRow, days: int, text: str) -> DateRow:
    start, end = (d + dt.timedelta(days=days) for d in _days(anchor))
    return anchor._replace(date_text=text, date_start=start.isoformat(), date_end=end.isoformat())


def _days(row: DateRow) -> tuple[dt.date, dt.date]:
    return dt.date.fromisoformat(row.date_start), dt.date.fromisoformat(row.date_end)


class DateFrames:
    """Dates of one article's sentences, own or inherited (computed once per sentence)."""

    def __init__(
        self, text: str, spans: list[Span], published: dt.date | None, dateline_end: int = 0
    ):
        self.text, self.spans, self.published = text, spans, published
        self.dateline_end = dateline_end  # a date in the dateline dates the report
        self.rules = frame_rules()
        self._own: dict[int, DateRow] = {}
        self._phrases: dict[int, list[DatedPhrase]] = {}
        self._lead: tuple[int, DateRow] | None = None
        self._by_paragraph: dict[int, list[int]] | None = None
        # Memos that keep a claim's look-up independent of its paragraph's length: the
        # nearest dated sentence at or before each sentence of its paragraph (-1: none),
        # and per paragraph whether it names another time than the lead's.
        self._nearest: dict[int, int] = {}
        self._other: dict[int, bool] = {}

    def phrases(self, index: int) -> list[DatedPhrase]:
        """The sentence's date phrases but those of the dateline and of the aftermath
        ("villagers carried the bodies to Jalalabad on Thursday" dates no killing)."""
        found = self._phrases.get(index)
        if found is None:
            span = self.spans[index]
            sentence = self.text[span.start : span.end]
            found = sentence_phrases(sentence, self.published)
            skip = self.dateline_end - span.start  # "KABUL, 5 December 2017 - UNAMA ..."
            found = [p for p in found if p.start >= skip and not self._aftermath(sentence, p)]
            found = self._phrases[index] = redundant_weekdays(found)
        return found

    def _aftermath(self, sentence: str, phrase: DatedPhrase) -> bool:
        """A phrase in a clause about the aftermath, unless it names the event's own day
        ("buried more victims of Wednesday's attack")."""
        if sentence.startswith(("'s", "’s"), phrase.end):
            return False
        start, end = clause_bounds(sentence, phrase.start)
        if self.rules.aftermath.search(sentence, start, end) is not None:
            return True
        for match in self.rules.aftermath.finditer(sentence, 0, start):
            # "carried the bodies of 10 people, among them women and children, to Lashkar
            # Gah on Thursday": no casualty word or other date between
            between = sentence[match.end() : phrase.start]
            if not PREFILTER.search(between.lower()) and not any(
                match.end() <= p.start < phrase.start for p in sentence_phrases(between, None)
            ):
                return True
        return bool(
            DIED.search(sentence, start, end) and self.rules.dying.search(sentence, 0, start)
        )

    def own(self, index: int) -> DateRow:
        """The sentence's date: all its phrases together."""
        found = self._own.get(index)
        if found is None:
            found = self._own[index] = date_row(self.phrases(index))
        return found

    def _event_date(self, index: int) -> DateRow | None:
        """The date of the event the sentence tells of, if it tells of casualties on a short
        period; None else. A date of a statement ("Trump tweeted Saturday that ... the death
        of a soldier") or an open period ("since Sunday") is not an event's date."""
        span = self.spans[index]
        sentence = self.text[span.start : span.end]
        if not PREFILTER.search(sentence.lower()) and not self.rules.event.search(sentence):
            return None
        if self._background(sentence):
            return None  # "Elsewhere, a roadside bomb killed five on January 17"
        phrases = [p for p in self.phrases(index) if not p.speech and not p.open_ended]
        if not phrases:
            return None
        row = date_row(phrases)
        start, end = _days(row)
        return row if (end - start).days < self.rules.lead_max_days else None

    def opening(self) -> int:
        """The first sentence of the lead paragraphs that tells of casualties (-1: none):
        where the article's event is placed, whichever sentence dates it."""
        for index, span in enumerate(self.spans):
            if span.paragraph >= self.rules.lead_paragraphs:
                break
            if PREFILTER.search(self.text[span.start : span.end].lower()):
                return index
        return -1

    def lead(self) -> tuple[int, DateRow]:
        """The sentence that dates the article's event, and its date (``date_source`` set).

        The first sentence of the lead paragraphs that tells of casualties on a short period
        ("killed 12 people on Thursday"): ``lead``. Failing that, the first such sentence of
        the article dated at most ``lead_max_days`` before publication ("last night", in a
        quote further down): ``article``. (-1, EMPTY) when neither exists.
        """
        if self._lead is not None:
            return self._lead
        self._lead = (-1, EMPTY)
        for index, span in enumerate(self.spans):
            if span.paragraph >= self.rules.lead_paragraphs:
                break
            row = self._event_date(index)
            if row is not None:
                self._lead = (index, row._replace(date_source="lead"))
                return self._lead
        if self.published is None:
            return self._lead
        recent = self.published - dt.timedelta(days=self.rules.lead_max_days)
        for index in range(len(self.spans)):
            row = self._event_date(index)
            if row is not None and recent <= _days(row)[0] <= self.published:
                self._lead = (index, row._replace(date_source="article"))
                return self._lead
        return self._lead

    def _nearest_dated(self, index: int) -> int:
        """The nearest sentence at or before ``index`` in its paragraph with a date phrase
        (-1: none); each sentence is looked at once per article."""
        paragraph, visited, k, found = self.spans[index].paragraph, [], index, -1
        while k >= 0 and self.spans[k].paragraph == paragraph:
            if k in self._nearest:
                found = self._nearest[k]
                break
            visited.append(k)
            if self.phrases(k):
                found = k
                break
            k -= 1
        for k in visited:
            self._nearest[k] = found if found <= k else -1
        return found

    def _other_time(self, paragraph: int, lead: DateRow) -> bool:
        """A sentence of the paragraph names a time away from the lead's ("in 2017"); the
        lead is the article's, so the answer is kept per paragraph."""
        if paragraph not in self._other:
            self._other[paragraph] = self._names_other_time(paragraph, lead)
        return self._other[paragraph]

    def _names_other_time(self, paragraph: int, lead: DateRow) -> bool:
        lead_start, lead_end = _days(lead)
        far = dt.timedelta(days=self.rules.other_time_days)
        if self._by_paragraph is None:
            self._by_paragraph = {}
            for index, span in enumerate(self.spans):
                self._by_paragraph.setdefault(span.paragraph, []).append(index)
        for index in self._by_paragraph.get(paragraph, []):
            row = self.own(index)
            if row.date_text:
                start, end = _days(row)
                if start > lead_end + far or end < lead_start - far:
                    return True
        return False

    def dates(
        self, index: int, figure: int, place: PlaceRow, lead_place: PlaceRow, end: int = -1
    ) -> DateRow:
        """The date row of the claim whose figure starts at text offset ``figure``, with
        ``date_source``; ``place`` is the claim's, ``lead_place`` the lead sentence's; ``end``
        where the claim's account ends (``own_end``, computed when not given)."""
        span = self.spans[index]
        sentence = self.text[span.start : span.end]
        after = DAYS_AFTER.search(sentence)
        if (
            after is not None
            and figure - span.start >= after.end()
            and len(sentence[: after.start()].split()) >= 2  # "Two days later, 12 were ..."
            and not self._same_event_after(sentence, after.end())  # "... after the attack"
        ):
            # "Friday's bombing came three days after a car bomber struck ..., killing 12":
            # the figure tells of the earlier event, counted from the date before "after"
            return self._days_before(index, sentence, after)
        # "Taliban overran two checkpoints, killing 11 soldiers, two days after an air strike in
        # a neighbouring district": what follows "after" tells of the other event, not this one
        sentence = self.text[span.start : end if end >= 0 else self.own_end(index, figure)]
        phrases = figure_phrases(sentence, self.phrases(index), figure - span.start)
        # "two soldiers were killed in North Waziristan on Saturday": another event than an
        # Afghan lead's
        own = "background" if self._abroad(sentence, place, lead_place) else "sentence"
        if phrases and not all(p.speech for p in phrases):
            return date_row(phrases)._replace(date_source=own)
        said = date_row(phrases)._replace(date_source=own) if phrases else None
        inherited = self._inherited(index, span, sentence, place, lead_place)
        if said is None:
            return inherited
        # a date that only dates the statement ("the NDS said in a statement on Saturday
        # that 14 were killed in the raid"): the event's own date when one was told before
        if inherited.date_start and inherited.date_end <= said.date_end:
            return inherited
        if inherited.date_source == "background":
            # "In neighbouring Helmand, ... The NDS said in a statement on April 10 that 11
            # were killed in the operation": another event than the lead's, told days later;
            # when it happened the statement does not say
            return inherited
        return said

    def own_end(self, index: int, figure: int) -> int:
        """Where the account of the claim whose figure starts at ``figure`` ends: before a
        clause "N days after ..." that follows its figure, else at the sentence's end."""
        span = self.spans[index]
        sentence = self.text[span.start : span.end]
        after = DAYS_AFTER.search(sentence, max(0, figure - span.start))
        if (
            after is None
            or len(sentence[: after.start()].split()) < 2  # "Two days after the raid, ..."
            or self._same_event_after(sentence, after.end())
        ):
            return span.end
        return span.start + after.start()

    def _days_before(self, index: int, sentence: str, after: re.Match) -> DateRow:
        later = [p for p in self.phrases(index) if p.start >= after.end() and not p.speech]
        if later and clause_bounds(sentence, later[0].start)[0] <= after.end():
            # "a day after Wednesday's airstrike, in which 11 were killed": that day
            return date_row(later[:1])._replace(date_source="background")
        before = [p for p in self.phrases(index) if p.end <= after.start() and not p.speech]
        if before:
            anchor = date_row(before)
        else:
            k = self._nearest_dated(index - 1) if index else -1
            lead_index, lead = self.lead()
            if k >= 0 and self.spans[k].paragraph == self.spans[index].paragraph:
                anchor = date_row([p for p in self.phrases(k) if not p.speech] or self.phrases(k))
            else:
                anchor = lead if 0 <= lead_index < index else None
        return _background_date(sentence[after.start() :], anchor)

    def _inherited(
        self, index: int, span: Span, sentence: str, place: PlaceRow, lead_place: PlaceRow
    ) -> DateRow:
        """The date of a claim whose sentence dates no event: its paragraph's, its lead's,
        or background."""
        none = EMPTY._replace(date_source="publication" if self.published else "")
        k = self._nearest_dated(index - 1) if index else -1
        paragraph_row = None
        if k >= 0 and self.spans[k].paragraph == span.paragraph:
            phrases = self.phrases(k)
            events = [p for p in phrases if not p.speech] or phrases
            paragraph_row = date_row(events)._replace(date_source="paragraph")
        lead_index, lead = self.lead()
        if paragraph_row is not None and self._later_scene(k, paragraph_row, lead):
            paragraph_row = None
        anchor = paragraph_row or (lead if 0 <= lead_index < index else None)
        previous = (
            self.text[self.spans[index - 1].start : self.spans[index - 1].end] if index else ""
        )
        if (
            self._abroad(sentence, place, lead_place)
            or self._background(sentence)
            or (
                # "the toll from that attack had risen", or a sentence that names neither a
                # day nor a place of its own after one about another event
                self.spans[index - 1].paragraph == span.paragraph
                and (
                    (self.rules.that_event.search(sentence) and self._background(previous))
                    or (place.place_source != "sentence" and self._other_event_told(previous))
                )
            )
        ):
            own = _background_date(sentence, anchor)
            if own.date_start:
                return own
            if paragraph_row is not None and not self._background(sentence):
                told = self.text[self.spans[k].start : self.spans[k].end]
                if self._background(told) and not DAYS_AFTER.search(told):
                    # "In a separate incident, ... attacked checkpoints early on Tuesday. Four
                    # soldiers were killed": the day the separate event's sentence named
                    return paragraph_row._replace(date_source="background")
            after = DAYS_AFTER.search(previous)  # dated as the sentence before's figures
            if index and after is not None:
                return self._days_before(index - 1, previous, after)
            return _background_date(previous, anchor)
        named = self._named_earlier(index, sentence, lead)
        if named is not None:
            return named
        relative = _relative_days(sentence)
        if relative is not None:  # "Three days later, a suicide bomber struck ..."
            if paragraph_row is None and index and self.spans[index - 1].paragraph < span.paragraph:
                # "On 22 March, a roadside bomb ... \n\n Two days later, during an attack on
                # the prison, four civilians were killed": the day the paragraph before ended on
                told = [p for p in self.phrases(index - 1) if not p.speech]
                if told:
                    return _shifted(date_row(told), *relative)
            if anchor is not None and anchor.date_start:
                return _shifted(anchor, *relative)
        if paragraph_row is not None:
            return paragraph_row
        kind = self._kind_told_earlier(index, sentence, lead)
        if kind is not None:
            return kind
        if lead_index < 0 or lead_index == index:
            return none
        background = EMPTY._replace(date_source="background")
        if (
            place.place_source in TOLD_PLACES  # not the dateline: where the reporter files
            and lead_place.province
            and place.province != lead_place.province
        ):
            return background
        if self._other_time(span.paragraph, lead):
            return background
        return lead

    def _later_scene(self, k: int, row: DateRow, lead: DateRow) -> bool:
        """Sentence ``k`` dates a later scene, not an event: "At the mosque on Monday, the
        walls were pocked with shrapnel" (no casualty or event word, after the lead's day)."""
        if not lead.date_start or not row.date_start:
            return False
        told = self.text[self.spans[k].start : self.spans[k].end]
        return (
            _days(row)[0] > _days(lead)[1]
            and not PREFILTER.search(told.lower())
            and not self.rules.event.search(told)
        )

    def _named_earlier(self, index: int, sentence: str, lead: DateRow) -> DateRow | None:
        """ "bringing the toll from the wrestling club bombing to 27": an event named by
        words of an earlier sentence that dated another event than the lead's ("On Wednesday,
        two blasts at a wrestling club killed ...") is that event."""
        for match in self.rules.named_event.finditer(sentence):
            words = set(match[1].lower().split()) - self.rules.generic
            if not words or not lead.date_start:
                continue
            for k in range(index - 1, -1, -1):
                earlier = set(
                    re.findall(
                        r"[a-z-]+", self.text[self.spans[k].start : self.spans[k].end].lower()
                    )
                )
                if not words <= earlier:
                    continue
                row = self._event_date(k)
                if row is None or _days(row) == _days(lead):
                    break
                return row._replace(date_source="background")
        return None

    def _kind_told_earlier(self, index: int, sentence: str, lead: DateRow) -> DateRow | None:
        """ "The strike killed 12 Taliban" after "the US said it had carried out a strike in
        Khogyani on Sunday night", in an article whose lead tells of Tuesday's checkpoint
        assault: the nearest earlier sentence that names that kind of event dates it."""
        lead_index, _ = self.lead()
        if not lead.date_start or lead_index < 0 or lead_index >= index:
            return None
        span = self.spans[lead_index]
        told = self.text[span.start : self.own_end(lead_index, span.start)]
        for reference, names in self.rules.kinds:
            if not reference.search(sentence) or names.search(told):
                continue
            for k in range(index - 1, lead_index, -1):
                if not names.search(self.text[self.spans[k].start : self.spans[k].end]):
                    continue
                row = self._event_date(k)
                if row is None or _days(row) == _days(lead):
                    return None
                return row._replace(date_source="background")
        return None

    @staticmethod
    def _abroad(sentence: str, place: PlaceRow, lead_place: PlaceRow) -> bool:
        """The sentence places its event outside Afghanistan, the article's lead inside."""
        return bool(lead_place.province and not place.province and FOREIGN_RE.search(sentence))

    def _other_event_told(self, sentence: str) -> bool:
        """The sentence tells of casualties of another event: background, and when only a
        count of days says so, casualties after it ("comes two days after an airstrike in
        Chora in which 12 were killed", not "Massoud, killed two days before 9/11, ...")."""
        if not self._background(sentence):
            return False
        if ELSEWHERE_RE.search(sentence) or FOREIGN_RE.search(sentence):
            return True
        after = DAYS_AFTER.search(sentence)
        if after is None:
            return True
        return PREFILTER.search(sentence[after.end() :].lower()) is not None

    def _background(self, sentence: str) -> bool:
        """The sentence tells of another event: elsewhere, separately, days after another
        (not "two days after the attack": that is the event the article told of)."""
        if ELSEWHERE_RE.search(sentence):
            return True
        return any(
            not self._same_event_after(sentence, m.end())
            for m in self.rules.separate.finditer(sentence)
        )

    def _same_event_after(self, sentence: str, end: int) -> bool:
        """ "... days after the attack": what follows names the event already told of."""
        return self.rules.told_event.match(sentence, end) is not None
