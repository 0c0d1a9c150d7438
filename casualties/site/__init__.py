"""The site build: every report notebook through papermill, HTML pages, index.

``build_site`` (``casualties build``) runs extract, clean and analyse, then the notebooks in
``notebooks/`` in worker processes, and writes ``index.html``, one page per report and
plotly.js once in ``assets/``. Heavy imports happen inside the functions so that the
command line stays fast.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from casualties.site.cli import register_cli

if TYPE_CHECKING:
    from casualties.site.build import BuildResult


def build_site(*args, **kwargs) -> BuildResult:
    from casualties.site.build import build_site as _build_site

    return _build_site(*args, **kwargs)


build_site.__doc__ = "See ``casualties.site.build.build_site``."


def __getattr__(name: str):
    if name == "BuildResult":
        from casualties.site.build import BuildResult

        return BuildResult
    raise AttributeError(f"module 'casualties.site' has no attribute {name!r}")


__all__ = ["BuildResult", "build_site", "register_cli"]
