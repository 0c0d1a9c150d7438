"""Analysts' corrections: decisions that survive every re-run (docs/corrections.md).

``read_corrections(path)`` reads and checks a corrections file; clean applies its claim
decisions (``apply_claim_corrections``: set a field, drop a claim, add a missed claim)
before it validates the claims, analyse its link decisions (``plan_links``, ``relabel``:
merge two claims' incidents, split a claim out of its incident). Each application reports
every decision's status (``STATUS_COLUMNS``): applied, or stale when its claim no longer
exists.
"""

from __future__ import annotations

from casualties.corrections.decisions import (
    DECISIONS,
    DEFAULT_CORRECTIONS,
    FIELDS,
    FILE_COLUMNS,
    Corrections,
    Decision,
    added_claim_id,
    format_fields,
    parse_fields,
    read_corrections,
)

__all__ = [
    "DECISIONS",
    "DEFAULT_CORRECTIONS",
    "FIELDS",
    "FILE_COLUMNS",
    "Corrections",
    "Decision",
    "added_claim_id",
    "format_fields",
    "parse_fields",
    "read_corrections",
]
