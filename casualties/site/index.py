"""The site's ``index.html``: a summary table, a link to every report and a list of every
incident that can be searched, sorted and filtered offline.

The incident list is data (``data/incident_index.js``) drawn by the site's own small
script (``assets/incidents.js``), so the page stays small at any corpus size; the first
``INDEX_ROWS`` incidents are also written as plain HTML rows, for readers without
JavaScript.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from casualties.site.export import page, write_page
from casualties.site.html import CORRECTION_MARK, escape, is_missing, shorten
from casualties.site.registry import KIND_HEADINGS
from casualties.site.runner import Job, JobResult

INCIDENT_SCRIPT = "incidents.js"  # in assets/, from casualties/site/assets/
INCIDENT_DATA = "incident_index.js"  # in data/
INDEX_ROWS = 200  # incidents written as HTML rows (the script shows every one)
#: Columns of the incident list: (key, heading); a row of the data file has them in order,
#: then the href of the incident's page ("" when it has none).
INCIDENT_COLUMNS = (
    ("id", "incident"),
    ("label", "what"),
    ("date", "date"),
    ("province", "province"),
    ("claimants", "claimants"),
    ("grade", "grade"),
    ("killed", "killed (best)"),
    ("claims", "claims"),
)


def _table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    head = "".join(f"<th>{h}</th>" for h in headers)
    if not any(headers):
        body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in rows)
        return f"<table><tbody>{body}</tbody></table>"
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _cell(value: Any) -> str:

    if is_missing(value):
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return escape(value)


def failure_lines(result: JobResult) -> list[str]:
    """Plain-text description of a failed report: the failing cell and its source."""
    where = (
        f"cell {result.cell_index + 1}"
        if result.cell_index is not None
        else "the injected parameters or the kernel"
    )
    lines = [f"{result.name}: {where}: {result.error}"]
    for line in result.cell_source.splitlines()[:8]:
        lines.append(f"    {line}")
    return lines


#: Set-aside claims listed on the index; the rest are in data/claims_rejected.csv.
PROBLEMS_SHOWN = 100


def problems_html(rejected: pd.DataFrame) -> str:
    """The index's "problems" section: claims the pipeline could not clean, with the quote
    they were read from and the reason (all escaped), so that a reader can check them."""
    rows = [
        [_cell(r.get("doc_id")), _cell(shorten(r.get("quote"))), _cell(r.get("figure_text")),
         _cell(r.get("reason"))]
        for r in rejected.head(PROBLEMS_SHOWN).to_dict("records")
    ]  # fmt: skip
    more = len(rejected) - len(rows)
    note = (
        f"<p>{len(rejected)} claim(s) could not be cleaned and are not counted in any report; "
        "they are listed in data/claims_rejected.csv"
        + (f" ({more} more than shown here)" if more > 0 else "")
        + ".</p>"
    )
    table = _table(["document", "quote", "figure", "reason"], rows)
    return f'<h2 id="problems" class="problems">Problems: claims set aside</h2>{note}{table}'


#: Decisions listed on the index; all of them are in data/decisions.csv.
DECISIONS_SHOWN = 200
_DECISION_COLUMNS = (("line", "line"), ("decision", "decision"), ("claim_id", "claim"),
                     ("other_claim_id", "other claim"), ("field", "field"), ("value", "value"),
                     ("status", "status"), ("analyst", "analyst"), ("reason", "reason"),
                     ("detail", "detail"))  # fmt: skip


def corrections_html(decisions: pd.DataFrame) -> str:
    """The index's "corrections" section: every decision of the analysts' corrections file
    with what became of it (applied, stale, redundant), who took it and why (escaped)."""
    counts = decisions["status"].value_counts()
    said = ", ".join(f"{int(n)} {escape(status)}" for status, n in sorted(counts.items()))
    rows = [
        [_cell(shorten(r.get(key), 300)) for key, _label in _DECISION_COLUMNS]
        for r in decisions.head(DECISIONS_SHOWN).to_dict("records")
    ]
    stale = int(counts.get("stale", 0))
    note = (
        f"<p>{len(decisions)} decision(s) of the analysts' corrections file: {said}. A value "
        f"a decision changed is marked {CORRECTION_MARK} on the report pages, with the reason "
        "(hover the mark) and a column that says it"
        + (
            f"; {stale} stale decision(s) name claims whose article changed or left the "
            "corpus, and are not applied"
            if stale
            else ""
        )
        + '. The whole table: <a href="data/decisions.csv">data/decisions.csv</a>.</p>'
    )
    table = _table([label for _key, label in _DECISION_COLUMNS], rows)
    return f'<h2 id="corrections">Corrections</h2>{note}<div class="table-wrap">{table}</div>'


def _plain(value: Any) -> Any:
    if is_missing(value):
        return None
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value.item() if hasattr(value, "item") else value


def incident_rows(results, pages: Mapping[str, str]) -> list[list[Any]]:
    """One row per incident (``INCIDENT_COLUMNS`` then its page), by date then id. The
    grade is that of the incident's death toll with the most claims (else of any toll)."""
    comparison = results.comparison
    grades: dict[str, str] = {}
    if len(comparison):
        ranked = comparison.assign(_killed=comparison["outcome"] != "killed").sort_values(
            ["incident_id", "_killed", "n_claims"], ascending=[True, True, False], kind="stable"
        )
        grades = dict(ranked.drop_duplicates("incident_id")[["incident_id", "grade"]].values)
    rows = []
    for r in results.incidents.sort_values(["date_start", "incident_id"]).to_dict("records"):
        incident = str(r["incident_id"])
        values = [incident, r.get("label"), r.get("date_start"), r.get("province"),
                  r.get("claimant_types"), grades.get(incident), r.get("killed_best"),
                  r.get("n_claims")]  # fmt: skip
        rows.append([_plain(v) for v in values] + [pages.get(incident, "")])
    return rows


def incident_data_script(rows: Sequence[Sequence[Any]]) -> str:
    """``data/incident_index.js``: the rows as a JavaScript array (``<`` escaped, so no
    article text can close a script)."""
    text = json.dumps(list(rows), ensure_ascii=False, separators=(",", ":"))
    return "window.CASUALTIES_INCIDENTS = " + text.replace("<", "\\u003c") + ";\n"


def incidents_html(rows: Sequence[Sequence[Any]]) -> str:
    """The searchable incident list: controls, table (first rows in HTML) and scripts."""
    from casualties.site.export import ASSETS

    head = "".join(
        f'<th data-key="{key}" class="{"num" if key in ("killed", "claims") else ""}" '
        f'title="sort">{escape(label)}</th>'
        for key, label in INCIDENT_COLUMNS
    )
    body = []
    for row in rows[:INDEX_ROWS]:
        cells = [_cell(v) if i else "" for i, v in enumerate(row[:8])]
        first = escape(row[0])
        cells[0] = f'<a href="{escape(row[8])}">{first}</a>' if row[8] else first
        body.append("<tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
    field = '<label>{label} <{tag} id="incident-{name}"{extra}>{inner}</{tag}></label>'
    controls = [
        '<label>search <input id="incident-search" type="search" '
        'placeholder="id, place, claimant..."></label>',
        *(field.format(label=n, tag="select", name=n, extra="",
                       inner='<option value="">all</option>')
          for n in ("province", "claimant", "grade")),
        '<label>from <input id="incident-from" type="date"></label>',
        '<label>to <input id="incident-to" type="date"></label>',
        '<label>killed at least <input id="incident-killed" type="number" min="0"></label>',
    ]  # fmt: skip
    note = (
        f"<p>{len(rows):,} incidents; those with two or more claims link to their report. "
        f'The whole table: <a href="data/incidents.csv">data/incidents.csv</a>.</p>'
    )
    return (
        f'<h2 id="incidents">Incidents</h2>{note}'
        f'<div id="incident-controls" class="controls" hidden>{" ".join(controls)}'
        f' <span id="incident-count"></span></div>'
        f'<div class="table-wrap"><table id="incident-table"><thead><tr>{head}</tr></thead>'
        f"<tbody>{''.join(body)}</tbody></table></div>"
        '<p><button id="incident-more" type="button" hidden>show more</button></p>'
        f'<script src="data/{INCIDENT_DATA}"></script>'
        f'<script src="{ASSETS}/{INCIDENT_SCRIPT}"></script>'
    )


def index_html(
    jobs: Sequence[Job],
    results: Sequence[JobResult],
    summary: Sequence[tuple[str, Any]],
    *,
    title: str = "Casualty claims: reports",
    intro: str = "",
    data_page: str = "",
    rejected: pd.DataFrame | None = None,
    decisions: pd.DataFrame | None = None,
    incidents: Sequence[Sequence[Any]] | None = None,
) -> str:
    by_name = {r.name: r for r in results}
    parts = [f"<h1>{escape(title)}</h1>"]
    if intro:
        parts.append(f"<p>{escape(intro)}</p>")
    if data_page:
        parts.append(
            f'<p><a href="{escape(data_page)}">The data</a>: every table behind the site, '
            "for download (CSV, Parquet), with a data dictionary.</p>"
        )
    parts.append("<h2>Summary</h2>")
    parts.append(_table(["", ""], [(escape(k), _cell(v)) for k, v in summary]))
    if rejected is not None and len(rejected):
        parts.append(problems_html(rejected))
    if decisions is not None and len(decisions):
        parts.append(corrections_html(decisions))
    failed = [r for r in results if not r.ok]
    if failed:
        parts.append('<h2 class="failures">Reports that failed to build</h2><ul class="failures">')
        for result in failed:
            text = "\n".join(failure_lines(result))
            parts.append(f"<li><pre>{escape(text)}</pre></li>")
        parts.append("</ul>")
    for kind, heading in KIND_HEADINGS.items():
        group = [job for job in jobs if job.kind == kind]
        if heading is None or not group:
            continue
        columns = list(dict.fromkeys(c for job in group for c in job.summary))
        rows = []
        for job in group:
            result = by_name.get(job.name)
            if result is not None and result.ok:
                link = f'<a href="{escape(job.name)}.html">{escape(job.title)}</a>'
            else:
                link = f'{escape(job.title)} <span class="failures">(failed)</span>'
            rows.append([link, *(_cell(job.summary.get(c)) for c in columns)])
        parts.append(f"<h2>{escape(heading)}</h2>")
        parts.append(_table(["report", *(escape(c) for c in columns)], rows))
    if incidents is not None:
        parts.append(incidents_html(incidents))
    return page(title, "\n".join(parts), plotly=False)


def write_index(
    out_dir: str | os.PathLike,
    jobs: Sequence[Job],
    results: Sequence[JobResult],
    summary: Sequence[tuple[str, Any]] | Mapping[str, Any],
    **kwargs: Any,
) -> Path:
    if isinstance(summary, Mapping):
        summary = list(summary.items())
    path = Path(out_dir) / "index.html"
    write_page(index_html(jobs, results, summary, **kwargs), path)
    return path


def write_incident_list(out_dir: str | os.PathLike, results, jobs: Sequence[Job],
                        outcomes: Sequence[JobResult]) -> list[list[Any]]:  # fmt: skip
    """Write ``data/incident_index.js`` and ``assets/incidents.js``; the rows for the index.
    An incident links to its page only when that page was built."""
    from casualties.io import write_text_atomic
    from casualties.site.export import ASSETS

    built = {r.name for r in outcomes if r.ok}
    pages = {
        str(job.parameters["incident_id"]): f"{job.name}.html"
        for job in jobs
        if job.kind == "incident" and job.name in built
    }
    rows = incident_rows(results, pages)
    out_dir = Path(out_dir)
    write_text_atomic(incident_data_script(rows), out_dir / "data" / INCIDENT_DATA)
    script = (Path(__file__).parent / "assets" / INCIDENT_SCRIPT).read_text(encoding="utf-8")
    write_text_atomic(script, out_dir / ASSETS / INCIDENT_SCRIPT)
    return rows
