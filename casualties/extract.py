"""Placeholder: the extract stage is being written (replace this whole file)."""

from __future__ import annotations


def register_cli(subparsers) -> None:
    parser = subparsers.add_parser("extract", help="(extract: not built yet)")
    parser.set_defaults(func=lambda args: print("extract: not built yet") or 1)
