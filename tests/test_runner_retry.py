"""A notebook whose kernel dies before running a cell is retried once with a fresh kernel
(issue 10); a second death, or a failing cell, is a failed report. Real kernels, real deaths:
the kernelspec the runner uses is replaced by one that exits at start."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from casualties.site.runner import KERNEL_NAME, Job, kernel_start_failed, run_job

FIXTURES = Path(__file__).parent / "fixtures" / "site"
pytestmark = pytest.mark.slow


def _flaky_kernel(tmp_path: Path, monkeypatch, fails: int) -> Path:
    counter = tmp_path / "starts"
    spec = tmp_path / "jupyter" / "kernels" / KERNEL_NAME
    spec.mkdir(parents=True)
    argv = [sys.executable, str(FIXTURES / "flaky_kernel.py"), str(counter), str(fails),
            "-f", "{connection_file}"]  # fmt: skip
    (spec / "kernel.json").write_text(json.dumps({"argv": argv, "language": "python",
                                                  "display_name": "flaky"}))  # fmt: skip
    monkeypatch.setenv("JUPYTER_PATH", str(tmp_path / "jupyter"))
    return counter


def _job() -> Job:
    return Job("ok", FIXTURES / "ok.ipynb", {"label": "x", "count": 2}, "OK", "general")


def test_a_kernel_that_dies_at_start_is_retried_once(tmp_path, monkeypatch):
    counter = _flaky_kernel(tmp_path, monkeypatch, fails=1)
    result = run_job(_job(), str(tmp_path / "site"), str(tmp_path))
    assert result.ok, result.error
    assert result.attempts == 2 and counter.read_text() == "2"
    assert (tmp_path / "site" / "ok.html").is_file()


def test_a_second_death_is_a_failed_report(tmp_path, monkeypatch):
    counter = _flaky_kernel(tmp_path, monkeypatch, fails=5)
    result = run_job(_job(), str(tmp_path / "site"), str(tmp_path))
    assert not result.ok and result.attempts == 2 and counter.read_text() == "2"
    assert "Kernel died before replying to kernel_info" in result.error
    assert "after 2 kernel starts" in result.error
    assert not (tmp_path / "site" / "ok.html").exists()


def test_a_failing_cell_is_not_retried(tmp_path, monkeypatch):
    counter = _flaky_kernel(tmp_path, monkeypatch, fails=0)
    job = Job("fail", FIXTURES / "fail.ipynb", {}, "Failing report", "general")
    result = run_job(job, str(tmp_path / "site"), str(tmp_path))
    assert not result.ok and result.attempts == 1 and counter.read_text() == "1"
    assert result.error == "ValueError: fixture failure in cell 2"


@pytest.mark.parametrize(
    ("error", "retried"),
    [
        (RuntimeError("Kernel died before replying to kernel_info"), True),
        (RuntimeError("Kernel didn't respond in 60 seconds"), True),
        (RuntimeError("something else"), False),
        (ValueError("Kernel died before replying to kernel_info"), False),
    ],
)
def test_which_errors_are_kernel_start_failures(error, retried):
    assert kernel_start_failed(error) is retried
