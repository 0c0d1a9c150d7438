"""Loading the analysis results quickly in each report notebook.

``analyse.load_results`` types and validates the tables with pandera; its imports
(pandera, scipy) cost a report notebook more than everything it draws. The build validates
the tables once, with ``load_results``, and writes their column types beside them
(``results_types.json``, with each file's size and modification time). A notebook then
reads the CSVs with plain pandas and those types; when the sidecar is missing or the files
changed since, it falls back to ``load_results``.

In a warm kernel (``casualties.site.warm``) the tables are read once: ``fast_load``
keeps the last tables it read, keyed by the folder and its record (sizes and modification
times), and gives each report its own copy, so that no report sees another's changes.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from types import SimpleNamespace

import pandas as pd

from casualties.analyse.files import FILES as TABLES

SIDECAR = "results_types.json"
_kept: tuple[tuple[str, str], dict[str, pd.DataFrame]] | None = None  # (key, tables)


def _stamp(path: Path) -> list[int]:
    stat = path.stat()
    return [stat.st_size, stat.st_mtime_ns]


def write_types(folder: str | os.PathLike, results) -> Path:
    """Record the column types of ``results`` (as ``load_results`` gives them)."""
    from casualties.io import write_text_atomic

    folder = Path(folder)
    record = {
        name: {
            "file": file,
            "stamp": _stamp(folder / file),
            "dtypes": {c: str(t) for c, t in getattr(results, name).dtypes.items()},
        }
        for name, file in TABLES.items()
    }
    return write_text_atomic(json.dumps(record, indent=1), folder / SIDECAR)


def typed_column(column: pd.Series, dtype: str) -> pd.Series:
    """A text column read from CSV ("" for empty) as ``dtype`` (str, bool or numbers)."""
    if dtype == "str":
        return column
    if dtype == "bool":
        return column.map({"True": True, "False": False}).astype("bool")
    numbers = pd.to_numeric(column.replace("", None), errors="raise")
    return numbers.astype(dtype)


def fast_load(folder: str | os.PathLike) -> SimpleNamespace | None:
    """The tables typed as recorded, or ``None`` when the record is missing or stale."""
    global _kept
    folder = Path(folder)
    try:
        text = (folder / SIDECAR).read_text(encoding="utf-8")
        key = (str(folder.resolve()), text)
        record = json.loads(text)
        if _kept is not None and _kept[0] == key and _fresh(folder, record):
            return SimpleNamespace(**{n: t.copy(deep=True) for n, t in _kept[1].items()})
        tables = {}
        for name, file in TABLES.items():
            entry = record[name]
            path = folder / file
            if entry["file"] != file or _stamp(path) != entry["stamp"]:
                return None
            raw = pd.read_csv(path, dtype=str, keep_default_na=False, na_values=[])
            if list(raw.columns) != list(entry["dtypes"]):
                return None
            tables[name] = pd.DataFrame(
                {c: typed_column(raw[c], t) for c, t in entry["dtypes"].items()}, index=raw.index
            )
    except (OSError, ValueError, KeyError, TypeError):
        return None
    _kept = (key, tables)
    return SimpleNamespace(**{n: t.copy(deep=True) for n, t in tables.items()})


def _fresh(folder: Path, record: dict) -> bool:
    try:
        return all(_stamp(folder / record[n]["file"]) == record[n]["stamp"] for n in TABLES)
    except (OSError, KeyError, TypeError):
        return False
