"""What became of each decision (its status), and the marks on corrected claims."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd

from casualties.contract import CORRECTION_COLUMNS, CORRECTION_KINDS
from casualties.corrections.decisions import Decision

#: Columns of a status table (``decisions.csv`` of the build): one row per decision.
STATUS_COLUMNS = (
    "line", "decision", "claim_id", "other_claim_id", "field", "value", "status", "detail",
    "analyst", "reason",
)  # fmt: skip
#: ``applied``; ``stale``: its claim no longer exists (the article changed or left the
#: corpus); ``redundant``: an added claim the extractor now finds itself.
STATUSES = ("applied", "stale", "redundant")
#: Between the notes of one claim's decisions (a reason may hold ";").
NOTE_SEPARATOR = " | "


@dataclass(frozen=True)
class Status:
    decision: Decision
    status: str
    detail: str = ""


def status_frame(statuses: Iterable[Status]) -> pd.DataFrame:
    """The statuses as a table (``STATUS_COLUMNS``), in the order of the file's lines."""
    rows = [
        {
            "line": s.decision.line,
            "decision": s.decision.decision,
            "claim_id": s.decision.target,
            "other_claim_id": s.decision.other_claim_id,
            "field": s.decision.field,
            "value": s.decision.value,
            "status": s.status,
            "detail": s.detail,
            "analyst": s.decision.analyst,
            "reason": s.decision.reason,
        }
        for s in statuses
    ]
    frame = pd.DataFrame(rows, columns=list(STATUS_COLUMNS))
    frame["line"] = frame["line"].astype("int64")
    return frame.sort_values("line", kind="stable").reset_index(drop=True)


def join_kinds(existing: str, new: Iterable[str]) -> str:
    """``corrected_fields``: the kinds, each once, in ``CORRECTION_KINDS`` order."""
    kinds = {k for k in existing.split(";") if k} | set(new)
    return ";".join(k for k in CORRECTION_KINDS if k in kinds)


def join_notes(existing: str, new: Iterable[str]) -> str:
    notes = [n for n in existing.split(NOTE_SEPARATOR) if n]
    notes += [n for n in new if n not in notes]
    return NOTE_SEPARATOR.join(notes)


def add_marks(frame: pd.DataFrame, marks: dict[int, list[tuple[str, str]]]) -> None:
    """Mark rows (positions) with (kind, note) pairs, in place."""
    for column in CORRECTION_COLUMNS:
        if column not in frame.columns:
            frame[column] = ""
    fields, notes = (frame.columns.get_loc(c) for c in CORRECTION_COLUMNS)
    for row, pairs in marks.items():
        frame.iat[row, fields] = join_kinds(frame.iat[row, fields], [k for k, _ in pairs])
        frame.iat[row, notes] = join_notes(frame.iat[row, notes], [n for _, n in pairs])
