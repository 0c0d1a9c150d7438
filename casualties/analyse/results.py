"""analyse(), AnalysisResults and the CSV files of the analyse stage."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from casualties.analyse.compare import compare_claims
from casualties.analyse.incidents import incidents_table
from casualties.analyse.link import link_incidents
from casualties.analyse.schema import validate
from casualties.analyse.table import typed_clean
from casualties.analyse.uncertainty import all_totals, check_draws, recleaned
from casualties.errors import InputError, ParameterError
from casualties.io import read_csv_text, table_path, write_table_atomic
from casualties.paths import PROCESSED

#: file name of each table of AnalysisResults
FILES = {
    "claims": "claims_linked.csv",
    "incidents": "incidents.csv",
    "comparison": "comparison.csv",
    "totals": "totals.csv",
}


@dataclass(frozen=True)
class AnalysisResults:
    """The four tables of the analyse stage (docs/analysis.md)."""

    claims: pd.DataFrame
    incidents: pd.DataFrame
    comparison: pd.DataFrame
    totals: pd.DataFrame


def analyse(
    clean: pd.DataFrame, *, preset: str = "default", seed: int = 0, draws: int = 10_000
) -> AnalysisResults:
    """Link, compare and total a clean claims table.

    The input's ranges are taken as made with the ``default`` preset (what ``casualties
    clean`` writes); any other ``preset`` recomputes them with ``casualties.clean.clean``.
    """
    check_draws(draws, seed)
    if not isinstance(preset, str) or not preset:
        raise ParameterError(f"preset must be a preset name or path, got {preset!r}")
    table = typed_clean(clean)
    if preset != "default":
        table = typed_clean(recleaned(table, preset))
    claims = link_incidents(table)
    comparison = compare_claims(claims)
    incidents = incidents_table(claims, comparison)
    totals = all_totals(
        claims, comparison, draws=draws, seed=seed, preset=preset, incidents=incidents
    )
    return AnalysisResults(
        claims=validate("claims", claims),
        incidents=validate("incidents", incidents),
        comparison=validate("comparison", comparison),
        totals=validate("totals", totals),
    )


def write_results(
    results: AnalysisResults, out_dir: str | Path = PROCESSED, format: str = "csv"
) -> list[Path]:
    """Write the four tables (``format`` csv, or parquet with their dtypes), each
    atomically, after validating all of them. Returns the paths written."""
    tables = {name: validate(name, getattr(results, name)) for name in FILES}
    out = Path(out_dir)
    return [
        write_table_atomic(table, table_path(out / FILES[name], format), format)
        for name, table in tables.items()
    ]


_INTEGERS = {
    "incidents": ("n_claims", "n_documents", "n_claimant_types", "killed_best", "wounded_best"),
    "comparison": (
        "n_claims", "n_documents", "n_claimant_types", "envelope_low", "envelope_high",
        "consensus_low", "consensus_best", "consensus_high", "min_best", "max_best",
        "first_best", "latest_best", "parts_sum_best",
    ),
    "totals": ("n_incidents", "best_sum", "low_sum", "high_sum"),
}  # fmt: skip
_FLOATS = {"totals": ("mean", "p05", "p25", "p50", "p75", "p95")}
_NOT_NULL = {"n_claims", "n_documents", "n_claimant_types", "n_incidents", "best_sum",
             "low_sum", "high_sum", "envelope_low", "envelope_high", "consensus_low",
             "consensus_best", "consensus_high", "min_best", "max_best", "first_best",
             "latest_best"}  # fmt: skip


def _read_table(name: str, path: Path) -> pd.DataFrame:
    df = read_csv_text(path, missing_hint=" (run `casualties analyse` first)")
    if name == "claims":
        missing = [c for c in ("incident_id", "scope", "event_words") if c not in df]
        if missing:
            raise InputError(f"{path}: missing column(s) {', '.join(missing)}")
        return typed_clean(df, source=str(path), row_offset=2)
    for column in _INTEGERS.get(name, ()):
        if column in df:
            values = pd.to_numeric(df[column].replace("", None), errors="coerce")
            df[column] = values.astype("int64" if column in _NOT_NULL else "Int64")
    for column in _FLOATS.get(name, ()):
        if column in df:
            df[column] = pd.to_numeric(df[column], errors="coerce").astype("float64")
    if "parts_exceed_total" in df:
        df["parts_exceed_total"] = df["parts_exceed_total"].map({"True": True, "False": False})
    return df


def load_results(out_dir: str | Path = PROCESSED) -> AnalysisResults:
    """Read the four CSV files written by ``write_results``, typed and validated."""
    out = Path(out_dir)
    tables = {}
    for name, file in FILES.items():
        try:
            tables[name] = validate(name, _read_table(name, out / file))
        except (ValueError, TypeError) as error:
            raise InputError(f"{out / file}: cannot read the {name} table: {error}") from error
    return AnalysisResults(**tables)
