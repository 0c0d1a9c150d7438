"""The reports of the site: one declaration per report, which everything else reads.

The build plans its pages from ``REPORTS``, the index lists them under their kind's
heading, ``make notebooks`` writes their ``.ipynb`` from the sources in ``notebooks/``, and
the tests check every report declared here. A new page is one entry here plus its
notebook source ``notebooks/<name>.py`` (docs/architecture.md, "Adding a report page").
Imports nothing heavy: the command line's ``--only`` choices come from here.
"""

from __future__ import annotations

from dataclasses import dataclass

#: What a report yields, and the heading its pages are listed under on the index (None:
#: the index lists them in its own searchable incident list instead).
KIND_HEADINGS: dict[str, str | None] = {
    "general": "Reports",  # one page
    "incident": None,  # one page per incident with claims
    "province": "Provinces",  # one page per province with claims
}
KINDS = tuple(KIND_HEADINGS)

#: The notebook parameters every report may declare; the build fills them in.
SHARED_PARAMETERS = ("processed_dir", "preset", "seed", "corrections")


@dataclass(frozen=True)
class Report:
    """A report notebook and the pages it yields."""

    name: str  # notebooks/<name>.py (the source) and notebooks/<name>.ipynb (what runs)
    title: str  # of a general report's page; per-subject pages are titled by the build
    about: str  # what the reader finds there, on the index
    kind: str = "general"  # one of KINDS
    parameter: str | None = None  # the parameter that chooses a page's subject

    def __post_init__(self) -> None:
        if self.kind not in KIND_HEADINGS:
            raise ValueError(f"report {self.name}: unknown kind {self.kind!r}")
        if (self.kind == "general") != (self.parameter is None):
            raise ValueError(f"report {self.name}: a per-{self.kind} report needs a parameter")


REPORTS: tuple[Report, ...] = (
    Report(
        "overview",
        "Overview",
        "the corpus; claims by claimant, victim and outcome; timeline; map",
    ),
    Report(
        "sources",
        "Sources compared",
        "per-incident ranges side by side; contested figures; bias",
    ),
    Report(
        "uncertainty",
        "Uncertainty",
        "totals with intervals; sensitivity to presets; aggregates",
    ),
    Report("reference", "Against UNAMA and UCDP", "claims against UNAMA and UCDP figures"),
    Report(
        "incident",
        "Incident",
        "every claim of one incident, each party's figure, consensus and grade",
        kind="incident",
        parameter="incident_id",
    ),
    Report(
        "province",
        "Province",
        "the claims and incidents of one province",
        kind="province",
        parameter="province",
    ),
)


def reports(kinds=KINDS) -> tuple[Report, ...]:
    """The reports of the given kinds, in the order of ``REPORTS``."""
    return tuple(report for report in REPORTS if report.kind in kinds)


def report(name: str) -> Report:
    for entry in REPORTS:
        if entry.name == name:
            return entry
    raise KeyError(f"no report named {name!r}; known: {', '.join(r.name for r in REPORTS)}")
