"""Claims of many articles in worker processes, on a Dask cluster, or from a cache.

Articles are read in the calling process (so doc_ids and duplicate detection are exactly
those of ``casualties.corpus``), sent to the workers in chunks, and the rows come back in
article order: the output of any number of workers, or of a cluster, is the output of one
process, row for row. A chunk is the unit of work on every engine, so one code path serves
the process pool and Dask (whose client offers the same ``Executor`` interface).
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field

from casualties.extract.cache import ExtractCache
from casualties.extract.claims import extract_article, is_english

ENGINES = ("local", "dask")
CHUNK_CHARS = 40_000  # articles are sent to a worker in chunks of about this much text
CHUNK_ARTICLES = 16
WINDOW = 4  # chunks in flight per worker: enough to keep it busy, memory stays flat


@dataclass
class ExtractStats:
    """What a run did: ``articles`` read, ``skipped`` (not English), ``claims`` written,
    ``extracted`` (articles run through the extractor) and ``cached`` (rows from the cache)."""

    articles: int = 0
    skipped: int = 0
    claims: int = 0
    extracted: int = 0
    cached: int = 0
    engine: str = "local"
    extra: dict = field(default_factory=dict)

    def as_dict(self) -> dict[str, int]:
        return {
            "articles": self.articles,
            "skipped": self.skipped,
            "claims": self.claims,
            "extracted": self.extracted,
            "cached": self.cached,
        }


def extract_chunk(articles: list) -> list[list[dict]]:
    """The rows of each article of ``articles`` (what a worker runs)."""
    return [extract_article(article) for article in articles]


def _chunks(articles: Iterable, stats: ExtractStats) -> Iterator[list]:
    chunk: list = []
    size = 0
    for article in articles:
        stats.articles += 1
        if not is_english(article):
            stats.skipped += 1
            continue
        chunk.append(article)
        size += len(article.text)
        if size >= CHUNK_CHARS or len(chunk) >= CHUNK_ARTICLES:
            yield chunk
            chunk, size = [], 0
    if chunk:
        yield chunk


def claim_rows(
    articles: Iterable,
    *,
    executor: Executor | None = None,
    workers: int = 1,
    cache: ExtractCache | None = None,
    stats: ExtractStats | None = None,
) -> Iterator[list[dict]]:
    """Rows of every English article, one list per article, in article order.

    ``executor`` None: extracted here. A cached article is not sent to the workers;
    the rows of every article extracted are stored in ``cache``.
    """
    stats = stats if stats is not None else ExtractStats()
    pending: deque[tuple[list, list, Future | list]] = deque()

    def finish() -> Iterator[list[dict]]:
        chunk, known, work = pending.popleft()
        fresh = iter(work.result() if isinstance(work, Future) else work)
        for article, rows in zip(chunk, known, strict=True):
            if rows is None:
                rows = next(fresh)
                stats.extracted += 1
                if cache is not None:
                    cache.put(article, rows)
            else:
                stats.cached += 1
            stats.claims += len(rows)
            yield rows

    for chunk in _chunks(articles, stats):
        known = [cache.get(a) if cache is not None else None for a in chunk]
        todo = [a for a, rows in zip(chunk, known, strict=True) if rows is None]
        if not todo:
            work: Future | list = []
        elif executor is None:
            work = extract_chunk(todo)
        else:
            work = executor.submit(extract_chunk, todo)
        pending.append((chunk, known, work))
        while len(pending) > WINDOW * max(1, workers) or (executor is None and pending):
            yield from finish()
    while pending:
        yield from finish()


def _init_worker() -> None:
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the main process handles Ctrl-C


@contextmanager
def engine_executor(
    engine: str = "local", jobs: int = 1, scheduler: str | None = None
) -> Iterator[tuple[Executor | None, int]]:
    """(executor, workers) for ``engine``: None for one local process, a process pool for
    ``jobs`` > 1, a Dask client's executor (``scheduler`` address, or a local cluster of
    ``jobs`` processes) for ``dask``."""
    if engine == "dask":
        with _dask_executor(jobs, scheduler) as pair:
            yield pair
        return
    if engine != "local":
        from casualties.errors import ParameterError

        raise ParameterError(f"unknown --engine {engine!r}; known: {', '.join(ENGINES)}")
    if jobs <= 1:
        yield None, 1
        return
    context = multiprocessing.get_context("forkserver" if os.name == "posix" else "spawn")
    pool = ProcessPoolExecutor(max_workers=jobs, mp_context=context, initializer=_init_worker)
    try:
        yield pool, jobs
    except BaseException:
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    pool.shutdown(wait=True)


def require_dask() -> None:
    """``ParameterError`` (exit 2) before any work when dask.distributed is missing."""
    try:
        import distributed  # noqa: F401
    except ImportError as error:
        from casualties.errors import ParameterError

        raise ParameterError(
            '--engine dask needs dask.distributed: pip install -e ".[dask]"'
        ) from error


@contextmanager
def _dask_executor(jobs: int, scheduler: str | None):
    require_dask()
    from distributed import Client, LocalCluster

    if scheduler:
        with Client(scheduler) as client:
            workers = max(1, len(client.scheduler_info().get("workers", {})))
            yield client.get_executor(), workers
        return
    with (
        LocalCluster(
            n_workers=max(1, jobs),
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
        ) as cluster,
        Client(cluster) as client,
    ):
        yield client.get_executor(), max(1, jobs)
