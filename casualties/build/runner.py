"""Run notebooks through papermill in worker processes and export each to a page.

Each worker process starts its own kernels (papermill starts one per notebook) with its
own working directory; nothing is shared between workers but the job description. A
kernelspec pointing at this interpreter is written into the build's work folder and put
first on ``JUPYTER_PATH``, so notebooks run with the same venv as the build whatever
kernels the user has installed.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import sys
import time
import traceback
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from casualties.build.params import report_path
from casualties.errors import ParameterError

KERNEL_NAME = "casualties-python"
CELL_TIMEOUT = 600  # seconds per cell


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


def _init_worker(jupyter_dir: str) -> None:
    existing = os.environ.get("JUPYTER_PATH", "")
    os.environ["JUPYTER_PATH"] = jupyter_dir + (os.pathsep + existing if existing else "")
    os.environ.setdefault("PYDEVD_DISABLE_FILE_VALIDATION", "1")
    os.environ.setdefault("MPLBACKEND", "Agg")


# Cells papermill adds to the executed copy: not counted when naming the failing cell.
_ADDED_TAGS = {"injected-parameters", "papermill-error-cell-tag"}


def _failing_cell(nb) -> tuple[int | None, str]:
    """Index (in the notebook file, from 0) and source of the first cell that raised."""
    index = 0
    for cell in nb.cells:
        if _ADDED_TAGS & set(cell.get("metadata", {}).get("tags", [])):
            continue
        for output in cell.get("outputs", []):
            if output.get("output_type") == "error":
                return index, cell.get("source", "")
        index += 1
    return None, ""


def run_job(job: Job, out_dir: str, work_dir: str) -> JobResult:
    """Execute ``job`` with papermill and write its page; never raises."""
    start = time.perf_counter()
    page = report_path(out_dir, job.name)
    executed = Path(work_dir) / f"{job.name}.ipynb"
    try:
        import nbformat
        import papermill
        from papermill.exceptions import PapermillExecutionError

        from casualties.build.export import export_page

        try:
            papermill.execute_notebook(
                str(job.notebook),
                str(executed),
                parameters=dict(job.parameters),
                kernel_name=KERNEL_NAME,
                cwd=str(job.notebook.parent),
                progress_bar=False,
                log_output=False,
                execution_timeout=CELL_TIMEOUT,
            )
        except PapermillExecutionError as error:
            nb = nbformat.read(str(executed), as_version=4) if executed.exists() else None
            index, source = _failing_cell(nb) if nb is not None else (None, error.source)
            _remove_stale(page)
            return JobResult(
                job.name,
                False,
                time.perf_counter() - start,
                error=f"{error.ename}: {error.evalue}",
                cell_index=index,
                cell_source=source or error.source,
            )
        nb = nbformat.read(str(executed), as_version=4)
        size = export_page(nb, job.title, page)
        return JobResult(job.name, True, time.perf_counter() - start, page=page, size=size)
    except Exception as error:  # a broken report must not stop the others
        _remove_stale(page)
        detail = "".join(traceback.format_exception_only(type(error), error)).strip()
        return JobResult(job.name, False, time.perf_counter() - start, error=detail)


def _remove_stale(page: Path) -> None:
    # A page left from an earlier build would look like a current, working report.
    try:
        page.unlink()
    except FileNotFoundError:
        pass


def run_jobs(
    jobs: Sequence[Job],
    out_dir: str | os.PathLike,
    work_dir: str | os.PathLike,
    *,
    n_jobs: int,
    progress: bool = True,
    on_result: Callable[[JobResult], None] | None = None,
) -> list[JobResult]:
    """Run every job in ``n_jobs`` worker processes; results in the order of ``jobs``."""
    out_dir, work_dir = str(Path(out_dir).resolve()), str(Path(work_dir).resolve())
    jupyter_dir = str(install_kernelspec(Path(work_dir) / "jupyter"))
    names = [job.name for job in jobs]
    if len(set(names)) != len(names):
        raise ParameterError(f"two reports share a name: {sorted(names)}")
    for job in jobs:  # fail before starting anything if a name is unsafe
        report_path(out_dir, job.name)
    results: dict[str, JobResult] = {}
    if not jobs:
        return []
    from tqdm.auto import tqdm

    context = multiprocessing.get_context("forkserver" if os.name == "posix" else "spawn")
    bar = tqdm(total=len(jobs), desc="reports", unit="nb", disable=not progress)
    with ProcessPoolExecutor(
        max_workers=min(n_jobs, len(jobs)),
        mp_context=context,
        initializer=_init_worker,
        initargs=(jupyter_dir,),
    ) as pool:
        futures = {pool.submit(run_job, job, out_dir, work_dir): job for job in jobs}
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
