"""The whole site: pipeline, one papermill run per report, pages, index."""

from __future__ import annotations

import os
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from casualties import paths
from casualties.errors import ParameterError
from casualties.extract.cache import ExtractCache
from casualties.outputs import (
    GENERATOR_TAG,
    check_output_folder,
    check_site_folder,
    mark_site_folder,
)
from casualties.site import report
from casualties.site.params import (
    REPORT_NAME,
    check_choice,
    check_jobs,
    check_parameters,
    declared_parameters,
    report_names,
)
from casualties.site.registry import KINDS, SHARED_PARAMETERS, Report, reports
from casualties.site.runner import Job, JobResult, Runner, run_jobs


@dataclass(frozen=True)
class BuildResult:
    out_dir: Path
    index: Path
    reports: tuple[JobResult, ...]
    seconds: float
    pipeline_seconds: float
    rejected: int = 0  # claims set aside in claims_rejected.csv (shown on the index)
    #: the corrections file's decisions by status (applied, stale, redundant): decisions.csv
    decisions: dict[str, int] = field(default_factory=dict)

    @property
    def failures(self) -> list[JobResult]:
        return [r for r in self.reports if not r.ok]

    @property
    def ok(self) -> bool:
        return not self.failures

    @property
    def reused(self) -> int:
        """Pages kept from the last build (their inputs did not change)."""
        return sum(r.cached for r in self.reports)

    @property
    def largest_page(self) -> int:
        return max((r.size for r in self.reports), default=0)


def _notebook(notebooks: Path, stem: str) -> Path:
    path = (notebooks / f"{stem}.ipynb").resolve()
    if not path.is_file():
        raise ParameterError(f"notebook not found: {path}")
    return path


def check_notebooks(notebooks: str | os.PathLike, kinds: Sequence[str]) -> dict[str, dict]:
    """Declared parameters of every notebook the build runs (checked before anything runs)."""
    notebooks = Path(notebooks)
    declared = {}
    for entry in reports(kinds):
        path = _notebook(notebooks, entry.name)
        params = declared_parameters(path)
        sample: dict[str, Any] = {"processed_dir": "", "preset": "default", "seed": 0,
                                  "corrections": ""}  # fmt: skip
        if entry.parameter is not None:
            sample[entry.parameter] = ""
        needed = {k: v for k, v in sample.items() if k in params or k not in SHARED_PARAMETERS}
        check_parameters(path, needed, params)
        declared[entry.name] = params
    return declared


def _incident_subjects(results):
    """(incident id, page name, title, index summary) of every incident page."""
    incidents = results.incidents.set_index("incident_id")
    known = results.incidents["incident_id"].astype(str)
    ids = report.report_incidents(results)
    for incident_id, name in report_names("incident", ids).items():
        check_choice("incident id", incident_id, known)
        row = incidents.loc[incident_id]
        summary = {
            "date": row.get("date_start"),
            "province": row.get("province"),
            "claims": row.get("n_claims"),
            "claimants": row.get("claimant_types"),
            "killed (best)": row.get("killed_best"),
        }
        yield incident_id, name, f"Incident {incident_id}: {row.get('label', '')}", summary


def _province_subjects(results):
    """(province, page name, title, index summary) of every province page."""
    provinces = report.report_provinces(results)
    counts = results.claims["province"].value_counts()
    for province, name in report_names("province", provinces).items():
        check_choice("province", province, provinces)
        summary = {
            "claims": int(counts.get(province, 0)),
            "incidents": len(report.province_incidents(results, province)),
        }
        yield province, name, f"Province: {province}", summary


#: The pages of a per-subject kind of report (a kind of the registry but ``general``).
SUBJECTS = {"incident": _incident_subjects, "province": _province_subjects}


def plan_jobs(
    results,
    *,
    processed_dir: str | os.PathLike,
    preset: str = "default",
    seed: int = 0,
    notebooks: str | os.PathLike = paths.NOTEBOOKS,
    kinds: Sequence[str] = KINDS,
    declared: dict[str, dict] | None = None,
    corrections: str = "",
) -> list[Job]:
    """Every page of the site's reports, with checked parameters and a safe page name.
    ``corrections``: the notebooks' parameter (the file the pipeline applied, or "none")."""
    notebooks = Path(notebooks)
    if declared is None:
        declared = check_notebooks(notebooks, kinds)
    shared = {"processed_dir": str(Path(processed_dir).resolve()), "preset": preset, "seed": seed,
              "corrections": corrections}  # fmt: skip

    def job(entry: Report, name: str, title: str, extra: dict, summary: dict) -> Job:
        path = _notebook(notebooks, entry.name)
        values = {k: v for k, v in shared.items() if k in declared[entry.name]} | extra
        params = check_parameters(path, values, declared[entry.name])
        return Job(name, path, params, title, entry.kind, summary)

    jobs = []
    for entry in reports(kinds):
        if entry.kind == "general":
            jobs.append(job(entry, entry.name, entry.title, {}, {"contents": entry.about}))
            continue
        for subject, name, title, summary in SUBJECTS[entry.kind](results):
            jobs.append(job(entry, name, title, {entry.parameter: subject}, summary))
    return jobs


def site_summary(results) -> list[tuple[str, Any]]:
    """Rows of the index's summary table."""
    rows = [(r["what"], r["count"]) for r in report.corpus_summary(results).to_dict("records")]
    if "corrected_fields" in results.claims:
        corrected = int((results.claims["corrected_fields"].astype(str) != "").sum())
        rows.append(("claims corrected by analysts' decisions", corrected))
    totals = results.totals
    overall = totals[totals["grouping"] == "all"]
    for record in overall.to_dict("records"):
        rows.append(
            (
                f"total {record['outcome']} ({record['preset']} preset)",
                f"median {record['p50']:,.0f}, 90% interval {record['p05']:,.0f} to "
                f"{record['p95']:,.0f} (sum of bests {record['best_sum']:,.0f})",
            )
        )
    return rows


def remove_stale_pages(out_dir: Path, keep: Sequence[str]) -> list[Path]:
    """Delete report pages of earlier builds that this build did not plan (an incident
    that no longer exists...). Only pages this tool wrote are touched: a safe report name
    and the ``casualties`` generator tag."""
    removed = []
    keep = set(keep) | {"index"}
    for path in out_dir.glob("*.html"):
        if path.stem in keep or not REPORT_NAME.fullmatch(path.stem):
            continue
        with open(path, encoding="utf-8", errors="replace") as handle:
            head = handle.read(2048)
        if GENERATOR_TAG in head:
            path.unlink()
            removed.append(path)
    return removed


def build_reports(
    results,
    *,
    processed_dir: str | os.PathLike,
    out: str | os.PathLike = paths.REPORTS,
    jobs: int | None = None,
    preset: str = "default",
    seed: int = 0,
    notebooks: str | os.PathLike = paths.NOTEBOOKS,
    kinds: Sequence[str] = KINDS,
    progress: bool = True,
    declared: dict[str, dict] | None = None,
    runner: Runner | None = None,
    reuse: bool = True,
    corrections: str = "",
) -> tuple[Path, list[JobResult]]:
    """Run the report notebooks on ``results`` and write pages and index to ``out``.
    ``reuse``: a page whose inputs did not change since the last build is kept as it is
    (``casualties.site.pagecache``) instead of being executed again."""
    from casualties.site import pagecache
    from casualties.site.datafiles import write_data_folder
    from casualties.site.export import write_assets
    from casualties.site.index import write_incident_list, write_index

    planned = plan_jobs(
        results,
        processed_dir=processed_dir,
        preset=preset,
        seed=seed,
        notebooks=notebooks,
        kinds=kinds,
        declared=declared,
        corrections=corrections,
    )
    out_dir = Path(out)
    check_site_folder(out_dir)
    mark_site_folder(out_dir)
    write_assets(out_dir)
    names = [job.name for job in planned]
    keys = {job.name: pagecache.page_key(job, results, processed_dir, names) for job in planned}
    known = pagecache.read_manifest(out_dir) if reuse else {}
    kept = {
        job.name: JobResult(job.name, True, 0.0, page=page, size=page.stat().st_size, cached=True)
        for job in planned
        if known.get(job.name) == keys[job.name]
        and (page := out_dir / f"{job.name}.html").is_file()
    }
    todo = [job for job in planned if job.name not in kept]
    if runner is not None:
        ran = runner.run(todo)
    else:
        n_jobs = check_jobs(jobs, len(planned))
        with tempfile.TemporaryDirectory(prefix="casualties-build-") as work:
            ran = run_jobs(todo, out_dir, work, n_jobs=n_jobs, progress=progress) if todo else []
    by_name = kept | {r.name: r for r in ran}
    outcomes = [by_name[name] for name in names]
    pagecache.write_manifest(out_dir, {r.name: keys[r.name] for r in outcomes if r.ok})
    remove_stale_pages(out_dir, [job.name for job in planned])
    data_page = write_data_folder(processed_dir, out_dir, results)
    index = write_index(
        out_dir,
        planned,
        outcomes,
        site_summary(results),
        rejected=report.load_rejected(processed_dir),
        decisions=report.load_decisions(processed_dir),
        intro=(
            (report.empty_notice(results) + " ").lstrip()
            + "Casualty claims read from news articles, compared across claimants. "
            "Every figure is a range (low, best, high) under the "
            f"'{preset}' convention preset; tables and hover labels quote the sentence "
            "each claim was read from."
        ),
        data_page=data_page.name,
        incidents=write_incident_list(out_dir, results, planned, outcomes),
    )
    return index, outcomes


def build_site(
    inputs: Sequence[str | os.PathLike] | None = None,
    *,
    jobs: int | None = None,
    preset: str = "default",
    out: str | os.PathLike = paths.REPORTS,
    processed: str | os.PathLike | None = None,
    seed: int = 0,
    notebooks: str | os.PathLike = paths.NOTEBOOKS,
    kinds: Sequence[str] = KINDS,
    progress: bool = True,
    strict: bool = False,
    engine: str = "local",
    scheduler: str | None = None,
    cache: bool = True,
    corrections: str | os.PathLike | None = "",
) -> BuildResult:
    """extract -> clean -> analyse -> every report notebook -> ``out/index.html``.

    Parameters are checked before anything runs (``ParameterError``, nothing written),
    ``out`` among them: a new or empty folder or an earlier site of this tool
    (``casualties.outputs.check_site_folder``). A corpus without claims gives a site that
    says so.
    A claim that cannot be cleaned is set aside (``claims_rejected.csv``, the index's
    "problems" section) unless ``strict``: then it is an ``InputError`` and nothing is
    written. A failing notebook does not stop the others: it is listed in
    ``BuildResult.failures`` and on the index page. The worker processes start while the
    pipeline runs. Articles are extracted in ``jobs`` processes (or on Dask: ``engine``,
    ``scheduler``), served from the extraction cache unless ``cache`` is False; pages whose
    inputs did not change are kept unless ``cache`` is False. ``corrections``: analysts'
    decisions (docs/corrections.md): "" the default file when it exists, None or "none" no
    corrections, else the file (read and checked first); ``decisions.csv`` and the index say
    what became of each decision.
    """
    from casualties.corrections import read_corrections
    from casualties.corrections.options import NONE, notebook_corrections
    from casualties.figures import load_preset

    start = time.perf_counter()
    # Only the general reports: their number is known before the pipeline runs.
    n_jobs = check_jobs(jobs, len(reports(kinds)) if tuple(kinds) == ("general",) else None)
    load_preset(preset)
    if isinstance(seed, bool) or not isinstance(seed, int) or seed < 0:
        raise ParameterError(f"seed must be a non-negative integer, got {seed!r}")
    unknown = sorted(set(kinds) - set(KINDS))
    if unknown or not kinds:
        raise ParameterError(f"unknown report kinds {unknown}; known: {', '.join(KINDS)}")
    processed_dir = Path(processed) if processed is not None else paths.PROCESSED
    check_site_folder(out)
    check_output_folder("--processed", processed_dir)
    declared = check_notebooks(notebooks, kinds)
    corrections_file = notebook_corrections(corrections)
    decided = read_corrections(corrections_file) if corrections_file is not None else None
    with (
        tempfile.TemporaryDirectory(prefix="casualties-build-") as work,
        Runner(out, work, n_jobs=n_jobs, progress=progress) as runner,
    ):
        store = ExtractCache(processed_dir / "cache" / "extract", deferred=True)
        extraction = {
            "jobs": n_jobs,
            "engine": engine,
            "scheduler": scheduler,
            "cache": store if cache else None,
        }
        results = report.run_pipeline(
            inputs, processed_dir, preset=preset, seed=seed, strict=strict,
            extraction=extraction, corrections=decided,
        )  # fmt: skip
        store.commit()  # the pipeline succeeded: keep what was extracted
        pipeline_seconds = time.perf_counter() - start
        index, outcomes = build_reports(
            results,
            processed_dir=processed_dir,
            out=out,
            jobs=n_jobs,
            preset=preset,
            seed=seed,
            notebooks=notebooks,
            kinds=kinds,
            progress=progress,
            declared=declared,
            runner=runner,
            reuse=cache,
            corrections=str(corrections_file.resolve()) if corrections_file else NONE,
        )
    rejected = len(report.load_rejected(processed_dir))
    decisions = report.load_decisions(processed_dir)["status"].value_counts()
    seconds = time.perf_counter() - start
    return BuildResult(
        Path(out), index, tuple(outcomes), seconds, pipeline_seconds, rejected,
        {str(status): int(n) for status, n in sorted(decisions.items())},
    )  # fmt: skip
