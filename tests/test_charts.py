"""Figures and tables of the report pages: provenance in hover labels, escaping, the map."""

from __future__ import annotations

import json

import pandas as pd
import plotly.graph_objects as go
import pytest
from fixtures.site import synthetic

from casualties.site import charts, geo
from casualties.site.html import escape, escape_wrapped, html_table, provenance


@pytest.fixture(scope="module")
def results(tmp_path_factory):
    from casualties.site import report

    folder = tmp_path_factory.mktemp("processed")
    synthetic.write_processed(folder)
    return report.load(str(folder))


def _json(fig: go.Figure) -> str:
    return fig.to_json()


def _assert_no_raw_markup(fig: go.Figure) -> None:
    text = json.dumps(fig.to_plotly_json(), default=str)
    assert "<script" not in text and "</script" not in text


# ------------------------------------------------------------------ escaping and tables


def test_escape_handles_markup_and_missing_values():
    assert escape("<script>alert('x')</script> & co") == (
        "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; co"
    )
    assert escape(None) == escape(float("nan")) == escape(pd.NA) == ""
    wrapped = escape_wrapped("word " * 40 + "<b>", width=30)
    assert "<br>" in wrapped and "<b>" not in wrapped and "&lt;b&gt;" in wrapped


def test_provenance_gives_escaped_claimant_outlet_date_and_quote():
    df = pd.DataFrame(
        {
            "claimant": ["un"],
            "outlet": ["A & B <i>News</i>"],
            "published": ["2019-09-06"],
            "date_start": [""],
            "quote": [synthetic.SCRIPT_QUOTE],
            "figure_text": ["12"],
        }
    )
    (row,) = provenance(df)
    assert row[0] == "un"
    assert row[1] == "A &amp; B &lt;i&gt;News&lt;/i&gt;"
    assert row[2] == "2019-09-06"  # no event date: the publication date
    assert "&lt;script&gt;" in row[3] and "<script" not in row[3]


def test_html_table_escapes_every_cell_and_builds_links():
    df = pd.DataFrame({"<h>": ["<script>x</script>"], "id": ["INC-1"], "n": [3.0]})
    html = html_table(df, links={"id": {"INC-1": 'a.html"onclick="x'}})
    assert "<script>" not in html and "&lt;script&gt;x&lt;/script&gt;" in html
    assert '<th class="">&lt;h&gt;</th>' in html
    assert '<a href="a.html&quot;onclick=&quot;x">INC-1</a>' in html
    assert '<td class="num">3</td>' in html
    assert html_table(df.iloc[0:0], empty="Nothing <here>.") == "<p>Nothing &lt;here&gt;.</p>"


# ------------------------------------------------------------------ renderer


def test_site_renderer_emits_a_fragment_without_plotly_js():
    fig = go.Figure(go.Scatter(x=[1, 2], y=[3, 4], name="</script><script>alert(1)"))
    bundle = charts.SiteRenderer().to_mimebundle(fig.to_dict())
    html = bundle["text/html"]
    assert "Plotly.newPlot" in html and 'class="plotly-graph-div"' in html
    assert len(html) < 20_000  # plotly.js (4 MB) is not inlined
    assert "</script><script>alert" not in html  # JSON inside <script> is escaped
    assert bundle == charts.SiteRenderer().to_mimebundle(fig.to_dict())  # deterministic id


def test_has_data_tells_empty_figures():
    assert not charts.has_data(go.Figure())
    assert charts.has_data(go.Figure(go.Bar(x=["a"], y=[1])))


# ------------------------------------------------------------------ map


def test_map_has_every_province_once_with_cod_names():
    shapes = geo.province_shapes()
    names = [s.province for s in shapes]
    assert len(names) == 34 == len(set(names))
    assert {"Panjsher", "Daykundi", "Hirat", "Hilmand", "Sar-e-Pul"} <= set(names)
    points = sum(len(ring) for s in shapes for ring in s.rings)
    assert 800 < points < 4000  # simplified, still recognisable


def test_simplify_keeps_ends_and_drops_collinear_points():
    line = [(0.0, 0.0), (1.0, 0.001), (2.0, 0.0), (3.0, 5.0)]
    assert geo.simplify(line, 0.01) == [(0.0, 0.0), (2.0, 0.0), (3.0, 5.0)]
    assert geo.simplify(line[:2], 0.01) == line[:2]


def test_province_map_shades_provinces_with_claims():
    counts = pd.DataFrame({"province": ["Kabul", "Hilmand"], "claims": [7, 1]})
    fig = charts.province_map(counts)
    filled = {t.name: t.fillcolor for t in fig.data if t.fill == "toself"}
    assert set(filled) >= {"Kabul", "Hilmand", "Hirat"}
    assert filled["Hirat"] == "#f7f7f7"
    assert filled["Kabul"] != filled["Hilmand"] != "#f7f7f7"
    assert len(_json(fig)) < 120_000


# ------------------------------------------------------------------ figures on real tables


def _provenance_traces(fig: go.Figure) -> list:
    return [t for t in fig.data if t.hovertemplate == charts.PROVENANCE_HOVER]


def test_timeline_hover_shows_provenance_escaped(results):
    fig = charts.timeline(results.claims)
    traces = _provenance_traces(fig)
    assert traces
    quotes = [row[3] for t in traces for row in t.customdata]
    assert any("&lt;script&gt;" in q for q in quotes)
    assert sum(len(t.x) for t in traces) == int((results.claims["best"] > 0).sum())
    _assert_no_raw_markup(fig)


def _on(results, day: str) -> str:
    """The id of the synthetic incident of ``day`` (ids carry the day and a hash)."""
    (found,) = results.incidents.loc[results.incidents["date_start"] == day, "incident_id"]
    return found


def test_range_and_toll_charts_show_every_claim_of_the_incident(results):
    from casualties.analyse import side_by_side, toll_evolution

    bombing = _on(results, "2019-09-05")
    side = side_by_side(results.claims, bombing)
    fig = charts.range_chart(side)
    assert sum(len(t.x) for t in _provenance_traces(fig)) == len(side)
    _assert_no_raw_markup(fig)
    toll = charts.toll_chart(toll_evolution(results.claims, bombing))
    assert sum(len(t.x) for t in _provenance_traces(toll)) == len(side)
    _assert_no_raw_markup(toll)


def test_claimant_ranges_side_by_side(results):
    from casualties.site import report

    ranges = report.claimant_ranges(results, "killed")
    days = ["2019-08-17", "2019-09-05", "2019-09-22"]
    assert set(ranges["incident_id"]) == {_on(results, day) for day in days}
    hilmand = ranges[ranges["incident_id"] == _on(results, "2019-09-22")].set_index("claimant")
    assert hilmand.loc["media", "best"] == 40 and hilmand.loc["afghan_gov", "best"] == 6
    fig = charts.claimant_ranges_chart(ranges)
    assert {t.name for t in fig.data} == set(ranges["claimant"])
    _assert_no_raw_markup(fig)


def test_analysis_charts_draw_their_tables(results):
    from casualties.analyse import (
        aggregates_vs_components,
        claimant_bias,
        compare_ucdp,
        compare_unama,
    )
    from casualties.site import report

    bias = claimant_bias(results.claims, results.comparison)
    figures = [
        charts.bias_chart(bias),
        charts.interval_chart(report.totals(results, "outcome")),
        charts.interval_chart(report.totals(results, "victim"), series="outcome"),
        charts.aggregates_chart(aggregates_vs_components(results.claims)),
        charts.unama_chart(compare_unama(results.claims)),
        charts.ucdp_chart(compare_ucdp(results.claims, results.incidents)),
        charts.claims_bar(report.claim_counts(results.claims, "claimant"), "claimant"),
    ]
    for fig in figures[:3]:
        assert charts.has_data(fig)
    for fig in figures:
        _assert_no_raw_markup(fig)
        assert len(_json(fig)) < 150_000
