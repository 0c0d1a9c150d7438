"""Warm kernels (casualties.site.warm): one kernel runs many notebooks, each in a fresh
namespace; a kernel that dies is replaced and its notebook run once more; the analysis
tables are read once per kernel and every report gets its own copy."""

from __future__ import annotations

import json
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_notebook

from casualties.site import warm
from casualties.site.runner import Job, install_kernelspec, run_job

pytestmark = pytest.mark.slow


def _notebook(path: Path, source: str) -> Path:
    nb = new_notebook(
        cells=[
            new_code_cell('out = ""', metadata={"tags": ["parameters"]}),
            new_code_cell(source),
        ],
        metadata={
            "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}
        },
    )
    nbformat.write(nb, str(path))
    return path


REPORT = """
import json, os
seen = sorted(k for k in globals() if not k.startswith('_'))
with open(out, 'w') as handle:
    json.dump({'pid': os.getpid(), 'seen': seen, 'cwd': os.getcwd()}, handle)
secret = 'from ' + out
import collections as leaked_module
"""


@pytest.fixture
def kernels(tmp_path, monkeypatch):
    monkeypatch.setenv("JUPYTER_PATH", str(install_kernelspec(tmp_path / "jupyter")))
    yield tmp_path
    warm.stop_kernel()


def _run(notebook: Path, out: Path, tmp: Path, warm_kernel: bool = True):
    job = Job(out.stem, notebook, {"out": str(out)}, out.stem)
    return run_job(job, str(tmp / "site"), str(tmp), warm_kernel)


def test_one_kernel_runs_notebooks_in_turn_and_nothing_leaks(kernels):
    notebook = _notebook(kernels / "report.ipynb", REPORT)
    first, second, third = (kernels / f"r{i}.json" for i in range(3))
    for out in (first, second, third):
        result = _run(notebook, out, kernels)
        assert result.ok, result.error
    runs = [json.loads(p.read_text()) for p in (first, second, third)]
    assert len({r["pid"] for r in runs}) == 1  # the same, warm kernel
    for run in runs:
        # only the injected parameter and this run's own names: no `secret`, no
        # `leaked_module` from the run before
        assert "secret" not in run["seen"] and "leaked_module" not in run["seen"], run
        assert {"out", "json", "os"} <= set(run["seen"])
        assert run["cwd"] == str(kernels)


def test_plain_papermill_starts_a_kernel_per_notebook(kernels):
    notebook = _notebook(kernels / "report.ipynb", REPORT)
    pids = []
    for i in range(2):
        out = kernels / f"plain{i}.json"
        assert _run(notebook, out, kernels, warm_kernel=False).ok
        pids.append(json.loads(out.read_text())["pid"])
    assert pids[0] != pids[1]


DIES_ONCE = """
import os
marker = out + '.died'
if not os.path.exists(marker):
    open(marker, 'w').close()
    os._exit(1)  # the kernel dies while running a cell
open(out, 'w').write(str(os.getpid()))
"""


def test_a_kernel_that_dies_while_running_is_replaced_and_the_notebook_retried(kernels):
    before = _notebook(kernels / "report.ipynb", REPORT)
    assert _run(before, kernels / "before.json", kernels).ok
    old_pid = json.loads((kernels / "before.json").read_text())["pid"]
    result = _run(_notebook(kernels / "dies.ipynb", DIES_ONCE), kernels / "dies.txt", kernels)
    assert result.ok, result.error
    assert result.attempts == 2
    new_pid = int((kernels / "dies.txt").read_text())
    assert new_pid != old_pid
    after = _run(before, kernels / "after.json", kernels)  # the new kernel stays warm
    assert after.ok and json.loads((kernels / "after.json").read_text())["pid"] == new_pid


def test_a_kernel_that_always_dies_fails_after_one_retry(kernels):
    notebook = _notebook(kernels / "dies.ipynb", "import os\nos._exit(1)")
    result = _run(notebook, kernels / "x.txt", kernels)
    assert not result.ok and result.attempts == 2
    assert "after 2 kernel starts" in result.error


def test_tables_are_read_once_and_each_report_gets_its_own_copy(tmp_path, monkeypatch):
    from casualties.analyse import analyse, write_results
    from casualties.clean import clean
    from casualties.extract import extract
    from casualties.site import fastload
    from casualties.site.report import validated

    write_results(analyse(clean(extract()), draws=200), tmp_path)
    validated(tmp_path)
    reads = []
    real = fastload.pd.read_csv
    monkeypatch.setattr(fastload.pd, "read_csv", lambda *a, **k: reads.append(a) or real(*a, **k))
    first = fastload.fast_load(tmp_path)
    n = len(reads)
    assert n == len(fastload.TABLES)
    first.claims.loc[:, "quote"] = "changed by a report"
    second = fastload.fast_load(tmp_path)
    assert len(reads) == n  # not read again
    assert (second.claims["quote"] != "changed by a report").all()
