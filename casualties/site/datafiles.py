"""The site's ``data/`` folder and its data dictionary page (``data.html``).

Readers who want the numbers download the tables behind the reports: as CSV, and as
Parquet with their dtypes when pyarrow (the ``parquet`` extra) is installed. The data
dictionary is not a second copy of the documentation: it is read from the contract's own
tables (``docs/claims.md``, ``docs/analysis.md``: ``| file | one row per | what |`` and
``| column | meaning |``) and vocabularies (``data/reference/vocabularies.yaml`` and the
analyse schema), so a column the docs do not explain shows up here as undocumented (and a
test fails).
"""

from __future__ import annotations

import os
import re
import shutil
from functools import cache
from pathlib import Path

import pandas as pd

from casualties import paths
from casualties.site import report
from casualties.site.export import page, write_page
from casualties.site.html import escape, html_table

DATA_DIR = "data"
PAGE = "data.html"
#: The tables of ``data/``, in pipeline order, and the document that explains each.
TABLES = (
    (report.CLAIMS_FILE, "claims.md"),
    (report.CLEAN_FILE, "claims.md"),
    (report.REJECTED_FILE, "claims.md"),
    *((name, "analysis.md") for name in report.RESULT_FILES),
    (report.DECISIONS_FILE, "corrections.md"),
)
#: The table of column meanings every claims table falls back on.
CLAIM_COLUMNS_DOC = "claims.md"
UNDOCUMENTED = "(not documented)"

_ROW = re.compile(r"^\|(.+)\|\s*$")
_RULE = re.compile(r"^\|[\s:|-]+\|\s*$")


def markdown_tables(text: str) -> list[tuple[str, list[str], list[list[str]]]]:
    """Every pipe table of a markdown text: (the heading above it, header, rows)."""
    tables, heading, current = [], "", None
    for line in text.splitlines():
        if line.startswith("#"):
            heading = line.lstrip("#").strip()
        match = _ROW.match(line)
        if not match:
            current = None
            continue
        if _RULE.match(line):
            continue
        cells = [cell.strip() for cell in match.group(1).split("|")]
        if current is None:
            current = (heading, cells, [])
            tables.append(current)
        else:
            current[2].append(cells)
    return tables


def _names(cell: str) -> list[str]:
    """ "`date_start`, `date_end`" -> ["date_start", "date_end"]."""
    return re.findall(r"`([^`]+)`", cell)


def plain(text: str) -> str:
    """Markdown cell text for an HTML page: no backticks (escaping is the table's job)."""
    return text.replace("`", "")


@cache
def _doc_tables(doc: str) -> list[tuple[str, list[str], list[list[str]]]]:
    return markdown_tables((paths.ROOT / "docs" / doc).read_text(encoding="utf-8"))


def column_meanings(file: str, doc: str) -> dict[str, str]:
    """Column -> meaning for ``file``: the table under its own heading in ``doc`` first,
    then the claim columns of ``docs/claims.md`` (shared by every claims table)."""
    meanings: dict[str, str] = {}
    sources = [t for t in _doc_tables(doc) if f"`{file}`" in t[0]]
    sources += _doc_tables(CLAIM_COLUMNS_DOC)
    for _heading, header, rows in sources:
        if header[:2] != ["column", "meaning"]:
            continue
        for row in rows:
            for name in _names(row[0]):
                meanings.setdefault(name, plain(row[1]))
    return meanings


def file_descriptions() -> dict[str, tuple[str, str]]:
    """File -> (one row per, what) from the ``| file | one row per | what |`` tables."""
    found = {}
    for doc in dict.fromkeys(doc for _file, doc in TABLES):
        for _heading, header, rows in _doc_tables(doc):
            if header[:3] == ["file", "one row per", "what"]:
                for row in rows:
                    for name in _names(row[0]):
                        found.setdefault(name, (plain(row[1]), plain(row[2])))
    return found


def vocabularies() -> dict[str, list[tuple[str, str]]]:
    """Column -> its closed set of values, each with what it covers where the contract
    says (claimant, victim, outcome, qualifier), else as the analyse schema lists them."""
    from casualties.analyse.schema import GRADES, SCOPES
    from casualties.analyse.uncertainty import GROUPINGS
    from casualties.contract import vocabulary_descriptions

    found = {c: list(values.items()) for c, values in vocabulary_descriptions().items()}
    for column, values in (("scope", SCOPES), ("grade", GRADES), ("grouping", GROUPINGS)):
        found[column] = [(value, "") for value in values]
    return found


def dictionary(columns_by_file: dict[str, list[str]]) -> dict[str, pd.DataFrame]:
    """Per file: one row per column with its meaning and vocabulary."""
    vocab = vocabularies()
    out = {}
    for file, doc in TABLES:
        if file not in columns_by_file:
            continue
        meanings = column_meanings(file, doc)
        rows = [
            {
                "column": column,
                "meaning": meanings.get(column, UNDOCUMENTED),
                "values": "; ".join(f"{v} ({d})" if d else v for v, d in vocab.get(column, [])),
            }
            for column in columns_by_file[file]
        ]
        out[file] = pd.DataFrame(rows, columns=["column", "meaning", "values"])
    return out


def typed_tables(processed: Path, results) -> dict[str, pd.DataFrame]:
    """The tables with their dtypes, for Parquet: the analysis results as loaded, the
    clean claims as analyse reads them, the extracted claims as extract makes them."""
    from casualties.analyse import read_clean
    from casualties.analyse.results import FILES
    from casualties.extract.schema import claims_frame
    from casualties.io import read_csv_text
    from casualties.site.fastload import typed_column

    tables = {FILES[name]: getattr(results, name) for name in FILES}
    if (processed / report.CLEAN_FILE).is_file():
        tables[report.CLEAN_FILE] = read_clean(processed / report.CLEAN_FILE)
    if (processed / report.CLAIMS_FILE).is_file():
        claims = read_csv_text(processed / report.CLAIMS_FILE)
        dtypes = {name: str(dtype) for name, dtype in claims_frame([]).dtypes.items()}
        tables[report.CLAIMS_FILE] = pd.DataFrame(
            {name: typed_column(claims[name], dtypes.get(name, "str")) for name in claims},
            index=claims.index,
        )
    if (processed / report.REJECTED_FILE).is_file():  # text as set aside (the row a number)
        rejected = read_csv_text(processed / report.REJECTED_FILE)
        if "row" in rejected:
            rejected["row"] = typed_column(rejected["row"], "Int64")
        tables[report.REJECTED_FILE] = rejected
    if (processed / report.DECISIONS_FILE).is_file():  # text, the line a number
        decisions = read_csv_text(processed / report.DECISIONS_FILE)
        decisions["line"] = typed_column(decisions["line"], "Int64")
        tables[report.DECISIONS_FILE] = decisions
    return tables


def parquet_available() -> bool:
    try:
        import pyarrow  # noqa: F401
    except ImportError:
        return False
    return True


def write_data_folder(processed: str | os.PathLike, out_dir: str | os.PathLike, results) -> Path:
    """Copy the CSV tables into ``out_dir/data/``, add their Parquet versions (with
    pyarrow) and write the data dictionary page ``out_dir/data.html``."""
    from casualties.io import atomic_open, table_path, write_table_atomic

    processed, target = Path(processed), Path(out_dir) / DATA_DIR
    present = [file for file, _doc in TABLES if (processed / file).is_file()]
    for file in present:
        with atomic_open(target / file, "wb") as handle, open(processed / file, "rb") as src:
            shutil.copyfileobj(src, handle)
    parquet = parquet_available()
    if parquet:
        for file, table in typed_tables(processed, results).items():
            if file in present:
                write_table_atomic(table, table_path(target / file, "parquet"), "parquet")
    columns = {file: list(pd.read_csv(processed / file, nrows=0).columns) for file in present}
    path = Path(out_dir) / PAGE
    write_page(dictionary_page(dictionary(columns), parquet), path)
    return path


def dictionary_page(tables: dict[str, pd.DataFrame], parquet: bool) -> str:
    """The data dictionary: per table its downloads, what a row is, and its columns."""
    about = file_descriptions()
    parts = [
        "<h1>Data</h1>",
        "<p>The tables behind the reports, for download: CSV (UTF-8, empty cell = no value)"
        + (
            " and Parquet (the same tables with their column types: integers, nullable "
            "integers, text; <code>pandas.read_parquet</code> gives them back as the "
            "pipeline made them)."
            if parquet
            else "; Parquet downloads need pyarrow when the site is built "
            "(<code>pip install -e '.[parquet]'</code>)."
        )
        + " Columns, vocabularies and rules: <code>docs/claims.md</code>, "
        "<code>docs/analysis.md</code> and <code>docs/corrections.md</code> of the "
        "project.</p>",
    ]
    seen: set[tuple] = set()  # rows already shown: a column explained once
    for file, table in tables.items():
        rows = [tuple(r) for r in table.itertuples(index=False, name=None)]
        repeated = [r[0] for r in rows if r in seen]
        seen.update(rows)
        table = table[[r not in repeated for r in table["column"]]]
        row, what = about.get(file, ("", ""))
        links = [f'<a href="{DATA_DIR}/{escape(file)}">CSV</a>']
        if parquet:
            name = escape(Path(file).with_suffix(".parquet").name)
            links.append(f'<a href="{DATA_DIR}/{name}">Parquet</a>')
        parts.append(f'<h2 id="{escape(Path(file).stem)}">{escape(file)}</h2>')
        parts.append(f"<p>{' &middot; '.join(links)}</p>")
        if row:
            parts.append(f"<p>One row per {escape(row)}: {escape(what)}.</p>")
        if repeated:
            parts.append(f"<p>Columns as above: {escape(', '.join(repeated))}.</p>")
        parts.append(html_table(table, quote_columns=(), empty="No other columns."))
    return page("Data", "\n".join(parts), plotly=False)
