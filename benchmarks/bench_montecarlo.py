"""Benchmark: Monte Carlo totals for 10,000 incidents x 10,000 draws (vectorised).

Baseline side by side: the same PERT draws made one incident at a time with
``scipy.stats.beta.rvs`` (a plain loop), timed on a sample of incidents and scaled to all.
Each run is in its own child process so that its peak RSS is its own. Prints wall and CPU
seconds (on a shared machine CPU time is the steadier figure).

    .venv/bin/python benchmarks/bench_montecarlo.py [--incidents 10000] [--draws 10000]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from measure import peak_rss_mb, run_in_child  # noqa: E402

from casualties.analyse.compare import COMPARISON_COLUMNS  # noqa: E402

VICTIMS = ("civilians", "afghan_forces", "taliban", "unspecified")
PROVINCES = ("Kabul", "Hirat", "Takhar", "Hilmand", "Kandahar", "Nangarhar")


def synthetic(
    n_incidents: int, seed: int = 0, shapes: str = "preset"
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(linked claims, comparison) for n incidents, one (victim, outcome) figure each."""
    rng = np.random.default_rng(seed)
    ids = [f"INC-{k + 1:06d}" for k in range(n_incidents)]
    if shapes == "random":  # every incident its own PERT shape
        low = rng.integers(0, 50, n_incidents)
        best = low + rng.integers(0, 20, n_incidents)
        high = best + rng.integers(1, 40, n_incidents)
    else:  # ranges as the default preset makes them (docs/claims.md)
        value = rng.integers(1, 80, n_incidents).astype(float)
        kind = rng.choice(["exact", "at_least", "about", "more_than", "dozens"], n_incidents,
                          p=[0.5, 0.2, 0.15, 0.1, 0.05])  # fmt: skip
        low, best, high = value.copy(), value.copy(), value.copy()
        open_bound = np.isin(kind, ["at_least", "more_than"])
        high[open_bound] = np.ceil(1.5 * value[open_bound])
        about = kind == "about"
        low[about], high[about] = np.floor(0.9 * value[about]), np.ceil(1.1 * value[about])
        dozens = kind == "dozens"
        low[dozens], best[dozens], high[dozens] = 24, 24, 99
        low, best, high = (a.astype(int) for a in (low, best, high))
    victim = rng.choice(VICTIMS, n_incidents)
    day = pd.Timestamp("2019-01-01") + pd.to_timedelta(rng.integers(0, 365, n_incidents), "D")
    dates = day.strftime("%Y-%m-%d")
    claims = pd.DataFrame({
        "incident_id": ids, "scope": "incident", "doc_id": ids, "claim_id": ids,
        "published": dates, "claimant": "media", "victim": victim, "outcome": "killed",
        "low": low, "best": best, "high": high, "event_words": "",
        "province": rng.choice(PROVINCES, n_incidents), "province_pcode": "", "district": "",
        "district_pcode": "", "date_start": dates, "date_end": dates,
    })  # fmt: skip
    comparison = pd.DataFrame({c: "" for c in COMPARISON_COLUMNS}, index=range(n_incidents))
    comparison = comparison.assign(
        incident_id=ids, scope="incident", victim=victim, outcome="killed",
        consensus_low=low, consensus_best=best, consensus_high=high,
    )  # fmt: skip
    return claims, comparison


def _vectorised(n: int, draws: int, seed: int, shapes: str, queue) -> None:
    from casualties.analyse.uncertainty import monte_carlo_totals

    claims, comparison = synthetic(n, seed, shapes)
    started, cpu = time.perf_counter(), time.process_time()
    out = monte_carlo_totals(claims, "all", draws=draws, seed=seed, comparison=comparison)
    seconds = (time.perf_counter() - started, time.process_time() - cpu)
    row = out.iloc[0]
    detail = f"total best {row['best_sum']:,}, 90% interval {row['p05']:,.0f}..{row['p95']:,.0f}"
    queue.put((seconds, peak_rss_mb(), detail))


def _loop(n: int, draws: int, seed: int, sample: int, shapes: str, queue) -> None:
    from scipy import stats

    _, comparison = synthetic(n, seed, shapes)
    rows = comparison.head(sample)
    rng = np.random.default_rng(seed)
    total = np.zeros(draws)
    started, cpu = time.perf_counter(), time.process_time()
    for low, best, high in rows[["consensus_low", "consensus_best", "consensus_high"]].to_numpy(
        dtype=float
    ):
        if high == low:
            total += low
            continue
        a, b = 1 + 4 * (best - low) / (high - low), 1 + 4 * (high - best) / (high - low)
        total += stats.beta.rvs(a, b, loc=low, scale=high - low, size=draws, random_state=rng)
    np.percentile(total, [5, 25, 50, 75, 95])
    scale = n / len(rows)
    seconds = ((time.perf_counter() - started) * scale, (time.process_time() - cpu) * scale)
    peak = peak_rss_mb()
    queue.put((seconds, peak, f"timed on {len(rows):,} incidents, scaled to {n:,}"))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--incidents", type=int, default=10_000)
    parser.add_argument("--draws", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--sample", type=int, default=500, help="incidents timed in the loop")
    parser.add_argument(
        "--shapes", choices=("preset", "random"), default="preset",
        help="ranges as the default preset makes them, or every incident its own shape",
    )  # fmt: skip
    args = parser.parse_args()
    if min(args.incidents, args.draws, args.sample) < 1:
        parser.error("--incidents, --draws and --sample must be >= 1")
    print(
        f"bench_montecarlo: {args.incidents:,} incidents x {args.draws:,} draws "
        f"({args.shapes} shapes)"
    )
    vec = run_in_child(_vectorised, args.incidents, args.draws, args.seed, args.shapes)
    sample = min(args.sample, args.incidents)
    loop = run_in_child(_loop, args.incidents, args.draws, args.seed, sample, args.shapes)
    for name, (seconds, peak, detail) in (("vectorised", vec), ("loop", loop)):
        wall, cpu = seconds
        print(
            f"  {name:<10} {wall:7.2f} s wall {cpu:7.2f} s CPU   peak RSS {peak:7.1f} MB   {detail}"
        )
    for k, kind in enumerate(("wall", "CPU")):
        ratio = vec[0][k] / loop[0][k]
        print(f"  ratio vectorised / loop ({kind}) = {ratio:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
