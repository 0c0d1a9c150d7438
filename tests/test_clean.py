"""casualties.clean: canonical columns, ranges by preset, validation, idempotence, CLI."""

from __future__ import annotations

import logging
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from casualties.clean import clean, clean_schema
from casualties.clean.core import read_claims
from casualties.cli import main
from casualties.contract import CLAIM_COLUMNS, RANGE_COLUMNS, vocabulary
from casualties.errors import InputError, ParameterError
from casualties.figures import QUALIFIERS, VAGUE_WORDS

FIXTURES = Path(__file__).parent / "fixtures"
TEXT_CLAIMS = FIXTURES / "clean" / "claims_text.csv"
SEED = FIXTURES / "seed_claims_example.csv"


def claims(**columns) -> pd.DataFrame:
    """A small table with the minimum columns; keyword arguments override or add columns."""
    n = max((len(v) for v in columns.values() if isinstance(v, list)), default=1)
    base = {
        "outcome": ["killed"] * n,
        "figure_text": ["36"] * n,
        "claimant_text": ["officials"] * n,
        "victim_text": ["civilians"] * n,
        "place_text": ["Helmand"] * n,
        "date_text": ["2019-09-29"] * n,
    }
    base.update(columns)
    return pd.DataFrame(base)


def problems_of(df: pd.DataFrame, **kwargs) -> str:
    with pytest.raises(InputError) as error:
        clean(df, **kwargs)
    return str(error.value)


# --- filling canonical columns ---------------------------------------------------------------


def test_free_text_claims_are_filled_in():
    out = clean(read_claims(TEXT_CLAIMS))
    expected = pd.DataFrame(
        [
            ("afghan_gov", "taliban", 36, "exact", "Takhar", "AF18", "Taloqan", "AF1801",
             "2019-09-30", "2019-09-30", 36, 36, 36),
            ("taliban", "afghan_forces", 21, "exact", "Takhar", "AF18", "Baharak", "AF1803",
             "2019-09-29", "2019-10-01", 21, 21, 21),
            ("us_nato", "us_forces", 1, "exact", "Kabul", "AF01", "Kabul", "AF0101",
             "2019-09-05", "2019-09-05", 1, 1, 1),
            ("us_nato", "coalition_forces", 1, "exact", "Kabul", "AF01", "Kabul", "AF0101",
             "2019-09-05", "2019-09-05", 1, 1, 1),
            ("us_nato", "civilians", 10, "at_least", "Kabul", "AF01", "Kabul", "AF0101",
             "2019-09-05", "2019-09-05", 10, 10, 15),
            ("media", "unspecified", 182, "exact", "Kabul", "AF01", "Kabul", "AF0101",
             "2019-08-17", "2019-08-17", 182, 182, 182),
            ("taliban", "other_militants", None, "vague", "Hilmand", "AF30", "", "",
             "", "", 24, 24, 99),
            ("unknown", "civilians", 2400, "more_than", "Hirat", "AF32", "Hirat", "AF3201",
             "", "", 2401, 2401, 3600),
            ("un", "civilians", None, "vague", "Hilmand", "AF30", "Musa Qala", "AF3009",
             "2019-09-20", "2019-09-20", 20, 20, 99),
        ],
        columns=["claimant", "victim", "value", "qualifier", "province", "province_pcode",
                 "district", "district_pcode", "date_start", "date_end", *RANGE_COLUMNS],
    )  # fmt: skip
    got = out[expected.columns].astype(object).where(out[expected.columns].notna(), None)
    assert got.to_dict("records") == expected.astype(object).where(expected.notna(), None).to_dict(
        "records"
    )
    assert list(out["published"])[2] == "2019-09-09"  # "Sept. 9, 2019" made ISO


def test_every_input_column_kept_in_order_then_canonical_then_ranges():
    df = read_claims(TEXT_CLAIMS)
    out = clean(df)
    assert list(out.columns[: len(df.columns)]) == list(df.columns)
    added = [c for c in CLAIM_COLUMNS if c not in df.columns and c in out.columns]
    assert list(out.columns[len(df.columns) :]) == added + list(RANGE_COLUMNS)
    pd.testing.assert_frame_equal(out[df.columns], df.assign(published=out["published"]))


def test_extract_shaped_table_keeps_exactly_the_contract_columns():
    df = read_claims(TEXT_CLAIMS)
    for column in CLAIM_COLUMNS:
        if column not in df.columns:
            df[column] = ""
    df = df[list(CLAIM_COLUMNS)]
    out = clean(df)
    assert list(out.columns) == [*CLAIM_COLUMNS, *RANGE_COLUMNS]


def test_seed_claims_clean_to_their_canonical_values():
    seed = read_claims(SEED)
    out = clean(seed)
    for column in ("claimant", "victim", "outcome", "qualifier", "province", "district"):
        assert list(out[column]) == list(seed[column]), column
    assert list(out["value"].astype("string").fillna("")) == list(seed["value"])
    assert (out["district_pcode"].str[:4] == out["province_pcode"]).all()


def test_unknown_claimant_is_kept_as_unknown_and_listed_in_a_warning(caplog):
    df = claims(claimant_text=["officials", "a man at the market", "a man at the market", "x y"])
    with caplog.at_level(logging.WARNING, logger="casualties.clean"):
        out = clean(df)
    assert list(out["claimant"]) == ["afghan_gov", "unknown", "unknown", "unknown"]
    assert len(out) == 4
    (warning,) = [w for w in out.attrs["warnings"] if "alias tables" in w]
    assert "'a man at the market' (rows 2, 3)" in warning and "'x y' (row 4)" in warning
    assert "a man at the market" in caplog.text


def test_canonical_columns_win_over_free_text():
    out = clean(claims(claimant=["taliban"], claimant_text=["officials"], victim=["taliban"]))
    assert (out["claimant"].iloc[0], out["victim"].iloc[0]) == ("taliban", "taliban")


# --- places ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("columns", "expected"),
    [
        ({"district": ["Baharak"], "province": ["Takhar"]}, ("Takhar", "Baharak", "AF1803")),
        (
            {"district": ["Baharak"], "province": ["Badakhshan"]},
            ("Badakhshan", "Baharak", "AF1706"),
        ),
        ({"district": ["Musa Qalah"]}, ("Hilmand", "Musa Qala", "AF3009")),  # fixes province
        ({"province": ["helmand"]}, ("Hilmand", "", "")),
        ({"district_pcode": ["AF3212"]}, ("Hirat", "Obe", "AF3212")),
        ({"place_text": ["Pul-i-Khurmi"]}, ("Baghlan", "Pul-e-Khumri", "AF0901")),
        ({"place_text": ["Herat City"]}, ("Hirat", "Hirat", "AF3201")),
        ({"place_text": [""]}, ("", "", "")),
    ],
)
def test_places(columns, expected):
    df = claims(**columns)
    if "place_text" not in columns:
        df = df.drop(columns="place_text")
    out = clean(df)
    assert (out["province"].iloc[0], out["district"].iloc[0], out["district_pcode"].iloc[0]) == (
        expected
    )


def test_ambiguous_place_text_is_reported_not_guessed():
    out = clean(claims(place_text=["Baharak", "Baharak district, Takhar", "Narnia"]))
    assert list(out["district"]) == ["", "Baharak", ""]
    warnings = " | ".join(out.attrs["warnings"])
    assert "row 1: place_text 'Baharak' is ambiguous (Badakhshan, Takhar)" in warnings
    assert "row 3: place_text 'Narnia' is not a known place" in warnings


def test_bad_canonical_places_are_problems():
    df = claims(
        district=["Baharak", "Musa Qala", "Atlantis", ""],
        province=["", "Takhar", "", "Narnia"],
    ).drop(columns="place_text")
    message = problems_of(df)
    assert "row 1: district 'Baharak' is in Badakhshan, Takhar: give the province" in message
    assert "row 2: district 'Musa Qala' is not in province 'Takhar'" in message
    assert "row 3: unknown district 'Atlantis'" in message
    assert "row 4: unknown province 'Narnia'" in message


# --- dates -----------------------------------------------------------------------------------


def test_dates_given_and_from_iso_text():
    df = claims(
        date_text=["", "2019-09-29 to 2019-10-01", "", "September 29, 2019"],
        date_start=["2019-09-05", "", "", ""],
        date_end=["", "", "", ""],
    )
    out = clean(df)
    assert list(zip(out["date_start"], out["date_end"], strict=True)) == [
        ("2019-09-05", "2019-09-05"),
        ("2019-09-29", "2019-10-01"),
        ("", ""),
        ("2019-09-29", "2019-09-29"),
    ]


def test_relative_date_resolved_against_published():
    out = clean(claims(date_text=["on Thursday"], published=["2019-09-06"]))
    assert (out["date_start"].iloc[0], out["date_end"].iloc[0]) == ("2019-09-05", "2019-09-05")


# --- presets ---------------------------------------------------------------------------------

PHRASES = [
    "100", "at least 100", "more than 100", "about 100", "nearly 100", "up to 100",
    "a couple", "a few", "several", "a number of", "dozens", "tens of", "scores", "hundreds",
    "thousands", "tens of thousands", "a handful", "between 100 and 200",
]  # fmt: skip
EXPECTED = {
    "default": [
        (100, 100, 100), (100, 100, 150), (101, 101, 150), (90, 100, 110), (90, 100, 100),
        (50, 100, 100), (2, 2, 3), (2, 3, 5), (3, 3, 9), (3, 3, 9), (24, 24, 99),
        (20, 20, 99), (40, 40, 99), (200, 200, 999), (2000, 2000, 9999),
        (20000, 20000, 99999), (2, 3, 5), (100, 150, 200),
    ],
    "ucdp": [
        (100, 100, 100), (100, 100, 100), (101, 101, 101), (100, 100, 100), (100, 100, 100),
        (50, 50, 50), (2, 2, 2), (2, 2, 2), (3, 3, 3), (3, 3, 3), (24, 24, 24), (20, 20, 20),
        (40, 40, 40), (200, 200, 200), (2000, 2000, 2000), (20000, 20000, 20000), (2, 2, 2),
        (100, 100, 200),
    ],
    "acled": [
        (100, 100, 100), (100, 100, 100), (100, 100, 100), (100, 100, 100), (100, 100, 100),
        (100, 100, 100), (2, 2, 2), (3, 3, 3), (3, 3, 3), (3, 3, 3), (12, 12, 12),
        (10, 10, 10), (20, 20, 20), (100, 100, 100), (1000, 1000, 1000),
        (10000, 10000, 10000), (3, 3, 3), (100, 100, 200),
    ],
}  # fmt: skip


@pytest.mark.parametrize("preset", sorted(EXPECTED))
def test_preset_table_through_clean(preset):
    out = clean(claims(figure_text=PHRASES), preset=preset)
    assert set(out["qualifier"]) == set(QUALIFIERS) | {"vague"}
    words = {p for p in PHRASES if not p[0].isdigit() and " 100" not in p}
    assert words == set(VAGUE_WORDS)
    got = list(zip(out["low"], out["best"], out["high"], strict=True))
    assert got == EXPECTED[preset]


def test_another_preset_recomputes_ranges_of_a_clean_table():
    default = clean(claims(figure_text=PHRASES))
    for preset, expected in EXPECTED.items():
        again = clean(default, preset=preset)
        assert list(zip(again["low"], again["best"], again["high"], strict=True)) == expected
        assert again.drop(columns=list(RANGE_COLUMNS)).equals(
            default.drop(columns=list(RANGE_COLUMNS))
        )


def test_user_conventions_file(tmp_path):
    text = (Path(__file__).parents[1] / "data/reference/presets/default.yaml").read_text()
    path = tmp_path / "mine.yaml"
    old = "dozens:            {low: 24,    best: 24,    high: 99}"
    path.write_text(text.replace(old, "dozens: {low: 12, best: 36, high: 99}"))
    out = clean(claims(figure_text=["dozens"]), conventions=path)
    assert (out["low"].iloc[0], out["best"].iloc[0], out["high"].iloc[0]) == (12, 36, 99)


def test_unknown_preset_is_a_parameter_error():
    with pytest.raises(ParameterError):
        clean(claims(), preset="nope")


# --- idempotence -----------------------------------------------------------------------------


def test_cleaning_a_clean_table_changes_nothing(tmp_path):
    once = clean(read_claims(TEXT_CLAIMS))
    pd.testing.assert_frame_equal(clean(once), once)
    first, second = tmp_path / "once.csv", tmp_path / "twice.csv"
    once.to_csv(first, index=False)
    clean(read_claims(first)).to_csv(second, index=False)
    assert first.read_text() == second.read_text()


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.tuples(
            st.sampled_from(PHRASES + ["a dozen", "fifty-two", "1,200", "another 50-plus", "no"]),
            st.sampled_from(["officials", "the Taliban", "someone", "UNAMA", ""]),
            st.sampled_from(["civilians", "Taliban fighters", "people", ""]),
            st.sampled_from(["Kabul", "Baharak", "Takhar province", "Nowhere", "", "Farah City"]),
            st.sampled_from(["2019-09-29", "", "2019-09-01/2019-09-03"]),
        ),
        min_size=1,
        max_size=12,
    ),
    st.sampled_from(["default", "ucdp", "acled"]),
)
def test_idempotent_for_any_mix(rows, preset):
    df = pd.DataFrame(rows, columns=["figure_text", "claimant_text", "victim_text", "place_text",
                                     "date_text"]).assign(outcome="wounded")  # fmt: skip
    once = clean(df, preset=preset)
    pd.testing.assert_frame_equal(clean(once, preset=preset), once)
    clean_schema().validate(once)


# --- bad input -------------------------------------------------------------------------------


def test_every_problem_listed_at_once_with_rows():
    df = claims(
        figure_text=["36", "many", "36", "36", "36", "-5", "36"],
        claimant=["", "", "martians", "", "", "", ""],
        outcome=["killed", "killed", "killed", "exploded", "killed", "killed", "killed"],
        date_start=["", "", "", "", "29/09/2019", "", "2019-10-02"],
        date_end=["", "", "", "", "", "", "2019-10-01"],
    )
    message = problems_of(df)
    for expected in [
        "row 2: unknown figure phrase 'many'",
        "row 3: claimant 'martians' is not one of",
        "row 4: outcome 'exploded' is not one of killed, wounded, detained",
        "row 5: date_start '29/09/2019' is not an ISO date (YYYY-MM-DD)",
        "row 6: unknown figure phrase '-5'",
        "row 7: date_start 2019-10-02 is after date_end 2019-10-01",
        "rows are 1-based data rows",
    ]:
        assert expected in message
    assert "row 1:" not in message


@pytest.mark.parametrize(
    ("columns", "expected"),
    [
        ({"victim": ["martians"]}, "row 1: victim 'martians' is not one of"),
        ({"qualifier": ["roughly"]}, "row 1: qualifier 'roughly' is not one of"),
        ({"value": ["-3"]}, "row 1: value '-3' is not a non-negative whole number"),
        ({"value": ["35"]}, "row 1: value 35 disagrees with figure_text '36' (36)"),
        ({"qualifier": ["about"]}, "qualifier 'about' disagrees with figure_text '36' (exact)"),
        (
            {"low": ["40"], "best": ["36"], "high": ["36"]},
            "row 1: low <= best <= high does not hold",
        ),
        ({"low": ["-1"], "best": ["36"], "high": ["36"]}, "row 1: low is negative"),
        ({"high": ["lots"]}, "row 1: high is not a whole number"),
        ({"figure_text": [""]}, "row 1: figure_text is empty"),
        ({"published": ["someday"]}, "row 1: published 'someday' is not a date"),
        ({"date_end": ["2019-02-30"]}, "row 1: date_end '2019-02-30' is not an ISO date"),
        ({"district_pcode": ["AF9999"]}, "row 1: unknown district_pcode 'AF9999'"),
    ],
)
def test_each_bad_input(columns, expected):
    assert expected in problems_of(claims(**columns))


@pytest.mark.parametrize(
    ("drop", "expected"),
    [
        (["outcome"], "missing column(s): outcome"),
        (["figure_text"], "missing column(s): figure_text"),
        (["claimant_text"], "claimant or claimant_text"),
        (["victim_text", "figure_text"], "missing column(s): figure_text; victim or victim_text"),
    ],
)
def test_missing_columns(drop, expected):
    message = problems_of(claims().drop(columns=drop))
    assert expected in message


def test_place_and_date_columns_are_optional():
    out = clean(claims().drop(columns=["place_text", "date_text"]))
    place_and_date = ["province", "province_pcode", "district", "district_pcode"]
    assert out[[*place_and_date, "date_start", "date_end"]].iloc[0].tolist() == [""] * 6
    assert out[["claimant", "best"]].iloc[0].tolist() == ["afghan_gov", 36]


def test_figure_without_text_uses_value_and_qualifier():
    out = clean(claims(figure_text=[""], value=["12"], qualifier=["about"]))
    assert (out["low"].iloc[0], out["best"].iloc[0], out["high"].iloc[0]) == (10, 12, 14)


def test_phrase_outside_the_grammar_needs_a_given_value():
    out = clean(claims(figure_text=["the", "the fourth"], value=["1", "4"], qualifier="exact"))
    assert list(out["best"]) == [1, 4]
    assert any("figure_text 'the' read as given: 1 exact" in w for w in out.attrs["warnings"])
    assert "row 1: unknown figure phrase 'the'" in problems_of(claims(figure_text=["the"]))
    vague = claims(figure_text=["heaps"], qualifier=["vague"])
    assert "unknown figure phrase 'heaps'" in problems_of(vague)


def test_typed_input_from_analyse_is_accepted():
    once = clean(read_claims(TEXT_CLAIMS))
    typed = once.assign(value=once["value"].astype("Int64"), low=once["low"].astype("int64"))
    pd.testing.assert_frame_equal(clean(typed), once)


def test_schema_rejects_a_broken_table():
    out = clean(read_claims(TEXT_CLAIMS))
    schema = clean_schema()
    schema.validate(out)
    for column, values, check in [
        ("low", out["high"] + 1, "low <= best <= high"),
        ("date_end", ["2000-01-01"] * len(out), "date_start <= date_end"),
        ("province_pcode", ["AF01"] * len(out), "district_pcode within province_pcode"),
        ("claimant", ["martians"] * len(out), "claimant vocabulary"),
        ("district", ["Atlantis"] * len(out), "COD district name"),
        ("date_start", ["29/09/2019"] * len(out), "YYYY-MM-DD"),
    ]:
        with pytest.raises(Exception, match=check):
            schema.validate(out.assign(**{column: values}))
    assert set(vocabulary("claimant")) >= set(out["claimant"])


# --- command line ----------------------------------------------------------------------------


def test_cli_writes_the_clean_table(tmp_path, capsys):
    output = tmp_path / "out" / "claims_clean.csv"
    assert main(["clean", str(TEXT_CLAIMS), "-o", str(output), "--preset", "acled"]) == 0
    written = read_claims(output)
    assert len(written) == 9 and written["high"].iloc[7] == "2400"
    assert "cleaned 9 claims" in capsys.readouterr().err


def test_cli_invalid_input_exits_2_and_writes_nothing(tmp_path, capsys):
    bad = tmp_path / "bad.csv"
    claims(figure_text=["36", "heaps"], outcome=["killed", "exploded"]).to_csv(bad, index=False)
    output = tmp_path / "claims_clean.csv"
    assert main(["clean", str(bad), "-o", str(output)]) == 2
    err = capsys.readouterr().err
    assert "row 2: unknown figure phrase 'heaps'" in err and "row 2: outcome 'exploded'" in err
    assert str(bad) in err
    assert not output.exists() and list(tmp_path.iterdir()) == [bad]


HAND_TYPED = FIXTURES / "clean" / "hand_typed.csv"


def test_cli_cleans_a_hand_typed_table_without_place_or_date(tmp_path):
    output = tmp_path / "claims_clean.csv"
    assert main(["clean", str(HAND_TYPED), "-o", str(output)]) == 0
    written = read_claims(output)
    assert list(written.columns[:4]) == ["claimant", "victim", "outcome", "figure_text"]
    assert written[["low", "best", "high"]].values.tolist() == [
        ["10", "10", "15"],
        ["24", "24", "99"],
        ["1200", "1200", "1200"],
    ]
    for column in ("province", "province_pcode", "district", "district_pcode"):
        assert set(written[column]) == {""}
    assert set(written["date_start"]) == set(written["date_end"]) == {""}


@pytest.mark.parametrize("column", ["outcome", "figure_text"])
def test_cli_hand_typed_table_without_outcome_or_figure_is_refused(tmp_path, capsys, column):
    table = tmp_path / "typed.csv"
    read_claims(HAND_TYPED).drop(columns=[column]).to_csv(table, index=False)
    output = tmp_path / "claims_clean.csv"
    assert main(["clean", str(table), "-o", str(output)]) == 2
    assert f"{table}: missing column(s): {column}" in capsys.readouterr().err
    assert not output.exists()


def test_cli_hand_typed_table_lists_every_bad_row(tmp_path, capsys):
    table = tmp_path / "typed.csv"
    typed = read_claims(HAND_TYPED)
    typed.loc[0, "outcome"], typed.loc[2, "figure_text"] = "exploded", "heaps"
    typed.to_csv(table, index=False)
    output = tmp_path / "claims_clean.csv"
    assert main(["clean", str(table), "-o", str(output)]) == 2
    err = capsys.readouterr().err
    assert "row 1: outcome 'exploded'" in err and "row 3: unknown figure phrase 'heaps'" in err
    assert not output.exists()


@pytest.mark.parametrize("arguments", [["--preset", "nope"], ["--conventions", "/no/such.yaml"]])
def test_cli_bad_parameters_exit_2(tmp_path, arguments):
    output = tmp_path / "out.csv"
    assert main(["clean", str(TEXT_CLAIMS), "-o", str(output), *arguments]) == 2
    assert not output.exists()


def test_cli_preset_and_conventions_exclude_each_other(tmp_path):
    with pytest.raises(SystemExit) as exit_:
        main(["clean", str(TEXT_CLAIMS), "--preset", "ucdp", "--conventions", "x.yaml"])
    assert exit_.value.code == 2


def test_cli_missing_or_unreadable_input(tmp_path):
    assert main(["clean", str(tmp_path / "none.csv"), "-o", str(tmp_path / "o.csv")]) == 2
    empty = tmp_path / "empty.csv"
    empty.write_text("")
    assert main(["clean", str(empty), "-o", str(tmp_path / "o.csv")]) == 2


# --- quarantine (the pipeline's clean) ------------------------------------------------------


def test_quarantine_sets_bad_rows_aside_with_quote_and_reason():
    from casualties.clean import clean_quarantine
    from casualties.contract import REJECTED_COLUMNS

    table = claims(
        figure_text=["36", "umpteen", "12", "dozens"],
        quote=["a", "b <i>", "c", "d"],
        district=["", "", "Baharak", ""],
    )
    out, rejected = clean_quarantine(table)
    assert out["figure_text"].tolist() == ["36", "dozens"]
    assert list(rejected.columns) == list(REJECTED_COLUMNS)
    assert rejected["row"].tolist() == ["2", "3"]
    assert rejected["quote"].tolist() == ["b <i>", "c"]
    assert "unknown figure phrase 'umpteen'" in rejected["reason"].iloc[0]
    assert "Baharak" in rejected["reason"].iloc[1]
    with pytest.raises(InputError, match="row 2: unknown figure phrase"):
        clean(table)  # a user's table: every problem listed, nothing set aside


def test_quarantine_of_a_clean_table_sets_nothing_aside():
    from casualties.clean import clean_quarantine

    out, rejected = clean_quarantine(claims(figure_text=["36", "a handful of"]))
    assert len(out) == 2 and rejected.empty


def test_quarantine_still_fails_on_problems_of_the_whole_table():
    from casualties.clean import clean_quarantine

    with pytest.raises(InputError, match="missing column"):
        clean_quarantine(claims().drop(columns=["outcome"]))


def test_cli_lists_every_problem_by_default_and_sets_rows_aside_on_request(tmp_path, capsys):
    source = tmp_path / "in.csv"
    claims(figure_text=["36", "umpteen", "lots"]).to_csv(source, index=False)
    out, rejected = tmp_path / "out.csv", tmp_path / "rejected.csv"
    assert main(["clean", str(source), "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert "row 2: unknown figure phrase 'umpteen'" in err and "row 3" in err
    assert not out.exists()
    assert main(["clean", str(source), "-o", str(out), "--quarantine", str(rejected)]) == 0
    assert len(read_claims(out)) == 1 and len(read_claims(rejected)) == 2
    assert "2 set aside" in capsys.readouterr().err
