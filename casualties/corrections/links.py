"""Link decisions: merge the incidents of two claims, split a claim out of its incident.

An incident's id changes when a claim joins it that sorts before its smallest or its first
day moves, so decisions name claims (stable ids), never incidents. Analyse links the
claims as usual, then applies the decisions to the incident labels before numbering them:
splits first (the claim becomes an incident of its own), then merges (the two claims'
incidents become one). So "move claim A to the incident of claim B" is a split of A and a
merge of A with B.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from casualties.corrections.decisions import Corrections, Decision, document_of
from casualties.corrections.status import Status, status_frame
from casualties.errors import InputError


@dataclass(frozen=True)
class LinkPlan:
    """The link decisions whose claims are in the table, and the stale ones."""

    merges: tuple[Decision, ...] = ()
    splits: tuple[Decision, ...] = ()
    stale: tuple[Status, ...] = ()
    source: str = "corrections"

    def __bool__(self) -> bool:
        return bool(self.merges or self.splits or self.stale)


def plan_links(
    claims: pd.DataFrame, corrections: Corrections, *, source: str = "clean claims"
) -> LinkPlan:
    """Check the merge and split decisions against ``claims``: a claim whose document is
    gone makes its decision stale; one missing from a document that is there is an
    ``InputError`` naming the line."""
    ids = set(claims["claim_id"].astype(str))
    docs = set(claims["doc_id"].astype(str))
    usable: list[Decision] = []
    stale, problems = [], []
    for decision in corrections.of("merge", "split"):
        missing = [c for c in (decision.claim_id, decision.other_claim_id) if c and c not in ids]
        known_doc = [c for c in missing if document_of(c) in docs]
        if known_doc:
            problems.append(
                f"line {decision.line}: claim {known_doc[0]} is not in {source}, though its "
                f"document {document_of(known_doc[0])} is (a typo, a claim dropped or set "
                "aside by clean, or one the extractor reads differently now)"
            )
        elif missing:
            detail = (f"claim {missing[0]} and its document are not in {source} (the "
                      "article changed or left the corpus)")  # fmt: skip
            stale.append(Status(decision, "stale", detail))
        else:
            usable.append(decision)
    if problems:
        raise InputError(f"{corrections.source}: {len(problems)} problem(s):\n  "
                         + "\n  ".join(problems))  # fmt: skip
    return LinkPlan(
        merges=tuple(d for d in usable if d.decision == "merge"),
        splits=tuple(d for d in usable if d.decision == "split"),
        stale=tuple(stale),
        source=corrections.source,
    )


def relabel(
    labels: np.ndarray, claim_ids: pd.Series, scope: pd.Series, plan: LinkPlan
) -> tuple[np.ndarray, dict[int, list[tuple[str, str]]], list[Status]]:
    """Incident labels (one per row) with the plan's splits, then merges, applied; the
    marks of the claims they name (row -> (kind, note)) and the decisions' statuses."""
    labels = np.asarray(labels, dtype=np.int64).copy()
    row = {claim: i for i, claim in enumerate(claim_ids.astype(str))}
    scopes = scope.to_numpy()
    marks: dict[int, list[tuple[str, str]]] = {}
    statuses: list[Status] = []
    fresh = int(labels.max()) + 1 if len(labels) else 0
    for decision in sorted(plan.splits, key=lambda d: d.line):
        i = row[decision.claim_id]
        alone = int((labels == labels[i]).sum()) == 1
        labels[i], fresh = fresh, fresh + 1
        marks.setdefault(i, []).append(("split", decision.note("split")))
        detail = "already an incident of its own: the decision may go" if alone else ""
        statuses.append(Status(decision, "applied", detail))
    parent = {int(label): int(label) for label in np.unique(labels)}

    def find(label: int) -> int:
        while parent[label] != label:
            parent[label] = parent[parent[label]]
            label = parent[label]
        return label

    problems = []
    for decision in sorted(plan.merges, key=lambda d: d.line):
        i, j = row[decision.claim_id], row[decision.other_claim_id]
        if scopes[i] != scopes[j]:
            problems.append(
                f"line {decision.line}: claim {decision.claim_id} is of scope {scopes[i]} and "
                f"claim {decision.other_claim_id} of scope {scopes[j]}: a period total "
                "(aggregate) and an incident cannot be merged"
            )
            continue
        a, b = find(int(labels[i])), find(int(labels[j]))
        detail = "already one incident: the decision may go" if a == b else ""
        parent[max(a, b)] = min(a, b)
        for k in (i, j):
            marks.setdefault(k, []).append(("merged", decision.note("merged")))
        statuses.append(Status(decision, "applied", detail))
    if problems:
        raise InputError(f"{plan.source}: {len(problems)} problem(s):\n  " + "\n  ".join(problems))
    labels = np.array([find(int(label)) for label in labels], dtype=np.int64)
    return labels, marks, statuses


def link_status(plan: LinkPlan, applied: list[Status]) -> pd.DataFrame:
    """Every link decision's status, in the order of the file."""
    return status_frame([*plan.stale, *applied])
