"""Output paths, checked before any work: every stage's ``-o FILE``, ``--out DIR`` and
``--processed DIR``, and the site folder of ``build --out``, which is only written into
when it is empty, new, or holds an earlier site of this tool (its marker file).

A bad path is a ``ParameterError`` (exit 2) naming the option, the path and the reason,
raised before a single article is read, so nothing is written and no work is wasted.
"""

from __future__ import annotations

import os
from pathlib import Path

from casualties import paths
from casualties.errors import ParameterError

#: Written into every site folder ``build`` writes; its presence lets the next build
#: replace the pages there.
SITE_MARKER = ".casualties-site"
_MARKER_TEXT = (
    "This folder holds a site written by `casualties build`; the next build may replace\n"
    "every page and table in it. Delete this file to keep the build out of the folder.\n"
)
# Entries an otherwise empty folder may hold (a checkout's reports/.gitkeep).
_IGNORED = {".gitkeep", ".DS_Store"}
#: The head of every page ``build`` writes (casualties.site.export) starts with this tag:
#: how an earlier site (before the marker existed) and its stale pages are recognised.
GENERATOR_TAG = '<meta name="generator" content="casualties'


def _refused(path: Path) -> str | None:
    """Why ``path`` can never be an output folder, or None."""
    resolved = path.resolve()
    if resolved == Path(resolved.anchor):
        return "it is the root folder"
    if resolved == Path.home().resolve():
        return "it is the home folder"
    if resolved == paths.ROOT.resolve():
        return "it is the repository root"
    if _inside_raw(resolved):
        return _RAW_REASON
    return None


_RAW_REASON = "it is inside data/raw (the embedded corpus, never modified)"


def _inside_raw(path: Path) -> bool:
    return path.resolve().is_relative_to(paths.RAW.resolve())


def _writable_parent(option: str, path: Path, folder: bool = False) -> None:
    """The nearest existing ancestor of ``path`` (``path`` itself, for a ``folder``) is a
    writable folder, so the output can be made there."""
    resolved = path.resolve()
    for parent in [resolved, *resolved.parents] if folder else resolved.parents:
        if parent.exists():
            if not parent.is_dir():
                raise ParameterError(f"{option} {path}: {parent} is a file, not a folder")
            if not os.access(parent, os.W_OK | os.X_OK):
                raise ParameterError(f"{option} {path}: {parent} is not writable")
            return


def check_output_file(option: str, path: str | os.PathLike | None) -> None:
    """``-o FILE`` (or ``--quarantine FILE``): not a folder, its folder can be made."""
    if path is None:
        return
    path = Path(path)
    if path.is_dir():
        raise ParameterError(f"{option} {path}: is a folder; name the file to write")
    if _inside_raw(path):
        raise ParameterError(f"{option} {path}: refused: {_RAW_REASON}")
    _writable_parent(option, path)


def check_output_folder(option: str, path: str | os.PathLike) -> None:
    """``--out DIR`` of analyse, ``--processed DIR`` of build: a folder, or one to make."""
    path = Path(path)
    if path.exists() and not path.is_dir():
        raise ParameterError(f"{option} {path}: exists and is not a folder")
    reason = _refused(path)
    if reason:
        raise ParameterError(f"{option} {path}: refused: {reason}")
    _writable_parent(option, path, folder=True)


def is_own_site(path: Path) -> bool:
    """``path`` holds a site of this tool: its marker, or an index.html it wrote before
    the marker existed."""
    if (path / SITE_MARKER).is_file():
        return True
    index = path / "index.html"
    if not index.is_file():
        return False
    with open(index, encoding="utf-8", errors="replace") as handle:
        return GENERATOR_TAG in handle.read(4096)


def check_site_folder(path: str | os.PathLike, option: str = "--out") -> None:
    """The site folder of ``build``: new, empty, or an earlier site of its own; never the
    root, the home folder or the repository root (an unrelated ``index.html`` or
    ``data/claims.csv`` there would be overwritten)."""
    check_output_folder(option, path)
    path = Path(path)
    if not path.exists():
        return
    entries = sorted(entry.name for entry in path.iterdir() if entry.name not in _IGNORED)
    if entries and not is_own_site(path):
        shown = ", ".join(entries[:5]) + (", ..." if len(entries) > 5 else "")
        raise ParameterError(
            f"{option} {path}: refused: the folder holds files that are not a site of "
            f"casualties build ({shown}); name an empty or new folder"
        )


def mark_site_folder(path: str | os.PathLike) -> Path:
    """Create the site folder (if needed) and write its marker."""
    from casualties.io import write_text_atomic

    path = Path(path)
    path.mkdir(parents=True, exist_ok=True)
    marker = path / SITE_MARKER
    if not marker.is_file():
        write_text_atomic(_MARKER_TEXT, marker)
    return marker
