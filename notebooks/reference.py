# ---
# jupyter:
#   jupytext:
#     text_representation:
#       extension: .py
#       format_name: percent
#       format_version: '1.3'
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% tags=["parameters"]
processed_dir: str = ""  # folder with the analyse outputs (empty: data/processed of this checkout), the pipeline runs first if they are missing
preset: str = "default"  # convention preset of the ranges (default, ucdp, acled) used when the pipeline has to run
seed: int = 0  # random seed of the Monte Carlo draws when the pipeline has to run
corrections: str = ""  # analysts' corrections file applied when the pipeline has to run (empty: data/reference/corrections.csv when it exists; none: no corrections)

# %%
from casualties.analyse import compare_ucdp, compare_unama
from casualties.site import charts, report

charts.use_site_renderer()
results = report.load(processed_dir, preset, seed, corrections)
incident_pages = report.incident_pages(results)
province_pages = report.province_pages(results)

# %% [markdown]
# # Against UNAMA and UCDP
#
# The claims of the corpus against two references: UNAMA's counts of civilian casualties (its Protection of Civilians reports) and the UCDP Georeferenced Event Dataset (CC BY 4.0). A news corpus covers a small part of what these count: read the coverage as how much of the reference the corpus reports, not as an error of either.
#
# **How to read the figures.** Every claim is a range *low / best / high*. An exact figure
# ("36") is 36 / 36 / 36; an open or vague one is widened by the convention preset: under
# the `default` preset "at least 10" is 10 / 10 / 15, "more than 350" is 351 / 351 / 525,
# "dozens" is 24 / 24 / 99. Hover over a point to see who made the claim, in which outlet,
# when, and the sentence it was read from.

# %%
charts.show_text(report.empty_notice(results))

# %% [markdown]
# ## UNAMA
#
# For each UNAMA period overlapping the corpus: UNAMA's figure, and the civilian casualties of the corpus's incidents in that period (sum of consensus ranges).

# %%
unama = compare_unama(results.claims)
charts.show(charts.unama_chart(unama), "No UNAMA period overlaps the corpus.")
charts.show_table(unama, report.UNAMA_TABLE_COLUMNS, quote_columns=["source_note"])

# %% [markdown]
# ## UCDP GED
#
# Incidents matched to UCDP events within two days in the same district (or province): the consensus death toll against UCDP's best estimate. Points on the dotted line agree.

# %%
ucdp = compare_ucdp(results.claims, results.incidents)
matched, unmatched = report.ucdp_matches(ucdp)
charts.show(charts.ucdp_chart(ucdp), "No incident matches a UCDP event.")
charts.show_table(
    matched, links={"incident_id": incident_pages}, empty="No incident matches a UCDP event."
)
charts.show_text(
    f"{unmatched} incidents match no UCDP event (the project ships a subset of UCDP GED)."
)

# %% [markdown]
# ## Verified tolls
#
# Tolls established later or independently (UNAMA's verification of one attack, a UCDP event, a final toll the corpus reports days later: `data/reference/verified_tolls.csv`), each against the consensus range of the incident of its date and place. A good range contains the verified toll and is no wider than it must be: this is how a preset or a rule change is judged.

# %%
charts.show_text(report.calibration_text(results))
charts.show_table(
    results.calibration,
    report.CALIBRATION_TABLE_COLUMNS,
    links={"incident_id": incident_pages},
    quote_columns=[],
    empty="No verified toll falls in the period of the corpus.",
)
