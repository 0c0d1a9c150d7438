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

from casualties.stage import lazy_stage

__all__ = lazy_stage(
    __name__,
    {
        "extract": "api",
        "write_claims": "api",
        "extract_article": "claims",
        "iter_claims": "claims",
        "register_cli": "cli",
    },
    main="extract",
)
