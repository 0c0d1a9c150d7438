"""Document event frames and per-claim dates (casualties.extract.frames, .when)."""

from __future__ import annotations

import datetime as dt

import pandas as pd
from fixtures.extract.articles import make_article

from casualties.extract import extract_article
from casualties.extract.when import figure_phrases, sentence_phrases

FRIDAY = dt.date(2019, 9, 6)


def rows_of(text: str, **fields) -> list[dict]:
    return extract_article(make_article(text, **fields))


def by_value(rows: list[dict]) -> dict[int, dict]:
    return {row["value"]: row for row in rows}


def test_undated_claims_take_the_lead_event_date_and_place():
    rows = by_value(
        rows_of(
            "KABUL — A car bomb killed 12 people in Kabul on Thursday, officials said.\n\n"
            "The Interior Ministry said 42 people were wounded.\n\n"
            "Police said 3 suspects were arrested."
        )
    )
    assert rows[12]["date_source"] == "sentence"
    for value in (42, 3):
        assert (rows[value]["date_start"], rows[value]["date_source"]) == ("2019-09-05", "lead")
        assert rows[value]["date_text"] == "on Thursday"  # what the text said, and where
        assert rows[value]["province"] == "Kabul"


def test_a_paragraph_date_dates_the_paragraph():
    rows = by_value(
        rows_of(
            "Taliban fighters attacked a checkpoint in Ghazni on Thursday, killing 4 soldiers.\n\n"
            "In 2017, a similar assault was repelled. Eleven attackers were killed."
        )
    )
    assert rows[11]["date_source"] == "paragraph"
    assert rows[11]["date_start"] == "2017-01-01"


def test_background_keeps_no_lead_date():
    rows = by_value(
        rows_of(
            "A suicide bomber killed 9 people in Kabul on Thursday.\n\n"
            "In a separate attack, 5 policemen were killed at a checkpoint.\n\n"
            "Gunmen killed 7 civilians in Kandahar, officials there said.\n\n"
            "The assault came three days after a bombing killed 20 people."
        )
    )
    for value in (5, 7, 20):
        assert rows[value]["date_source"] == "background"
    assert rows[5]["date_start"] == rows[7]["date_start"] == ""
    assert rows[20]["date_start"] == "2019-09-02"  # its own day, three days before the lead's


def test_a_lead_without_date_takes_the_articles_recent_casualty_date():
    rows = by_value(
        rows_of(
            "Afghan and U.S. forces raided a compound in Musa Qala district of Helmand.\n\n"
            "The ministry said 22 militants were killed.\n\n"
            '"The invaders bombed a wedding last night and killed 30 civilians," the group said.',
            published="2019-09-23",
        )
    )
    assert (rows[22]["date_start"], rows[22]["date_source"]) == ("2019-09-22", "article")


def test_a_statement_date_is_not_the_event_date():
    text = "The ministry said on Wednesday that 22 people were killed on Tuesday night."
    phrases = sentence_phrases(text, FRIDAY)
    assert [p.speech for p in phrases] == [True, False]
    chosen = figure_phrases(text, phrases, text.index("22"))
    assert [p.text for p in chosen] == ["on Tuesday night"]


def test_a_later_period_does_not_date_the_figure_before_it():
    text = "A bombing killed a U.S. soldier, even though nine others have died since June 25."
    phrases = sentence_phrases(text, FRIDAY)
    assert figure_phrases(text, phrases, text.index("a U.S.")) == []
    assert [p.text for p in figure_phrases(text, phrases, text.index("nine"))] == ["since June 25"]


def test_a_dateline_date_dates_the_report_not_the_event():
    rows = rows_of(
        "KABUL, 5 December 2017 - UNAMA has verified that 11 civilians were killed.",
        published="2017-12-05",
    )
    assert rows[0]["date_text"] == "" and rows[0]["date_source"] == "publication"


def test_dateline_and_hospital_towns_are_not_the_event_place():
    rows = by_value(
        rows_of(
            "LASHKAR GAH, Afghanistan — Forty civilians were killed in an airstrike in "
            "Musa Qala district.\n\n"
            "Twelve wounded were taken to a hospital in Kandahar."
        )
    )
    assert rows[40]["district"] == "Musa Qala"
    assert rows[12]["province"] == "Hilmand"  # the event's place, not the hospital's


def test_a_date_of_the_aftermath_dates_neither_the_lead_nor_a_claim():
    """Villagers carried the bodies to the city on Thursday; the raid was on Tuesday."""
    rows = by_value(
        rows_of(
            "Villagers carried the bodies of 9 people into Jalalabad on Thursday, saying they "
            "were civilians killed in a raid.\n\n"
            "Residents said 6 labourers were killed when special forces stormed two houses "
            "in Khogyani district late on Tuesday.\n\n"
            "The governor's office said 14 Taliban fighters were killed."
        )
    )
    assert rows[6]["date_start"] == "2019-09-03"
    for value in (9, 14):
        assert (rows[value]["date_start"], rows[value]["date_source"]) == ("2019-09-03", "lead")


def test_the_event_can_date_the_lead_without_a_casualty_word_but_not_elsewhere():
    rows = by_value(
        rows_of(
            "Special forces raided a village in Khogyani district late on Tuesday.\n\n"
            "Officials say 14 insurgents were killed.\n\n"
            "Elsewhere, a roadside bomb killed 5 members of one family on Thursday.\n\n"
            "Provincial council members said 7 civilians died."
        )
    )
    assert (rows[14]["date_start"], rows[14]["date_source"]) == ("2019-09-03", "lead")
    assert (rows[7]["date_start"], rows[7]["date_source"]) == ("2019-09-03", "lead")


def test_where_a_speaker_is_and_a_venue_named_after_a_place_are_not_the_event_place():
    rows = by_value(
        rows_of(
            "Special forces raided a village in Khogyani district of Nangarhar on Tuesday. "
            "Officials in Jalalabad say 14 insurgents were killed. Six policemen were killed, "
            "according to Nangarhar police.\n\n"
            "Two explosions at the Maiwand wrestling club in Kabul killed 27 people on "
            "Wednesday."
        )
    )
    assert (rows[14]["district"], rows[14]["place_source"]) == ("Khogyani", "paragraph")
    assert rows[6]["district"] == "Khogyani"
    assert (rows[27]["province"], rows[27]["district"]) == ("Kabul", "Kabul")


def test_a_speaker_place_is_the_claim_place_when_nothing_nearer_names_one():
    rows = by_value(rows_of("Officials in Kandahar said 12 Taliban fighters were killed."))
    assert (rows[12]["province"], rows[12]["place_source"]) == ("Kandahar", "sentence")


def test_a_relative_day_counts_from_the_date_before_it():
    rows = by_value(
        rows_of(
            "On Monday, two explosions at a club in Kabul killed 27 people. Three days "
            "later, a suicide bomber struck a checkpoint, killing 7 people.\n\n"
            "The next day, police said 4 suspects were arrested."
        )
    )
    assert rows[27]["date_start"] == "2019-09-02"
    assert (rows[7]["date_start"], rows[7]["date_text"]) == ("2019-09-05", "Three days later")
    assert (rows[4]["date_start"], rows[4]["date_source"]) == ("2019-09-03", "lead")


def test_the_day_a_toll_rose_is_not_the_day_of_the_event():
    rows = by_value(
        rows_of(
            "The death toll from a bombing at a wrestling club in Kabul rose to 24 on "
            "Thursday, officials said.\n\nA police officer was among 3 people killed in the "
            "second blast on Wednesday."
        )
    )
    assert rows[24]["date_start"] != "2019-09-05"
    assert rows[3]["date_start"] == "2019-09-04"


def test_a_background_event_counted_from_the_lead_gets_its_day_and_that_attack_follows_it():
    rows = by_value(
        rows_of(
            "A suicide bomber killed 22 people near Massoud Square in Kabul on Tuesday.\n\n"
            "The attack came twelve days after a car bombing in nearby Shashdarak killed 12 "
            "people. Officials said the death toll from that attack had risen to 13."
        )
    )
    for value in (12, 13):
        assert rows[value]["date_source"] == "background", value
        assert rows[value]["date_start"] == "2019-08-22", value  # Tuesday 3 September - 12


def test_a_titled_name_is_a_person_not_the_district_it_sounds_like():
    rows = by_value(
        rows_of(
            "Col. Amanullah Zadran, who led the police of Sherzad district, was killed along "
            "with 3 of his guards."
        )
    )
    assert (rows[3]["province"], rows[3]["district"]) == ("Nangarhar", "Sherzad")


def test_background_the_same_night_takes_the_date_of_the_article_event():
    rows = by_value(
        rows_of(
            "Special forces raided a village in Khogyani district late on Tuesday, killing 14 "
            "insurgents.\n\nIn a separate incident the same night, Taliban fighters attacked "
            "checkpoints in Sherzad district, killing 4 policemen."
        )
    )
    assert (rows[4]["date_start"], rows[4]["date_source"]) == ("2019-09-03", "background")
    assert rows[4]["district"] == "Sherzad"


def test_a_date_after_an_accusation_and_its_object_dates_the_statement():
    rows = by_value(
        rows_of(
            "Angry villagers accused Afghan and US forces on Thursday of killing 10 civilians."
            "\n\nThe raid took place on Tuesday night.\n\nThe governor said 12 Taliban were killed."
        )
    )
    assert (rows[12]["date_start"], rows[12]["date_source"]) == ("2019-09-03", "lead")


# --- round 3 (issue 9): statements, weekdays, "N days after", aftermath, abroad ------------


def test_a_date_that_only_dates_a_statement_gives_way_to_the_event_date():
    rows = by_value(
        rows_of(
            "KABUL — A car bomb killed 12 people in Kabul on Thursday, officials said.\n\n"
            "The ministry said in a statement on Saturday that 20 people were wounded.\n\n"
            "Officials on Saturday said 14 policemen were wounded.",
            published="2019-09-08",
        )
    )
    for value in (20, 14):
        assert rows[value]["date_start"] == "2019-09-05", value
    # without an event date before it, the statement's day is the best there is
    alone = rows_of("The ministry said in a statement on Saturday that 20 people were killed.")
    assert alone[0]["date_start"] == "2019-08-31"


def test_a_weekday_that_repeats_an_explicit_date_is_not_read_against_the_publication():
    rows = rows_of(
        "On 17 November, a suicide bomber struck a mosque during Friday prayers, killing "
        "16 people.",
        published="2017-12-07",
    )
    assert (rows[0]["date_start"], rows[0]["date_end"]) == ("2017-11-17", "2017-11-17")


def test_a_figure_after_n_days_after_tells_of_the_earlier_event():
    rows = by_value(
        rows_of(
            "KANDAHAR — A suicide bomber killed 14 people at a mosque in Kandahar on Friday.\n\n"
            "Friday's bombing came just three days after a car bomber struck near the police "
            "headquarters, killing 12 people. Local officials had put the death toll at nine.",
            published="2017-11-18",
        )
    )
    assert rows[14]["date_start"] == "2017-11-17"
    for value in (12, 9):  # the earlier event, and the sentence that goes on about it
        assert (rows[value]["date_start"], rows[value]["date_source"]) == (
            "2017-11-14",
            "background",
        ), value
    # "Two days after the attack, ..." opens the sentence: the article's own event
    after = by_value(
        rows_of(
            "KABUL — A bomb killed 9 people in Kabul on Monday.\n\n"
            "Two days after the attack, officials said 30 people were wounded."
        )
    )
    assert after[30]["date_source"] != "background"


def test_a_death_after_the_event_dates_no_event():
    rows = by_value(
        rows_of(
            "One of the policemen wounded in Tuesday's car bombing died in a Kabul hospital on "
            "Saturday, bringing the death toll from that attack to 13.",
            published="2017-11-19",
        )
    )
    assert rows[13]["date_start"] == "2017-11-14"


def test_a_sentence_placed_abroad_is_another_event_than_an_afghan_lead():
    rows = by_value(
        rows_of(
            "KABUL — A bomb killed 9 people in Kabul on Saturday.\n\n"
            "On Sunday, 2 soldiers were killed when militants attacked a check post in North "
            "Waziristan, the Pakistani military said."
        )
    )
    assert (rows[2]["province"], rows[2]["date_source"]) == ("", "background")
    assert rows[9]["province"] == "Kabul"


def test_a_short_since_is_a_running_toll_and_a_long_one_a_period_total():
    from casualties.analyse import analyse
    from casualties.clean import clean

    text = (
        "KANDAHAR — A suicide car bomb killed 12 people in Kandahar on Tuesday, officials "
        "said.\n\nThe hospital had received 11 bodies since Tuesday morning, a doctor said.\n\n"
        "More than 2,400 U.S. troops have been killed since 2001."
    )
    claims = clean(pd.DataFrame(rows_of(text, published="2017-11-15")))
    linked = analyse(claims, draws=10).claims.set_index("value")
    assert linked.loc[11, "scope"] == "incident"
    assert linked.loc[11, "incident_id"] == linked.loc[12, "incident_id"]
    assert linked.loc[2400, "scope"] == "aggregate"


def test_an_event_named_by_the_site_of_an_earlier_sentence_is_that_event():
    rows = by_value(
        rows_of(
            "KABUL — A suicide bomber killed 6 policemen at a checkpoint in Kabul on Saturday."
            "\n\nOn Wednesday, two blasts at a wrestling club in Kabul killed 26 people.\n\n"
            "Hospital officials said Sunday that another of the wounded had died, bringing the "
            "toll from the wrestling club bombing to 27.\n\n"
            "The toll from the checkpoint attack may rise, the police said; 14 were wounded in "
            "the checkpoint attack.",
            published="2019-09-08",
        )
    )
    assert rows[26]["date_start"] == rows[27]["date_start"] == "2019-09-04"
    assert rows[27]["date_source"] == "background"
    assert (rows[14]["date_start"], rows[14]["date_source"]) == ("2019-09-07", "lead")


def test_a_round_up_item_is_dated_by_its_heading_day_and_placed_in_the_province_above():
    rows = by_value(
        rows_of(
            "Zabul Province\n\nApril 1: Taliban fighters attacked a checkpoint in the Shah Joi "
            "district, killing 7 police officers.\n\nKandahar Province\n\nApril 2: A roadside "
            "bomb struck an army vehicle in the Arghandab district, killing 3 soldiers.",
            published="2019-04-06",
        )
    )
    assert (rows[7]["date_start"], rows[7]["province"]) == ("2019-04-01", "Zabul")
    # Arghandab is a district of Kandahar and of Zabul: the heading above tells which
    assert (rows[3]["date_start"], rows[3]["province"]) == ("2019-04-02", "Kandahar")
    assert rows[3]["district"] == "Arghandab"


def test_wounded_who_died_later_date_no_event():
    rows = by_value(
        rows_of(
            "The death toll from Friday's suicide attack in Nangarhar has risen to 27.\n\n"
            "A spokesman said the three patients, who had been in critical condition, died on "
            'Sunday night. "Twenty-seven people have lost their lives and 62 were wounded," he '
            "said.",
            published="2019-04-01",
        )
    )
    assert (rows[62]["date_start"], rows[62]["date_source"]) == ("2019-03-29", "lead")


def test_a_place_near_a_city_gives_its_province_but_no_district():
    rows = by_value(
        rows_of(
            "Twenty-one people were killed in Friday's blast at a sports ground on the outskirts "
            "of Jalalabad, officials said.\n\nOfficials in Jalalabad said 5 were arrested.",
            published="2019-03-30",
        )
    )
    assert (rows[21]["province"], rows[21]["district"]) == ("Nangarhar", "")
    assert rows[5]["district"] == "Jalalabad"  # where the speaker is, when nothing nearer


def test_an_article_dated_further_down_is_placed_by_its_opening_and_a_national_count_nowhere():
    rows = by_value(
        rows_of(
            "Special forces killed 8 Taliban fighters in a night raid in Nahr-e-Saraj district "
            "of Helmand, the NDS said on Friday.\n\n"
            "Two special forces members were wounded in the raid, a source said.\n\n"
            "The raid came a day after Wednesday's airstrike in neighboring Sangin district, in "
            "which residents say 11 civilians were killed. Officials have said 17 insurgents "
            "died in that strike.\n\n"
            "In the past 24 hours, Afghan forces conducted 14 operations in nine provinces, "
            "killing 38 insurgents, the ministry said.",
            published="2019-04-05",
        )
    )
    assert rows[2]["district"] == "Nahr-e-Saraj"  # the opening's place, not Sangin
    for value in (11, 17):  # "a day after Wednesday's airstrike": that Wednesday
        assert (rows[value]["date_start"], rows[value]["date_source"]) == (
            "2019-04-03",
            "background",
        )
    assert (rows[38]["province"], rows[38]["district"]) == ("", "")


def test_bodies_carried_to_the_provincial_capital_date_and_place_no_event():
    rows = by_value(
        rows_of(
            "Angry villagers carried the bodies of 10 people, among them women and children, to "
            "the Helmand provincial capital Lashkar Gah on Thursday.\n\n"
            "The strike hit two houses in Sangin district before dawn on Wednesday, residents "
            "said. A council member said 9 civilians were killed.",
            published="2019-04-04",
        )
    )
    assert (rows[10]["province"], rows[10]["district"]) == ("Hilmand", "")
    assert (rows[10]["date_start"], rows[10]["date_source"]) == ("2019-04-03", "lead")
    assert (rows[9]["district"], rows[9]["date_start"]) == ("Sangin", "2019-04-03")


def test_where_residents_protested_afterwards_is_not_the_event_place():
    rows = by_value(
        rows_of(
            "Residents of Nahr-e-Saraj district protested in the provincial capital, Lashkar "
            "Gah, on April 9 over last week's night raid, which they say killed 4 civilians."
            "\n\nThe NDS said 11 Taliban fighters were killed in the operation.",
            published="2019-04-11",
        )
    )
    assert rows[4]["district"] == rows[11]["district"] == "Nahr-e-Saraj"


def test_a_speaker_named_like_a_district_is_no_place():
    rows = by_value(
        rows_of(
            "Farid Ahmad Shinwari, a member of the provincial council, said 25 people had died."
            "\n\nAttaullah Khogyani said 5 people were wounded in Jalalabad.\n\n"
            "In Khogyani, 3 people were killed.",
            published="2019-04-06",
        )
    )
    assert rows[25]["district"] != "Shinwari" and rows[25]["place_source"] != "sentence"
    assert rows[5]["district"] == "Jalalabad"
    assert rows[3]["district"] == "Khogyani"  # a place where nothing names a person


def test_a_statement_date_does_not_date_a_background_event():
    rows = by_value(
        rows_of(
            "Taliban fighters killed 10 soldiers in Zabul on Monday, officials said.\n\n"
            "In neighboring Helmand Province, meanwhile, the NDS said in a new statement on "
            "April 10 that 11 Taliban fighters were killed in the operation.",
            published="2019-04-11",
        )
    )
    assert rows[10]["date_start"] == "2019-04-08"
    # when the Helmand operation happened the statement does not tell
    assert (rows[11]["date_start"], rows[11]["date_source"]) == ("", "background")


def test_a_place_located_near_a_town_does_not_take_the_district_named_before():
    rows = by_value(
        rows_of(
            "An airstrike in Chora district late Saturday killed 12 civilians. On Monday, "
            "another airstrike near Tirinkot, the provincial capital, killed four civilians.",
            published="2020-09-24",
        )
    )
    assert rows[12]["district"] == "Chora"
    assert (rows[4]["province"], rows[4]["district"]) == ("Uruzgan", "")


def test_a_separate_event_dates_the_sentences_that_continue_it():
    rows = by_value(
        rows_of(
            "Officials said 26 Taliban were killed in an airstrike in Khogyani district on "
            "Sunday night.\n\nIn a separate incident, Taliban fighters attacked checkpoints in "
            "neighboring Sherzad district early on Tuesday, the police said. Four soldiers were "
            "killed and three others were wounded, he said.",
            published="2021-06-23",
        )
    )
    assert rows[26]["date_start"] == "2021-06-20"
    for value in (4, 3):  # Tuesday's, and told apart from the lead's event
        assert (rows[value]["date_start"], rows[value]["date_source"]) == (
            "2021-06-22",
            "background",
        )


def test_a_trailing_days_after_clause_tells_of_the_other_event_not_the_figure():
    rows = by_value(
        rows_of(
            "Taliban insurgents overran two army checkpoints in eastern Afghanistan, killing 11 "
            "soldiers, officials said Wednesday, two days after a deadly air strike in a "
            "neighbouring district.\n\nThe assault began before dawn on Tuesday in the Sherzad "
            "district of Nangarhar province.",
            published="2021-06-23",
        )
    )
    assert rows[11]["date_source"] != "background"
    assert (rows[11]["date_start"], rows[11]["district"]) == ("2021-06-22", "Sherzad")


def test_the_strike_of_an_article_about_an_assault_is_the_strike_told_before():
    rows = by_value(
        rows_of(
            "Taliban insurgents overran two army checkpoints in Sherzad district of Nangarhar "
            "on Tuesday, killing 11 soldiers.\n\nThe US military said it had carried out a "
            '"defensive strike" in Khogyani on Sunday night.\n\n"The strike killed 12 Taliban '
            'fighters," a US spokesman said.\n\n"The assault killed 20 of them," the police said.',
            published="2021-06-23",
        )
    )
    assert (rows[12]["date_start"], rows[12]["district"]) == ("2021-06-20", "Khogyani")
    assert rows[12]["date_source"] == "background"
    # a kind the lead names is the lead's event
    assert (rows[20]["date_start"], rows[20]["district"]) == ("2021-06-22", "Sherzad")


def test_a_surname_like_a_district_after_a_quote_is_a_speaker():
    rows = by_value(
        rows_of(
            "An airstrike in Khogyani district of Nangarhar late Sunday killed 14 Taliban.\n\n"
            '"Seven civilians lost their lives," Shinwari told Xinhua.',
            published="2021-06-24",
        )
    )
    assert (rows[7]["province"], rows[7]["district"]) == ("Nangarhar", "Khogyani")


def test_a_dateline_in_another_part_of_the_country_is_not_the_event_place():
    text = (
        "{} (AP) — A bomb killed 16 worshippers at a mosque in {} Afghanistan on Friday.\n\n"
        "The blast hit the provincial capital of Baghlan province."
    )
    rows = by_value(rows_of(text.format("KABUL, Afghanistan", "northern"), published="2021-06-07"))
    assert rows[16]["province"] == "Baghlan"  # Kabul is not in the north
    rows = by_value(
        rows_of(text.format("JALALABAD, Afghanistan", "eastern"), published="2021-06-07")
    )
    assert (rows[16]["province"], rows[16]["place_source"]) == ("Nangarhar", "dateline")


def test_a_later_scene_does_not_date_the_claims_of_its_paragraph():
    rows = by_value(
        rows_of(
            "A bomb tore through a mosque in Pul-e-Khumri on Friday, killing 16 worshippers."
            "\n\nAt the mosque on Monday, the walls were pocked with shrapnel. A man said he "
            "lost two sons in the blast.",
            published="2021-06-07",
        )
    )
    assert (rows[2]["date_start"], rows[2]["date_source"]) == ("2021-06-04", "lead")


def test_bodies_recovered_and_handed_over_later_date_no_event():
    rows = by_value(
        rows_of(
            "Taliban fighters attacked two checkpoints in Sherzad on Tuesday, killing 9 "
            "soldiers.\n\nElders said the bodies of five soldiers were recovered from near "
            "the posts and handed over to the army on Wednesday.",
            published="2021-06-24",
        )
    )
    assert rows[5]["date_start"] == rows[9]["date_start"] == "2021-06-22"


def test_a_relative_day_opening_a_paragraph_counts_from_the_paragraph_before():
    rows = by_value(
        rows_of(
            "UNAMA documented 1,659 civilians killed in the first half of 2021.\n\n"
            "On 22 March, a roadside bomb struck a bus in Farah province, killing 13 "
            "civilians.\n\nTwo days later, during a Taliban attack on the prison in "
            "Shiberghan, four civilians were killed.",
            published="2021-07-26",
        )
    )
    assert rows[13]["date_start"] == "2021-03-22"
    assert rows[4]["date_start"] == "2021-03-24"


def test_a_press_conference_s_city_and_where_people_fled_are_not_the_event_place():
    rows = by_value(
        rows_of(
            "Taliban fighters stormed the city of Ghazni on Friday.\n\nThe MoD spokesman told a "
            "press conference in Kabul that 44 civilians were killed in the fighting.\n\n"
            '"Eleven people from our street were killed," said a teacher who fled to Kabul.',
            published="2018-08-16",
        )
    )
    for value in (44, 11):
        assert rows[value]["province"] == "Ghazni", rows[value]


def test_where_reinforcements_were_sent_from_is_not_the_event_place():
    rows = by_value(
        rows_of(
            "Reinforcements have been sent from Kabul and Paktia, the spokesman said, after 14 "
            "policemen were killed in Ghazni.",
            published="2018-08-10",
        )
    )
    assert rows[14]["province"] == "Ghazni"


def test_the_city_of_a_province_s_name_is_its_capital():
    rows = by_value(
        rows_of(
            "Taliban fighters battled in the streets of the eastern city of Ghazni, killing 20 "
            "policemen.\n\nIn Ghazni province, 5 soldiers were killed.",
            published="2018-08-11",
        )
    )
    assert (rows[20]["province"], rows[20]["district"]) == ("Ghazni", "Ghazni")
    assert (rows[5]["province"], rows[5]["district"]) == ("Ghazni", "")


def test_an_event_named_by_its_place_gives_way_to_the_place_the_sentence_tells_of():
    rows = by_value(
        rows_of(
            "A day after the Kabul attack, a bomb near a mosque in northern Balkh province "
            "killed 13 worshippers.\n\nThe enemy martyred a shopkeeper in the Archi raid and "
            "took 3 civilians with them.",
            published="2016-10-13",
        )
    )
    assert rows[13]["province"] == "Balkh"
    assert rows[3]["district"] == "Dasht-e-Archi"  # the only place: the event's own


def test_the_office_the_bodies_were_carried_to_is_not_the_event_place():
    rows = by_value(
        rows_of(
            "Villagers carried the bodies of 16 people to the governor's office in the northern "
            "Afghan city of Kunduz on Sunday, saying they were killed in an airstrike.\n\n"
            "The strike hit Kalta Tepa village in Chahar Dara district.",
            published="2016-10-09",
        )
    )
    assert rows[16]["district"] != "Kunduz"
