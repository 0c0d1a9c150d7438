"""Analysts' corrections: decisions that survive every re-run (docs/corrections.md).

``read_corrections(path)`` reads and checks a corrections file; clean applies its claim
decisions (``claims.apply_claim_corrections``: set a field, drop a claim, add a missed
claim) before it validates the claims, analyse its link decisions (``links.plan_links``,
``links.relabel``: merge two claims' incidents, split a claim out of its incident). Each
application reports every decision's status (``status.STATUS_COLUMNS``): applied, or stale
when its claim no longer exists. ``options``: the commands' ``--corrections`` (no pandas).
"""

from casualties.stage import lazy_stage

__all__ = lazy_stage(
    __name__,
    {
        "DECISIONS": "decisions",
        "DEFAULT_CORRECTIONS": "decisions",
        "FIELDS": "decisions",
        "FILE_COLUMNS": "decisions",
        "Corrections": "decisions",
        "Decision": "decisions",
        "added_claim_id": "decisions",
        "format_fields": "decisions",
        "parse_fields": "decisions",
        "read_corrections": "decisions",
    },
)
