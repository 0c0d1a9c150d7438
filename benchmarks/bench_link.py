"""Benchmark: link 100,000 synthetic claims into incidents; baseline: cleaning them.

Target (issue 5): linking takes at most 10 times as long as ``casualties.clean.clean`` on
the same claims. Each phase runs in its own child process so that its peak RSS is its own
(both include generating the synthetic table). Prints wall and CPU seconds (the machine may
be shared: CPU time is the steadier figure), peak RSS and the ratios.

    .venv/bin/python benchmarks/bench_link.py [--size 100000] [--seed 0]
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

from casualties.contract import CLAIM_COLUMNS  # noqa: E402
from casualties.paths import GAZETTEER  # noqa: E402

EVENTS = [
    "A car bomb near the embassy", "A night raid on a compound", "An airstrike on a wedding",
    "Clashes at a checkpoint", "A roadside bomb hit a convoy", "Gunmen opened fire at a mosque",
    "A suicide attack on a military base", "Rockets hit a market", "An attack",
]  # fmt: skip
CLAIMANTS = {"afghan_gov": "officials", "taliban": "the Taliban", "us_nato": "NATO",
             "un": "the UN", "media": "residents", "ngo": "Amnesty International"}  # fmt: skip
VICTIMS = {"civilians": "civilians", "afghan_forces": "soldiers", "taliban": "Taliban fighters",
           "unspecified": "people"}  # fmt: skip
QUALIFIERS = ["exact", "at_least", "about", "more_than"]
WORDS = {"exact": "", "at_least": "at least ", "about": "about ", "more_than": "more than "}


def _ranges(value: np.ndarray, qualifier: np.ndarray) -> tuple[np.ndarray, ...]:
    """The default preset (docs/claims.md) for the qualifiers used here."""
    low, best, high = value.copy(), value.copy(), value.copy()
    q = qualifier
    high[q == "at_least"] = np.ceil(1.5 * value[q == "at_least"])
    low[q == "about"] = np.floor(0.9 * value[q == "about"])
    high[q == "about"] = np.ceil(1.1 * value[q == "about"])
    more = q == "more_than"
    low[more], best[more], high[more] = value[more] + 1, value[more] + 1, np.ceil(1.5 * value[more])
    return low, best, np.maximum(high, best)


def synthetic_claims(n: int, seed: int = 0) -> tuple[pd.DataFrame, np.ndarray]:
    """``n`` claims of ~n/4 incidents over three years (clean columns), and their incident."""
    rng = np.random.default_rng(seed)
    districts = pd.read_csv(GAZETTEER / "afg_adm2_cod.csv", dtype=str, keep_default_na=False)
    n_incidents = max(1, n // 4)
    where = rng.integers(0, len(districts), n_incidents)
    day = rng.integers(0, 3 * 365, n_incidents)
    event = rng.integers(0, len(EVENTS), n_incidents)
    victim = rng.choice(list(VICTIMS), n_incidents)
    count = rng.integers(1, 60, n_incidents)
    of = np.sort(rng.integers(0, n_incidents, n))
    claimant = rng.choice(list(CLAIMANTS), n)
    qualifier = rng.choice(QUALIFIERS, n, p=[0.6, 0.2, 0.1, 0.1])
    value = np.maximum(1, count[of] + rng.integers(-3, 4, n))
    low, best, high = _ranges(value.astype(float), qualifier)
    start = pd.Timestamp("2017-01-01") + pd.to_timedelta(day[of], unit="D")
    published = start + pd.to_timedelta(rng.integers(0, 4, n), unit="D")
    has_place = rng.random(n) < 0.8
    has_district = has_place & (rng.random(n) < 0.5)
    has_date = rng.random(n) < 0.85
    aggregate = rng.random(n) < 0.03
    place = districts.iloc[where[of]].reset_index(drop=True)
    iso = pd.Series(start.strftime("%Y-%m-%d"))
    date_start = iso.where(has_date | aggregate, "")
    date_end = date_start.copy()
    since = (start - pd.to_timedelta(rng.integers(30, 365, n), unit="D")).strftime("%Y-%m-%d")
    date_start[aggregate] = pd.Series(since)[aggregate]
    figure = pd.Series(qualifier).map(WORDS) + pd.Series(value.astype(int)).astype(str)
    province = place["ADM1_EN"].where(has_place, "")
    victim_text = pd.Series(victim[of]).map(VICTIMS)
    place_text = np.where(has_district, place["ADM2_EN"], province)
    quote = (
        pd.Series(np.array(EVENTS)[event[of]])
        + np.where(has_place, " in " + pd.Series(place_text), "")
        + " killed " + figure + " " + victim_text + ", "
        + pd.Series(claimant).map(CLAIMANTS) + " said."
    )  # fmt: skip
    doc = rng.integers(0, max(1, n // 6), n)
    frame = pd.DataFrame({
        "doc_id": [f"doc{d:06d}" for d in doc], "claim_id": [f"c{k:07d}" for k in range(n)],
        "published": published.strftime("%Y-%m-%d"), "outlet": "Synthetic News",
        "title": "synthetic", "quote": quote, "char_start": np.arange(n) * 200,
        "char_end": np.arange(n) * 200 + quote.str.len(),
        "claimant_text": pd.Series(claimant).map(CLAIMANTS), "claimant": claimant,
        "victim_text": victim_text, "victim": victim[of], "outcome": "killed",
        "figure_text": figure, "value": value, "qualifier": qualifier,
        "place_text": place_text, "province": province,
        "province_pcode": place["ADM1_PCODE"].where(has_place, ""),
        "district": place["ADM2_EN"].where(has_district, ""),
        "district_pcode": place["ADM2_PCODE"].where(has_district, ""),
        "date_text": np.where(aggregate, "since last year", np.where(has_date, "on Monday", "")),
        "date_start": date_start, "date_end": date_end,
    })  # fmt: skip
    # no statement columns: each claim is a statement of its own
    frame = frame.reindex(columns=list(CLAIM_COLUMNS), fill_value="")
    frame = frame.assign(low=low.astype(int), best=best.astype(int), high=high.astype(int))
    return frame, of  # of: the synthetic incident of each claim


def pair_scores(truth: np.ndarray, predicted: np.ndarray) -> tuple[float, float]:
    """Pairwise precision and recall of a partition against the true incidents."""

    def pairs(counts: np.ndarray) -> float:
        return float((counts * (counts - 1) / 2).sum())

    both = pd.DataFrame({"t": truth, "p": predicted})
    agree = pairs(both.groupby(["t", "p"]).size().to_numpy())
    found = pairs(both.groupby("p").size().to_numpy())
    true = pairs(both.groupby("t").size().to_numpy())
    return agree / found if found else 1.0, agree / true if true else 1.0


def _phase(name: str, size: int, seed: int, queue) -> None:
    claims, truth = synthetic_claims(size, seed)
    try:
        if name == "clean":
            from casualties.clean import clean

            raw = claims.drop(columns=["low", "best", "high"])
            started, cpu = time.perf_counter(), time.process_time()
            result = clean(raw)
            detail = f"{len(result)} rows"
        else:
            from casualties.analyse import link_incidents, typed_clean

            table = typed_clean(claims)
            started, cpu = time.perf_counter(), time.process_time()
            result = link_incidents(table)
            incident = (result["scope"] == "incident").to_numpy()
            n_inc = result.loc[incident, "incident_id"].nunique()
            precision, recall = pair_scores(
                truth[incident], result.loc[incident, "incident_id"].to_numpy()
            )
            detail = (
                f"{n_inc} incidents ({len(set(truth[incident]))} true), "
                f"pair precision {precision:.3f} recall {recall:.3f}"
            )
        seconds = (time.perf_counter() - started, time.process_time() - cpu)
        peak = peak_rss_mb()
        queue.put((name, seconds, peak, detail, None))
    except Exception as error:  # a baseline that cannot run is reported, not fatal
        queue.put((name, None, None, "", f"{type(error).__name__}: {str(error)[:200]}"))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=100_000, help="synthetic claims (100000)")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    if args.size < 1:
        parser.error("--size must be >= 1")
    print(f"bench_link: {args.size:,} synthetic claims (seed {args.seed})")
    results = {}
    for name in ("clean", "link"):
        name, seconds, peak, detail, error = run_in_child(_phase, name, args.size, args.seed)
        results[name] = seconds
        if error:
            print(f"  {name:<6} baseline unavailable: {error}")
        else:
            wall, cpu = seconds
            print(f"  {name:<6} {wall:7.2f} s wall {cpu:7.2f} s CPU   ", end="")
            print(f"peak RSS {peak:7.1f} MB   {detail}")
    if results.get("clean") and results.get("link"):
        for k, kind in enumerate(("wall", "CPU")):
            ratio = results["link"][k] / results["clean"][k]
            verdict = "meets" if ratio <= 10 else "MISSES"
            print(
                f"  ratio link / clean ({kind}) = {ratio:.2f} ({verdict} the target of at most 10)"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
