"""The clean stage: claims to canonical vocabularies, COD places, ISO dates and ranges.

``clean(df, preset="default", conventions=None)`` and ``casualties clean``; see
``casualties.clean.core``. Modules: ``table`` (distinct-value machinery, numbered
problems), ``parties`` (claimant, victim, outcome), ``ranges`` (figures), ``places``,
``periods`` (dates), ``schema`` (pandera), ``cli``.
"""

from casualties.stage import lazy_stage

__all__ = lazy_stage(
    __name__,
    {
        "clean": "core",
        "clean_quarantine": "core",
        "clean_schema": "schema",
        "register_cli": "cli",
    },
    main="clean",
)
