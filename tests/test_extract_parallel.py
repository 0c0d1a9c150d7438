"""Parallel, distributed and cached extraction give the rows of one process, row for row."""

from __future__ import annotations

import dataclasses
import json

import pandas as pd
import pytest

from casualties.corpus import read_articles
from casualties.extract import extract, parallel, write_claims
from casualties.extract.cache import ExtractCache


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """The embedded articles as JSON Lines, in several chunks."""
    path = tmp_path_factory.mktemp("corpus") / "articles.jsonl"
    records = [dataclasses.asdict(a) | {"id": a.doc_id} for a in read_articles()]
    lines = [json.dumps({k: v for k, v in r.items() if k != "source"}) for r in records]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture(autouse=True)
def small_chunks(monkeypatch):
    monkeypatch.setattr(parallel, "CHUNK_ARTICLES", 2)  # 12 articles: 6 chunks
    monkeypatch.setattr(parallel, "WINDOW", 1)


@pytest.fixture(scope="module")
def one_process(corpus, tmp_path_factory):
    out = tmp_path_factory.mktemp("one") / "claims.csv"
    stats = write_claims([corpus], out)
    return out.read_bytes(), stats


def test_two_processes_write_the_same_table_row_for_row(corpus, one_process, tmp_path):
    expected, stats = one_process
    out = tmp_path / "claims.csv"
    two = write_claims([corpus], out, jobs=2)
    assert out.read_bytes() == expected
    assert two["claims"] == stats["claims"] > 50
    assert two["extracted"] == 12 and two["cached"] == 0


def test_extract_api_jobs_gives_the_same_frame(corpus):
    pd.testing.assert_frame_equal(extract([corpus], jobs=2), extract([corpus]))


def test_cache_serves_unchanged_articles_and_reextracts_a_changed_one(
    corpus, one_process, tmp_path
):
    expected, _ = one_process
    cache = ExtractCache(tmp_path / "cache")
    first = write_claims([corpus], tmp_path / "a.csv", cache=cache)
    assert first["extracted"] == 12 and first["cached"] == 0
    second = write_claims([corpus], tmp_path / "b.csv", cache=cache, jobs=2)
    assert second["extracted"] == 0 and second["cached"] == 12
    assert (tmp_path / "b.csv").read_bytes() == expected  # rows from the cache are the same

    lines = corpus.read_text(encoding="utf-8").splitlines()
    record = json.loads(lines[3])
    record["text"] += "\n\nPolice said 7 civilians were killed in Herat on Monday."
    lines[3] = json.dumps(record)
    changed = tmp_path / "changed.jsonl"
    changed.write_text("\n".join(lines) + "\n", encoding="utf-8")
    third = write_claims([changed], tmp_path / "c.csv", cache=cache)
    assert third["extracted"] == 1 and third["cached"] == 11
    assert third["claims"] == first["claims"] + 1
    write_claims([changed], tmp_path / "d.csv")  # no cache
    assert (tmp_path / "c.csv").read_bytes() == (tmp_path / "d.csv").read_bytes()


def test_a_corrupt_cache_entry_is_extracted_again(corpus, one_process, tmp_path):
    cache = ExtractCache(tmp_path / "cache")
    write_claims([corpus], tmp_path / "a.csv", cache=cache)
    for entry in list((tmp_path / "cache").rglob("*.json"))[:3]:
        entry.write_text("{not json", encoding="utf-8")
    again = write_claims([corpus], tmp_path / "b.csv", cache=cache)
    assert again["extracted"] == 3
    assert (tmp_path / "b.csv").read_bytes() == one_process[0]


def test_cli_jobs_and_no_cache(corpus, one_process, tmp_path, capsys, monkeypatch):
    from casualties.cli import main
    from casualties.extract import cache as cache_module

    monkeypatch.setattr(cache_module, "DEFAULT_DIR", tmp_path / "cache")
    out = tmp_path / "claims.csv"
    assert main(["extract", str(corpus), "-o", str(out), "--jobs", "2"]) == 0
    assert out.read_bytes() == one_process[0]
    assert main(["extract", str(corpus), "-o", str(out)]) == 0
    assert "0 articles extracted, 12 from the cache" in capsys.readouterr().err
    assert main(["extract", str(corpus), "-o", str(out), "--no-cache"]) == 0
    assert "12 articles extracted, 0 from the cache" in capsys.readouterr().err
    assert main(["extract", str(corpus), "-o", str(out), "--scheduler", "tcp://x:1"]) == 2


def test_dask_local_cluster_of_two_processes_gives_the_same_table(corpus, one_process, tmp_path):
    pytest.importorskip("distributed")
    out = tmp_path / "claims.csv"
    stats = write_claims([corpus], out, engine="dask", jobs=2)
    assert out.read_bytes() == one_process[0]
    assert stats["extracted"] == 12


def test_dask_with_a_scheduler_address(corpus, one_process, tmp_path):
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    ) as cluster:
        out = tmp_path / "claims.parquet"
        pytest.importorskip("pyarrow")
        write_claims([corpus], out, engine="dask", scheduler=cluster.scheduler_address)
        local = tmp_path / "local.parquet"
        write_claims([corpus], local)
    pd.testing.assert_frame_equal(pd.read_parquet(out), pd.read_parquet(local))
