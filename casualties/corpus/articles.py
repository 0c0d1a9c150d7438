"""The corpus stage: read news articles from plain text, JSON Lines or a folder of files.

``Article.text`` is the body as it is in the file after decoding, BOM removal and CRLF -> LF,
with no-break spaces turned into spaces and curly quotes into straight quotes, one character
for one character. Offsets computed on ``text`` are therefore exact: downstream quotes are
``text[start:end]``. Header fields (title, author, outlet) are normalised freely.

``doc_id``: a JSON Lines ``id`` is kept; otherwise it is the first 12 hex digits of the
SHA-1 of outlet, published, title and text, so the same article gets the same id whatever
file or position it comes from. An article identical to one read before in the same run
(same outlet, date, title and text) is skipped with a warning; an ``id`` reused for a
different article gets "-2", "-3", ...
"""

from __future__ import annotations

import hashlib
import logging
import re
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from casualties import paths
from casualties.corpus.formats import RawArticle, read_json_lines, read_lines, read_plain_text
from casualties.errors import InputError

if TYPE_CHECKING:
    import pandas as pd

log = logging.getLogger("casualties.corpus")

#: Columns of the table ``casualties corpus -o FILE`` writes.
CORPUS_COLUMNS = ("doc_id", "title", "author", "outlet", "published", "language", "source")
CSV_COLUMNS = (*CORPUS_COLUMNS, "n_chars")
JSON_LINES_SUFFIXES = {".jsonl", ".ndjson", ".jsonlines"}
TEXT_SUFFIXES = {".txt", ".text"}


@dataclass(frozen=True)
class Article:
    """One news article. ``published`` is an ISO date or ""; ``source`` the file it came from."""

    doc_id: str
    title: str
    author: str
    outlet: str
    published: str
    text: str
    source: str
    language: str = ""


class _Reporter:
    """Problems (an article or line skipped, a bad value) are fatal when strict; notes never."""

    def __init__(self, strict: bool) -> None:
        self.strict = strict
        self.problems = 0

    @staticmethod
    def _where(source: str, line: int | None) -> str:
        return f"{source}:{line}" if line else source

    def problem(self, source: str, line: int | None, message: str, skipped: str = "") -> None:
        """``skipped``: what is dropped because of it ("line", "article"), if anything."""
        self.problems += 1
        if self.strict:
            raise InputError(f"{self._where(source, line)}: {message}")
        consequence = f" ({skipped} skipped)" if skipped else ""
        log.warning("%s: %s%s", self._where(source, line), message, consequence)

    def note(self, source: str, line: int | None, message: str) -> None:
        log.warning("%s: %s", self._where(source, line), message)


def _display_source(path: Path) -> str:
    """The path relative to the repository when inside it (stable across machines)."""
    try:
        return path.resolve().relative_to(paths.ROOT.resolve()).as_posix()
    except ValueError:
        return str(path)


def _files(inputs: Sequence[str | Path]) -> list[Path]:
    """Input paths checked up front: a missing path is an error even when not strict."""
    resolved = [Path(item) for item in inputs]
    missing = [str(path) for path in resolved if not path.exists()]
    if missing:
        raise InputError(f"no such file or folder: {', '.join(missing)}")
    return resolved


def _folder_files(folder: Path) -> list[Path]:
    return sorted(
        path
        for path in folder.iterdir()
        if path.is_file()
        and not path.name.startswith(".")
        and path.suffix.lower() in TEXT_SUFFIXES | JSON_LINES_SUFFIXES
    )


def _sniff(path: Path) -> str:
    """The format of a file: "jsonl", "json" (a JSON document: not supported), "binary"
    (a NUL byte in its first 8 KB: no text file has one) or "text"."""
    with open(path, "rb") as handle:
        if b"\0" in handle.read(8192):
            return "binary"
    if path.suffix.lower() in JSON_LINES_SUFFIXES:
        return "jsonl"
    if path.suffix.lower() in TEXT_SUFFIXES:
        return "text"
    with open(path, "rb") as handle:
        start = handle.read(512).lstrip(b"\xef\xbb\xbf \t\r\n")
    if start.startswith(b"{"):
        return "jsonl"
    return "json" if start.startswith(b"[") and path.suffix.lower() == ".json" else "text"


def _read_file(path: Path, reporter: _Reporter) -> Iterator[RawArticle]:
    source = _display_source(path)
    problems_before, found = reporter.problems, False
    try:
        if path.stat().st_size == 0:
            reporter.problem(source, None, "file is empty")
            return
        kind = _sniff(path)
        if kind == "json":
            reporter.problem(source, None, "a JSON array: write one object per line", "file")
            return
        if kind == "binary":
            reporter.problem(source, None, "a binary file, not text", "file")
            return
        reader = read_json_lines if kind == "jsonl" else read_plain_text
        for raw in reader(read_lines(path), source, reporter):
            found = True
            raw.source = source
            yield raw
    except OSError as error:
        reporter.problem(source, None, f"cannot be read ({error.strerror or error})", "file")
        return
    if not found and reporter.problems == problems_before:
        reporter.problem(source, None, "file is empty (only blank lines)")


def _printable(text: str) -> str:
    """``text`` for a warning: each run of control characters or undecodable bytes
    (U+FFFD) becomes one "?", so a binary title cannot garble the terminal."""
    return re.sub(r"[^\S ]+|[\x00-\x1f\x7f-\x9f\ufffd]+", "?", text)


def _raw_articles(files: list[Path], reporter: _Reporter) -> Iterator[RawArticle]:
    for path in files:
        if path.is_dir():
            inside = _folder_files(path)
            if not inside:
                reporter.problem(str(path), None, "folder has no .txt or .jsonl files")
            for file in inside:
                yield from _read_file(file, reporter)
        else:
            yield from _read_file(path, reporter)


#: Frequent English function words that are rare in other languages written in Latin script.
_ENGLISH_WORDS = frozenset(
    "the of and to that with was were said have has from which this they their been would "
    "after by for is are who will".split()
)


def detect_language(text: str) -> str:
    """ISO 639-1 code of the text's language ("en"), or "" when it cannot be told.

    Looks at the first 2000 characters only. Text where at least a fifth of the words are
    common English function words is English without asking ``langdetect`` (fast and
    deterministic); otherwise ``langdetect`` decides, seeded for determinism.
    """
    sample = text[:2000]
    words = re.findall(r"[a-z]+", sample.lower())
    if len(words) >= 20 and sum(word in _ENGLISH_WORDS for word in words) >= len(words) / 5:
        return "en"
    from langdetect import DetectorFactory, detect
    from langdetect.lang_detect_exception import LangDetectException

    DetectorFactory.seed = 0
    try:
        return detect(sample)
    except LangDetectException as error:
        # langdetect turns anything raised while it loads its profiles (a bare except),
        # Ctrl-C and SIGTERM included, into this: an interrupt must stay one.
        if isinstance(error.__context__, KeyboardInterrupt):
            raise error.__context__ from None
        return ""


_SMALL_WORDS = frozenset("a an and at by for in of on the to".split())


def canonical_name(name: str) -> str:
    """An all-lowercase name in title case ("voice of america" -> "Voice of America").

    Names that already have capitals are left as written. Generic bylines stay lowercase.
    """
    if not name or name != name.lower() or re.search(r"\b(?:agencies|staff)\b", name):
        return name
    words = name.split(" ")
    return " ".join(
        word if position and word in _SMALL_WORDS else word[:1].upper() + word[1:]
        for position, word in enumerate(words)
    )


def canonical_outlet(outlet: str) -> str:
    """Outlet names compare equal across spellings: title case, no leading "The"."""
    return re.sub(r"^the\s+", "", canonical_name(outlet), flags=re.IGNORECASE)


def content_id(outlet: str, published: str, title: str, text: str) -> str:
    """A short id that depends on the article only (not on its file or position)."""
    digest = hashlib.sha1("\x1f".join((outlet, published, title, text)).encode("utf-8"))
    return digest.hexdigest()[:12]


def iter_articles(
    inputs: Sequence[str | Path] | None = None, *, strict: bool = False
) -> Iterator[Article]:
    """Stream the articles of ``inputs`` (files or folders; None = the embedded corpus).

    Paths are checked at once (``InputError`` for a missing one). Then problems are logged
    as warnings naming file and line, and the bad article or line is skipped; ``strict=True``
    raises ``InputError`` at the first problem instead. A missing date is only a warning.
    """
    if isinstance(inputs, (str, Path)):
        inputs = [inputs]  # one path, not a sequence of characters
    files = _files([paths.DEFAULT_CORPUS] if inputs is None else list(inputs))
    return _iter_articles(files, _Reporter(strict))


def _iter_articles(files: list[Path], reporter: _Reporter) -> Iterator[Article]:
    seen: set[str] = set()  # doc_ids given out
    contents: dict[str, str] = {}  # content id -> the doc_id of the first article with it
    for raw in _raw_articles(files, reporter):
        source = raw.source
        label = f"article {_printable(raw.title[:60])!r}" if raw.title else "article"
        if raw.problem:
            reporter.problem(source, raw.line, f"{label}: {raw.problem}", "article")
            continue
        if not raw.text.strip():
            reporter.problem(source, raw.line, f"{label}: no body text", "article")
            continue
        if not raw.published and not raw.date_reported:
            reporter.note(source, raw.line, f"{label} has no publication date")
        outlet = canonical_outlet(raw.outlet)
        content = content_id(outlet, raw.published, raw.title, raw.text)
        if content in contents:
            # The same document read twice (e.g. a file and its folder) would count its
            # claims twice: it is dropped.
            reporter.note(
                source, raw.line, f"{label}: same article as {contents[content]!r}, skipped"
            )
            continue
        doc_id = raw.doc_id or content
        if doc_id in seen:
            base, number = doc_id, 2
            while f"{base}-{number}" in seen:
                number += 1
            doc_id = f"{base}-{number}"
            reporter.note(source, raw.line, f"{label}: id {base!r} seen before, using {doc_id!r}")
        seen.add(doc_id)
        contents[content] = doc_id
        yield Article(
            doc_id=doc_id,
            title=raw.title,
            author=canonical_name(raw.author),
            outlet=outlet,
            published=raw.published,
            text=raw.text,
            source=source,
            language=detect_language(raw.text),
        )


def read_articles(
    inputs: Sequence[str | Path] | None = None, *, strict: bool = False
) -> list[Article]:
    """All articles of ``inputs`` in a list (see ``iter_articles``)."""
    return list(iter_articles(inputs, strict=strict))


def articles_frame(articles: Sequence[Article], *, text: bool = False) -> pd.DataFrame:
    """One row per article: ``CSV_COLUMNS`` (plus ``text`` when asked), validated."""
    import pandas as pd

    rows = []
    for article in articles:
        row = asdict(article)
        row["n_chars"] = len(article.text)
        rows.append(row)
    columns = [*CSV_COLUMNS, "text"] if text else list(CSV_COLUMNS)
    frame = pd.DataFrame(rows, columns=columns)
    frame = frame.astype({column: "str" for column in columns if column != "n_chars"})
    frame["n_chars"] = frame["n_chars"].astype("int64")
    _validate_frame(frame)
    return frame


def _validate_frame(frame: pd.DataFrame) -> None:
    import pandera.pandas as pa

    schema = pa.DataFrameSchema(
        {
            "doc_id": pa.Column(str, pa.Check.str_length(min_value=1), unique=True),
            "published": pa.Column(str, pa.Check.str_matches(r"^(?:\d{4}-\d{2}-\d{2})?$")),
            "n_chars": pa.Column("int64", pa.Check.ge(0)),
        },
        strict=False,
    )
    schema.validate(frame)


def warn_if_no_articles(count: int, inputs: Sequence[str | Path] | None) -> None:
    """One definition of an empty input for ``corpus``, ``extract`` and ``build``: no
    article read is not an error (an empty table is written, exit 0) but a warning."""
    if count == 0:
        named = ", ".join(str(i) for i in inputs) if inputs else "the embedded corpus"
        log.warning("no articles in %s: the table is empty", named)
