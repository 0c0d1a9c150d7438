"""Pages stay small at any corpus size: long tables show their top rows and link to the
whole table, charts aggregate past a threshold, the index's incident list is data."""

from __future__ import annotations

import json
from types import SimpleNamespace

import pandas as pd

from casualties.site import aggregate
from casualties.site.charts import range_chart, timeline, toll_chart
from casualties.site.html import TABLE_ROWS, html_table
from casualties.site.index import (
    INDEX_ROWS,
    incident_data_script,
    incident_rows,
    incidents_html,
)


def _claims(n: int) -> pd.DataFrame:
    days = pd.date_range("2019-01-01", periods=n, freq="6h").strftime("%Y-%m-%d")
    return pd.DataFrame(
        {
            "claim_id": [f"c{i:05d}" for i in range(n)],
            "incident_id": [f"I{i // 3:05d}" for i in range(n)],
            "claimant": ["un", "taliban", "government"] * (n // 3) + ["un"] * (n % 3),
            "victim": "civilians",
            "outcome": "killed",
            "published": days,
            "date_start": days,
            "outlet": "Outlet <b>",
            "quote": ["A long quote about what happened that day. " * 5] * n,
            "figure_text": "at least 5",
            "low": [i % 50 + 1 for i in range(n)],
            "best": [i % 50 + 2 for i in range(n)],
            "high": [i % 50 + 3 for i in range(n)],
        }
    )


def test_a_long_table_shows_its_top_rows_and_links_to_the_whole_table():
    claims = _claims(5000)
    html = html_table(claims, ["claim_id", "quote"], full="data/claims_linked.csv")
    assert html.count("<tr>") == TABLE_ROWS + 1  # the header row
    assert f"The first {TABLE_ROWS} of 5,000 rows" in html
    assert '<a href="data/claims_linked.csv">' in html
    assert len(html) < 100_000
    assert "The first" not in html_table(claims.head(10))  # a short table is whole


def test_charts_aggregate_past_the_threshold_and_keep_the_largest_claim():
    small = timeline(_claims(30))
    assert sum(len(t.x) for t in small.data) == 30
    big = _claims(5000)
    fig = timeline(big)
    points = sum(len(t.x) for t in fig.data)
    assert points < aggregate.CHART_CLAIMS * 2 and points < 5000
    assert "largest claim per claimant and" in fig.layout.title.text
    assert max(max(t.y) for t in fig.data) == big["best"].max()
    assert len(fig.to_json()) < 250_000

    rows = range_chart(big)
    assert sum(len(t.x) for t in rows.data) == aggregate.CHART_ROWS
    assert f"the {aggregate.CHART_ROWS} largest of 5,000 claims" in rows.layout.title.text
    assert len(range_chart(big.head(20)).data[0].x) <= 20


def test_a_toll_told_by_thousands_of_reports_charts_the_largest_of_each_claimant_and_day():
    reports = _claims(5000).assign(change=0)
    assert sum(len(t.x) for t in toll_chart(reports.head(30)).data) == 30
    fig = toll_chart(reports)
    points = sum(len(t.x) for t in fig.data)
    assert points < 5000
    assert "largest report per claimant and month" in fig.layout.title.text  # 3 years
    assert max(max(t.y) for t in fig.data) == reports["best"].max()
    assert len(fig.to_json()) < 250_000
    nine_days = reports.assign(published=[f"2019-09-0{i % 9 + 1}" for i in range(5000)])
    pairs = nine_days.groupby(["claimant", "published"]).ngroups
    assert f"per claimant and day: {pairs} of 5,000" in toll_chart(nine_days).layout.title.text


def _results(n: int) -> SimpleNamespace:
    incidents = pd.DataFrame(
        {
            "incident_id": [f"INC-{i:05d}" for i in range(n)],
            "label": ["Kabul </script><b>attack</b>"] * n,
            "date_start": pd.date_range("2019-01-01", periods=n, freq="h").strftime("%Y-%m-%d"),
            "province": ["Kabul", "Herat"] * (n // 2),
            "claimant_types": "government, taliban",
            "killed_best": [float(i % 90) for i in range(n)],
            "n_claims": 2,
        }
    )
    comparison = pd.DataFrame(
        {
            "incident_id": incidents["incident_id"],
            "outcome": "killed",
            "n_claims": 2,
            "grade": "contested",
        }
    )
    return SimpleNamespace(incidents=incidents, comparison=comparison)


def test_the_index_lists_every_incident_as_data_and_stays_small():
    results = _results(5000)
    rows = incident_rows(results, {"INC-00001": "incident-inc-00001.html"})
    assert len(rows) == 5000
    assert rows[1][-1] == "incident-inc-00001.html" and rows[0][-1] == ""
    assert rows[0][5] == "contested" and rows[0][6] == 0
    script = incident_data_script(rows)
    assert "</script>" not in script and "<b>" not in script
    data = json.loads(script.removeprefix("window.CASUALTIES_INCIDENTS = ").rstrip(";\n"))
    assert data == rows  # the escape is JSON's: the values are unchanged
    html = incidents_html(rows)
    assert html.count("<tr>") == INDEX_ROWS + 1
    assert "&lt;/script&gt;" in html and "</script><b>" not in html
    assert len(html) < 150_000
