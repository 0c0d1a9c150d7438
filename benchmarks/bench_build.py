"""Benchmark: the full site build against a floor of trivial notebooks, at three sizes.

    .venv/bin/python benchmarks/bench_build.py                       # embedded, 100, 1000
    .venv/bin/python benchmarks/bench_build.py --sizes embedded,100 --jobs 2

Per size (the embedded corpus; about 100 and about 1,000 articles of the extract
benchmark's synthetic corpus):

1. build: ``build_site`` (extract, clean, analyse, every report notebook on the workers'
   warm kernels, nbconvert, index) into a temporary folder, with no cache;
2. floor, in the same run with the same ``--jobs``: as many notebooks as the build ran,
   each only importing pandas, plotly and the package, through plain papermill (a kernel
   per notebook) and exported by the same runner: what a site of that many notebooks
   costs the kernel-per-notebook way;
3. a rebuild after adding one article: how many articles are extracted again and how
   many pages are kept.

Targets (issue 11): build at most 0.5 times the floor, seconds per page flat (the largest
size's at most 1.5 times the smallest's: a page must not cost more as the corpus grows),
every page at most 300 KB besides the shared plotly.js.
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
    "import casualties.site.report\n"
    "import casualties.site.charts"
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


def corpus_for(size: str, folder: Path) -> list[Path] | None:
    """The input of one size: None (the embedded corpus) or a synthetic JSON Lines file."""
    if size == "embedded":
        return None
    from bench_extract import make_corpus

    path = folder / f"corpus-{size}.jsonl"
    make_corpus(path, int(size) * 5_480 / 1_000_000)  # about 5.5 KB per article
    return [path]


ADDED = {"id": "bench-added", "title": "Added", "outlet": "Bench", "published": "2019-09-20",
         "text": "HERAT - Police said 7 civilians were killed in Herat on Thursday."}  # fmt: skip


def measure(size: str, jobs: int, tmp: Path) -> dict:
    import json

    from casualties.site.build import build_site
    from casualties.site.runner import Job, run_jobs

    folder = tmp / size
    folder.mkdir()
    inputs = corpus_for(size, folder)
    options = {"jobs": jobs, "out": folder / "site", "processed": folder / "processed"}
    start = time.perf_counter()
    result = build_site(inputs, progress=False, cache=False, **options)
    build_seconds = time.perf_counter() - start
    sizes = {p.name: p.stat().st_size for p in (folder / "site").glob("*.html")}
    n = len(result.reports)

    notebook = floor_notebook(folder / "floor.ipynb")
    floor_jobs = [Job(f"floor-{i:04d}", notebook, {}, f"floor {i}") for i in range(n)]
    (folder / "floor-site").mkdir()
    (folder / "floor-work").mkdir()
    start = time.perf_counter()
    floor = run_jobs(floor_jobs, folder / "floor-site", folder / "floor-work", n_jobs=jobs,
                     progress=False, warm_kernels=False)  # fmt: skip
    floor_seconds = time.perf_counter() - start
    assert all(r.ok for r in floor), [r.error for r in floor if not r.ok]

    rebuild = {}
    if inputs is not None:
        build_site(inputs, progress=False, **options)  # fills the caches
        with open(inputs[0], "a", encoding="utf-8") as handle:
            handle.write(json.dumps(ADDED) + "\n")
        from casualties.extract import parallel

        seen = []
        real = parallel.claim_rows

        def counting(*args, **kwargs):
            stats = kwargs.setdefault("stats", parallel.ExtractStats())
            yield from real(*args, **kwargs)
            seen.append(stats.extracted)

        import casualties.extract.api as api

        api.claim_rows = counting
        start = time.perf_counter()
        again = build_site(inputs, progress=False, **options)
        rebuild = {"seconds": time.perf_counter() - start, "extracted": seen[-1],
                   "kept": again.reused, "pages": len(again.reports)}  # fmt: skip
        api.claim_rows = real
    largest = max(sizes, key=sizes.get)
    return {
        "size": size,
        "articles": sum(1 for _ in open(inputs[0])) if inputs else 12,
        "pages": n,
        "failed": len(result.failures),
        "build": build_seconds,
        "pipeline": result.pipeline_seconds,
        "floor": floor_seconds,
        "largest": (largest, sizes[largest]),
        "over": sum(v > PAGE_LIMIT for v in sizes.values()),
        "rebuild": rebuild,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--sizes", default="embedded,100,1000", help="comma-separated sizes")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT / "benchmarks"))
    rows = []
    with tempfile.TemporaryDirectory(prefix="bench-build-") as tmp:
        for size in args.sizes.split(","):
            row = measure(size.strip(), args.jobs, Path(tmp))
            rows.append(row)
            print_row(row, args.jobs)
    per_page = [r["build"] / r["pages"] for r in rows if r["pages"]]
    if len(per_page) > 1:
        # the target is that a page costs no more as the corpus grows (it was linear in the
        # number of incidents); at small sizes the pipeline's fixed cost weighs on each page
        growth = per_page[-1] / per_page[0]
        print(f"seconds per page, largest size / smallest size: {growth:.2f} (target <= 1.5: "
              f"{'met' if growth <= 1.5 else 'NOT met'}); highest / lowest of the sizes: "
              f"{max(per_page) / min(per_page):.2f}")  # fmt: skip
    return 0 if not any(r["failed"] for r in rows) else 1


def print_row(row: dict, jobs: int) -> None:
    ratio = row["build"] / row["floor"]
    name, size = row["largest"]
    print(f"== {row['size']}: {row['articles']} articles, --jobs {jobs}")
    print(f"pages:             {row['pages']} notebooks (+ index.html), {row['failed']} failed")
    print(f"build:             {row['build']:7.1f} s  (pipeline {row['pipeline']:.1f} s)")
    print(f"floor:             {row['floor']:7.1f} s  (import-only notebooks, plain papermill)")
    print(
        f"ratio:             {ratio:7.2f}   (target <= 0.5: {'met' if ratio <= 0.5 else 'NOT met'})"
    )
    print(f"seconds per page:  {row['build'] / max(1, row['pages']):7.3f}")
    print(
        f"largest page:      {size / 1024:7.1f} KB ({name}; target <= 300 KB: "
        f"{'met' if size <= PAGE_LIMIT else 'NOT met'}); pages over 300 KB: {row['over']}"
    )
    if row["rebuild"]:
        r = row["rebuild"]
        print(
            f"one article added: {r['extracted']} article(s) extracted, {r['kept']} of "
            f"{r['pages']} pages kept, {r['seconds']:.1f} s"
        )
    sys.stdout.flush()


if __name__ == "__main__":
    sys.exit(main())
