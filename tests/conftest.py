"""Fixtures shared by test modules: the expensive ones are built once per test session."""

from __future__ import annotations

import time

import pytest
from fixtures.site.sitebuild import SiteBuild, run_build

from casualties.paths import ROOT

EXAMPLE_CORRECTIONS = ROOT / "docs" / "examples" / "corrections.csv"


@pytest.fixture(scope="session")
def embedded_site(tmp_path_factory) -> SiteBuild:
    """``casualties build`` of the embedded corpus, once per session (several test modules
    read its pages and tables; none may change them), with the worked example's analysts'
    corrections (docs/examples/corrections.csv), so that every page test sees corrected
    values too."""
    root = tmp_path_factory.mktemp("embedded-site")
    out, processed = root / "site", root / "processed"
    start = time.perf_counter()
    code, stdout, stderr = run_build(
        ["--jobs", "2", "--quiet", "--out", str(out), "--processed", str(processed),
         "--corrections", str(EXAMPLE_CORRECTIONS)]
    )  # fmt: skip
    return SiteBuild(out, processed, code, stdout, stderr, time.perf_counter() - start)
