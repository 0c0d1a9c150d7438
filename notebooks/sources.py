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
from casualties.analyse import claimant_bias
from casualties.site import charts, report

charts.use_site_renderer()
results = report.load(processed_dir, preset, seed, corrections)
incident_pages = report.incident_pages(results)
province_pages = report.province_pages(results)

# %% [markdown]
# # Sources compared
#
# The same incident is often reported by several claimants with different figures. For each incident, victim group and outcome the analysis takes every claimant's range (lowest low to highest high of its claims, best of its latest claim) and a consensus: the median of the claimants' bests. Claims by a party about its enemy's losses are left out of the consensus when anyone else gives a figure.
#
# **How to read the figures.** Every claim is a range *low / best / high*. An exact figure
# ("36") is 36 / 36 / 36; an open or vague one is widened by the convention preset: under
# the `default` preset "at least 10" is 10 / 10 / 15, "more than 350" is 351 / 351 / 525,
# "dozens" is 24 / 24 / 99. Hover over a point to see who made the claim, in which outlet,
# when, and the sentence it was read from.

# %%
charts.show_text(report.empty_notice(results))

# %% [markdown]
# ## Ranges side by side
#
# Incidents where two or more claimants give a death toll for the same group: one row per incident and victim group, one point per claimant (its latest best, the bar its range).

# %%
ranges = report.claimant_ranges(results, outcome="killed")
charts.show(
    charts.claimant_ranges_chart(ranges), "No incident has death tolls from two or more claimants."
)

# %% [markdown]
# ## Grades
#
# *corroborated*: two or more independent claimants whose ranges all overlap; *contested*: two of their ranges do not overlap; *single_source*: one claimant; *party_only*: only a party to the fighting claiming its enemy's losses.

# %%
charts.show_table(report.grade_counts(results))

# %% [markdown]
# ## Contested figures

# %%
charts.show_table(
    report.figures_by_grade(results, "contested"),
    links={"incident_id": incident_pages},
    empty="No figure is contested in this corpus.",
)

# %% [markdown]
# ## Claimant bias
#
# Where two or more claimants report the same figure: each claimant's best against the consensus, as the mean log2 ratio (0: agrees with the consensus; +1: twice as high; -1: half). Few figures make a noisy mean: see the counts.

# %%
bias = claimant_bias(results.claims, results.comparison)
charts.show(charts.bias_chart(bias), "Too few shared figures to compare claimants.")
charts.show_table(bias)
