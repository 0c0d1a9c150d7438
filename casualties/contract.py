"""The data contract (docs/claims.md) as code: columns and closed vocabularies (the latter
read by ``casualties.vocabulary``, with what each claimant type is)."""

from __future__ import annotations

from functools import cache

from casualties.vocabulary import descriptions

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
    "place_source",
    "date_text",
    "date_start",
    "date_end",
    "date_source",
    "statement_id",
    "role",
)

#: Columns of CLAIM_COLUMNS a hand-made table may lack: how a place or date was found and
#: which claims make one statement. Missing, each claim is its own statement (docs/claims.md).
OPTIONAL_CLAIM_COLUMNS: tuple[str, ...] = ("place_source", "date_source", "statement_id", "role")

#: Columns of analysts' corrections (docs/corrections.md), added to the claims by clean and
#: analyse when a corrections file is used; a table made without them reads as uncorrected.
#: ``corrected_fields``: the kinds of decision that changed the claim (CORRECTION_KINDS, in
#: that order, ``;``-joined); ``correction_note``: each one's reason and analyst.
CORRECTION_COLUMNS: tuple[str, ...] = ("corrected_fields", "correction_note")
#: What ``corrected_fields`` may name: the fields a decision sets, a claim added by decision,
#: and the incident links of merge and split decisions.
CORRECTION_KINDS: tuple[str, ...] = (
    "claimant", "victim", "outcome", "figure", "place", "date", "added", "merged", "split",
)  # fmt: skip

#: Columns cleaning adds to whatever it is given.
RANGE_COLUMNS: tuple[str, ...] = ("low", "best", "high")
#: Columns of ``claims_rejected.csv``: claims the pipeline set aside, enough to find the
#: claim, read it and fix it (``row`` is the 1-based data row of ``claims.csv``).
REJECTED_COLUMNS: tuple[str, ...] = (
    "row", "doc_id", "claim_id", "outlet", "published", "quote", "figure_text", "victim_text",
    "outcome", "claimant_text", "reason",
)  # fmt: skip


def vocabulary_descriptions() -> dict[str, dict[str, str]]:
    """Closed vocabularies by column, each value with what it covers, read from
    ``data/reference/vocabularies.yaml`` (the site's data dictionary shows them)."""
    return descriptions()


@cache
def vocabularies() -> dict[str, tuple[str, ...]]:
    """Closed vocabularies by column, read from ``data/reference/vocabularies.yaml``."""
    return {column: tuple(values) for column, values in vocabulary_descriptions().items()}


def vocabulary(column: str) -> tuple[str, ...]:
    return vocabularies()[column]
