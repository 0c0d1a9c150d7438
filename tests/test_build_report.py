"""What the notebooks call: choosing reports, checking their parameters, small tables."""

from __future__ import annotations

import pytest
from fixtures.site import synthetic

from casualties.errors import ParameterError
from casualties.site import report


@pytest.fixture(scope="module")
def results(tmp_path_factory):
    folder = tmp_path_factory.mktemp("processed")
    synthetic.write_processed(folder)
    return report.load(str(folder))


def on(results, day: str) -> str:
    """The id of the synthetic incident of ``day`` (ids carry the day and a hash)."""
    (found,) = results.incidents.loc[results.incidents["date_start"] == day, "incident_id"]
    assert found.startswith(f"INC-{day.replace('-', '')}-")
    return found


def test_reports_for_incidents_with_two_or_more_claims_and_named_provinces(results):
    # 29 September: the government's Taliban toll and the Taliban's militia toll of one
    # offensive, told in one article on the same days; sorted ids follow the dates
    days = ["2019-08-17", "2019-09-05", "2019-09-22", "2019-09-29"]
    assert report.report_incidents(results) == [on(results, day) for day in days]
    assert report.report_provinces(results) == ["Hilmand", "Kabul", "Takhar"]
    wedding = on(results, "2019-08-17")
    assert report.incident_pages(results)[wedding] == f"incident-{wedding.lower()}.html"
    assert report.province_pages(results)["Kabul"] == "province-kabul.html"


def test_defaults_pick_the_busiest_incident_and_province(results):
    assert report.pick_incident(results) == on(results, "2019-09-05")  # 4 claims
    assert report.pick_province(results) == "Kabul"
    takhar = on(results, "2019-09-29")
    assert report.pick_incident(results, takhar) == takhar
    assert report.pick_province(results, "Takhar") == "Takhar"


@pytest.mark.parametrize("bad", ["INC-20190905-00000000", "../x", "inc-00003"])
def test_unknown_incident_is_a_parameter_error(results, bad):
    with pytest.raises(ParameterError, match="unknown incident id"):
        report.pick_incident(results, bad)


def test_province_without_claims_is_a_parameter_error(results):
    with pytest.raises(ParameterError, match="unknown province 'Hirat'"):
        report.pick_province(results, "Hirat")


def test_small_tables(results):
    summary = dict(report.corpus_summary(results).itertuples(index=False))
    assert summary["claims"] == 14 and summary["articles with claims"] == 8
    counts = report.claim_counts(results.claims, "claimant")
    assert counts["total"].sum() == 14
    provinces = report.province_counts(results).set_index("province")
    assert provinces.loc["Kabul", "claims"] == 7
    assert list(report.totals(results, "outcome")["group"]) == ["detained", "killed", "wounded"]
    with pytest.raises(ParameterError):
        report.totals(results, "colour")
    bombing = on(results, "2019-09-05")
    assert report.incident_title(results, bombing).startswith(f"{bombing}: 2019-09-05 Kabul")
    assert len(report.figures_by_grade(results, "contested")) == 2
    assert len(report.province_claims(results, "Hilmand")) == 3
    articles = report.articles(results)
    assert len(articles) == 8 and articles["claims"].sum() == 14
    assert list(articles["published"]) == sorted(articles["published"])


def test_load_rejects_an_unknown_preset(tmp_path):
    with pytest.raises(ParameterError, match="unknown preset"):
        report.load(str(tmp_path), preset="nope")


def test_fast_load_gives_what_load_results_gives(results, tmp_path):
    import shutil

    import pandas as pd

    from casualties.analyse import load_results
    from casualties.site.fastload import SIDECAR, fast_load

    folder = tmp_path / "processed"
    synthetic.write_processed(folder)
    assert (folder / SIDECAR).is_file()
    fast, slow = fast_load(folder), load_results(folder)
    for name in ("claims", "incidents", "comparison", "totals"):
        pd.testing.assert_frame_equal(getattr(fast, name), getattr(slow, name))
    # A table changed after the build: the record is stale, load falls back.
    shutil.copy(folder / "totals.csv", folder / "totals.csv.bak")
    (folder / "totals.csv").write_text((folder / "totals.csv.bak").read_text() + "\n")
    assert fast_load(folder) is None
    assert len(report.load(str(folder)).totals) == len(slow.totals)
