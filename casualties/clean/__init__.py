"""The clean stage: claims to canonical vocabularies, COD places, ISO dates and ranges.

``clean(df, preset="default", conventions=None)`` and ``casualties clean``; see
``casualties.clean.core``. Modules: ``table`` (distinct-value machinery, numbered
problems), ``parties`` (claimant, victim, outcome), ``ranges`` (figures), ``places``,
``periods`` (dates), ``schema`` (pandera), ``cli``. Heavy imports happen on first use, so
``casualties --help`` stays fast.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from casualties.clean.cli import register_cli
from casualties.stage import make_callable

if TYPE_CHECKING:
    import pandas as pd
    import pandera.pandas as pa

    from casualties.corrections import Corrections


def clean(
    df: pd.DataFrame,
    preset: str = "default",
    conventions: str | Path | None = None,
    *,
    source: str = "claims table",
    corrections: str | Path | Corrections | None = None,
) -> pd.DataFrame:
    """Every input column, canonical columns filled in, plus ``low, best, high``; the
    decisions of ``corrections`` (a file, docs/corrections.md) applied first.
    Idempotent; raises ``InputError`` listing every problem with its rows."""
    from casualties.clean.core import clean as _clean

    return _clean(df, preset, conventions, source=source, corrections=corrections)


def __getattr__(name: str):
    # ``clean_quarantine`` (the pipeline's clean, see casualties.clean.core), imported on use.
    if name == "clean_quarantine":
        from casualties.clean.core import clean_quarantine

        return clean_quarantine
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def clean_schema() -> pa.DataFrameSchema:
    """The pandera schema of a clean claims table."""
    from casualties.clean.schema import clean_schema as _schema

    return _schema()


__all__ = ["clean", "clean_quarantine", "clean_schema", "register_cli"]


make_callable(__name__, "clean")
