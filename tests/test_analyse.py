"""analyse: linking claims into incidents, scope, comparison rules (hand-made cases)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from fixtures.analyse.factory import HIRAT, KABUL, TAKHAR, claim, frame, kabul_bombing
from hypothesis import given, settings
from hypothesis import strategies as st

from casualties.analyse import (
    compare_claims,
    incidents_table,
    link_incidents,
    side_by_side,
    toll_evolution,
    typed_clean,
)
from casualties.analyse.link import _Claims, resolve_links
from casualties.errors import InputError, ParameterError

KABUL_BOMBING = [
    "d01-c01", "d01-c02", "d02-c01", "d02-c02", "d02-c03", "d02-c04", "d02-c05", "d03-c01",
    "d04-c01", "d04-c02", "d04-c04", "d04-c05", "d04-c06", "d04-c07", "d04-c08", "d05-c01",
    "d05-c02",
]  # fmt: skip


def linked(*claims: dict) -> pd.DataFrame:
    return link_incidents(typed_clean(frame(*claims)))


def ids(table: pd.DataFrame) -> dict[str, str]:
    return dict(zip(table["claim_id"], table["incident_id"], strict=True))


# --- the 5 September 2019 Kabul bombing, five documents --------------------------------


@pytest.fixture(scope="module")
def kabul() -> pd.DataFrame:
    return link_incidents(kabul_bombing())


def test_kabul_bombing_is_one_incident(kabul):
    by_claim = ids(kabul)
    assert len({by_claim[c] for c in KABUL_BOMBING}) == 1
    others = set(kabul["claim_id"]) - set(KABUL_BOMBING)
    assert by_claim["d01-c01"] not in {by_claim[c] for c in others}


def test_kabul_other_events_stay_apart(kabul):
    by_claim = ids(kabul)
    # Monday's attack on a foreign compound (3 days earlier), the car bomb at a military base
    # in a neighbouring province, a roadside bomb four days later: three more incidents
    assert len({by_claim[c] for c in ("d02-c06", "d02-c07", "d01-c03", "d01-c01")}) == 4
    assert by_claim["d02-c07"] == by_claim["d02-c08"]  # one sentence


def test_kabul_aggregates_are_never_merged(kabul):
    scope = dict(zip(kabul["claim_id"], kabul["scope"], strict=True))
    assert scope["d04-c03"] == "aggregate"  # more than 2,400 U.S. troops since 2001
    assert scope["d03-c02"] == "aggregate"  # nine other Americans since June 25
    assert ids(kabul)["d04-c03"].startswith("AGG-")
    assert all(scope[c] == "incident" for c in KABUL_BOMBING)


def test_kabul_comparison(kabul):
    comparison = compare_claims(kabul)
    incident = ids(kabul)["d01-c01"]
    rows = comparison[comparison["incident_id"] == incident].set_index(["victim", "outcome"])
    soldiers = rows.loc[("us_forces", "killed")]
    assert soldiers["grade"] == "corroborated" and soldiers["consensus_best"] == 1
    assert soldiers["n_documents"] == 5
    total = rows.loc[("unspecified", "killed")]
    assert total["consensus_best"] == 12 and total["parts_sum_best"] == 12
    assert not total["parts_exceed_total"]
    incidents = incidents_table(kabul, comparison).set_index("incident_id")
    assert incidents.loc[incident, "killed_best"] == 12  # the soldier is counted once
    assert incidents.loc[incident, "date_start"] == "2019-09-05"
    assert incidents.loc[incident, "province"] == "Kabul"
    assert incidents.loc[incident, "region"] == "Capital"
    assert incidents.loc[incident, "n_documents"] == 5


# --- scope ---------------------------------------------------------------------------------


def test_scope_from_period_length_and_phrase():
    table = linked(
        claim(1, date="2019-09-01", date_end="2019-09-22", best=300),  # past three weeks
        claim(2, date="2019-09-01", date_end="2019-09-20", date_text="since September 1"),
        claim(3, date="2019-09-29", date_end="2019-10-01", date_text="Sept. 29", place=TAKHAR),
        claim(4, date="2019-09-05", date_text="in 2019"),
    )
    assert list(table["scope"]) == ["aggregate", "aggregate", "incident", "aggregate"]
    assert table.loc[2, "incident_id"].startswith("INC-")


def _figure(row: dict, figure: str, value: int) -> dict:
    row.update(figure_text=figure, value=value)
    return row


def test_scope_from_the_figure_clause_when_there_is_no_date_phrase():
    service = "A Taliban bombing in Kabul killed a U.S. service member, even though nine other "
    service += "Americans have died since June 25."
    unama = "Civilian deaths jumped by 11 percent from 2017 to 3,804 people killed, including "
    unama += "927 children, and another 7,189 people wounded, according to the UN figures."
    troops = "More than 2,400 U.S. troops have been killed since the U.S. invaded Afghanistan."
    table = linked(
        _figure(claim(1, victim="us_forces", best=1, quote=service, sentence=1), "a", 1),
        _figure(claim(2, victim="us_forces", best=9, quote=service, sentence=1), "nine", 9),
        _figure(claim(3, best=3804, quote=unama, sentence=2), "3,804", 3804),
        _figure(claim(4, best=927, quote=unama, sentence=2), "927", 927),
        _figure(claim(5, best=7189, outcome="wounded", quote=unama, sentence=2), "7,189", 7189),
        _figure(claim(6, victim="us_forces", best=2401, quote=troops, sentence=3),
                "More than 2,400", 2400),
    )  # fmt: skip
    assert table["scope"].tolist() == ["incident"] + ["aggregate"] * 5
    # periods unknown: each aggregate stands alone (927 children are not another 3,804)
    assert table.loc[1:, "incident_id"].nunique() == 5


def test_aggregate_in_an_incident_sentence_stays_apart():
    table = linked(
        claim(1, victim="us_forces", best=1, date="2019-09-05", place=KABUL, sentence=1),
        claim(2, victim="us_forces", best=9, date="2019-06-25", date_end="2019-09-09",
              date_text="since June 25", sentence=1),
    )  # fmt: skip
    assert table["incident_id"].nunique() == 2


def test_aggregates_group_only_with_the_same_period():
    table = linked(
        claim(1, doc="a", best=2400, date="2001-10-07", date_end="2019-09-08"),
        claim(2, doc="b", best=2400, date="2001-10-07", date_end="2019-09-08"),
        claim(3, doc="c", best=2400, date="2001-10-07", date_end="2019-09-30"),
    )
    ids = table["incident_id"].tolist()
    assert ids[0] == ids[1] != ids[2]
    assert all(i.startswith("AGG-20011007-") for i in ids)  # the period's first day


# --- linking rules -----------------------------------------------------------------------


def test_same_place_victims_and_date_link_across_documents():
    table = linked(
        claim(1, doc="a", date="2019-09-05", place=KABUL, best=10, high=15),
        claim(2, doc="b", date="2019-09-06", place=KABUL, best=12),  # one day off
    )
    assert table["incident_id"].nunique() == 1


def test_dates_more_than_two_days_apart_do_not_link():
    quote = "A car bomb near the embassy killed them."
    table = linked(
        claim(1, doc="a", date="2019-09-02", place=KABUL, quote=quote),
        claim(2, doc="b", date="2019-09-05", place=KABUL, quote=quote),
    )
    assert table["incident_id"].nunique() == 2


def test_different_districts_or_provinces_do_not_link():
    baharak = dict(TAKHAR, district="Baharak", district_pcode="AF1806")
    taloqan = dict(TAKHAR, district="Taloqan", district_pcode="AF1801")
    table = linked(
        claim(1, doc="a", victim="taliban", best=36, date="2019-09-30", place=taloqan),
        claim(2, doc="b", victim="taliban", best=36, date="2019-09-30", place=baharak),
        claim(3, doc="c", victim="taliban", best=36, date="2019-09-30", place=HIRAT),
    )
    assert table["incident_id"].nunique() == 3


def test_a_provincial_centre_a_claim_inherits_does_not_bar_another_district():
    """ "Kandahar" named in an earlier paragraph (where officials speak, the city the
    district borders) is no evidence against the Maywand operation; named in the claim's
    own sentence, it is a district of its own."""
    maywand = {"province": "Kandahar", "province_pcode": "AF23", "district": "Maywand",
               "district_pcode": "AF2308"}  # fmt: skip
    city = dict(maywand, district="Kandahar", district_pcode="AF2301")
    for source, together in [("earlier_paragraph", True), ("sentence", False)]:
        claims = frame(
            claim(1, doc="a", victim="taliban", best=47, date="2018-09-25", place=maywand),
            claim(2, doc="b", victim="taliban", best=47, date="2018-09-25", place=city),
        )
        claims["place_source"] = ["sentence", source]
        table = link_incidents(typed_clean(claims))
        assert (table["incident_id"].nunique() == 1) is together, source


def test_a_report_joins_the_incident_it_shares_most_with():
    """Two bombings in one city three days apart; a report that names no day fits the
    dates of both and joins the one whose kinds of attack it names."""
    club = "Two suicide bombers struck a wrestling club, killing {} people."
    checkpoint = "A suicide car bomb struck a police checkpoint, killing {} people."
    table = linked(
        claim(1, doc="a", best=20, date="2018-09-05", place=KABUL, quote=club.format(20)),
        claim(2, doc="b", best=5, date="2018-09-08", place=KABUL, quote=checkpoint.format(5)),
        claim(3, doc="c", best=7, published="2018-09-10", place=KABUL,
              quote="The suicide car bombing in western Kabul killed 7 people."),
    )  # fmt: skip
    found = ids(table)
    assert found["c-c003"] == found["b-c002"] != found["a-c001"]


def test_a_hospital_is_a_site_only_as_the_target():
    from casualties.analyse.lexicon import event_words

    words = event_words(
        pd.Series(["24 dead and 91 wounded in our hospitals", "gunmen stormed the hospital"])
    )
    assert words.tolist() == ["", "hospital;shooting"]


def test_an_incident_never_names_two_sites_that_share_none():
    """Claim 3 names no site and links to both; once it has joined one bombing, the other
    (another site) cannot join through it."""
    table = linked(
        claim(1, doc="a", best=10, date="2019-09-05", place=KABUL,
              quote="A car bomb at the embassy killed 10 civilians."),
        claim(2, doc="b", best=10, date="2019-09-05", place=KABUL,
              quote="A car bomb at a military base killed 10 civilians."),
        claim(3, doc="c", best=10, date="2019-09-05", place=KABUL,
              quote="A car bomb killed 10 civilians."),
    )  # fmt: skip
    assert table["incident_id"].nunique() == 2


def test_claim_without_place_joins_by_event_words_victim_and_outcome():
    table = linked(
        claim(1, doc="a", victim="us_forces", best=1, date="2019-09-05", place=KABUL,
              quote="A Taliban car bomb near the U.S. Embassy in Kabul killed a soldier."),
        claim(2, doc="b", victim="us_forces", best=1, date="2019-09-05",
              quote="A car bombing Thursday killed a U.S. service member."),
        claim(3, doc="c", victim="civilians", best=4, date="2019-09-05",
              quote="Another car bomb killed four civilians."),  # other victims: not linked
    )  # fmt: skip
    assert table.loc[0, "incident_id"] == table.loc[1, "incident_id"]
    assert table.loc[2, "incident_id"] != table.loc[0, "incident_id"]


def test_different_sites_do_not_link():
    table = linked(
        claim(1, doc="a", date="2019-09-05", quote="A car bomb near the embassy killed ten."),
        claim(2, doc="b", date="2019-09-05", quote="A car bomb at a military base killed ten."),
    )
    assert table["incident_id"].nunique() == 2


def test_undated_claim_links_only_when_figures_agree():
    table = linked(
        claim(1, doc="a", victim="unspecified", best=16, high=24, date="2019-09-02", place=KABUL),
        claim(2, doc="b", victim="unspecified", best=12, date="2019-09-05", place=KABUL),
        claim(3, doc="c", victim="unspecified", best=12, published="2019-09-08", place=KABUL),
    )
    assert table.loc[1, "incident_id"] == table.loc[2, "incident_id"]
    assert table.loc[0, "incident_id"] != table.loc[1, "incident_id"]


def test_the_same_large_toll_told_as_people_and_as_a_group_the_same_day_links():
    province = {**KABUL, "district": "", "district_pcode": ""}
    table = linked(
        claim(1, doc="a", victim="unspecified", best=16, date="2019-09-02", place=KABUL),
        claim(2, doc="b", victim="civilians", best=16, date="2019-09-02", place=province),
        claim(3, doc="c", victim="civilians", best=4, date="2019-09-02", place=province),
        claim(4, doc="d", victim="unspecified", best=4, date="2019-09-02", place=KABUL),
    )
    assert table.loc[0, "incident_id"] == table.loc[1, "incident_id"]
    # small tolls coincide too often to tell one event
    assert table.loc[2, "incident_id"] != table.loc[3, "incident_id"]


def test_chains_do_not_grow_beyond_two_days():
    table = linked(
        *[claim(k, doc=f"d{k}", date=f"2019-09-{1 + 2 * k:02d}", place=HIRAT) for k in range(4)]
    )
    spans = table.groupby("incident_id")["date_start"].agg(["min", "max"])
    days = pd.to_datetime(spans["max"]) - pd.to_datetime(spans["min"])
    assert (days <= pd.Timedelta(days=2)).all()
    assert table["incident_id"].nunique() == 2


def test_a_district_s_running_toll_joins_the_days_of_one_offensive():
    taloqan = dict(TAKHAR, district="Taloqan", district_pcode="AF1801")
    baharak = dict(TAKHAR, district="Baharak", district_pcode="AF1806")
    sunday = claim(1, doc="a", victim="taliban", best=20, date="2019-09-01", place=taloqan)
    wednesday = claim(2, doc="b", victim="taliban", best=15, date="2019-09-04", place=taloqan)
    # without a toll that covers both days, three days apart are two incidents
    assert linked(sunday, wednesday)["incident_id"].nunique() == 2
    running = dict(date="2019-09-01", date_end="2019-09-04", date_text="since Sunday")
    since = claim(3, doc="c", victim="taliban", best=82, place=taloqan, **running)
    table = linked(sunday, wednesday, since)
    assert table["incident_id"].nunique() == 1
    assert (table["scope"] == "incident").all()
    # a running toll of another district, or of a longer period, bridges nothing
    elsewhere = claim(3, doc="c", victim="taliban", best=82, place=baharak, **running)
    assert linked(sunday, wednesday, elsewhere)["incident_id"].nunique() == 3
    month = dict(running, date="2019-08-20", date_text="since August 20")
    long_period = claim(3, doc="c", victim="taliban", best=82, place=taloqan, **month)
    table = linked(sunday, wednesday, long_period)
    assert table.loc[0, "incident_id"] != table.loc[1, "incident_id"]


def test_claim_without_place_does_not_bridge_two_provinces():
    quote = "A car bomb killed ten civilians."
    table = linked(
        claim(1, doc="a", date="2019-09-05", place=KABUL, quote=quote),
        claim(2, doc="b", date="2019-09-05", quote=quote),
        claim(3, doc="c", date="2019-09-05", place=HIRAT, quote=quote),
    )
    assert table["incident_id"].nunique() == 2
    assert table.loc[0, "incident_id"] != table.loc[2, "incident_id"]


def test_same_sentence_links():
    table = linked(
        claim(1, victim="us_forces", best=1, date="2019-09-05", sentence=7),
        claim(2, victim="civilians", best=10, date="2019-09-05", sentence=7),
    )
    assert table["incident_id"].nunique() == 1


def test_claims_of_one_sentence_about_two_places_or_two_events_stay_apart():
    deh_yak = {"province": "Ghazni", "province_pcode": "AF11", "district": "Deh Yak",
               "district_pcode": "AF1105"}  # fmt: skip
    andar = {"province": "Ghazni", "province_pcode": "AF11", "district": "Andar",
             "district_pcode": "AF1104"}  # fmt: skip
    table = linked(
        claim(1, best=13, date="2019-04-10", sentence=7, place=deh_yak),
        claim(2, best=8, date="2019-04-10", sentence=7, place=andar),
    )
    assert table["incident_id"].nunique() == 2
    told = claim(3, victim="civilians", best=14, date="2017-11-17", sentence=9)
    earlier = claim(4, victim="civilians", best=12, date="2017-11-14", sentence=9)
    told["date_source"], earlier["date_source"] = "sentence", "background"
    assert linked(told, earlier)["incident_id"].nunique() == 2


def test_ids_are_deterministic_and_independent_of_row_order():
    table = kabul_bombing()
    first = ids(link_incidents(table))
    shuffled = table.sample(frac=1, random_state=3).reset_index(drop=True)
    assert ids(link_incidents(shuffled)) == first
    out = link_incidents(table)
    assert out["claim_id"].tolist() == table["claim_id"].tolist()
    assert list(out.columns[-3:]) == ["incident_id", "scope", "event_words"]


def _brute_force(table: pd.DataFrame) -> list[frozenset]:
    """All pairs through the same rules: the blocked linking must give the same sets."""
    incident = table[table["scope"] == "incident"].reset_index(drop=True)
    c = _Claims(incident, incident["event_words"])
    i, j = np.triu_indices(len(incident), k=1)
    labels = resolve_links(c, incident["claim_id"].to_numpy(), i, j)
    groups = incident.groupby(labels)["claim_id"]
    return sorted((frozenset(g) for _, g in groups), key=sorted)


QUOTES = ["A car bomb near the embassy.", "A raid on a wedding.", "Clashes.", "An airstrike.",
          "A car bomb at the base.", "Gunmen opened fire."]  # fmt: skip
PLACES = [None, KABUL, HIRAT, TAKHAR, dict(TAKHAR, district="Baharak", district_pcode="AF1806")]


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.integers(0, 3), st.integers(0, 12), st.booleans(), st.sampled_from(range(5)),
            st.sampled_from(range(6)), st.sampled_from(["civilians", "taliban"]),
            st.integers(1, 20), st.integers(0, 3),
        ),
        min_size=1,
        max_size=25,
    )
)  # fmt: skip
def test_blocked_linking_equals_all_pairs(rows):
    claims = []
    for n, (doc, day, dated, place, quote, victim, best, sentence) in enumerate(rows):
        date = f"2019-09-{day + 1:02d}" if dated else ""
        claims.append(
            claim(n, doc=f"d{doc}", date=date, published=f"2019-09-{day + 3:02d}",
                  place=PLACES[place], quote=QUOTES[quote], victim=victim, best=best,
                  high=best + best // 2, sentence=doc * 10 + sentence)
        )  # fmt: skip
    table = linked(*claims)
    incident = table[table["scope"] == "incident"]
    blocked = sorted(
        (frozenset(g["claim_id"]) for _, g in incident.groupby("incident_id")), key=sorted
    )
    assert blocked == _brute_force(table)


# --- comparison rules --------------------------------------------------------------------


def compared(*claims: dict) -> pd.Series:
    table = compare_claims(linked(*claims))
    assert len(table) == 1
    return table.iloc[0]


TALOQAN = dict(TAKHAR, district="Taloqan", district_pcode="AF1801")
#: same district and day: linked whatever the figures (so that they can be compared)
WHEN = {"date": "2019-09-30", "place": TALOQAN}


def test_grade_corroborated_when_two_claimant_types_overlap():
    row = compared(
        claim(1, doc="a", claimant="media", best=10, high=15, **WHEN),
        claim(2, doc="b", claimant="un", best=12, **WHEN),
        claim(3, doc="c", claimant="unknown", best=40, **WHEN),  # unknown: not independent
    )
    assert row["grade"] == "corroborated"
    assert (row["envelope_low"], row["envelope_high"]) == (10, 40)


def test_grade_contested_when_ranges_do_not_overlap():
    row = compared(
        claim(1, doc="a", claimant="afghan_gov", victim="taliban", best=36, **WHEN),
        claim(2, doc="b", claimant="taliban", victim="taliban", best=0, **WHEN),
    )
    assert row["grade"] == "contested"


def test_grade_party_only_when_only_parties_claim_enemy_losses():
    row = compared(
        claim(1, doc="a", claimant="afghan_gov", victim="taliban", best=36, **WHEN),
        claim(2, doc="b", claimant="us_nato", victim="taliban", best=30, **WHEN),
    )
    assert row["grade"] == "party_only"
    assert row["consensus_best"] == 33


def test_grade_single_source():
    row = compared(
        claim(1, doc="a", claimant="media", best=5, **WHEN),
        claim(2, doc="b", claimant="media", best=6, **WHEN),
        claim(3, doc="c", claimant="unknown", best=50, **WHEN),
    )
    assert row["grade"] == "single_source"


def test_consensus_leaves_out_enemy_claims_when_others_report():
    row = compared(
        claim(1, doc="a", claimant="afghan_gov", victim="taliban", best=50, **WHEN),
        claim(2, doc="b", claimant="media", victim="taliban", best=20, high=30, **WHEN),
        claim(3, doc="c", claimant="ngo", victim="taliban", best=31, **WHEN),
    )
    assert row["consensus_best"] == 26  # median of 20 and 31, rounded half up (25.5)
    # the range runs from the credible claimants' lowest (20) to the highest of anyone: the
    # party's count of its enemy's dead bounds the toll from above, never from below
    assert (row["consensus_low"], row["consensus_high"]) == (20, 50)
    assert (row["min_best"], row["max_best"]) == (20, 50)


def test_a_party_alone_on_its_enemy_s_losses_bounds_the_consensus_from_above_only():
    row = compared(claim(1, doc="a", claimant="afghan_gov", victim="taliban", best=36, **WHEN))
    assert row["grade"] == "party_only"
    assert (row["consensus_low"], row["consensus_best"], row["consensus_high"]) == (0, 36, 36)


def test_toll_evolution_latest_report_supersedes():
    claims = [
        claim(1, doc="a", victim="unspecified", best=63, published="2019-08-18", **WHEN),
        claim(2, doc="b", victim="unspecified", best=80, published="2019-08-19", **WHEN),
        claim(3, doc="c", claimant="un", victim="unspecified", best=80, published="2019-08-20",
              **WHEN),
    ]  # fmt: skip
    row = compared(*claims)
    assert (row["first_best"], row["latest_best"], row["consensus_best"]) == (63, 80, 80)
    assert row["grade"] == "corroborated"  # media's range spans 63..80
    table = linked(*claims)
    evolution = toll_evolution(table, table.loc[0, "incident_id"])
    assert evolution["best"].tolist() == [63, 80, 80]
    assert evolution["change"].tolist()[1:] == [17, 0]
    assert pd.isna(evolution["change"].iloc[0])
    assert evolution["running_max"].tolist() == [63, 80, 80]


def test_parts_counted_once_and_flagged_when_they_exceed_the_total():
    quote = "A car bomb killed 12 people, including a U.S. soldier."
    ok = linked(
        claim(1, victim="unspecified", best=12, quote=quote, sentence=1, **WHEN),
        claim(2, victim="us_forces", best=1, quote=quote, sentence=1, **WHEN),
    )
    incidents = incidents_table(ok)
    assert incidents["killed_best"].tolist() == [12]
    assert not compare_claims(ok)["parts_exceed_total"].any()
    bad = linked(
        claim(1, victim="unspecified", best=12, quote=quote, sentence=1, **WHEN),
        claim(2, victim="us_forces", best=1, quote=quote, sentence=1, **WHEN),
        claim(3, victim="civilians", best=15, quote=quote, sentence=1, **WHEN),
    )
    comparison = compare_claims(bad)
    assert comparison["parts_exceed_total"].all()
    total = comparison[comparison["victim"] == "unspecified"].iloc[0]
    assert total["parts_sum_best"] == 16
    assert incidents_table(bad, comparison)["killed_best"].tolist() == [16]


def test_side_by_side(kabul):
    incident = ids(kabul)["d01-c01"]
    table = side_by_side(kabul, incident)
    assert len(table) == len(KABUL_BOMBING)
    assert {"claimant", "outlet", "published", "quote", "best"} <= set(table.columns)
    with pytest.raises(ParameterError):
        side_by_side(kabul, "INC-99999")


# --- input validation ------------------------------------------------------------------------


def test_invalid_input_names_the_rows():
    bad = frame(claim(1), claim(2, victim="aliens"), claim(3, best=5, low=7))
    with pytest.raises(InputError, match=r"row 1: victim 'aliens'") as error:
        typed_clean(bad)
    assert "row 2: needs 0 <= low <= best <= high" in str(error.value)
    with pytest.raises(InputError, match="missing column"):
        link_incidents(frame(claim(1)).drop(columns=["quote"]))


def test_sites_are_or_ed_per_incident_label():
    from casualties.analyse.link import _or_by_label

    labels = np.array([2, 0, 2, 1, 0])
    bits = np.array([1, 4, 2, 8, 4])
    assert _or_by_label(labels, bits, 4) == [4, 8, 3, 0]
    assert _or_by_label(np.array([], dtype=np.int64), np.array([], dtype=np.int64), 2) == [0, 0]
