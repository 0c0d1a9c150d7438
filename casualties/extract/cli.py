"""``casualties extract [INPUT ...] [-o FILE] [--strict]``."""

from __future__ import annotations

import sys

from casualties.cli import add_format_option


def register_cli(subparsers) -> None:
    parser = subparsers.add_parser(
        "extract",
        help="extract casualty claims from articles into a claims table",
        description=(
            "Read articles (the embedded corpus by default; any input `casualties corpus` "
            "reads) and write every casualty claim with its sentence, claimant, victim, "
            "outcome, figure, place and date (docs/claims.md)."
        ),
    )
    parser.add_argument("inputs", nargs="*", metavar="INPUT", help="article files or folders")
    parser.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        help="claims table (default data/processed/claims.csv, .parquet with --format parquet)",
    )
    parser.add_argument(
        "--strict", action="store_true", help="fail on any malformed article instead of warning"
    )
    add_format_option(parser)
    parser.set_defaults(func=run)


def run(args) -> int:
    from casualties.extract.api import write_claims
    from casualties.io import require_parquet, table_format, table_path
    from casualties.outputs import check_output_file
    from casualties.paths import CLAIMS_CSV

    out = args.output or table_path(CLAIMS_CSV, args.format or "csv")
    check_output_file("-o", out)
    if table_format(out, args.format) == "parquet":
        require_parquet()  # before reading any article
    stats = write_claims(args.inputs or None, out, strict=args.strict, format=args.format)
    print(
        f"extract: {stats['articles']} articles read, {stats['skipped']} skipped (not English), "
        f"{stats['claims']} claims -> {out}",
        file=sys.stderr,
    )
    return 0
