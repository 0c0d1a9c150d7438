"""Atomic writes: an output file is either complete or absent, never partial. Stage tables
are CSV or, with the ``parquet`` extra (pyarrow), Parquet that keeps their dtypes."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO, TYPE_CHECKING

from casualties.errors import InputError, ParameterError

if TYPE_CHECKING:  # pandas is imported where a table is read: the CLI parser needs none
    import pandas as pd

#: Formats of the stage outputs (``--format``); Parquet needs the ``parquet`` extra.
TABLE_FORMATS = ("csv", "parquet")


@contextlib.contextmanager
def atomic_open(path: str | os.PathLike, mode: str = "w", **kwargs) -> Iterator[IO]:
    """Open a temporary file beside ``path``; rename it over ``path`` only on success."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    # mkstemp makes the file private (0600); give it the mode a plain open() would have.
    os.chmod(tmp, 0o666 & ~_umask())
    if "b" not in mode:
        kwargs.setdefault("encoding", "utf-8")
        kwargs.setdefault("newline", "")
    try:
        with open(tmp, mode, **kwargs) as handle:
            yield handle
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_csv_atomic(df: pd.DataFrame, path: str | os.PathLike) -> Path:
    """Write ``df`` as CSV (no index) to ``path`` atomically."""
    with atomic_open(path) as handle:
        df.to_csv(handle, index=False, lineterminator="\n")
    return Path(path)


def write_text_atomic(text: str, path: str | os.PathLike) -> Path:
    with atomic_open(path) as handle:
        handle.write(text)
    return Path(path)


def read_csv_text(path: str | os.PathLike, missing_hint: str = "") -> pd.DataFrame:
    """A CSV as text columns ("" for empty cells); ``InputError`` naming the file if it is
    missing or unreadable (``missing_hint`` is added to the "no such file" message)."""
    path = Path(path)
    import pandas as pd

    try:
        return pd.read_csv(path, dtype=str, keep_default_na=False, na_values=[])
    except FileNotFoundError as error:
        raise InputError(f"{path}: no such file{missing_hint}") from error
    except IsADirectoryError as error:
        raise InputError(f"{path}: is a directory, not a CSV file") from error
    except (pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError) as error:
        raise InputError(f"{path}: not a readable CSV file: {error}") from error


def table_format(path: str | os.PathLike, format: str | None = None) -> str:
    """``format`` when given, else ``parquet`` for a ``.parquet`` file, else ``csv``."""
    if format is None:
        return "parquet" if Path(path).suffix.lower() == ".parquet" else "csv"
    if format not in TABLE_FORMATS:
        raise ParameterError(f"unknown table format {format!r}; known: {', '.join(TABLE_FORMATS)}")
    return format


def table_path(path: str | os.PathLike, format: str) -> Path:
    """``path`` with the suffix of ``format`` (``claims.csv`` -> ``claims.parquet``)."""
    return Path(path).with_suffix(f".{table_format(path, format)}")


def require_parquet() -> None:
    """``ParameterError`` (exit 2, before any work) when pyarrow is not installed."""
    try:
        import pyarrow  # noqa: F401
    except ImportError:
        raise ParameterError(
            "Parquet needs pyarrow: pip install -e '.[parquet]' (or use CSV)"
        ) from None


def write_table_atomic(
    df: pd.DataFrame, path: str | os.PathLike, format: str | None = None
) -> Path:
    """Write ``df`` as CSV or Parquet (``format``, else by suffix) atomically. Parquet
    keeps the dtypes: ``pandas.read_parquet`` gives the same frame back."""
    if table_format(path, format) == "csv":
        return write_csv_atomic(df, path)
    require_parquet()
    table = df.copy(deep=False)
    table.attrs = {}  # e.g. clean's warnings: not part of the table
    with atomic_open(path, "wb") as handle:
        table.to_parquet(handle, index=False, engine="pyarrow")
    return Path(path)


@contextlib.contextmanager
def parquet_batches(path: str | os.PathLike) -> Iterator:
    """A function that appends a DataFrame batch to the Parquet file ``path`` (written
    atomically when the block ends), so a streamed stage keeps memory flat. Every batch
    has the first one's columns and dtypes; call it at least once (an empty frame makes
    an empty table with its columns)."""
    require_parquet()
    import pyarrow as pa
    import pyarrow.parquet as pq

    state: dict = {}
    with atomic_open(path, "wb") as handle:

        def append(frame: pd.DataFrame) -> None:
            table = pa.Table.from_pandas(frame, preserve_index=False)
            if "writer" not in state:
                state["writer"] = pq.ParquetWriter(handle, table.schema)
            state["writer"].write_table(table.cast(state["writer"].schema))

        yield append
        if "writer" not in state:
            raise ValueError(f"{path}: no batch written (call it at least once)")
        state["writer"].close()


def read_table(path: str | os.PathLike, missing_hint: str = "") -> pd.DataFrame:
    """A stage table: a ``.parquet`` file with the dtypes it was written with, else a CSV
    as text columns (``read_csv_text``). ``InputError`` naming the file when unreadable."""
    if table_format(path) == "csv":
        return read_csv_text(path, missing_hint)
    path = Path(path)
    if not path.is_file():
        raise InputError(f"{path}: no such file{missing_hint}")
    require_parquet()
    import pyarrow

    try:
        import pandas as pd

        return pd.read_parquet(path, engine="pyarrow")
    except (OSError, pyarrow.ArrowException) as error:
        raise InputError(f"{path}: not a readable Parquet file: {error}") from error
