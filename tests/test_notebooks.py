"""The report notebooks: committed without outputs, one typed parameters cell, no logic,
and each runs top to bottom with its defaults."""

from __future__ import annotations

import ast

import nbformat
import pytest
from fixtures.site import synthetic
from papermill.inspection import inspect_notebook

from casualties.paths import NOTEBOOKS as NOTEBOOK_DIR
from casualties.site.notebooks import notebook, source_path
from casualties.site.registry import REPORTS
from casualties.site.runner import Job, run_jobs

NAMES = sorted(report.name for report in REPORTS)


def _read(name: str) -> nbformat.NotebookNode:
    return nbformat.read(str(NOTEBOOK_DIR / f"{name}.ipynb"), as_version=4)


def test_every_registered_report_has_a_source_and_a_notebook_and_nothing_else_is_there():
    assert sorted(p.stem for p in NOTEBOOK_DIR.glob("*.ipynb")) == NAMES
    assert sorted(p.stem for p in NOTEBOOK_DIR.glob("*.py")) == NAMES
    assert all(source_path(name).is_file() for name in NAMES)


@pytest.mark.parametrize("name", NAMES)
def test_committed_without_outputs(name):
    nb = _read(name)
    nbformat.validate(nb)
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [], f"{name}: cell {cell.id} has outputs"
            assert cell.execution_count is None
    assert "papermill" not in nb.metadata


@pytest.mark.parametrize("name", NAMES)
def test_committed_notebook_matches_its_source(name):
    """Edit notebooks/<name>.py, then `make notebooks`."""
    assert _read(name) == notebook(name)


@pytest.mark.parametrize("name", NAMES)
def test_exactly_one_parameters_cell_with_typed_and_explained_values(name):
    nb = _read(name)
    tagged = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
    assert len(tagged) == 1
    assigned = [n.target.id for n in ast.parse(tagged[0].source).body]  # AnnAssign only
    declared = inspect_notebook(str(NOTEBOOK_DIR / f"{name}.ipynb"))
    assert list(declared) == assigned  # papermill --help-notebook explains every one
    for parameter in declared.values():
        assert parameter["inferred_type_name"] in {"str", "int", "float", "bool"}
        assert len(parameter["help"]) > 10
    assert {"processed_dir", "preset", "seed"} <= set(declared)


_LOGIC = (ast.FunctionDef, ast.ClassDef, ast.For, ast.While, ast.If, ast.Lambda, ast.ListComp)


@pytest.mark.parametrize("name", NAMES)
def test_notebooks_hold_calls_not_logic(name):
    for cell in _read(name).cells:
        if cell.cell_type == "code":
            tree = ast.parse(cell.source)
            assert not [node for node in ast.walk(tree) if isinstance(node, _LOGIC)], cell.source


@pytest.fixture(scope="module")
def executed(tmp_path_factory):
    processed = tmp_path_factory.mktemp("processed")
    synthetic.write_processed(processed)
    out, work = tmp_path_factory.mktemp("site"), tmp_path_factory.mktemp("work")
    # Only processed_dir is given: every other parameter keeps its default.
    jobs = [
        Job(name, NOTEBOOK_DIR / f"{name}.ipynb", {"processed_dir": str(processed)}, name)
        for name in NAMES
    ]
    results = run_jobs(jobs, out, work, n_jobs=2, progress=False)
    return out, {r.name: r for r in results}, synthetic


@pytest.mark.parametrize("name", NAMES)
def test_runs_top_to_bottom_with_defaults(executed, name):
    out, results, _synthetic = executed
    result = results[name]
    assert result.ok, f"{name}: cell {result.cell_index}: {result.error}\n{result.cell_source}"
    html = (out / f"{name}.html").read_text(encoding="utf-8")
    assert "Plotly.newPlot" in html
    assert "<script>alert" not in html
    assert "charts.show" not in html  # no code on the page


def test_article_markup_is_escaped_in_every_page_that_quotes_it(executed):
    out, _results, synthetic = executed
    escaped = "Officials said &lt;script&gt;alert("
    pages = {p.stem: p.read_text(encoding="utf-8") for p in out.glob("*.html")}
    assert escaped in pages["overview"]  # the table of every claim
    assert escaped in pages["incident"]  # the default incident is the embassy bombing
    for text in pages.values():
        assert synthetic.SCRIPT_QUOTE not in text
