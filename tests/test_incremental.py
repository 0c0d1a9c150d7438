"""Incremental rebuilds: a second build re-extracts no article and re-executes no page
whose inputs did not change; one added article re-extracts one article; --no-cache
executes everything."""

from __future__ import annotations

import pytest

from casualties.corpus import read_articles
from casualties.site.build import build_site

pytestmark = pytest.mark.slow

ADDED = """A new report on Herat
By Staff
Herat Times
September 20, 2019

HERAT — Police said 7 civilians were killed in Herat on Thursday.
"""


def test_second_build_reuses_pages_and_one_added_article_is_extracted_alone(
    tmp_path, monkeypatch, caplog
):
    from casualties.extract import parallel

    extracted: list[int] = []
    real = parallel.claim_rows

    def counting(*args, **kwargs):
        stats = kwargs.setdefault("stats", parallel.ExtractStats())
        yield from real(*args, **kwargs)
        extracted.append(stats.extracted)

    monkeypatch.setattr("casualties.extract.api.claim_rows", counting)
    out, processed = tmp_path / "site", tmp_path / "processed"
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    embedded = (read_articles()[0].source, "corpus.txt")
    (corpus / embedded[1]).write_bytes(open(embedded[0], "rb").read())
    options = {"out": out, "processed": processed, "kinds": ("general",), "progress": False}

    first = build_site([corpus], jobs=2, **options)
    assert first.ok and first.reused == 0 and extracted[-1] == len(read_articles())
    page = out / "overview.html"
    stamp = page.stat().st_mtime_ns

    second = build_site([corpus], jobs=2, **options)
    assert second.ok and second.reused == len(second.reports) == 4
    assert extracted[-1] == 0
    assert page.stat().st_mtime_ns == stamp  # not written again

    (corpus / "zz_added.txt").write_text(ADDED, encoding="utf-8")
    third = build_site([corpus], jobs=2, **options)
    assert third.ok and extracted[-1] == 1  # only the new article
    assert third.reused == 0  # every general page reads every table: all re-executed
    assert "Herat Times" in (out / "data" / "claims_linked.csv").read_text(encoding="utf-8")

    forced = build_site([corpus], jobs=2, cache=False, **options)
    assert forced.ok and forced.reused == 0 and extracted[-1] == len(read_articles()) + 1
