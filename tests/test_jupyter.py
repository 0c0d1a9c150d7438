"""The notebooks as a user runs them in Jupyter: from ``notebooks/`` as the working
directory, every parameter at its default, with nbclient (what Jupyter's "Run all" does);
and no committed notebook carries outputs (``make check-notebooks``)."""

from __future__ import annotations

import json

import nbformat
import pytest
from nbclient import NotebookClient

from casualties import paths
from casualties.paths import NOTEBOOKS as NOTEBOOK_DIR
from casualties.site import nbcheck
from casualties.site.html import escape
from casualties.site.registry import REPORTS

CHECK_CWD = "import os\nprint(os.getcwd())"
NAMES = sorted(report.name for report in REPORTS)


@pytest.fixture(scope="module")
def checkout(tmp_path_factory):
    """A checkout with an empty ``data/processed`` (the real raw and reference data
    linked in), so the defaults run the pipeline there and not in this working tree."""
    root = tmp_path_factory.mktemp("checkout")
    (root / "data" / "processed").mkdir(parents=True)
    for name in ("raw", "reference"):
        (root / "data" / name).symlink_to(paths.DATA / name)
    for name in ("notebooks", "docs"):
        (root / name).symlink_to(paths.ROOT / name)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("CASUALTIES_ROOT", str(root))  # the kernel inherits the environment
        yield root


@pytest.mark.parametrize("name", NAMES)
def test_runs_in_jupyter_from_the_notebooks_folder_with_defaults(checkout, name):
    nb = nbformat.read(str(NOTEBOOK_DIR / f"{name}.ipynb"), as_version=4)
    nb.cells.append(nbformat.v4.new_code_cell(CHECK_CWD))
    client = NotebookClient(
        nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": NOTEBOOK_DIR}}
    )
    client.execute()  # CellExecutionError on the first failing cell
    outputs = [out for cell in nb.cells if cell.cell_type == "code" for out in cell.outputs]
    assert not [out for out in outputs if out.output_type == "error"]
    assert nb.cells[-1].outputs[0].text.strip() == str(NOTEBOOK_DIR)
    # JupyterLab draws a chart from plotly's mimetype (the site uses the HTML fragment)
    charts = [out for out in outputs if "application/vnd.plotly.v1+json" in out.get("data", {})]
    assert charts, f"{name}: no chart Jupyter can draw"
    # the defaults found no results, so the first notebook ran the pipeline in the checkout
    assert (checkout / "data" / "processed" / "claims_linked.csv").is_file()


def test_papermill_reports_on_the_incident_given_with_p(checkout):
    """The README's `papermill incident.ipynb OUT -p incident_id ...`, from notebooks/."""
    import papermill

    from casualties.site import report

    processed = checkout / "data" / "processed"
    results = report.load(str(processed))  # runs the pipeline there if no test did yet
    default, chosen = report.pick_incident(results), report.report_incidents(results)[-1]
    assert chosen != default
    nb = papermill.execute_notebook(
        str(NOTEBOOK_DIR / "incident.ipynb"),
        None,
        parameters={"incident_id": chosen},
        cwd=str(NOTEBOOK_DIR),
        progress_bar=False,
    )
    html = "".join(
        out.get("data", {}).get("text/html", "")
        for cell in nb.cells
        if cell.cell_type == "code"
        for out in cell.outputs
    )
    assert escape(report.incident_title(results, chosen)) in html
    assert escape(report.incident_title(results, default)) not in html


def test_no_committed_notebook_has_outputs():
    committed = nbcheck.committed_notebooks()
    assert {p.stem for p in committed} >= set(NAMES)
    assert nbcheck.main([str(p) for p in committed]) == 0


def test_the_check_finds_outputs_and_execution_counts(tmp_path, capsys):
    nb = nbformat.read(str(NOTEBOOK_DIR / "overview.ipynb"), as_version=4)
    nb.cells[1].outputs = [nbformat.v4.new_output("stream", text="36 killed")]
    nb.cells[3].execution_count = 4
    saved = tmp_path / "overview.ipynb"
    nbformat.write(nb, str(saved))
    assert nbcheck.main([str(saved)]) == 1
    err = capsys.readouterr().err
    assert f"{saved}: cell 1 (overview-1) has 1 output(s)" in err
    assert f"{saved}: cell 3 (overview-3) has execution count 4" in err


def test_outside_git_every_notebook_but_hidden_folders_is_checked(tmp_path):
    for folder in ("notebooks", ".ipynb_checkpoints", ".venv/share"):
        (tmp_path / folder).mkdir(parents=True)
        (tmp_path / folder / "a.ipynb").write_text(json.dumps({"cells": []}), encoding="utf-8")
    assert nbcheck.committed_notebooks(tmp_path) == [tmp_path / "notebooks" / "a.ipynb"]
