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
incident_id: str = ""  # incident to report on (INC-20190905-...); empty: the one with most claims

# %%
from casualties.analyse import side_by_side, toll_evolution
from casualties.site import charts, report

charts.use_site_renderer()
results = report.load(processed_dir, preset, seed, corrections)
incident_pages = report.incident_pages(results)
province_pages = report.province_pages(results)
incident_id = report.pick_incident(results, incident_id)

# %% [markdown]
# # Incident
#
# Every claim about one incident, as the articles reported it.
#
# **How to read the figures.** Every claim is a range *low / best / high*. An exact figure
# ("36") is 36 / 36 / 36; an open or vague one is widened by the convention preset: under
# the `default` preset "at least 10" is 10 / 10 / 15, "more than 350" is 351 / 351 / 525,
# "dozens" is 24 / 24 / 99. Hover over a point to see who made the claim, in which outlet,
# when, and the sentence it was read from.

# %%
charts.show_text(report.incident_title(results, incident_id), "h2")
charts.show_text(report.incident_corrections_text(results, incident_id))
charts.show_table(report.incident_facts(results, incident_id))

# %% [markdown]
# ## Every claim
#
# One row per claim: who, where it was published, the figure as written and its range, and the sentence it was read from.

# %%
claims = side_by_side(results.claims, incident_id)
charts.show_table(
    claims,
    [
        "published",
        "outlet",
        "claimant",
        "victim",
        "outcome",
        "figure_text",
        "low",
        "best",
        "high",
        "quote",
    ],
)

# %% [markdown]
# ## What each party says
#
# One row per claimant, victim group and outcome: the claimant's figure for the incident, read from its latest statement (a toll revised from 63 to 80 is 80), with the items of one statement added up ("one boy and six men" is 7) and parts of a total not added ("12 people, including an American"). The figures of the parties to the fighting are their own verdict and are kept apart from those of monitors and the press.

# %%
charts.show_text("Monitors, the press and other sources", "h3")
charts.show_table(
    report.incident_claimant_figures(results, incident_id, False),
    report.CLAIMANT_FIGURE_TABLE_COLUMNS,
    quote_columns=["quotes"],
    empty="No monitor or outlet gives a figure of its own.",
)
charts.show_text("Parties to the fighting", "h3")
charts.show_table(
    report.incident_claimant_figures(results, incident_id, True),
    report.CLAIMANT_FIGURE_TABLE_COLUMNS,
    quote_columns=["quotes"],
    empty="No party to the fighting gives a figure.",
)

# %% [markdown]
# ## Ranges
#
# Each claim's range; the point is its best reading.

# %%
charts.show(charts.range_chart(claims))

# %% [markdown]
# ## Consensus and grade
#
# Per victim group and outcome: the envelope of all claims, the consensus range and how far the claimants agree.

# %%
charts.show_table(
    report.incident_comparison(results, incident_id),
    [
        "victim",
        "outcome",
        "grade",
        "claimant_types",
        "n_claims",
        "envelope_low",
        "envelope_high",
        "consensus_low",
        "consensus_best",
        "consensus_high",
        "first_best",
        "latest_best",
    ],
)

# %% [markdown]
# ## How the toll evolved
#
# Tolls are often revised as reports come in (63 dead, then 80). Each point is a report at its publication date.

# %%
evolution = toll_evolution(results.claims, incident_id)
charts.show(charts.toll_chart(evolution))
charts.show_table(
    evolution, ["published", "claimant", "outlet", "victim", "outcome", "best", "change", "quote"]
)
