"""``--corrections FILE`` / ``--no-corrections`` of the commands (light: no pandas here)."""

from __future__ import annotations

import argparse
from pathlib import Path

from casualties import paths


def add_corrections_option(parser: argparse.ArgumentParser) -> None:
    group = parser.add_mutually_exclusive_group()
    group.add_argument(
        "--corrections",
        metavar="FILE",
        help="analysts' decisions to apply (docs/corrections.md; default: "
        "data/reference/corrections.csv when it exists)",
    )
    group.add_argument("--no-corrections", action="store_true", help="apply no corrections file")


def corrections_path(args: argparse.Namespace) -> Path | None:
    """The corrections file the options name: ``--corrections``, else the default file
    when it exists; None with ``--no-corrections`` or when there is none."""
    if getattr(args, "no_corrections", False):
        return None
    if getattr(args, "corrections", None):
        return Path(args.corrections)
    return default_corrections()


#: The value of a notebook's ``corrections`` parameter (and ``build_site``'s) for none.
NONE = "none"


def notebook_corrections(value: str | Path | None) -> Path | None:
    """A ``corrections`` parameter: "" the default file (when it exists), "none" (or None)
    no corrections, else the file it names."""
    if value is None or str(value) == NONE:
        return None
    if not isinstance(value, (str, Path)):
        from casualties.errors import ParameterError

        raise ParameterError(f"corrections must be a file name, '' or 'none', got {value!r}")
    return Path(value) if str(value) else default_corrections()


def default_corrections() -> Path | None:
    """``data/reference/corrections.csv`` when it exists."""
    return paths.CORRECTIONS_CSV if paths.CORRECTIONS_CSV.is_file() else None


def decisions_summary(decisions, kind: str = "") -> str:
    """ "corrections: 5 claim decisions (4 applied, 1 stale)" from a status table, or ""."""
    if decisions is None or not len(decisions):
        return ""
    counts = decisions["status"].value_counts()
    parts = [f"{int(n)} {status}" for status, n in counts.sort_index().items()]
    what = f"{kind} decisions" if kind else "decisions"
    return f"corrections: {len(decisions)} {what} ({', '.join(parts)})"
