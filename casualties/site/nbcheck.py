"""No committed notebook carries outputs (``make check-notebooks``, run by ``make test``).

Running a notebook in Jupyter and saving it writes its outputs into the file: article
quotes, figures and execution counts that would then land in git and make every diff
noise. ``python -m casualties.site.nbcheck [FILE ...]`` lists each notebook that has them
(exit 1); without arguments it checks every notebook git tracks. Clear them with
``python -m casualties.site.notebooks`` (the report notebooks are generated) or
``jupyter nbconvert --clear-output --inplace FILE``.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

from casualties import paths


def saved_outputs(path: str | os.PathLike) -> list[str]:
    """What ``path`` holds that a committed notebook must not: one line per cell."""
    nb = json.loads(Path(path).read_text(encoding="utf-8"))
    problems = []
    for index, cell in enumerate(nb.get("cells", [])):
        if cell.get("cell_type") != "code":
            continue
        where = f"{path}: cell {index} ({cell.get('id', 'no id')})"
        if cell.get("outputs"):
            problems.append(f"{where} has {len(cell['outputs'])} output(s)")
        if cell.get("execution_count") is not None:
            problems.append(f"{where} has execution count {cell['execution_count']}")
    if "papermill" in nb.get("metadata", {}):
        problems.append(f"{path}: papermill run metadata")
    return problems


def committed_notebooks(root: str | os.PathLike = paths.ROOT) -> list[Path]:
    """Every ``*.ipynb`` git tracks under ``root`` (outside git: every one but in hidden
    folders such as ``.venv`` and ``.ipynb_checkpoints``)."""
    root = Path(root)
    try:
        listed = subprocess.run(
            ["git", "ls-files", "-z", "--", "*.ipynb"],
            cwd=root,
            capture_output=True,
            check=True,
            text=True,
        ).stdout
    except (OSError, subprocess.CalledProcessError):
        found = root.rglob("*.ipynb")
        return sorted(
            p for p in found if not any(part.startswith(".") for part in p.relative_to(root).parts)
        )
    return sorted(root / name for name in listed.split("\0") if name)


def main(argv: Sequence[str] | None = None) -> int:
    files = [Path(a) for a in (sys.argv[1:] if argv is None else argv)] or committed_notebooks()
    problems = [line for path in files for line in saved_outputs(path)]
    for line in problems:
        print(line, file=sys.stderr)
    if problems:
        print(
            "notebooks must be committed without outputs: run `python -m "
            "casualties.site.notebooks` or `jupyter nbconvert --clear-output --inplace FILE`",
            file=sys.stderr,
        )
        return 1
    print(f"{len(files)} notebooks, none with outputs")
    return 0


if __name__ == "__main__":
    sys.exit(main())
