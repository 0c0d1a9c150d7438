"""HTML for the report pages: escaping, provenance hover data and tables.

Every text that comes from an article (quotes, outlets, titles, names) goes through
``escape`` before it reaches a figure or a table.
"""

from __future__ import annotations

import html
import math
import textwrap
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import pandas as pd


def is_missing(value: Any) -> bool:
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    return isinstance(value, float) and math.isnan(value)


def escape(value: Any) -> str:
    """Text for HTML: ``&``, ``<``, ``>`` and quotes escaped; missing values are ``""``."""
    return "" if is_missing(value) else html.escape(str(value), quote=True)


#: Longest quote shown on a page (characters): a longer sentence is cut with an ellipsis,
#: so that one huge sentence cannot blow a page past its size bound; the tables of the
#: site's data/ folder keep it whole.
QUOTE_LIMIT = 1000


def shorten(value: Any, limit: int = QUOTE_LIMIT) -> Any:
    """``value`` cut to about ``limit`` characters (at a space when there is one near the
    end), with " …" appended; shorter values and non-text unchanged."""
    if not isinstance(value, str) or len(value) <= limit:
        return value
    cut = value[:limit]
    space = cut.rfind(" ", limit - 80)
    return (cut[:space] if space > 0 else cut).rstrip() + " …"


def escape_wrapped(value: Any, width: int = 80) -> str:
    """Escaped text with ``<br>`` line breaks, for plotly hover labels (shortened to
    ``QUOTE_LIMIT``)."""
    if is_missing(value):
        return ""
    lines = textwrap.wrap(str(shorten(value)), width=width) or [""]
    return "<br>".join(html.escape(line, quote=True) for line in lines)


def provenance(df: pd.DataFrame, *, date_column: str | None = None) -> list[list[str]]:
    """Per row: escaped claimant, outlet, date and quote, as plotly ``customdata``."""
    if date_column is None:
        date_column = "date_start" if "date_start" in df.columns else "published"
    rows = []
    for record in df.to_dict("records"):
        date = record.get(date_column)
        if is_missing(date) or date == "":
            date = record.get("published")
        rows.append(
            [
                escape(record.get("claimant")),
                escape(record.get("outlet")),
                escape(date),
                escape_wrapped(record.get("quote")),
                escape(record.get("figure_text")),
            ]
        )
    return rows


#: Hover label showing the provenance of a claim (``customdata`` from ``provenance``).
PROVENANCE_HOVER = (
    "<b>%{customdata[0]}</b> &middot; %{customdata[1]} &middot; %{customdata[2]}<br>"
    "figure: %{customdata[4]}<br>"
    "<i>%{customdata[3]}</i><extra></extra>"
)


# --------------------------------------------------------------------------- tables

#: The mark of a value an analyst corrected (docs/corrections.md); its title is the reason.
CORRECTION_MARK = "\u2020"
#: Per kind of correction (``corrected_fields``), the columns that show it, in the order
#: the mark prefers: it goes on the first of them a table shows (else on its first column).
CORRECTED_COLUMNS = {
    "claimant": ("claimant",),
    "victim": ("victim",),
    "outcome": ("outcome",),
    "figure": ("figure_text", "figure", "best", "value", "low", "high"),
    "place": ("province", "district", "place_text"),
    "date": ("date_start", "date_end", "date_text", "date"),
    "added": ("claim_id", "quote", "quotes"),
    "merged": ("incident_id",),
    "split": ("incident_id",),
}
#: The column a table adds to say, in text, why the marked values were corrected.
CORRECTION_LABEL = "correction"


def correction_marks(kinds: str, columns: Sequence[str]) -> set[str]:
    """The columns of a row that carry the mark, for its ``corrected_fields``."""
    marked = set()
    for kind in (k for k in str(kinds or "").split(";") if k):
        shown = [c for c in CORRECTED_COLUMNS.get(kind, ()) if c in columns]
        marked.add(shown[0] if shown else columns[0])
    return marked


def mark(note: Any) -> str:
    """The corrected-value mark, the reason as its tooltip (escaped)."""
    return f'<sup class="corrected" title="{escape(note)}">{CORRECTION_MARK}</sup>'


#: Rows a table shows at most: past it, the top rows and a link to the whole table, so that
#: no page grows with the corpus (every page stays under 300 KB besides plotly.js).
TABLE_ROWS = 100
#: Where a long table links to when the caller names no file of the site's data/.
ALL_TABLES = "data.html"


def html_table(
    df: pd.DataFrame,
    columns: Sequence[str] | None = None,
    *,
    labels: dict[str, str] | None = None,
    max_rows: int | None = TABLE_ROWS,
    quote_columns: Iterable[str] = ("quote",),
    links: Mapping[str, Mapping[str, str]] | None = None,
    empty: str = "No rows.",
    full: str = ALL_TABLES,
) -> str:
    """``df`` as an HTML table; every header and cell is escaped.

    ``links`` maps a column to ``{cell value: href}``: those cells become links (to other
    reports of the site). A table longer than ``max_rows`` shows its top rows and links to
    ``full``, the whole table (a file of the site's ``data/``; by default the data page).
    Where ``df`` has ``corrected_fields`` (analysts' corrections), a corrected value carries
    ``CORRECTION_MARK`` with the reason as its tooltip, and a last column says it in text.
    """
    if df.empty:
        return f"<p>{escape(empty)}</p>"
    if columns is None:
        columns = list(df.columns)
    columns = [c for c in columns if c in df.columns]
    labels = labels or {}
    links = links or {}
    quote_columns = set(quote_columns)
    numeric = {c for c in columns if pd.api.types.is_numeric_dtype(df[c])}
    shown = df if max_rows is None else df.head(max_rows)
    kinds, notes = _corrections(shown, columns)
    head = "".join(
        f'<th class="{"num" if c in numeric else ""}">{escape(labels.get(c, c))}</th>'
        for c in columns
    )
    if notes is not None:
        head += f"<th>{escape(CORRECTION_LABEL)}</th>"
    body = []
    for position, record in enumerate(shown[columns].to_dict("records")):
        marked = correction_marks(kinds[position], columns) if notes is not None else set()
        cells = []
        for column in columns:
            css = "num" if column in numeric else ("quote" if column in quote_columns else "")
            value = format_cell(record[column])
            text = escape(shorten(value) if column in quote_columns else value)
            href = links.get(column, {}).get(str(record[column]))
            if href:
                text = f'<a href="{escape(href)}">{text}</a>'
            if column in marked:
                text += mark(notes[position])
            cells.append(f'<td class="{css}">{text}</td>')
        if notes is not None:
            cells.append(f'<td class="correction">{escape(notes[position])}</td>')
        body.append("<tr>" + "".join(cells) + "</tr>")
    more = ""
    if max_rows is not None and len(df) > max_rows:
        more = (
            f'<p class="more">The first {max_rows} of {len(df):,} rows; the whole table: '
            f'<a href="{escape(full)}">{escape(full)}</a>.</p>'
        )
    return (
        f'<div class="table-wrap"><table><thead><tr>{head}</tr></thead>'
        f"<tbody>{''.join(body)}</tbody></table></div>{more}"
    )


def _corrections(shown: pd.DataFrame, columns: Sequence[str]):
    """Per shown row its ``corrected_fields`` and ``correction_note``; (None, None) when no
    shown row is corrected or the table shows the notes itself."""
    if "corrected_fields" not in shown.columns or "correction_note" in columns or not columns:
        return None, None
    kinds = ["" if is_missing(k) else str(k) for k in shown["corrected_fields"]]
    if not any(kinds):
        return None, None
    notes = shown["correction_note"] if "correction_note" in shown.columns else [""] * len(kinds)
    return kinds, ["" if is_missing(n) else str(n) for n in notes]


def format_cell(value: Any) -> Any:
    if is_missing(value):
        return ""
    if isinstance(value, float):
        return f"{value:,.0f}" if abs(value) >= 100 else f"{value:.3g}"
    return value


def show_table(df: pd.DataFrame, columns: Sequence[str] | None = None, **kwargs) -> None:
    """Display ``html_table(df, ...)`` in a notebook."""
    from IPython.display import HTML, display

    display(HTML(html_table(df, columns, **kwargs)))


def show_text(text: str, tag: str = "p") -> None:
    """Display data-derived text (escaped) as a paragraph or heading; nothing when empty."""
    from IPython.display import HTML, display

    if not text:
        return
    if tag not in ("p", "h2", "h3", "blockquote"):
        raise ValueError(f"unsupported tag {tag!r}")
    display(HTML(f"<{tag}>{escape(text)}</{tag}>"))
