"""pyproject.toml and environment.yml must pin the same packages at the same versions."""

from __future__ import annotations

import re
import tomllib

import yaml

from casualties.paths import ROOT


def _pins(specs: list[str]) -> dict[str, str]:
    pins = {}
    for spec in specs:
        match = re.fullmatch(r"([A-Za-z0-9_.\-]+)\s*==\s*([^\s;]+)", spec.strip())
        assert match, f"not an exact pin: {spec!r}"
        pins[match.group(1).lower().replace("_", "-")] = match.group(2)
    return pins


def test_pyproject_and_environment_pin_the_same_versions():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    py = _pins(project["dependencies"] + project["optional-dependencies"]["dev"])
    env = yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))
    conda_specs = [d for d in env["dependencies"] if isinstance(d, str)]
    conda = _pins([d for d in conda_specs if "==" in d])
    assert py == conda


def test_every_pin_is_exact_in_pyproject():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    for spec in project["dependencies"]:
        assert "==" in spec, spec
