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
