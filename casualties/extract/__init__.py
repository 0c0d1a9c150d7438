"""Extract stage: every casualty claim in news text, with its sentence and offsets.

``extract(inputs)`` returns the claims table (docs/claims.md) as a DataFrame;
``extract_article(article)`` the rows of one article; ``iter_claims(articles)`` streams rows;
``write_claims(inputs, out)`` streams them to a CSV (the CLI).
Modules: ``sentences`` (splitting), ``tokens``, ``numbers`` (figure phrases), ``mentions``
and ``victims`` (what is counted), ``outcomes`` (triggers), ``links`` and ``grammar`` (figures
tied to outcomes), ``subjects`` (named people), ``claimants`` / ``speakers`` /
``attribution`` (who says so), ``places``, ``when``, ``claims`` (rows, ids), ``schema``,
``api``, ``cli``.
"""

from __future__ import annotations

from casualties.extract.api import extract, write_claims
from casualties.extract.claims import extract_article, iter_claims
from casualties.extract.cli import register_cli
from casualties.stage import make_callable

__all__ = ["extract", "extract_article", "iter_claims", "register_cli", "write_claims"]


make_callable(__name__, "extract")
