"""Extraction results cached per article, by content hash.

A batch rebuild usually adds a few articles to a large corpus: only those need the
extractor. The key of an article is a hash of everything extraction reads (its fields) and
of the extractor itself (the package's code and reference data), so a changed rule or word
list invalidates every entry and a stale row can never be served. One JSON file per article,
written atomically; deleting the folder (or ``--no-cache``) is always safe.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import json
import os
from pathlib import Path

from casualties import paths

DEFAULT_DIR = paths.PROCESSED / "cache" / "extract"
#: Article fields extraction does not read: a file renamed or moved is not re-extracted.
UNREAD = frozenset({"source"})


@functools.cache
def extractor_fingerprint() -> str:
    """Hash of the code and reference data extraction depends on."""
    digest = hashlib.sha256()
    package = Path(__file__).resolve().parents[1]
    files = sorted(package.glob("*.py")) + sorted((package / "extract").glob("*.py"))
    files += sorted(p for p in paths.REFERENCE.rglob("*") if p.is_file())
    for path in files:
        digest.update(str(path.relative_to(path.parents[2])).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def article_key(article) -> str:
    """Content hash of one article under the current extractor."""
    fields = dataclasses.asdict(article) if dataclasses.is_dataclass(article) else vars(article)
    fields = {k: v for k, v in fields.items() if k not in UNREAD}
    payload = json.dumps(fields, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256((extractor_fingerprint() + payload).encode()).hexdigest()


class ExtractCache:
    """Rows of extracted articles in ``folder`` (``<key[:2]>/<key>.json``).

    ``deferred``: new entries are kept in memory until ``commit`` (the build commits once
    the whole pipeline succeeded, so a run that fails writes nothing).
    """

    def __init__(self, folder: str | os.PathLike | None = None, *, deferred: bool = False):
        self.folder = Path(folder) if folder is not None else DEFAULT_DIR
        self.pending: dict[Path, list[dict]] | None = {} if deferred else None

    def _path(self, article) -> Path:
        key = article_key(article)
        return self.folder / key[:2] / f"{key}.json"

    def get(self, article) -> list[dict] | None:
        """The cached rows of ``article``, or None (also for an unreadable entry)."""
        try:
            with open(self._path(article), encoding="utf-8") as handle:
                rows = json.load(handle)
        except (OSError, ValueError):
            return None
        return rows if isinstance(rows, list) else None

    def put(self, article, rows: list[dict]) -> None:
        if self.pending is not None:
            self.pending[self._path(article)] = rows
            return
        self._write(self._path(article), rows)

    def commit(self) -> int:
        """Write the entries kept back; how many."""
        pending, self.pending = self.pending or {}, {} if self.pending is not None else None
        for path, rows in pending.items():
            self._write(path, rows)
        return len(pending)

    @staticmethod
    def _write(path: Path, rows: list[dict]) -> None:
        from casualties.io import write_text_atomic

        write_text_atomic(json.dumps(rows, ensure_ascii=False), path)
