"""The report notebooks: sources in ``notebooks/<name>.py``, the ``.ipynb`` written from them.

Each source is a jupytext percent-format file (``# %%`` cells), linted and formatted with
the package and reviewable as code; ``make notebooks`` (``python -m
casualties.site.notebooks``) writes the ``.ipynb`` beside it, without outputs and with
stable cell ids, and a test fails when the two differ. The build and Jupyter run the
``.ipynb``; with the ``lab`` extra (jupytext) Jupyter opens the ``.py`` as a notebook too.
Notebooks hold parameters, calls into the package, figures and prose: no logic.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from casualties import paths
from casualties.site.registry import REPORTS

KERNELSPEC = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}


def source_path(name: str, folder: str | os.PathLike = paths.NOTEBOOKS) -> Path:
    return Path(folder) / f"{name}.py"


def notebook(name: str, folder: str | os.PathLike = paths.NOTEBOOKS):
    """The notebook ``name`` as written from its source (no outputs), an nbformat node."""
    import jupytext
    import nbformat
    from nbformat.v4 import new_notebook

    source = jupytext.read(source_path(name, folder), fmt="py:percent")
    cells = []
    for index, cell in enumerate(source.cells):
        cell = nbformat.from_dict(
            {k: v for k, v in cell.items() if k not in ("id", "outputs", "execution_count")}
        )
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
        cell.metadata = {k: v for k, v in cell.metadata.items() if k == "tags"}
        cell["id"] = f"{name}-{index}"  # stable: a re-generated notebook diffs clean
        cells.append(cell)
    nb = new_notebook(cells=cells, metadata={"kernelspec": KERNELSPEC})
    nb.metadata["language_info"] = {"name": "python"}
    nbformat.validate(nb)
    return nb


def write_notebooks(folder: str | os.PathLike = paths.NOTEBOOKS) -> list[Path]:
    """Write ``<name>.ipynb`` of every registered report from its source in ``folder``."""
    import nbformat

    written = []
    for report in REPORTS:
        path = Path(folder) / f"{report.name}.ipynb"
        nbformat.write(notebook(report.name, folder), str(path))
        written.append(path)
    return written


if __name__ == "__main__":
    for path in write_notebooks(sys.argv[1] if len(sys.argv) > 1 else paths.NOTEBOOKS):
        print(path)
