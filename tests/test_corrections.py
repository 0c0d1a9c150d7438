"""Corrections: the file, each kind of decision, stale decisions, bad rows, re-runs."""

from __future__ import annotations

import csv
import logging

import pandas as pd
import pytest
from fixtures.analyse.factory import HIRAT, KABUL, claim
from hypothesis import given, settings
from hypothesis import strategies as st

from casualties.clean import clean, clean_quarantine
from casualties.contract import CLAIM_COLUMNS
from casualties.corrections import (
    FIELDS,
    FILE_COLUMNS,
    added_claim_id,
    format_fields,
    parse_fields,
    read_corrections,
)
from casualties.corrections.decisions import DEFAULT_CORRECTIONS
from casualties.errors import InputError
from casualties.paths import ROOT

EXAMPLE = ROOT / "docs" / "examples" / "corrections.csv"


def write(path, *rows: dict, header=FILE_COLUMNS):
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        for row in rows:
            writer.writerow([row.get(c, "") for c in header])
    return path


def decision(kind: str, **cells) -> dict:
    return {"decision": kind, "analyst": "A. Analyst", "reason": "checked", **cells}


def table(*claims: dict) -> pd.DataFrame:
    """An extract-shaped claims table (text cells, as read from claims.csv)."""
    frame = pd.DataFrame(list(claims), columns=list(CLAIM_COLUMNS))
    return frame.astype(str)


def three() -> pd.DataFrame:
    return table(
        claim(1, doc="d1", place=KABUL, date="2019-09-05", quote="Ten civilians were killed."),
        claim(2, doc="d1", place=KABUL, date="2019-09-05", victim="afghan_forces"),
        claim(3, doc="d2", place=HIRAT, date="2019-09-07", claimant="un", best=4),
    )


# --- the file -----------------------------------------------------------------------------


def test_the_example_file_reads_and_the_default_file_holds_no_decisions():
    example = read_corrections(EXAMPLE)
    assert [d.decision for d in example.decisions] == ["add", "merge", "merge", "set", "set",
                                                       "set"]  # fmt: skip
    assert all(d.analyst and d.reason for d in example.decisions)
    assert DEFAULT_CORRECTIONS.is_file() and len(read_corrections(DEFAULT_CORRECTIONS)) == 0
    assert len(read_corrections(None)) == 0


BAD_ROWS = [
    (decision("sett", claim_id="d1-c001"), "decision 'sett'"),
    (decision("set", claim_id="d1-c001", field="victim", value="soldiers"), "victim 'soldiers'"),
    (decision("set", claim_id="d1-c001", field="claimant", value="UNAMA"), "is not one of"),
    (decision("set", claim_id="d1-c001", field="figure", value="umpteen"), "figure 'umpteen'"),
    (decision("set", claim_id="d1-c001", field="figure", value=""), "figure ''"),
    (decision("set", claim_id="d1-c001", field="place", value="Atlantis"), "not a known place"),
    (decision("set", claim_id="d1-c001", field="place", value="Baharak"), "ambiguous"),
    (decision("set", claim_id="d1-c001", field="date", value="5 Sept"), "not YYYY-MM-DD"),
    (decision("set", claim_id="d1-c001", field="date", value="2019-09-07/2019-09-05"), "ends"),
    (decision("set", claim_id="d1-c001", field="colour", value="red"), "field 'colour'"),
    (decision("set", field="outcome", value="killed"), "needs claim_id"),
    (decision("drop", claim_id="d1-c001", value="x"), "does not use value"),
    (decision("drop", claim_id="d1-c001", analyst=""), "analyst ''"),
    (decision("drop", claim_id="d1-c001", reason=""), "reason ''"),
    (decision("merge", claim_id="d1-c001"), "needs other_claim_id"),
    (decision("merge", claim_id="d1-c001", other_claim_id="d1-c001"), "two different"),
    (decision("add", doc_id="d1", quote="q", value="claimant=un; victim=civilians"),
     "needs the field(s) outcome, figure"),
    (decision("add", doc_id="d1", quote="q", value="claimant un"), "not field=value"),
    (decision("add", doc_id="d1", quote="q",
              value="claimant=un; victim=civilians; outcome=killed; figure=3; colour=red"),
     "unknown field 'colour'"),
    (decision("add", quote="q", value="claimant=un; victim=civilians; outcome=killed; figure=3"),
     "needs doc_id"),
    (decision("add", claim_id="d1-c009", doc_id="d1", quote="q",
              value="claimant=un; victim=civilians; outcome=killed; figure=3"),
     "does not use claim_id"),
]  # fmt: skip


@pytest.mark.parametrize(("row", "message"), BAD_ROWS)
def test_a_bad_row_is_named_by_file_and_line(tmp_path, row, message):
    good = decision("drop", claim_id="d9-c001")
    path = write(tmp_path / "corrections.csv", good, row)
    with pytest.raises(InputError) as error:
        read_corrections(path)
    assert str(path) in str(error.value)
    assert "line 3:" in str(error.value) and message in str(error.value)
    assert "line 2:" not in str(error.value)


def test_every_bad_row_is_listed_at_once(tmp_path):
    path = write(
        tmp_path / "c.csv",
        decision("set", claim_id="d1-c001", field="victim", value="soldiers"),
        decision("drop", claim_id="d1-c002"),
        decision("split", claim_id="d1-c003", reason=""),
    )
    with pytest.raises(InputError, match=r"2 problem\(s\)") as error:
        read_corrections(path)
    assert "line 2:" in str(error.value) and "line 4:" in str(error.value)


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        ([decision("set", claim_id="d1-c001", field="figure", value="3"),
          decision("set", claim_id="d1-c001", field="figure", value="4")], "line 3: repeats"),
        ([decision("drop", claim_id="d1-c001"),
          decision("set", claim_id="d1-c001", field="figure", value="4")], "dropped by line 2"),
        ([decision("merge", claim_id="d1-c001", other_claim_id="d1-c002"),
          decision("merge", claim_id="d1-c002", other_claim_id="d1-c001")], "line 3: repeats"),
        ([decision("split", claim_id="d1-c001"), decision("drop", claim_id="d1-c001")],
         "line 2: claim d1-c001 is dropped by line 3"),
    ],
)  # fmt: skip
def test_decisions_that_contradict_each_other_are_errors(tmp_path, rows, message):
    with pytest.raises(InputError, match=message):
        read_corrections(write(tmp_path / "c.csv", *rows))


def test_header_and_cell_count_problems(tmp_path):
    path = write(tmp_path / "a.csv", {"decision": "drop"}, header=("decision", "claim", "why"))
    with pytest.raises(InputError, match=r"line 1 \(header\): unknown column\(s\) 'claim', 'why'"):
        read_corrections(path)
    path.write_text("decision,claim_id,analyst,reason\ndrop,d1-c001,me,x,extra\n")
    with pytest.raises(InputError, match="line 2: 5 cells, the header has 4"):
        read_corrections(path)
    with pytest.raises(InputError, match="no such corrections file"):
        read_corrections(tmp_path / "missing.csv")
    (tmp_path / "latin1.csv").write_bytes(b"decision,analyst,reason\nadd,Jos\xe9,x\n")
    with pytest.raises(InputError, match="not UTF-8"):
        read_corrections(tmp_path / "latin1.csv")


def test_comments_blank_lines_case_and_missing_optional_columns(tmp_path):
    path = tmp_path / "c.csv"
    path.write_text(
        '# a comment, with "an open quote\n'
        "Decision,Claim_ID,Field,Value,Analyst,Reason\n"
        "\n"
        "  # indented comment\n"
        "SET,d1-c001,Victim,Civilians,me,the quote says civilians\n"
    )
    (only,) = read_corrections(path).decisions
    assert (only.line, only.decision, only.field, only.value) == (5, "set", "victim", "civilians")


@settings(max_examples=200, deadline=None)
@given(st.dictionaries(st.sampled_from(FIELDS),
                       st.text(st.characters(blacklist_characters=";=\r\n"), max_size=20)
                       .map(str.strip)))  # fmt: skip
def test_add_fields_read_back_as_written(fields):
    assert parse_fields(format_fields(fields)) == fields


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=60))
def test_add_fields_parser_raises_only_value_errors(text):
    try:
        parsed = parse_fields(text)
    except ValueError:
        return
    assert set(parsed) <= set(FIELDS)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.lists(st.sampled_from(["set", "drop", "d1-c001", "figure", "3", "", "me",
                                          "x", '"', "#", "a,b", "add", "merge"]),
                         max_size=10), max_size=5))  # fmt: skip
def test_any_file_reads_or_fails_with_an_input_error(tmp_path_factory, rows):
    path = tmp_path_factory.mktemp("fuzz") / "c.csv"
    path.write_text(",".join(FILE_COLUMNS) + "\n" + "\n".join(",".join(r) for r in rows))
    try:
        read_corrections(path)
    except InputError as error:
        assert str(path) in str(error)


# --- claim decisions (clean) --------------------------------------------------------------


def corrected(tmp_path, *rows: dict, df=None):
    return clean(three() if df is None else df, corrections=write(tmp_path / "c.csv", *rows))


@pytest.mark.parametrize(
    ("field", "value", "expected"),
    [
        ("claimant", "UN", {"claimant": "un"}),
        ("victim", "taliban", {"victim": "taliban"}),
        ("outcome", "wounded", {"outcome": "wounded"}),
        ("figure", "at least 12", {"figure_text": "at least 12", "value": 12,
                                   "qualifier": "at_least", "low": 12, "best": 12, "high": 18}),
        ("place", "Pul-e-Alam", {"province": "Logar", "province_pcode": "AF05",
                                 "district": "Pul-e-Alam", "district_pcode": "AF0501",
                                 "place_source": "correction"}),
        ("place", "", {"province": "", "district": "", "place_source": "correction"}),
        ("date", "2019-09-04/2019-09-05", {"date_start": "2019-09-04", "date_end": "2019-09-05",
                                           "date_source": "correction"}),
        ("date", "", {"date_start": "", "date_end": ""}),
    ],
)  # fmt: skip
def test_a_set_decision_changes_one_field_and_marks_it(tmp_path, field, value, expected):
    before = clean(three())
    out = corrected(tmp_path, decision("set", claim_id="d1-c001", field=field, value=value))
    row = out.iloc[0].to_dict()
    assert {k: row[k] for k in expected} == expected
    assert row["corrected_fields"] == field
    assert row["correction_note"] == f"{field}: checked (A. Analyst)"
    assert (out["corrected_fields"].iloc[1:] == "").all()
    pd.testing.assert_frame_equal(out.iloc[1:][before.columns], before.iloc[1:])
    assert out.attrs["decisions"]["status"].tolist() == ["applied"]


def test_two_fields_of_one_claim_are_both_marked_in_order(tmp_path):
    out = corrected(
        tmp_path,
        decision("set", claim_id="d1-c001", field="figure", value="11", reason="recount"),
        decision("set", claim_id="d1-c001", field="claimant", value="un", reason="UN report"),
    )
    assert out.loc[0, "corrected_fields"] == "claimant;figure"
    assert (
        out.loc[0, "correction_note"]
        == "figure: recount (A. Analyst) | claimant: UN report (A. Analyst)"
    )


def test_a_value_the_claim_already_has_is_applied_with_a_note(tmp_path):
    out = corrected(
        tmp_path, decision("set", claim_id="d1-c001", field="victim", value="civilians")
    )
    assert "may go" in out.attrs["decisions"]["detail"].iloc[0]


def test_a_drop_removes_the_claim_and_rows_keep_their_numbers(tmp_path):
    df = three()
    df.loc[0, ["figure_text", "value", "qualifier"]] = ["lots", "", ""]  # not a claim clean reads
    df.loc[2, "victim"] = "martians"  # a bad row after the dropped one
    path = write(tmp_path / "c.csv", decision("drop", claim_id="d1-c001"))
    with pytest.raises(InputError, match=r"row 3: .*'martians'") as error:
        clean(df, corrections=path)
    assert "lots" not in str(error.value)
    out, rejected = clean_quarantine(df, corrections=path)
    assert out["claim_id"].tolist() == ["d1-c002"]
    assert rejected[["row", "claim_id"]].values.tolist() == [["3", "d2-c003"]]


def test_an_added_claim_has_a_stable_id_its_documents_metadata_and_the_quotes_offsets(tmp_path):
    fields = "claimant=un; victim=civilians; outcome=wounded; figure=dozens; place=Kabul"
    row = decision("add", doc_id="d1", quote="Ten civilians were killed.", value=fields)
    out = corrected(tmp_path, row)
    assert len(out) == 4
    added = out.iloc[2]  # after the claims of its document
    expected_id = added_claim_id("d1", "Ten civilians were killed.", parse_fields(fields))
    assert added["claim_id"] == expected_id and expected_id.startswith("d1-added-")
    assert (added["claimant"], added["victim"], added["outcome"]) == ("un", "civilians", "wounded")
    assert (added["low"], added["best"], added["high"], added["district"]) == (24, 24, 99, "Kabul")
    assert (added["published"], added["outlet"]) == ("2019-09-06", "outlet d1")
    assert added["char_start"] == out.iloc[0]["char_start"]
    assert added["corrected_fields"] == "added" and added["statement_id"] == expected_id
    again = corrected(tmp_path, row)
    assert again.iloc[2]["claim_id"] == expected_id  # the same id on every run
    other = added_claim_id("d1", "Ten civilians were killed.", parse_fields(fields + "; date="))
    assert other == expected_id
    assert added_claim_id("d1", "Ten civilians were killed.", {"figure": "12"}) != expected_id


def test_an_added_claim_the_extractor_finds_is_redundant(tmp_path):
    fields = "claimant=media; victim=civilians; outcome=killed; figure=10"
    out = corrected(tmp_path, decision("add", doc_id="d1", quote="Ten civilians", value=fields))
    assert len(out) == 3
    status = out.attrs["decisions"].iloc[0]
    assert status["status"] == "redundant" and "d1-c001" in status["detail"]


def test_a_decision_whose_document_is_gone_is_stale_not_applied(tmp_path, caplog):
    rows = (decision("set", claim_id="d7-c001", field="figure", value="3"),
            decision("drop", claim_id="d1-c002"))  # fmt: skip
    with caplog.at_level(logging.WARNING, logger="casualties.clean"):
        out = corrected(tmp_path, *rows)
    statuses = out.attrs["decisions"]
    assert statuses["status"].tolist() == ["stale", "applied"]
    assert "d7-c001" in statuses["detail"].iloc[0] and "article changed" in caplog.text
    assert "corrections line 2: stale" in caplog.text
    assert out["claim_id"].tolist() == ["d1-c001", "d2-c003"]


def test_an_unknown_claim_of_a_known_document_is_an_error_naming_the_line(tmp_path):
    path = write(tmp_path / "c.csv", decision("drop", claim_id="d1-c001"),
                 decision("drop", claim_id="d1-c099"))  # fmt: skip
    with pytest.raises(InputError, match=r"line 3: claim d1-c099 is not in .*document d1 is"):
        clean(three(), corrections=path)


def test_claim_decisions_are_idempotent(tmp_path):
    rows = (
        decision("set", claim_id="d1-c001", field="figure", value="about 12"),
        decision("set", claim_id="d2-c003", field="place", value="Musa Qala"),
        decision("drop", claim_id="d1-c002"),
        decision("add", doc_id="d2", quote="Four more died.",
                 value="claimant=un; victim=civilians; outcome=killed; figure=4; date=2019-09-07"),
    )  # fmt: skip
    path = write(tmp_path / "c.csv", *rows)
    once = clean(three(), corrections=path)
    twice = clean(once, corrections=path)
    assert twice.attrs["decisions"]["status"].tolist() == ["applied"] * 4
    once.attrs = twice.attrs = {}
    pd.testing.assert_frame_equal(twice, once)


def test_a_file_without_decisions_changes_nothing():
    df = three()
    pd.testing.assert_frame_equal(clean(df, corrections=DEFAULT_CORRECTIONS), clean(df))


# --- link decisions (analyse) and the worked example on the embedded corpus ---------------

FARAH = ("109de02bb910-034687c052", "109de02bb910-7e352dd493", "109de02bb910-51f250f929")
EXPLOSIVES_CHIEF = "\"Also killed in the operation were Taliban's explosives chief"


@pytest.fixture(scope="module")
def extracted() -> pd.DataFrame:
    from casualties.extract import extract

    return extract()


def pipeline(claims: pd.DataFrame, corrections):
    from casualties.analyse import analyse

    return analyse(clean(claims, corrections=corrections), draws=200, corrections=corrections)


def incident_of(results, claim_id: str) -> str:
    claims = results.claims.set_index("claim_id")
    return claims.loc[claim_id, "incident_id"]


def test_the_worked_example_corrects_the_embedded_corpus(extracted):
    plain = pipeline(extracted, None)
    assert len({incident_of(plain, c) for c in FARAH}) == 3  # the machine's three incidents
    results = pipeline(extracted, EXAMPLE)
    assert len({incident_of(results, c) for c in FARAH}) == 1
    farah = results.incidents.set_index("incident_id").loc[incident_of(results, FARAH[0])]
    assert (farah["date_start"], farah["corrections"]) == ("2019-09-06", "date;merged")
    assert results.decisions["status"].tolist() == ["applied", "applied"]
    claims = results.claims.set_index("claim_id")
    added = claims[claims["corrected_fields"] == "added"]
    assert len(added) == 1 and added["quote"].iloc[0].startswith(EXPLOSIVES_CHIEF)
    assert (added["victim"].iloc[0], added["best"].iloc[0]) == ("taliban", 1)
    total = claims.loc["26e60b61ab36-b8c7392e56"]
    assert (total["province"], total["date_start"], total["corrected_fields"]) == (
        "", "2001-10-07", "place;date"
    )  # fmt: skip
    assert "nationwide total" in total["correction_note"]
    assert len(results.claims) == len(plain.claims) + 1


def test_a_split_takes_one_claim_out_of_its_incident(extracted, tmp_path):
    wounded = "26e60b61ab36-8ada255f2f"  # "About 42 people were wounded." (Kabul, 5 Sept)
    plain = pipeline(extracted, None)
    before = plain.claims[plain.claims["incident_id"] == incident_of(plain, wounded)]
    assert len(before) > 1
    path = write(tmp_path / "c.csv", decision("split", claim_id=wounded),
                 decision("split", claim_id="109de02bb910-21cfb38e18"))  # fmt: skip
    results = pipeline(extracted, path)
    alone = results.claims[results.claims["incident_id"] == incident_of(results, wounded)]
    assert alone["claim_id"].tolist() == [wounded]
    assert alone["corrected_fields"].tolist() == ["split"]
    rest = set(before["claim_id"]) - {wounded}
    assert len({incident_of(results, c) for c in rest}) == 1
    # the second claim was alone already (a period total): applied, with a note
    assert "may go" in results.decisions["detail"].iloc[1]


def test_link_decisions_stale_unknown_and_across_scopes(extracted, tmp_path):
    gone = decision("merge", claim_id=FARAH[0], other_claim_id="gone0000-0123456789")
    results = pipeline(extracted, write(tmp_path / "stale.csv", gone))
    assert results.decisions["status"].tolist() == ["stale"]
    assert len({incident_of(results, c) for c in FARAH[:2]}) == 2  # not applied
    unknown = write(tmp_path / "unknown.csv", decision("split", claim_id="109de02bb910-0123"))
    with pytest.raises(InputError, match=r"(?s)unknown.csv: .*line 2: claim 109de02bb910-0123"):
        pipeline(extracted, unknown)
    total = "109de02bb910-21cfb38e18"  # "More than 350 ... since September 1": a period total
    scopes = write(tmp_path / "s.csv", decision("merge", claim_id=FARAH[0], other_claim_id=total))
    with pytest.raises(InputError, match=r"line 2: .*aggregate.*cannot be merged"):
        pipeline(extracted, scopes)


# --- the commands ----------------------------------------------------------------------------


def run_stages(claims_csv, corrections, out):
    from casualties.cli import main

    out.mkdir()
    clean_csv = out / "claims_clean.csv"
    assert main(["clean", str(claims_csv), "-o", str(clean_csv), "--corrections",
                 str(corrections)]) == 0  # fmt: skip
    assert main(["analyse", str(clean_csv), "--out", str(out), "--draws", "200",
                 "--corrections", str(corrections)]) == 0  # fmt: skip
    return out


def test_a_re_run_keeps_every_decision(extracted, tmp_path, capsys):
    from casualties.io import write_csv_atomic

    claims_csv = write_csv_atomic(extracted, tmp_path / "claims.csv")
    first = run_stages(claims_csv, EXAMPLE, tmp_path / "first")
    err = capsys.readouterr().err
    assert "4 claim decisions (4 applied)" in err and "2 link decisions (2 applied)" in err
    again = run_stages(claims_csv, EXAMPLE, tmp_path / "again")
    for path in sorted(first.glob("*.csv")):
        assert path.read_bytes() == (again / path.name).read_bytes(), path.name
    linked = pd.read_csv(first / "claims_linked.csv", dtype=str, keep_default_na=False)
    marked = linked[linked["corrected_fields"] != ""]
    decided = {d.target for d in read_corrections(EXAMPLE).decisions}
    assert decided <= set(marked["claim_id"])


def test_a_bad_corrections_file_exits_2_and_writes_nothing(tmp_path, capsys):
    from casualties.cli import main

    bad = write(tmp_path / "bad.csv", decision("set", claim_id="x-1", field="victim", value="dogs"))
    out = tmp_path / "clean.csv"
    assert main(["clean", str(ROOT / "tests/fixtures/clean/claims_text.csv"), "-o", str(out),
                 "--corrections", str(bad)]) == 2  # fmt: skip
    err = capsys.readouterr().err
    assert f"{bad}: 1 problem(s)" in err and "line 2: victim 'dogs'" in err
    assert not out.exists()


def test_a_stale_decision_warns_and_counts_in_the_summary(tmp_path, capsys, caplog):
    from casualties.cli import main

    stale = write(tmp_path / "stale.csv", decision("drop", claim_id="zz-0123456789"))
    out = tmp_path / "clean.csv"
    assert main(["clean", str(ROOT / "tests/fixtures/clean/claims_text.csv"), "-o", str(out),
                 "--corrections", str(stale)]) == 0  # fmt: skip
    assert "corrections line 2: stale: neither claim zz-0123456789" in caplog.text
    assert "1 claim decisions (1 stale)" in capsys.readouterr().err


@pytest.fixture(scope="module")
def analysed(extracted, tmp_path_factory):
    from casualties.io import write_csv_atomic

    folder = tmp_path_factory.mktemp("review")
    claims_csv = write_csv_atomic(extracted, folder / "claims.csv")
    run_stages(claims_csv, EXAMPLE, folder / "out")
    write_csv_atomic(extracted, folder / "out" / "claims.csv")
    return folder / "out"


def review(*args: str) -> int:
    from casualties.cli import main

    return main(["review", *args])


def test_review_lists_an_incidents_claims_with_ids_quotes_and_corrections(analysed, capsys):
    assert review("--claim", FARAH[0], "--processed", str(analysed),
                  "--corrections", str(EXAMPLE)) == 0  # fmt: skip
    out = capsys.readouterr().out
    for claim_id in FARAH:
        assert f"claim {claim_id}" in out
    assert "Nearly 90 Taliban fighters" in out
    assert "corrected: date: " in out and "merged: The commanders" in out
    assert f"set,{FARAH[0]},figure,NEW FIGURE" in out


def test_review_of_a_document_shows_added_and_unanalysed_claims(analysed, tmp_path, capsys):
    import shutil

    folder = shutil.copytree(analysed, tmp_path / "processed")
    linked = pd.read_csv(folder / "claims_linked.csv", dtype=str, keep_default_na=False)
    gone = ["c87627a4b476-2e3506013b", "c87627a4b476-99ed9a106b"]  # as if dropped, set aside
    linked[~linked["claim_id"].isin(gone)].to_csv(folder / "claims_linked.csv", index=False)
    dropped = write(tmp_path / "c.csv", decision("drop", claim_id=gone[0], reason="test"))
    assert review("--doc", "c87627a4b476", "--processed", str(folder),
                  "--corrections", str(dropped)) == 0  # fmt: skip
    out = capsys.readouterr().out
    assert "c87627a4b476-added-" in out and "corrected: added: The NSC counts" in out
    assert f"claim {gone[0]}   not analysed: dropped by line 2: drop: test" in out
    assert f"claim {gone[1]}   not analysed: set aside by clean" in out
    assert "add,,,claimant=...; victim=...; outcome=...; figure=...,,c87627a4b476" in out


def _first_incident(folder) -> str:
    """The earliest incident of the analysed tables (ids sort by their first day)."""
    ids = pd.read_csv(folder / "incidents.csv", dtype=str)["incident_id"]
    return sorted(i for i in ids if i.startswith("INC-"))[0]


def test_review_template_starts_a_valid_corrections_file(analysed, tmp_path, capsys):
    template = tmp_path / "mine.csv"
    first = _first_incident(analysed)
    assert review("--incident", first, "--processed", str(analysed),
                  "--write-template", str(template)) == 0  # fmt: skip
    text = template.read_text()
    assert len(read_corrections(template)) == 0  # every row is a comment
    row = next(line for line in text.splitlines() if ",figure," in line)
    template.write_text(text + row.removeprefix("# ").replace(",,,,,", ",,,,A. Analyst,why") + "\n")
    (only,) = read_corrections(template).decisions
    assert only.decision == "set" and only.field == "figure"
    assert (
        review(
            "--incident",
            first,
            "--processed",
            str(analysed),
            "--write-template",
            str(template),
        )
        == 2
    )  # an existing file is kept
    assert "exists" in capsys.readouterr().err


def test_review_needs_a_known_choice(analysed, capsys):
    unknown = "INC-20190905-00000000"
    assert review("--incident", unknown, "--processed", str(analysed)) == 2
    assert f"unknown incident id '{unknown}'" in capsys.readouterr().err
    assert review("--processed", str(analysed)) == 2
    first = _first_incident(analysed)
    assert review("--incident", first, "--processed", str(analysed / "none")) == 2
    assert "run `casualties build`" in capsys.readouterr().err


def test_decisions_on_an_article_that_changed_are_stale(tmp_path):
    from casualties.extract import extract
    from casualties.paths import DEFAULT_CORPUS

    text = DEFAULT_CORPUS.read_text(encoding="utf-8")
    assert text.count("Nearly 90 Taliban fighters") == 1
    changed = tmp_path / "corpus.txt"  # the Farah article revised: a new doc_id
    changed.write_text(text.replace("Nearly 90 Taliban fighters", "Nearly 95 Taliban fighters"))
    extracted = extract([changed])
    cleaned = clean(extracted, corrections=EXAMPLE)
    statuses = cleaned.attrs["decisions"].set_index("line")["status"]
    assert statuses.to_dict() == {3: "applied", 6: "stale", 7: "applied", 8: "applied"}
    results = pipeline(extracted, EXAMPLE)
    claims = results.claims
    assert not claims["doc_id"].eq("109de02bb910").any()
    assert (claims["corrected_fields"] == "added").sum() == 1  # the other articles' decisions
    assert "place;date" in set(claims["corrected_fields"])
    assert results.decisions["status"].tolist() == ["stale", "stale"]  # the two merges
    assert not claims["corrected_fields"].str.contains("merged").any()
