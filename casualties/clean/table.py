"""Column helpers for cleaning: work on each distinct value once, report rows by number.

Cleaning a million rows row by row in Python is slow; most columns hold few distinct
values ("more than 350", "Afghan officials", "Helmand"). So every column is factorised into
integer codes plus its distinct values, columns that are cleaned together are combined into
one code per distinct combination (``group_rows``), each combination is cleaned once, and
the results are spread back to the rows with ``numpy.take``.

Row numbers in problems and warnings are 1-based data rows: row 1 is the first row under the
header, i.e. line 2 of a CSV file. Within ``rows_named_by(origin)`` (a table corrected by
analysts' decisions, rows dropped or added) they are shown as the rows of the table given.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Iterator, Sequence
from contextvars import ContextVar

import numpy as np
import pandas as pd

#: Rows quoted per problem before "... and N more rows".
ROWS_SHOWN = 10
#: Distinct problems listed before "... and N more problems".
PROBLEMS_SHOWN = 200
#: The row of the given table each row of the table being cleaned came from (1-based).
_ORIGIN: ContextVar[np.ndarray | None] = ContextVar("row_origin", default=None)


@contextlib.contextmanager
def rows_named_by(origin: np.ndarray | None) -> Iterator[None]:
    """Show row ``r`` of problems and warnings as ``origin[r - 1]`` (None: leave the
    numbering as it is, which an enclosing call may have set)."""
    if origin is None:
        yield
        return
    token = _ORIGIN.set(origin)
    try:
        yield
    finally:
        _ORIGIN.reset(token)


def text_codes(df: pd.DataFrame, column: str) -> tuple[np.ndarray, list[str]]:
    """Codes into the column's distinct values as stripped ``str`` ("" for missing). A
    column the table does not have reads as all "". The last distinct value is always ""."""
    if column not in df.columns:
        return np.zeros(len(df), dtype=np.int64), [""]
    codes, uniques = pd.factorize(df[column], use_na_sentinel=True)
    texts = ["" if pd.isna(u) else str(u).strip() for u in uniques]
    texts.append("")
    codes = codes.astype(np.int64, copy=False)
    codes[codes < 0] = len(texts) - 1
    return codes, texts


def group_rows(codes: Sequence[np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    """One code per distinct combination of the given code columns, and the first row of each
    combination (so ``column_values[column_codes[first]]`` gives the combination's values)."""
    key = np.zeros(len(codes[0]) if codes else 0, dtype=np.int64)
    for column in codes:
        key = key * (int(column.max(initial=0)) + 1) + column
        key = pd.factorize(key)[0].astype(np.int64, copy=False)
    # factorize numbers combinations in order of first appearance, so a combination's first
    # row is where the running maximum of the codes steps up (no sort needed)
    running = np.maximum.accumulate(key) if len(key) else key
    first = np.flatnonzero(np.diff(running, prepend=-1) > 0)
    return key, first


class Problems:
    """Problems found while cleaning, grouped by message, with the rows that have them."""

    def __init__(self) -> None:
        self._rows: dict[str, list[int]] = {}
        self._counts: dict[str, int] = {}
        #: Every row with a problem (1-based; 0 = the table as a whole) -> its messages.
        self.reasons: dict[int, list[str]] = {}

    def add(self, message: str, rows: Iterable[int]) -> None:
        rows = list(rows)
        if not rows:
            return
        for row in rows:
            self.reasons.setdefault(int(row), []).append(message)
        shown = self._rows.setdefault(message, [])
        shown.extend(int(r) for r in rows[: max(0, ROWS_SHOWN - len(shown))])
        self._counts[message] = self._counts.get(message, 0) + len(rows)

    def add_groups(self, groups: np.ndarray, messages: dict[int, str]) -> None:
        """``messages`` maps a group code to its problem; every row of the group gets it."""
        if not messages:
            return
        flagged = np.zeros(max(int(groups.max(initial=0)), max(messages)) + 1, dtype=bool)
        flagged[list(messages)] = True
        rows = np.flatnonzero(flagged[groups])
        if not len(rows):
            return
        order = np.argsort(groups[rows], kind="stable")
        rows, codes = rows[order], groups[rows][order]
        cuts = np.flatnonzero(np.diff(codes)) + 1
        for chunk, chunk_codes in zip(np.split(rows, cuts), np.split(codes, cuts), strict=True):
            self.add(messages[int(chunk_codes[0])], chunk + 1)

    def __bool__(self) -> bool:
        return bool(self._rows)

    def __len__(self) -> int:
        return len(self._rows)

    def lines(self) -> list[str]:
        """One line per problem, ordered by the first row that has it."""
        ordered = sorted(self._rows.items(), key=lambda item: (min(item[1], default=0), item[0]))
        origin = _ORIGIN.get()
        lines = []
        for message, rows in ordered[:PROBLEMS_SHOWN]:
            if origin is not None:
                rows = [int(origin[r - 1]) if r else 0 for r in rows]
            lines.append(f"{describe_rows(sorted(rows), self._counts[message])}: {message}")
        if len(ordered) > PROBLEMS_SHOWN:
            lines.append(f"... and {len(ordered) - PROBLEMS_SHOWN} more problems")
        return lines


def describe_rows(rows: list[int], count: int) -> str:
    """ "row 3", "rows 3, 7, 9" or "rows 3, 7, ... (1,204 rows)"."""
    if count == 1:
        return f"row {rows[0]}"
    shown = ", ".join(str(r) for r in rows)
    return f"rows {shown}" if count == len(rows) else f"rows {shown}, ... ({count:,} rows)"


def spread(values: list, groups: np.ndarray, dtype: str = "str") -> pd.Series:
    """Per-group results back to one value per row."""
    array = np.asarray(values, dtype=object) if values else np.zeros(0, dtype=object)
    return pd.Series(array[groups] if len(groups) else array[:0], dtype=dtype)
