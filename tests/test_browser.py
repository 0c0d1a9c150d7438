"""The site in a real browser: headless Chromium opens the index and every report from
``file://``; no JavaScript error, every plotly chart drawn.

Needs Debian's ``chromium`` (``.ci/run`` installs it); skipped with a reason otherwise.
"""

from __future__ import annotations

import re

import pytest
from fixtures.site.browser import chromium, load_pages

from casualties.site.charts import SiteRenderer
from casualties.site.export import page, write_assets, write_page

BROWSER = chromium()
pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        BROWSER is None,
        reason="headless Chromium not found (Debian package `chromium`; .ci/run installs it)",
    ),
]


def _chart_html() -> str:
    import plotly.graph_objects as go

    fig = go.Figure(go.Scatter(x=[1, 2, 3], y=[2, 1, 3], name="<b>x</b>"))
    return SiteRenderer().to_mimebundle(fig.to_dict())["text/html"]


def test_the_page_monitor_sees_errors_and_undrawn_charts(tmp_path):
    """The checks below are only as good as the monitor: show it can fail."""
    write_assets(tmp_path)
    write_page(page("good", _chart_html()), tmp_path / "good.html")
    write_page(page("throws", "<script>null.boom();</script>"), tmp_path / "throws.html")
    (tmp_path / "offline").mkdir()
    write_page(page("no plotly.js", _chart_html()), tmp_path / "offline" / "page.html")
    good, throws, offline = load_pages(
        [tmp_path / "good.html", tmp_path / "throws.html", tmp_path / "offline" / "page.html"],
        BROWSER,
    )
    assert (good.status, good.errors, good.charts, good.drawn) == ("loaded", [], 1, 1)
    assert throws.status == "loaded" and throws.errors and "null" in throws.errors[0]
    assert offline.charts == 1 and offline.drawn == 0
    assert any("plotly.min.js" in e for e in offline.errors)
    assert any("Plotly is not defined" in e for e in offline.errors)


@pytest.fixture(scope="module")
def site(embedded_site):
    build = embedded_site
    assert build.exit_code == 0, build.stderr
    return build


def test_every_page_loads_without_errors_and_draws_its_charts(site):
    index = site.out / "index.html"
    links = re.findall(r'href="([^"]+\.html)"', index.read_text(encoding="utf-8"))
    pages = [index, *(site.out / link for link in dict.fromkeys(links))]
    assert len(pages) > 5
    states = load_pages(pages, BROWSER)
    problems = []
    for state in states:
        name = state.path.name
        if state.status != "loaded" or state.errors:
            problems.append(f"{name}: {state.status}: {state.errors}")
        if state.drawn != state.charts:
            problems.append(f"{name}: {state.drawn} of {state.charts} charts drawn")
        if name not in ("index.html", "data.html") and state.charts < 1:
            problems.append(f"{name}: no chart")
    assert not problems, "\n".join(problems)


def _evaluate(session, expression: str):
    result = session.call(
        "Runtime.evaluate", {"expression": expression, "returnByValue": True}, session=True
    )
    assert "exceptionDetails" not in result, result["exceptionDetails"]
    return result["result"].get("value")  # undefined (a click) has none


ROWS_JS = (
    "Array.from(document.querySelectorAll('#incident-table tbody tr'))"
    ".map(tr => Array.from(tr.cells).map(td => td.textContent))"
)
KILLED = 6  # column of the incident list


def test_the_index_incident_list_is_searched_filtered_and_sorted_offline(site):
    """The script of assets/ draws every incident from data/incident_index.js; typing in the
    search box and choosing a province narrows the rows, a header click sorts them."""
    from fixtures.site.browser import FLAGS
    from fixtures.site.cdp import Browser

    session = Browser(BROWSER, FLAGS)
    try:
        seen = session.open((site.out / "index.html").resolve().as_uri())
        assert not seen["errors"], seen["errors"]
        assert _evaluate(session, "document.getElementById('incident-controls').hidden") is False
        every = _evaluate(session, ROWS_JS)
        total = _evaluate(session, "window.CASUALTIES_INCIDENTS.length")
        assert len(every) == total > 5  # the embedded corpus: fewer than one page of rows
        target = next(row for row in every if row[3])  # an incident with a province
        word = target[3]
        _evaluate(
            session,
            "const box = document.getElementById('incident-search');"
            f"box.value = {word.lower()!r}; box.dispatchEvent(new Event('input'));",
        )
        found = _evaluate(session, ROWS_JS)
        assert found and len(found) < total
        assert all(word.lower() in " ".join(row).lower() for row in found)
        assert target in found
        count = _evaluate(session, "document.getElementById('incident-count').textContent")
        assert count.startswith(f"{len(found)} of {total} incidents")

        _evaluate(
            session,
            "document.getElementById('incident-search').value = '';"
            "const p = document.getElementById('incident-province');"
            f"p.value = {word!r}; p.dispatchEvent(new Event('input'));",
        )
        by_province = _evaluate(session, ROWS_JS)
        assert by_province and all(row[3] == word for row in by_province)
        _evaluate(
            session,
            "const q = document.getElementById('incident-province');"
            "q.value = ''; q.dispatchEvent(new Event('input'));",
        )

        def killed(rows):
            return [float(r[KILLED].replace(",", "")) if r[KILLED] else -1 for r in rows]

        click = "document.querySelector('#incident-table th[data-key=killed]').click()"
        _evaluate(session, click)
        first = killed(_evaluate(session, ROWS_JS))
        assert len(first) == total and first == sorted(first, reverse=True)
        assert first[0] > first[-1]  # the sort did something
        _evaluate(session, click)
        again = killed(_evaluate(session, ROWS_JS))
        assert again == sorted(again)
        links = _evaluate(
            session, "Array.from(document.querySelectorAll('#incident-table a')).length"
        )
        assert links >= 1  # incidents with a report link to it
    finally:
        session.close()
