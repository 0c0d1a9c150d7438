"""The GitHub Actions workflow: linted with actionlint (and shellcheck for its scripts),
and it does what the README says (build, upload and publish the site; run the tests)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from casualties.paths import ROOT

WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
BIN = Path(sys.executable).parent


def actionlint(*files: Path) -> subprocess.CompletedProcess:
    """actionlint as ``make lint-workflows`` runs it (both come with the dev extra)."""
    binary = shutil.which("actionlint", path=str(BIN)) or shutil.which("actionlint")
    shellcheck = shutil.which("shellcheck", path=str(BIN)) or shutil.which("shellcheck")
    assert binary and shellcheck, "actionlint / shellcheck missing: pip install -e '.[dev]'"
    command = [binary, "-no-color", "-shellcheck", shellcheck, "-pyflakes=", *map(str, files)]
    return subprocess.run(command, capture_output=True, text=True, cwd=ROOT, timeout=120)


def _workflow() -> dict:
    (path,) = WORKFLOWS
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def test_the_workflows_pass_actionlint():
    assert WORKFLOWS
    result = actionlint(*WORKFLOWS)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize(
    ("old", "new", "complaint"),
    [
        ("runs-on: ubuntu-latest", "runs_on: ubuntu-latest", "runs_on"),
        ('CORPUS="$CORPUS"', "CORPUS=$CORPUS", "SC2086"),
        ("${{ steps.deployment.outputs.page_url }}", "${{ steps.deploy.outputs.url }}", "deploy"),
    ],
)
def test_the_lint_catches_mistakes(tmp_path, old, new, complaint):
    text = WORKFLOWS[0].read_text(encoding="utf-8")
    assert old in text
    broken = tmp_path / "broken.yml"
    broken.write_text(text.replace(old, new, 1), encoding="utf-8")
    result = actionlint(broken)
    assert result.returncode == 1 and complaint in result.stdout


def test_reports_on_push_and_schedule_then_published_with_pages():
    workflow = _workflow()
    triggers = workflow[True]  # YAML 1.1 reads the key `on` as true
    assert {"push", "schedule", "workflow_dispatch"} <= set(triggers)
    reports = workflow["jobs"]["reports"]
    uses = [step.get("uses", "") for step in reports["steps"]]
    setup = next(s for s in reports["steps"] if s.get("uses", "").startswith("actions/setup-p"))
    assert setup["with"]["cache"] == "pip"
    assert any("make reports" in step.get("run", "") for step in reports["steps"])
    assert any(u.startswith("actions/upload-artifact@") for u in uses)
    assert any(u.startswith("actions/upload-pages-artifact@") for u in uses)
    publish = workflow["jobs"]["publish"]
    assert set(publish["needs"]) == {"reports", "test"}
    assert publish["permissions"] == {"pages": "write", "id-token": "write"}
    assert publish["steps"][-1]["uses"].startswith("actions/deploy-pages@")


def test_a_second_job_runs_make_test():
    test = _workflow()["jobs"]["test"]
    assert any(step.get("run") == "bash .ci/run" for step in test["steps"])
    assert (ROOT / ".ci" / "run").read_text(encoding="utf-8").rstrip().endswith("make test")
