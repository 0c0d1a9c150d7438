"""Resolve the claimant of a claim from the attribution clauses of its article."""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterable

from casualties import vocabulary
from casualties.aliases import map_claimant
from casualties.extract.claimants import (
    ARMED,
    HOME_GOVERNMENT,
    MEDIA,
    Clause,
    _inside,
    anaphora_kind,
    has_speech,
    lexicon_claimant,
    map_claimant_text,
    overlaps,
    quote_spans,
    sentence_clauses,
)
from casualties.extract.sentences import Span
from casualties.extract.speakers import foreign_government, home_state, speaker_kind
from casualties.extract.tokens import Token, lexicon, tokenize, word_regex, word_set

#: Personal pronouns of a speaker; hospitals, and words of a government hospital ("the
#: provincial hospital", "public health"); titles that continue an earlier speaker; names of
#: armed groups other than the Taliban: data/reference/extract/claimants.yaml.
PRONOUNS = word_set("claimants", "pronouns")
HOSPITAL = word_regex("claimants", "hospital_words")
GOVERNMENT = word_regex("claimants", "government_hospital_words")
GENERIC_SPEAKERS = word_set("claimants", "generic_speakers")
OTHER_GROUPS = tuple(lexicon("claimants")["other_group_names"])
#: A concessive aside of the writer ends reported speech: "..., even though nine died".
CONCESSIVE = re.compile(r"\b(?:even though|although|though)\b", re.IGNORECASE)


#: Claimants an outlet can be when it is an organisation publishing its own statements.
PUBLISHERS = vocabulary.publishers()


def publisher_claimant(outlet: str) -> str:
    """The claimant of an article's outlet when it is not a news medium (a press release of
    "U.S. Department of Defense", "UNAMA", "NATO Resolute Support"), else ``media``. Only
    the shared alias table decides: a lexicon word ("Monitor") must not make a paper a
    source."""
    mapped = map_claimant(outlet) if outlet.strip() else MEDIA
    return mapped if mapped in PUBLISHERS else MEDIA


class Attributor:
    """Attribution clauses of one article, found once, asked per claim."""

    def __init__(
        self,
        text: str,
        sentences: list[Span],
        paragraphs: list[tuple[int, int]],
        tokens_of: Callable[[int], list[Token]] | None = None,
        outlet: str = "",
    ):
        self.text = text
        #: Who speaks when nobody is named: the outlet (``media``), or the organisation
        #: whose press release the article is ("U.S. Department of Defense", "UNAMA").
        self.default = (outlet, publisher_claimant(outlet)) if outlet else ("", MEDIA)
        self.sentences = sentences
        self.quotes = [quote_spans(text, a, b) for a, b in paragraphs]
        self.starts = [span.start for span in sentences]
        tokens_of = tokens_of or (
            lambda n: tokenize(text[sentences[n].start : sentences[n].end], sentences[n].start)
        )
        self.tokens_of = tokens_of
        self.paragraph_count = len(paragraphs)
        self._by_paragraph: dict[int, list[Clause]] = {}
        # Per paragraph, the clauses' positions (sorted): ``before`` bisects them; per
        # sentence, its clauses. Both keep each claim's look-up independent of the length
        # of its paragraph, so extraction stays linear in it.
        self._positions: dict[int, list[int]] = {}
        self._by_sentence: dict[int, list[Clause]] = {}
        self._armed: dict[str, list[int]] = {}
        self.in_paragraph: dict[int, list[int]] = {}
        for number, span in enumerate(sentences):
            self.in_paragraph.setdefault(span.paragraph, []).append(number)
        self._resolved: dict[int, tuple[str, str]] = {}
        self._home: str | None | bool = False

    @property
    def home(self) -> str | None:
        """The state the article is about (for foreign governments as claimants)."""
        if self._home is False:
            self._home = home_state(self.text)
        return self._home

    # -- clauses, found per paragraph when first asked for ----------------------------
    def paragraph_clauses(self, paragraph: int) -> list[Clause]:
        if paragraph < 0:
            return []
        found = self._by_paragraph.get(paragraph)
        if found is None:
            found = []
            for number in self.in_paragraph.get(paragraph, ()):
                span = self.sentences[number]
                if has_speech(self.text[span.start : span.end]):
                    found.extend(
                        sentence_clauses(
                            self.text,
                            self.tokens_of(number),
                            self.quotes[paragraph],
                            number,
                            paragraph,
                        )
                    )
            self._by_paragraph[paragraph] = found
            self._positions[paragraph] = [clause.pos for clause in found]
            for clause in found:
                self._by_sentence.setdefault(clause.sentence, []).append(clause)
        return found

    def sentence_clauses(self, sentence: int) -> list[Clause]:
        """The clauses of one sentence (its paragraph's found first if need be)."""
        if not 0 <= sentence < len(self.sentences):
            return []
        self.paragraph_clauses(self.sentences[sentence].paragraph)
        return self._by_sentence.get(sentence, [])

    def before(self, pos: int):
        """Clauses before char ``pos``, nearest first (earlier paragraphs found lazily)."""
        number = self._sentence_at(pos)
        paragraph = self.sentences[number].paragraph if number >= 0 else self.paragraph_count - 1
        first = True
        while paragraph >= 0:
            clauses = self.paragraph_clauses(paragraph)
            # Within pos's own paragraph only the clauses before pos (a bisection).
            upto = bisect.bisect_left(self._positions[paragraph], pos) if first else len(clauses)
            yield from _reversed(clauses, upto)
            first = False
            paragraph -= 1

    # -- speakers ----------------------------------------------------------------------
    def _named(self, clause: Clause) -> tuple[str, str]:
        """(text, claimant) of a clause, resolving pronouns and bare surnames."""
        if clause.pos in self._resolved:
            return self._resolved[clause.pos]
        phrase = self.text[clause.start : clause.end]
        claimant = clause.claimant
        words = phrase.lower().split()
        earlier = (c for c in self.before(clause.pos) if not c.elided)
        kind = anaphora_kind(phrase)
        if kind is not None:
            claimant = self._antecedent(kind, earlier, clause.end)
            if claimant == "unknown" and kind in ("named", "group"):
                claimant = clause.claimant
            if claimant == "unknown":  # no antecedent: the paragraph's last speaker, else media
                claimant = self._continued(clause)[1]
            claimant = self._refine(phrase, claimant, clause.start)
            self._resolved[clause.pos] = (phrase, claimant)
            return phrase, claimant
        if words and words[0] in PRONOUNS and len(words) == 1:
            found = self._pronoun_antecedent(words[0], earlier)
            if found is not None:
                claimant = self._named(found)[1]
                claimant = self._refine(phrase, claimant, clause.start)
                self._resolved[clause.pos] = (phrase, claimant)
                return phrase, claimant
            earlier = (c for c in self.before(clause.pos) if not c.elided)
        if claimant == "unknown" or (words and words[0] in PRONOUNS):
            for previous in earlier:
                previous_text = self.text[previous.start : previous.end]
                if previous_text.lower().split()[:1] and previous_text.lower().split()[0] in (
                    PRONOUNS
                ):
                    if words and words[0] in PRONOUNS:
                        continue
                surname = phrase.split()[-1].strip(",.") if phrase.split() else ""
                if words and words[0] in PRONOUNS:
                    claimant = self._named(previous)[1]
                    break
                if surname and surname in previous_text:
                    claimant = self._named(previous)[1]
                    break
                if words and words[-1] in GENERIC_SPEAKERS and (words[-1] in previous_text.lower()):
                    claimant = self._named(previous)[1]
                    break
        if claimant == "unknown" and words and words[0] not in PRONOUNS:
            claimant = MEDIA  # a person with no affiliation: a witness, a resident, a survivor
        claimant = self._refine(phrase, claimant, clause.start)
        self._resolved[clause.pos] = (phrase, claimant)
        return phrase, claimant

    def _pronoun_antecedent(self, pronoun: str, earlier: Iterable[Clause]) -> Clause | None:
        """The nearest earlier speaker that agrees with the pronoun: "he" a person, "it" an
        organisation, "they" a group or an organisation (None: no speaker agrees)."""
        wanted = {"he": "person", "she": "person", "i": "person", "it": "organisation"}.get(
            pronoun, "plural"
        )
        for n, previous in enumerate(earlier):
            if n >= 40:
                break
            text = self.text[previous.start : previous.end]
            kind = speaker_kind(text)
            if kind is None:
                continue  # another pronoun: its own antecedent is further back
            if kind == wanted or (wanted == "plural" and kind == "organisation"):
                return previous
        return None

    def _refine(self, phrase: str, claimant: str, pos: int) -> str:
        """Foreign governments (``unknown``) and hospitals run by charities (``ngo``)."""
        claimant = foreign_government(phrase, claimant, lambda: self.home)
        if (
            claimant == HOME_GOVERNMENT
            and HOSPITAL.search(phrase)
            and not GOVERNMENT.search(phrase)
        ):
            claimant = self._hospital(pos, claimant)
        return claimant

    def _hospital(self, pos: int, claimant: str) -> str:
        """ "a doctor at the hospital" after "taken to the MSF hospital": the charity's."""
        for match in reversed(list(HOSPITAL.finditer(self.text, max(0, pos - 3000), pos))):
            window = self.text[max(0, match.start() - 60) : match.end() + 60]
            if lexicon_claimant(window) == "ngo":
                return "ngo"
            return claimant
        return claimant

    def _antecedent(self, kind: str, earlier: Iterable[Clause], pos: int) -> str:
        """ "the report" -> the last source that is not the outlet; "the group" -> the last
        armed group that spoke, else the armed group the article names most."""
        wanted = ARMED if kind == "group" else None
        noun = self.text[:pos].rsplit(None, 1)[-1].lower() if kind == "named" else ""
        for previous in earlier:
            if kind == "named":
                text = self.text[previous.start : previous.end].lower()
                if noun.rstrip("s") in text and not anaphora_kind(text):
                    return self._named(previous)[1]
                continue
            if anaphora_kind(self.text[previous.start : previous.end]):
                continue
            claimant = self._named(previous)[1]
            if wanted is None and claimant not in (MEDIA, "unknown"):
                return claimant
            if wanted is not None and claimant in wanted:
                return claimant
        if kind == "group":
            taliban = self._mentions_before("taliban", pos)
            others = sum(self._mentions_before(w, pos) for w in OTHER_GROUPS)
            if taliban or others:
                return "taliban" if taliban >= others else "other_armed_group"
        if kind == "named":
            return self._named_in_text(noun, pos)
        return MEDIA if kind == "report" else "unknown"

    def _mentions_before(self, word: str, pos: int) -> int:
        """How often ``word`` (any case) ends before char ``pos``: its positions are found
        once per article, so asking per claim does not rescan the text before it."""
        if word not in self._armed:
            pattern = re.compile(re.escape(word), re.IGNORECASE)
            self._armed[word] = [match.end() for match in pattern.finditer(self.text)]
        return bisect.bisect_right(self._armed[word], pos)

    def _named_in_text(self, noun: str, pos: int) -> str:
        """ "The mission said" after "the United Nations Assistance Mission in Afghanistan
        (UNAMA)" was named without speaking: the claimant of that earlier mention."""
        start = max(0, pos - 4000)
        pattern = re.compile(rf"\b{re.escape(noun.rstrip('s'))}s?\b", re.IGNORECASE)
        mentions = list(pattern.finditer(self.text, start, pos))[:-1]  # not the clause itself
        for match in reversed(mentions[-8:]):
            window = self.text[max(start, match.start() - 60) : match.end() + 20]
            claimant = map_claimant_text(window.split(".\n")[-1])
            if claimant not in ("unknown", MEDIA):
                return claimant
        return "unknown"

    def _continued(self, clause: Clause) -> tuple[str, str]:
        """An elided subject continues the last speaker of the paragraph (else article)."""
        for previous in self.before(clause.pos):
            if not previous.elided:
                return self._named(previous)
        return self.default  # the outlet, or the organisation whose release this is

    def _from(self, clause: Clause) -> tuple[str, str]:
        return self._continued(clause) if clause.elided else self._named(clause)

    # -- claims ------------------------------------------------------------------------
    def claimant(self, sentence: int, pos: int) -> tuple[str, str]:
        """(claimant_text, claimant) of a claim whose figure is at char ``pos``."""
        span = self.sentences[sentence]
        quote = _inside(pos, self.quotes[span.paragraph])
        if quote is not None:
            found = self._quote_speaker(quote, span.paragraph)
            if found is not None:
                return found
        own = [c for c in self.sentence_clauses(sentence) if not _inside(c.pos, [quote or (0, 0)])]
        if own:
            before = [
                c for c in own if c.pos <= pos and not CONCESSIVE.search(self.text, c.pos, pos)
            ]
            after = [c for c in own if c.pos > pos]
            if before or after:
                return self._from(before[-1] if before else after[0])
        if sentence and not has_speech(self.text[span.start : span.end]):
            # "In another report released by UNAMA, ... At least 305 civilians were killed"
            previous = [c for c in self.sentence_clauses(sentence - 1) if c.report]
            if previous:
                return self._from(previous[-1])
        if self.default[1] != MEDIA:
            return self.default
        return "", MEDIA

    def _quote_speaker(self, quote: tuple[int, int], paragraph: int) -> tuple[str, str] | None:
        same = self.paragraph_clauses(paragraph)
        found = self._quote_speaker_direct(quote, paragraph)
        if found is not None:
            return found
        quotes = self.quotes[paragraph]
        index = bisect.bisect_left(quotes, quote)
        for other in quotes[index + 1 :] + quotes[:index][::-1]:
            if other == quote:
                continue
            found = self._quote_speaker_direct(other, paragraph)
            if found is not None:
                return found
        earlier = bisect.bisect_left(self._positions[paragraph], quote[0])
        if earlier:  # a quotation continuing the paragraph's last speaker
            return self._from(same[earlier - 1])
        if index == 0 and quote[0] == self._paragraph_start(paragraph):
            earlier = self.paragraph_clauses(paragraph - 1)
            if earlier:
                return self._from(earlier[-1])
        return None

    def _quote_speaker_direct(
        self, quote: tuple[int, int], paragraph: int
    ) -> tuple[str, str] | None:
        """The speaker attributed to ``quote`` itself: after it, before it in its sentence,
        or in the next sentence when that one holds no quotation."""
        end_sentence = self._sentence_at(quote[1] - 1)
        start_sentence = self._sentence_at(quote[0])

        def of(sentence: int) -> list[Clause]:  # the sentence's clauses in this paragraph
            return [c for c in self.sentence_clauses(sentence) if c.paragraph == paragraph]

        after = [c for c in of(end_sentence) if c.pos >= quote[1]]
        if after:
            return self._from(after[0])
        before = [c for c in of(start_sentence) if c.pos < quote[0]]
        if before:
            return self._from(before[-1])
        following = of(end_sentence + 1)
        if following and not overlaps(
            self.quotes[paragraph],
            self.sentences[end_sentence + 1].start,
            self.sentences[end_sentence + 1].end,
        ):
            return self._from(following[0])
        return None

    def _sentence_at(self, pos: int) -> int:
        number = bisect.bisect_right(self.starts, pos) - 1
        if number >= 0 and pos < self.sentences[number].end:
            return number
        return -1

    def _paragraph_start(self, paragraph: int) -> int:
        numbers = self.in_paragraph.get(paragraph)
        return self.sentences[numbers[0]].start if numbers else -1


def _reversed(items: list, upto: int):
    """``items[:upto]`` nearest first, without copying the list."""
    for index in range(upto - 1, -1, -1):
        yield items[index]
