"""data/reference/vocabularies.yaml: every claimant type complete, every reference known."""

from __future__ import annotations

import csv

import pytest
import yaml

from casualties import vocabulary
from casualties.aliases import ALIASES_DIR, load_rules
from casualties.errors import CasualtiesError, InputError
from casualties.paths import REFERENCE

CLAIMANTS = tuple(vocabulary.descriptions()["claimant"])
KNOWN = tuple(c for c in CLAIMANTS if c != vocabulary.UNKNOWN)


def _alias_values(path) -> set[str]:
    with open(path, encoding="utf-8", newline="") as handle:
        rows = csv.DictReader(line for line in handle if not line.startswith("#"))
        return {row["claimant"].strip() for row in rows}


@pytest.mark.parametrize("claimant", CLAIMANTS)
def test_every_claimant_type_has_a_colour(claimant):
    assert claimant in vocabulary.colours("claimant"), f"{claimant}: no colour"


@pytest.mark.parametrize("outcome", vocabulary.descriptions()["outcome"])
def test_every_outcome_has_a_colour(outcome):
    assert outcome in vocabulary.colours("outcome"), f"{outcome}: no colour"


@pytest.mark.parametrize("claimant", KNOWN)
def test_every_claimant_type_has_an_alias_row(claimant):
    assert claimant in _alias_values(ALIASES_DIR / "claimants.csv"), (
        f"{claimant}: no row of data/reference/aliases/claimants.csv maps to it"
    )


def test_the_site_draws_every_claimant_and_outcome_in_its_own_colour():
    from casualties.site.plotting import CLAIMANT_COLOURS, OUTCOME_COLOURS, colour

    assert set(CLAIMANT_COLOURS) == set(CLAIMANTS)
    assert set(OUTCOME_COLOURS) == set(vocabulary.descriptions()["outcome"])
    assert len(set(CLAIMANT_COLOURS.values())) == len(CLAIMANTS)  # none shares a colour
    assert colour("taliban") == vocabulary.claimant_types()["taliban"].colour


def test_every_alias_maps_to_a_claimant_value(tmp_path):
    assert {rule.value for rule in load_rules(ALIASES_DIR / "claimants.csv", "claimant")} == set(
        KNOWN
    )
    bad = tmp_path / "claimants.csv"
    bad.write_text("pattern,claimant,note\nunama,united_nations,a typo\n", encoding="utf-8")
    with pytest.raises(InputError, match="'united_nations' is not a claimant"):
        load_rules(bad, "claimant")


def test_the_extract_lexicon_groups_are_claimant_values():
    with open(REFERENCE / "extract" / "claimants.yaml", encoding="utf-8") as handle:
        groups = yaml.safe_load(handle)["groups"]
    assert set(groups) <= set(KNOWN)


def _write(tmp_path, claimant: dict, extra: str = ""):
    raw = {"claimant": claimant, "victim": {"taliban": "fighters", "civilians": "civilians"}}
    path = tmp_path / "vocabularies.yaml"
    path.write_text(yaml.safe_dump(raw) + extra, encoding="utf-8")
    return path


def test_the_plain_form_and_the_attribute_form_load_alike(tmp_path):
    path = _write(tmp_path, {"a": "the plain form", "b": {"description": "with attributes"}})
    loaded = vocabulary.load(path)
    assert loaded.descriptions["claimant"] == {"a": "the plain form", "b": "with attributes"}
    assert loaded.claimants["a"].colour is None and loaded.claimants["b"].enemies == frozenset()


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ({"enemies": ["taliban", "martians"]}, "'martians' is not a victim value"),
        ({"own_forces": "police"}, "'police' is not a victim value"),
        ({"source_kind": "rumour"}, "source_kind 'rumour'"),
        ({"colour": "red"}, "colour 'red' is not #rrggbb"),
        ({"color": "#ff0000"}, "unknown attribute"),
        ({"role": "narrator"}, "role 'narrator'"),
        ({"armed_group": "yes"}, "armed_group must be true or false"),
    ],
)
def test_a_type_naming_what_is_not_in_the_vocabularies_is_refused(tmp_path, entry, message):
    path = _write(tmp_path, {"party": {"description": "a party", **entry}})
    with pytest.raises(CasualtiesError, match=message):
        vocabulary.load(path)


def test_a_role_belongs_to_one_type(tmp_path):
    path = _write(tmp_path, {"a": {"role": "outlet"}, "b": {"role": "outlet"}})
    with pytest.raises(CasualtiesError, match="role 'outlet' is given to two types"):
        vocabulary.load(path)
    assert {vocabulary.claimant_role(role) for role in vocabulary.ROLES} <= set(KNOWN)


@pytest.mark.parametrize("claimant", KNOWN)
def test_every_claimant_type_is_a_kind_of_source(claimant):
    assert claimant in vocabulary.source_kinds(), f"{claimant}: no source_kind"


def test_enemies_and_own_forces_are_victim_values():
    victims = set(vocabulary.descriptions()["victim"])
    assert set(vocabulary.enemies()) <= set(KNOWN) and set(vocabulary.own_forces()) <= set(KNOWN)
    assert set().union(*vocabulary.enemies().values()) <= victims
    assert set(vocabulary.own_forces().values()) <= victims


def test_the_analyse_stage_reads_kinds_and_enemies_from_the_vocabulary():
    import pandas as pd

    from casualties.analyse.lexicon import is_enemy_claim, source_kind

    claimants = pd.Series(["taliban", "un", "unknown", "afghan_gov"])
    victims = pd.Series(["afghan_forces", "civilians", "taliban", "afghan_forces"])
    assert list(source_kind(claimants)) == ["belligerent", "monitor", "unknown", "belligerent"]
    assert list(is_enemy_claim(claimants, victims)) == [True, False, False, False]


def test_own_forces_and_enemies_are_armed_forces_and_a_states_forces_are_armed():
    armed = set(vocabulary.flagged("victim", "armed_force"))
    assert set(vocabulary.own_forces().values()) <= armed
    assert set().union(*vocabulary.enemies().values()) <= armed
    assert set(vocabulary.flagged("victim", "national")) <= armed
    home = vocabulary.claimant_role("home_government")
    assert vocabulary.own_forces()[home] in vocabulary.flagged("victim", "national")
