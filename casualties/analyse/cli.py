"""``casualties analyse [CLEAN.csv] [--out DIR] [--preset NAME] [--seed N] [--draws N]``."""

from __future__ import annotations

import argparse
import logging
import sys

from casualties.cli import add_format_option
from casualties.corrections.options import add_corrections_option
from casualties.paths import CLAIMS_CLEAN_CSV, PROCESSED

log = logging.getLogger(__name__)


def _non_negative(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not an integer: {text!r}") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"must be >= 0: {value}")
    return value


def _positive(text: str) -> int:
    value = _non_negative(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be >= 1: {value}")
    return value


def register_cli(subparsers) -> None:
    parser = subparsers.add_parser(
        "analyse",
        help="link claims into incidents, compare claimants, totals with uncertainty",
        description=(
            "Reads a clean claims table and writes claims_linked.csv, incidents.csv, "
            "comparison.csv and totals.csv (docs/analysis.md)."
        ),
    )
    parser.add_argument(
        "clean", nargs="?", default=str(CLAIMS_CLEAN_CSV),
        help=f"clean claims table, CSV or .parquet (default: {CLAIMS_CLEAN_CSV})",
    )  # fmt: skip
    parser.add_argument("--out", default=str(PROCESSED), help=f"output directory ({PROCESSED})")
    parser.add_argument("--preset", default="default", help="convention preset (default)")
    parser.add_argument("--seed", type=_non_negative, default=0, help="Monte Carlo seed (0)")
    parser.add_argument("--draws", type=_positive, default=10_000, help="Monte Carlo draws")
    parser.add_argument(
        "--verified", default=None,
        help="CSV of verified tolls to calibrate against (default: "
        "data/reference/verified_tolls.csv)",
    )  # fmt: skip
    add_format_option(parser)
    add_corrections_option(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from casualties.analyse.results import analyse, write_results
    from casualties.analyse.table import read_clean
    from casualties.corrections import read_corrections
    from casualties.corrections.options import corrections_path, decisions_summary
    from casualties.io import require_parquet
    from casualties.outputs import check_output_folder

    check_output_folder("--out", args.out)
    if args.format == "parquet":
        require_parquet()
    corrections = corrections_path(args)
    if corrections is not None:
        corrections = read_corrections(corrections)  # a bad file fails before reading
    clean = read_clean(args.clean)
    results = analyse(
        clean, preset=args.preset, seed=args.seed, draws=args.draws, verified=args.verified,
        corrections=corrections,
    )  # fmt: skip
    written = write_results(results, args.out, args.format or "csv")
    n_incidents = int((results.incidents["scope"] == "incident").sum())
    print(
        f"analyse: {len(results.claims)} claims, {n_incidents} incidents, "
        f"{len(results.incidents) - n_incidents} aggregates -> "
        + ", ".join(str(path) for path in written)
        + (f"; {decided}" if (decided := decisions_summary(results.decisions, "link")) else ""),
        file=sys.stderr,
    )
    return 0
