"""Plotly figures and HTML tables for the report notebooks.

Every text that comes from an article (quotes, outlets, titles, names) is HTML-escaped here
before it reaches a figure or a table. Figures are displayed by the ``casualties`` plotly
renderer, which emits the figure as an HTML fragment that expects plotly.js to be loaded by
the page (the site loads it once from ``assets/``), so pages stay small and work offline.
"""

from __future__ import annotations

import hashlib
import json
import math
from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio
from plotly.io._base_renderers import MimetypeRenderer

from casualties.build.html import (  # noqa: F401 - re-exported for the notebooks
    PROVENANCE_HOVER,
    escape,
    escape_wrapped,
    format_cell,
    html_table,
    is_missing,
    provenance,
    show_table,
    show_text,
)

RENDERER = "casualties"

#: One colour per claimant, the same in every chart.
CLAIMANT_COLOURS = {
    "un": "#1f77b4",
    "afghan_gov": "#2ca02c",
    "taliban": "#d62728",
    "us_nato": "#9467bd",
    "other_armed_group": "#8c564b",
    "ngo": "#17becf",
    "media": "#ff7f0e",
    "unknown": "#7f7f7f",
}

#: One colour per outcome.
OUTCOME_COLOURS = {"killed": "#a50f15", "wounded": "#fd8d3c", "detained": "#6a51a3"}

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


# --------------------------------------------------------------------------- figures


def _colour(claimant: Any) -> str:
    return CLAIMANT_COLOURS.get(str(claimant), "#7f7f7f")


def _num(series: pd.Series) -> pd.Series:
    """Numbers as float64 (missing -> NaN; nullable integers would give pd.NA)."""
    return pd.to_numeric(series, errors="coerce").astype("float64")


def _errors(df: pd.DataFrame, centre: str = "best", low: str = "low", high: str = "high"):
    best, lo, hi = _num(df[centre]), _num(df[low]), _num(df[high])
    return {
        "type": "data",
        "symmetric": False,
        "array": (hi - best).clip(lower=0).fillna(0).tolist(),
        "arrayminus": (best - lo).clip(lower=0).fillna(0).tolist(),
        "thickness": 1.5,
        "width": 4,
    }


def _rows_axis(positions: Sequence[float], labels: Sequence[str]) -> dict:
    """A y axis of labelled rows 0..n-1, with room for the offsets around each row."""
    top = max(positions, default=0)
    return {
        "tickvals": list(positions),
        "ticktext": list(labels),
        "automargin": True,
        "range": [-0.6, top + 0.6],
        "zeroline": False,
    }


def _height(rows: int, per_row: int = 26, minimum: int = 320, maximum: int = 1400) -> int:
    return max(minimum, min(maximum, 120 + per_row * rows))


def claims_bar(counts: pd.DataFrame, by: str, title: str = "") -> go.Figure:
    """Stacked bars of claim counts (``report.claim_counts``): one bar per ``by`` value."""
    fig = go.Figure()
    outcomes = [c for c in counts.columns if c not in (by, "total")]
    labels = [escape(v) for v in counts[by]]
    for outcome in outcomes:
        fig.add_bar(
            x=labels,
            y=counts[outcome].tolist(),
            name=escape(outcome),
            marker_color=OUTCOME_COLOURS.get(str(outcome), "#7f7f7f"),
            hovertemplate=f"%{{x}}: %{{y}} claims ({escape(outcome)})<extra></extra>",
        )
    fig.update_layout(
        barmode="stack",
        title=escape(title or f"Claims by {by}"),
        yaxis_title="claims",
        height=360,
    )
    return fig


def event_date(df: pd.DataFrame) -> pd.Series:
    """The event date of each claim: ``date_start``, else the publication date."""
    start = df["date_start"].astype("string") if "date_start" in df else None
    published = df["published"].astype("string")
    dates = published if start is None else start.where(start.fillna("") != "", published)
    return pd.to_datetime(dates, errors="coerce")


def timeline(claims: pd.DataFrame, title: str = "Claims over time") -> go.Figure:
    """Each claim's range (low to high, point at best) at its event date, by claimant."""
    df = claims.assign(_date=event_date(claims), _best=_num(claims["best"]))
    df = df[df["_date"].notna() & (df["_best"] > 0)]
    fig = go.Figure()
    for claimant, group in df.groupby("claimant", sort=True):
        symbols = [
            "circle-open" if scope == "aggregate" else "circle"
            for scope in group.get("scope", pd.Series("incident", index=group.index))
        ]
        fig.add_scatter(
            x=group["_date"].dt.strftime("%Y-%m-%d").tolist(),
            y=group["_best"].tolist(),
            error_y=_errors(group),
            mode="markers",
            name=escape(claimant),
            marker={"color": _colour(claimant), "size": 8, "symbol": symbols},
            customdata=provenance(group),
            hovertemplate=PROVENANCE_HOVER,
        )
    fig.update_layout(
        title=escape(title),
        xaxis_title="event date (publication date when the text gives none)",
        yaxis={"type": "log", "dtick": 1, "title": "people (best, bar: low to high)"},
        height=440,
    )
    return fig


def _sequential(value: float, top: float) -> str:
    """White to dark red by ``value / top``."""
    share = 0.0 if top <= 0 else max(0.0, min(1.0, value / top)) ** 0.6
    start, end = (247, 247, 247), (165, 15, 21)
    rgb = [round(a + (b - a) * share) for a, b in zip(start, end, strict=True)]
    return f"rgb({rgb[0]},{rgb[1]},{rgb[2]})"


def province_map(
    counts: pd.DataFrame,
    *,
    value: str = "claims",
    title: str = "Claims by province",
    links: Mapping[str, str] | None = None,
) -> go.Figure:
    """Afghanistan's provinces shaded by ``counts[value]`` (one row per ``province``).

    Drawn as x/y polygons (no base map to download); the hover names the province and
    every column of ``counts``.
    """
    from casualties.build.geo import province_shapes

    shapes = province_shapes()
    table = counts.set_index("province") if "province" in counts.columns else counts
    top = float(_num(table[value]).max()) if len(table) else 0.0
    fig = go.Figure()
    extra = [c for c in table.columns if c != value]
    for shape in shapes:
        row = table.loc[shape.province] if shape.province in table.index else None
        amount = float(row[value]) if row is not None and not is_missing(row[value]) else 0.0
        hover = [f"<b>{escape(shape.province)}</b>", f"{escape(value)}: {amount:,.0f}"]
        if row is not None:
            hover += [f"{escape(c)}: {escape(format_cell(row[c]))}" for c in extra]
        for ring in shape.rings:
            xs, ys = zip(*ring, strict=True)
            fig.add_scatter(
                x=list(xs),
                y=list(ys),
                mode="lines",
                fill="toself",
                fillcolor=_sequential(amount, top) if amount else "#f7f7f7",
                line={"color": "#888", "width": 0.7},
                hoveron="fills",
                hoverinfo="text",
                text="<br>".join(hover),
                showlegend=False,
                name=escape(shape.province),
            )
    named = [s for s in shapes if s.province in table.index]
    fig.add_scatter(
        x=[s.centroid[0] for s in named],
        y=[s.centroid[1] for s in named],
        mode="text",
        text=[escape(s.province) for s in named],
        textfont={"size": 10, "color": "#222"},
        hoverinfo="skip",
        showlegend=False,
    )
    fig.update_layout(
        title=escape(title),
        height=560,
        xaxis={"visible": False, "range": [60.3, 75.2]},
        yaxis={"visible": False, "scaleanchor": "x", "scaleratio": 1.2, "range": [29.2, 38.6]},
        hovermode="closest",
        margin={"l": 10, "r": 10, "t": 50, "b": 10},
    )
    return fig


def range_chart(side: pd.DataFrame, title: str = "Every claim's range") -> go.Figure:
    """One row per claim (``analyse.side_by_side``): the low-high bar and the best, by
    claimant, grouped by victim and outcome; hover shows the quote."""
    df = side.reset_index(drop=True)
    labels = [
        f"{escape(r['victim'])} {escape(r['outcome'])} · {escape(r['claimant'])} · "
        f"{escape(r['published'])}"
        for r in df.to_dict("records")
    ]
    positions = list(range(len(df)))[::-1]
    fig = go.Figure()
    for claimant in sorted(df["claimant"].dropna().unique()):
        mask = (df["claimant"] == claimant).tolist()
        group = df[mask]
        fig.add_scatter(
            x=_num(group["best"]).tolist(),
            y=[p for p, m in zip(positions, mask, strict=True) if m],
            error_x=_errors(group),
            mode="markers",
            name=escape(claimant),
            marker={"color": _colour(claimant), "size": 9},
            customdata=provenance(group, date_column="published"),
            hovertemplate=PROVENANCE_HOVER,
        )
    fig.update_layout(
        title=escape(title),
        xaxis_title="people (point: best; bar: low to high)",
        yaxis=_rows_axis(positions, labels),
        height=_height(len(df)),
    )
    return fig


def claimant_ranges_chart(ranges: pd.DataFrame, title: str = "") -> go.Figure:
    """Per incident and victim, each claimant's range side by side (``report.claimant_ranges``)."""
    df = ranges.reset_index(drop=True)
    keys = list(dict.fromkeys(zip(df["incident_id"], df["victim"], strict=True)))
    position = {key: len(keys) - 1 - i for i, key in enumerate(keys)}
    claimants = sorted(df["claimant"].dropna().unique())
    offsets = {
        c: (i - (len(claimants) - 1) / 2) * (0.6 / max(1, len(claimants)))
        for i, c in enumerate(claimants)
    }
    fig = go.Figure()
    for claimant in claimants:
        group = df[df["claimant"] == claimant]
        ys = [
            position[(i, v)] + offsets[claimant]
            for i, v in zip(group["incident_id"], group["victim"], strict=True)
        ]
        fig.add_scatter(
            x=_num(group["best"]).tolist(),
            y=ys,
            error_x=_errors(group),
            mode="markers",
            name=escape(claimant),
            marker={"color": _colour(claimant), "size": 8},
            customdata=provenance(group, date_column="published"),
            hovertemplate=PROVENANCE_HOVER,
        )
    labels = {}
    for record in df.to_dict("records"):
        labels[(record["incident_id"], record["victim"])] = (
            f"{escape(record['incident_id'])} {escape(record.get('label', ''))[:48]} "
            f"· {escape(record['victim'])}"
        )
    fig.update_layout(
        title=escape(title or "Claimants' ranges, incident by incident"),
        xaxis={"type": "log", "dtick": 1, "title": "people (point: latest best; bar: low to high)"},
        yaxis=_rows_axis([position[k] for k in keys], [labels[k] for k in keys]),
        height=_height(len(keys), per_row=34),
    )
    return fig


def toll_chart(evolution: pd.DataFrame, title: str = "How the toll evolved") -> go.Figure:
    """Reported best over publication date (``analyse.toll_evolution``), a line per victim
    and outcome, points coloured by claimant."""
    df = evolution.copy()
    df["_published"] = pd.to_datetime(df["published"], errors="coerce")
    df = df[df["_published"].notna()].sort_values("_published", kind="stable")
    fig = go.Figure()
    for (victim, outcome), group in df.groupby(["victim", "outcome"], sort=True):
        fig.add_scatter(
            x=group["_published"].dt.strftime("%Y-%m-%d").tolist(),
            y=_num(group["best"]).tolist(),
            error_y=_errors(group),
            mode="lines+markers",
            line={"shape": "hv", "width": 1.5},
            name=f"{escape(victim)} {escape(outcome)}",
            marker={"color": [_colour(c) for c in group["claimant"]], "size": 9},
            customdata=provenance(group, date_column="published"),
            hovertemplate=PROVENANCE_HOVER,
        )
    xaxis = {"title": "publication date", "type": "date", "tickformat": "%Y-%m-%d"}
    if len(df):
        pad = pd.Timedelta(days=2)
        first, last = df["_published"].min() - pad, df["_published"].max() + pad
        xaxis["range"] = [first.strftime("%Y-%m-%d"), last.strftime("%Y-%m-%d")]
    fig.update_layout(
        title=escape(title),
        xaxis=xaxis,
        yaxis_title="people (best; bar: low to high)",
        height=400,
    )
    return fig


def bias_chart(bias: pd.DataFrame, title: str = "") -> go.Figure:
    """Each claimant's figures against the consensus (``analyse.claimant_bias``): mean
    log2 ratio per claimant and victim; 0 = agrees, +1 = twice the consensus."""
    fig = go.Figure()
    for victim, group in bias.groupby("victim", sort=True):
        custom = [
            [
                escape(r["n_figures"]),
                escape(format_cell(r["median_ratio"])),
                escape(r["n_above"]),
                escape(r["n_equal"]),
                escape(r["n_below"]),
            ]
            for r in group.to_dict("records")
        ]
        fig.add_bar(
            x=[escape(c) for c in group["claimant"]],
            y=_num(group["mean_log2_ratio"]).tolist(),
            name=escape(victim),
            customdata=custom,
            hovertemplate=(
                "<b>%{x}</b> on " + escape(victim) + "<br>mean log2 ratio %{y:.2f}"
                "<br>median ratio %{customdata[1]} over %{customdata[0]} figures"
                "<br>above / equal / below consensus: %{customdata[2]} / %{customdata[3]}"
                " / %{customdata[4]}<extra></extra>"
            ),
        )
    fig.add_hline(y=0, line={"color": "#444", "width": 1})
    fig.update_layout(
        title=escape(title or "Claimant figures against the consensus"),
        barmode="group",
        yaxis_title="mean log2(claimant best / consensus best)",
        height=420,
    )
    return fig


def interval_chart(
    totals: pd.DataFrame,
    *,
    label: str = "group",
    series: str | None = None,
    title: str = "Totals with 50% and 90% intervals",
) -> go.Figure:
    """Monte Carlo totals: thin bar p05-p95, thick bar p25-p75, point at the median,
    diamond at the sum of bests; one row per ``label``, a colour per ``series``."""
    df = totals.reset_index(drop=True)
    groups = list(dict.fromkeys(df[label].astype(str)))
    position = {g: len(groups) - 1 - i for i, g in enumerate(groups)}
    names = list(dict.fromkeys(df[series].astype(str))) if series else [""]
    fig = go.Figure()
    palette = list(CLAIMANT_COLOURS.values())
    for index, name in enumerate(names):
        part = df if not series else df[df[series].astype(str) == name]
        offset = (index - (len(names) - 1) / 2) * (0.6 / max(1, len(names)))
        ys = [position[str(g)] + offset for g in part[label]]
        colour = palette[index % len(palette)]
        custom = [
            [
                escape(r[label]),
                escape(name),
                *(
                    f"{_num(pd.Series([r[k]]))[0]:,.0f}"
                    for k in ("p05", "p25", "p50", "p75", "p95", "best_sum")
                ),
            ]
            for r in part.to_dict("records")
        ]
        hover = (
            "<b>%{customdata[0]}</b> %{customdata[1]}<br>median %{customdata[4]}"
            "<br>50%: %{customdata[3]} to %{customdata[5]}"
            "<br>90%: %{customdata[2]} to %{customdata[6]}"
            "<br>sum of bests %{customdata[7]}<extra></extra>"
        )
        for low, high, width in (("p05", "p95", 2), ("p25", "p75", 7)):
            xs, yy = [], []
            for x0, x1, y in zip(_num(part[low]), _num(part[high]), ys, strict=True):
                xs += [x0, x1, None]
                yy += [y, y, None]
            fig.add_scatter(
                x=xs,
                y=yy,
                mode="lines",
                line={"color": colour, "width": width},
                hoverinfo="skip",
                showlegend=False,
                legendgroup=name,
            )
        fig.add_scatter(
            x=_num(part["p50"]).tolist(),
            y=ys,
            mode="markers",
            name=escape(name) or "median",
            marker={"color": colour, "size": 9},
            customdata=custom,
            hovertemplate=hover,
            legendgroup=name,
            showlegend=bool(series),
        )
        fig.add_scatter(
            x=_num(part["best_sum"]).tolist(),
            y=ys,
            mode="markers",
            showlegend=False,
            marker={
                "color": "white",
                "size": 8,
                "symbol": "diamond",
                "line": {"color": colour, "width": 1.5},
            },
            customdata=custom,
            hovertemplate=hover,
            legendgroup=name,
        )
    fig.update_layout(
        title=escape(title),
        xaxis_title="people",
        yaxis=_rows_axis(list(position.values()), [escape(g) for g in position]),
        height=_height(len(groups), per_row=30 + 8 * len(names)),
    )
    return fig


def aggregates_chart(rows: pd.DataFrame, title: str = "") -> go.Figure:
    """Each period total (``analyse.aggregates_vs_components``) against the sum of the
    incidents it covers."""
    df = rows.reset_index(drop=True)
    labels = [
        f"{escape(r['incident_id'])} {escape(r['victim'])} {escape(r['outcome'])} "
        f"{escape(r['period_start'])}–{escape(r['period_end'])} {escape(r['area'])}"
        for r in df.to_dict("records")
    ]
    positions = list(range(len(df)))[::-1]
    fig = go.Figure()
    quotes = [
        [escape_wrapped(q), escape(c)]
        for q, c in zip(df["quote"], df["claimant_types"], strict=True)
    ]
    fig.add_scatter(
        x=_num(df["aggregate_best"]).tolist(),
        y=[p + 0.15 for p in positions],
        error_x=_errors(df, "aggregate_best", "aggregate_low", "aggregate_high"),
        mode="markers",
        name="period total (claim)",
        marker={"size": 9, "color": "#d62728"},
        customdata=quotes,
        hovertemplate="<b>%{customdata[1]}</b>: %{x:,.0f}<br><i>%{customdata[0]}</i>"
        "<extra></extra>",
    )
    fig.add_scatter(
        x=_num(df["components_best"]).tolist(),
        y=[p - 0.15 for p in positions],
        error_x=_errors(df, "components_best", "components_low", "components_high"),
        mode="markers",
        name="incidents in the period (sum)",
        marker={"size": 9, "color": "#1f77b4"},
        customdata=df[["n_components"]].to_numpy(),
        hovertemplate="%{customdata[0]} incidents: %{x:,.0f}<extra></extra>",
    )
    fig.update_layout(
        title=escape(title or "Period totals against their components"),
        xaxis={"title": "people", "rangemode": "tozero"},
        yaxis=_rows_axis(positions, labels),
        height=_height(len(df), per_row=34),
    )
    return fig


def unama_chart(rows: pd.DataFrame, title: str = "") -> go.Figure:
    """UNAMA's figure for a period against the sum of the claims in it (``compare_unama``)."""
    df = rows.reset_index(drop=True)
    labels = [
        f"{escape(r['period_start'])}–{escape(r['period_end'])} {escape(r['unama_scope'])}"
        f" · {escape(r['outcome'])}"
        for r in df.to_dict("records")
    ]
    positions = list(range(len(df)))[::-1]
    notes = [[escape_wrapped(n)] for n in df["source_note"]]
    fig = go.Figure()
    fig.add_scatter(
        x=_num(df["unama_figure"]).tolist(),
        y=[p + 0.15 for p in positions],
        mode="markers",
        name="UNAMA",
        marker={"symbol": "square", "size": 9, "color": "#1f77b4"},
        customdata=notes,
        hovertemplate="UNAMA: %{x:,.0f}<br>%{customdata[0]}<extra></extra>",
    )
    fig.add_scatter(
        x=_num(df["claims_best"]).tolist(),
        y=[p - 0.15 for p in positions],
        error_x=_errors(df, "claims_best", "claims_low", "claims_high"),
        mode="markers",
        name="claims in the corpus (sum of incidents)",
        marker={"size": 9, "color": "#ff7f0e"},
        hovertemplate="claims: %{x:,.0f}<extra></extra>",
    )
    fig.update_layout(
        title=escape(title or "Civilian casualties: UNAMA against the corpus"),
        xaxis={"type": "log", "dtick": 1, "title": "civilians"},
        yaxis=_rows_axis(positions, labels),
        height=_height(len(df), per_row=34),
    )
    return fig


def ucdp_chart(rows: pd.DataFrame, title: str = "") -> go.Figure:
    """Incidents matched to UCDP GED events: killed (consensus best) against UCDP's best."""
    df = rows[rows["match_level"] != "none"].reset_index(drop=True)
    custom = [
        [
            escape(r["incident_id"]),
            escape(r["label"]),
            escape(r["ucdp_id"]),
            escape(r["ucdp_side_a"]),
            escape(r["ucdp_side_b"]),
            escape(r["match_level"]),
        ]
        for r in df.to_dict("records")
    ]
    fig = go.Figure()
    top = max(_num(df["ucdp_best"]).max(), _num(df["killed_best"]).max(), 1.0)
    top = float(top) if len(df) and not math.isnan(top) else 1.0
    fig.add_scatter(
        x=[0, top],
        y=[0, top],
        mode="lines",
        line={"color": "#aaa", "dash": "dot"},
        name="same figure",
        hoverinfo="skip",
    )
    fig.add_scatter(
        x=_num(df["ucdp_best"]).tolist(),
        y=_num(df["killed_best"]).tolist(),
        mode="markers",
        error_x=_errors(df, "ucdp_best", "ucdp_low", "ucdp_high"),
        name="incident",
        marker={"size": 9, "color": "#9467bd"},
        customdata=custom,
        hovertemplate="<b>%{customdata[0]}</b> %{customdata[1]}<br>claims: %{y:,.0f}"
        "<br>UCDP %{customdata[2]} (%{customdata[3]} vs %{customdata[4]}): %{x:,.0f}"
        "<br>matched by %{customdata[5]}<extra></extra>",
    )
    fig.update_layout(
        title=escape(title or "Incidents against matching UCDP GED events"),
        xaxis_title="UCDP best (bar: low to high)",
        yaxis_title="killed, consensus of the claims",
        height=440,
    )
    return fig
