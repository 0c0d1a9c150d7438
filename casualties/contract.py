"""The data contract (docs/claims.md) as code: columns and closed vocabularies."""

from __future__ import annotations

from functools import cache

import yaml

from casualties.paths import REFERENCE

#: Columns of an extracted claims table, in order.
CLAIM_COLUMNS: tuple[str, ...] = (
    "doc_id",
    "claim_id",
    "published",
    "outlet",
    "title",
    "quote",
    "char_start",
    "char_end",
    "claimant_text",
    "claimant",
    "victim_text",
    "victim",
    "outcome",
    "figure_text",
    "value",
    "qualifier",
    "place_text",
    "province",
    "province_pcode",
    "district",
    "district_pcode",
    "date_text",
    "date_start",
    "date_end",
)

#: Columns cleaning adds to whatever it is given.
RANGE_COLUMNS: tuple[str, ...] = ("low", "best", "high")
#: Columns of ``claims_rejected.csv``: claims the pipeline set aside, enough to find the
#: claim, read it and fix it (``row`` is the 1-based data row of ``claims.csv``).
REJECTED_COLUMNS: tuple[str, ...] = (
    "row", "doc_id", "claim_id", "outlet", "published", "quote", "figure_text", "victim_text",
    "outcome", "claimant_text", "reason",
)  # fmt: skip


@cache
def vocabularies() -> dict[str, tuple[str, ...]]:
    """Closed vocabularies by column, read from ``data/reference/vocabularies.yaml``."""
    with open(REFERENCE / "vocabularies.yaml", encoding="utf-8") as handle:
        raw = yaml.safe_load(handle)
    return {column: tuple(values) for column, values in raw.items()}


def vocabulary(column: str) -> tuple[str, ...]:
    return vocabularies()[column]
