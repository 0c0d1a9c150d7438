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
draws: int = 10000  # Monte Carlo draws per total

# %%
from casualties.analyse import aggregates_vs_components, preset_sensitivity
from casualties.site import charts, report

charts.use_site_renderer()
results = report.load(processed_dir, preset, seed, corrections)
incident_pages = report.incident_pages(results)
province_pages = report.province_pages(results)

# %% [markdown]
# # Uncertainty
#
# Totals add one figure per incident (never one per claim, so that several reports of an incident are not counted twice). Each incident's figure is drawn from a PERT distribution on its consensus range, peaked at the best; the thin bar is the 90% interval of the total, the thick bar the 50% interval, the point the median and the diamond the plain sum of bests. Period totals ("so far this year") are not added in.
#
# **How to read the figures.** Every claim is a range *low / best / high*. An exact figure
# ("36") is 36 / 36 / 36; an open or vague one is widened by the convention preset: under
# the `default` preset "at least 10" is 10 / 10 / 15, "more than 350" is 351 / 351 / 525,
# "dozens" is 24 / 24 / 99. Hover over a point to see who made the claim, in which outlet,
# when, and the sentence it was read from.

# %%
charts.show_text(report.empty_notice(results))

# %% [markdown]
# ## Totals

# %%
charts.show(
    charts.interval_chart(
        report.totals(results, "outcome"), label="group", title="All incidents, by outcome"
    )
)
charts.show(
    charts.interval_chart(
        report.totals(results, "victim", "killed"), title="Killed, by victim group"
    )
)
charts.show(
    charts.interval_chart(report.totals(results, "province", "killed"), title="Killed, by province")
)
charts.show(
    charts.interval_chart(
        report.totals(results, "month", "killed"), title="Killed, by month of the incident"
    )
)
charts.show_table(report.totals(results, "outcome"))

# %% [markdown]
# ## Sensitivity to presets
#
# The same totals under each convention preset: `default` (the project's ranges), `ucdp` (minimal readings: every figure collapses to its lowest reading, "dozens" is 24 to 24) and `acled` (its codebook's fixed numbers: "dozens" is 12). Wide gaps mean the totals rest on vague figures.

# %%
sensitivity = preset_sensitivity(
    report.load_clean(processed_dir), "outcome", draws=draws, seed=seed
)
charts.show(
    charts.interval_chart(
        sensitivity, label="group", series="preset", title="Totals by outcome under each preset"
    )
)
charts.show_table(sensitivity)

# %% [markdown]
# ## Aggregates against their components
#
# A period total ("since January, 1,500 civilians...") against the sum of the incidents of the corpus that fall in its period and area. The incidents are usually a small part of a period total: the corpus reports only some incidents.

# %%
aggregates = aggregates_vs_components(results.claims)
charts.show(charts.aggregates_chart(aggregates), "The corpus has no period totals.")
charts.show_table(aggregates)
