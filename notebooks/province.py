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
province: str = ""  # province to report on (OCHA COD English name, e.g. Kabul), empty for the province with most claims

# %%
from casualties.site import charts, report

charts.use_site_renderer()
results = report.load(processed_dir, preset, seed, corrections)
incident_pages = report.incident_pages(results)
province_pages = report.province_pages(results)
province = report.pick_province(results, province)

# %% [markdown]
# # Province
#
# The claims that name one province and the incidents they describe.
#
# **How to read the figures.** Every claim is a range *low / best / high*. An exact figure
# ("36") is 36 / 36 / 36; an open or vague one is widened by the convention preset: under
# the `default` preset "at least 10" is 10 / 10 / 15, "more than 350" is 351 / 351 / 525,
# "dozens" is 24 / 24 / 99. Hover over a point to see who made the claim, in which outlet,
# when, and the sentence it was read from.

# %%
charts.show_text(f"Province: {province}", "h2")
claims = report.province_claims(results, province)
charts.show_table(report.province_summary(results, province))

# %% [markdown]
# ## Incidents

# %%
charts.show_table(
    report.incident_list(results, report.province_incidents(results, province)),
    links={"incident_id": incident_pages},
)

# %% [markdown]
# ## Ranges
#
# Every claim that names the province, by incident: the point is its best reading, the bar its range.

# %%
charts.show(charts.range_chart(report.by_incident(claims), title=f"Claims in {province}"))

# %% [markdown]
# ## Timeline

# %%
charts.show(
    charts.timeline(claims, title=f"Claims in {province} over time"),
    "No claim in this province has a date.",
)

# %% [markdown]
# ## Totals
#
# Monte Carlo totals of the province's incidents.

# %%
charts.show_table(report.totals(results, "province", group=province))

# %% [markdown]
# ## Every claim

# %%
charts.show_table(claims, report.CLAIM_TABLE_COLUMNS, links={"incident_id": incident_pages})
