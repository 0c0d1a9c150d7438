"""Monte Carlo totals, sensitivity to convention presets, claimant bias.

One PERT draw per incident per (victim, outcome) from the consensus range (docs/analysis.md,
"Monte Carlo and the choice of distribution"), vectorised over incidents x draws in chunks
of bounded memory. Parts are counted once: per incident and outcome the all-victims value
is max(unspecified total, sum of the specific groups).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from casualties.analyse.compare import TOTAL_VICTIM, claimant_figures, compare_claims
from casualties.analyse.incidents import incidents_table
from casualties.analyse.montecarlo import Structure, simulate
from casualties.analyse.table import empty_table, require_columns
from casualties.errors import ParameterError

GROUPINGS = ("all", "victim", "outcome", "claimant", "province", "month")
TOTALS_COLUMNS = [
    "grouping", "group", "outcome", "preset", "n_incidents", "best_sum", "low_sum", "high_sum",
    "mean", "p05", "p25", "p50", "p75", "p95",
]  # fmt: skip
PERCENTILES = (5, 25, 50, 75, 95)
MAX_DRAWS = 1_000_000


def check_draws(draws: int, seed: int) -> None:
    if (
        isinstance(draws, bool)
        or not isinstance(draws, int | np.integer)
        or not 1 <= draws <= MAX_DRAWS
    ):
        raise ParameterError(f"draws must be an integer from 1 to {MAX_DRAWS}, got {draws!r}")
    if isinstance(seed, bool) or not isinstance(seed, int | np.integer) or seed < 0:
        raise ParameterError(f"seed must be a non-negative integer, got {seed!r}")


def _cells_frame(
    comparison: pd.DataFrame,
    by: str,
    claims: pd.DataFrame,
    incidents: pd.DataFrame | None,
    types: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Units (one per figure) with their cell and group labels, for one grouping."""
    if by == "claimant":
        types = claimant_figures(claims) if types is None else types
        types = types[types["scope"] == "incident"]
        units = types.rename(columns={"type_low": "low", "type_best": "best", "type_high": "high"})
        units = units[["incident_id", "victim", "outcome", "claimant", "low", "best", "high"]]
        units["cell_key"] = units["incident_id"] + "\x1f" + units["claimant"]
        units["group"] = units["claimant"]
        return units
    rows = comparison[comparison["scope"] == "incident"]
    units = rows.rename(
        columns={"consensus_low": "low", "consensus_best": "best", "consensus_high": "high"}
    )[["incident_id", "victim", "outcome", "low", "best", "high"]].copy()
    units["cell_key"] = units["incident_id"]
    if by in ("all", "outcome"):
        units["group"] = "all" if by == "all" else units["outcome"]
    elif by == "victim":
        units["group"] = units["victim"]
    else:
        if incidents is None:
            incidents = incidents_table(claims, comparison)
        incidents = incidents.set_index("incident_id")
        if by == "province":
            attribute = incidents["province"].replace("", "(unknown)")
        else:
            attribute = incidents["date_start"].str.slice(0, 7).replace("", "(unknown)")
        units["group"] = units["incident_id"].map(attribute)
    return units


@dataclass
class _Plan:
    """One grouping's units, cells and groups, ready to simulate."""

    by: str
    units: pd.DataFrame
    group_keys: list
    unit_codes: np.ndarray
    structure: Structure

    def values(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        return tuple(self.units[c].to_numpy(dtype=np.float64) for c in ("low", "best", "high"))


def _plan(
    claims: pd.DataFrame,
    comparison: pd.DataFrame,
    by: str,
    incidents: pd.DataFrame | None,
    types: pd.DataFrame | None = None,
) -> _Plan | None:
    empty = not len(comparison)
    units = pd.DataFrame() if empty else _cells_frame(comparison, by, claims, incidents, types)
    if units.empty:
        return None
    units = units.sort_values(["outcome", "cell_key", "victim", "group"], kind="stable")
    units = units.reset_index(drop=True)
    units["total"] = units["victim"] == TOTAL_VICTIM
    cell_codes, _ = pd.factorize(
        pd.MultiIndex.from_frame(units[["outcome", "cell_key"]]), sort=True
    )
    units["cell"] = cell_codes
    cells = units.groupby("cell", sort=True)[["group", "outcome"]].first()
    residual = by == "victim"
    if residual:
        # parts add to their own victim group; the unspecified group gets the residual
        cells["group"] = TOTAL_VICTIM
    both = pd.concat([cells[["group", "outcome"]], units[["group", "outcome"]]])
    group_codes, group_keys = pd.factorize(pd.MultiIndex.from_frame(both), sort=True)
    cells["cell_group"] = group_codes[: len(cells)]
    unit_codes = group_codes[len(cells) :]
    units["unit_group"] = np.where(residual & ~units["total"], unit_codes, -1)
    structure = Structure(units, cells, len(group_keys), residual)
    return _Plan(by, units, list(group_keys), unit_codes, structure)


def _totals_frame(plan: _Plan, sums: np.ndarray, preset: str) -> pd.DataFrame:
    # the deterministic sums: the same combination rule on low, best and high
    low_sum, best_sum, high_sum = plan.structure.bounds(*plan.values())
    out = pd.DataFrame(plan.group_keys, columns=["group", "outcome"])
    out.insert(0, "grouping", plan.by)
    out["preset"] = preset
    per_group = plan.units.groupby(plan.unit_codes)["incident_id"].nunique()
    out["n_incidents"] = per_group.reindex(range(len(out)), fill_value=0).to_numpy()
    out["best_sum"], out["low_sum"], out["high_sum"] = best_sum, low_sum, high_sum
    out["mean"] = sums.mean(axis=1)
    for p, values in zip(PERCENTILES, np.percentile(sums, PERCENTILES, axis=1), strict=True):
        out[f"p{p:02d}"] = values
    for column in ("best_sum", "low_sum", "high_sum"):
        out[column] = np.rint(out[column]).astype("int64")
    return out[TOTALS_COLUMNS]


def _totals(plans: list[_Plan], *, draws: int, seed: int, preset: str) -> pd.DataFrame:
    """Simulate the plans, one set of draws per distinct set of units (so that the groupings
    of one table add up draw by draw), and stack their totals."""
    frames: dict[int, pd.DataFrame] = {}
    pending = list(range(len(plans)))
    while pending:
        first = plans[pending[0]].values()
        same = [k for k in pending if _same_values(plans[k].values(), first)]
        sums = simulate(first, [plans[k].structure for k in same], draws=draws, seed=seed)
        for k, result in zip(same, sums, strict=True):
            frames[k] = _totals_frame(plans[k], result, preset)
        pending = [k for k in pending if k not in same]
    if not frames:
        return empty_table(TOTALS_COLUMNS)
    return pd.concat([frames[k] for k in sorted(frames)], ignore_index=True)


def _same_values(a: tuple[np.ndarray, ...], b: tuple[np.ndarray, ...]) -> bool:
    return all(len(x) == len(y) and np.array_equal(x, y) for x, y in zip(a, b, strict=True))


def monte_carlo_totals(
    claims: pd.DataFrame,
    by: str = "all",
    *,
    draws: int = 10_000,
    seed: int = 0,
    preset: str = "default",
    comparison: pd.DataFrame | None = None,
    incidents: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Totals of one grouping with 50% and 90% Monte Carlo intervals (totals.csv columns)."""
    if by not in GROUPINGS:
        raise ParameterError(f"by must be one of {', '.join(GROUPINGS)}, got {by!r}")
    check_draws(draws, seed)
    if comparison is None:
        comparison = compare_claims(claims)
    plan = _plan(claims, comparison, by, incidents)
    return _totals([plan] if plan else [], draws=draws, seed=seed, preset=preset)


def all_totals(
    claims: pd.DataFrame,
    comparison: pd.DataFrame,
    *,
    draws: int,
    seed: int,
    preset: str,
    incidents: pd.DataFrame | None = None,
    types: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """``totals.csv``: every grouping; the groupings of the consensus share their draws.
    ``types``: ``claimant_figures(claims)``, when the caller has it."""
    check_draws(draws, seed)
    if incidents is None:
        incidents = incidents_table(claims, comparison)
    plans = [_plan(claims, comparison, by, incidents, types) for by in GROUPINGS]
    return _totals([p for p in plans if p], draws=draws, seed=seed, preset=preset)


def preset_sensitivity(
    clean: pd.DataFrame,
    by: str = "all",
    presets: Sequence[str] = ("default", "ucdp", "acled"),
    *,
    draws: int = 10_000,
    seed: int = 0,
) -> pd.DataFrame:
    """The same totals under each convention preset, presets of a group side by side."""
    from casualties.analyse.link import link_incidents
    from casualties.analyse.table import typed_clean

    if isinstance(presets, str) or not presets:
        raise ParameterError("presets must be a non-empty sequence of preset names")
    check_draws(draws, seed)
    frames = []
    for preset in presets:
        linked = link_incidents(typed_clean(recleaned(clean, preset)))
        frames.append(monte_carlo_totals(linked, by, draws=draws, seed=seed, preset=preset))
    out = pd.concat(frames, ignore_index=True)
    order = {name: i for i, name in enumerate(presets)}
    out["_order"] = out["preset"].map(order)
    out = out.sort_values(["grouping", "group", "outcome", "_order"], kind="stable")
    return out.drop(columns="_order").reset_index(drop=True)


def recleaned(clean: pd.DataFrame, preset: str) -> pd.DataFrame:
    """``low, best, high`` recomputed under ``preset`` by the clean stage."""
    if not isinstance(preset, str) or not preset:
        raise ParameterError(f"preset must be a preset name or path, got {preset!r}")
    from casualties.clean import clean as clean_claims

    return clean_claims(clean, preset=preset)


def claimant_bias(
    claims: pd.DataFrame, comparison: pd.DataFrame, *, detail: bool = False
) -> pd.DataFrame:
    """Each claimant type's best relative to the consensus, where several types report."""
    types = claimant_figures(claims)
    keys = ["incident_id", "victim", "outcome"]
    require_columns(comparison, keys + ["n_claimant_types", "consensus_best"], "comparison")
    several = comparison[comparison["n_claimant_types"] >= 2][keys + ["consensus_best"]]
    rows = types.merge(several, on=keys, how="inner")
    rows = rows[rows["consensus_best"] > 0].copy()
    rows["ratio"] = rows["type_best"] / rows["consensus_best"]
    with np.errstate(divide="ignore"):
        rows["log2_ratio"] = np.log2(rows["ratio"])
    if detail:
        columns = keys + ["claimant", "type_best", "consensus_best", "ratio", "log2_ratio"]
        return rows[columns].sort_values(keys + ["claimant"]).reset_index(drop=True)
    columns = ["claimant", "victim", "n_figures", "median_ratio", "mean_log2_ratio",
               "n_above", "n_equal", "n_below"]  # fmt: skip
    if rows.empty:
        return empty_table(columns)
    rows["above"] = rows["type_best"] > rows["consensus_best"]
    rows["equal"] = rows["type_best"] == rows["consensus_best"]
    rows["below"] = rows["type_best"] < rows["consensus_best"]
    summary = rows.groupby(["claimant", "victim"], sort=True).agg(
        n_figures=("ratio", "size"),
        median_ratio=("ratio", "median"),
        mean_log2_ratio=("log2_ratio", lambda v: v[np.isfinite(v)].mean()),
        n_above=("above", "sum"),
        n_equal=("equal", "sum"),
        n_below=("below", "sum"),
    )
    return summary.reset_index()[columns]
