"""Shared by the benchmarks: run one phase in a fresh process so its peak RSS is its own."""

from __future__ import annotations

import multiprocessing
import resource


def peak_rss_mb() -> float:
    """Peak resident memory of this process so far, in MB (Linux reports KB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_in_child(target, *args):
    """``target(*args, queue)`` in a forked process; returns what it put on the queue."""
    context = multiprocessing.get_context("fork")
    queue = context.Queue()
    process = context.Process(target=target, args=(*args, queue))
    process.start()
    result = queue.get()
    process.join()
    return result
