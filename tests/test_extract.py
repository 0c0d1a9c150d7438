"""The extract stage: API, table contract, offsets, places, dates, CLI."""

from __future__ import annotations

import json

import pandas as pd
import pytest
from fixtures.extract.articles import make_article

from casualties.contract import CLAIM_COLUMNS, vocabulary
from casualties.extract import extract, extract_article, iter_claims
from casualties.extract.schema import claims_frame, validate_claims
from casualties.extract.sentences import sentence_spans, split_sentences
from casualties.extract.tokens import drop_scare_quotes, tokenize


# --- sentences ---------------------------------------------------------------------------
@pytest.mark.parametrize(
    "text, count",
    [
        ("The U.S. military said 3 soldiers died. The Taliban denied it.", 2),
        ("Sgt. 1st Class John A. Smith was killed on Sept. 3 in Kandahar. He was 34.", 2),
        ("Gen. Ali and Col. Khan spoke. Mr. Karimi did not.", 2),
        ('"They attacked at dawn," he said. "Four men died."', 2),
        ("It was over … The next day, nine bodies were found.", 2),
        ("The toll rose in the U.S. He said so.", 2),
        ("A headline\nThe body of the story.", 2),
    ],
)
def test_sentence_splitting(text, count):
    spans = split_sentences(text)
    assert len(spans) == count, [text[a:b] for a, b in spans]
    assert all(text[a:b] == text[a:b].strip() for a, b in spans)


def test_sentence_spans_carry_paragraphs():
    text = "First one. Second one.\n\nThird one."
    spans = sentence_spans(text)
    assert [s.paragraph for s in spans] == [0, 0, 1]
    assert text[spans[2].start : spans[2].end] == "Third one."


# --- rows and the contract -----------------------------------------------------------------
ARTICLE = make_article(
    "HERAT — Afghan forces killed 25 Taliban fighters in Shindand district on Thursday, "
    "officials said.\n\n"
    "The Taliban said 4 soldiers were killed. Local residents said 2 children were hurt.\n\n"
    "Separately, 3 people died in a blast."
)


def test_rows_have_the_contract_columns_and_offsets():
    rows = extract_article(ARTICLE)
    assert len(rows) == 4
    for row in rows:
        assert tuple(row) == CLAIM_COLUMNS
        assert ARTICLE.text[row["char_start"] : row["char_end"]] == row["quote"]
        assert row["claimant"] in vocabulary("claimant")
        assert row["victim"] in vocabulary("victim")
    assert [r["char_start"] for r in rows] == sorted(r["char_start"] for r in rows)


def test_claimants_victims_and_outcomes():
    got = [(r["claimant"], r["victim"], r["outcome"], r["value"]) for r in extract_article(ARTICLE)]
    assert got == [
        ("afghan_gov", "taliban", "killed", 25),
        ("taliban", "afghan_forces", "killed", 4),
        ("media", "civilians", "wounded", 2),
        ("media", "unspecified", "killed", 3),
    ]


def test_place_from_sentence_paragraph_and_earlier_paragraph():
    rows = extract_article(ARTICLE)
    assert (rows[0]["province"], rows[0]["district"]) == ("Hirat", "Shindand")
    assert rows[0]["district_pcode"].startswith("AF32")
    # no place in its own paragraph: the one named in the paragraph before
    assert (rows[1]["province"], rows[1]["district"]) == ("Hirat", "Shindand")


def test_place_from_the_dateline():
    text = "KUNDUZ, Afghanistan (AP) — Officials said 7 policemen were killed overnight."
    rows = extract_article(make_article(text))
    assert (rows[0]["province"], rows[0]["place_text"]) == ("Kunduz", "KUNDUZ")
    text = "Officials said 7 policemen were killed overnight, police said."
    assert extract_article(make_article(text))[0]["province"] == ""


def test_an_event_placed_elsewhere_does_not_inherit_the_place_around_it():
    text = (
        "GHAZNI, Afghanistan (AP) — A suicide bomber killed 9 soldiers in Ghazni city, "
        "officials said. Hours later a roadside bomb in a neighbouring province killed "
        "3 civilians. Elsewhere, gunmen killed 2 police officers."
    )
    rows = extract_article(make_article(text))
    places = {(row["victim"], row["value"]): row["province"] for row in rows}
    assert places[("afghan_forces", 9)] == "Ghazni"
    assert places[("civilians", 3)] == ""
    assert places[("afghan_forces", 2)] == ""


def _places(text: str) -> dict[int, tuple[str, str]]:
    rows = extract_article(make_article(text))
    return {row["value"]: (row["province"], row["district"]) for row in rows}


def test_where_the_wounded_were_taken_is_not_where_the_event_was():
    places = _places(
        "GHAZNI — A bomb killed 9 people in Ghazni city on Saturday. Some of the wounded were "
        "shifted to Kabul for treatment.\n\nA shopkeeper and his 2 sons were killed, a "
        "resident said."
    )
    assert places[2][0] == "Ghazni"


def test_a_road_named_after_two_places_is_neither_of_them():
    places = _places(
        "A roadside bomb hit a bus on the Herat-Kandahar highway in Farah province, killing "
        "14 passengers."
    )
    assert places[14][0] == "Farah"


def test_two_places_of_one_sentence_go_to_their_own_figures():
    places = _places("The strike in Deh Yak killed 13 civilians and the raid in Andar killed 8.")
    assert (places[13][1], places[8][1]) == ("Deh Yak", "Andar")
    places = _places("The strikes killed 13 civilians in Deh Yak and 8 civilians in Andar.")
    assert (places[13][1], places[8][1]) == ("Deh Yak", "Andar")


def test_a_reference_point_is_not_the_place():
    places = _places("An airstrike in Chora district, north of Tirinkot, killed 12 civilians.")
    assert places[12][1] == "Chora"
    inside = _places("A bomb in the east of Kabul city killed 5 people.")
    assert inside[5][0] == "Kabul"


def test_a_province_named_in_passing_does_not_displace_the_one_told_before():
    places = _places(
        "The NDS killed 6 fighters in a raid in Baraki Barak district of Logar province.\n\n"
        "The commander had planned attacks in Logar and the capital Kabul.\n\n"
        "Four other fighters were detained."
    )
    assert places[4][0] == "Logar"


def test_event_date_from_the_sentence_else_the_lead():
    rows = extract_article(ARTICLE)
    # "on Thursday" in an article of Friday 6 September 2019
    assert (rows[0]["date_start"], rows[0]["date_end"]) == ("2019-09-05", "2019-09-05")
    assert rows[0]["date_source"] == "sentence"
    # later claims without a date of their own are of the lead's event ...
    for row in rows[1:3]:
        assert (row["date_text"], row["date_start"], row["date_source"]) == (
            "on Thursday",
            "2019-09-05",
            "lead",
        )
    # ... but "Separately, ..." tells of another event
    assert (rows[3]["date_start"], rows[3]["date_source"]) == ("", "background")


def test_claim_ids_are_stable_and_unique():
    first = [r["claim_id"] for r in extract_article(ARTICLE)]
    second = [r["claim_id"] for r in extract_article(ARTICLE)]
    assert first == second
    assert len(set(first)) == len(first)
    assert all(cid.startswith("doc1-") for cid in first)


def test_non_english_articles_are_skipped():
    article = make_article("Au moins 12 civils ont été tués.", language="fr")
    stats: dict = {}
    assert list(iter_claims([article, ARTICLE], stats)) != []
    assert stats == {"articles": 2, "skipped": 1, "claims": 4}
    assert extract_article(article) == []


def test_vague_figures_have_no_value_and_validate():
    rows = extract_article(make_article("Dozens of civilians were killed, witnesses said."))
    frame = validate_claims(claims_frame(rows))
    assert frame.loc[0, "qualifier"] == "vague" and pd.isna(frame.loc[0, "value"])
    assert frame["value"].dtype == "Int64"


def test_schema_rejects_a_value_outside_the_vocabulary():
    rows = extract_article(ARTICLE)
    rows[0]["victim"] = "aliens"
    with pytest.raises(Exception, match="contract"):
        validate_claims(claims_frame(rows))


def test_our_soldiers_belong_to_the_claimant():
    rows = extract_article(
        make_article('"The enemy killed 7 of our soldiers," the defence ministry said.')
    )
    assert [(r["victim"], r["claimant"]) for r in rows] == [("afghan_forces", "afghan_gov")]


def test_quote_attributed_in_the_next_sentence():
    text = (
        '"We buried eleven civilians today." The statement was posted by the Afghanistan '
        "Independent Human Rights Commission on Sunday."
    )
    rows = extract_article(make_article(text))
    assert [(r["value"], r["outcome"]) for r in rows] == []  # "buried" is not an outcome
    text = '"Eleven civilians were killed." Amnesty International said on Sunday.'
    rows = extract_article(make_article(text))
    assert [(r["value"], r["claimant"]) for r in rows] == [(11, "ngo")]


def test_pronoun_resolves_to_the_last_named_speaker():
    text = (
        "Kandahar police chief Tadin Khan said the attack began at night.\n\n"
        '"Six attackers were killed," he said.'
    )
    rows = extract_article(make_article(text))
    assert [(r["claimant"], r["claimant_text"]) for r in rows] == [("afghan_gov", "he")]


# --- the embedded corpus and the CLI ------------------------------------------------------
def test_extract_embedded_corpus_is_valid_and_deterministic():
    first = extract()
    assert list(first.columns) == list(CLAIM_COLUMNS)
    assert len(first) > 50
    assert first["claim_id"].is_unique
    pd.testing.assert_frame_equal(first, extract())


def test_cli_writes_claims_and_summary(tmp_path, capsys):
    from casualties.cli import main

    source = tmp_path / "articles.jsonl"
    records = [
        {"id": "a1", "title": "t1", "outlet": "o", "published": "2019-09-06",
         "text": "Officials said 9 policemen were killed in Ghazni on Thursday."},
        {"id": "a2", "title": "t2", "outlet": "o", "published": "2019-09-06",
         "text": "Au moins neuf policiers ont été tués jeudi dans la province de Ghazni, "
                 "selon les autorités locales qui ont confirmé le bilan."},
    ]  # fmt: skip
    source.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    out = tmp_path / "claims.csv"
    assert main(["extract", str(source), "-o", str(out)]) == 0
    frame = pd.read_csv(out, dtype=str, keep_default_na=False)
    assert list(frame.columns) == list(CLAIM_COLUMNS)
    assert frame[["victim", "outcome", "value", "province"]].values.tolist() == [
        ["afghan_forces", "killed", "9", "Ghazni"]
    ]
    err = capsys.readouterr().err
    assert "2 articles read, 1 skipped (not English), 1 claims" in err


def test_cli_bad_input_exits_2_and_writes_nothing(tmp_path):
    from casualties.cli import main

    out = tmp_path / "claims.csv"
    assert main(["extract", str(tmp_path / "missing.txt"), "-o", str(out)]) == 2
    assert not out.exists()


def test_figure_text_agrees_with_the_shared_figure_grammar():
    """Clean re-reads ``figure_text``: it must give the same value and qualifier, or (for
    "the", a name, "the fourth") be a phrase outside the grammar with the value given."""
    from casualties.figures import FigureError, parse_figure

    frame = extract()
    for row in frame.itertuples():
        value = None if pd.isna(row.value) else int(row.value)
        try:
            figure = parse_figure(row.figure_text)
        except FigureError:
            assert row.qualifier != "vague" and value is not None, row.figure_text
            continue
        assert (figure.value, figure.qualifier) == (value, row.qualifier), row.figure_text


def test_package_is_callable_as_the_api():
    import casualties
    import casualties.extract as package

    assert callable(package)
    frame = casualties.extract()
    assert list(frame.columns) == list(CLAIM_COLUMNS)


# --- speakers: pronouns and foreign governments --------------------------------------------
@pytest.mark.parametrize(
    "phrase, kind",
    [
        ("Governor Daud Laghmani", "person"),
        ("a spokesman for Resolute Support", "person"),
        ("The NDS", "organisation"),
        ("the interior ministry", "organisation"),
        ("Residents", "plural"),
        ("he", None),
    ],
)
def test_speaker_kind(phrase, kind):
    from casualties.extract.speakers import speaker_kind

    assert speaker_kind(phrase) == kind


def test_foreign_government_is_unknown_but_the_story_state_is_not():
    from casualties.extract.speakers import foreign_government, home_state

    afghan_story = "Kabul: the Taliban attacked. Afghan officials said. Pakistan denied it."
    assert home_state(afghan_story) == "afghanistan"
    home = lambda: home_state(afghan_story)  # noqa: E731
    assert foreign_government("the Turkish foreign ministry", "afghan_gov", home) == "unknown"
    assert foreign_government("Pakistan's foreign office", "media", home) == "unknown"
    assert foreign_government("the Afghan foreign ministry", "afghan_gov", home) == "afghan_gov"
    assert foreign_government("Pakistani media", "media", home) == "media"
    assert foreign_government("Taliban spokesman", "taliban", home) == "taliban"
    syria = lambda: "syria"  # noqa: E731
    assert foreign_government("Syria's army", "afghan_gov", syria) == "afghan_gov"
    assert foreign_government("Russia's Defense Ministry", "afghan_gov", syria) == "unknown"


def test_lexicons_have_no_yaml_booleans():
    """Bare "no", "on", "yes" in a YAML list are booleans, not words: quote them."""
    import yaml

    from casualties.extract.tokens import LEXICON_DIR

    def booleans(node, path):
        if isinstance(node, bool):
            yield path
        elif isinstance(node, dict):
            for key, value in node.items():
                yield from booleans(value, f"{path}/{key}")
        elif isinstance(node, list):
            for n, value in enumerate(node):
                yield from booleans(value, f"{path}[{n}]")

    for path in sorted(LEXICON_DIR.glob("*.yaml")):
        found = list(booleans(yaml.safe_load(path.read_text("utf-8")), path.name))
        assert not found, found


def test_scare_quotes_are_dropped_but_quoted_speech_keeps_its_marks():
    def kept(text: str) -> str:
        return " ".join(t.text for t in drop_scare_quotes(tokenize(text)))

    assert kept('six were "martyred" and 30 “apostates” killed') == (
        "six were martyred and 30 apostates killed"
    )
    speech = '"We killed 20," he said: "they were all soldiers of the puppet army."'
    assert kept(speech) == " ".join(t.text for t in tokenize(speech))
    figure = 'found that "perhaps a handful" of civilians'  # a figure keeps its text
    assert " ".join(t.text for t in drop_scare_quotes(tokenize(figure), frozenset({"a"}))) == (
        " ".join(t.text for t in tokenize(figure))
    )
