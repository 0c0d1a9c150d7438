"""Claim decisions (set a field, drop a claim, add a missed claim) on a claims table.

Clean calls ``apply_claim_corrections`` on the table it is given, before it validates the
claims, so a corrected value is checked like any other and cleaned the same way. Applying
the same decisions to a table they were already applied to changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from casualties.contract import CORRECTION_COLUMNS
from casualties.corrections.decisions import (
    Corrections,
    Decision,
    document_of,
    parse_figure_text,
    parse_period,
    resolve_place,
)
from casualties.corrections.status import Status, add_marks, status_frame
from casualties.errors import InputError

#: The place columns a place decision sets from the gazetteer's reading of its value.
PLACE_COLUMNS = ("province", "province_pcode", "district", "district_pcode")


@dataclass(frozen=True)
class CorrectedClaims:
    """The corrected table, where each row came from (``origin``: the 1-based row of the
    table given, or past its end for a claim added by decision) and every decision's status."""

    frame: pd.DataFrame
    origin: np.ndarray
    status: pd.DataFrame


def field_values(field: str, value: str) -> dict[str, str]:
    """The columns a decision's ``field = value`` writes; "" clears a column so that clean
    reads it again (a figure's value and qualifier from the new phrase)."""
    if field == "figure":
        return {"figure_text": value, "value": "", "qualifier": ""}
    if field == "place":
        place = resolve_place(value) if value else None
        names = {c: (getattr(place, c) or "") if place else "" for c in PLACE_COLUMNS}
        return {**names, "place_text": value, "place_source": "correction"}
    if field == "date":
        start, end = parse_period(value) if value else ("", "")
        return {"date_start": start, "date_end": end, "date_text": value,
                "date_source": "correction"}  # fmt: skip
    return {field: value}


def apply_claim_corrections(
    df: pd.DataFrame, corrections: Corrections, *, source: str = "claims table"
) -> CorrectedClaims:
    """``df`` with the set, drop and add decisions applied and marked (``corrected_fields``,
    ``correction_note``). A decision about a claim whose document is no longer in ``df`` (its
    article changed or left the corpus) is stale: reported, not applied. One about a claim
    ``df`` lacks although its document is there is an ``InputError`` naming the line."""
    frame = df.reset_index(drop=True).copy()
    frame.attrs = {}
    corrected_before = CORRECTION_COLUMNS[0] in frame.columns
    for column in CORRECTION_COLUMNS:
        if column not in frame.columns:
            frame[column] = ""
        frame[column] = frame[column].astype(object).where(frame[column].notna(), "").astype(str)
    ids = frame["claim_id"].astype(str) if "claim_id" in frame else pd.Series("", frame.index)
    docs = set(frame["doc_id"].astype(str)) if "doc_id" in frame else set()
    position = _positions(ids, corrections.of("set", "drop"), source, corrections.source)
    statuses: list[Status] = []
    problems: list[str] = []
    marks: dict[int, list[tuple[str, str]]] = {}
    drop: list[int] = []
    for decision in corrections.of("set", "drop"):
        row = position.get(decision.claim_id)
        if row is None:
            if decision.decision == "drop" and corrected_before:
                statuses.append(Status(decision, "applied", "already dropped"))
            elif document_of(decision.claim_id) in docs:
                problems.append(_unknown(decision, source))
            else:
                statuses.append(Status(decision, "stale", _gone(decision.claim_id, source)))
        elif decision.decision == "drop":
            drop.append(row)
            statuses.append(Status(decision, "applied"))
        else:
            detail = _set(frame, row, decision, marks)
            statuses.append(Status(decision, "applied", detail))
    if problems:
        raise InputError(f"{corrections.source}: {len(problems)} problem(s):\n  "
                         + "\n  ".join(problems))  # fmt: skip
    add_marks(frame, marks)
    origin = np.arange(1, len(frame) + 1)
    keep = np.ones(len(frame), dtype=bool)
    keep[drop] = False
    frame, origin = frame[keep].reset_index(drop=True), origin[keep]
    frame, origin, added = _add(frame, origin, corrections.of("add"), len(df))
    statuses.extend(added)
    return CorrectedClaims(frame, origin, status_frame(statuses))


def _positions(ids: pd.Series, decisions: list[Decision], source: str, where: str) -> dict:
    named = {d.claim_id for d in decisions}
    found = ids[ids.isin(named)]
    repeated = sorted(set(found[found.duplicated()]))
    if repeated:
        raise InputError(
            f"{where}: claim id(s) {', '.join(repeated)} name more than one row of {source}"
        )
    return dict(zip(found.tolist(), found.index.tolist(), strict=True))


def _unknown(decision: Decision, source: str) -> str:
    document = document_of(decision.claim_id)
    return (
        f"line {decision.line}: claim {decision.claim_id} is not in {source}, though its "
        f"document {document} is (a typo, or the extractor reads the sentence differently "
        f"now: `casualties review --doc {document}` lists its claims)"
    )


def _gone(claim_id: str, source: str) -> str:
    return (
        f"neither claim {claim_id} nor its document is in {source} (the article changed or "
        "left the corpus)"
    )


def _blank(column: pd.Series):
    return "" if column.dtype == object or pd.api.types.is_string_dtype(column) else pd.NA


def _cell(column: pd.Series, value):
    return _blank(column) if isinstance(value, str) and value == "" else value


def _set(frame: pd.DataFrame, row: int, decision: Decision, marks: dict) -> str:
    """Write one set decision; the detail of its status."""
    values = field_values(decision.field, decision.value)
    before = {c: str(frame.at[row, c]) if c in frame else "" for c in values}
    already = decision.field in frame.at[row, CORRECTION_COLUMNS[0]].split(";")
    for column, value in values.items():
        if column not in frame.columns:
            frame[column] = ""
        frame.at[row, column] = _cell(frame[column], value)
    marks.setdefault(row, []).append((decision.field, decision.note(decision.field)))
    shown = {k: v for k, v in values.items() if k not in ("value", "qualifier", "place_source",
                                                         "date_source")}  # fmt: skip
    if not already and all(before.get(c, "") == v for c, v in shown.items()):
        return "the table already had this value: the decision may go"
    return ""


def _add(
    frame: pd.DataFrame, origin: np.ndarray, decisions: list[Decision], n_rows: int
) -> tuple[pd.DataFrame, np.ndarray, list[Status]]:
    """Insert each added claim after the last claim of its document (or at the end)."""
    statuses, rows = [], []
    ids = set(frame["claim_id"].astype(str)) if "claim_id" in frame else set()
    for decision in decisions:
        claim_id = decision.target
        if claim_id in ids:
            statuses.append(Status(decision, "applied", "already in the table"))
            continue
        twin = _extracted_twin(frame, decision)
        if twin:
            detail = f"the extractor now finds this claim ({twin}): the decision may go"
            statuses.append(Status(decision, "redundant", detail))
            continue
        row, note = _added_row(frame, decision, claim_id)
        statuses.append(Status(decision, "applied", note))
        rows.append(row)
    if not rows:
        return frame, origin, statuses
    for column in dict.fromkeys(c for row in rows for c in row):
        if column not in frame.columns:
            frame[column] = ""
    added = pd.DataFrame(
        [{c: _cell(frame[c], row.get(c, "")) for c in frame.columns} for row in rows],
        columns=frame.columns,
        dtype=object,
    )
    after = _insert_after(frame, added)
    combined = pd.concat([frame.astype(object), added], ignore_index=True)
    for column in frame.columns:
        if pd.api.types.is_integer_dtype(frame[column]):
            combined[column] = pd.to_numeric(combined[column]).astype("Int64")
        elif pd.api.types.is_numeric_dtype(frame[column]):
            combined[column] = pd.to_numeric(combined[column]).astype(frame[column].dtype)
        elif not pd.api.types.is_object_dtype(frame[column]):
            combined[column] = combined[column].astype(frame[column].dtype)
    order = np.argsort(np.concatenate([np.arange(len(frame)), after]), kind="stable")
    numbers = np.concatenate([origin, n_rows + 1 + np.arange(len(added))])
    return combined.iloc[order].reset_index(drop=True), numbers[order], statuses


def _insert_after(frame: pd.DataFrame, added: pd.DataFrame) -> np.ndarray:
    """Per added row, the (fractional) position it goes to: after its document's claims."""
    if "doc_id" not in frame or frame.empty:
        return np.full(len(added), len(frame) + 0.5)
    last = pd.Series(np.arange(len(frame)), index=frame["doc_id"].astype(str)).groupby(level=0)
    last = last.max()
    return np.array([last.get(str(doc), len(frame)) + 0.5 for doc in added["doc_id"]], dtype=float)


def _added_row(frame: pd.DataFrame, decision: Decision, claim_id: str) -> tuple[dict, str]:
    fields = decision.fields
    row: dict = {"doc_id": decision.doc_id, "claim_id": claim_id, "quote": decision.quote}
    note = ""
    same_doc = frame[frame["doc_id"].astype(str) == decision.doc_id] if "doc_id" in frame else None
    if same_doc is not None and len(same_doc):
        first = same_doc.iloc[0]
        row.update({c: first[c] for c in ("published", "outlet", "title") if c in frame})
        same_quote = same_doc[same_doc["quote"].astype(str) == decision.quote]
        if len(same_quote) and "char_start" in frame:
            row.update(char_start=same_quote.iloc[0]["char_start"],
                       char_end=same_quote.iloc[0].get("char_end"))  # fmt: skip
    else:
        note = "its document has no other claim: publication date and outlet unknown"
    for field, value in fields.items():
        row.update(field_values(field, value))
    for field in ("place", "date"):
        if field not in fields:
            row.update({c: "" for c in field_values(field, "")})
    row.update(statement_id=claim_id, role="item")
    row[CORRECTION_COLUMNS[0]] = "added"
    row[CORRECTION_COLUMNS[1]] = decision.note("added")
    return row, note


def _extracted_twin(frame: pd.DataFrame, decision: Decision) -> str | None:
    """An extracted claim of the same document, victim, outcome and number whose quote
    contains the decision's or is contained in it: the claim the decision adds."""
    needed = ("doc_id", "victim", "outcome", "quote", "claim_id")
    if any(c not in frame for c in needed):
        return None
    fields = decision.fields
    value = parse_figure_text(fields["figure"])
    same = frame[
        (frame["doc_id"].astype(str) == decision.doc_id)
        & (frame["victim"].astype(str) == fields["victim"])
        & (frame["outcome"].astype(str) == fields["outcome"])
        & ~frame[CORRECTION_COLUMNS[0]].str.contains("added", regex=False)
    ]
    for record in same.to_dict("records"):
        quote = str(record["quote"])
        if decision.quote not in quote and quote not in decision.quote:
            continue
        if _figure_value(record) == value:
            return str(record["claim_id"])
    return None


def _figure_value(record: dict) -> int | None:
    given = record.get("value")
    if given is not None and not pd.isna(given) and str(given) != "":
        return int(float(given))
    return parse_figure_text(str(record.get("figure_text", "")))
