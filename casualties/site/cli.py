"""``casualties build``: the whole pipeline and the HTML site."""

from __future__ import annotations

import argparse
import sys

from casualties import paths
from casualties.corrections.options import add_corrections_option
from casualties.extract.cli import add_scaling_options
from casualties.site.registry import KINDS


def register_cli(subparsers) -> None:
    parser = subparsers.add_parser(
        "build",
        help="run the pipeline and every report notebook; write the HTML site",
        description=(
            "Extract, clean and analyse INPUT (default: the embedded corpus), run every "
            "report notebook through papermill in worker processes and write the HTML site "
            "with index.html. A claim that cannot be cleaned is set aside in "
            "claims_rejected.csv and listed on the index (--strict: exit 2 instead). Exit 1 "
            "when a report fails (the others are still built), 2 for invalid parameters "
            "(nothing is run)."
        ),
    )
    parser.add_argument("inputs", nargs="*", metavar="INPUT", help="corpus files or folders")
    parser.add_argument(
        "--jobs", "-j", type=int, default=None, help="worker processes (default: cores)"
    )
    parser.add_argument("--preset", default="default", help="convention preset (name or YAML)")
    parser.add_argument("--out", default=str(paths.REPORTS), help="site folder (default reports/)")
    parser.add_argument(
        "--processed",
        default=str(paths.PROCESSED),
        help="folder for the pipeline's tables (default data/processed/)",
    )
    parser.add_argument("--seed", type=int, default=0, help="Monte Carlo seed (default 0)")
    parser.add_argument(
        "--notebooks", default=str(paths.NOTEBOOKS), help="folder of the report notebooks"
    )
    parser.add_argument(
        "--only",
        action="append",
        choices=KINDS,
        help="build only these kinds of report (repeatable)",
    )
    parser.add_argument("--quiet", "-q", action="store_true", help="no progress bar")
    parser.add_argument(
        "--strict",
        action="store_true",
        help="a claim that cannot be cleaned is an error (exit 2, nothing written) instead of "
        "being set aside in claims_rejected.csv",
    )
    add_scaling_options(parser, jobs=False)
    add_corrections_option(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from casualties.corrections.options import NONE, corrections_path
    from casualties.extract.cli import scaling_arguments
    from casualties.site.build import build_site
    from casualties.site.index import failure_lines

    scaling = scaling_arguments(args)
    result = build_site(
        args.inputs or None,
        jobs=args.jobs,
        preset=args.preset,
        out=args.out,
        processed=args.processed,
        seed=args.seed,
        notebooks=args.notebooks,
        kinds=tuple(args.only) if args.only else KINDS,
        progress=not args.quiet,
        strict=args.strict,
        engine=scaling["engine"],
        scheduler=scaling["scheduler"],
        cache=scaling["cache"] is not None,
        corrections=corrections_path(args) or NONE,
    )
    built = [r for r in result.reports if r.ok]
    print(
        f"{len(built)} of {len(result.reports)} reports in {result.seconds:.1f} s "
        f"(pipeline {result.pipeline_seconds:.1f} s; largest page "
        f"{result.largest_page / 1024:.0f} KB; {result.reused} pages unchanged and kept; "
        f"{result.rejected} claims set aside"
        f"{' in claims_rejected.csv' if result.rejected else ''}"
        + (
            f"; corrections: {sum(result.decisions.values())} decisions ("
            + ", ".join(f"{n} {status}" for status, n in result.decisions.items())
            + ") in decisions.csv"
            if result.decisions
            else ""
        )
        + f"): {result.index}",
        file=sys.stderr,
    )
    if result.failures:
        print(f"{len(result.failures)} reports failed:", file=sys.stderr)
        for failure in result.failures:
            print("\n".join(failure_lines(failure)), file=sys.stderr)
        return 1
    return 0
