"""Hand-written phrasings (tests/fixtures/extract/phrasings.yaml) read as the right claims."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from fixtures.extract.articles import make_article

from casualties.extract import extract_article

FIXTURES = Path(__file__).parent / "fixtures" / "extract"
CASES = [
    case
    for name in ("phrasings.yaml", "phrasings_news.yaml", "phrasings_round2.yaml")
    for case in yaml.safe_load((FIXTURES / name).read_text("utf-8"))
]


def _expected(claim: str) -> tuple[tuple, str]:
    victim, outcome, value, qualifier, claimant = claim.split()
    return (victim, outcome, None if value == "-" else int(value), qualifier), claimant


def _got(row: dict) -> tuple:
    value = row["value"]
    return (row["victim"], row["outcome"], None if value is None else int(value), row["qualifier"])


@pytest.mark.parametrize("case", CASES, ids=[c["text"][:50] for c in CASES])
def test_phrasing(case):
    rows = extract_article(make_article(case["text"], outlet=case.get("outlet", "Test Wire")))
    expected = [_expected(c) for c in case["claims"]]
    assert sorted(map(str, (_got(r) for r in rows))) == sorted(str(e) for e, _ in expected)
    by_key = {_got(r): r["claimant"] for r in rows}
    for key, claimant in expected:
        if claimant != "any":
            assert by_key[key] == claimant, f"{key}: claimant {by_key[key]} != {claimant}"


def test_the_spokesman_of_the_group_named_before_speaks_for_it():
    from fixtures.extract.articles import make_article

    from casualties.extract import extract_article

    text = (
        "A suicide bomber struck a checkpoint in Kabul, the Ministry of Interior said.\n\n"
        "The Taliban said in a statement that they carried out the attack. The group's "
        "spokesman had earlier claimed that 15 policemen were killed in the bombing."
    )
    rows = {row["value"]: row for row in extract_article(make_article(text))}
    assert (rows[15]["claimant"], rows[15]["claimant_text"]) == ("taliban", "The group's spokesman")


def test_a_finding_is_a_claim_and_he_is_the_person_who_spoke_not_the_inquiry():
    from fixtures.extract.articles import make_article

    from casualties.extract import extract_article

    text = (
        "UNAMA said 1,174 people were killed.\n\nIn a night raid in Musa Qala on September 22, "
        "the mission found that at least 40 civilians were killed.\n\nDefence ministry "
        "spokesman Fawad Mansoori said 23 Taliban fighters had been killed and that an "
        'investigation had found no evidence of civilian casualties. "Not a single civilian '
        'was killed," he said.'
    )
    rows = {row["value"]: row for row in extract_article(make_article(text))}
    assert rows[40]["claimant"] == "un"
    assert rows[0]["claimant"] == "afghan_gov"
