"""The build infrastructure: safe names, parameter checks, the process-pool runner, pages."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from casualties.errors import ParameterError
from casualties.site.export import PLOTLY_JS, page, plotly_js_source, write_assets
from casualties.site.index import failure_lines, write_index
from casualties.site.params import (
    check_choice,
    check_jobs,
    check_parameters,
    check_report_name,
    declared_parameters,
    report_names,
    report_path,
    slug,
)
from casualties.site.runner import Job, JobResult, install_kernelspec, run_jobs

FIXTURES = Path(__file__).parent / "fixtures" / "site"


# ------------------------------------------------------------------ names and paths


@pytest.mark.parametrize(
    "key",
    ["../../etc/passwd", "a/b", "..", ".", "", "/abs/path", "C:\\x", "Sar-e-Pul", "INC-00001",
     "Hirat\x00", "   ", "Ğhazni", "<script>", "a" * 500],
)  # fmt: skip
def test_report_names_never_escape_the_folder(tmp_path, key):
    name = report_names("incident", [key])[key]
    assert "/" not in name and ".." not in name and "\\" not in name
    path = report_path(tmp_path, name)
    assert path.parent == tmp_path.resolve()
    assert path.name == f"{name}.html"


@given(st.lists(st.text(max_size=40), min_size=1, max_size=8, unique=True))
def test_report_names_are_safe_and_distinct(keys):
    names = report_names("province", keys)
    assert set(names) == set(keys)
    assert len(set(names.values())) == len(keys)
    for name in names.values():
        assert check_report_name(name) == name
        assert name.startswith("province-")


def test_report_names_are_deterministic_and_readable():
    assert report_names("incident", ["INC-00012"]) == {"INC-00012": "incident-inc-00012"}
    assert slug("Sar-e-Pul") == "sar-e-pul"
    first = report_names("province", ["Sar e Pul", "sar-e-pul"])
    assert first == report_names("province", ["sar-e-pul", "Sar e Pul"])
    assert len(set(first.values())) == 2


@pytest.mark.parametrize("name", ["../index", "a/b", "", "A", "x.html", "-x", "a b"])
def test_unsafe_report_names_are_rejected(tmp_path, name):
    with pytest.raises(ParameterError):
        report_path(tmp_path, name)


# ------------------------------------------------------------------ parameters


def test_jobs_must_be_a_positive_integer():
    assert check_jobs(1) == 1
    assert check_jobs(None) >= 1
    for bad in (0, -1, 1.5, "2", True):
        with pytest.raises(ParameterError):
            check_jobs(bad)


def test_choice_names_the_known_values():
    assert check_choice("province", "Kabul", ["Kabul", "Hirat"]) == "Kabul"
    with pytest.raises(ParameterError, match="Hirat"):
        check_choice("province", "Atlantis", ["Kabul", "Hirat"])
    with pytest.raises(ParameterError):
        check_choice("incident id", 3, ["3"])


def test_parameters_are_checked_against_the_parameters_cell():
    notebook = FIXTURES / "ok.ipynb"
    declared = declared_parameters(notebook)
    assert set(declared) == {"label", "count"}
    assert declared["count"]["help"] == "number of points"
    assert check_parameters(notebook, {"label": "x", "count": 2}) == {"label": "x", "count": 2}
    with pytest.raises(ParameterError, match="count.*int"):
        check_parameters(notebook, {"count": "2"})
    with pytest.raises(ParameterError, match="count.*int"):
        check_parameters(notebook, {"count": True})
    with pytest.raises(ParameterError, match="unknown parameter 'colour'"):
        check_parameters(notebook, {"colour": "red"})


def test_a_notebook_needs_exactly_one_parameters_cell():
    with pytest.raises(ParameterError, match="exactly one cell tagged 'parameters'"):
        declared_parameters(FIXTURES / "two_parameter_cells.ipynb")


# ------------------------------------------------------------------ pages and assets


def test_page_escapes_its_title_and_loads_plotly_from_assets():
    html = page("<script>alert(1)</script>", "<p>body</p>")
    assert "<title>&lt;script&gt;alert(1)&lt;/script&gt;</title>" in html
    assert f'<script src="assets/{PLOTLY_JS}"></script>' in html
    assert "<script>alert(1)" not in html


def test_plotly_js_is_written_once(tmp_path):
    target = write_assets(tmp_path)
    assert target == tmp_path / "assets" / PLOTLY_JS
    assert target.read_bytes() == plotly_js_source().read_bytes()
    mtime = target.stat().st_mtime_ns
    write_assets(tmp_path)
    assert target.stat().st_mtime_ns == mtime


def test_kernelspec_runs_this_interpreter(tmp_path):
    install_kernelspec(tmp_path)
    spec = json.loads((tmp_path / "kernels" / "casualties-python" / "kernel.json").read_text())
    assert spec["argv"][0] == sys.executable
    install_kernelspec(tmp_path)  # idempotent


# ------------------------------------------------------------------ runner


@pytest.fixture(scope="module")
def ran(tmp_path_factory):
    out = tmp_path_factory.mktemp("site")
    work = tmp_path_factory.mktemp("work")
    (out / "fail.html").write_text("stale page of an earlier build")
    jobs = [
        Job("ok", FIXTURES / "ok.ipynb", {"label": "<script>alert(1)</script>", "count": 4},
            "OK <b>report</b>", "general", {"contents": "a <b>chart</b>"}),
        Job("fail", FIXTURES / "fail.ipynb", {}, "Failing report", "general"),
    ]  # fmt: skip
    results = run_jobs(jobs, out, work, n_jobs=2, progress=False)
    return out, jobs, results


def test_runner_builds_the_working_report_and_lists_the_failing_cell(ran):
    out, _jobs, (ok, fail) = ran
    assert ok.ok and ok.page == (out / "ok.html").resolve() and ok.size > 0
    assert not fail.ok
    assert fail.cell_index == 2
    assert "raise ValueError" in fail.cell_source
    assert fail.error == "ValueError: fixture failure in cell 2"
    assert not (out / "fail.html").exists()  # the stale page is gone
    lines = failure_lines(fail)
    assert lines[0] == "fail: cell 3: ValueError: fixture failure in cell 2"


def test_page_hides_code_shows_outputs_and_escapes_parameters(ran):
    out, _jobs, _results = ran
    html = (out / "ok.html").read_text(encoding="utf-8")
    assert "<script>alert(1)" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html  # the table cell
    assert "charts.use_site_renderer()" not in html  # code hidden
    assert "label: str" not in html  # the parameters cell is not shown
    assert "Fixture report" in html
    assert 'class="plotly-graph-div"' in html and "Plotly.newPlot" in html
    assert "plotly.min.js" in html and len(html) < 100_000  # plotly.js is not inlined
    assert f"kernel: {sys.executable}" in html  # ran with this venv's interpreter


def test_no_partial_files_are_left(ran):
    out, _jobs, _results = ran
    assert not [p for p in out.iterdir() if p.name.endswith(".tmp")]


def test_index_links_reports_and_lists_failures(ran, tmp_path):
    _out, jobs, results = ran
    index = write_index(tmp_path, jobs, results, [("claims", 3), ("<b>", "x<y")])
    html = index.read_text(encoding="utf-8")
    assert '<a href="ok.html">OK &lt;b&gt;report&lt;/b&gt;</a>' in html
    assert 'href="fail.html"' not in html
    assert "fail: cell 3: ValueError: fixture failure in cell 2" in html
    assert "raise ValueError(&quot;fixture failure in cell 2&quot;)" in html
    assert "<b>" not in html and "x&lt;y" in html


def test_two_reports_cannot_share_a_name(tmp_path):
    job = Job("same", FIXTURES / "ok.ipynb", {}, "t")
    with pytest.raises(ParameterError, match="share a name"):
        run_jobs([job, job], tmp_path, tmp_path, n_jobs=1, progress=False)


def test_job_result_defaults():
    result = JobResult("x", True, 0.1)
    assert result.cell_index is None and result.error == ""
