"""The site's plotly setup: renderer, template, colours and small figure helpers.

Figures are displayed by the ``casualties`` renderer, which emits each figure as an HTML
fragment that expects plotly.js to be loaded by the page (the site loads it once from
``assets/``), so pages stay small and work offline.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from typing import Any

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio
from plotly.io._base_renderers import MimetypeRenderer

from casualties.site.html import escape, is_missing, show_text
from casualties.vocabulary import colours

RENDERER = "casualties"

#: One colour per claimant, the same in every chart (data/reference/vocabularies.yaml).
CLAIMANT_COLOURS = colours("claimant")

#: One colour per outcome (data/reference/vocabularies.yaml).
OUTCOME_COLOURS = colours("outcome")

_TEMPLATE = go.layout.Template(
    layout={
        "font": {"family": "system-ui, sans-serif", "size": 12, "color": "#222"},
        "paper_bgcolor": "white",
        "plot_bgcolor": "white",
        "colorway": list(CLAIMANT_COLOURS.values()),
        "margin": {"l": 60, "r": 20, "t": 50, "b": 50},
        "hoverlabel": {"align": "left", "bgcolor": "white", "font": {"size": 12}},
        "xaxis": {"gridcolor": "#eee", "linecolor": "#999", "zerolinecolor": "#ccc"},
        "yaxis": {"gridcolor": "#eee", "linecolor": "#999", "zerolinecolor": "#ccc"},
        "legend": {"bgcolor": "rgba(255,255,255,0.7)"},
    }
)

_CONFIG = {"displaylogo": False, "responsive": True}


class SiteRenderer(MimetypeRenderer):
    """An HTML fragment drawing the figure with the page's plotly.js (no copy of plotly.js).

    The figure's JSON is also given as plotly's own mimetype, which JupyterLab renders when
    a notebook is opened interactively; nbconvert picks the HTML.
    """

    def to_mimebundle(self, fig_dict: dict) -> dict[str, Any]:
        digest = hashlib.sha1(
            json.dumps(fig_dict, sort_keys=True, default=str).encode("utf-8")
        ).hexdigest()
        fragment = pio.to_html(
            fig_dict,
            include_plotlyjs=False,
            full_html=False,
            div_id=f"chart-{digest[:12]}",
            config=_CONFIG,
            validate=False,
        )
        return {"text/html": fragment, "application/vnd.plotly.v1+json": fig_dict}


def has_data(fig: go.Figure) -> bool:
    """True when some trace of ``fig`` has points to draw."""
    for trace in fig.data:
        for axis in ("x", "y"):
            values = getattr(trace, axis, None)
            if values is not None and len(values) > 0:
                return True
    return False


def show(fig: go.Figure, empty: str = "Nothing to show for this selection.") -> None:
    """Display ``fig``, or a sentence saying why there is no chart."""
    if has_data(fig):
        if RENDERER not in pio.renderers:
            use_site_renderer()
        fig.show(renderer=RENDERER)
    else:
        show_text(empty)


def use_site_renderer() -> None:
    """Make the ``casualties`` renderer and template plotly's defaults (idempotent)."""
    pio.renderers[RENDERER] = SiteRenderer()
    pio.renderers.default = RENDERER
    pio.templates[RENDERER] = _TEMPLATE
    pio.templates.default = RENDERER


def short(value: Any, limit: int = 48) -> str:
    """Escaped text cut to ``limit`` characters (for axis labels; hovers keep it whole)."""
    text = "" if is_missing(value) else str(value)
    return escape(text if len(text) <= limit else text[: limit - 1].rstrip() + "…")


def colour(claimant: Any) -> str:
    return CLAIMANT_COLOURS.get(str(claimant), "#7f7f7f")


def num(series: pd.Series) -> pd.Series:
    """Numbers as float64 (missing -> NaN; nullable integers would give pd.NA)."""
    return pd.to_numeric(series, errors="coerce").astype("float64")


def errors(df: pd.DataFrame, centre: str = "best", low: str = "low", high: str = "high"):
    best, lo, hi = num(df[centre]), num(df[low]), num(df[high])
    return {
        "type": "data",
        "symmetric": False,
        "array": (hi - best).clip(lower=0).fillna(0).tolist(),
        "arrayminus": (best - lo).clip(lower=0).fillna(0).tolist(),
        "thickness": 1.5,
        "width": 4,
    }


def rows_axis(positions: Sequence[float], labels: Sequence[str]) -> dict:
    """A y axis of labelled rows 0..n-1, with room for the offsets around each row."""
    top = max(positions, default=0)
    return {
        "tickvals": list(positions),
        "ticktext": list(labels),
        "automargin": True,
        "range": [-0.6, top + 0.6],
        "zeroline": False,
    }


def height(rows: int, per_row: int = 26, minimum: int = 320, maximum: int = 1400) -> int:
    return max(minimum, min(maximum, 120 + per_row * rows))


def value_axis(best: pd.Series, high: pd.Series, title: str = "people") -> dict:
    """A linear axis, or a log one when the values span more than two orders of magnitude
    (zeros cannot be drawn on it: the title says so)."""
    positive = best[best > 0]
    if len(positive) and high.max() > 100 * max(1.0, positive.min()):
        return {"type": "log", "dtick": 1, "title": f"{title} (log scale, zeros not drawn)"}
    return {"title": title, "rangemode": "tozero"}
