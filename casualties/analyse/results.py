"""analyse(), AnalysisResults and the CSV files of the analyse stage."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from casualties.analyse.calibration import calibration_table, read_verified
from casualties.analyse.compare import compare_claims
from casualties.analyse.files import FILES
from casualties.analyse.incidents import incidents_table
from casualties.analyse.link import link_incidents
from casualties.analyse.schema import validate
from casualties.analyse.statements import claimant_figures, statement_figures
from casualties.analyse.table import typed_clean
from casualties.analyse.uncertainty import all_totals, check_draws, recleaned
from casualties.corrections.decisions import Corrections, read_corrections
from casualties.corrections.links import plan_links
from casualties.corrections.status import status_frame
from casualties.errors import InputError, ParameterError
from casualties.io import read_csv_text, table_path, write_table_atomic
from casualties.paths import PROCESSED

log = logging.getLogger("casualties.analyse")


@dataclass(frozen=True)
class AnalysisResults:
    """The tables of the analyse stage (docs/analysis.md), one per entry of ``FILES``."""

    claims: pd.DataFrame
    incidents: pd.DataFrame
    comparison: pd.DataFrame
    claimant_figures: pd.DataFrame
    calibration: pd.DataFrame
    totals: pd.DataFrame
    #: the statuses of the corrections file's link decisions (not a file of FILES)
    decisions: pd.DataFrame = field(default_factory=lambda: status_frame([]), compare=False)


def analyse(
    clean: pd.DataFrame,
    *,
    preset: str = "default",
    seed: int = 0,
    draws: int = 10_000,
    verified: str | Path | pd.DataFrame | None = None,
    corrections: str | Path | Corrections | None = None,
) -> AnalysisResults:
    """Link, compare, calibrate and total a clean claims table.

    The input's ranges are taken as made with the ``default`` preset (what ``casualties
    clean`` writes); any other ``preset`` recomputes them with ``casualties.clean.clean``.
    ``verified``: the verified tolls to calibrate against (a table or a CSV path; default
    ``data/reference/verified_tolls.csv``). ``corrections``: a corrections file whose merge
    and split decisions are applied to the incidents (docs/corrections.md; its claim
    decisions are clean's); their statuses are in ``AnalysisResults.decisions``.
    """
    if corrections is not None and not isinstance(corrections, Corrections):
        corrections = read_corrections(corrections)
    if not isinstance(verified, pd.DataFrame):
        verified = read_verified(verified)
    check_draws(draws, seed)
    if not isinstance(preset, str) or not preset:
        raise ParameterError(f"preset must be a preset name or path, got {preset!r}")
    table = typed_clean(clean)
    if preset != "default":
        table = typed_clean(recleaned(table, preset))
    links = plan_links(table, corrections) if corrections is not None else None
    claims = link_incidents(table, links)
    decisions = claims.attrs.pop("decisions", status_frame([]))
    for record in decisions[decisions["status"] != "applied"].to_dict("records"):
        log.warning("corrections line %s: %s: %s", record["line"], record["status"],
                    record["detail"])  # fmt: skip
    statements = statement_figures(claims)
    types = claimant_figures(claims, statements)  # computed once: three tables read it
    comparison = compare_claims(claims, statements, types)
    incidents = incidents_table(claims, comparison)
    totals = all_totals(
        claims, comparison, draws=draws, seed=seed, preset=preset, incidents=incidents,
        types=types,
    )  # fmt: skip
    return AnalysisResults(
        claims=validate("claims", claims),
        incidents=validate("incidents", incidents),
        comparison=validate("comparison", comparison),
        claimant_figures=validate("claimant_figures", types),
        calibration=validate("calibration", calibration_table(claims, comparison, verified)),
        totals=validate("totals", totals),
        decisions=decisions,
    )


def write_results(
    results: AnalysisResults, out_dir: str | Path = PROCESSED, format: str = "csv"
) -> list[Path]:
    """Write every table (``format`` csv, or parquet with their dtypes), each atomically,
    after validating all of them. Returns the paths written."""
    tables = {name: validate(name, getattr(results, name)) for name in FILES}
    out = Path(out_dir)
    return [
        write_table_atomic(table, table_path(out / FILES[name], format), format)
        for name, table in tables.items()
    ]


_INTEGERS = {
    "incidents": ("n_claims", "n_documents", "n_claimant_types", "killed_best", "wounded_best",
                  "n_corrected"),
    "comparison": (
        "n_claims", "n_documents", "n_claimant_types", "envelope_low", "envelope_high",
        "consensus_low", "consensus_best", "consensus_high", "min_best", "max_best",
        "first_best", "latest_best", "parts_sum_best",
    ),
    "claimant_figures": ("value", "type_low", "type_best", "type_high", "n_claims",
                         "n_statements", "n_documents"),
    "calibration": ("verified", "verified_low", "verified_high", "consensus_low",
                    "consensus_best", "consensus_high"),
    "totals": ("n_incidents", "best_sum", "low_sum", "high_sum"),
}  # fmt: skip
_FLOATS = {
    "totals": ("mean", "p05", "p25", "p50", "p75", "p95"),
    "calibration": ("interval_score",),
}
_BOOLEANS = ("parts_exceed_total", "enemy", "inside")
_NOT_NULL = {"n_claims", "n_documents", "n_claimant_types", "n_incidents", "best_sum",
             "n_corrected", "low_sum", "high_sum", "envelope_low", "envelope_high", "min_best",
             "max_best", "first_best", "latest_best", "type_low", "type_best", "type_high",
             "n_statements", "verified", "verified_low", "verified_high"}  # fmt: skip


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
            nullable = column not in _NOT_NULL and not (
                name == "comparison" and column.startswith("consensus_")
            )
            df[column] = values.astype("Int64" if nullable else "int64")
    for column in _FLOATS.get(name, ()):
        if column in df:
            df[column] = pd.to_numeric(df[column], errors="coerce").astype("float64")
    for column in _BOOLEANS:
        if column in df:
            df[column] = df[column].map({"True": True, "False": False})
    return df


def load_results(out_dir: str | Path = PROCESSED) -> AnalysisResults:
    """Read the CSV files written by ``write_results``, typed and validated."""
    out = Path(out_dir)
    tables = {}
    for name, file in FILES.items():
        try:
            tables[name] = validate(name, _read_table(name, out / file))
        except (ValueError, TypeError) as error:
            raise InputError(f"{out / file}: cannot read the {name} table: {error}") from error
    return AnalysisResults(**tables)
