"""The corpus stage: read news articles from plain text, JSON Lines or a folder of files.

``read_articles(inputs)`` / ``iter_articles(inputs)`` give ``Article`` records
(``articles``: ids, normalisation, duplicates); ``formats`` reads each file format;
``cli`` is ``casualties corpus``.
"""

from casualties.stage import lazy_stage

__all__ = lazy_stage(
    __name__,
    {
        "Article": "articles",
        "CORPUS_COLUMNS": "articles",
        "CSV_COLUMNS": "articles",
        "articles_frame": "articles",
        "canonical_name": "articles",
        "canonical_outlet": "articles",
        "content_id": "articles",
        "detect_language": "articles",
        "iter_articles": "articles",
        "read_articles": "articles",
        "warn_if_no_articles": "articles",
        "format_table": "cli",
        "register_cli": "cli",
    },
)
