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
from casualties.extract.cache import ExtractCache
from casualties.extract.parallel import ExtractStats, claim_rows, engine_executor
from casualties.extract.schema import claims_frame, validate_claims
from casualties.io import atomic_open, parquet_batches, table_format


def _articles(inputs, strict: bool):
    from casualties.corpus import iter_articles

    return iter_articles(inputs, strict=strict)


def extract(
    inputs: Sequence[str | os.PathLike] | str | os.PathLike | None = None,
    *,
    strict: bool = False,
    jobs: int = 1,
    engine: str = "local",
    scheduler: str | None = None,
    cache: ExtractCache | None = None,
) -> pd.DataFrame:
    """Claims of every article of ``inputs`` (the embedded corpus when None), validated.
    ``jobs`` worker processes (or a Dask ``engine``) give the same rows as one process."""
    from casualties.corpus import warn_if_no_articles

    if isinstance(inputs, (str, os.PathLike)):
        inputs = [inputs]
    stats = ExtractStats(engine=engine)
    with engine_executor(engine, jobs, scheduler) as (executor, workers):
        per_article = claim_rows(
            _articles(inputs, strict), executor=executor, workers=workers, cache=cache,
            stats=stats,
        )  # fmt: skip
        rows = [row for article_rows in per_article for row in article_rows]
    warn_if_no_articles(stats.articles, inputs)
    return validate_claims(claims_frame(rows))


def write_claims(
    inputs: Sequence[str | os.PathLike] | None,
    out: str | os.PathLike,
    *,
    strict: bool = False,
    batch: int = 5000,
    format: str | None = None,
    jobs: int = 1,
    engine: str = "local",
    scheduler: str | None = None,
    cache: ExtractCache | None = None,
) -> dict[str, int]:
    """Stream claims to ``out`` (atomically): rows are validated and written in batches of
    ``batch``, so memory stays flat whatever the size of the corpus. ``format`` is ``csv``
    or ``parquet`` (default: by the suffix of ``out``). ``jobs``, ``engine`` and
    ``scheduler``: where articles are extracted (``casualties.extract.parallel``); ``cache``
    serves articles extracted before.

    Returns counts: ``articles`` read, ``skipped`` (not English), ``claims`` written,
    ``extracted`` and ``cached`` articles.
    """
    stats = ExtractStats(engine=engine)
    with (
        engine_executor(engine, jobs, scheduler) as (executor, workers),
        _batches(Path(out), table_format(out, format)) as write,
    ):
        pending: list[dict] = []
        for rows in claim_rows(
            _articles(inputs, strict), executor=executor, workers=workers, cache=cache, stats=stats
        ):
            pending.extend(rows)
            if len(pending) >= batch:
                write(validate_claims(claims_frame(pending)))
                pending = []
        write(validate_claims(claims_frame(pending)))  # the rest; an empty table has a header
    from casualties.corpus import warn_if_no_articles

    warn_if_no_articles(stats.articles, inputs)
    return stats.as_dict()


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
