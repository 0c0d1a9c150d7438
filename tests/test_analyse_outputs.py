"""analyse: aggregates vs components, reference data, files, command, embedded corpus."""

from __future__ import annotations

import dataclasses

import pandas as pd
import pytest
from fixtures.analyse.factory import HERE, HIRAT, KABUL, claim, frame, kabul_bombing

from casualties.analyse import (
    aggregates_vs_components,
    analyse,
    compare_ucdp,
    compare_unama,
    load_results,
    read_clean,
    write_results,
)
from casualties.analyse.results import FILES
from casualties.cli import main
from casualties.errors import CasualtiesError, InputError, ParameterError

BADGHIS = {"province": "Badghis", "province_pcode": "AF31", "district": "", "district_pcode": ""}
CHARKH = {"province": "Logar", "province_pcode": "AF05", "district": "Charkh",
          "district_pcode": "AF0503"}  # fmt: skip


def test_aggregate_beside_the_incidents_of_its_region_and_period():
    table = frame(
        claim(1, doc="agg", claimant="afghan_gov", victim="taliban", best=351, high=525,
              date="2019-09-01", date_end="2019-09-23", date_text="since September 1",
              quote="More than 350 Taliban killed in the western provinces since September 1."),
        claim(2, doc="a", claimant="afghan_gov", victim="taliban", best=40, date="2019-09-05",
              place=HIRAT),
        claim(3, doc="b", claimant="afghan_gov", victim="taliban", best=30, date="2019-09-10",
              place=BADGHIS),
        claim(4, doc="c", claimant="afghan_gov", victim="taliban", best=20, date="2019-09-12",
              place=KABUL),  # not in the west
        claim(5, doc="d", claimant="afghan_gov", victim="taliban", best=25, date="2019-08-20",
              place=HIRAT),  # before the period
        claim(6, doc="e", claimant="afghan_gov", victim="afghan_forces", best=9,
              date="2019-09-06", place=HIRAT),  # other victims
    )  # fmt: skip
    results = analyse(table, draws=100)
    out = aggregates_vs_components(results.claims)
    assert len(out) == 1
    row = out.iloc[0]
    assert (row["area"], row["area_level"]) == ("Western", "region")
    assert (row["period_start"], row["period_end"]) == ("2019-09-01", "2019-09-23")
    assert (row["aggregate_best"], row["n_components"], row["components_best"]) == (351, 2, 70)
    assert row["ratio"] == pytest.approx(70 / 351)
    # the aggregate never counts in the totals
    everything = results.totals[results.totals["grouping"] == "all"].iloc[0]
    assert everything["best_sum"] == 40 + 30 + 20 + 25 + 9


def test_aggregate_for_the_whole_country_despite_a_dateline_province():
    table = frame(
        claim(1, doc="agg", victim="us_forces", best=4, date="2019-08-25", date_end="2019-09-08",
              date_text="in the past two weeks", place=KABUL,
              quote="He was the fourth U.S. service member killed in the past two weeks in "
              "Afghanistan."),
        claim(2, doc="a", victim="us_forces", best=1, date="2019-09-05", place=KABUL),
        claim(3, doc="b", victim="us_forces", best=2, date="2019-08-29", place=HIRAT),
    )  # fmt: skip
    row = aggregates_vs_components(analyse(table, draws=50).claims).iloc[0]
    assert (row["area"], row["area_level"]) == ("Afghanistan", "country")
    assert (row["n_components"], row["components_best"], row["ratio"]) == (2, 3, 0.75)


def test_unama_same_period():
    table = frame(
        claim(1, doc="a", best=10, date="2019-07-10", place=KABUL),
        claim(2, doc="b", best=5, date="2019-08-10", place=HIRAT),
        claim(3, doc="c", best=7, outcome="wounded", date="2019-08-11", place=HIRAT),
        claim(4, doc="d", victim="taliban", claimant="afghan_gov", best=50, date="2019-08-12"),
        claim(5, doc="u", claimant="un", best=1174, date="2019-07-01", date_end="2019-09-30",
              date_text="between July and September"),
    )  # fmt: skip
    out = compare_unama(analyse(table, draws=50).claims)
    q3 = out[(out["period_start"] == "2019-07-01") & (out["period_end"] == "2019-09-30")]
    killed = q3[q3["outcome"] == "killed"].iloc[0]
    assert (killed["unama_figure"], killed["n_incidents"], killed["claims_best"]) == (1174, 2, 15)
    assert killed["aggregate_best"] == 1174 and killed["aggregate_claim_ids"] == "u-c005"
    assert killed["coverage"] == pytest.approx(15 / 1174)
    wounded = q3[q3["outcome"] == "wounded"].iloc[0]
    assert (wounded["unama_figure"], wounded["claims_best"]) == (3139, 7)
    assert "2009-01-01" not in set(out["period_start"])  # only periods the claims cover


def test_ucdp_events_within_two_days_in_the_same_district():
    table = frame(
        claim(1, doc="a", claimant="afghan_gov", victim="taliban", best=15, date="2019-01-07",
              place=CHARKH),
        claim(2, doc="b", claimant="afghan_gov", victim="taliban", best=15, date="2019-01-20",
              place=CHARKH),
    )  # fmt: skip
    results = analyse(table, draws=50)
    out = compare_ucdp(results.claims, results.incidents).set_index("incident_id")
    first, second = sorted(results.incidents["incident_id"])
    assert out.loc[first, "ucdp_id"] == "277809"
    assert out.loc[first, "match_level"] == "district"
    assert (out.loc[first, "ucdp_best"], out.loc[first, "difference"]) == (12, 3)
    assert out.loc[second, "match_level"] == "none" and out.loc[second, "ucdp_id"] == ""


def test_write_and_load_round_trip(tmp_path):
    results = analyse(kabul_bombing(), draws=200)
    write_results(results, tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(FILES.values())
    again = load_results(tmp_path)
    for name in FILES:
        pd.testing.assert_frame_equal(
            getattr(again, name), getattr(results, name), check_dtype=False, check_exact=False
        )


def test_write_refuses_invalid_tables(tmp_path):
    results = analyse(kabul_bombing(), draws=50)
    broken = dataclasses.replace(results, comparison=results.comparison.assign(grade="maybe"))
    with pytest.raises(CasualtiesError, match="comparison"):
        write_results(broken, tmp_path)
    assert list(tmp_path.iterdir()) == []


def test_results_are_deterministic():
    first = analyse(kabul_bombing(), draws=300, seed=5)
    second = analyse(kabul_bombing(), draws=300, seed=5)
    for name in FILES:
        pd.testing.assert_frame_equal(getattr(first, name), getattr(second, name))


def test_command_writes_every_table(tmp_path, capsys):
    code = main(["analyse", str(HERE / "kabul_bombing_clean.csv"), "--out", str(tmp_path),
                 "--draws", "200", "--seed", "3"])  # fmt: skip
    assert code == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(FILES.values())
    assert "4 incidents, 2 aggregates" in capsys.readouterr().err  # the summary: on stderr


def test_command_rejects_bad_input_and_writes_nothing(tmp_path, capsys):
    bad = tmp_path / "bad.csv"
    table = read_clean(HERE / "kabul_bombing_clean.csv")
    table.loc[3, "outcome"] = "exploded"
    table.to_csv(bad, index=False)
    out = tmp_path / "out"
    assert main(["analyse", str(bad), "--out", str(out)]) == 2
    assert "row 5: outcome 'exploded'" in capsys.readouterr().err
    assert not out.exists()
    assert main(["analyse", str(tmp_path / "missing.csv"), "--out", str(out)]) == 2
    with pytest.raises(SystemExit) as error:
        main(["analyse", "--draws", "0"])
    assert error.value.code == 2


def test_load_results_missing_files(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        load_results(tmp_path)


def test_embedded_corpus_kabul_bombing_is_one_incident():
    from casualties.clean import clean
    from casualties.extract import extract

    results = analyse(clean(extract()), draws=500)
    claims = results.claims
    bombing = claims[
        (claims["scope"] == "incident")
        & claims["quote"].str.contains("car bomb", case=False)
        & claims["quote"].str.contains("Embassy", case=True)
        & (claims["victim"] == "us_forces")
    ]
    assert bombing["doc_id"].nunique() >= 3  # the bombing is reported in several documents
    assert bombing["incident_id"].nunique() == 1
    incident = results.incidents.set_index("incident_id").loc[bombing["incident_id"].iloc[0]]
    assert incident["province"] == "Kabul"
    assert incident["n_documents"] >= 4
    if (bombing["date_start"] != "").any():  # once extract resolves "Thursday"
        assert incident["date_start"] == "2019-09-05"
    # period totals are never merged into incidents
    troops = claims[claims["quote"].str.contains("2,400") & (claims["victim"] == "us_forces")]
    assert len(troops) >= 2 and troops["scope"].eq("aggregate").all()
    assert set(results.totals["grouping"]) >= {"all", "victim", "claimant"}


def test_empty_table_gives_empty_results(tmp_path):
    results = analyse(frame(), draws=10)
    assert all(len(getattr(results, name)) == 0 for name in FILES)
    write_results(results, tmp_path)
    assert len(load_results(tmp_path).comparison) == 0


def test_analyse_with_another_preset():

    default = analyse(kabul_bombing(), draws=100)
    ucdp = analyse(kabul_bombing(), preset="ucdp", draws=100)
    assert (ucdp.totals["preset"] == "ucdp").all()
    pick = ["grouping", "group", "outcome"]
    high = default.totals.set_index(pick)["high_sum"]
    assert (ucdp.totals.set_index(pick)["high_sum"] <= high.reindex(
        ucdp.totals.set_index(pick).index)).all()  # fmt: skip
    with pytest.raises(ParameterError):
        analyse(kabul_bombing(), preset="nonsense", draws=10)
