"""Warm kernels: one Jupyter kernel per build worker runs many report notebooks in turn.

Starting a kernel and importing pandas and plotly costs about a second, more than most
report pages take to compute. The ``casualties-warm`` papermill engine (an entry point of
``papermill.engine``) keeps one kernel alive in the worker process and, before each
notebook, clears the kernel's user namespace (IPython's ``reset``: every variable, every
name a report imported, the output history) and moves it to the notebook's folder. Modules
stay imported, which is the point; what a report computes does not reach the next one.
The analysis tables are read once per kernel (``casualties.site.fastload`` keeps them and
hands each report its own copy).

A notebook is unchanged by this: it runs alone with plain papermill and in Jupyter. A kernel
that dies is replaced by a fresh one the next time it is asked for (``runner.run_job``
retries the notebook once).
"""

from __future__ import annotations

import atexit
import functools
import os

ENGINE = "casualties-warm"
START_TIMEOUT = 60
#: Run in the kernel before each notebook: a fresh namespace in the notebook's folder.
#: (IPython's reset ends with a full garbage collection, a tenth of a page's time with
#: pandas and plotly loaded; Python's own collector still runs, so it is skipped.)
RESET = (
    "import gc as _casualties_gc\n"
    "_casualties_gc.real_collect = getattr(\n"
    "    _casualties_gc, 'real_collect', _casualties_gc.collect\n"
    ")\n"
    "_casualties_gc.collect = lambda *args, **kwargs: 0\n"
    "try:\n"
    "    get_ipython().reset(new_session=False)\n"
    "finally:\n"
    "    import gc as _casualties_gc\n"
    "\n"
    "    _casualties_gc.collect = _casualties_gc.real_collect\n"
    "    del _casualties_gc\n"
    "import os as _casualties_os\n"
    "_casualties_os.chdir({cwd!r})\n"
    "del _casualties_os\n"
)
#: Imports a worker's kernel does while the pipeline runs (what every report starts with).
PRELOAD = "import pandas, plotly.graph_objects, casualties.site.report, casualties.site.charts\n"

_kernel = None  # (key, KernelManager) of this process
_client = None  # (KernelManager, its client) of this process


def _key(kernel_name: str) -> tuple[str, str]:
    # A kernel is reused only for the same kernelspec, found on the same JUPYTER_PATH.
    return kernel_name, os.environ.get("JUPYTER_PATH", "")


def worker_kernel(kernel_name: str, cwd: str | None = None):
    """This process's live kernel for ``kernel_name``, started when missing or dead."""
    global _kernel
    from jupyter_client.manager import AsyncKernelManager
    from jupyter_core.utils import run_sync

    key = _key(kernel_name)
    if _kernel is not None and (_kernel[0] != key or not run_sync(_kernel[1].is_alive)()):
        stop_kernel()
    if _kernel is None:
        # nbclient polls an asynchronous manager while a cell runs, so a kernel that dies
        # mid-cell is seen at once (a blocking client would wait for the cell timeout).
        manager = AsyncKernelManager(kernel_name=kernel_name)
        run_sync(manager.start_kernel)(cwd=cwd or os.getcwd())
        _kernel = (key, manager)
    return _kernel[1]


def worker_client(manager):
    """The one client of this process's kernel, started and ready once: a client per
    notebook costs a start and a wait for the kernel's reply (0.2 s) every page."""
    global _client
    from jupyter_core.utils import run_sync

    if _client is not None and _client[0] is manager and _client[1].channels_running:
        return _client[1]
    close_client()
    client = manager.client()
    client.start_channels()
    try:
        run_sync(client.wait_for_ready)(timeout=START_TIMEOUT)
    except BaseException:
        client.stop_channels()
        raise
    _client = (manager, client)
    return client


def close_client() -> None:
    global _client
    if _client is not None:
        client, _client = _client[1], None
        client.stop_channels()


def stop_kernel() -> None:
    """Shut this process's kernel down (at exit; before replacing a dead one)."""
    global _kernel
    close_client()
    if _kernel is None:
        return
    from jupyter_core.utils import run_sync

    manager, _kernel = _kernel[1], None
    try:
        run_sync(manager.shutdown_kernel)(now=True)
    except Exception:  # already gone: nothing to stop
        pass


def run_in_kernel(manager, code: str, timeout: float = START_TIMEOUT) -> None:
    """Run ``code`` silently in the kernel; ``RuntimeError`` if it fails (a dead kernel:
    jupyter_client's "Kernel died before replying to kernel_info")."""
    from jupyter_core.utils import run_sync

    client = worker_client(manager)
    try:
        reply = run_sync(client.execute_interactive)(
            code, silent=True, store_history=False, timeout=timeout, output_hook=_ignore
        )
    except BaseException:
        close_client()  # a client that missed its reply is not used again
        raise
    if reply["content"].get("status") != "ok":
        content = reply["content"]
        raise RuntimeError(f"kernel reset failed: {content.get('ename')}: {content.get('evalue')}")


def _ignore(message: dict) -> None:
    pass


def fresh_kernel(kernel_name: str, cwd: str):
    """The worker's kernel with an empty namespace, in ``cwd``."""
    manager = worker_kernel(kernel_name, cwd)
    run_in_kernel(manager, RESET.format(cwd=cwd))
    return manager


def preload(kernel_name: str) -> None:
    """Start the kernel and import what reports need (while the pipeline runs)."""
    run_in_kernel(worker_kernel(kernel_name), PRELOAD, timeout=300)


@functools.cache
def _engine():
    from nbclient.util import run_hook, run_sync
    from papermill import clientwrap
    from papermill.engines import NBClientEngine
    from papermill.log import logger
    from papermill.utils import merge_kwargs, remove_args

    class Client(clientwrap.PapermillNotebookClient):
        """papermill's client on the worker's one kernel client (nbclient keeps a client it
        did not start when it does not own the kernel)."""

        async def async_start_new_kernel_client(self):
            if _client is None or _client[0] is not self.km or not _client[1].channels_running:
                return await super().async_start_new_kernel_client()  # fresh_kernel made one
            self.kc = _client[1]
            self.kc.allow_stdin = False
            await run_hook(self.on_notebook_start, notebook=self.nb)
            return self.kc

        start_new_kernel_client = run_sync(async_start_new_kernel_client)

    class Engine(NBClientEngine):
        @classmethod
        def execute_managed_notebook(
            cls, nb_man, kernel_name, log_output=False, stdout_file=None, stderr_file=None,
            start_timeout=60, execution_timeout=None, **kwargs,
        ):  # fmt: skip
            """papermill's ``NBClientEngine.execute_managed_notebook`` with ``Client``."""
            kwargs = remove_args(["input_path"], **kwargs)
            kwargs["km"] = fresh_kernel(kernel_name, os.getcwd())  # papermill is in ``cwd``
            final = merge_kwargs(
                remove_args(["timeout", "startup_timeout"], **kwargs),
                timeout=execution_timeout if execution_timeout else kwargs.get("timeout"),
                startup_timeout=start_timeout,
                kernel_name=kernel_name,
                log=logger,
                log_output=log_output,
                stdout_file=stdout_file,
                stderr_file=stderr_file,
            )
            return Client(nb_man, **final).execute()

    return Engine


class WarmEngine:
    """papermill's nbclient engine on the worker's warm kernel (``engine_name=ENGINE``).

    papermill imports its entry points while it is itself being imported, so this module
    cannot subclass its engine at import time: the subclass is made on first use.
    """

    @classmethod
    def execute_notebook(cls, nb, kernel_name, **kwargs):
        return _engine().execute_notebook(nb, kernel_name, **kwargs)

    @classmethod
    def nb_kernel_name(cls, nb, name=None):
        return _engine().nb_kernel_name(nb, name)

    @classmethod
    def nb_language(cls, nb, language=None):
        return _engine().nb_language(nb, language)


atexit.register(stop_kernel)
try:  # a worker stopped by the runner exits through multiprocessing, not atexit
    from multiprocessing import util

    util.Finalize(None, stop_kernel, exitpriority=10)
except ImportError:  # pragma: no cover
    pass
