"""``casualties corpus``: list the articles of a corpus, or write them as a CSV table."""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from casualties.corpus.articles import Article


def register_cli(subparsers) -> None:
    parser = subparsers.add_parser(
        "corpus",
        help="list the articles of a corpus (table, or CSV with -o)",
        description="Read articles (plain text, JSON Lines, or a folder of such files) and "
        "list them; with -o write a CSV table. No INPUT: the embedded corpus.",
    )
    parser.add_argument("inputs", nargs="*", metavar="INPUT", help="files or folders")
    parser.add_argument("-o", "--output", metavar="FILE", help="write CSV to FILE")
    parser.add_argument("--strict", action="store_true", help="any problem is fatal")
    parser.set_defaults(func=_run_cli)


def _run_cli(args: argparse.Namespace) -> int:
    from casualties.corpus.articles import articles_frame, read_articles, warn_if_no_articles
    from casualties.outputs import check_output_file

    check_output_file("-o", args.output)
    articles = read_articles(args.inputs or None, strict=args.strict)
    warn_if_no_articles(len(articles), args.inputs)
    if args.output:
        from casualties.io import write_csv_atomic

        write_csv_atomic(articles_frame(articles), args.output)
        print(f"wrote {len(articles)} articles to {args.output}", file=sys.stderr)
        return 0
    sys.stdout.write(format_table(articles))
    return 0


def format_table(articles: Sequence[Article], title_width: int = 60) -> str:
    """A plain-text table: doc_id, published, outlet, title (shortened)."""
    rows = [("doc_id", "published", "outlet", "title")]
    for article in articles:
        title = re.sub(r"\s+", " ", article.title)
        if len(title) > title_width:
            title = title[: title_width - 1] + "…"
        rows.append((article.doc_id, article.published or "-", article.outlet or "-", title))
    widths = [max(len(row[column]) for row in rows) for column in range(3)]
    lines = [
        "  ".join(cell.ljust(width) for cell, width in zip(row[:3], widths, strict=True))
        + "  "
        + row[3]
        for row in rows
    ]
    return "\n".join(lines) + f"\n({len(articles)} articles)\n"
