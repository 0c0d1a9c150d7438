"""Atomic writes: a failed write leaves the previous file (or nothing), never a partial one."""

from __future__ import annotations

import pandas as pd
import pytest

from casualties.io import atomic_open, write_csv_atomic, write_text_atomic


def test_write_csv_atomic_round_trips(tmp_path):
    df = pd.DataFrame({"a": [1, 2], "b": ["x", "y"]})
    path = write_csv_atomic(df, tmp_path / "sub" / "out.csv")
    assert pd.read_csv(path).equals(df)
    assert [p.name for p in path.parent.iterdir()] == ["out.csv"]


def test_failed_write_keeps_the_old_file_and_leaves_no_temporary(tmp_path):
    target = tmp_path / "out.txt"
    write_text_atomic("old", target)
    with pytest.raises(RuntimeError):
        with atomic_open(target) as handle:
            handle.write("half of the new")
            raise RuntimeError("disk full")
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]


def test_failed_first_write_leaves_nothing(tmp_path):
    with pytest.raises(ValueError):
        with atomic_open(tmp_path / "new.csv") as handle:
            handle.write("a,b\n")
            raise ValueError("bad row")
    assert list(tmp_path.iterdir()) == []


def test_atomic_files_get_the_usual_permissions(tmp_path):
    import os

    mask = os.umask(0o022)
    try:
        path = write_text_atomic("x", tmp_path / "page.html")
    finally:
        os.umask(mask)
    assert path.stat().st_mode & 0o777 == 0o644


def test_read_csv_text_names_the_file_for_every_bad_input(tmp_path):
    from casualties.errors import InputError
    from casualties.io import read_csv_text

    good = tmp_path / "claims.csv"
    good.write_text("a,b\n1,\n", encoding="utf-8")
    assert read_csv_text(good).to_dict("records") == [{"a": "1", "b": ""}]
    empty = tmp_path / "empty.csv"
    empty.write_text("", encoding="utf-8")
    latin = tmp_path / "latin.csv"
    latin.write_bytes("a\ncaf\xe9\n".encode("latin-1"))
    cases = [
        (tmp_path / "missing.csv", "missing.csv: no such file \\(hint\\)"),
        (tmp_path, "is a directory"),
        (empty, "empty.csv: not a readable CSV file"),
        (latin, "latin.csv: not a readable CSV file"),
    ]
    for path, message in cases:
        with pytest.raises(InputError, match=message):
            read_csv_text(path, missing_hint=" (hint)")
