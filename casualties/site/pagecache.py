"""Pages whose inputs did not change are not executed again.

The key of a page hashes what it is made from: its notebook, parameters and title, the
code and reference data of the package, and the analysis rows it reads. An incident page
reads only its incident's rows (of the claims, incidents, comparison and claimant figures
tables), and incident ids stay when articles are added (``analyse.link``), so adding an
article re-executes the pages of the incidents it touches (and the general and province
pages, which read every table). The keys of the pages built are kept
in the site folder (``.casualties-pages.json``); a page is reused only when its file is
still there and its key is the same. ``--no-cache`` executes every page.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
from collections.abc import Sequence
from pathlib import Path

from casualties import paths

MANIFEST = ".casualties-pages.json"
#: Tables an incident page reads, filtered to its incident.
INCIDENT_TABLES = ("claims", "incidents", "comparison", "claimant_figures")


@functools.cache
def code_fingerprint() -> str:
    """Hash of the package's code and reference data (a changed chart changes every page)."""
    digest = hashlib.sha256()
    package = Path(__file__).resolve().parents[1]
    files = sorted(package.rglob("*.py")) + sorted(package.rglob("*.js"))
    files += sorted(p for p in paths.REFERENCE.rglob("*") if p.is_file())
    for path in files:
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _table_digest(frame) -> str:
    return hashlib.sha256(frame.to_csv(index=False).encode()).hexdigest()


def page_key(job, results, processed_dir: str | os.PathLike, names: Sequence[str]) -> str:
    """The hash of everything ``job``'s page is made from."""
    digest = hashlib.sha256(code_fingerprint().encode())
    digest.update(Path(job.notebook).read_bytes())
    digest.update(json.dumps([job.name, job.title, dict(job.parameters)], default=str).encode())
    incident = job.parameters.get("incident_id") if job.kind == "incident" else None
    if incident is not None:
        for name in INCIDENT_TABLES:
            table = getattr(results, name, None)
            if table is not None and "incident_id" in table.columns:
                digest.update(_table_digest(table[table["incident_id"] == incident]).encode())
        digest.update(json.dumps(sorted(n for n in names if n.startswith("province"))).encode())
    else:
        folder = Path(processed_dir)
        for file in sorted(p for p in folder.glob("*.csv") if p.is_file()):
            digest.update(file.name.encode())
            digest.update(hashlib.sha256(file.read_bytes()).digest())
        digest.update(json.dumps(sorted(names)).encode())
    return digest.hexdigest()


def read_manifest(out_dir: str | os.PathLike) -> dict[str, str]:
    try:
        data = json.loads((Path(out_dir) / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def write_manifest(out_dir: str | os.PathLike, keys: dict[str, str]) -> None:
    from casualties.io import write_text_atomic

    write_text_atomic(json.dumps(keys, indent=0, sort_keys=True), Path(out_dir) / MANIFEST)
