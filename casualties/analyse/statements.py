"""Statements and per-claimant figures: what each party says of each incident.

A claimant's figure for an incident is read from its **statements**, not from single claims:
the items of one statement add up ("Asim Umar was killed along with six other AQIS members"
is 7), a part is never added to its total, and of several statements the latest counts (a
toll revised from 63 to 80 is 80; the same day, the higher). Rules in docs/analysis.md
("Per-claimant figures").
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from casualties.analyse.lexicon import is_enemy_claim, source_kind
from casualties.analyse.table import date_extremes, distinct_count, empty_table, require_columns

KEY = ["incident_id", "victim", "outcome"]
FIGURE_KEY = KEY + ["claimant"]
STATEMENT_KEY = FIGURE_KEY + ["doc_id", "statement_id", "role"]
LINKED_COLUMNS = (
    "incident_id",
    "scope",
    "doc_id",
    "claim_id",
    "published",
    "claimant",
    "victim",
    "outcome",
    "low",
    "best",
    "high",
)
#: qualifiers that bound a figure from below, and approximations
BOUNDS = ("at_least", "more_than")
#: how a claimant's figure was derived from its statements
DERIVATIONS = ("single", "sum", "latest", "latest_sum")

CLAIMANT_FIGURE_COLUMNS = [
    "incident_id", "victim", "outcome", "claimant", "scope", "source_kind", "enemy", "value",
    "qualifier", "type_low", "type_best", "type_high", "derivation", "n_claims",
    "n_statements", "n_documents", "first_reported", "last_reported", "outlets", "claim_ids",
    "quotes",
]  # fmt: skip


def _with_statement_columns(linked: pd.DataFrame) -> pd.DataFrame:
    """A table without statements (typed by hand): every claim its own statement."""
    frame = linked
    if "statement_id" not in frame.columns or "role" not in frame.columns:
        frame = frame.copy()
        if "statement_id" not in frame.columns:
            frame["statement_id"] = frame["claim_id"]
        if "role" not in frame.columns:
            frame["role"] = "item"
    return frame


def combined_qualifier(qualifiers: pd.Series, groups: np.ndarray, n_groups: int) -> np.ndarray:
    """The qualifier of each group's sum: all exact -> exact, any vague -> vague; else the one
    non-exact qualifier, ``at_least`` when bounds differ or mix with approximations."""
    q = qualifiers.to_numpy(dtype=object)
    vague = np.bincount(groups, weights=(q == "vague"), minlength=n_groups) > 0
    bound = np.bincount(groups, weights=np.isin(q, BOUNDS), minlength=n_groups) > 0
    open_ = (q != "exact") & (q != "vague")
    codes, names = pd.factorize(pd.Series(q), sort=True)
    n_open = (
        pd.DataFrame({"g": groups[open_], "c": codes[open_]}).groupby("g")["c"].nunique()
    ).reindex(range(n_groups), fill_value=0)
    first_open = pd.Series(q[open_]).groupby(groups[open_]).first().reindex(range(n_groups))
    out = np.where(n_open.to_numpy() == 1, first_open.fillna("exact").to_numpy(dtype=object), "")
    out = np.where(n_open.to_numpy() == 0, "exact", out)
    out = np.where(n_open.to_numpy() > 1, np.where(bound, "at_least", "about"), out)
    return np.where(vague, "vague", out).astype(object)


def statement_figures(linked: pd.DataFrame) -> pd.DataFrame:
    """One row per statement (its items added up) of each incident, claimant, victim and
    outcome: ``low, best, high`` and ``value`` sums, the combined ``qualifier``, ``n_items``.

    A ``part`` statement is left out where the same document gives the same claimant,
    victim and outcome a total or item of its own ("49 wounded, eight of whom critically":
    49), or another report of the claimant gives a figure at least as large ("six children
    and four women were among the wounded" a day after "42 wounded": 42); a part alone
    ("including three children") is the figure of its group.
    """
    require_columns(linked, LINKED_COLUMNS, "linked claims")
    frame = _with_statement_columns(linked)
    if frame.empty:
        return pd.DataFrame(
            columns=[
                *STATEMENT_KEY,
                "published",
                "low",
                "best",
                "high",
                "value",
                "qualifier",
                "n_items",
                "claim_ids",
                "first_claim",
            ]  # fmt: skip
        )
    keys = frame[STATEMENT_KEY].astype(str)
    groups, _ = pd.factorize(pd.MultiIndex.from_frame(keys), sort=False)
    n = int(groups.max()) + 1
    value = pd.to_numeric(frame["value"], errors="coerce")
    grouped = frame.assign(_g=groups, _value=value).groupby("_g", sort=True)
    out = grouped[STATEMENT_KEY].first()
    out["published"] = grouped["published"].max()
    for column in ("low", "best", "high"):
        out[column] = grouped[column].sum().astype("int64")
    vague_value = pd.Series(value.isna().to_numpy()).groupby(groups).any()
    out["value"] = grouped["_value"].sum().where(~vague_value).astype("Int64")
    out["qualifier"] = combined_qualifier(frame["qualifier"].astype(str), groups, n)
    out["value"] = out["value"].where(out["qualifier"] != "vague")
    out["n_items"] = grouped.size()
    out["claim_ids"] = grouped["claim_id"].agg(";".join)
    out["first_claim"] = grouped["claim_id"].first()
    out = out.reset_index(drop=True)
    part = (out["role"] == "part").to_numpy()
    keys = out[FIGURE_KEY + ["doc_id"]].astype(str)
    doc_key, _ = pd.factorize(pd.MultiIndex.from_frame(keys))
    whole = np.bincount(doc_key, weights=~part, minlength=doc_key.max() + 1)
    has_whole = whole[doc_key] > 0
    # a whole of another report at least as large: the part only says "at least"
    figure_key, _ = pd.factorize(pd.MultiIndex.from_frame(out[FIGURE_KEY].astype(str)))
    known = ~part & (out["qualifier"] != "vague").to_numpy()
    largest = (
        pd.Series(np.where(known, out["best"], -1)).groupby(figure_key).transform("max").to_numpy()
    )
    covered = largest >= out["best"].to_numpy()
    return out[~part | ~(has_whole | covered)].reset_index(drop=True)


def claimant_figures(linked: pd.DataFrame, statements: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per (incident_id, victim, outcome, claimant): the claimant type's figure.

    ``value``/``qualifier``/``type_best``: the latest statement (ties: the higher best), its
    items added up; ``type_low``/``type_high``: the lowest low and highest high of all its
    statements; ``derivation``: ``single``, ``sum`` (one statement of several items),
    ``latest`` or ``latest_sum``; ``source_kind``: belligerent, monitor, press or unknown,
    so that a party's own figure is kept apart; ``enemy``: a party claiming its enemy's
    losses. ``claim_ids`` and ``quotes`` are every claim behind the row.
    """
    if statements is None:  # ``statement_figures(linked)``, when the caller has it
        statements = statement_figures(linked)
    frame = _with_statement_columns(linked)
    if statements.empty:
        return empty_table(CLAIMANT_FIGURE_COLUMNS)
    ordered = statements.sort_values(["published", "best", "first_claim"], kind="stable")
    grouped = ordered.groupby(FIGURE_KEY, sort=True)
    out = grouped.agg(
        type_low=("low", "min"),
        type_high=("high", "max"),
        type_best=("best", "last"),
        value=("value", "last"),
        qualifier=("qualifier", "last"),
        last_items=("n_items", "last"),
        n_statements=("statement_id", "size"),
    )
    by_claim = frame.groupby(FIGURE_KEY, sort=True)
    out["n_claims"] = by_claim.size()
    out["n_documents"] = distinct_count(frame, FIGURE_KEY, "doc_id")
    reported = date_extremes(frame, FIGURE_KEY, "published").reindex(out.index).fillna("")
    out["first_reported"], out["last_reported"] = reported["first"], reported["last"]
    out["outlets"] = _joined(frame, "outlet", ";")
    out["claim_ids"] = by_claim["claim_id"].agg(";".join)
    out["quotes"] = _joined(frame, "quote", "\n")
    several = out["n_statements"] > 1
    summed = out["last_items"] > 1
    out["derivation"] = np.select(
        [several & summed, several, summed], ["latest_sum", "latest", "sum"], default="single"
    )
    out = out.reset_index()
    scopes = frame.drop_duplicates("incident_id").set_index("incident_id")["scope"]
    out["scope"] = out["incident_id"].map(scopes).astype(str)
    out["source_kind"] = source_kind(out["claimant"])
    out["enemy"] = is_enemy_claim(out["claimant"], out["victim"])
    return out[CLAIMANT_FIGURE_COLUMNS]


def _joined(frame: pd.DataFrame, column: str, separator: str) -> pd.Series:
    """Distinct values of ``column`` per claimant figure, in order of appearance."""
    if column not in frame.columns:
        return pd.Series("", index=frame.groupby(FIGURE_KEY, sort=True).size().index)
    values = frame[FIGURE_KEY + [column]].astype(str).drop_duplicates()
    return values.groupby(FIGURE_KEY, sort=True)[column].agg(separator.join)
