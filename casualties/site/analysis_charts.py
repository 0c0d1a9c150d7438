"""Figures of the analysis tables: claimant bias, Monte Carlo totals, period totals against
their components, UNAMA and UCDP comparisons (re-exported by ``casualties.site.charts``)."""

from __future__ import annotations

import math

import pandas as pd
import plotly.graph_objects as go

from casualties.site.html import escape, escape_wrapped, format_cell
from casualties.site.plotting import (
    CLAIMANT_COLOURS,
    errors,
    height,
    num,
    rows_axis,
    short,
    value_axis,
)


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
            y=num(group["mean_log2_ratio"]).tolist(),
            text=[f"{v:+.2f}" for v in num(group["mean_log2_ratio"])],
            textposition="outside",
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
                    f"{num(pd.Series([r[k]]))[0]:,.0f}"
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
            for x0, x1, y in zip(num(part[low]), num(part[high]), ys, strict=True):
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
            x=num(part["p50"]).tolist(),
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
            x=num(part["best_sum"]).tolist(),
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
        yaxis=rows_axis(list(position.values()), [escape(g) for g in position]),
        height=height(len(groups), per_row=30 + 8 * len(names)),
    )
    return fig


def aggregates_chart(rows: pd.DataFrame, title: str = "") -> go.Figure:
    """Each period total (``analyse.aggregates_vs_components``) against the sum of the
    incidents it covers."""
    df = rows.reset_index(drop=True)
    labels = [
        f"{escape(r['incident_id'])} {escape(r['victim'])} {escape(r['outcome'])} "
        f"{escape(r['period_start'])}–{escape(r['period_end'])} {short(r['area'], 24)}"
        for r in df.to_dict("records")
    ]
    positions = list(range(len(df)))[::-1]
    fig = go.Figure()
    quotes = [
        [escape_wrapped(q), escape(c)]
        for q, c in zip(df["quote"], df["claimant_types"], strict=True)
    ]
    fig.add_scatter(
        x=num(df["aggregate_best"]).tolist(),
        y=[p + 0.15 for p in positions],
        error_x=errors(df, "aggregate_best", "aggregate_low", "aggregate_high"),
        mode="markers",
        name="period total (claim)",
        marker={"size": 9, "color": "#d62728"},
        customdata=quotes,
        hovertemplate="<b>%{customdata[1]}</b>: %{x:,.0f}<br><i>%{customdata[0]}</i>"
        "<extra></extra>",
    )
    fig.add_scatter(
        x=num(df["components_best"]).tolist(),
        y=[p - 0.15 for p in positions],
        error_x=errors(df, "components_best", "components_low", "components_high"),
        mode="markers",
        name="incidents in the period (sum)",
        marker={"size": 9, "color": "#1f77b4"},
        customdata=df[["n_components"]].to_numpy(),
        hovertemplate="%{customdata[0]} incidents: %{x:,.0f}<extra></extra>",
    )
    fig.update_layout(
        title=escape(title or "Period totals against their components"),
        xaxis=value_axis(
            pd.concat([num(df["aggregate_best"]), num(df["components_best"])]),
            num(df["aggregate_high"]),
        ),
        yaxis=rows_axis(positions, labels),
        height=height(len(df), per_row=34),
    )
    return fig


def unama_chart(rows: pd.DataFrame, title: str = "") -> go.Figure:
    """UNAMA's figure for a period against the sum of the claims in it (``compare_unama``)."""
    df = rows.reset_index(drop=True)
    labels = [
        f"{escape(r['period_start'])}–{escape(r['period_end'])} {short(r['unama_scope'], 36)}"
        f" · {escape(r['outcome'])}"
        for r in df.to_dict("records")
    ]
    positions = list(range(len(df)))[::-1]
    notes = [
        [escape_wrapped(f"{scope}: {note}")]
        for scope, note in zip(df["unama_scope"], df["source_note"], strict=True)
    ]
    fig = go.Figure()
    fig.add_scatter(
        x=num(df["unama_figure"]).tolist(),
        y=[p + 0.15 for p in positions],
        mode="markers",
        name="UNAMA",
        marker={"symbol": "square", "size": 9, "color": "#1f77b4"},
        customdata=notes,
        hovertemplate="UNAMA: %{x:,.0f}<br>%{customdata[0]}<extra></extra>",
    )
    fig.add_scatter(
        x=num(df["claims_best"]).tolist(),
        y=[p - 0.15 for p in positions],
        error_x=errors(df, "claims_best", "claims_low", "claims_high"),
        mode="markers",
        name="claims in the corpus (sum of incidents)",
        marker={"size": 9, "color": "#ff7f0e"},
        hovertemplate="claims: %{x:,.0f}<extra></extra>",
    )
    fig.update_layout(
        title=escape(title or "Civilian casualties: UNAMA against the corpus"),
        xaxis={"type": "log", "dtick": 1, "title": "civilians"},
        yaxis=rows_axis(positions, labels),
        height=height(len(df), per_row=34),
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
    top = max(num(df["ucdp_best"]).max(), num(df["killed_best"]).max(), 1.0)
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
        x=num(df["ucdp_best"]).tolist(),
        y=num(df["killed_best"]).tolist(),
        mode="markers",
        error_x=errors(df, "ucdp_best", "ucdp_low", "ucdp_high"),
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
