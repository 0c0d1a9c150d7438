"""The site's ``index.html``: a summary table and a link to every report."""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from casualties.build.export import page, write_page
from casualties.build.html import escape, is_missing, shorten
from casualties.build.runner import Job, JobResult

KIND_HEADINGS = {
    "general": "Reports",
    "incident": "Incidents with two or more claims",
    "province": "Provinces",
}


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


def index_html(
    jobs: Sequence[Job],
    results: Sequence[JobResult],
    summary: Sequence[tuple[str, Any]],
    *,
    title: str = "Casualty claims: reports",
    intro: str = "",
    data_page: str = "",
    rejected: pd.DataFrame | None = None,
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
    failed = [r for r in results if not r.ok]
    if failed:
        parts.append('<h2 class="failures">Reports that failed to build</h2><ul class="failures">')
        for result in failed:
            text = "\n".join(failure_lines(result))
            parts.append(f"<li><pre>{escape(text)}</pre></li>")
        parts.append("</ul>")
    for kind, heading in KIND_HEADINGS.items():
        group = [job for job in jobs if job.kind == kind]
        if not group:
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
