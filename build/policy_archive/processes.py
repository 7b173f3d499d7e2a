"""The means of running work in other processes: a pool of forked workers, a map over it, a function run in a
forked child. Whether to use them, and how many, is plan.py's to say."""

from __future__ import annotations

import ctypes
import gc
import multiprocessing
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor


class ChildFailed(Exception):
    """A forked child ended without a result (killed, out of memory), or its exception could not be sent back."""


def can_fork() -> bool:
    """Whether this platform starts processes by fork (a child inherits the parent's memory as it is)."""
    return "fork" in multiprocessing.get_all_start_methods()


def process_pool(workers: int) -> ProcessPoolExecutor:
    """Worker processes for pure CPU work. fork starts them at once with the package already imported (and works
    whatever __main__ is); spawn where there is no fork."""
    method = "fork" if can_fork() else "spawn"
    return ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context(method))


def forked_map(function: Callable, items: Iterable, workers: int, chunksize: int = 1) -> Iterator:
    """function(item) for each item in `workers` forked processes, in the items' order. What this process holds
    is frozen for the collector while they run, so that the workers share its memory instead of copying each page
    the collector would write into."""
    gc.freeze()
    try:
        with process_pool(workers) as pool:
            yield from pool.map(function, items, chunksize=chunksize)
    finally:
        gc.unfreeze()


def in_child(function: Callable, *args):
    """function(*args) in a forked process, whose memory goes back to the system when it ends; its result (or its
    exception) comes back through a pipe."""
    context = multiprocessing.get_context("fork")
    receive, send = context.Pipe(duplex=False)
    child = context.Process(target=_run_and_send, args=(send, function, args), name="policy-archive-child")
    child.start()
    send.close()
    try:
        status, value = receive.recv()
    except EOFError:
        child.join()
        raise ChildFailed(f"the child process ended without a result (exit code {child.exitcode}; out of memory?)") from None
    finally:
        receive.close()
    child.join()
    if status == "error":
        raise value
    return value


def _run_and_send(send, function, args) -> None:
    try:
        outcome = ("ok", function(*args))
    except BaseException as exc:  # (KeyboardInterrupt too: the parent re-raises it)
        outcome = ("error", exc)
    try:
        send.send(outcome)
    except Exception as exc:  # an exception that cannot be pickled is sent as its text
        send.send(("error", ChildFailed(f"{type(outcome[1]).__name__}: {outcome[1]}" if outcome[0] == "error" else str(exc))))
    finally:
        send.close()


def release_memory() -> None:
    """Give freed memory back to the system, so this process does not sit on it while MkDocs and Pagefind run
    (glibc keeps freed small blocks for reuse unless asked with malloc_trim)."""
    gc.collect()
    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):  # not glibc: nothing to ask
        pass
