"""Where a claim happened: the sentence's place, else its paragraph's, else one named in the
few paragraphs before, else the dateline's, else the article's first place; none when the
sentence says it happened elsewhere without naming where.

Provinces and districts come from ``casualties.gazetteer`` (every spelling variant it knows).
A district name found in two provinces (Baharak) is resolved by a province named in the
paragraph or, failing that, anywhere in the article.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import replace
from typing import NamedTuple

from casualties.extract.sentences import Span
from casualties.extract.tokens import alternation, lexicon
from casualties.gazetteer import gazetteer

#: "HERAT —", "KABUL, Afghanistan (AP) —", "BEIRUT (AFP) -", "GHAZNI CITY (Pajhwok):".
DATELINE_RE = re.compile(
    r"^\s*([A-Z][A-Za-z'\- ]{1,30}?)\s*(?:,[^—–\n]{1,40}?)?\s*(?:\([A-Za-z]+\)\s*)?"
    r"(?:[—–]|-\s|:\s)"
)


def _any(key: str) -> str:
    """The patterns ``key`` of data/reference/extract/places.yaml as one alternation."""
    return alternation("places", key)


#: A sentence that places its event away from the places around it without naming where
#: ("in a neighbouring province", "elsewhere") or outside Afghanistan ("in North
#: Waziristan", "Pakistan's Kurram district", FOREIGN_RE): it must not inherit their place.
ELSEWHERE_RE = re.compile(
    rf"\b(?:in|of|to) (?:a |an |the )?(?:{_any('elsewhere_modifiers')}) "
    rf"(?:{_any('settlement_nouns')})\b|\b(?:{_any('elsewhere_words')})\b",
    re.IGNORECASE,
)
COUNTRY_PARTS = {str(k): tuple(v) for k, v in lexicon("places")["country_parts"].items()}
COUNTRY_PART_RE = re.compile(
    r"\b(?P<part>(?:north|south)-?(?:east|west)?(?:ern)?|east(?:ern)?|west(?:ern)?) "
    r"(?:afghanistan|afghan (?:province|city|town|district))\b"
    r"|\b(?:the |afghanistan's |the country's )(?P<of>(?:north|south)-?(?:east|west)?|east|west)"
    r"(?: of (?:the country|afghanistan))?\b(?! of (?!the country|afghanistan))",
    re.IGNORECASE,
)
EVENT_NAMED_AFTER = re.compile(rf"(?:'s|’s)?\s+(?:{_any('named_event_nouns')})\b", re.I)
CITY_OF_BEFORE = re.compile(r"\bcity of $", re.IGNORECASE)
NATIONWIDE_RE = re.compile(rf"\b(?:{_any('nationwide')})\b", re.IGNORECASE)
#: "in North Waziristan", "Pakistan's Kurram district": a place outside Afghanistan (where
#: no Afghan place is named beside it, the sentence tells of another event)
FOREIGN_RE = re.compile(
    rf"\b(?:in|inside|near|across the border in) (?:the )?(?:{_any('foreign_places')})\b"
    rf"|\b(?:{_any('foreign_places')})(?:'s|’s)",
    re.IGNORECASE,
)
#: "taken to hospitals in Kabul", "Lashkar Gah's main hospital", "Herat regional hospital":
#: where the wounded are treated, not where the event happened.
HOSPITAL_BEFORE = re.compile(
    rf"\b(?:(?:{_any('hospital_nouns')}) (?:in|of|at)|(?:{_any('transfer_verbs')}) to"
    rf"|(?:{_any('origin_verbs')}) (?:in )?from(?: [\w-]+,?(?: and| or)?)?) "
    r"(?:the )?(?:city of )?$"
    # "carried the bodies ... to the Helmand provincial capital Lashkar Gah"
    r"|\bto (?:the )?(?:[\w-]+ )?provincial (?:capital|centre|center),? (?:city of )?$"
    # where the bodies were brought: "carried the bodies of 16 people to the governor's
    # office in the northern Afghan city of Kunduz"
    r"|\bto (?:the )?(?:[\w-]+['’]s )?(?:office|compound|headquarters|palace|gates?) (?:in|of) "
    r"(?:the )?(?:[\w-]+ ){0,3}?(?:city of )?$"
    # where they protested afterwards: "protested in the provincial capital, Lashkar Gah"
    r"|\b(?:protest(?:ed|ing)?|demonstrat(?:ed|ing)|rallied) (?:in|outside) (?:the )?"
    r"(?:[\w-]+ )?(?:(?:provincial )?(?:capital|centre|center|city),? )?(?:city of )?$",
    re.IGNORECASE,
)
HOSPITAL_AFTER = re.compile(
    rf"(?:'s|’s)?\s+(?:(?:{_any('hospital_modifiers')})\s+)*(?:{_any('hospital_nouns')})\b",
    re.IGNORECASE,
)


#: "officials in Jalalabad say", "according to Nangarhar police", "Kandahar's governor
#: said": where the speaker is, often the provincial centre, not where the event happened.
SPEAKER_BEFORE = re.compile(
    rf"\b(?:{_any('speaker_nouns')}) (?:in|from) (?:the )?(?:city of )?$", re.IGNORECASE
)
SPEAKER_AFTER = re.compile(
    rf"(?:'s|’s)?\s+(?:provincial\s+)?(?:{_any('institution_nouns')})\b"
    rf"(?!'?s?\s+(?:{_any('institution_buildings')})\b)",
    re.IGNORECASE,
)


#: "north of Tirinkot", "20 kilometres south of the city of Ghazni": a reference point
DIRECTION_BEFORE = re.compile(  # not "in the east of Kabul city": that is inside it
    rf"(?:(?<!the )\b(?:{_any('direction_words')}) of|\b(?:{_any('road_link_words')})) "
    r"(?:the )?(?:(?:provincial )?(?:city|capital|town) of |capital,? )?$",
    re.IGNORECASE,
)

#: "the Maiwand wrestling club", "Jalalabad Road", "Kandahar airport": a name of a venue
#: or road, which may be far from the place it is named after (both roads are in Kabul).
VENUE_AFTER = re.compile(
    rf"(?:'s|’s)?(?:\s?[-–]\s?(?-i:[A-Z])[\w'-]*)*"  # "Herat-Kandahar highway"
    rf"\s+(?:(?:{_any('venue_modifiers')})\s+)?(?:{_any('venue_nouns')})s?\b",
    re.IGNORECASE,
)


#: "Col. Amanullah Zadran", "Haji Mangal": a titled person's name, not the district
PERSON_BEFORE = re.compile(
    rf"\b(?:{alternation('names', 'titles')})\.?"
    r"(?:\s+[A-Z][\w'-]+){0,2}\s+$",
    re.IGNORECASE,
)


def _distinct(mentions: list) -> bool:
    """The mentions name two places, not a place and the province it lies in."""
    provinces = {m[2].place.province for m in mentions if m[2].place.province}
    districts = {m[2].place.district for m in mentions if m[2].place.district}
    return len(provinces) > 1 or len(districts) > 1


def _figure_mention(inside: list, figure: int, figures: tuple[int, ...]):
    """Of a sentence's distinct places, the one of this figure: the nearest before it when
    the sentence names a place before its first figure ("in Deh Yak killed 13 ... in Andar
    killed eight"), else the nearest after it ("killed 13 in Deh Yak and eight in Andar");
    None when the sentence names one place (or one within another)."""
    if figure < 0 or not _distinct(inside):
        return None
    if inside[0][0] < min(figures):
        before = [m for m in inside if m[1] <= figure]
        return before[-1] if before else None
    after = [m for m in inside if m[0] >= figure]
    return after[0] if after else None


class PlaceRow(NamedTuple):
    place_text: str = ""
    province: str = ""
    province_pcode: str = ""
    district: str = ""
    district_pcode: str = ""
    #: where the place was read: sentence, paragraph, earlier_paragraph, dateline, article
    place_source: str = ""


EMPTY = PlaceRow()
#: How many paragraphs back a claim without a place of its own looks for one.
LOOK_BACK = 3

#: a capitalised word right before a place name, inside a sentence ("Farid Ahmad Shinwari")
GIVEN_NAME_BEFORE = re.compile(r"(?:(?<=[\w,.!?\"“] )|(?<=\n)|^)(?P<word>[A-Z][a-z]+)\s$")
#: what follows a speaker's name: "..., a member of", "..., the governor's spokesman", "said"
SPEAKER_NAME_AFTER = re.compile(r",\s+(?:a|an|the|who)\b|\s+(?:said|says|told|added)\b")
#: the end of a quote before a name, and a verb of speech after it: '... women," Shinwari told
#: Xinhua' (a surname: a place does not speak after a quote)
QUOTE_END_BEFORE = re.compile(r"[,.!?][\"”’]\s+$")
SPEECH_AFTER = re.compile(r"\s+(?:said|says|told|tells|added)\b")
#: capitalised words before a place that are no given name ("Eastern Nangarhar")
NOT_GIVEN = frozenset(
    [
        "the",
        "in",
        "at",
        "on",
        "of",
        "from",
        "near",
        "and",
        "afghan",
        "taliban",
        "police",
        "district",
        "province",
        "city",
    ]
    + [str(w) for w in lexicon("places")["direction_words"]]
)


class PlaceFinder:
    """Places of one article, looked up lazily per paragraph."""

    def __init__(self, text: str, paragraphs: list[tuple[int, int]]):
        self.text = text
        self.paragraphs = paragraphs
        self.gazetteer = gazetteer()
        self._mentions: dict[int, list] = {}
        # Per paragraph: its mentions' starts, and for each mention the index of the last
        # unambiguous district / district at or before it (-1: none), so that a claim finds
        # the place before it by bisection instead of scanning the paragraph (linear time).
        self._starts: dict[int, list[int]] = {}
        self._last: dict[int, tuple[list[int], list[int]]] = {}
        self._article_provinces: list[str] | None = None
        self._dateline: PlaceRow | None = None
        self._speakers: dict[int, list] = {}  # per paragraph: where speakers are, venue names

    def _in_paragraph(self, number: int) -> list:
        """Places the paragraph names as where something happened: not the dateline (where
        the reporter files from), not the town of a hospital the wounded were taken to."""
        if number not in self._mentions:
            start, end = self.paragraphs[number]
            found = self.gazetteer.find_in_text(self.text[start:end])
            skip = self.dateline_end()
            placed = sorted(
                (
                    (m.start + start, m.end + start, self._city(m, m.start + start))
                    for m in found
                    if m.start + start >= skip
                    and not self._treated_at(m.start + start, m.end + start)
                    and not self._person(m.start + start, m.end + start)
                ),
                key=lambda mention: mention[0],
            )
            spoken = [self._spoken_from(m[0], m[1]) for m in placed]
            mentions = [m for m, weak in zip(placed, spoken, strict=True) if not weak]
            self._speakers[number] = [m for m, weak in zip(placed, spoken, strict=True) if weak]
            self._mentions[number] = mentions
            self._starts[number] = [mention[0] for mention in mentions]
            unambiguous, districts, last_u, last_d = [], [], -1, -1
            for index, (_s, _e, m) in enumerate(mentions):
                if m.place.district:
                    last_d = index
                    if not m.place.ambiguous:
                        last_u = index
                unambiguous.append(last_u)
                districts.append(last_d)
            self._last[number] = (unambiguous, districts)
        return self._mentions[number]

    def _best_before(self, paragraph: int, upto: int):
        """``_best`` of the paragraph's first ``upto`` mentions, nearest first."""
        mentions = self._mentions[paragraph]
        unambiguous, districts = self._last[paragraph]
        for chosen in (unambiguous[upto - 1], districts[upto - 1]):
            if chosen >= 0:
                return mentions[chosen]
        return mentions[upto - 1]

    def _treated_at(self, start: int, end: int) -> bool:
        before = self.text[max(0, start - 70) : start]
        after = self.text[end : end + 30]
        return bool(HOSPITAL_BEFORE.search(before) or HOSPITAL_AFTER.match(after))

    def _person(self, start: int, end: int) -> bool:
        """The name follows a title: a person's ("Col. Amanullah Zadran"); or a given name,
        and a speaker's apposition or verb follows ("Farid Ahmad Shinwari, a member of the
        provincial council", "Attaullah Khogyani said")."""
        before = self.text[max(0, start - 40) : start]
        match = PERSON_BEFORE.search(before)
        # the title itself lower case ("the governor of Kandahar") is not a person's title
        if match is not None and before[match.start()].isupper():
            return True
        if QUOTE_END_BEFORE.search(before) and SPEECH_AFTER.match(self.text, end):
            return True
        given = GIVEN_NAME_BEFORE.search(before)
        return bool(
            given
            and given["word"].lower() not in NOT_GIVEN
            and not self.gazetteer.find_in_text(given["word"])
            and SPEAKER_NAME_AFTER.match(self.text, end)
        )

    def _spoken_from(self, start: int, end: int) -> bool:
        """Where a speaker is, or a venue's name: a place for its own sentence only when
        nothing nearer names one."""
        before = self.text[max(0, start - 40) : start]
        after = self.text[end : end + 40]
        return bool(
            SPEAKER_BEFORE.search(before)
            or SPEAKER_AFTER.match(after)
            or VENUE_AFTER.match(after)
            or DIRECTION_BEFORE.search(before)
        )

    def _names_an_event(self, start: int, end: int) -> bool:
        """ "the Kabul attack": a place that names an event the sentence refers to."""
        return self.text[max(0, start - 4) : start].lower() == "the " and bool(
            EVENT_NAMED_AFTER.match(self.text, end)
        )

    def _provinces(self, paragraph: int) -> list[str]:
        own = [m.place.province for _, _, m in self._in_paragraph(paragraph) if m.place.province]
        if own:
            return own
        if self._article_provinces is None:
            found = self.gazetteer.find_in_text(self.text)
            self._article_provinces = [m.place.province for m in found if m.place.province]
        # the province told nearest before ("Kandahar Province" heading a round-up's items)
        prior = (
            self._prior_province(paragraph - 1, len(self._in_paragraph(paragraph - 1)))
            if paragraph
            else ""
        )
        return [prior, *self._article_provinces] if prior else self._article_provinces

    def _city(self, mention, start: int):
        """ "the city of Ghazni": the provincial capital (Ghazni district), not the whole
        province its name also names."""
        place = mention.place
        if place.district or not place.province_pcode:
            return mention
        if not CITY_OF_BEFORE.search(self.text, max(0, start - 20), start):
            return mention
        capital = self.gazetteer.capital_of(place.province_pcode)
        return replace(mention, place=capital) if capital is not None else mention

    def _row(self, mention, paragraph: int, source: str) -> PlaceRow:
        place = mention.place
        if place.ambiguous:
            for province in self._provinces(paragraph):
                resolved = self.gazetteer.lookup(mention.text, province)
                if resolved is not None and not resolved.ambiguous:
                    place = resolved
                    break
        return PlaceRow(
            mention.text,
            place.province or "",
            place.province_pcode or "",
            place.district or "",
            place.district_pcode or "",
            source,
        )

    @staticmethod
    def _best(mentions: list):
        """A district (the finer place) first, else the first province."""
        unambiguous = [m for m in mentions if m[2].place.district and not m[2].place.ambiguous]
        districts = [m for m in mentions if m[2].place.district]
        return (unambiguous or districts or mentions)[0]

    def place(self, span: Span, figure: int = -1, figures: tuple[int, ...] = ()) -> PlaceRow:
        """The claim's place; ``figure`` (text offset of its figure) and ``figures`` (those
        of every claim of the sentence) tell apart the places of a sentence that names
        several ("the strike in Deh Yak killed 13 and the raid in Andar killed eight")."""
        mentions = self._in_paragraph(span.paragraph)
        starts = self._starts[span.paragraph]
        first = bisect.bisect_left(starts, span.start)
        inside = mentions[first : bisect.bisect_left(starts, span.end)]
        named = [m for m in inside if not self._names_an_event(m[0], m[1])]
        if named and len(named) < len(inside):
            inside = named  # "a day after the Kabul attack, a bomb in Balkh killed 13": Balkh
        if inside:
            own = _figure_mention(inside, figure, figures) if len(figures) > 1 else None
            if own is None and len({m[2].place.province for m in inside}) > 1:
                # "the operation in Qala-e-Malik, where the commander had been planning
                # attacks in Logar and the capital Kabul": the province told before
                prior = self._prior_province(span.paragraph, first)
                own = self._best([m for m in inside if m[2].place.province == prior] or inside)
            return self._row((own or self._best(inside))[2], span.paragraph, "sentence")
        if any(
            pattern.search(self.text, span.start, span.end)
            for pattern in (ELSEWHERE_RE, FOREIGN_RE, NATIONWIDE_RE)
        ):
            return EMPTY
        reference = self._reference_point(span)
        if reference is not None:
            # "another airstrike near Tirinkot": located by a town, not in the district an
            # earlier sentence named
            return reference
        if mentions:
            best = self._coherent_before(span.paragraph, first) if first else self._best(mentions)
            return self._row(best[2], span.paragraph, "paragraph")
        for paragraph in range(span.paragraph - 1, max(-1, span.paragraph - 1 - LOOK_BACK), -1):
            earlier = self._in_paragraph(paragraph)
            if earlier:  # the incident named a little earlier in the article
                best = self._coherent_before(paragraph, len(earlier))
                return self._row(best[2], paragraph, "earlier_paragraph")
        speakers = self._speakers[span.paragraph]
        spoken = [m for m in speakers if span.start <= m[0] < span.end]
        if spoken:  # nothing nearer than where the speaker is: that place, then
            # (a reference point, "a village near Jalalabad", was taken above)
            return self._row(self._best(spoken)[2], span.paragraph, "sentence")
        dateline = self.dateline()
        if dateline != EMPTY and self._in_region(span, dateline):
            return dateline
        for paragraph in range(len(self.paragraphs)):
            found = self._in_paragraph(paragraph)
            if found:  # the article's first place
                return self._row(self._best(found)[2], paragraph, "article")
        return EMPTY

    def _in_region(self, span: Span, row: PlaceRow) -> bool:
        """The place may lie in the part of the country the sentence names, if any ("in
        northern Afghanistan": not a Kabul dateline)."""
        named = COUNTRY_PART_RE.search(self.text, span.start, span.end)
        if named is None:
            return True
        part = re.sub(r"[^a-z]", "", (named["part"] or named["of"] or "").lower())
        regions = COUNTRY_PARTS.get(part.removesuffix("ern"), ())
        return not regions or self.gazetteer.region(row.province_pcode) in regions

    def _reference_point(self, span: Span) -> PlaceRow | None:
        """The province of a place the sentence names only as a reference point ("a village
        near Jalalabad", "20 km north of Kandahar"): in its province, but which district the
        text does not tell; None when it names none."""
        for start, _, mention in self._speakers[span.paragraph]:
            if span.start <= start < span.end and DIRECTION_BEFORE.search(
                self.text[max(0, start - 40) : start]
            ):
                row = self._row(mention, span.paragraph, "sentence")
                return row._replace(district="", district_pcode="")
        return None

    def _coherent_before(self, paragraph: int, upto: int):
        """``_best_before``, but of a stretch that names two provinces, the nearest mention
        in the province told before it (the article's event, not a place named in passing)."""
        mentions = self._in_paragraph(paragraph)[:upto]
        if len({m[2].place.province for m in mentions}) > 1:
            prior = self._prior_province(paragraph, 0)
            kept = [m for m in reversed(mentions) if m[2].place.province == prior]
            if kept:
                return self._best(kept)
        return self._best_before(paragraph, upto)

    def _prior_province(self, paragraph: int, upto: int) -> str:
        """The province of the nearest place named before the paragraph's mention ``upto``
        (in it or in the paragraphs before), "" when none."""
        while paragraph >= 0:
            mentions = self._in_paragraph(paragraph)[:upto]
            for mention in reversed(mentions):
                if mention[2].place.province:
                    return mention[2].place.province
            paragraph -= 1
            upto = len(self._in_paragraph(paragraph)) if paragraph >= 0 else 0
        return ""

    def dateline_end(self) -> int:
        """Where the dateline ends (0 when the article has none)."""
        match = DATELINE_RE.match(self.text[:120])
        return match.end() if match else 0

    def dateline(self) -> PlaceRow:
        if self._dateline is None:
            self._dateline = EMPTY
            match = DATELINE_RE.match(self.text[:120])
            if match:
                place = self.gazetteer.lookup(match.group(1).strip())
                if place is not None and not place.ambiguous:
                    self._dateline = PlaceRow(
                        match.group(1).strip(),
                        place.province or "",
                        place.province_pcode or "",
                        place.district or "",
                        place.district_pcode or "",
                        "dateline",
                    )
        return self._dateline
