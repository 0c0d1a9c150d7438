"""Benchmark: the full site build against a floor of trivial notebooks.

    .venv/bin/python benchmarks/bench_build.py            # --jobs = number of cores
    .venv/bin/python benchmarks/bench_build.py --jobs 4

1. build: ``build_site`` on the embedded corpus (extract, clean, analyse, every report
   notebook through papermill in worker processes, nbconvert, index), into a temporary
   folder;
2. floor, in the same run with the same ``--jobs``: as many notebooks as the build ran,
   each only importing pandas, plotly and the package (``casualties`` and the two modules
   every report notebook starts with, ``casualties.charts`` and ``casualties.build.report``;
   not the analyse helpers a report calls), run and exported to HTML by the same runner.
   The floor is what any site of that many notebooks costs: a kernel start, the imports
   and the export per notebook.

Target (issue 6): build at most 1.5 times the floor; every page at most 300 KB besides the
shared plotly.js.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

FLOOR_SOURCE = (
    "import pandas\n"
    "import plotly.graph_objects\n\n"
    "import casualties\n"
    "import casualties.build.report\n"
    "import casualties.charts"
)
PAGE_LIMIT = 300 * 1024


def floor_notebook(path: Path) -> Path:
    import nbformat
    from nbformat.v4 import new_code_cell, new_notebook

    nb = new_notebook(
        cells=[
            new_code_cell(
                'processed_dir: str = ""  # unused, as in the report notebooks',
                metadata={"tags": ["parameters"]},
            ),
            new_code_cell(FLOOR_SOURCE),
        ],
        metadata={"kernelspec": {"name": "python3", "display_name": "Python 3"}},
    )
    nbformat.write(nb, str(path))
    return path


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args()

    from casualties.build.runner import Job, run_jobs
    from casualties.build.site import build_site

    with tempfile.TemporaryDirectory(prefix="bench-build-") as tmp:
        tmp = Path(tmp)
        start = time.perf_counter()
        result = build_site(
            jobs=args.jobs,
            out=tmp / "site",
            processed=tmp / "processed",
            progress=False,
        )
        build_seconds = time.perf_counter() - start
        if result.failures:
            print(f"{len(result.failures)} reports failed; the timing is not comparable")
        pages = sorted((tmp / "site").glob("*.html"))
        sizes = {p.name: p.stat().st_size for p in pages}
        n = len(result.reports)

        notebook = floor_notebook(tmp / "floor.ipynb")
        jobs = [Job(f"floor-{i:03d}", notebook, {}, f"floor {i}") for i in range(n)]
        (tmp / "floor-site").mkdir()
        (tmp / "floor-work").mkdir()
        start = time.perf_counter()
        floor = run_jobs(jobs, tmp / "floor-site", tmp / "floor-work", n_jobs=args.jobs,
                         progress=False)  # fmt: skip
        floor_seconds = time.perf_counter() - start
        assert all(r.ok for r in floor), [r.error for r in floor if not r.ok]

    largest = max(sizes, key=sizes.get)
    ratio = build_seconds / floor_seconds
    print(f"jobs:              {args.jobs}")
    print(f"reports:           {n} notebooks (+ index.html)")
    print(f"build:             {build_seconds:7.1f} s  (pipeline {result.pipeline_seconds:.1f} s)")
    print(f"floor:             {floor_seconds:7.1f} s  ({n} trivial notebooks, same runner)")
    print(
        f"ratio:             {ratio:7.2f}   (target <= 1.5: {'met' if ratio <= 1.5 else 'NOT met'})"
    )
    print(
        f"largest page:      {sizes[largest] / 1024:7.1f} KB ({largest}; target <= 300 KB: "
        f"{'met' if sizes[largest] <= PAGE_LIMIT else 'NOT met'})"
    )
    print(f"median page:       {sorted(sizes.values())[len(sizes) // 2] / 1024:7.1f} KB")
    print(f"pages over 300 KB: {sum(s > PAGE_LIMIT for s in sizes.values())}")
    kinds: dict[str, list[float]] = {}
    for report in result.reports:
        kind = report.name.split("-")[0] if "-" in report.name else report.name
        kinds.setdefault(kind, []).append(report.seconds)
    floor_mean = sum(r.seconds for r in floor) / len(floor)
    per_kind = ", ".join(f"{k} {sum(v) / len(v):.1f}" for k, v in sorted(kinds.items()))
    print(f"seconds/notebook:  {per_kind}; floor {floor_mean:.1f} (in a worker, with export)")
    return 0 if not result.failures else 1


if __name__ == "__main__":
    sys.exit(main())
