"""Placeholder: the corpus stage is being written (replace this whole file)."""

from __future__ import annotations


def register_cli(subparsers) -> None:
    parser = subparsers.add_parser("corpus", help="(corpus: not built yet)")
    parser.set_defaults(func=lambda args: print("corpus: not built yet") or 1)
