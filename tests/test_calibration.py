"""Calibration against verified tolls, and the linking rules that keep events apart."""

from __future__ import annotations

import pandas as pd
import pytest
from fixtures.analyse.factory import KABUL, TAKHAR, claim, frame

from casualties.analyse import analyse, calibration_summary, link_incidents, read_verified
from casualties.analyse.calibration import interval_score
from casualties.analyse.table import typed_clean
from casualties.errors import InputError

HEADER = "toll_id,date_start,date_end,province,district,victim,outcome,value,low,high,source,source_note\n"  # noqa: E501


def verified_file(tmp_path, *rows: str):
    path = tmp_path / "verified.csv"
    path.write_text(HEADER + "".join(row + "\n" for row in rows), encoding="utf-8")
    return path


def kabul_attack() -> pd.DataFrame:
    when = {"date": "2019-07-01", "place": KABUL}
    return frame(
        claim(1, doc="a", claimant="afghan_gov", best=6, **when),
        claim(2, doc="b", claimant="media", best=9, **when),
        claim(3, doc="b", claimant="media", outcome="wounded", best=100, high=150, **when),
    )


def test_verified_tolls_inside_and_outside_the_consensus_range(tmp_path):
    path = verified_file(
        tmp_path,
        "k,2019-07-01,2019-07-01,Kabul,Kabul,civilians,killed,7,7,7,test,",
        "w,2019-07-01,2019-07-01,Kabul,,all,wounded,144,,,test,",
        "x,2019-07-02,2019-07-02,Takhar,,civilians,killed,3,3,3,test,",  # no incident there
        "old,2015-01-01,2015-01-01,Kabul,,civilians,killed,3,3,3,test,",  # another period
    )
    results = analyse(kabul_attack(), draws=50, verified=path)
    table = results.calibration.set_index("toll_id")
    assert list(table.index) == ["k", "w", "x"]
    assert table.at["k", "inside"] and table.at["k", "consensus_low"] == 6
    assert table.at["k", "interval_score"] == pytest.approx(3.0)
    assert table.at["w", "inside"] and table.at["w", "incident_id"].startswith("INC-20190701-")
    assert not table.at["x", "inside"] and table.at["x", "incident_id"] == ""
    summary = calibration_summary(results.calibration)
    assert (summary["tolls"], summary["matched"], summary["inside"]) == (3, 2, 2)


def test_bad_verified_rows_are_named(tmp_path):
    path = verified_file(
        tmp_path,
        "a,2019-07-01,2019-07-01,Kabul,,soldiers,killed,7,7,7,test,",
        "b,2019-07-01,2019-07-01,Kabul,,civilians,killed,7,9,9,test,",
        "c,July 1,2019-07-01,Kabul,,civilians,killed,7,7,7,test,",
    )
    with pytest.raises(InputError) as error:
        read_verified(path)
    message = str(error.value)
    assert "line 2: victim 'soldiers'" in message
    assert "line 3: needs low <= value <= high" in message
    assert "line 4: date_start and date_end must be ISO dates" in message


def test_the_shipped_verified_tolls_are_valid():
    table = read_verified()
    assert len(table) >= 5 and table["toll_id"].is_unique


def test_interval_score_penalises_a_miss_by_its_distance():
    assert interval_score(10, 20, 15) == 10
    assert interval_score(10, 20, 25) == pytest.approx(10 + 20 * 5)


def ids(table: pd.DataFrame) -> dict[str, str]:
    return dict(zip(table["claim_id"], table["incident_id"], strict=True))


def test_an_undated_report_does_not_bridge_two_attacks_days_apart():
    # two Kabul car bombings three days apart, and a report of the week that names no day
    bombing = "A car bomb exploded in Kabul, killing 10 people."
    linked = ids(
        link_incidents(
            typed_clean(
                frame(
                    claim(1, doc="a", date="2019-09-02", place=KABUL, quote=bombing),
                    claim(2, doc="b", date="2019-09-05", place=KABUL, quote=bombing),
                    claim(3, doc="c", published="2019-09-06", place=KABUL, quote=bombing),
                )
            )
        )
    )
    assert linked["a-c001"] != linked["b-c002"]


def test_a_running_toll_of_a_dated_event_is_the_incident_not_a_period_total():
    linked = link_incidents(
        typed_clean(
            frame(
                claim(
                    1,
                    date="2019-07-01",
                    date_text="on Monday",
                    place=KABUL,
                    quote="So far 10 people have been killed, the ministry said.",
                ),
                claim(2, place=TAKHAR, quote="So far 10 civilians have been killed."),
            )  # fmt: skip
        )
    )
    assert list(linked["scope"]) == ["incident", "aggregate"]


def test_undated_claims_of_one_article_are_its_one_event_but_background_is_not():
    rows = []
    for n, (victim, source) in enumerate(
        [("civilians", "publication"), ("taliban", "publication"), ("afghan_forces", "background")]
    ):
        row = claim(n, doc="a", victim=victim, best=5 + n, place=KABUL)
        row["date_source"] = source
        rows.append(row)
    linked = ids(link_incidents(typed_clean(frame(*rows))))
    assert linked["a-c000"] == linked["a-c001"]
    assert linked["a-c002"] != linked["a-c000"]
