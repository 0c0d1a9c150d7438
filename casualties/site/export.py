"""Executed notebooks to small, self-contained HTML pages.

nbconvert renders the cells (code hidden) with its ``basic`` template; the page shell here
adds a title, a link back to the index, a little CSS, and loads plotly.js from the shared
``assets/plotly.min.js`` so that every page works offline from ``file://`` and stays small.
A tiny script records JavaScript errors and drawn charts on ``<html>`` (``data-js-errors``,
``data-plotly-charts``, ``data-plotly-drawn``): the browser tests read them, and a reader
sees the same page.
"""

from __future__ import annotations

import hashlib
import html
import os
import shutil
from pathlib import Path

from casualties import __version__
from casualties.io import atomic_open, write_text_atomic

ASSETS = "assets"
PLOTLY_JS = "plotly.min.js"

# Cells with these tags are not shown (the defaults and the values injected by papermill).
HIDDEN_TAGS = ("parameters", "injected-parameters", "remove-cell")

PAGE_MONITOR = """
(function () {
  var errors = [];
  function record(message) {
    errors.push(String(message));
    document.documentElement.setAttribute("data-js-errors", JSON.stringify(errors));
  }
  window.addEventListener("error", function (event) {
    var target = event.target;
    if (target && target !== window && (target.src || target.href)) {
      record("failed to load " + (target.src || target.href));
    } else {
      record(event.message || "error");
    }
  }, true);
  window.addEventListener("unhandledrejection", function (event) {
    record("unhandled rejection: " + (event.reason && event.reason.message || event.reason));
  });
  var consoleError = console.error;
  console.error = function () {
    record(Array.prototype.join.call(arguments, " "));
    return consoleError.apply(console, arguments);
  };
  function count() {
    var root = document.documentElement;
    var charts = document.querySelectorAll(".plotly-graph-div");
    var drawn = 0;
    charts.forEach(function (chart) {
      var traces = chart.data ? chart.data.length : 0;
      if (chart.classList.contains("js-plotly-plot") && chart.querySelector(".main-svg") &&
          traces > 0) {
        drawn += 1;
      }
    });
    root.setAttribute("data-plotly-charts", String(charts.length));
    root.setAttribute("data-plotly-drawn", String(drawn));
    root.setAttribute("data-js-errors", JSON.stringify(errors));
    root.setAttribute("data-page-status", "loaded");
  }
  window.addEventListener("load", function () { setTimeout(count, 0); });
})();
"""

PAGE_CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;color:#222;
line-height:1.45;background:#fff}
.controls label{margin-right:.8em;white-space:nowrap}th[data-key]{cursor:pointer}
nav{background:#f3f3f3;border-bottom:1px solid #ddd;padding:.5em 1.5em;font-size:.9em}
main{max-width:1100px;margin:0 auto;padding:1em 1.5em 3em}
h1{font-size:1.7em;margin:.6em 0 .3em}h2{font-size:1.3em;margin-top:1.6em}
h1 .anchor-link,h2 .anchor-link,h3 .anchor-link{display:none}
table{border-collapse:collapse;margin:.6em 0;font-size:.88em}
th,td{border:1px solid #ddd;padding:.25em .5em;text-align:left;vertical-align:top}
th{background:#f5f5f5}td.num,th.num{text-align:right}
.output_stderr,.output_error{display:none}
.output_text pre,.output_stream pre{white-space:pre-wrap;font-size:.85em;color:#555}
.plotly-graph-div{margin:.5em 0}
.table-wrap{max-height:32em;overflow:auto}
td.quote{min-width:22em;max-width:42em}
.failures{color:#a00}
sup.corrected{color:#8a4b00;font-weight:bold;cursor:help;margin-left:.15em}
td.correction{color:#6a3a00;font-size:.92em;min-width:14em}
"""

PAGE_SHELL = """<!DOCTYPE html>
<html lang="en" data-page-status="loading">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="casualties {version}">
<title>{title}</title>
<script>{monitor}</script>
{head}<style>{css}</style>
</head>
<body>
<nav><a href="index.html">casualties</a> &middot; {title}</nav>
<main>
{body}
</main>
</body>
</html>
"""


def plotly_script_tag() -> str:
    return f'<script src="{ASSETS}/{PLOTLY_JS}"></script>\n'


def page(title: str, body: str, *, plotly: bool = True) -> str:
    """A full HTML page around ``body``; ``title`` is escaped here."""
    return PAGE_SHELL.format(
        version=__version__,
        title=html.escape(title),
        monitor=PAGE_MONITOR,
        head=plotly_script_tag() if plotly else "",
        css=PAGE_CSS,
        body=body,
    )


def _exporter():
    from nbconvert import HTMLExporter
    from traitlets.config import Config

    config = Config()
    config.TagRemovePreprocessor.enabled = True
    config.TagRemovePreprocessor.remove_cell_tags = set(HIDDEN_TAGS)
    exporter = HTMLExporter(
        config=config,
        template_name="basic",
        exclude_input=True,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
    )
    return exporter


_EXPORTER = None


def warm_up():
    """The exporter of this process, built once (templates loaded, filters compiled)."""
    global _EXPORTER
    if _EXPORTER is None:
        from nbformat.v4 import new_notebook

        _EXPORTER = _exporter()
        _EXPORTER.from_notebook_node(new_notebook())  # compiles the templates
    return _EXPORTER


def notebook_body(nb) -> str:
    """The cells of an executed notebook as HTML (no code, no prompts)."""
    body, _resources = warm_up().from_notebook_node(nb)
    return body


def export_page(nb, title: str, path: str | os.PathLike) -> int:
    """Write ``nb`` as a page to ``path`` atomically; return its size in bytes."""
    text = page(title, notebook_body(nb))
    return write_page(text, path)


def write_page(text: str, path: str | os.PathLike) -> int:
    """Write a page atomically; return its size."""
    write_text_atomic(text, path)
    return Path(path).stat().st_size


def plotly_js_source() -> Path:
    """plotly.min.js of the installed plotly package (the version the figures are made for)."""
    import plotly

    return Path(plotly.__file__).parent / "package_data" / PLOTLY_JS


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def write_assets(out_dir: str | os.PathLike) -> Path:
    """Put plotly.min.js in ``out_dir/assets/`` once (left alone when already identical)."""
    source = plotly_js_source()
    target = Path(out_dir) / ASSETS / PLOTLY_JS
    if (
        target.exists()
        and target.stat().st_size == source.stat().st_size
        and _digest(target) == _digest(source)
    ):
        return target
    with atomic_open(target, "wb") as handle, open(source, "rb") as src:
        shutil.copyfileobj(src, handle)
    return target
