"""The corrections file: analysts' decisions, one row each, read and checked (docs/corrections.md).

A decision names what it corrects by stable ids (``claim_id``; a claim added by decision
gets an id derived from the decision itself), so it survives every re-run of the pipeline.
Reading checks every row on its own (kinds, columns, vocabularies, figure phrases, places,
dates) and the rows together (two decisions that contradict each other); any problem is an
``InputError`` naming the file and the line of every bad row.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pandas as pd
import pandera.pandas as pa

from casualties.contract import vocabulary
from casualties.errors import InputError
from casualties.paths import CORRECTIONS_CSV

#: The corrections file the commands read when none is given (when it exists).
DEFAULT_CORRECTIONS = CORRECTIONS_CSV
#: The kinds of decision.
DECISIONS = ("set", "drop", "add", "merge", "split")
#: The fields a ``set`` decision changes and an ``add`` decision gives.
FIELDS = ("claimant", "victim", "outcome", "figure", "place", "date")
#: The fields an ``add`` decision must give (place and date may be left out).
ADD_REQUIRED = ("claimant", "victim", "outcome", "figure")
#: Columns of the file, in the order templates write them.
FILE_COLUMNS = (
    "decision", "claim_id", "field", "value", "other_claim_id", "doc_id", "quote", "analyst",
    "reason",
)  # fmt: skip
#: Columns every decision fills in (the others depend on its kind: USES).
REQUIRED_COLUMNS = ("decision", "analyst", "reason")
#: The columns each kind of decision uses; the others must be empty.
USES = {
    "set": ("claim_id", "field", "value"),
    "drop": ("claim_id",),
    "add": ("doc_id", "quote", "value"),
    "merge": ("claim_id", "other_claim_id"),
    "split": ("claim_id",),
}
#: Of those, the columns that may be empty: a place or date set to nothing.
MAY_BE_EMPTY = {"set": ("value",)}
_ISO = re.compile(r"\d{4}-\d{2}-\d{2}")


@dataclass(frozen=True)
class Decision:
    """One row of the corrections file (``line``: its line in the file)."""

    line: int
    decision: str
    claim_id: str = ""
    field: str = ""
    value: str = ""
    other_claim_id: str = ""
    doc_id: str = ""
    quote: str = ""
    analyst: str = ""
    reason: str = ""

    @property
    def fields(self) -> dict[str, str]:
        """The fields of an ``add`` decision (its ``value``, ``field=value; ...``)."""
        return parse_fields(self.value) if self.decision == "add" else {}

    @property
    def target(self) -> str:
        """The claim the decision is about (an added claim's derived id)."""
        if self.decision == "add":
            return added_claim_id(self.doc_id, self.quote, self.fields)
        return self.claim_id

    def note(self, kind: str) -> str:
        """ "figure: the later report revises the toll (A. Rahimi)": shown with the value."""
        return f"{kind}: {self.reason} ({self.analyst})"


@dataclass(frozen=True)
class Corrections:
    """The decisions of one corrections file, checked; ``source`` names the file."""

    source: str
    decisions: tuple[Decision, ...] = ()

    def of(self, *kinds: str) -> list[Decision]:
        return [d for d in self.decisions if d.decision in kinds]

    def __len__(self) -> int:
        return len(self.decisions)


def no_corrections() -> Corrections:
    return Corrections("no corrections file")


def parse_fields(text: str) -> dict[str, str]:
    """``"claimant=un; victim=civilians; figure=at least 10"`` to a dict (an add decision's
    fields). Raises ``ValueError`` naming the part it cannot read."""
    fields: dict[str, str] = {}
    for part in text.split(";"):
        if not part.strip():
            continue
        key, equals, value = part.partition("=")
        key = key.strip().lower()
        if not equals or not key:
            raise ValueError(f"{part.strip()!r} is not field=value")
        if key not in FIELDS:
            raise ValueError(f"unknown field {key!r} (fields: {', '.join(FIELDS)})")
        if key in fields:
            raise ValueError(f"field {key!r} given twice")
        fields[key] = value.strip()
    return fields


def format_fields(fields: dict[str, str]) -> str:
    """The inverse of ``parse_fields``: the ``value`` of an add decision."""
    return "; ".join(f"{key}={value}" for key, value in fields.items())


def added_claim_id(doc_id: str, quote: str, fields: dict[str, str]) -> str:
    """The stable id of a claim added by decision: its document, quote and fields, so the
    same decision gives the same id on every run (``-added-`` marks it as added)."""
    key = "|".join([doc_id, quote, *(f"{f}={fields.get(f, '')}" for f in FIELDS)])
    return f"{doc_id}-added-{hashlib.sha1(key.encode()).hexdigest()[:10]}"


def document_of(claim_id: str) -> str | None:
    """The document a claim id belongs to (extract's ids are ``<doc_id>-<hash>``)."""
    head, sep, _tail = claim_id.rpartition("-")
    if not sep or not head:
        return None
    return head[: -len("-added")] if head.endswith("-added") else head


def resolve_place(text: str):
    """The gazetteer's place for a decision's place value, or a problem (str)."""
    from casualties.clean.places import resolve_place as resolve

    place, problem, warning = resolve("", "", "", "", text)
    if place is not None:
        return place
    return (problem or warning or f"{text!r} is not a known place").replace("place_text ", "")


def parse_period(text: str) -> tuple[str, str]:
    """``YYYY-MM-DD`` or ``YYYY-MM-DD/YYYY-MM-DD`` to (start, end); ``ValueError`` else."""
    start, _slash, end = text.partition("/")
    start, end = start.strip(), (end.strip() or start.strip())
    for day in (start, end):
        if not _ISO.fullmatch(day):
            raise ValueError(f"{text!r} is not YYYY-MM-DD or YYYY-MM-DD/YYYY-MM-DD")
        try:
            dt.date.fromisoformat(day)
        except ValueError as error:
            raise ValueError(f"{text!r}: {error}") from None
    if end < start:
        raise ValueError(f"{text!r} ends before it starts")
    return start, end


def value_problem(field: str, value: str) -> str | None:
    """Why ``value`` cannot be the new ``field`` of a claim, or None."""
    from casualties.figures import FigureError, parse_figure

    if field in ("claimant", "victim", "outcome"):
        allowed = vocabulary(field)
        if value not in allowed:
            return f"{field} {value!r} is not one of {', '.join(allowed)}"
    elif field == "figure":
        try:
            parse_figure(value)
        except FigureError as error:
            return f"figure {value!r} is not a figure phrase clean reads ({error})"
    elif field == "place" and value:
        place = resolve_place(value)
        if isinstance(place, str):
            return f"place {place}"
    elif field == "date" and value:
        try:
            parse_period(value)
        except ValueError as error:
            return f"date {error}"
    return None


@cache
def file_schema() -> pa.DataFrameSchema:
    """The corrections file as a table: its boundary check, like every stage's."""

    def text(*checks: pa.Check) -> pa.Column:
        return pa.Column(str, list(checks), nullable=False)

    filled = pa.Check.str_length(min_value=1, error="must not be empty")
    return pa.DataFrameSchema(
        {
            "line": pa.Column(int, pa.Check.ge(2), unique=True),
            "decision": text(pa.Check.isin(DECISIONS, error=f"one of {', '.join(DECISIONS)}")),
            "field": text(pa.Check.isin(("", *FIELDS), error=f"one of {', '.join(FIELDS)}")),
            "analyst": text(filled),
            "reason": text(filled),
            **{c: text() for c in ("claim_id", "value", "other_claim_id", "doc_id", "quote")},
        },
        strict=True,
        name="corrections",
    )


def read_corrections(path: str | Path | None = None) -> Corrections:
    """Read and check a corrections file (CSV, ``#`` lines are comments); ``None`` reads the
    default file, or gives no decisions when there is none. ``InputError`` names each bad
    line."""
    if path is None:
        if not DEFAULT_CORRECTIONS.is_file():
            return no_corrections()
        path = DEFAULT_CORRECTIONS
    path = Path(path)
    source = str(path)
    rows = _rows(path)
    if not rows:
        return Corrections(source)
    frame = pd.DataFrame(rows, columns=["line", *FILE_COLUMNS]).astype({"line": int})
    for column in ("decision", "field"):
        frame[column] = frame[column].str.lower()
    problems = _schema_problems(frame)
    decisions = [Decision(**row) for row in frame.to_dict("records")]
    for decision in decisions:
        problems.extend(f"line {decision.line}: {p}" for p in _row_problems(decision))
    if not problems:
        decisions = [normalised(d) for d in decisions]
        problems.extend(_conflicts(decisions))
    if problems:
        problems.sort(key=lambda p: int(m.group()) if (m := re.search(r"\d+", p)) else 0)
        raise InputError(f"{source}: {len(problems)} problem(s):\n  " + "\n  ".join(problems))
    return Corrections(source, tuple(decisions))


def _rows(path: Path) -> list[dict]:
    """The data rows with their first line. Comment lines (``#`` first) are blanked before
    the CSV is parsed, so a quote in a comment cannot open a cell; blank lines are skipped."""
    try:
        with open(path, encoding="utf-8-sig", newline="") as handle:
            text = handle.read()
    except FileNotFoundError as error:
        raise InputError(f"{path}: no such corrections file") from error
    except IsADirectoryError as error:
        raise InputError(f"{path}: is a directory, not a corrections file") from error
    except UnicodeDecodeError as error:
        raise InputError(f"{path}: not UTF-8 text: {error}") from error
    lines = text.splitlines(keepends=True)
    kept = ["\n" if line.lstrip().startswith("#") else line for line in lines]
    reader = csv.reader(io.StringIO("".join(kept), newline=""))
    header, rows, line = None, [], 1
    try:
        for record in reader:
            first, line = line, reader.line_num + 1
            cells = [cell.strip() for cell in record]
            if not any(cells):
                continue
            if header is None:
                header = _header(path, cells, first)
                continue
            if len(cells) > len(header):
                raise InputError(
                    f"{path}: line {first}: {len(cells)} cells, the header has {len(header)}"
                )
            row = dict.fromkeys(FILE_COLUMNS, "") | dict(zip(header, cells, strict=False))
            rows.append({"line": first, **row})
    except csv.Error as error:
        raise InputError(f"{path}: line {line}: not readable CSV: {error}") from error
    return rows


def _header(path: Path, cells: list[str], line: int) -> list[str]:
    header = [cell.lower() for cell in cells]
    unknown = [c for c in header if c not in FILE_COLUMNS]
    missing = [c for c in REQUIRED_COLUMNS if c not in header]
    duplicated = sorted({c for c in header if header.count(c) > 1})
    if unknown or missing or duplicated:
        said = [f"unknown column(s) {', '.join(map(repr, unknown))}"] if unknown else []
        said += [f"missing column(s) {', '.join(missing)}"] if missing else []
        said += [f"duplicated column(s) {', '.join(duplicated)}"] if duplicated else []
        raise InputError(
            f"{path}: line {line} (header): {'; '.join(said)} (columns: {', '.join(FILE_COLUMNS)})"
        )
    return header


def _schema_problems(frame: pd.DataFrame) -> list[str]:
    try:
        file_schema().validate(frame, lazy=True)
    except pa.errors.SchemaErrors as errors:
        problems = []
        for case in errors.failure_cases.to_dict("records"):
            index = case.get("index")
            line = frame["line"].iloc[int(index)] if pd.notna(index) else "?"
            problems.append(f"line {line}: {case['column']} {case['failure_case']!r}: "
                            f"{case['check']}")  # fmt: skip
        return problems
    return []


def _row_problems(decision: Decision) -> Iterable[str]:
    kind = decision.decision
    if kind not in USES:
        return  # reported by the schema
    uses = USES[kind]
    for column in ("claim_id", "field", "value", "other_claim_id", "doc_id", "quote"):
        given = getattr(decision, column)
        if column not in uses and given:
            yield f"a {kind} decision does not use {column} (given {given!r})"
        elif column in uses and not given and column not in MAY_BE_EMPTY.get(kind, ()):
            yield f"a {kind} decision needs {column}"
    if kind == "set" and decision.field in FIELDS:
        yield from _value_problems({decision.field: decision.value})
    if kind == "add" and decision.value:
        try:
            fields = parse_fields(decision.value)
        except ValueError as error:
            yield f"value: {error}"
            return
        missing = [f for f in ADD_REQUIRED if not fields.get(f)]
        if missing:
            yield f"an add decision needs the field(s) {', '.join(missing)} in its value"
        yield from _value_problems({f: v for f, v in fields.items() if f not in missing})
    if kind == "merge" and decision.claim_id and decision.claim_id == decision.other_claim_id:
        yield "a merge needs two different claims"


def _value_problems(fields: dict[str, str]) -> Iterable[str]:
    for field, value in fields.items():
        if field in ("place", "date") and not value:
            continue  # no place, no date
        problem = value_problem(field, _normal(field, value))
        if problem:
            yield problem


def _normal(field: str, value: str) -> str:
    return value.lower() if field in ("claimant", "victim", "outcome") else value


def normalised(decision: Decision) -> Decision:
    """Vocabulary values in lower case, an add's fields written one way (as checked)."""
    value = decision.value
    if decision.decision == "set":
        value = _normal(decision.field, value)
    elif decision.decision == "add":
        value = format_fields({k: _normal(k, v) for k, v in parse_fields(value).items()})
    return Decision(**{**decision.__dict__, "value": value})


def _conflicts(decisions: list[Decision]) -> list[str]:
    """Decisions that contradict or repeat each other (every row itself is valid)."""
    problems = []
    seen: dict[tuple, int] = {}
    dropped = {d.claim_id: d.line for d in decisions if d.decision == "drop"}
    for decision in decisions:
        kind = decision.decision
        if kind == "set":
            key = ("set", decision.claim_id, decision.field)
        elif kind == "merge":
            key = ("merge", *sorted((decision.claim_id, decision.other_claim_id)))
        else:
            key = (kind, decision.target)
        if key in seen:
            problems.append(f"line {decision.line}: repeats the decision of line {seen[key]}")
        seen.setdefault(key, decision.line)
        for claim in (decision.claim_id, decision.other_claim_id):
            if kind != "drop" and claim in dropped:
                problems.append(
                    f"line {decision.line}: claim {claim} is dropped by line {dropped[claim]}"
                )
    return problems


def parse_figure_text(text: str) -> int | None:
    """The number a figure phrase states (None for a vague or unreadable one)."""
    from casualties.figures import FigureError, parse_figure

    try:
        return parse_figure(text).value
    except FigureError:
        return None
