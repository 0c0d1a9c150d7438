"""casualties.gazetteer: spellings to OCHA COD names and P-codes."""

from __future__ import annotations

import pytest

from casualties.gazetteer import fold, gazetteer, translit_key


@pytest.fixture(scope="module")
def gaz():
    return gazetteer()


LOOKUPS = [
    # spelling, province, province P-code, district, district P-code
    ("Hilmand", "Hilmand", "AF30", None, None),
    ("Helmand", "Hilmand", "AF30", None, None),
    ("helmand province", "Hilmand", "AF30", None, None),
    ("HERAT", "Hirat", "AF32", None, None),
    ("Herat City", "Hirat", "AF32", "Hirat", "AF3201"),
    ("Farah City", "Farah", "AF33", "Farah", "AF3301"),
    ("Kunduz City", "Kunduz", "AF19", "Kunduz", "AF1901"),
    ("Kondoz", "Kunduz", "AF19", None, None),
    ("Kabul", "Kabul", "AF01", "Kabul", "AF0101"),
    ("Kabul province", "Kabul", "AF01", None, None),
    ("Taloqan", "Takhar", "AF18", "Taloqan", "AF1801"),
    ("Taluqan", "Takhar", "AF18", "Taloqan", "AF1801"),
    ("Keshk Rabat Sangi", "Hirat", "AF32", "Kushk", "AF3207"),
    ("Obe", "Hirat", "AF32", "Obe", "AF3212"),
    ("Obeh", "Hirat", "AF32", "Obe", "AF3212"),
    ("Oba", "Hirat", "AF32", "Obe", "AF3212"),
    ("Musa Qala", "Hilmand", "AF30", "Musa Qala", "AF3009"),
    ("Musa Qalah", "Hilmand", "AF30", "Musa Qala", "AF3009"),
    ("Pul-i-Khurmi", "Baghlan", "AF09", "Pul-e-Khumri", "AF0901"),
    ("Pul-e-Khumri", "Baghlan", "AF09", "Pul-e-Khumri", "AF0901"),
    ("pul e khumri", "Baghlan", "AF09", "Pul-e-Khumri", "AF0901"),
    ("Ghorian", "Hirat", "AF32", "Ghoryan", "AF3211"),
    ("Qala-i-Naw", "Badghis", "AF31", "Qala-e-Naw", "AF3101"),
    ("Mazar-i-Sharif", "Balkh", "AF21", "Mazar-e-Sharif", "AF2101"),
    ("Lashkar Gah", "Hilmand", "AF30", "Lashkargah", "AF3001"),
    ("Farsi district", "Hirat", "AF32", "Farsi", "AF3215"),
    ("Garmsir district", "Hilmand", "AF30", "Garmser", "AF3006"),
    ("Wardak", "Maidan Wardak", "AF04", None, None),
]


@pytest.mark.parametrize(("name", "province", "ppcode", "district", "dpcode"), LOOKUPS)
def test_lookup(gaz, name, province, ppcode, district, dpcode):
    place = gaz.lookup(name)
    assert place is not None
    assert (place.province, place.province_pcode, place.district, place.district_pcode) == (
        province,
        ppcode,
        district,
        dpcode,
    )
    assert not place.ambiguous


def test_every_cod_name_finds_itself(gaz):
    import csv

    from casualties.paths import GAZETTEER

    with open(GAZETTEER / "afg_adm2_cod.csv", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            place = gaz.lookup(f"{row['ADM2_EN']} district", row["ADM1_PCODE"])
            assert place.district_pcode == row["ADM2_PCODE"], row["ADM2_EN"]
            assert place.province_pcode == row["ADM1_PCODE"]


def _variants(name: str) -> list[dict]:
    import csv

    from casualties.paths import GAZETTEER

    with open(GAZETTEER / name, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_every_listed_district_variant_finds_its_district(gaz):
    # A bare spelling may be a province ("Farah") or a common word ("Banu"): with "district"
    # after it, every spelling must find its district.
    for row in _variants("afg_adm2_name_variants.csv"):
        place = gaz.lookup(row["variant"], row["adm1_pcode"])
        if place is None or place.district_pcode is None:
            place = gaz.lookup(f"{row['variant']} district", row["adm1_pcode"])
        assert place is not None and place.district_pcode == row["adm2_pcode"], row


# Natural Earth rows that name another province than COD and UCDP do for the same spelling
# (its polygons for Paktika, Parwan and Uruzgan carry their neighbours' names).
NATURAL_EARTH_MISLABELS = {
    ("Paktiya", "AF12"), ("Paktya", "AF12"), ("Panjshir", "AF03"), ("Daykundi", "AF25"),
    ("Daykundi, Wilayat-e", "AF25"), ("Wilayat-e Daykundi", "AF25"),
}  # fmt: skip


def test_every_listed_province_variant_finds_its_province(gaz):
    checked = 0
    for row in _variants("afg_adm1_name_variants.csv"):
        variant = row["variant"]
        if "?" in variant or ":" in variant or variant.endswith("ern Province"):
            continue  # junk rows of the source (mangled letters, centroids, regions)
        if (variant, row["adm1_pcode"]) in NATURAL_EARTH_MISLABELS:
            continue
        place = gaz.lookup(variant)
        assert place is not None and place.province_pcode == row["adm1_pcode"], row
        checked += 1
    assert checked > 350


def test_baharak_is_ambiguous_without_province(gaz):
    place = gaz.lookup("Baharak")
    assert place.ambiguous
    assert place.province is None and place.district == "Baharak"
    assert {c.province for c in place.candidates} == {"Badakhshan", "Takhar"}


@pytest.mark.parametrize(
    ("province", "expected"),
    [("Takhar", "AF1803"), ("AF17", "AF1706"), ("Badakhshan", "AF1706"), ("takhar", "AF1803")],
)
def test_baharak_resolved_by_province(gaz, province, expected):
    place = gaz.lookup("Baharak district", province)
    assert place.district_pcode == expected and not place.ambiguous


@pytest.mark.parametrize("name", ["Nelly", "Farsi", "Southern Province", "London", "", "Centre"])
def test_unknown_or_common_words_are_not_places(gaz, name):
    assert gaz.lookup(name) is None


def test_folding():
    assert fold("Pul-e-Khumri") == fold("pul e  khumri") == "pul e khumri"
    assert fold("Hérât") == "herat"
    assert translit_key("Helmand") == translit_key("Hilmand")
    assert translit_key("Qala") == translit_key("Qalah")


def test_find_in_text(gaz):
    text = (
        "The Taliban attacked Taluqan, the capital of Takhar province, and fighting spread "
        "to Baharak district. In Herat City and in southern helmand, Musa Qala fell; "
        "Nelly spoke Farsi in London."
    )
    found = [(m.text, m.place.province, m.place.district) for m in gaz.find_in_text(text)]
    assert found == [
        ("Taluqan", "Takhar", "Taloqan"),
        ("Takhar province", "Takhar", None),
        ("Baharak district", "Takhar", "Baharak"),  # resolved by Takhar in the same text
        ("Herat City", "Hirat", "Hirat"),
        ("helmand", "Hilmand", None),
        ("Musa Qala", "Hilmand", "Musa Qala"),
    ]
    for mention in gaz.find_in_text(text):
        assert text[mention.start : mention.end] == mention.text


def test_find_in_text_ambiguous_without_context(gaz):
    (mention,) = gaz.find_in_text("Fighting in Baharak district continued.")
    assert mention.place.ambiguous


def test_lower_case_district_needs_a_cue(gaz):
    assert gaz.find_in_text("the nari and reg were") == []
    assert [m.text for m in gaz.find_in_text("in baharak district")] == ["baharak district"]


def test_gazetteer_is_cached():
    assert gazetteer() is gazetteer()


def test_a_spelling_of_two_districts_is_told_apart_by_the_province():
    places = gazetteer()
    found = {m.text: m.place for m in places.find_in_text("in Khugyani district of Nangarhar")}
    assert found["Khugyani district"].district == "Khogyani"
    found = {m.text: m.place for m in places.find_in_text("in Khugyani district of Ghazni")}
    assert found["Khugyani district"].district == "Wal-e-Muhammad-e-Shahid"
    assert places.find_in_text("from Khugyani")[0].place.ambiguous
