"""Run notebooks through papermill in worker processes and export each to a page.

Each worker process keeps one warm kernel (``casualties.site.warm``, the
``casualties-warm`` papermill engine) that runs its notebooks one after another, each in a
fresh namespace; ``warm=False`` is plain papermill, a kernel per notebook. Nothing is shared
between workers but the job description. A
kernelspec pointing at this interpreter is written into the build's work folder and put
first on ``JUPYTER_PATH``, so notebooks run with the same venv as the build whatever
kernels the user has installed.
"""

from __future__ import annotations

import json
import logging
import multiprocessing
import os
import re
import signal
import sys
import time
import traceback
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from casualties.errors import ParameterError
from casualties.site.params import report_path

KERNEL_NAME = "casualties-python"
CELL_TIMEOUT = 600  # seconds per cell
STOP_SECONDS = 10  # an interrupted build waits this long for its workers, then kills them


@dataclass(frozen=True)
class Job:
    """One report: a notebook, its parameters and the page it becomes."""

    name: str  # safe report name, the page is ``<name>.html``
    notebook: Path
    parameters: Mapping[str, Any]
    title: str
    kind: str = "report"  # overview, incident, province... (the index groups by it)
    summary: Mapping[str, Any] = field(default_factory=dict)  # shown in the index


@dataclass(frozen=True)
class JobResult:
    name: str
    ok: bool
    seconds: float
    page: Path | None = None
    size: int = 0
    error: str = ""  # "ValueError: ..." for a failing notebook
    cell_index: int | None = None  # the failing cell, counted from 0 as in the notebook file
    cell_source: str = ""
    attempts: int = 1  # kernel starts: 2 when the first kernel died
    cached: bool = False  # the page of the last build, kept: its inputs did not change


def install_kernelspec(folder: str | os.PathLike) -> Path:
    """Write (idempotently) a kernelspec running ``sys.executable`` under ``folder/kernels``."""
    spec_dir = Path(folder) / "kernels" / KERNEL_NAME
    spec = {
        "argv": [
            sys.executable,
            "-m",
            "ipykernel_launcher",
            "-f",
            "{connection_file}",
            "--IPKernelApp.log_level=CRITICAL",
        ],
        "display_name": "Python (casualties build)",
        "language": "python",
    }
    text = json.dumps(spec, indent=1)
    path = spec_dir / "kernel.json"
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        spec_dir.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return Path(folder)


def _stop_worker(signum: int, frame) -> None:
    # SIGTERM from the runner (an interrupted build): unwind, so that papermill shuts its
    # kernel down and an atomic write in progress removes its temporary file. The kernel's
    # pending tasks then fail with DeadKernelError: expected, not worth a traceback.
    logging.getLogger("asyncio").disabled = True
    raise SystemExit(128 + signum)


def _init_worker(jupyter_dir: str) -> None:
    # Ctrl-C reaches the whole process group: the build's main process handles it and stops
    # the workers itself (SIGTERM), so that none is left behind half-way through a page.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, _stop_worker)
    # A warm kernel's event loop outlives a notebook: when a kernel dies (or the build stops
    # the worker) asyncio would print "Task exception was never retrieved" with a traceback;
    # the runner reports the failure itself.
    logging.getLogger("asyncio").setLevel(logging.CRITICAL)
    existing = os.environ.get("JUPYTER_PATH", "")
    os.environ["JUPYTER_PATH"] = jupyter_dir + (os.pathsep + existing if existing else "")
    os.environ.setdefault("PYDEVD_DISABLE_FILE_VALIDATION", "1")
    os.environ.setdefault("MPLBACKEND", "Agg")


def _cell_index(nb, source: str) -> int | None:
    """Index (from 0, in the notebook file) of the code cell whose source is ``source``."""
    for index, cell in enumerate(nb.cells):
        if cell.cell_type == "code" and cell.source == source:
            return index
    return None


#: Errors of a kernel that died or hung while starting, before any cell ran (jupyter_client's
#: ``wait_for_ready``): worth one retry with a fresh kernel, unlike a failing cell.
KERNEL_START_FAILURE = re.compile(
    r"kernel died before replying to kernel_info|kernel didn't respond in \d+ seconds", re.I
)
ATTEMPTS = 2  # a notebook whose kernel dies before its first cell is run once more


def kernel_start_failed(error: BaseException) -> bool:
    """Did the kernel die (or hang) before running a cell? Failing cells are not retried."""
    return isinstance(error, RuntimeError | TimeoutError) and bool(
        KERNEL_START_FAILURE.search(str(error))
    )


def kernel_died(error: BaseException) -> bool:
    """A kernel that died at start or while running (nbclient's ``DeadKernelError``): the
    notebook is worth one more run on a fresh kernel. A failing cell is not."""
    from nbclient.exceptions import DeadKernelError

    return isinstance(error, DeadKernelError) or kernel_start_failed(error)


def _execute(job: Job, warm: bool = True):
    import papermill

    from casualties.site.warm import ENGINE

    # No output path: papermill would rewrite the whole notebook after every cell.
    return papermill.execute_notebook(
        str(job.notebook),
        None,
        engine_name=ENGINE if warm else None,
        parameters=dict(job.parameters),
        kernel_name=KERNEL_NAME,
        cwd=str(job.notebook.parent),
        progress_bar=False,
        log_output=False,
        request_save_on_cell_execute=False,
        execution_timeout=CELL_TIMEOUT,
    )


def run_job(job: Job, out_dir: str, work_dir: str, warm: bool = True) -> JobResult:
    """Execute ``job`` with papermill (on the worker's warm kernel unless ``warm`` is
    False) and write its page; never raises. A kernel that dies is replaced once by a fresh
    one and the notebook run again; only a second failure fails."""
    start = time.perf_counter()
    page = report_path(out_dir, job.name)
    attempt = 1
    try:
        import nbformat
        from papermill.exceptions import PapermillExecutionError

        from casualties.site.export import export_page

        while True:
            try:
                nb = _execute(job, warm)
                break
            except PapermillExecutionError as error:
                source = nbformat.read(str(job.notebook), as_version=4)
                _remove_stale(page)
                return JobResult(
                    job.name,
                    False,
                    time.perf_counter() - start,
                    error=f"{error.ename}: {error.evalue}",
                    cell_index=_cell_index(source, error.source),
                    cell_source=error.source,
                    attempts=attempt,
                )
            except Exception as error:
                if attempt >= ATTEMPTS or not kernel_died(error):
                    raise
                attempt += 1
        size = export_page(nb, job.title, page)
        seconds = time.perf_counter() - start
        return JobResult(job.name, True, seconds, page=page, size=size, attempts=attempt)
    except Exception as error:  # a broken report must not stop the others
        _remove_stale(page)
        detail = "".join(traceback.format_exception_only(type(error), error)).strip()
        if attempt > 1:
            detail += f" (after {attempt} kernel starts)"
        seconds = time.perf_counter() - start
        return JobResult(job.name, False, seconds, error=detail, attempts=attempt)


def _remove_stale(page: Path) -> None:
    # A page left from an earlier build would look like a current, working report.
    try:
        page.unlink()
    except FileNotFoundError:
        pass


def _warm_up(kernel: bool = True) -> None:
    """Import what a worker needs (papermill, nbconvert, the page template) ahead of time
    and start its warm kernel (with the reports' imports done)."""
    import papermill  # noqa: F401

    from casualties.site.export import warm_up

    warm_up()
    if kernel:
        from casualties.site.warm import preload

        try:
            preload(KERNEL_NAME)
        except Exception:  # the first report starts (or fails to start) a kernel itself
            pass


class Runner:
    """A pool of worker processes that run report jobs.

    Workers start (and import papermill and nbconvert) as soon as the runner is created, so
    that this overlaps whatever the caller does before ``run`` (the site build: the
    pipeline).
    """

    def __init__(
        self,
        out_dir: str | os.PathLike,
        work_dir: str | os.PathLike,
        *,
        n_jobs: int,
        progress: bool = True,
        warm: bool = True,
        warm_kernels: bool = True,
    ) -> None:
        self.out_dir = str(Path(out_dir).resolve())
        self.work_dir = str(Path(work_dir).resolve())
        self.progress = progress
        self.warm_kernels = warm_kernels
        jupyter_dir = str(install_kernelspec(Path(self.work_dir) / "jupyter"))
        context = multiprocessing.get_context("forkserver" if os.name == "posix" else "spawn")
        self.pool = ProcessPoolExecutor(
            max_workers=n_jobs,
            mp_context=context,
            initializer=_init_worker,
            initargs=(jupyter_dir,),
        )
        self._warming = (
            [self.pool.submit(_warm_up, warm_kernels) for _ in range(n_jobs)] if warm else []
        )

    def __enter__(self) -> Runner:
        return self

    def __exit__(self, exc_type, *exc_info) -> None:
        self.close(stop=exc_type is not None)

    def close(self, *, stop: bool = False) -> None:
        """Wait for the workers to finish; ``stop`` (Ctrl-C, an error): stop them now."""
        if not stop:
            self.pool.shutdown(wait=True, cancel_futures=True)
            return
        processes = list((getattr(self.pool, "_processes", None) or {}).values())
        self.pool.shutdown(wait=False, cancel_futures=True)
        for process in processes:
            if process.is_alive():
                process.terminate()
        deadline = time.monotonic() + STOP_SECONDS
        for process in processes:
            process.join(max(0.0, deadline - time.monotonic()))
            if process.is_alive():
                process.kill()
                process.join(1)

    def run(
        self, jobs: Sequence[Job], on_result: Callable[[JobResult], None] | None = None
    ) -> list[JobResult]:
        """Run every job; results in the order of ``jobs``."""
        names = [job.name for job in jobs]
        if len(set(names)) != len(names):
            raise ParameterError(f"two reports share a name: {sorted(names)}")
        for job in jobs:  # fail before starting anything if a name is unsafe
            report_path(self.out_dir, job.name)
        if not jobs:
            return []
        from tqdm.auto import tqdm

        results: dict[str, JobResult] = {}
        bar = tqdm(total=len(jobs), desc="reports", unit="nb", disable=not self.progress)
        futures = {
            self.pool.submit(run_job, job, self.out_dir, self.work_dir, self.warm_kernels): job
            for job in jobs
        }
        for future in as_completed(futures):
            job = futures[future]
            try:
                result = future.result()
            except Exception as error:  # e.g. a worker killed by the OS
                result = JobResult(job.name, False, 0.0, error=f"worker failed: {error!r}")
            results[job.name] = result
            bar.set_postfix_str(job.name[:30], refresh=False)
            bar.update(1)
            if on_result is not None:
                on_result(result)
        bar.close()
        return [results[job.name] for job in jobs]


def run_jobs(
    jobs: Sequence[Job],
    out_dir: str | os.PathLike,
    work_dir: str | os.PathLike,
    *,
    n_jobs: int,
    progress: bool = True,
    on_result: Callable[[JobResult], None] | None = None,
    warm_kernels: bool = True,
) -> list[JobResult]:
    """Run every job in ``n_jobs`` worker processes; results in the order of ``jobs``.
    ``warm_kernels=False``: plain papermill, a kernel per notebook."""
    with Runner(
        out_dir,
        work_dir,
        n_jobs=max(1, min(n_jobs, len(jobs))),
        progress=progress,
        warm=False,
        warm_kernels=warm_kernels,
    ) as runner:
        return runner.run(jobs, on_result)
