"""Monte Carlo totals, sensitivity to convention presets, claimant bias.

One PERT draw per incident per (victim, outcome) from the consensus range (docs/analysis.md,
"Monte Carlo and the choice of distribution"), vectorised over incidents x draws in chunks
of bounded memory. Parts are counted once: per incident and outcome the all-victims value
is max(unspecified total, sum of the specific groups).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
from scipy import sparse

from casualties.analyse.compare import TOTAL_VICTIM, claimant_figures, compare_claims
from casualties.analyse.incidents import incidents_table
from casualties.analyse.table import require_columns
from casualties.errors import ParameterError

GROUPINGS = ("all", "victim", "outcome", "claimant", "province", "month")
TOTALS_COLUMNS = [
    "grouping", "group", "outcome", "preset", "n_incidents", "best_sum", "low_sum", "high_sum",
    "mean", "p05", "p25", "p50", "p75", "p95",
]  # fmt: skip
PERCENTILES = (5, 25, 50, 75, 95)
#: values drawn per chunk (units x draws): bounds memory at ~32 MB per array
CHUNK_ELEMENTS = 4_000_000
MAX_DRAWS = 1_000_000
#: distinct PERT shapes drawn shape by shape; beyond this, one broadcast beta call
MAX_SHAPE_GROUPS = 256


def check_draws(draws: int, seed: int) -> None:
    if (
        isinstance(draws, bool)
        or not isinstance(draws, int | np.integer)
        or not 1 <= draws <= MAX_DRAWS
    ):
        raise ParameterError(f"draws must be an integer from 1 to {MAX_DRAWS}, got {draws!r}")
    if isinstance(seed, bool) or not isinstance(seed, int | np.integer) or seed < 0:
        raise ParameterError(f"seed must be a non-negative integer, got {seed!r}")


def pert_shapes(
    low: np.ndarray, best: np.ndarray, high: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """PERT as a beta on [low, high]: alpha = 1 + 4 (best - low) / width, beta likewise."""
    width = np.where(high > low, high - low, 1.0)
    return 1 + 4 * (best - low) / width, 1 + 4 * (high - best) / width


def pert_draws(
    low: np.ndarray, best: np.ndarray, high: np.ndarray, size: int, rng: np.random.Generator
) -> np.ndarray:
    """``size`` PERT draws per row (rows x size); constant rows where low == high.

    The distribution is ``scipy.stats.beta(alpha, beta, loc=low, scale=high - low)``; its
    draws come from ``Generator.beta`` (what scipy's ``rvs`` calls), once per distinct shape
    with scalar parameters, numpy's fast path (a convention preset gives few shapes: "at
    least N" is always beta(1, 5)); with many distinct shapes, one broadcast call.
    """
    low, best, high = (np.asarray(a, dtype=np.float64) for a in (low, best, high))
    out = np.zeros((len(low), size))
    varying = np.flatnonzero(high > low)
    if varying.size:
        alpha, beta = pert_shapes(low[varying], best[varying], high[varying])
        shapes = np.round(np.column_stack([alpha, beta]), 9)
        unique, which = np.unique(shapes, axis=0, return_inverse=True)
        if len(unique) <= MAX_SHAPE_GROUPS:
            for k, (a, b) in enumerate(unique.tolist()):
                rows = varying[which.ravel() == k]
                out[rows] = rng.beta(a, b, size=(len(rows), size))
        else:
            out[varying] = rng.beta(alpha[:, None], beta[:, None], size=(len(varying), size))
    out *= (high - low)[:, None]
    out += low[:, None]
    return out


def simulate(
    units: pd.DataFrame, cells: pd.DataFrame, n_groups: int, *, draws: int, seed: int,
    residual: bool,
) -> np.ndarray:  # fmt: skip
    """Group totals (n_groups x draws).

    ``units``: low, best, high, cell (row of ``cells``), total (bool), unit_group (-1: none).
    ``cells``: cell_group. A cell's value is max(total, sum of parts); with ``residual`` the
    cell adds only (value - parts) to its group, the parts adding to their own unit_group.
    """
    n_units, n_cells = len(units), len(cells)
    cell = units["cell"].to_numpy()
    total = units["total"].to_numpy(dtype=bool)
    ones = np.ones(n_units)
    parts_of = sparse.csr_matrix((ones * ~total, (cell, np.arange(n_units))), (n_cells, n_units))
    total_of = sparse.csr_matrix((ones * total, (cell, np.arange(n_units))), (n_cells, n_units))
    groups = cells["cell_group"].to_numpy()
    cell_to_group = sparse.csr_matrix(
        (np.ones(n_cells), (groups, np.arange(n_cells))), (n_groups, n_cells)
    )
    unit_group = units["unit_group"].to_numpy()
    has = unit_group >= 0
    unit_to_group = sparse.csr_matrix(
        (np.ones(int(has.sum())), (unit_group[has], np.flatnonzero(has))), (n_groups, n_units)
    )
    rng = np.random.default_rng(seed)
    chunk = max(1, min(draws, CHUNK_ELEMENTS // max(1, n_units)))
    result = np.empty((n_groups, draws))
    low, best, high = (units[c].to_numpy(dtype=np.float64) for c in ("low", "best", "high"))
    for start in range(0, draws, chunk):
        size = min(chunk, draws - start)
        x = pert_draws(low, best, high, size, rng)
        parts = parts_of @ x
        value = np.maximum(total_of @ x, parts)
        if residual:
            value -= parts
        result[:, start : start + size] = cell_to_group @ value + unit_to_group @ x
    return result


def _cells_frame(comparison: pd.DataFrame, by: str, claims: pd.DataFrame) -> pd.DataFrame:
    """Units (one per figure) with their cell and group labels, for one grouping."""
    if by == "claimant":
        types = claimant_figures(claims)
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
        incidents = incidents_table(claims, comparison).set_index("incident_id")
        if by == "province":
            attribute = incidents["province"].replace("", "(unknown)")
        else:
            attribute = incidents["date_start"].str.slice(0, 7).replace("", "(unknown)")
        units["group"] = units["incident_id"].map(attribute)
    return units


def monte_carlo_totals(
    claims: pd.DataFrame,
    by: str = "all",
    *,
    draws: int = 10_000,
    seed: int = 0,
    preset: str = "default",
    comparison: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Totals of one grouping with 50% and 90% Monte Carlo intervals (totals.csv columns)."""
    if by not in GROUPINGS:
        raise ParameterError(f"by must be one of {', '.join(GROUPINGS)}, got {by!r}")
    check_draws(draws, seed)
    if comparison is None:
        comparison = compare_claims(claims)
    units = _cells_frame(comparison, by, claims) if len(comparison) else pd.DataFrame()
    if units.empty:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in TOTALS_COLUMNS})
    units = units.sort_values(["outcome", "cell_key", "victim", "group"], kind="stable")
    units = units.reset_index(drop=True)
    units["total"] = units["victim"] == TOTAL_VICTIM
    cell_codes, cell_keys = pd.factorize(
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
    n_groups = len(group_keys)
    sums = simulate(units, cells, n_groups, draws=draws, seed=seed, residual=residual)
    # the deterministic sums use the same combination rule on low, best and high
    fixed = {}
    for column in ("low", "best", "high"):
        one = units.assign(low=units[column], best=units[column], high=units[column])
        fixed[column] = simulate(one, cells, n_groups, draws=1, seed=0, residual=residual)[:, 0]
    out = pd.DataFrame(list(group_keys), columns=["group", "outcome"])
    out.insert(0, "grouping", by)
    out["preset"] = preset
    incidents_per_group = units.groupby(unit_codes)["incident_id"].nunique()
    out["n_incidents"] = incidents_per_group.reindex(range(n_groups), fill_value=0).to_numpy()
    out["best_sum"], out["low_sum"], out["high_sum"] = fixed["best"], fixed["low"], fixed["high"]
    out["mean"] = sums.mean(axis=1)
    for p, values in zip(PERCENTILES, np.percentile(sums, PERCENTILES, axis=1), strict=True):
        out[f"p{p:02d}"] = values
    for column in ("best_sum", "low_sum", "high_sum"):
        out[column] = np.rint(out[column]).astype("int64")
    return out[TOTALS_COLUMNS]


def all_totals(
    claims: pd.DataFrame, comparison: pd.DataFrame, *, draws: int, seed: int, preset: str
) -> pd.DataFrame:
    """``totals.csv``: every grouping."""
    frames = [
        monte_carlo_totals(claims, by, draws=draws, seed=seed, preset=preset, comparison=comparison)
        for by in GROUPINGS
    ]
    frames = [f for f in frames if len(f)]
    if not frames:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in TOTALS_COLUMNS})
    return pd.concat(frames, ignore_index=True)


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
        return pd.DataFrame({c: pd.Series(dtype=object) for c in columns})
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
