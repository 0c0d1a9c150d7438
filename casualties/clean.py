"""Placeholder: the clean stage is being written (replace this whole file)."""

from __future__ import annotations


def register_cli(subparsers) -> None:
    parser = subparsers.add_parser("clean", help="(clean: not built yet)")
    parser.set_defaults(func=lambda args: print("clean: not built yet") or 1)
