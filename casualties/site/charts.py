"""Plotly figures and HTML tables for the report notebooks.

Every text that comes from an article (quotes, outlets, titles, names) is HTML-escaped
before it reaches a figure or a table (``casualties.site.html``). Hovering a claim's point
shows its claimant, outlet, date and quote. Figures are displayed by the ``casualties``
renderer (``casualties.site.plotting``): an HTML fragment drawn by the page's shared
plotly.js.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd
import plotly.graph_objects as go

from casualties.site.aggregate import largest_per_day, largest_per_period, largest_rows
from casualties.site.analysis_charts import (  # noqa: F401 - re-exported for the notebooks
    aggregates_chart,
    bias_chart,
    interval_chart,
    ucdp_chart,
    unama_chart,
)
from casualties.site.html import (  # noqa: F401 - re-exported for the notebooks
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
from casualties.site.plotting import (  # noqa: F401 - re-exported for the notebooks
    CLAIMANT_COLOURS,
    OUTCOME_COLOURS,
    RENDERER,
    SiteRenderer,
    colour,
    errors,
    has_data,
    height,
    num,
    rows_axis,
    short,
    show,
    use_site_renderer,
    value_axis,
)


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
    df = claims.assign(_date=event_date(claims), _best=num(claims["best"]))
    df = df[df["_date"].notna() & (df["_best"] > 0)]
    df, note = largest_per_period(df, df["_date"])
    title += note
    fig = go.Figure()
    for claimant, group in df.groupby("claimant", sort=True):
        symbols = [
            "circle-open" if scope == "aggregate" else "circle"
            for scope in group.get("scope", pd.Series("incident", index=group.index))
        ]
        fig.add_scatter(
            x=group["_date"].dt.strftime("%Y-%m-%d").tolist(),
            y=group["_best"].tolist(),
            error_y=errors(group),
            mode="markers",
            name=escape(claimant),
            marker={"color": colour(claimant), "size": 8, "symbol": symbols},
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
    from casualties.site.geo import province_shapes

    shapes = province_shapes()
    table = counts.set_index("province") if "province" in counts.columns else counts
    top = float(num(table[value]).max()) if len(table) else 0.0
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
    """One row per claim (``analyse.side_by_side``, or any claims table): the low-high bar
    and the best, by claimant; hover shows the quote. Rows name the incident when the
    claims span several. Past ``CHART_ROWS`` claims, the largest (the title says so)."""
    df, note = largest_rows(side.reset_index(drop=True))
    df = df.reset_index(drop=True)
    title += note
    several = "incident_id" in df.columns and df["incident_id"].nunique() > 1
    labels = [
        (f"{escape(r['incident_id'])} · " if several else "")
        + f"{escape(r['victim'])} {escape(r['outcome'])} · {escape(r['claimant'])} · "
        f"{escape(r['published'])}"
        for r in df.to_dict("records")
    ]
    positions = list(range(len(df)))[::-1]
    fig = go.Figure()
    for claimant in sorted(df["claimant"].dropna().unique()):
        mask = (df["claimant"] == claimant).tolist()
        group = df[mask]
        fig.add_scatter(
            x=num(group["best"]).tolist(),
            y=[p for p, m in zip(positions, mask, strict=True) if m],
            error_x=errors(group),
            mode="markers",
            name=escape(claimant),
            marker={"color": colour(claimant), "size": 9},
            customdata=provenance(group, date_column="published"),
            hovertemplate=PROVENANCE_HOVER,
        )
    xaxis = value_axis(num(df["best"]), num(df["high"]), "people (point: best; bar: low to high)")
    fig.update_layout(
        title=escape(title),
        xaxis=xaxis,
        yaxis=rows_axis(positions, labels),
        height=height(len(df)),
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
            x=num(group["best"]).tolist(),
            y=ys,
            error_x=errors(group),
            mode="markers",
            name=escape(claimant),
            marker={"color": colour(claimant), "size": 8},
            customdata=provenance(group, date_column="published"),
            hovertemplate=PROVENANCE_HOVER,
        )
    labels = {}
    for record in df.to_dict("records"):
        labels[(record["incident_id"], record["victim"])] = (
            f"{escape(record['incident_id'])} {short(record.get('label', ''))} "
            f"· {escape(record['victim'])}"
        )
    fig.update_layout(
        title=escape(title or "Claimants' ranges, incident by incident"),
        xaxis={"type": "log", "dtick": 1, "title": "people (point: latest best; bar: low to high)"},
        yaxis=rows_axis([position[k] for k in keys], [labels[k] for k in keys]),
        height=height(len(keys), per_row=34),
    )
    return fig


def toll_chart(evolution: pd.DataFrame, title: str = "How the toll evolved") -> go.Figure:
    """Reported best over publication date (``analyse.toll_evolution``), a line per victim
    and outcome, points coloured by claimant."""
    df, note = largest_per_day(evolution)
    df = df.copy()
    title += note
    df["_published"] = pd.to_datetime(df["published"], errors="coerce")
    df = df[df["_published"].notna()].sort_values("_published", kind="stable")
    fig = go.Figure()
    dashes = ("solid", "dash", "dot", "dashdot", "longdash")
    groups = df.groupby(["victim", "outcome"], sort=True)
    for index, ((victim, outcome), group) in enumerate(groups):
        fig.add_scatter(
            x=group["_published"].dt.strftime("%Y-%m-%d").tolist(),
            y=num(group["best"]).tolist(),
            error_y={**errors(group), "color": "#999"},
            mode="lines+markers",
            line={"shape": "hv", "width": 1.5, "color": "#888", "dash": dashes[index % 5]},
            name=f"{escape(victim)} {escape(outcome)}",
            marker={"color": [colour(c) for c in group["claimant"]], "size": 9},
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
