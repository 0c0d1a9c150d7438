"""When a claimed event happened: date phrases of the claim's sentence, resolved against the
article's publication date with ``casualties.dates`` ("on Thursday", "since September 1",
"in the past three weeks"). Empty when the sentence gives none."""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

from casualties.dates import find_date_phrases, resolve_date_phrase


class DateRow(NamedTuple):
    date_text: str = ""
    date_start: str = ""
    date_end: str = ""
    #: where the date was read: sentence, paragraph, lead, publication (none found)
    date_source: str = ""


EMPTY = DateRow()


def published_date(published: str | None) -> dt.date | None:
    if not published:
        return None
    try:
        return dt.date.fromisoformat(str(published)[:10])
    except ValueError:
        return None


def sentence_dates(sentence: str, published: dt.date | None) -> DateRow:
    """The event period named in ``sentence`` (all its phrases together), or empty."""
    texts, starts, ends = [], [], []
    for phrase in find_date_phrases(sentence):
        start, end = resolve_date_phrase(phrase.text, published)
        if start is None and end is None:
            continue
        texts.append(phrase.text)
        starts.append(start or end)
        ends.append(end or start)
    if not texts:
        return EMPTY
    return DateRow("; ".join(texts), min(starts).isoformat(), max(ends).isoformat())
