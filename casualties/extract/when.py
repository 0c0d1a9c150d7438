"""When a claimed event happened: date phrases of the claim's sentence, resolved against the
article's publication date with ``casualties.dates`` ("on Thursday", "since September 1",
"in the past three weeks").

A sentence with several date phrases dates each figure by the phrases that govern it: a
date that only dates a statement ("officials said on Wednesday") gives way to one that
dates the event ("killed 22 people on Tuesday night"), and of several event dates the
figure takes those of its own clause, else the nearest before it ("On Thursday, ...",
"two bombings, one on Sept. 2 and one on Sept. 5, killing ..."). A period
phrase in a later clause ("killed a soldier, even though nine others have died since June
25") does not date the figure before it. Empty when no phrase dates the figure.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import NamedTuple

from casualties.clauses import clause_bounds
from casualties.dates import find_date_phrases, resolve_date_phrase
from casualties.dates_grammar import WEEKDAYS
from casualties.extract.claimants import object_speech_verbs, speech_verbs
from casualties.extract.outcomes import PREFILTER
from casualties.months import MONTHS

#: a phrase naming more days than this is a period, not one event's date
PERIOD_DAYS = 7


class DateRow(NamedTuple):
    date_text: str = ""
    date_start: str = ""
    date_end: str = ""
    #: where the date was read: sentence, paragraph, lead, article, publication (none found)
    date_source: str = ""


EMPTY = DateRow()


class DatedPhrase(NamedTuple):
    start: int  # offsets in the sentence
    end: int
    text: str
    first: dt.date
    last: dt.date
    speech: bool  # right after a verb of speech: it dates a statement

    @property
    def open_ended(self) -> bool:
        """ "since Sunday", "from May": a period up to the report, not one event's date."""
        return self.text.lower().startswith(("since", "from"))


def published_date(published: str | None) -> dt.date | None:
    if not published:
        return None
    try:
        return dt.date.fromisoformat(str(published)[:10])
    except ValueError:
        return None


#: how many words back a verb that takes an object can date a statement from
OBJECT_REACH = 5


def _after_speech_verb(sentence: str, start: int) -> bool:
    """The phrase dates a statement: right after a verb of speech ("said on Tuesday"), or
    after a verb of speech to or about someone and its object ("told reporters on Friday",
    "accused Afghan and US forces on Tuesday of killing"), no casualty word between."""
    words = [w.strip(",\"'") for w in sentence[:start].lower().split()]
    if words and words[-1] == "on":
        words.pop()
    if words and words[-1] in speech_verbs():
        return True
    for word in reversed(words[-OBJECT_REACH:]):
        if word in object_speech_verbs():
            return True
        if PREFILTER.search(word):
            return False
    return False


def _before_speech_verb(sentence: str, end: int) -> bool:
    """The phrase stands between a speaker and its verb ("Pakistan on Monday rejected",
    "officials on Tuesday said"): it dates the statement."""
    following = sentence[end:].split(None, 1)
    return bool(following) and following[0].lower() in speech_verbs()


_WORD = re.compile(r"[a-z]+")


def _bare_weekday(text: str) -> int | None:
    """The weekday a phrase names when it names nothing else ("during Friday prayers",
    "on Tuesday night"), else None."""
    words = _WORD.findall(text.lower())
    if any(w in MONTHS for w in words) or any(c.isdigit() for c in text):
        return None
    days = [WEEKDAYS[w] for w in words if w in WEEKDAYS]
    return days[0] if len(days) == 1 else None


def redundant_weekdays(found: list[DatedPhrase]) -> list[DatedPhrase]:
    """Leave out a weekday that only repeats an explicit date of the sentence: "on 17
    November ... during Friday prayers" is one day, the Friday of that date, while the
    weekday alone would be read as the Friday before publication."""
    explicit = {
        p.first.weekday() for p in found if p.first == p.last and _bare_weekday(p.text) is None
    }
    return [p for p in found if _bare_weekday(p.text) not in explicit]


def sentence_phrases(sentence: str, published: dt.date | None) -> list[DatedPhrase]:
    """The date phrases of ``sentence`` that resolve to a period, left to right."""
    found = []
    for phrase in find_date_phrases(sentence):
        start, end = resolve_date_phrase(phrase.text, published)
        if start is None and end is None:
            continue
        speech = _after_speech_verb(sentence, phrase.start) or _before_speech_verb(
            sentence, phrase.end
        )
        found.append(
            DatedPhrase(phrase.start, phrase.end, phrase.text, start or end, end or start, speech)
        )
    return found


def date_row(phrases: list[DatedPhrase]) -> DateRow:
    """The period covering ``phrases`` (all together), or empty."""
    if not phrases:
        return EMPTY
    return DateRow(
        "; ".join(p.text for p in phrases),
        min(p.first for p in phrases).isoformat(),
        max(p.last for p in phrases).isoformat(),
    )


#: phrases this many words apart or fewer date one period ("on Monday and Tuesday")
RUN_GAP_WORDS = 2


def _nearest_run(own: list[DatedPhrase], sentence: str, figure: int) -> list[DatedPhrase]:
    """Of several date phrases of the figure's clause, the nearest before the figure and
    those joined to it ("on Monday and Tuesday"): "one on Sept. 2 near the Green Village
    compound and another on Sept. 5 that killed 10" dates the 10 by Sept. 5 only."""
    before = [p for p in own if p.end <= figure]
    if len(own) < 2 or not before or any(p.first != p.last for p in own):
        return own  # "on Sunday ... this week": one period
    run = [before[-1]]
    for p in reversed(before[:-1]):
        if len(sentence[p.end : run[0].start].split()) > RUN_GAP_WORDS:
            break
        run.insert(0, p)
    return run


def figure_phrases(sentence: str, phrases: list[DatedPhrase], figure: int) -> list[DatedPhrase]:
    """The phrases that date the figure at offset ``figure`` of the sentence."""
    if len(phrases) > 1:
        phrases = [p for p in phrases if not p.speech] or phrases
    if len(phrases) > 1:
        start, end = clause_bounds(sentence, figure)
        own = _nearest_run([p for p in phrases if start <= p.start < end], sentence, figure)
        before = [p for p in phrases if p.end <= figure][-1:]  # the nearest before it
        phrases = own or before or phrases
    later_period = [
        p
        for p in phrases
        if p.start > figure
        and (p.last - p.first).days > PERIOD_DAYS
        and not clause_bounds(sentence, figure)[0] <= p.start < clause_bounds(sentence, figure)[1]
    ]
    return [p for p in phrases if p not in later_period]
