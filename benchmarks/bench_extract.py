"""Benchmark the claim extractor: throughput (MB/s) and peak memory on a synthetic corpus.

The corpus is the embedded articles repeated, with figures and names varied so that no two
articles are the same (the corpus reader drops duplicates), written as JSON Lines to a
temporary folder. Two child processes are timed on it, side by side:

- baseline: just read the articles (``casualties.corpus.iter_articles``);
- extract: read and extract every claim, streamed to a CSV (``write_claims``, the CLI path);
- the same with ``--jobs 2`` (two worker processes) and on a Dask local cluster of two
  processes (``--engine dask``), when dask.distributed is installed; each output is
  compared byte for byte with the one-process table.

Each child reports its own peak RSS (``resource.getrusage``), so memory growth shows as the
difference between a small and a large corpus (``--mb 100``: target under 500 MB).

    .venv/bin/python benchmarks/bench_extract.py            # 20 MB
    .venv/bin/python benchmarks/bench_extract.py --mb 100   # the memory check
"""

from __future__ import annotations

import argparse
import json
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

NAMES = [
    ("Herat", "Kandahar"), ("Kabul", "Jalalabad"), ("Helmand", "Uruzgan"), ("Takhar", "Kunduz"),
    ("Rahimi", "Karimi"), ("Amarkhil", "Stanekzai"), ("Khaze", "Popal"), ("Ghor", "Faryab"),
]  # fmt: skip
NUMBER = re.compile(r"\b\d{1,3}\b")


def make_corpus(path: Path, megabytes: float, seed: int = 0) -> tuple[int, int]:
    """Write the synthetic corpus; returns (articles, bytes)."""
    from casualties.corpus import read_articles

    rng = random.Random(seed)
    articles = read_articles()
    target = int(megabytes * 1_000_000)
    written = count = 0
    with open(path, "w", encoding="utf-8") as handle:
        while written < target:
            article = articles[count % len(articles)]
            text = NUMBER.sub(lambda m: str(int(m.group()) + rng.randint(0, 9)), article.text)
            for old, new in rng.sample(NAMES, 3):
                text = text.replace(old, new)
            record = {
                "id": f"syn{count:07d}",
                "title": f"{article.title} ({count})",
                "outlet": article.outlet,
                "published": article.published,
                "text": text,
            }
            line = json.dumps(record, ensure_ascii=False) + "\n"
            handle.write(line)
            written += len(line.encode("utf-8"))
            count += 1
    return count, written


def child(mode: str, corpus: Path, out: Path | None) -> None:
    """Run one measured task and print its figures as JSON."""
    start, cpu_start = time.perf_counter(), time.process_time()
    if mode == "read":
        from casualties.corpus import iter_articles

        articles = sum(1 for _ in iter_articles([corpus]))
        result = {"articles": articles}
    else:
        from casualties.extract import write_claims

        engine, _, jobs = mode.partition(":")
        result = write_claims([corpus], out, jobs=int(jobs or 1), engine=engine or "local")
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu_start
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({**result, "seconds": seconds, "cpu": cpu, "peak_mb": peak_kb / 1024}))


def run_child(mode: str, corpus: Path, out: Path) -> dict:
    command = [sys.executable, __file__, "--child", mode, str(corpus), str(out)]
    done = subprocess.run(command, capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=20.0, help="corpus size in MB (default 20)")
    parser.add_argument(
        "--child", nargs=3, metavar=("MODE", "CORPUS", "OUT"), help=argparse.SUPPRESS
    )
    args = parser.parse_args(argv)
    if args.child:
        mode, corpus, out = args.child
        child(mode, Path(corpus), Path(out))
        return 0
    if args.mb <= 0:
        parser.error("--mb must be positive")
    with tempfile.TemporaryDirectory(prefix="bench_extract_") as tmp:
        corpus = Path(tmp) / "corpus.jsonl"
        articles, size = make_corpus(corpus, args.mb)
        megabytes = size / 1_000_000
        print(f"synthetic corpus: {articles} articles, {megabytes:.1f} MB")
        read = run_child("read", corpus, Path(tmp) / "unused.csv")
        extracted = run_child("local:1", corpus, Path(tmp) / "claims.csv")
        parallel = {"--jobs 2": run_child("local:2", corpus, Path(tmp) / "claims2.csv")}
        try:
            import distributed  # noqa: F401

            parallel["dask, 2 processes"] = run_child("dask:2", corpus, Path(tmp) / "dask.csv")
        except ImportError:
            print("(dask.distributed not installed: no Dask figure)")
        expected = (Path(tmp) / "claims.csv").read_bytes()
        same = {
            name: (Path(tmp) / file).read_bytes() == expected
            for name, file in zip(parallel, ("claims2.csv", "dask.csv"), strict=False)
        }
    print("(MB/s on CPU time of one process: one core; wall time depends on the machine's load)")
    for name, figures in (("baseline: read articles", read), ("read + extract claims", extracted)):
        print(
            f"{name:24s} wall {figures['seconds']:6.1f} s  cpu {figures['cpu']:6.1f} s  "
            f"{megabytes / figures['cpu']:6.2f} MB/s  peak RSS {figures['peak_mb']:5.0f} MB"
        )
    print(
        f"claims: {extracted['claims']} from {extracted['articles']} articles "
        f"({extracted['skipped']} skipped)"
    )
    extra = max(extracted["cpu"] - read["cpu"], 1e-9)
    print(f"ratio (read + extract) / read, cpu time: {extracted['cpu'] / read['cpu']:.2f}")
    print(f"extraction alone (minus reading): {megabytes / extra:.2f} MB/s")
    print("wall time, read + extract (the speed-up a user sees; target >= 1.8x on 2 cores):")
    print(f"  --jobs 1            {extracted['seconds']:6.1f} s")
    for name, figures in parallel.items():
        speedup = extracted["seconds"] / figures["seconds"]
        print(
            f"  {name:19s} {figures['seconds']:6.1f} s  {speedup:4.2f}x  "
            f"output identical: {'yes' if same[name] else 'NO'}"
        )
    if "dask, 2 processes" in parallel:
        ratio = parallel["--jobs 2"]["seconds"] / parallel["dask, 2 processes"]["seconds"]
        print(f"  dask vs --jobs 2: {ratio:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
