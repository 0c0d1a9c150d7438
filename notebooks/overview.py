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
from casualties.site import charts, report

charts.use_site_renderer()
results = report.load(processed_dir, preset, seed, corrections)
incident_pages = report.incident_pages(results)
province_pages = report.province_pages(results)

# %% [markdown]
# # Overview
#
# Casualty claims read from the news articles of the corpus: who claimed how many people were killed, wounded or detained, where and when.
#
# **How to read the figures.** Every claim is a range *low / best / high*. An exact figure
# ("36") is 36 / 36 / 36; an open or vague one is widened by the convention preset: under
# the `default` preset "at least 10" is 10 / 10 / 15, "more than 350" is 351 / 351 / 525,
# "dozens" is 24 / 24 / 99. Hover over a point to see who made the claim, in which outlet,
# when, and the sentence it was read from.

# %%
charts.show_text(report.empty_notice(results))

# %%
charts.show_table(report.corpus_summary(results))

# %% [markdown]
# ## The articles
#
# Every article that gave at least one claim.

# %%
charts.show_table(report.articles(results), ["published", "outlet", "title", "claims", "incidents"])

# %% [markdown]
# ## Claims by claimant, victim and outcome
#
# A *claimant* is who gave the figure (the UN, the Afghan government, the Taliban, US/NATO, the press...); the *victim* group is whom it counts. One sentence can hold several claims.

# %%
charts.show(charts.claims_bar(report.claim_counts(results.claims, "claimant"), "claimant"))
charts.show(charts.claims_bar(report.claim_counts(results.claims, "victim"), "victim"))
charts.show_table(report.claim_counts(results.claims, "victim"))

# %% [markdown]
# ## Timeline
#
# Each point is one claim at the date of the event (the publication date when the article gives none); the bar spans its low to high reading. Open circles are period totals ("since January"), not single incidents. The scale is logarithmic; claims of zero are not drawn (they are in the table below).

# %%
charts.show(charts.timeline(results.claims))

# %% [markdown]
# ## Map
#
# Provinces shaded by the number of claims that name them (Natural Earth outlines, OCHA COD names). Claims that name no province are not on the map.

# %%
counts = report.province_counts(results)
charts.show(charts.province_map(counts))
charts.show_table(counts, links={"province": province_pages})

# %% [markdown]
# ## Every claim
#
# The sentence each claim was read from, with its outlet and date. Incident ids link to the incident's report when it has one. The whole table is `data/claims_linked.csv` of the site.

# %%
charts.show_table(
    results.claims,
    report.CLAIM_TABLE_COLUMNS,
    links={"incident_id": incident_pages, "province": province_pages},
    full="data/claims_linked.csv",
)
