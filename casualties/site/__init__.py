"""The site build: every report notebook through papermill, HTML pages, index.

``build_site`` (``casualties build``) runs extract, clean and analyse, then the notebooks in
``notebooks/`` in worker processes, and writes ``index.html``, one page per report and
plotly.js once in ``assets/``. The reports are declared in ``registry``.
"""

from casualties.stage import lazy_stage

__all__ = lazy_stage(
    __name__,
    {"BuildResult": "build", "build_site": "build", "register_cli": "cli"},
)
