"""The report registry: every page the build plans, the index lists and the tests check
comes from one declaration per report."""

from __future__ import annotations

import shutil

import pytest
from fixtures.site import synthetic

from casualties.analyse import load_results
from casualties.paths import NOTEBOOKS
from casualties.site import build, registry
from casualties.site.registry import KINDS, REPORTS, Report, reports


@pytest.fixture(scope="module")
def results(tmp_path_factory):
    folder = tmp_path_factory.mktemp("processed")
    synthetic.write_processed(folder)
    return folder, load_results(folder)


def test_every_report_notebook_declares_the_parameter_that_chooses_its_page():
    declared = build.check_notebooks(NOTEBOOKS, KINDS)
    assert set(declared) == {report.name for report in REPORTS}
    for report in REPORTS:
        assert set(registry.SHARED_PARAMETERS) <= set(declared[report.name])
        if report.parameter is not None:
            assert report.parameter in declared[report.name]


def test_the_build_plans_one_page_per_general_report_and_one_per_subject(results):
    folder, loaded = results
    jobs = build.plan_jobs(loaded, processed_dir=folder)
    general = [job.name for job in jobs if job.kind == "general"]
    assert general == [report.name for report in reports(["general"])]
    for report in reports(["incident", "province"]):
        pages = [job for job in jobs if job.kind == report.kind]
        assert pages, report.name
        assert all(report.parameter in job.parameters for job in pages)
        assert len({job.parameters[report.parameter] for job in pages}) == len(pages)


def test_a_new_registry_entry_is_planned_and_only_kinds_asked_for_are(
    results, tmp_path, monkeypatch
):
    folder, loaded = results
    notebooks = tmp_path / "notebooks"
    shutil.copytree(NOTEBOOKS, notebooks)
    shutil.copy(notebooks / "overview.ipynb", notebooks / "digest.ipynb")
    extra = Report("digest", "Weekly digest", "the week's incidents")
    monkeypatch.setattr(registry, "REPORTS", (*REPORTS, extra))
    jobs = build.plan_jobs(loaded, processed_dir=folder, notebooks=notebooks)
    digest = [job for job in jobs if job.name == "digest"]
    assert [(job.title, job.summary["contents"]) for job in digest] == [
        ("Weekly digest", "the week's incidents")
    ]
    only = build.plan_jobs(loaded, processed_dir=folder, notebooks=notebooks, kinds=["province"])
    assert {job.kind for job in only} == {"province"}


@pytest.mark.parametrize(
    "kind, parameter", [("weekly", None), ("incident", None), ("general", "incident_id")]
)
def test_a_report_must_have_a_known_kind_and_a_parameter_exactly_when_per_subject(kind, parameter):
    with pytest.raises(ValueError, match="bad"):
        Report("bad", "Bad", "nothing", kind=kind, parameter=parameter)
