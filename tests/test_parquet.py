"""``--format parquet``: every stage writes Parquet that reads back with the same dtypes
(the same frame as in memory, and as the typed CSV readers give), streamed and atomic."""

from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd
import pytest

from casualties.analyse import analyse, load_results, read_clean
from casualties.analyse.results import FILES
from casualties.clean import clean
from casualties.clean.core import read_claims
from casualties.cli import main
from casualties.extract import extract, write_claims
from casualties.io import read_table, write_table_atomic

HAND_TYPED = Path(__file__).parent / "fixtures" / "clean" / "hand_typed.csv"


@pytest.fixture(scope="module")
def stages(tmp_path_factory):
    """The embedded corpus through every stage's command, once as Parquet, once as CSV."""
    folder = tmp_path_factory.mktemp("parquet")
    for fmt in ("parquet", "csv"):
        claims, cleaned = folder / f"claims.{fmt}", folder / f"claims_clean.{fmt}"
        assert main(["extract", "-o", str(claims), "--format", fmt]) == 0
        assert main(["clean", str(claims), "-o", str(cleaned), "--format", fmt]) == 0
        out = folder / fmt
        assert main(["analyse", str(cleaned), "--out", str(out), "--format", fmt]) == 0
    return folder


def test_extract_parquet_is_the_claims_frame(stages):
    back = pd.read_parquet(stages / "claims.parquet")
    pd.testing.assert_frame_equal(back, extract())  # dtypes included (int64, Int64, str)


def test_extract_streams_parquet_in_batches(tmp_path):
    whole, batched = tmp_path / "whole.parquet", tmp_path / "batched.parquet"
    write_claims(None, whole)
    stats = write_claims(None, batched, batch=7)
    assert stats["claims"] > 7
    pd.testing.assert_frame_equal(pd.read_parquet(batched), pd.read_parquet(whole))


def test_clean_parquet_reads_back_with_its_dtypes(stages):
    back = read_table(stages / "claims_clean.parquet")
    in_memory = clean(read_claims(stages / "claims.parquet"))
    in_memory.attrs = {}
    pd.testing.assert_frame_equal(back, in_memory)
    assert back["char_start"].dtype == "int64" and back["value"].dtype == "Int64"
    assert back["low"].dtype == "int64" and back["claimant"].dtype == "str"
    # the same claims as the CSV run, typed as the analyse stage reads them
    pd.testing.assert_frame_equal(
        read_clean(stages / "claims_clean.parquet"), read_clean(stages / "claims_clean.csv")
    )


def test_analyse_parquet_tables_match_memory_and_the_typed_csv(stages):
    from_csv = load_results(stages / "csv")
    results = analyse(read_clean(stages / "claims_clean.parquet"))
    for name, file in FILES.items():
        back = pd.read_parquet((stages / "parquet" / file).with_suffix(".parquet"))
        pd.testing.assert_frame_equal(back, getattr(results, name))
        pd.testing.assert_frame_equal(back, getattr(from_csv, name))
    assert not list((stages / "parquet").glob("*.csv"))


def test_the_output_suffix_picks_parquet(tmp_path):
    out = tmp_path / "out.parquet"
    assert main(["clean", str(HAND_TYPED), "-o", str(out)]) == 0
    assert read_table(out)["best"].dtype == "int64"


def test_without_pyarrow_parquet_is_refused_before_any_work(tmp_path, monkeypatch, capsys):
    monkeypatch.setitem(sys.modules, "pyarrow", None)  # import pyarrow now fails
    out = tmp_path / "claims_clean.parquet"
    assert main(["clean", str(HAND_TYPED), "-o", str(out)]) == 2
    assert "pip install -e '.[parquet]'" in capsys.readouterr().err
    assert main(["extract", "-o", str(tmp_path / "claims.parquet")]) == 2
    assert list(tmp_path.iterdir()) == []


def test_unreadable_parquet_names_the_file(tmp_path, capsys):
    bad = tmp_path / "claims.parquet"
    bad.write_bytes(b"not parquet")
    assert main(["clean", str(bad), "-o", str(tmp_path / "out.csv")]) == 2
    assert f"{bad}: not a readable Parquet file" in capsys.readouterr().err


def test_a_failed_parquet_write_leaves_no_file(tmp_path):
    frame = pd.DataFrame({"mixed": [1, "two"]})  # object column pyarrow cannot type
    with pytest.raises(Exception):  # noqa: B017 - pyarrow's own error
        write_table_atomic(frame, tmp_path / "t.parquet")
    assert list(tmp_path.iterdir()) == []
