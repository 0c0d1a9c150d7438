"""Benchmark: clean a synthetic claims table against a plain pandas CSV round-trip.

    .venv/bin/python benchmarks/bench_clean.py              # 1,000,000 rows
    .venv/bin/python benchmarks/bench_clean.py --size 100000

The table has every column of an extracted claims table, with free texts drawn from
realistic vocabularies and many repeats (figure phrases, claimant / victim / place / date
phrases), canonical columns left empty for clean to fill, and unique claim ids and offsets.
Each measurement runs in a fresh Python process, so its peak RSS (``resource.getrusage``) is
its own:

* baseline: ``pd.read_csv`` (text columns) + ``DataFrame.to_csv`` of the same file;
* clean: ``read_claims`` + ``clean`` + ``write_csv_atomic``.

Target (issue 4): clean at most 3 times the round-trip, peak memory under 2 GB.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

FIGURES = [
    "36", "21", "63", "182", "at least 16", "dozens", "50", "more than 2,400", "tens of",
    "nearly 90", "another 50-plus", "a dozen", "twelve", "fifty-two", "1,200", "several",
    "a few", "hundreds", "up to 20", "about 40", "some 200", "scores", "two", "a", "one",
    "no", "thousands", "a number of", "over 100", "as many as 30", "at least 10", "five",
]  # fmt: skip
CLAIMANTS = [
    "officials", "Afghan Ministry of Defense", "Zabihullah Mujahid", "the Taliban",
    "Taliban spokesman", "UNAMA", "the Pentagon", "Resolute Support", "TOLOnews",
    "witnesses", "residents", "police chief", "Herat Governor", "the White House",
    "a local elder", "NDS", "Save the Children", "AIHRC", "Islamic State", "reports", "",
]  # fmt: skip
VICTIMS = [
    "civilians", "Taliban fighters", "Afghan security forces", "people", "soldiers",
    "women and children", "Arbakis", "al Qaeda operatives", "service members",
    "Romanian soldier", "American soldier", "police officers", "insurgents", "militants",
]  # fmt: skip
PLACES = [
    "Kabul", "Helmand", "Herat City", "Takhar province", "Baharak district of Takhar",
    "Taluqan", "Kunduz City", "Farah", "Musa Qala", "Pul-i-Khurmi", "Ghazni", "Nangarhar",
    "Obe district", "Ghorian", "", "Jalalabad", "Kandahar", "Lashkar Gah",
]  # fmt: skip
DATES = ["2019-09-29", "2019-09-29/2019-10-01", "2019-08-17", "", "2019-07-01", "2019-09-05"]
OUTCOMES = ["killed", "wounded", "detained"]
PUBLISHED = ["2019-10-02", "2019-09-23", "2019-08-18", "2019-07-01", "2019-09-06"]
WORDS = (
    "the attack killed wounded people in district province officials said Taliban forces "
    "security civilians strike airstrike fighters clashes on Sunday reported according to"
).split()


def synthetic_claims(size: int, seed: int = 0) -> pd.DataFrame:
    rng = np.random.default_rng(seed)

    def pick(values: list[str]) -> np.ndarray:
        return np.asarray(values, dtype=object)[rng.integers(0, len(values), size)]

    quotes = np.asarray([" ".join(rng.choice(WORDS, 24)) + "." for _ in range(5000)], dtype=object)[
        rng.integers(0, 5000, size)
    ]
    starts = rng.integers(0, 60_000, size)
    doc = rng.integers(0, 20_000, size)
    return pd.DataFrame(
        {
            "doc_id": [f"doc{d:05d}" for d in doc],
            "claim_id": [f"c{i:08d}" for i in range(size)],
            "published": pick(PUBLISHED),
            "outlet": pick(["Long War Journal", "Voice of America", "Associated Press"]),
            "title": pick([f"title of story {i}" for i in range(300)]),
            "quote": quotes,
            "char_start": starts,
            "char_end": starts + 150,
            "claimant_text": pick(CLAIMANTS),
            "claimant": "",
            "victim_text": pick(VICTIMS),
            "victim": "",
            "outcome": pick(OUTCOMES),
            "figure_text": pick(FIGURES),
            "value": "",
            "qualifier": "",
            "place_text": pick(PLACES),
            "province": "",
            "province_pcode": "",
            "district": "",
            "district_pcode": "",
            "date_text": pick(DATES),
            "date_start": "",
            "date_end": "",
        }
    )


def child(task: str, source: str, target: str) -> None:
    """One measurement in this (fresh) process; prints seconds and peak RSS as JSON."""
    start = time.perf_counter()
    if task == "baseline":
        df = pd.read_csv(source, dtype=str, keep_default_na=False, na_values=[])
        df.to_csv(target, index=False, lineterminator="\n")
    else:
        import logging

        logging.disable(logging.WARNING)
        from casualties.clean.core import clean, read_claims
        from casualties.io import write_csv_atomic

        write_csv_atomic(clean(read_claims(source)), target)
    seconds = time.perf_counter() - start
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"seconds": seconds, "peak_mb": peak_mb}))


def measure(task: str, source: Path, target: Path) -> dict:
    result = subprocess.run(
        [sys.executable, __file__, "--child", task, str(source), str(target)],
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=1_000_000, help="rows (default 1,000,000)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument(
        "--child", nargs=3, metavar=("TASK", "SOURCE", "TARGET"), help=argparse.SUPPRESS
    )
    args = parser.parse_args()
    if args.child:
        child(*args.child)
        return 0
    if args.size < 1:
        parser.error("--size must be positive")
    with tempfile.TemporaryDirectory(prefix="bench_clean_") as folder:
        source = Path(folder) / "claims.csv"
        synthetic_claims(args.size, args.seed).to_csv(source, index=False)
        size_mb = source.stat().st_size / 2**20
        print(f"synthetic claims: {args.size:,} rows, {size_mb:,.0f} MB CSV")
        base = measure("baseline", source, Path(folder) / "roundtrip.csv")
        done = measure("clean", source, Path(folder) / "claims_clean.csv")
        rows = sum(1 for _ in open(Path(folder) / "claims_clean.csv", encoding="utf-8")) - 1
        assert rows == args.size, f"clean wrote {rows} rows, expected {args.size}"
    ratio = done["seconds"] / base["seconds"]
    print(
        f"pandas CSV round-trip (read + write): {base['seconds']:7.2f} s  "
        f"peak RSS {base['peak_mb']:7.0f} MB"
    )
    print(
        f"clean (read + clean + write):         {done['seconds']:7.2f} s  "
        f"peak RSS {done['peak_mb']:7.0f} MB"
    )
    print(f"ratio clean / round-trip: {ratio:.2f} (target <= 3.00); peak RSS target < 2048 MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
