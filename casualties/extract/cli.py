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
    add_scaling_options(parser)
    parser.set_defaults(func=run)


def add_scaling_options(parser, *, jobs: bool = True) -> None:
    """``--jobs``, ``--engine``, ``--scheduler``, ``--no-cache`` (extract; build shares
    the last three and has its own ``--jobs``)."""
    if jobs:
        parser.add_argument(
            "--jobs", "-j", type=int, default=1, help="extract in N processes (default 1)"
        )
    parser.add_argument(
        "--engine",
        choices=("local", "dask"),
        default="local",
        help="local processes, or a Dask cluster (needs the dask extra)",
    )
    parser.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        help="Dask scheduler (tcp://host:8786); default: a local cluster of --jobs processes",
    )
    parser.add_argument(
        "--no-cache",
        action="store_true",
        help="extract every article (and, in build, execute every page) again; default: "
        "reuse the extraction cache (data/processed/cache/extract) and unchanged pages",
    )


def scaling_arguments(args) -> dict:
    """Keyword arguments of ``write_claims`` / ``build_site`` from those options."""
    from casualties.extract.cache import ExtractCache
    from casualties.extract.parallel import require_dask
    from casualties.site.params import check_jobs

    if args.engine == "dask":
        require_dask()
    elif args.scheduler:
        from casualties.errors import ParameterError

        raise ParameterError("--scheduler needs --engine dask")
    return {
        "jobs": check_jobs(args.jobs) if args.jobs is not None else None,
        "engine": args.engine,
        "scheduler": args.scheduler,
        "cache": None if args.no_cache else ExtractCache(),
    }


def run(args) -> int:
    from casualties.extract.api import write_claims
    from casualties.io import require_parquet, table_format, table_path
    from casualties.outputs import check_output_file
    from casualties.paths import CLAIMS_CSV

    out = args.output or table_path(CLAIMS_CSV, args.format or "csv")
    check_output_file("-o", out)
    if table_format(out, args.format) == "parquet":
        require_parquet()  # before reading any article
    options = scaling_arguments(args)
    stats = write_claims(
        args.inputs or None, out, strict=args.strict, format=args.format, **options
    )
    print(
        f"extract: {stats['articles']} articles read, {stats['skipped']} skipped (not English), "
        f"{stats['claims']} claims -> {out} ({stats['extracted']} articles extracted, "
        f"{stats['cached']} from the cache)",
        file=sys.stderr,
    )
    return 0
