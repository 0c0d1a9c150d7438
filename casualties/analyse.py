"""Placeholder: the analyse stage is being written (replace this whole file)."""

from __future__ import annotations


def register_cli(subparsers) -> None:
    parser = subparsers.add_parser("analyse", help="(analyse: not built yet)")
    parser.set_defaults(func=lambda args: print("analyse: not built yet") or 1)
