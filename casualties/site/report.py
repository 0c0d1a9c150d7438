"""What the report notebooks call: loading the analysis, choosing and checking what a
report is about, and the small tables they show. Notebooks hold no logic of their own.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Iterator, Sequence
from pathlib import Path

import pandas as pd

from casualties import paths
from casualties.analyse.files import FILES
from casualties.contract import REJECTED_COLUMNS
from casualties.errors import ParameterError
from casualties.site.params import check_choice, report_names

#: Files ``analyse`` writes; a folder holding all of them needs no pipeline run.
RESULT_FILES = tuple(FILES.values())
CLEAN_FILE = "claims_clean.csv"
CLAIMS_FILE = "claims.csv"
REJECTED_FILE = "claims_rejected.csv"
#: What became of each decision of the corrections file (docs/corrections.md).
DECISIONS_FILE = "decisions.csv"


def processed_folder(processed_dir: str | os.PathLike = "") -> Path:
    """``processed_dir``, or ``data/processed`` of this checkout when empty."""
    return Path(processed_dir) if str(processed_dir) else paths.PROCESSED


def run_pipeline(
    inputs: Sequence[str | os.PathLike] | None,
    processed_dir: str | os.PathLike,
    *,
    preset: str = "default",
    seed: int = 0,
    strict: bool = False,
    extraction: dict | None = None,
    corrections=None,
):
    """extract -> clean -> analyse, every table written to ``processed_dir``.
    ``extraction``: keyword arguments of ``extract`` (jobs, engine, scheduler, cache).
    ``corrections``: analysts' decisions (a file or ``Corrections``; None: none), applied by
    clean and analyse; what became of each is written to ``decisions.csv``.

    A claim clean cannot read is set aside in ``claims_rejected.csv`` (quote and reason)
    and the run goes on; ``strict=True`` raises ``InputError`` instead, before any table is
    written.
    """
    from casualties.analyse import analyse, write_results
    from casualties.clean import clean, clean_quarantine
    from casualties.corrections import read_corrections
    from casualties.corrections.status import status_frame
    from casualties.extract import extract
    from casualties.io import write_csv_atomic

    if corrections is not None and not hasattr(corrections, "decisions"):
        corrections = read_corrections(corrections)  # a bad file fails before any work
    folder = Path(processed_dir)
    claims = extract(list(inputs) if inputs else None, **(extraction or {}))
    if strict:
        cleaned, rejected = clean(claims, preset=preset, corrections=corrections), None
    else:
        cleaned, rejected = clean_quarantine(claims, preset=preset, corrections=corrections)
    if rejected is None:
        rejected = claims.iloc[:0].reindex(columns=REJECTED_COLUMNS).astype(str)
    analysed = analyse(cleaned, preset=preset, seed=seed, corrections=corrections)
    decisions = pd.concat(
        [cleaned.attrs.get("decisions", status_frame([])), analysed.decisions],
        ignore_index=True,
    ).sort_values("line", kind="stable")
    with staged_folder(folder) as staging:
        write_csv_atomic(claims, staging / CLAIMS_FILE)
        write_csv_atomic(rejected, staging / REJECTED_FILE)
        write_csv_atomic(cleaned, staging / CLEAN_FILE)
        write_csv_atomic(decisions, staging / DECISIONS_FILE)
        write_results(analysed, staging)
        results = validated(staging)
    return results


@contextlib.contextmanager
def staged_folder(folder: Path) -> Iterator[Path]:
    """A temporary folder inside ``folder`` whose files replace those of ``folder`` only
    when the block succeeds: a run that fails (exit 1 or 2) leaves the tables of the run
    before, never a mix of both, and a folder it had to create is removed again."""
    created = not folder.exists()
    folder.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".staging-", dir=folder))
    try:
        yield staging
        for path in sorted(staging.iterdir()):
            os.replace(path, folder / path.name)  # keeps mtimes: fastload's stamps hold
    finally:
        shutil.rmtree(staging, ignore_errors=True)
        if created and not any(folder.iterdir()):
            folder.rmdir()


def load_rejected(processed_dir: str | os.PathLike = "") -> pd.DataFrame:
    """The claims the last pipeline run set aside (empty when there are none or no file)."""
    path = processed_folder(processed_dir) / REJECTED_FILE
    if not path.is_file():
        return pd.DataFrame(columns=list(REJECTED_COLUMNS), dtype=str)
    from casualties.io import read_csv_text

    return read_csv_text(path)


def load_decisions(processed_dir: str | os.PathLike = "") -> pd.DataFrame:
    """What became of each decision of the last run's corrections file (no rows without)."""
    from casualties.corrections.status import STATUS_COLUMNS

    path = processed_folder(processed_dir) / DECISIONS_FILE
    if not path.is_file():
        return pd.DataFrame(columns=list(STATUS_COLUMNS), dtype=str)
    from casualties.io import read_csv_text

    return read_csv_text(path)


def validated(processed_dir: str | os.PathLike):
    """Read the results back with ``load_results`` (typed, validated: what the notebooks
    will see) and record their column types for the notebooks' fast loading."""
    from casualties.analyse import load_results
    from casualties.site.fastload import write_types

    results = load_results(processed_dir)
    write_types(processed_dir, results)
    return results


def load(processed_dir: str = "", preset: str = "default", seed: int = 0, corrections: str = ""):
    """The analysis results in ``processed_dir``; runs the pipeline first if they are missing
    (with ``corrections``: a corrections file, "" the default one when it exists, "none").

    Returns an object with the DataFrames ``claims``, ``incidents``, ``comparison`` and
    ``totals`` (``analyse.AnalysisResults``, or the same tables read with the types the
    build recorded: see ``casualties.site.fastload``).
    """
    from casualties.corrections.options import notebook_corrections
    from casualties.figures import load_preset
    from casualties.site.fastload import fast_load

    load_preset(preset)  # ParameterError for an unknown preset
    decided = notebook_corrections(corrections)
    folder = processed_folder(processed_dir)
    if not all((folder / name).is_file() for name in (*RESULT_FILES, CLEAN_FILE)):
        run_pipeline(None, folder, preset=preset, seed=seed, corrections=decided)
    results = fast_load(folder)
    if results is None:
        from casualties.analyse import load_results

        results = load_results(folder)
    return results


def load_clean(processed_dir: str = "") -> pd.DataFrame:
    """The clean claims table (``claims_clean.csv``) next to the results."""
    from casualties.analyse import read_clean

    return read_clean(processed_folder(processed_dir) / CLEAN_FILE)


# ------------------------------------------------------------------ what gets a report


def report_incidents(results) -> list[str]:
    """Incidents (scope ``incident``) with two or more claims: one report each."""
    incidents = results.incidents
    chosen = incidents[(incidents["scope"] == "incident") & (incidents["n_claims"] >= 2)]
    return sorted(chosen["incident_id"].astype(str))


def report_provinces(results) -> list[str]:
    """Provinces named by at least one claim: one report each."""
    provinces = results.claims["province"].dropna().astype(str)
    return sorted({p for p in provinces if p.strip()})


def incident_pages(results) -> dict[str, str]:
    """Incident id -> file name of its report."""
    names = report_names("incident", report_incidents(results))
    return {key: f"{name}.html" for key, name in names.items()}


def province_pages(results) -> dict[str, str]:
    """Province -> file name of its report."""
    names = report_names("province", report_provinces(results))
    return {key: f"{name}.html" for key, name in names.items()}


def pick_incident(results, incident_id: str = "") -> str:
    """``incident_id`` checked against the incidents; empty = the one with most claims."""
    incidents = results.incidents
    if not incident_id:
        pool = incidents[incidents["scope"] == "incident"]
        if pool.empty:
            pool = incidents
        if pool.empty:
            raise ParameterError("there are no incidents to report on")
        ranked = pool.sort_values(["n_claims", "incident_id"], ascending=[False, True])
        return str(ranked["incident_id"].iloc[0])
    return check_choice("incident id", incident_id, incidents["incident_id"].astype(str))


def pick_province(results, province: str = "") -> str:
    """``province`` checked against the provinces with claims; empty = the one with most."""
    known = report_provinces(results)
    if not province:
        if not known:
            raise ParameterError("no claim names a province")
        counts = results.claims["province"].value_counts()
        counts = counts[counts.index.isin(known)]
        return str(sorted(counts.items(), key=lambda item: (-item[1], item[0]))[0][0])
    return check_choice("province", province, known)


# ------------------------------------------------------------------ small tables


#: Why a site has nothing to show: the first paragraph of the index and every general report.
EMPTY_CORPUS = (
    "This corpus gave no casualty claims, so the tables and charts below are empty. An "
    "empty input, articles that are not in English (they are skipped) and articles with no "
    "sentence saying that people were killed, wounded or detained all give no claims; the "
    "build's warnings name every file and article it skipped."
)


def empty_notice(results) -> str:
    """``EMPTY_CORPUS`` when the results hold no claim, else "" (so a page says why it is
    empty instead of failing on it)."""
    return EMPTY_CORPUS if results.claims.empty else ""


def corpus_summary(results) -> pd.DataFrame:
    """Counts that describe the corpus and the analysis: one row per figure."""
    claims, incidents, comparison = results.claims, results.incidents, results.comparison
    rows = [
        ("articles with claims", claims["doc_id"].nunique()),
        ("outlets", claims["outlet"].nunique()),
        ("claims", len(claims)),
        ("incidents", int((incidents["scope"] == "incident").sum())),
        ("incidents with two or more claims", len(report_incidents(results))),
        ("period totals (aggregate claims)", int((incidents["scope"] == "aggregate").sum())),
        ("provinces named", len(report_provinces(results))),
        ("contested figures", int((comparison["grade"] == "contested").sum())),
        ("corroborated figures", int((comparison["grade"] == "corroborated").sum())),
    ]
    return pd.DataFrame(rows, columns=["what", "count"])


def articles(results) -> pd.DataFrame:
    """The articles that gave claims: title, outlet, date, claims and incidents."""
    claims = results.claims
    grouped = claims.groupby("doc_id", sort=False)
    table = grouped.agg(
        title=("title", "first"),
        outlet=("outlet", "first"),
        published=("published", "first"),
        claims=("claim_id", "size"),
        incidents=("incident_id", "nunique"),
    ).reset_index()
    return table.sort_values(["published", "doc_id"], kind="stable").reset_index(drop=True)


def claim_counts(claims: pd.DataFrame, by: str) -> pd.DataFrame:
    """Claims per value of ``by`` and outcome (a column per outcome, plus the total)."""
    if by not in claims.columns:
        raise ParameterError(f"cannot count claims by {by!r}")
    table = pd.crosstab(claims[by].fillna("(none)"), claims["outcome"])
    table["total"] = table.sum(axis=1)
    table = table.sort_values("total", ascending=False).reset_index()
    table.columns.name = None
    return table


def incident_list(results, incident_ids: Sequence[str] | None = None) -> pd.DataFrame:
    """Incidents (all, or the given ones) with the columns a reader scans first."""
    incidents = results.incidents
    if incident_ids is not None:
        incidents = incidents[incidents["incident_id"].isin(list(incident_ids))]
    columns = [
        "incident_id",
        "label",
        "scope",
        "date_start",
        "province",
        "district",
        "n_claims",
        "n_documents",
        "claimant_types",
        "killed_best",
        "wounded_best",
    ]
    return incidents[[c for c in columns if c in incidents.columns]].reset_index(drop=True)


def figures_by_grade(results, grade: str) -> pd.DataFrame:
    """Comparison rows with ``grade`` (e.g. ``contested``), with the incident's label."""
    comparison = results.comparison
    labels = results.incidents[["incident_id", "label"]]
    chosen = comparison[comparison["grade"] == grade].merge(labels, on="incident_id", how="left")
    columns = [
        "incident_id",
        "label",
        "victim",
        "outcome",
        "claimant_types",
        "min_best",
        "max_best",
        "consensus_low",
        "consensus_best",
        "consensus_high",
        "n_claims",
    ]
    return chosen[[c for c in columns if c in chosen.columns]].reset_index(drop=True)


def multi_claimant_incidents(results, outcome: str = "killed", limit: int = 25) -> list[str]:
    """Incidents where two or more claimant types give a figure for ``outcome``."""
    comparison = results.comparison
    rows = comparison[
        (comparison["scope"] == "incident")
        & (comparison["outcome"] == outcome)
        & (comparison["n_claimant_types"] >= 2)
    ]
    ranked = rows.sort_values(["n_claims", "incident_id"], ascending=[False, True])
    return list(dict.fromkeys(ranked["incident_id"].astype(str)))[:limit]


def province_claims(results, province: str) -> pd.DataFrame:
    """The claims that name ``province``."""
    claims = results.claims
    return claims[claims["province"] == province].reset_index(drop=True)


def by_incident(claims: pd.DataFrame) -> pd.DataFrame:
    """Claims sorted by incident, victim, outcome and publication date."""
    keys = [c for c in ("incident_id", "victim", "outcome", "published", "claim_id") if c in claims]
    return claims.sort_values(keys, kind="stable").reset_index(drop=True)


def province_incidents(results, province: str) -> list[str]:
    incidents = results.incidents
    return sorted(incidents.loc[incidents["province"] == province, "incident_id"].astype(str))


def province_counts(results) -> pd.DataFrame:
    """Per province named by a claim: claims, incidents, killed (sum of incidents' best)."""
    claims, incidents = results.claims, results.incidents
    named = claims[claims["province"].fillna("").astype(str).str.strip() != ""]
    table = named.groupby("province").size().rename("claims").to_frame()
    scoped = incidents[incidents["scope"] == "incident"]
    table["incidents"] = scoped.groupby("province").size()
    table["killed (best)"] = (
        pd.to_numeric(scoped["killed_best"], errors="coerce")
        .groupby(scoped["province"])
        .sum(min_count=1)
    )
    table = table.fillna(0).astype(int).sort_values("claims", ascending=False)
    return table.reset_index()


def grade_counts(results) -> pd.DataFrame:
    """How many (incident, victim, outcome) figures got each grade, by scope."""
    table = pd.crosstab(results.comparison["grade"], results.comparison["scope"])
    table.columns.name = None
    return table.reset_index()


def claimant_ranges(results, outcome: str = "killed", limit: int = 25) -> pd.DataFrame:
    """For incidents where two or more claimants give a figure for ``outcome``: each
    claimant's range per victim group (lowest low, highest high, best of its latest claim).
    """
    ids = multi_claimant_incidents(results, outcome, limit)
    comparison = results.comparison
    pairs = comparison[
        (comparison["outcome"] == outcome)
        & (comparison["n_claimant_types"] >= 2)
        & comparison["incident_id"].isin(ids)
    ][["incident_id", "victim"]]
    claims = results.claims[results.claims["outcome"] == outcome].merge(
        pairs, on=["incident_id", "victim"]
    )
    claims = claims.sort_values(
        ["incident_id", "victim", "claimant", "published", "claim_id"], kind="stable"
    )
    keys = ["incident_id", "victim", "claimant"]
    grouped = claims.groupby(keys, sort=False)
    latest = grouped.tail(1).set_index(keys)
    table = pd.DataFrame(
        {
            "low": grouped["low"].min(),
            "high": grouped["high"].max(),
            "n_claims": grouped.size(),
        }
    )
    for column in ("best", "outlet", "published", "quote", "figure_text"):
        table[column] = latest[column]
    table = table.reset_index()
    table["claimant"] = table["claimant"].astype(str)
    labels = results.incidents[["incident_id", "label"]]
    table = table.merge(labels, on="incident_id", how="left")
    order = {incident: i for i, incident in enumerate(ids)}
    table["_order"] = table["incident_id"].map(order)
    table = table.sort_values(["_order", "victim", "claimant"], kind="stable")
    return table.drop(columns="_order").reset_index(drop=True)


def incident_facts(results, incident_id: str) -> pd.DataFrame:
    """The incident's row of ``incidents.csv`` as a two-column table."""
    row = results.incidents[results.incidents["incident_id"] == incident_id]
    if row.empty:
        raise ParameterError(f"unknown incident id {incident_id!r}")
    record = row.iloc[0]
    return pd.DataFrame({"what": list(record.index), "value": [str(v) for v in record.tolist()]})


def incident_comparison(results, incident_id: str) -> pd.DataFrame:
    """The incident's figures reconciled (its rows of ``comparison.csv``)."""
    comparison = results.comparison
    return comparison[comparison["incident_id"] == incident_id].reset_index(drop=True)


#: Columns of the per-claimant figures as shown on an incident's page.
CLAIMANT_FIGURE_TABLE_COLUMNS = [
    "claimant", "victim", "outcome", "figure", "derivation", "n_statements", "outlets",
    "first_reported", "last_reported", "quotes",
]  # fmt: skip


def incident_claimant_figures(results, incident_id: str, belligerents: bool) -> pd.DataFrame:
    """What each claimant says of the incident: the parties to the fighting
    (``belligerents=True``) or the monitors, the press and unknown sources. ``figure`` is
    the stated figure ("at least 7", "dozens") with its range in brackets."""
    figures = results.claimant_figures
    rows = figures[figures["incident_id"] == incident_id]
    rows = rows[(rows["source_kind"] == "belligerent") == belligerents].copy()
    rows = _with_corrections(rows, results.claims)
    rows["figure"] = [
        _stated(value, qualifier, low, best, high)
        for value, qualifier, low, best, high in zip(
            rows["value"], rows["qualifier"], rows["type_low"], rows["type_best"],
            rows["type_high"], strict=True,
        )
    ]  # fmt: skip
    return rows.sort_values(["victim", "outcome", "claimant"]).reset_index(drop=True)


def _with_corrections(rows: pd.DataFrame, claims: pd.DataFrame) -> pd.DataFrame:
    """Per-claimant figures marked with the corrections of the claims behind them."""
    from casualties.corrections.status import join_kinds, join_notes

    if "corrected_fields" not in claims.columns or rows.empty:
        return rows
    marked = claims[claims["corrected_fields"].astype(str) != ""].set_index("claim_id")
    kinds, notes = [], []
    for ids in rows["claim_ids"].astype(str):
        behind = marked.reindex([c for c in ids.split(";") if c in marked.index])
        kinds.append(join_kinds("", ";".join(behind["corrected_fields"]).split(";")))
        notes.append(join_notes("", behind["correction_note"].astype(str)))
    return rows.assign(corrected_fields=kinds, correction_note=notes)


def incident_corrections_text(results, incident_id: str) -> str:
    """A sentence on the analysts' corrections of the incident's claims ("" for none)."""
    row = results.incidents[results.incidents["incident_id"] == incident_id]
    if row.empty:
        raise ParameterError(f"unknown incident id {incident_id!r}")
    record = row.iloc[0]
    n = int(record.get("n_corrected", 0) or 0)
    if not n:
        return ""
    kinds = str(record.get("corrections", "")).replace(";", ", ")
    return (
        f"Analysts corrected {n} claim(s) of this incident by decision ({kinds}): every "
        "value a decision changed is marked \u2020 with its reason and analyst, and said in "
        "the last column of the tables (docs/corrections.md)."
    )


_QUALIFIER_WORDS = {"exact": "", "at_least": "at least ", "more_than": "more than ",
                    "about": "about ", "nearly": "nearly ", "up_to": "up to "}  # fmt: skip


def _stated(value, qualifier: str, low: int, best: int, high: int) -> str:
    figure = "vague" if qualifier == "vague" or pd.isna(value) else (
        f"{_QUALIFIER_WORDS.get(qualifier, '')}{int(value)}"
    )  # fmt: skip
    return figure if low == best == high else f"{figure} ({low}-{high}, best {best})"


#: Columns of the calibration table as shown to readers.
CALIBRATION_TABLE_COLUMNS = [
    "toll_id", "victim", "outcome", "verified", "incident_id", "consensus_low",
    "consensus_best", "consensus_high", "inside", "interval_score", "source",
]  # fmt: skip


def calibration_text(results) -> str:
    """One sentence: how many verified tolls lie inside their incident's consensus range."""
    from casualties.analyse.calibration import calibration_summary

    summary = calibration_summary(results.calibration)
    if not summary["tolls"]:
        return "No verified toll falls in the period of the corpus."
    return (
        f"{summary['inside']} of {summary['tolls']} verified tolls "
        f"({summary['share_inside']:.0%}) lie inside the consensus range of their incident; "
        f"{summary['tolls'] - summary['matched']} match no incident of the corpus. Mean "
        f"interval score {summary['mean_interval_score']:.1f} (the range's width, plus 20 "
        "times the distance by which a toll misses it: lower is better)."
    )


#: Columns of a claims table as shown to readers.
CLAIM_TABLE_COLUMNS = [
    "published",
    "outlet",
    "claimant",
    "victim",
    "outcome",
    "figure_text",
    "low",
    "best",
    "high",
    "province",
    "incident_id",
    "quote",
    "claim_id",
]


def totals(results, grouping: str, outcome: str | None = None, group: str | None = None):
    """Rows of ``totals.csv`` for one grouping (and outcome, group when given); no rows for
    a known grouping the corpus has no figures for (a corpus without claims)."""
    from casualties.analyse.uncertainty import GROUPINGS

    table = results.totals
    if grouping not in GROUPINGS:
        known = ", ".join(GROUPINGS)
        raise ParameterError(f"unknown grouping {grouping!r}; known: {known}")
    chosen = table[table["grouping"] == grouping]
    if outcome is not None:
        chosen = chosen[chosen["outcome"] == outcome]
    if group is not None:
        chosen = chosen[chosen["group"] == group]
    return chosen.reset_index(drop=True)


def incident_title(results, incident_id: str) -> str:
    """``INC-20190905-3f9a2c1b: 2019-09-05 Kabul: car bomb, embassy``."""
    row = results.incidents[results.incidents["incident_id"] == incident_id]
    if row.empty:
        raise ParameterError(f"unknown incident id {incident_id!r}")
    return f"{incident_id}: {row['label'].iloc[0]}"


def province_summary(results, province: str) -> pd.DataFrame:
    """Claims, documents, claimants and incidents of one province."""
    claims = province_claims(results, province)
    rows = [
        ("claims", len(claims)),
        ("articles with claims", claims["doc_id"].nunique()),
        ("claimants", ", ".join(sorted(claims["claimant"].dropna().astype(str).unique()))),
        ("incidents", len(province_incidents(results, province))),
    ]
    return pd.DataFrame(rows, columns=["what", "value"])


def ucdp_matches(table: pd.DataFrame) -> tuple[pd.DataFrame, int]:
    """``compare_ucdp`` rows with a UCDP event, and how many incidents have none."""
    matched = table["match_level"] != "none"
    return table[matched].reset_index(drop=True), int((~matched).sum())


#: Columns of ``compare_unama`` as shown (the source note last: it is long).
UNAMA_TABLE_COLUMNS = [
    "period_start",
    "period_end",
    "unama_scope",
    "outcome",
    "unama_figure",
    "n_incidents",
    "claims_low",
    "claims_best",
    "claims_high",
    "coverage",
    "aggregate_best",
    "source_note",
]
