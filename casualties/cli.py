"""The ``casualties`` command: one subcommand per stage.

Each stage module defines ``register_cli(subparsers)``, which adds its subcommand and sets
``func`` (called with the parsed arguments, returning an exit code). Stage modules import
their heavy dependencies inside the handler, so ``casualties --help`` stays fast.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import logging
import signal
import sys

from casualties import __version__
from casualties.errors import CasualtiesError

#: The packages that add a subcommand each (``site`` adds ``build``), in pipeline order;
#: ``review`` prints claims for analysts' corrections (docs/corrections.md).
STAGES = ("corpus", "extract", "clean", "analyse", "site", "review")


def add_format_option(parser: argparse.ArgumentParser) -> None:
    """``--format csv|parquet`` of a stage's output tables (Parquet keeps the dtypes)."""
    from casualties.io import TABLE_FORMATS

    parser.add_argument(
        "--format",
        choices=TABLE_FORMATS,
        default=None,
        help="output format: csv, or parquet (needs pyarrow: the parquet extra); "
        "default: by the output's suffix, else csv",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="casualties",
        description="Casualty claims from sources that disagree: extract, clean, compare, report.",
    )
    parser.add_argument("--version", action="version", version=f"casualties {__version__}")
    parser.add_argument("-v", "--verbose", action="store_true", help="log more detail")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for stage in STAGES:
        importlib.import_module(f"casualties.{stage}").register_cli(subparsers)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.INFO if args.verbose else logging.WARNING,
        format="%(levelname)s: %(message)s",
        stream=sys.stderr,
    )
    try:
        with _terminate_as_interrupt():
            return int(args.func(args) or 0)
    except CasualtiesError as error:
        print(f"casualties {args.command}: error: {error}", file=sys.stderr)
        return error.exit_code
    except KeyboardInterrupt:
        # Every table and page is written to a temporary file and renamed when complete, so
        # an interrupted run leaves what it had finished and nothing half-written.
        print(f"casualties {args.command}: interrupted (no partial output left)", file=sys.stderr)
        return 130


def _interrupt(_signum, _frame) -> None:
    raise KeyboardInterrupt


@contextlib.contextmanager
def _terminate_as_interrupt():
    """SIGTERM (``kill``, ``timeout``, a CI runner cancelling) unwinds like Ctrl-C: the
    temporary file of an atomic write is removed and the build's workers are stopped,
    instead of the process dying with a partial ``.tmp`` file behind."""
    try:
        previous = signal.signal(signal.SIGTERM, _interrupt)
    except ValueError:  # not the main thread: leave the signal alone
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


if __name__ == "__main__":
    sys.exit(main())
