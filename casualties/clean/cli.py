"""``casualties clean [CLAIMS] [-o FILE] [--format F] [--preset NAME | --conventions FILE]``."""

from __future__ import annotations

import argparse
import sys

from casualties.cli import add_format_option
from casualties.corrections.options import add_corrections_option
from casualties.paths import CLAIMS_CLEAN_CSV, CLAIMS_CSV


def register_cli(subparsers) -> None:
    parser = subparsers.add_parser(
        "clean",
        help="normalise claims: vocabularies, places, dates, figures to low/best/high",
        description=(
            "Clean a claims table: claimant / victim texts to the vocabularies, places to "
            "OCHA COD names and P-codes, dates to ISO, figure phrases to value + qualifier and "
            "low / best / high by a convention preset. Invalid input: exit 2, every problem "
            "listed with its row (1-based data row; CSV line = row + 1), nothing written."
        ),
    )
    parser.add_argument(
        "claims",
        nargs="?",
        default=str(CLAIMS_CSV),
        help=f"claims table, CSV or .parquet (default: {CLAIMS_CSV})",
    )
    parser.add_argument(
        "-o",
        "--output",
        help=f"output table (default: {CLAIMS_CLEAN_CSV}, .parquet with --format parquet)",
    )
    add_format_option(parser)
    rules = parser.add_mutually_exclusive_group()
    rules.add_argument(
        "--preset", default="default", help="shipped convention preset: default, ucdp, acled"
    )
    rules.add_argument("--conventions", metavar="FILE", help="your own preset YAML file")
    parser.add_argument(
        "--quarantine",
        metavar="FILE",
        help="set rows that cannot be cleaned aside in FILE (row, quote, reason) and clean "
        "the others, instead of failing (the pipeline's behaviour)",
    )
    add_corrections_option(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from casualties.clean.core import clean, clean_quarantine, read_claims
    from casualties.corrections import read_corrections
    from casualties.corrections.options import corrections_path, decisions_summary
    from casualties.figures import load_preset
    from casualties.io import (
        require_parquet,
        table_format,
        table_path,
        write_csv_atomic,
        write_table_atomic,
    )
    from casualties.outputs import check_output_file

    rules = load_preset(args.conventions or args.preset)  # bad flags fail before reading
    corrections = corrections_path(args)
    if corrections is not None:
        corrections = read_corrections(corrections)  # a bad file fails before reading
    output = args.output or table_path(CLAIMS_CLEAN_CSV, args.format or "csv")
    check_output_file("-o", output)
    check_output_file("--quarantine", args.quarantine)
    if table_format(output, args.format) == "parquet":
        require_parquet()
    claims = read_claims(args.claims)
    options = {"preset": args.preset, "conventions": args.conventions, "source": args.claims,
               "corrections": corrections}  # fmt: skip
    set_aside = ""
    if args.quarantine:
        cleaned, rejected = clean_quarantine(claims, **options)
        write_csv_atomic(rejected, args.quarantine)
        set_aside = f", {len(rejected):,} set aside -> {args.quarantine}"
    else:
        cleaned = clean(claims, **options)
    write_table_atomic(cleaned, output, args.format)
    decided = decisions_summary(cleaned.attrs.get("decisions"), "claim")
    print(
        f"cleaned {len(cleaned):,} claims -> {output} (preset {rules.name}){set_aside}"
        + (f"; {decided}" if decided else ""),
        file=sys.stderr,
    )
    return 0
