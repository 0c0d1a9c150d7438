"""The tables of the analyse stage and their file names: one list that analyse, the build
and the notebooks' fast loader all read (no heavy imports here)."""

from __future__ import annotations

#: table name (an ``AnalysisResults`` field) -> file name in the processed folder
FILES = {
    "claims": "claims_linked.csv",
    "incidents": "incidents.csv",
    "comparison": "comparison.csv",
    "claimant_figures": "claimant_figures.csv",
    "calibration": "calibration.csv",
    "totals": "totals.csv",
}
