"""casualties.aliases: free text to the claimant and victim vocabularies."""

from __future__ import annotations

import pytest

from casualties.aliases import ALIASES_DIR, load_rules, map_claimant, map_victim
from casualties.contract import vocabulary
from casualties.errors import InputError

CLAIMANTS = [
    ("Afghan Ministry of Defense", "afghan_gov"),
    ("the Ministry of Interior", "afghan_gov"),
    ("MoD", "afghan_gov"),
    ("IS", "other_armed_group"),  # the group's initials; "this is" stays unknown
    ("the IS affiliate", "other_armed_group"),
    ("its Aamaq news agency", "other_armed_group"),
    ("this is", "unknown"),
    ("al-Shabab", "other_armed_group"),
    ("NDS", "afghan_gov"),
    ("National Security Council", "afghan_gov"),
    ("Herat Governor Abdul Qayum Rahimi", "afghan_gov"),
    ("the governor's spokesman", "afghan_gov"),
    ("police chief", "afghan_gov"),
    ("provincial council member", "afghan_gov"),
    ("officials", "afghan_gov"),
    ("Afghan officials", "afghan_gov"),
    ("official data", "afghan_gov"),
    ("authorities", "afghan_gov"),
    ("Zabihullah Mujahid", "taliban"),
    ("Taliban spokesman", "taliban"),
    ("the Taliban", "taliban"),
    ("Resolute Support", "us_nato"),
    ("the Pentagon", "us_nato"),
    ("the White House", "us_nato"),
    ("President Donald Trump", "us_nato"),
    ("the Defense Department", "us_nato"),
    ("the U.S. military", "us_nato"),
    ("U.S. officials", "us_nato"),
    ("NATO", "us_nato"),
    ("UNAMA", "un"),
    ("the U.N.", "un"),
    ("the United Nations", "un"),
    ("Save the Children", "ngo"),
    ("Amnesty", "ngo"),
    ("Amnesty International", "ngo"),
    ("AIHRC", "ngo"),
    ("TOLOnews", "media"),
    ("Associated Press", "media"),
    ("witnesses", "media"),
    ("residents", "media"),
    ("reports", "media"),
    ("some accounts", "media"),
    ("Islamic State", "other_armed_group"),
    ("ISIS", "other_armed_group"),
    ("a friend of the family", "unknown"),
    ("told us", "unknown"),
    ("", "unknown"),
]


@pytest.mark.parametrize(("text", "expected"), CLAIMANTS)
def test_map_claimant(text, expected):
    assert map_claimant(text) == expected


VICTIMS = [
    ("civilians", "civilians"),
    ("at least 10 Afghan civilians", "civilians"),
    ("women and children", "civilians"),
    ("wedding guests", "civilians"),
    ("people", "unspecified"),
    ("five IS militants", "other_militants"),
    ("the dead", "unspecified"),
    ("Arbakis", "afghan_forces"),
    ("21 Arbakis, or local tribal militia", "afghan_forces"),
    ("local tribal militia", "afghan_forces"),
    ("ALP", "afghan_forces"),
    ("soldiers", "afghan_forces"),
    ("police officer", "afghan_forces"),
    ("Afghan security forces", "afghan_forces"),
    ("NDS officers", "afghan_forces"),
    ("the bodies of five soldiers", "afghan_forces"),
    ("AQIS", "other_militants"),
    ("al Qaeda operatives", "other_militants"),
    ("al-Qaeda members", "other_militants"),
    ("Islamic State fighters", "other_militants"),
    ("foreign fighters", "other_militants"),
    ("foreign members of the Taliban", "other_militants"),
    ("insurgents", "taliban"),
    ("militants", "taliban"),
    ("36 Taliban fighters", "taliban"),
    ("Taliban commanders", "taliban"),
    ("Taliban forces", "taliban"),  # not the generic "forces" of afghan_forces
    ("government forces", "afghan_forces"),
    ("Islamic State forces", "other_militants"),
    ("service members", "us_forces"),
    ("the U.S. service member", "us_forces"),
    ("American soldier", "us_forces"),
    ("U.S. troops", "us_forces"),
    ("Romanian soldier", "coalition_forces"),
    ("NATO troops", "coalition_forces"),
    ("civilians and soldiers", "unspecified"),
    ("Afghan and U.S. forces", "unspecified"),
    ("U.S. forces", "us_forces"),
    ("gunmen", "unspecified"),
    ("a friend of the family", "unspecified"),
    ("", "unspecified"),
]


@pytest.mark.parametrize(("text", "expected"), VICTIMS)
def test_map_victim(text, expected):
    assert map_victim(text) == expected


@pytest.mark.parametrize("value", vocabulary("claimant"))
def test_claimant_vocabulary_maps_to_itself(value):
    assert map_claimant(value) == value


@pytest.mark.parametrize("value", vocabulary("victim"))
def test_victim_vocabulary_maps_to_itself(value):
    assert map_victim(value) == value


def test_missing_values():
    assert map_claimant(float("nan")) == "unknown"
    assert map_victim(float("nan")) == "unspecified"


def test_shipped_tables_load():
    assert len(load_rules(ALIASES_DIR / "claimants.csv", "claimant")) >= 7
    assert len(load_rules(ALIASES_DIR / "victims.csv", "victim")) >= 7


def test_bad_alias_table(tmp_path):
    path = tmp_path / "claimants.csv"
    path.write_text("# comment\npattern,claimant,note\nfoo,martians,x\nbar(,un,y\n")
    with pytest.raises(InputError) as error:
        load_rules(path, "claimant")
    assert "line 3" in str(error.value) and "martians" in str(error.value)
    assert "line 4" in str(error.value)
