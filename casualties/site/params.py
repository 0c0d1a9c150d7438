"""Parameters of the site build, checked before any notebook runs.

A report name is derived from data (incident ids, province names), so it is reduced to a
safe slug here and checked again when the page is written: no name can contain ``/``,
``..`` or point outside the output folder.
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
import unicodedata
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from casualties.errors import ParameterError

log = logging.getLogger("casualties.site")

_SLUG_MAX = 60
REPORT_NAME = re.compile(r"[a-z0-9][a-z0-9-]{0,120}")

# papermill's inferred type names -> the Python types a value may have.
_TYPES: dict[str, tuple[type, ...]] = {
    "str": (str,),
    "int": (int,),
    "float": (float, int),
    "bool": (bool,),
}


def slug(text: str) -> str:
    """Lower-case ASCII letters, digits and single dashes; never empty."""
    folded = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode("ascii")
    result = re.sub(r"[^a-z0-9]+", "-", folded.lower()).strip("-")[:_SLUG_MAX].strip("-")
    return result or "x"


def _short_hash(text: str) -> str:
    return hashlib.sha1(str(text).encode("utf-8")).hexdigest()[:8]


def report_names(prefix: str, keys: Iterable[str]) -> dict[str, str]:
    """Map each key to a unique, safe report name ``<prefix>-<slug>``.

    Keys whose slugs collide (``"Sar-e Pul"`` and ``"sar e pul"``) get a short hash of the
    key appended, so names stay deterministic and distinct.
    """
    keys = sorted({str(key) for key in keys})
    slugs = {key: slug(key) for key in keys}
    counts: dict[str, int] = {}
    for value in slugs.values():
        counts[value] = counts.get(value, 0) + 1
    names = {}
    for key in keys:
        base = slugs[key]
        if counts[base] > 1:
            base = f"{base[: _SLUG_MAX - 9]}-{_short_hash(key)}"
        names[key] = check_report_name(f"{slug(prefix)}-{base}")
    return names


def check_report_name(name: str) -> str:
    """Return ``name`` if it is a safe report file stem, else raise ``ParameterError``."""
    if not isinstance(name, str) or not REPORT_NAME.fullmatch(name):
        raise ParameterError(f"unsafe report name {name!r}: only a-z, 0-9 and '-' are allowed")
    return name


def report_path(out_dir: str | os.PathLike, name: str) -> Path:
    """The HTML file of report ``name`` inside ``out_dir``; never outside it."""
    out = Path(out_dir).resolve()
    path = (out / f"{check_report_name(name)}.html").resolve()
    if path.parent != out:
        raise ParameterError(f"report {name!r} would be written outside {out}")
    return path


def cores() -> int:
    """Cores this process may run on (its CPU affinity, else the machine's count)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def check_jobs(jobs: int | None, pages: int | None = None) -> int:
    """Number of worker processes: ``None`` = the number of cores. More than the cores
    (or than ``pages``, the reports to run, when known) only makes workers compete for the
    processor and each start a kernel, so it is capped, with a warning."""
    if jobs is not None and (isinstance(jobs, bool) or not isinstance(jobs, int) or jobs < 1):
        raise ParameterError(f"--jobs must be a positive integer, got {jobs!r}")
    limit = cores() if pages is None else max(1, min(cores(), pages))
    if jobs is None:
        return limit
    if jobs > limit:
        what = f"{cores()} cores" + ("" if pages is None else f", {pages} reports")
        log.warning("--jobs %d: capped at %d (%s: more workers do not help)", jobs, limit, what)
        return limit
    return jobs


def check_choice(name: str, value: Any, allowed: Iterable[str]) -> str:
    """``value`` must be one of ``allowed`` (incident ids, provinces, presets...)."""
    allowed = sorted({str(a) for a in allowed})
    if not isinstance(value, str) or value not in allowed:
        shown = ", ".join(allowed[:20]) + (" ..." if len(allowed) > 20 else "")
        raise ParameterError(f"unknown {name} {value!r}; known: {shown or '(none)'}")
    return value


def check_parameters(
    notebook: str | os.PathLike,
    values: Mapping[str, Any],
    declared: Mapping[str, Mapping[str, Any]] | None = None,
) -> dict[str, Any]:
    """Check ``values`` against the ``parameters`` cell of ``notebook``.

    Every name must be declared there, and each value must have the declared type
    (``x: int = 3``). ``declared`` is papermill's ``inspect_notebook`` result; it is read
    from the notebook when not given.
    """
    if declared is None:
        declared = declared_parameters(notebook)
    checked = {}
    for name, value in values.items():
        if name not in declared:
            known = ", ".join(sorted(declared)) or "(none)"
            raise ParameterError(
                f"{Path(notebook).name}: unknown parameter {name!r}; it declares {known}"
            )
        type_name = str(declared[name].get("inferred_type_name") or "").strip()
        expected = _TYPES.get(type_name)
        bad_bool = isinstance(value, bool) and type_name in ("int", "float")
        if expected is not None and (bad_bool or not isinstance(value, expected)):
            raise ParameterError(
                f"{Path(notebook).name}: parameter {name!r} must be {type_name}, "
                f"got {type(value).__name__} {value!r}"
            )
        checked[name] = value
    return checked


def declared_parameters(notebook: str | os.PathLike) -> dict[str, dict[str, Any]]:
    """The parameters a notebook declares (name -> papermill's description).

    Raises ``ParameterError`` unless exactly one cell is tagged ``parameters``.
    """
    import nbformat
    from papermill.inspection import inspect_notebook

    nb = nbformat.read(str(notebook), as_version=4)
    tagged = [c for c in nb.cells if "parameters" in c.get("metadata", {}).get("tags", [])]
    if len(tagged) != 1:
        raise ParameterError(
            f"{Path(notebook).name}: expected exactly one cell tagged 'parameters', "
            f"found {len(tagged)}"
        )
    return {name: dict(info) for name, info in inspect_notebook(str(notebook)).items()}
