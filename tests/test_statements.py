"""Statements and per-claimant figures (casualties.analyse.statements): sums, parts, latest."""

from __future__ import annotations

import pandas as pd
import pytest
from fixtures.analyse.factory import KABUL, claim, frame
from fixtures.extract.articles import make_article

from casualties.analyse import claimant_figures, link_incidents, typed_clean
from casualties.analyse.statements import combined_qualifier
from casualties.extract import extract_article

WHEN = {"date": "2019-09-22", "place": KABUL}


def stated(n, statement, role="item", value=None, qualifier="exact", **fields):
    row = claim(n, **WHEN, **fields)
    value = row["best"] if value is None else value
    row.update(statement_id=statement, role=role, value=value, qualifier=qualifier)
    if qualifier == "vague":
        row["value"] = None
    return row


def figures(*claims) -> pd.DataFrame:
    return claimant_figures(link_incidents(typed_clean(frame(*claims))))


def one(table: pd.DataFrame, **key) -> pd.Series:
    rows = table
    for column, value in key.items():
        rows = rows[rows[column] == value]
    assert len(rows) == 1, rows
    return rows.iloc[0]


def test_items_of_one_statement_add_up():
    table = figures(
        stated(1, "s1", claimant="afghan_gov", victim="other_militants", best=1, sentence=1),
        stated(2, "s1", claimant="afghan_gov", victim="other_militants", best=6, sentence=1),
    )
    row = one(table, claimant="afghan_gov")
    assert (row["value"], row["type_best"], row["derivation"]) == (7, 7, "sum")
    assert row["n_claims"] == 2 and row["claim_ids"] == "d1-c001;d1-c002"


def test_a_part_is_not_added_to_its_total():
    table = figures(
        stated(1, "s1", role="total", victim="unspecified", best=12, sentence=1),
        stated(2, "s1", role="part", victim="unspecified", best=1, sentence=1),
        stated(3, "s2", role="part", victim="us_forces", best=1, sentence=1),
    )
    assert one(table, victim="unspecified")["value"] == 12
    assert one(table, victim="us_forces")["value"] == 1  # a part alone is its group's figure


def test_a_later_part_does_not_replace_a_larger_figure_of_another_report():
    table = figures(
        stated(1, "s1", doc="a", victim="civilians", outcome="wounded", best=42),
        # "six children and four women were among the wounded", published a day later
        stated(2, "s2", doc="b", role="part", outcome="wounded", best=6, published="2019-09-07"),
        stated(3, "s2", doc="b", role="part", outcome="wounded", best=4, published="2019-09-07"),
    )
    assert one(table, outcome="wounded")["value"] == 42
    table = figures(  # a whole that is vague or smaller leaves the part its figure
        stated(1, "s1", doc="a", qualifier="vague", best=3),
        stated(2, "s2", doc="b", role="part", best=5, published="2019-09-07"),
    )
    assert one(table, outcome="killed")["value"] == 5


def test_the_latest_statement_counts_and_keeps_the_range_of_all():
    table = figures(
        stated(1, "s1", doc="a", best=63, published="2019-08-18"),
        stated(2, "s2", doc="b", best=80, published="2019-08-20"),
        stated(3, "s3", doc="c", best=70, published="2019-08-19"),
    )
    row = one(table, claimant="media")
    assert (row["value"], row["derivation"], row["n_statements"]) == (80, "latest", 3)
    assert (row["type_low"], row["type_high"]) == (63, 80)
    assert row["first_reported"] == "2019-08-18" and row["last_reported"] == "2019-08-20"


def test_a_party_is_kept_apart_as_belligerent():
    table = figures(
        stated(1, "s1", claimant="taliban", victim="afghan_forces", best=40),
        stated(2, "s2", claimant="un", victim="civilians", best=7),
        stated(3, "s3", claimant="media", victim="civilians", best=9),
    )
    kinds = dict(zip(table["claimant"], table["source_kind"], strict=True))
    assert kinds == {"media": "press", "taliban": "belligerent", "un": "monitor"}
    assert one(table, claimant="taliban")["enemy"]


@pytest.mark.parametrize(
    ("qualifiers", "expected"),
    [
        (["exact", "exact"], "exact"),
        (["exact", "at_least"], "at_least"),
        (["more_than", "exact"], "more_than"),
        (["about", "exact"], "about"),
        (["about", "more_than"], "at_least"),
        (["exact", "vague"], "vague"),
    ],
)
def test_qualifiers_combine_when_items_add_up(qualifiers, expected):
    groups = pd.Series([0] * len(qualifiers)).to_numpy()
    assert combined_qualifier(pd.Series(qualifiers), groups, 1)[0] == expected


@pytest.mark.parametrize(
    ("sentence", "victim", "value"),
    [
        ("Asim Umar, the AQIS leader, was killed along with six other AQIS members, the NDS "
         "said.", "other_militants", 7),
        ("UNAMA said one boy and six men were killed in the attack.", "civilians", 7),
        ("Police said all five gunmen and the driver were killed.", "unspecified", 6),
        ("Mullah Sardar, the Taliban governor, and Mullah Nabi were killed, police said.",
         "taliban", 2),
    ],
)  # fmt: skip
def test_additive_statements_read_from_text_are_summed(sentence, victim, value):
    rows = extract_article(make_article(f"{sentence}\n\nThe attack was in Kabul."))
    table = pd.DataFrame(rows)
    table["low"] = table["best"] = table["high"] = table["value"].astype("int64")
    linked = link_incidents(typed_clean(table))
    row = one(claimant_figures(linked), victim=victim)
    assert row["value"] == value, table[["figure_text", "victim", "role", "statement_id"]]


def test_parts_of_a_stated_total_read_from_text_are_not_added():
    rows = extract_article(
        make_article("KABUL — The bombing killed 12 people, including an American soldier.")
    )
    table = pd.DataFrame(rows)
    table["low"] = table["best"] = table["high"] = table["value"].astype("int64")
    figures_ = claimant_figures(link_incidents(typed_clean(table)))
    assert one(figures_, victim="unspecified")["value"] == 12
    assert one(figures_, victim="us_forces")["value"] == 1


@pytest.mark.parametrize(
    "sentence",
    [
        "A health official said six children and four women were among the wounded.",
        "Among the wounded were six children and four women, a health official said.",
    ],
)
def test_those_among_the_wounded_are_parts_of_them(sentence):
    rows = extract_article(make_article(sentence))
    assert {row["role"] for row in rows} == {"part"} and len(rows) == 2


@pytest.mark.parametrize(
    ("sentence", "victim", "value"),
    [
        ("A mortar round hit a house, killing three civilians, a woman and her two children.",
         "civilians", 3),
        ("The attack killed seven people, four policemen and three civilians.",
         "unspecified", 7),
    ],
)  # fmt: skip
def test_a_list_spelling_out_the_figure_before_it_gives_its_parts(sentence, victim, value):
    rows = extract_article(make_article(f"KABUL — {sentence}"))
    assert [r["role"] for r in rows][:1] == ["total"]
    assert {r["role"] for r in rows[1:]} == {"part"}
    table = pd.DataFrame(rows)
    table["low"] = table["best"] = table["high"] = table["value"].astype("int64")
    row = one(claimant_figures(link_incidents(typed_clean(table))), victim=victim)
    assert row["value"] == value


def test_a_list_that_does_not_add_up_stays_a_list_of_items():
    rows = extract_article(make_article("KABUL — Police said one boy and six men were killed."))
    assert [r["role"] for r in rows] == ["item", "item"]


def test_a_toll_noun_reaches_its_figure_past_the_place_of_the_event():
    rows = extract_article(
        make_article(
            "The death toll from a bomb attack on a mosque in the southern city of Kandahar "
            "rose to 14 on Saturday, officials said."
        )
    )
    assert [(r["value"], r["outcome"]) for r in rows] == [(14, "killed")]
