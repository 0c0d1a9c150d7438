"""Extract stage: every casualty claim in news text, with its sentence and offsets.

``extract(inputs)`` returns the claims table (docs/claims.md) as a DataFrame;
``extract_article(article)`` the rows of one article; ``iter_claims(articles)`` streams rows.
Modules: ``sentences`` (splitting), ``tokens``, ``numbers`` (figure phrases), ``victims``,
``outcomes``, ``grammar`` (figures tied to outcomes), ``claimants`` / ``attribution`` (who
says so), ``places``, ``when``, ``claims`` (rows, ids), ``schema``, ``api``, ``cli``.
"""

from __future__ import annotations

from casualties.extract.api import extract, write_claims
from casualties.extract.claims import extract_article, iter_claims
from casualties.extract.cli import register_cli

__all__ = ["extract", "extract_article", "iter_claims", "register_cli", "write_claims"]
