"""Degenerate and hostile input (issue 15): empty corpora, unsafe output folders, --jobs,
hand-typed canonical columns, huge quotes, binary files."""

from __future__ import annotations

import contextlib
import io

import pandas as pd
import pytest
from fixtures.build.sitebuild import run_build

from casualties.build.report import EMPTY_CORPUS
from casualties.build.site import GENERAL_REPORTS
from casualties.cli import main

FRENCH = """Attaque à Kaboul
par Jean Dupont
Le Monde
5 septembre 2019

Au moins dix civils ont été tués jeudi dans un attentat à la voiture piégée dans le centre
de Kaboul, selon le ministère de l'Intérieur. Les talibans ont revendiqué l'attaque, qui a
également fait quarante blessés selon les autorités locales.
"""


def run_cli(*args: str) -> tuple[int, str, str]:
    """``casualties ARGS`` in this process; (exit code, stdout, stderr)."""
    stdout, stderr = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
        code = main([*args])
    return code, stdout.getvalue(), stderr.getvalue()


# -- empty and claim-less corpora ----------------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize("kind", ["empty", "french"])
def test_claimless_corpus_builds_a_site_that_says_so(tmp_path, kind):
    article = tmp_path / "corpus.txt"
    article.write_text("" if kind == "empty" else FRENCH, encoding="utf-8")
    out, processed = tmp_path / "site", tmp_path / "processed"
    code, stdout, stderr = run_build(
        ["--jobs", "2", "--quiet", "--only", "general", "--out", str(out)]
        + ["--processed", str(processed), str(article)]
    )
    assert code == 0, stderr
    assert "4 of 4 reports" in stdout
    for name in ["index", *(stem for stem, _title, _about in GENERAL_REPORTS)]:
        page = (out / f"{name}.html").read_text(encoding="utf-8")
        assert EMPTY_CORPUS.split(",")[0] in page, name
    assert pd.read_csv(processed / "claims.csv").empty


def test_corpus_and_extract_agree_on_an_empty_input(tmp_path, caplog):
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    code, _out, _err = run_cli("corpus", str(empty), "-o", str(tmp_path / "articles.csv"))
    assert code == 0
    assert pd.read_csv(tmp_path / "articles.csv").empty
    code, _out, _err = run_cli("extract", str(empty), "-o", str(tmp_path / "claims.csv"))
    assert code == 0
    assert pd.read_csv(tmp_path / "claims.csv").empty
    assert caplog.text.count("no articles in") == 2
    code, stdout, _err = run_cli("corpus", str(empty))
    assert code == 0 and "(0 articles)" in stdout
