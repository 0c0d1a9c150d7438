"""Placeholder: the build stage is being written (replace this whole file)."""

from __future__ import annotations


def register_cli(subparsers) -> None:
    parser = subparsers.add_parser("build", help="(build: not built yet)")
    parser.set_defaults(func=lambda args: print("build: not built yet") or 1)
