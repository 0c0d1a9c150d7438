"""analyse: Monte Carlo totals, preset sensitivity, claimant bias."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from fixtures.analyse.factory import HIRAT, KABUL, TAKHAR, claim, frame, kabul_bombing
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats

from casualties.analyse import (
    analyse,
    claimant_bias,
    compare_claims,
    link_incidents,
    monte_carlo_totals,
    montecarlo,
    preset_sensitivity,
    typed_clean,
    uncertainty,
)
from casualties.analyse.montecarlo import pert_draws
from casualties.errors import ParameterError


def linked(*claims: dict) -> pd.DataFrame:
    return link_incidents(typed_clean(frame(*claims)))


def incidents(n: int, **kwargs) -> list[dict]:
    """n separate incidents (one a week, alternating places)."""
    places = [KABUL, HIRAT, TAKHAR]
    return [
        claim(k, doc=f"d{k}", date=f"2019-{1 + k // 4:02d}-{1 + 7 * (k % 4):02d}",
              place=places[k % 3], **kwargs)
        for k in range(n)
    ]  # fmt: skip


def test_same_seed_same_totals_other_seed_other_draws():
    table = linked(*incidents(6, best=10, low=5, high=30))
    first = monte_carlo_totals(table, "all", draws=2000, seed=7)
    again = monte_carlo_totals(table, "all", draws=2000, seed=7)
    other = monte_carlo_totals(table, "all", draws=2000, seed=8)
    pd.testing.assert_frame_equal(first, again)
    assert first["p50"].iloc[0] != other["p50"].iloc[0]
    assert first["best_sum"].iloc[0] == 60 and first["low_sum"].iloc[0] == 30


def test_constant_ranges_give_constant_totals():
    table = linked(*incidents(5, best=4))
    row = monte_carlo_totals(table, "all", draws=500).iloc[0]
    assert row["n_incidents"] == 5
    assert row[["mean", "p05", "p25", "p50", "p75", "p95"]].tolist() == [20.0] * 6


def test_one_draw_per_incident_not_per_report():
    table = link_incidents(kabul_bombing())
    totals = monte_carlo_totals(table, "victim", draws=200).set_index(["group", "outcome"])
    # eight reports of the one American soldier: counted once
    assert totals.loc[("us_forces", "killed"), "best_sum"] == 1
    assert totals.loc[("us_forces", "killed"), "p95"] == 1


def test_victim_groups_add_up_to_the_total():
    table = link_incidents(kabul_bombing())
    by_victim = monte_carlo_totals(table, "victim", draws=300)
    everything = monte_carlo_totals(table, "all", draws=300)
    for outcome, rows in by_victim.groupby("outcome"):
        total = everything[everything["outcome"] == outcome].iloc[0]
        assert rows["best_sum"].sum() == total["best_sum"]
        # the same draws: the victim groups add up draw by draw, so their means add up
        assert rows["mean"].sum() == pytest.approx(total["mean"])


def test_residual_of_the_total_has_ordered_bounds():
    quote = "An attack killed 12 people, among them civilians."
    table = linked(
        claim(1, victim="unspecified", best=12, low=10, high=15, date="2019-09-05", quote=quote,
              sentence=1),
        claim(2, victim="civilians", best=6, low=2, high=9, date="2019-09-05", quote=quote,
              sentence=1),
    )  # fmt: skip
    rows = monte_carlo_totals(table, "victim", draws=2000).set_index("group")
    residual = rows.loc["unspecified"]
    # interval arithmetic: 10 - 9 .. 12 - 6 .. 15 - 2
    assert (residual["low_sum"], residual["best_sum"], residual["high_sum"]) == (1, 6, 13)
    assert residual["p05"] >= 0


def test_intervals_are_ordered_and_inside_the_sum_range():
    table = linked(*incidents(12, best=10, low=8, high=25))
    row = monte_carlo_totals(table, "all", draws=4000, seed=1).iloc[0]
    quantiles = row[["p05", "p25", "p50", "p75", "p95"]].astype(float).tolist()
    assert quantiles == sorted(quantiles)
    assert row["low_sum"] <= quantiles[0] and quantiles[-1] <= row["high_sum"]
    # PERT mean (low + 4 best + high) / 6 per incident
    assert row["mean"] == pytest.approx(12 * (8 + 40 + 25) / 6, rel=0.01)


def test_pert_draws_follow_the_scipy_beta_distribution():
    rng = np.random.default_rng(0)
    draws = pert_draws(np.array([0.0, 5]), np.array([10.0, 5]), np.array([40.0, 5]), 5000, rng)
    assert (draws[1] == 5).all()  # degenerate range: a constant
    a, b = 1 + 4 * 10 / 40, 1 + 4 * 30 / 40
    result = stats.kstest(draws[0], stats.beta(a, b, loc=0, scale=40).cdf)
    assert result.pvalue > 0.001
    assert draws[0].min() >= 0 and draws[0].max() <= 40


def test_chunked_draws_are_bounded_and_equivalent(monkeypatch):
    table = linked(*incidents(8, best=10, low=5, high=30))
    whole = monte_carlo_totals(table, "all", draws=6000, seed=3).iloc[0]
    monkeypatch.setattr(montecarlo, "CHUNK_ELEMENTS", 50)  # ~6 draws per chunk
    chunked = monte_carlo_totals(table, "all", draws=6000, seed=3).iloc[0]
    assert chunked["p50"] == pytest.approx(whole["p50"], rel=0.02)
    assert chunked["p95"] == pytest.approx(whole["p95"], rel=0.03)


def test_groupings():
    table = linked(
        *incidents(6, best=3),
        claim(99, doc="x", claimant="afghan_gov", victim="taliban", best=20,
              date="2019-03-01", place=HIRAT),
    )  # fmt: skip
    province = monte_carlo_totals(table, "province", draws=100).set_index("group")
    assert province.loc["Hirat", "best_sum"] == 26
    month = monte_carlo_totals(table, "month", draws=100)
    assert set(month["group"]) == {"2019-01", "2019-02", "2019-03"}
    claimant = monte_carlo_totals(table, "claimant", draws=100).set_index("group")
    assert claimant.loc["afghan_gov", "best_sum"] == 20 and claimant.loc["media", "best_sum"] == 18
    with pytest.raises(ParameterError, match="by must be one of"):
        monte_carlo_totals(table, "district")
    with pytest.raises(ParameterError, match="draws"):
        monte_carlo_totals(table, "all", draws=0)


def test_analyse_totals_cover_every_grouping_and_skip_aggregates():
    table = frame(
        *incidents(3, best=5),
        claim(50, doc="agg", best=5000, date="2019-01-01", date_end="2019-06-30",
              date_text="in the first half of 2019"),
    )  # fmt: skip
    results = analyse(table, draws=200)
    assert set(results.totals["grouping"]) == set(uncertainty.GROUPINGS)
    everything = results.totals[results.totals["grouping"] == "all"].iloc[0]
    assert everything["best_sum"] == 15 and everything["preset"] == "default"


def test_preset_sensitivity_side_by_side(monkeypatch):
    # a stand-in for casualties.clean: the preset halves or keeps the ranges
    def fake_clean(df, preset):
        out = df.copy()
        if preset == "narrow":
            out["high"] = out["best"]
        return out

    monkeypatch.setattr(uncertainty, "recleaned", fake_clean)
    table = frame(*incidents(4, best=10, high=20))
    out = preset_sensitivity(table, "all", presets=("default", "narrow"), draws=300)
    assert out["preset"].tolist() == ["default", "narrow"]
    assert out["high_sum"].tolist() == [80, 40]
    with pytest.raises(ParameterError):
        preset_sensitivity(table, "all", presets="default")


def test_preset_sensitivity_with_the_clean_stage():

    table = frame(
        claim(1, doc="a", best=24, low=24, high=99, date="2019-09-01", place=KABUL),
        claim(2, doc="b", best=10, low=10, high=15, date="2019-09-10", place=HIRAT),
    )
    table.loc[0, ["figure_text", "value", "qualifier"]] = ["dozens", None, "vague"]
    table.loc[1, ["figure_text", "qualifier"]] = ["at least 10", "at_least"]
    out = preset_sensitivity(table, "all", draws=200).set_index("preset")
    assert out.loc["default", "best_sum"] == 34
    assert out.loc["ucdp", "high_sum"] <= out.loc["default", "high_sum"]


TALOQAN = dict(TAKHAR, district="Taloqan", district_pcode="AF1801")


def test_claimant_bias():
    claims = []
    for k in range(4):
        when = {"date": f"2019-0{k + 1}-10", "place": TALOQAN}
        claims += [
            claim(10 * k, doc=f"g{k}", claimant="afghan_gov", victim="taliban", best=40, **when),
            claim(10 * k + 1, doc=f"m{k}", claimant="media", victim="taliban", best=20, **when),
            claim(10 * k + 2, doc=f"n{k}", claimant="ngo", victim="taliban", best=20, **when),
        ]
    claims.append(claim(99, doc="solo", claimant="media", best=7, date="2019-06-01"))
    table = linked(*claims)
    comparison = compare_claims(table)
    summary = claimant_bias(table, comparison).set_index("claimant")
    assert summary.loc["afghan_gov", "median_ratio"] == 2.0
    assert summary.loc["afghan_gov", "n_above"] == 4
    assert summary.loc["media", "n_equal"] == 4 and summary.loc["media", "n_figures"] == 4
    detail = claimant_bias(table, comparison, detail=True)
    assert len(detail) == 12  # the single-source incident is left out
    assert detail["log2_ratio"].max() == 1.0


VICTIM_CHOICES = ["civilians", "taliban", "unspecified", "us_forces"]


@settings(max_examples=15, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.integers(0, 3), st.integers(0, 20), st.sampled_from(VICTIM_CHOICES),
            st.sampled_from(["killed", "wounded"]), st.integers(0, 30), st.integers(0, 20),
            st.sampled_from(["media", "afghan_gov", "taliban", "un"]), st.booleans(),
        ),
        min_size=1,
        max_size=15,
    )
)  # fmt: skip
def test_totals_properties_on_random_tables(rows):
    claims = []
    for n, (doc, day, victim, outcome, best, extra, claimant, placed) in enumerate(rows):
        claims.append(
            claim(n, doc=f"d{doc}", date=f"2019-05-{day + 1:02d}", victim=victim,
                  outcome=outcome, best=best, high=best + extra, claimant=claimant,
                  place=HIRAT if placed else None, sentence=doc * 100 + day)
        )  # fmt: skip
    results = analyse(frame(*claims), draws=200, seed=1)  # the schemas are checked inside
    totals = results.totals
    everything = totals[totals["grouping"] == "all"].set_index("outcome")
    for grouping in ("victim", "outcome", "province", "month"):
        sums = totals[totals["grouping"] == grouping].groupby("outcome")["best_sum"].sum()
        assert sums.to_dict() == everything["best_sum"].to_dict()
    assert (totals["p05"] >= totals["low_sum"] - 1e-9).all()
    assert (totals["p95"] <= totals["high_sum"] + 1e-9).all()
