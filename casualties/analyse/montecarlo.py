"""The Monte Carlo engine: PERT draws and their sparse sums into groups.

Vectorised over units x draws in chunks of bounded memory; docs/analysis.md ("Monte Carlo
and the choice of distribution").
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy import sparse

#: values drawn per chunk (units x draws): bounds memory at ~32 MB per array
CHUNK_ELEMENTS = 4_000_000
#: distinct PERT shapes drawn shape by shape; beyond this, one broadcast beta call
MAX_SHAPE_GROUPS = 256


def pert_shapes(
    low: np.ndarray, best: np.ndarray, high: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """PERT as a beta on [low, high]: alpha = 1 + 4 (best - low) / width, beta likewise."""
    width = np.where(high > low, high - low, 1.0)
    return 1 + 4 * (best - low) / width, 1 + 4 * (high - best) / width


class PertSampler:
    """PERT draws for fixed rows (rows x size per call); constant rows where low == high.

    The distribution is ``scipy.stats.beta(alpha, beta, loc=low, scale=high - low)``; its
    draws come from ``Generator.beta`` (what scipy's ``rvs`` calls), once per distinct shape
    with scalar parameters, numpy's fast path (a convention preset gives few shapes: "at
    least N" is always beta(1, 5)); with many distinct shapes, one broadcast call. The
    shape groups are found once, not per chunk.
    """

    def __init__(self, low: np.ndarray, best: np.ndarray, high: np.ndarray):
        self.low, best, self.high = (np.asarray(a, dtype=np.float64) for a in (low, best, high))
        self.varying = np.flatnonzero(self.high > self.low)
        self.constant = np.flatnonzero(self.high <= self.low)
        self.width = self.high - self.low
        self.alpha, self.beta = pert_shapes(
            self.low[self.varying], best[self.varying], self.high[self.varying]
        )
        shapes = np.round(np.column_stack([self.alpha, self.beta]), 9)
        unique, which = np.unique(shapes, axis=0, return_inverse=True)
        self.groups: list[tuple[float, float, np.ndarray]] | None = None
        if len(unique) <= MAX_SHAPE_GROUPS:
            order = np.argsort(which.ravel(), kind="stable")
            bounds = np.searchsorted(which.ravel()[order], np.arange(len(unique) + 1))
            self.groups = [
                (a, b, self.varying[order[bounds[k] : bounds[k + 1]]])
                for k, (a, b) in enumerate(unique.tolist())
            ]

    def draw(self, size: int, rng: np.random.Generator) -> np.ndarray:
        out = np.empty((len(self.low), size))
        out[self.constant] = self.low[self.constant, None]
        if self.groups is not None:
            for a, b, rows in self.groups:
                # scaled to [low, high] on the fresh draws, then stored once
                draws = rng.beta(a, b, size=(len(rows), size))
                draws *= self.width[rows, None]
                draws += self.low[rows, None]
                out[rows] = draws
        elif self.varying.size:
            shape = (len(self.varying), size)
            draws = rng.beta(self.alpha[:, None], self.beta[:, None], size=shape)
            draws *= self.width[self.varying, None]
            draws += self.low[self.varying, None]
            out[self.varying] = draws
        return out


def pert_draws(
    low: np.ndarray, best: np.ndarray, high: np.ndarray, size: int, rng: np.random.Generator
) -> np.ndarray:
    """``size`` PERT draws per row (rows x size): see ``PertSampler``."""
    return PertSampler(low, best, high).draw(size, rng)


class Structure:
    """Sparse sums of the Monte Carlo: units -> cells (parts, total) -> groups.

    ``units``: low, best, high, cell (row of ``cells``), total (bool), unit_group (-1: none).
    ``cells``: cell_group. A cell's value is max(total, sum of parts); with ``residual`` the
    cell adds only (value - parts) to its group, the parts adding to their own unit_group.
    """

    def __init__(self, units: pd.DataFrame, cells: pd.DataFrame, n_groups: int, residual: bool):
        n_units, n_cells = len(units), len(cells)
        self.residual, self.n_groups = residual, n_groups
        self.cell = units["cell"].to_numpy()
        total = units["total"].to_numpy(dtype=bool)
        rows, ones = np.arange(n_units), np.ones(n_units)
        self.parts_of = sparse.csr_matrix((ones * ~total, (self.cell, rows)), (n_cells, n_units))
        self.total_of = sparse.csr_matrix((ones * total, (self.cell, rows)), (n_cells, n_units))
        groups = cells["cell_group"].to_numpy()
        self.cell_to_group = sparse.csr_matrix(
            (np.ones(n_cells), (groups, np.arange(n_cells))), (n_groups, n_cells)
        )
        unit_group = units["unit_group"].to_numpy()
        has = unit_group >= 0
        self.unit_to_group = sparse.csr_matrix(
            (np.ones(int(has.sum())), (unit_group[has], np.flatnonzero(has))), (n_groups, n_units)
        )
        # one unit per cell: a cell's value is its unit's draw, summed straight into its group
        self.direct = n_units == n_cells and not residual
        if self.direct:
            self.unit_to_cell_group = sparse.csr_matrix(
                (ones, (groups[self.cell], rows)), (n_groups, n_units)
            )

    def sums(self, x: np.ndarray) -> np.ndarray:
        """Group totals of unit values ``x`` (units x k)."""
        if self.direct:
            return self.unit_to_cell_group @ x
        parts = self.parts_of @ x
        value = np.maximum(self.total_of @ x, parts)
        if self.residual:
            value -= parts
        return self.cell_to_group @ value + self.unit_to_group @ x

    def bounds(self, low: np.ndarray, best: np.ndarray, high: np.ndarray) -> tuple[np.ndarray, ...]:
        """Deterministic group sums of low, best, high. A residual (total - parts) is bounded
        by interval arithmetic: low = total low - parts high, high = total high - parts low."""
        if not self.residual:
            return tuple(self.sums(v[:, None])[:, 0] for v in (low, best, high))
        out = []
        for total, parts, own in ((low, high, low), (best, best, best), (high, low, high)):
            rest = np.maximum(self.total_of @ total - self.parts_of @ parts, 0)
            out.append(self.cell_to_group @ rest + self.unit_to_group @ own)
        return tuple(out)


def simulate(
    values: tuple[np.ndarray, np.ndarray, np.ndarray],
    structures: list[Structure],
    *,
    draws: int,
    seed: int,
) -> list[np.ndarray]:
    """Group totals (n_groups x draws) of each structure over the same draws of ``values``
    (low, best, high per unit), drawn in chunks of bounded memory."""
    rng = np.random.default_rng(seed)
    chunk = max(1, min(draws, CHUNK_ELEMENTS // max(1, len(values[0]))))
    results = [np.empty((s.n_groups, draws)) for s in structures]
    sampler = PertSampler(*values)
    for start in range(0, draws, chunk):
        size = min(chunk, draws - start)
        x = sampler.draw(size, rng)
        for structure, result in zip(structures, results, strict=True):
            result[:, start : start + size] = structure.sums(x)
    return results
