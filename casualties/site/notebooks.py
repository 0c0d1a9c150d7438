"""The report notebooks, written from here (``python -m casualties.site.notebooks``).

Keeping their cells in code makes them reviewable as text and keeps the committed
``notebooks/*.ipynb`` free of outputs; a test checks that the files match this module.
Notebooks hold parameters, calls into the package, figures and prose: no logic.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from casualties import paths

KERNELSPEC = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}

SHARED_PARAMETERS = (
    'processed_dir: str = ""  # folder with the analyse outputs (empty: data/processed of '
    "this checkout), the pipeline runs first if they are missing\n"
    'preset: str = "default"  # convention preset of the ranges (default, ucdp, acled) used '
    "when the pipeline has to run\n"
    "seed: int = 0  # random seed of the Monte Carlo draws when the pipeline has to run"
)

SETUP = (
    "from casualties.site import charts\n"
    "from casualties.site import report\n\n"
    "charts.use_site_renderer()\n"
    "results = report.load(processed_dir, preset, seed)\n"
    "incident_pages = report.incident_pages(results)\n"
    "province_pages = report.province_pages(results)"
)

# Shown at the top of every general report (nothing when the corpus has claims).
EMPTY_NOTICE = ("code", "charts.show_text(report.empty_notice(results))")

CONVENTIONS = """\
**How to read the figures.** Every claim is a range *low / best / high*. An exact figure
("36") is 36 / 36 / 36; an open or vague one is widened by the convention preset: under
the `default` preset "at least 10" is 10 / 10 / 15, "more than 350" is 351 / 351 / 525,
"dozens" is 24 / 24 / 99. Hover over a point to see who made the claim, in which outlet,
when, and the sentence it was read from."""

OVERVIEW = [
    ("parameters", SHARED_PARAMETERS),
    ("code", SETUP),
    (
        "markdown",
        "# Overview\n\nCasualty claims read from the news articles of the corpus: who "
        "claimed how many people were killed, wounded or detained, where and when.\n\n"
        + CONVENTIONS,
    ),
    EMPTY_NOTICE,
    ("code", "charts.show_table(report.corpus_summary(results))"),
    ("markdown", "## The articles\n\nEvery article that gave at least one claim."),
    (
        "code",
        "charts.show_table(report.articles(results), ['published', 'outlet', 'title', "
        "'claims', 'incidents'])",
    ),
    (
        "markdown",
        "## Claims by claimant, victim and outcome\n\nA *claimant* is who gave the figure "
        "(the UN, the Afghan government, the Taliban, US/NATO, the press...); the *victim* "
        "group is whom it counts. One sentence can hold several claims.",
    ),
    (
        "code",
        'charts.show(charts.claims_bar(report.claim_counts(results.claims, "claimant"), '
        '"claimant"))\n'
        'charts.show(charts.claims_bar(report.claim_counts(results.claims, "victim"), '
        '"victim"))\n'
        'charts.show_table(report.claim_counts(results.claims, "victim"))',
    ),
    (
        "markdown",
        "## Timeline\n\nEach point is one claim at the date of the event (the publication "
        "date when the article gives none); the bar spans its low to high reading. Open "
        'circles are period totals ("since January"), not single incidents. The scale is '
        "logarithmic; claims of zero are not drawn (they are in the table below).",
    ),
    ("code", "charts.show(charts.timeline(results.claims))"),
    (
        "markdown",
        "## Map\n\nProvinces shaded by the number of claims that name them (Natural Earth "
        "outlines, OCHA COD names). Claims that name no province are not on the map.",
    ),
    (
        "code",
        "counts = report.province_counts(results)\n"
        "charts.show(charts.province_map(counts))\n"
        "charts.show_table(counts, links={'province': province_pages})",
    ),
    (
        "markdown",
        "## Every claim\n\nThe sentence each claim was read from, with its outlet and "
        "date. Incident ids link to the incident's report when it has one. The whole table "
        "is `data/claims_linked.csv` of the site.",
    ),
    (
        "code",
        "charts.show_table(results.claims, report.CLAIM_TABLE_COLUMNS, "
        "links={'incident_id': incident_pages, 'province': province_pages}, "
        "full='data/claims_linked.csv')",
    ),
]

SOURCES = [
    ("parameters", SHARED_PARAMETERS),
    ("code", SETUP),
    (
        "markdown",
        "# Sources compared\n\nThe same incident is often reported by several claimants "
        "with different figures. For each incident, victim group and outcome the analysis "
        "takes every claimant's range (lowest low to highest high of its claims, best of "
        "its latest claim) and a consensus: the median of the claimants' bests. Claims by "
        "a party about its enemy's losses are left out of the consensus when anyone else "
        "gives a figure.\n\n" + CONVENTIONS,
    ),
    EMPTY_NOTICE,
    (
        "markdown",
        "## Ranges side by side\n\nIncidents where two or more claimants give a death toll "
        "for the same group: one row per incident and victim group, one point per "
        "claimant (its latest best, the bar its range).",
    ),
    (
        "code",
        'ranges = report.claimant_ranges(results, outcome="killed")\n'
        "charts.show(charts.claimant_ranges_chart(ranges), "
        '"No incident has death tolls from two or more claimants.")',
    ),
    (
        "markdown",
        "## Grades\n\n*corroborated*: two or more independent claimants whose ranges all "
        "overlap; *contested*: two of their ranges do not overlap; *single_source*: one "
        "claimant; *party_only*: only a party to the fighting claiming its enemy's losses.",
    ),
    ("code", "charts.show_table(report.grade_counts(results))"),
    ("markdown", "## Contested figures"),
    (
        "code",
        'charts.show_table(report.figures_by_grade(results, "contested"), '
        "links={'incident_id': incident_pages}, "
        'empty="No figure is contested in this corpus.")',
    ),
    (
        "markdown",
        "## Claimant bias\n\nWhere two or more claimants report the same figure: each "
        "claimant's best against the consensus, as the mean log2 ratio (0: agrees with "
        "the consensus; +1: twice as high; -1: half). Few figures make a noisy mean: see "
        "the counts.",
    ),
    (
        "code",
        "from casualties.analyse import claimant_bias\n\n"
        "bias = claimant_bias(results.claims, results.comparison)\n"
        'charts.show(charts.bias_chart(bias), "Too few shared figures to compare claimants.")\n'
        "charts.show_table(bias)",
    ),
]

UNCERTAINTY = [
    ("parameters", SHARED_PARAMETERS + "\ndraws: int = 10000  # Monte Carlo draws per total"),
    ("code", SETUP),
    (
        "markdown",
        "# Uncertainty\n\nTotals add one figure per incident (never one per claim, so that "
        "several reports of an incident are not counted twice). Each incident's figure is "
        "drawn from a PERT distribution on its consensus range, peaked at the best; the "
        "thin bar is the 90% interval of the total, the thick bar the 50% interval, the "
        'point the median and the diamond the plain sum of bests. Period totals ("so far '
        'this year") are not added in.\n\n' + CONVENTIONS,
    ),
    EMPTY_NOTICE,
    ("markdown", "## Totals"),
    (
        "code",
        "charts.show(charts.interval_chart(report.totals(results, 'outcome'), label='group', "
        "title='All incidents, by outcome'))\n"
        "charts.show(charts.interval_chart(report.totals(results, 'victim', 'killed'), "
        "title='Killed, by victim group'))\n"
        "charts.show(charts.interval_chart(report.totals(results, 'province', 'killed'), "
        "title='Killed, by province'))\n"
        "charts.show(charts.interval_chart(report.totals(results, 'month', 'killed'), "
        "title='Killed, by month of the incident'))\n"
        "charts.show_table(report.totals(results, 'outcome'))",
    ),
    (
        "markdown",
        "## Sensitivity to presets\n\nThe same totals under each convention preset: "
        "`default` (the project's ranges), `ucdp` (minimal readings: every figure collapses "
        'to its lowest reading, "dozens" is 24 to 24) and `acled` (its codebook\'s fixed '
        'numbers: "dozens" is 12). Wide gaps mean the '
        "totals rest on vague figures.",
    ),
    (
        "code",
        "from casualties.analyse import preset_sensitivity\n\n"
        "sensitivity = preset_sensitivity(report.load_clean(processed_dir), 'outcome', "
        "draws=draws, seed=seed)\n"
        "charts.show(charts.interval_chart(sensitivity, label='group', series='preset', "
        "title='Totals by outcome under each preset'))\n"
        "charts.show_table(sensitivity)",
    ),
    (
        "markdown",
        '## Aggregates against their components\n\nA period total ("since January, 1,500 '
        'civilians...") against the sum of the incidents of the corpus that fall in its '
        "period and area. The incidents are usually a small part of a period total: the "
        "corpus reports only some incidents.",
    ),
    (
        "code",
        "from casualties.analyse import aggregates_vs_components\n\n"
        "aggregates = aggregates_vs_components(results.claims)\n"
        'charts.show(charts.aggregates_chart(aggregates), "The corpus has no period totals.")\n'
        "charts.show_table(aggregates)",
    ),
]

INCIDENT = [
    (
        "parameters",
        SHARED_PARAMETERS + '\nincident_id: str = ""  # incident to report on (INC-00001...), '
        "empty for the incident with most claims",
    ),
    ("code", SETUP + "\nincident_id = report.pick_incident(results, incident_id)"),
    (
        "markdown",
        "# Incident\n\nEvery claim about one incident, as the articles reported it.\n\n"
        + CONVENTIONS,
    ),
    (
        "code",
        "charts.show_text(report.incident_title(results, incident_id), 'h2')\n"
        "charts.show_table(report.incident_facts(results, incident_id))",
    ),
    (
        "markdown",
        "## Every claim\n\nOne row per claim: who, where it was published, the figure as "
        "written and its range, and the sentence it was read from.",
    ),
    (
        "code",
        "from casualties.analyse import side_by_side, toll_evolution\n\n"
        "claims = side_by_side(results.claims, incident_id)\n"
        "charts.show_table(claims, ['published', 'outlet', 'claimant', 'victim', 'outcome', "
        "'figure_text', 'low', 'best', 'high', 'quote'])",
    ),
    (
        "markdown",
        "## What each party says\n\nOne row per claimant, victim group and outcome: the "
        "claimant's figure for the incident, read from its latest statement (a toll revised "
        'from 63 to 80 is 80), with the items of one statement added up ("one boy and six '
        'men" is 7) and parts of a total not added ("12 people, including an American"). '
        "The figures of the parties to the fighting are their own verdict and are kept "
        "apart from those of monitors and the press.",
    ),
    (
        "code",
        "charts.show_text('Monitors, the press and other sources', 'h3')\n"
        "charts.show_table(report.incident_claimant_figures(results, incident_id, False), "
        "report.CLAIMANT_FIGURE_TABLE_COLUMNS, quote_columns=['quotes'], "
        "empty='No monitor or outlet gives a figure of its own.')\n"
        "charts.show_text('Parties to the fighting', 'h3')\n"
        "charts.show_table(report.incident_claimant_figures(results, incident_id, True), "
        "report.CLAIMANT_FIGURE_TABLE_COLUMNS, quote_columns=['quotes'], "
        "empty='No party to the fighting gives a figure.')",
    ),
    ("markdown", "## Ranges\n\nEach claim's range; the point is its best reading."),
    ("code", "charts.show(charts.range_chart(claims))"),
    (
        "markdown",
        "## Consensus and grade\n\nPer victim group and outcome: the envelope of all "
        "claims, the consensus range and how far the claimants agree.",
    ),
    (
        "code",
        "charts.show_table(report.incident_comparison(results, incident_id), "
        "['victim', 'outcome', 'grade', 'claimant_types', 'n_claims', 'envelope_low', "
        "'envelope_high', 'consensus_low', 'consensus_best', 'consensus_high', "
        "'first_best', 'latest_best'])",
    ),
    (
        "markdown",
        "## How the toll evolved\n\nTolls are often revised as reports come in (63 dead, "
        "then 80). Each point is a report at its publication date.",
    ),
    (
        "code",
        "evolution = toll_evolution(results.claims, incident_id)\n"
        "charts.show(charts.toll_chart(evolution))\n"
        "charts.show_table(evolution, ['published', 'claimant', 'outlet', 'victim', 'outcome', "
        "'best', 'change', 'quote'])",
    ),
]

PROVINCE = [
    (
        "parameters",
        SHARED_PARAMETERS + '\nprovince: str = ""  # province to report on (OCHA COD English '
        "name, e.g. Kabul), empty for the province with most claims",
    ),
    ("code", SETUP + "\nprovince = report.pick_province(results, province)"),
    (
        "markdown",
        "# Province\n\nThe claims that name one province and the incidents they "
        "describe.\n\n" + CONVENTIONS,
    ),
    (
        "code",
        "charts.show_text(f'Province: {province}', 'h2')\n"
        "claims = report.province_claims(results, province)\n"
        "charts.show_table(report.province_summary(results, province))",
    ),
    ("markdown", "## Incidents"),
    (
        "code",
        "charts.show_table(report.incident_list(results, report.province_incidents(results, "
        "province)), links={'incident_id': incident_pages})",
    ),
    (
        "markdown",
        "## Ranges\n\nEvery claim that names the province, by incident: the point is its "
        "best reading, the bar its range.",
    ),
    (
        "code",
        "charts.show(charts.range_chart(report.by_incident(claims), "
        "title=f'Claims in {province}'))",
    ),
    ("markdown", "## Timeline"),
    (
        "code",
        "charts.show(charts.timeline(claims, title=f'Claims in {province} over time'), "
        "'No claim in this province has a date.')",
    ),
    ("markdown", "## Totals\n\nMonte Carlo totals of the province's incidents."),
    (
        "code",
        "charts.show_table(report.totals(results, 'province', group=province))",
    ),
    ("markdown", "## Every claim"),
    (
        "code",
        "charts.show_table(claims, report.CLAIM_TABLE_COLUMNS, "
        "links={'incident_id': incident_pages})",
    ),
]

REFERENCE = [
    ("parameters", SHARED_PARAMETERS),
    ("code", SETUP),
    (
        "markdown",
        "# Against UNAMA and UCDP\n\nThe claims of the corpus against two references: "
        "UNAMA's counts of civilian casualties (its Protection of Civilians reports) and "
        "the UCDP Georeferenced Event Dataset (CC BY 4.0). A news corpus covers a small "
        "part of what these count: read the coverage as how much of the reference the "
        "corpus reports, not as an error of either.\n\n" + CONVENTIONS,
    ),
    EMPTY_NOTICE,
    (
        "markdown",
        "## UNAMA\n\nFor each UNAMA period overlapping the corpus: UNAMA's figure, and the "
        "civilian casualties of the corpus's incidents in that period (sum of consensus "
        "ranges).",
    ),
    (
        "code",
        "from casualties.analyse import compare_ucdp, compare_unama\n\n"
        "unama = compare_unama(results.claims)\n"
        'charts.show(charts.unama_chart(unama), "No UNAMA period overlaps the corpus.")\n'
        "charts.show_table(unama, report.UNAMA_TABLE_COLUMNS, quote_columns=['source_note'])",
    ),
    (
        "markdown",
        "## UCDP GED\n\nIncidents matched to UCDP events within two days in the same "
        "district (or province): the consensus death toll against UCDP's best estimate. "
        "Points on the dotted line agree.",
    ),
    (
        "code",
        "ucdp = compare_ucdp(results.claims, results.incidents)\n"
        "matched, unmatched = report.ucdp_matches(ucdp)\n"
        'charts.show(charts.ucdp_chart(ucdp), "No incident matches a UCDP event.")\n'
        "charts.show_table(matched, links={'incident_id': incident_pages}, "
        "empty='No incident matches a UCDP event.')\n"
        "charts.show_text(f'{unmatched} incidents match no UCDP event (the project ships "
        "a subset of UCDP GED).')",
    ),
    (
        "markdown",
        "## Verified tolls\n\nTolls established later or independently (UNAMA's "
        "verification of one attack, a UCDP event, a final toll the corpus reports days "
        "later: `data/reference/verified_tolls.csv`), each against the consensus range of "
        "the incident of its date and place. A good range contains the verified toll and is "
        "no wider than it must be: this is how a preset or a rule change is judged.",
    ),
    (
        "code",
        "charts.show_text(report.calibration_text(results))\n"
        "charts.show_table(results.calibration, report.CALIBRATION_TABLE_COLUMNS, "
        "links={'incident_id': incident_pages}, quote_columns=[], "
        "empty='No verified toll falls in the period of the corpus.')",
    ),
]

NOTEBOOKS = {
    "overview": OVERVIEW,
    "sources": SOURCES,
    "uncertainty": UNCERTAINTY,
    "incident": INCIDENT,
    "province": PROVINCE,
    "reference": REFERENCE,
}


def notebook(name: str):
    """The notebook ``name`` (no outputs), as an nbformat node."""
    import nbformat
    from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

    cells = []
    for index, (kind, source) in enumerate(NOTEBOOKS[name]):
        if kind == "markdown":
            cell = new_markdown_cell(source)
        elif kind == "parameters":
            cell = new_code_cell(source, metadata={"tags": ["parameters"]})
        else:
            cell = new_code_cell(source)
        cell["id"] = f"{name}-{index}"
        cells.append(cell)
    nb = new_notebook(cells=cells, metadata={"kernelspec": KERNELSPEC})
    nb.metadata["language_info"] = {"name": "python"}
    nbformat.validate(nb)
    return nb


def write_notebooks(folder: str | os.PathLike = paths.NOTEBOOKS) -> list[Path]:
    import nbformat

    written = []
    for name in NOTEBOOKS:
        path = Path(folder) / f"{name}.ipynb"
        path.parent.mkdir(parents=True, exist_ok=True)
        nbformat.write(notebook(name), str(path))
        written.append(path)
    return written


if __name__ == "__main__":
    for path in write_notebooks(sys.argv[1] if len(sys.argv) > 1 else paths.NOTEBOOKS):
        print(path)
