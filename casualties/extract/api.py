"""The Python API of the extract stage: a DataFrame of claims, or claims streamed to CSV
or Parquet."""

from __future__ import annotations

import contextlib
import csv
import os
from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from casualties.contract import CLAIM_COLUMNS
from casualties.extract.claims import extract_article, is_english
from casualties.extract.schema import claims_frame, validate_claims
from casualties.io import atomic_open, parquet_batches, table_format


def _articles(inputs, strict: bool):
    from casualties.corpus import iter_articles

    return iter_articles(inputs, strict=strict)


def extract(
    inputs: Sequence[str | os.PathLike] | str | os.PathLike | None = None, *, strict: bool = False
) -> pd.DataFrame:
    """Claims of every article of ``inputs`` (the embedded corpus when None), validated."""
    from casualties.corpus import warn_if_no_articles

    if isinstance(inputs, (str, os.PathLike)):
        inputs = [inputs]
    rows, articles = [], 0
    for article in _articles(inputs, strict):
        articles += 1
        rows.extend(extract_article(article))
    warn_if_no_articles(articles, inputs)
    return validate_claims(claims_frame(rows))


def write_claims(
    inputs: Sequence[str | os.PathLike] | None,
    out: str | os.PathLike,
    *,
    strict: bool = False,
    batch: int = 5000,
    format: str | None = None,
) -> dict[str, int]:
    """Stream claims to ``out`` (atomically): rows are validated and written in batches of
    ``batch``, so memory stays flat whatever the size of the corpus. ``format`` is ``csv``
    or ``parquet`` (default: by the suffix of ``out``).

    Returns counts: ``articles`` read, ``skipped`` (not English), ``claims`` written.
    """
    stats = {"articles": 0, "skipped": 0, "claims": 0}
    with _batches(Path(out), table_format(out, format)) as write:
        pending: list[dict] = []
        for article in _articles(inputs, strict):
            stats["articles"] += 1
            if not is_english(article):
                stats["skipped"] += 1
                continue
            pending.extend(extract_article(article))
            if len(pending) >= batch:
                write(validate_claims(claims_frame(pending)))
                stats["claims"] += len(pending)
                pending = []
        write(validate_claims(claims_frame(pending)))  # the rest; an empty table has a header
        stats["claims"] += len(pending)
    from casualties.corpus import warn_if_no_articles

    warn_if_no_articles(stats["articles"], inputs)
    return stats


@contextlib.contextmanager
def _batches(out: Path, format: str):
    """A function writing one validated batch of claims to ``out`` in ``format``."""
    if format == "parquet":
        with parquet_batches(out) as append:
            yield append
        return
    with atomic_open(out) as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(CLAIM_COLUMNS)
        yield lambda frame: _write_batch(writer, frame)


def _write_batch(writer, frame: pd.DataFrame) -> None:
    writer.writerows(
        ["" if pd.isna(v) else v for v in record]
        for record in frame.itertuples(index=False, name=None)
    )
