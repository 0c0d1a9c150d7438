"""Readers for the corpus formats: plain text (many articles per file) and JSON Lines.

Both read a file line by line and yield one ``RawArticle`` as soon as its end is found, so
memory holds one article, not the file. Problems go to a ``Reporter`` (corpus.py), which
logs them or, in strict mode, raises.

Plain text. A file holds articles one after another. An article is a header, then the body:

- header: a title line (a headline: it does not end with a period, unless in initials such
  as "U.S."), optionally a standfirst line right below it (at most one blank line between
  them), then one to three "meta" lines in this order: a byline ("by ...",
  "news agencies", "staff"), an outlet line (a short name), a date line (the whole line is a
  date, see ``dates.parse_published``). A header needs a date line, or a byline followed by
  an outlet line; blank lines between header lines are allowed, but no gap inside a header
  may be longer than the gap before its title (so a signature line at the end of the previous
  body is not read as a title);
- body: every line up to the next header. Blank-line runs and short heading-like lines in the
  body are kept as they are, since an article ends only where the next header starts.

Text before the first header (or a file with no header at all) is one article whose first
line is its title when it is short.
"""

from __future__ import annotations

import json
import re
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from casualties.dates import parse_published

#: Same-length replacements (one character to one character), so that offsets computed on
#: the normalised text are offsets into ``Article.text`` exactly.
_SAME_LENGTH = {
    "\u00a0": " ",  # no-break space
    "\u202f": " ",  # narrow no-break space
    "\u2007": " ",  # figure space
    "\u2009": " ",  # thin space
    "\u2018": "'",
    "\u2019": "'",
    "\u201a": "'",
    "\u201b": "'",
    "\u2032": "'",
    "\u201c": '"',
    "\u201d": '"',
    "\u201e": '"',
    "\u201f": '"',
    "\u2033": '"',
    "\ufeff": " ",  # a stray byte-order mark inside the text
}
_SPECIAL = re.compile("[" + "".join(_SAME_LENGTH) + "]")
_LINE_BREAK = re.compile(r"\r\n?|\n")
_BYLINE = re.compile(
    r"(?:by|written\s+by|reporting\s+by)\s+\S.*|(?:news\s+|wire\s+)?agencies|staff(?:\s+writer)?"
    r"|.{1,40}\s+(?:staff|correspondents?|and\s+agencies)",
    re.IGNORECASE,
)
_ENDS_WITH_INITIALS = re.compile(r"\b(?:[A-Za-z]\.){2,}$")
MAX_TITLE = 200
MAX_STANDFIRST = 400
MAX_META = 100
MAX_OUTLET = 60
_WINDOW = 7  # title + standfirst + three meta lines + the first body line, and one spare


def normalise_body(text: str) -> str:
    """Body text: no-break spaces to spaces, curly quotes to straight ones; same length."""
    # A regex with a lookup is several times faster than str.translate with a dict table.
    return _SPECIAL.sub(lambda match: _SAME_LENGTH[match.group()], text)


def normalise_field(text: str) -> str:
    """A header field (title, author, outlet): normalised, whitespace collapsed, stripped."""
    return " ".join(normalise_body(text).split())


class Reporter(Protocol):
    def problem(self, source: str, line: int | None, message: str, skipped: str = "") -> None: ...

    def note(self, source: str, line: int | None, message: str) -> None: ...


@dataclass
class RawArticle:
    """What a reader found, before ids and language are added (corpus.py does that)."""

    line: int
    title: str = ""
    author: str = ""
    outlet: str = ""
    published: str = ""
    text: str = ""
    doc_id: str = ""
    source: str = ""
    date_reported: bool = False  # a bad `published` value was already reported
    problem: str = ""  # why the article cannot be used (e.g. a line that is not UTF-8)


def read_lines(path: Path) -> Iterator[tuple[int, str, str]]:
    """(line number, line without its line break, decoding error or "") for every line.

    Decodes line by line so that a non-UTF-8 byte is reported with its line, and strips a
    byte-order mark at the start. CRLF and lone CR count as line breaks.
    """
    with open(path, "rb") as handle:
        for number, raw in enumerate(handle, start=1):
            try:
                line, error = raw.decode("utf-8"), ""
            except UnicodeDecodeError as bad:
                line = raw.decode("utf-8", errors="replace")
                error = f"not valid UTF-8 (byte 0x{raw[bad.start]:02x} at column {bad.start + 1})"
            if number == 1:
                line = line.removeprefix("\ufeff")
            if "\r" not in line:
                yield number, line.removesuffix("\n"), error
                continue
            parts = _LINE_BREAK.split(line)
            if parts and parts[-1] == "":
                parts.pop()
            for part in parts:
                yield number, part, error


# -- plain text ----------------------------------------------------------------------------


@dataclass
class _Line:
    number: int
    text: str
    gap: int  # blank lines before it; -1 for the first line of the file
    error: str = ""


def _nonblank_lines(lines: Iterator[tuple[int, str, str]]) -> Iterator[_Line]:
    gap = -1  # blank lines at the start of the file do not count: the file start is a gap
    for number, text, error in lines:
        if not text.strip():
            if gap >= 0:
                gap += 1
            continue
        yield _Line(number, text, gap, error)
        gap = 0


def _is_byline(text: str) -> bool:
    return (
        len(text) <= MAX_META
        and not text.rstrip().endswith((".", ":", ";", "?", "!"))
        and bool(_BYLINE.fullmatch(normalise_field(text)))
    )


def _is_outlet(text: str) -> bool:
    if len(text) > 2 * MAX_OUTLET:
        return False
    text = normalise_field(text)
    return (
        0 < len(text) <= MAX_OUTLET
        and len(text.split()) <= 6
        and not text.endswith((".", ",", ":", ";", "?", "!", '"'))
        and not text.startswith(('"', "'", "-"))
    )


@dataclass
class _Header:
    size: int  # number of lines it spans
    title: str
    standfirst: str = ""
    author: str = ""
    outlet: str = ""
    published: str = ""


def _match_meta(lines: list[_Line], start: int, gap_limit: float) -> _Header | None:
    header = _Header(size=0, title="")
    stage, index, has_date = 0, start, False
    while index < len(lines) and index - start < 3 and lines[index].gap <= gap_limit:
        text = lines[index].text.strip()
        date = parse_published(text)
        if date is not None:
            header.published, has_date, stage = date.isoformat(), True, 3
        elif stage < 1 and _is_byline(text):
            header.author, stage = (
                re.sub(r"^(?:written\s+|reporting\s+)?by\s+", "", text, flags=re.I),
                1,
            )
        elif stage < 2 and _is_outlet(text):
            header.outlet, stage = text, 2
        else:
            break
        index += 1
        if has_date:
            break
    if not (has_date or (header.author and header.outlet)):
        return None
    header.size = index
    return header


def match_header(lines: list[_Line]) -> _Header | None:
    """The header starting at ``lines[0]``, or None when these lines are not a header."""
    title = lines[0]
    if len(lines) < 2 or len(title.text) > MAX_TITLE or title.gap == 0:
        return None
    if _is_byline(title.text) or parse_published(title.text.strip()):
        return None
    if title.text.rstrip().endswith(".") and not _ENDS_WITH_INITIALS.search(title.text.rstrip()):
        return None  # a sentence, not a headline (which may end in "U.S.", though)
    gap_limit = float("inf") if title.gap < 0 else title.gap
    header = _match_meta(lines, 1, gap_limit)
    if header is None and len(lines[1].text) <= MAX_STANDFIRST and lines[1].gap <= 1:
        header = _match_meta(lines, 2, gap_limit)
        if header is not None:
            header.standfirst = lines[1].text.strip()
    if header is not None:
        header.title = title.text
    return header


def _body_text(lines: list[_Line]) -> str:
    parts = []
    for position, line in enumerate(lines):
        if position:
            parts.append("\n" * (line.gap + 1))
        parts.append(line.text)
    return normalise_body("".join(parts).rstrip())


@dataclass
class _Builder:
    line: int
    header: _Header | None
    body: list[_Line] = field(default_factory=list)
    bad: _Line | None = None  # the first line that could not be decoded

    def build(self) -> RawArticle:
        body = self.body
        header = self.header
        if header is None:
            # No header: the first line is the title when it is short and more text follows.
            header = _Header(size=0, title="")
            first = body[0] if body else None
            if first and len(body) > 1 and len(first.text) <= MAX_TITLE:
                if not first.text.rstrip().endswith("."):
                    header.title, body = first.text, body[1:]
        text = _body_text(body)
        if header.standfirst:
            text = normalise_body(header.standfirst) + ("\n\n" + text if text else "")
        return RawArticle(
            line=self.line,
            title=normalise_field(header.title),
            author=normalise_field(header.author),
            outlet=normalise_field(header.outlet),
            published=header.published,
            text=text,
            problem=f"line {self.bad.number}: {self.bad.error}" if self.bad else "",
        )

    def add(self, line: _Line) -> None:
        if line.error and self.bad is None:
            self.bad = line


def read_plain_text(
    lines: Iterator[tuple[int, str, str]], source: str, reporter: Reporter
) -> Iterator[RawArticle]:
    """Articles of a plain-text file, each yielded when the next header (or the end) is seen."""
    window: deque[_Line] = deque()
    current: _Builder | None = None
    nonblank = _nonblank_lines(lines)
    exhausted = False
    while True:
        while not exhausted and len(window) < _WINDOW:
            line = next(nonblank, None)
            if line is None:
                exhausted = True
            else:
                window.append(line)
        if not window:
            break
        header = match_header(list(window))
        if header is not None:
            if current is not None:
                yield current.build()
            first = window[0]
            header_lines = [window.popleft() for _ in range(header.size)]
            current = _Builder(line=first.number, header=header)
            for line in header_lines:
                current.add(line)
            continue
        line = window.popleft()
        if current is None:
            current = _Builder(line=line.number, header=None)
            reporter.note(source, line.number, "no header (byline, outlet or date line) found")
        current.add(line)
        current.body.append(line)
    if current is not None:
        yield current.build()


# -- JSON Lines ----------------------------------------------------------------------------


def read_json_lines(
    lines: Iterator[tuple[int, str, str]], source: str, reporter: Reporter
) -> Iterator[RawArticle]:
    """One article per JSON object line: fields id, title, author, outlet, published, text."""
    for number, line, error in lines:
        if not line.strip():
            continue
        if error:
            reporter.problem(source, number, error, "line")
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as bad_json:
            reporter.problem(source, number, f"not valid JSON ({bad_json.msg})", "line")
            continue
        if not isinstance(record, dict):
            reporter.problem(source, number, "not a JSON object", "line")
            continue
        text = record.get("text")
        if not isinstance(text, str) or not text.strip():
            reporter.problem(source, number, "no `text` (a non-empty string)", "line")
            continue
        published = record.get("published")
        published_iso, date_reported = "", False
        if published not in (None, ""):
            date = parse_published(str(published))
            if date is None:
                reporter.problem(source, number, f"`published` is not a date: {published!r}")
                date_reported = True
            else:
                published_iso = date.isoformat()
        doc_id = record.get("id")
        yield RawArticle(
            line=number,
            title=_field(record, "title"),
            author=_field(record, "author") or _field(record, "byline"),
            outlet=_field(record, "outlet"),
            published=published_iso,
            text=normalise_body(text.replace("\r\n", "\n").replace("\r", "\n")),
            doc_id="" if doc_id in (None, "") else str(doc_id).strip(),
            date_reported=date_reported,
        )


def _field(record: dict, name: str) -> str:
    value = record.get(name)
    return "" if value is None else normalise_field(str(value))
