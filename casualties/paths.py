"""Where the project's data lives: one place, so no stage guesses paths."""

from __future__ import annotations

import os
from pathlib import Path

#: Repository root; ``CASUALTIES_ROOT`` overrides it (tests, relocated checkouts).
ROOT = Path(os.environ.get("CASUALTIES_ROOT", Path(__file__).resolve().parents[1]))
DATA = ROOT / "data"
RAW = DATA / "raw"
REFERENCE = DATA / "reference"
GAZETTEER = REFERENCE / "gazetteer"
PROCESSED = DATA / "processed"
NOTEBOOKS = ROOT / "notebooks"
REPORTS = ROOT / "reports"

#: The embedded default corpus of every command.
DEFAULT_CORPUS = RAW / "000_1560744f44b8fd0a.txt"

#: Analysts' decisions (docs/corrections.md), read by the commands when it exists.
CORRECTIONS_CSV = REFERENCE / "corrections.csv"

CLAIMS_CSV = PROCESSED / "claims.csv"
CLAIMS_CLEAN_CSV = PROCESSED / "claims_clean.csv"
CLAIMS_REJECTED_CSV = PROCESSED / "claims_rejected.csv"
CLAIMS_LINKED_CSV = PROCESSED / "claims_linked.csv"
INCIDENTS_CSV = PROCESSED / "incidents.csv"
COMPARISON_CSV = PROCESSED / "comparison.csv"
TOTALS_CSV = PROCESSED / "totals.csv"
