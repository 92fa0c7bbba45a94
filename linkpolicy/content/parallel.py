"""Parse many pages on every core: a pool of forked worker processes.

:func:`parse_pages` is a map that keeps the input's order. It forks workers only where
that pays and is safe: more than :data:`MIN_PAGES` pages, more than one core, and a
platform where ``fork`` is the usual start method (Linux); workers inherit the parse
function (policy callables need no pickling) and send back the parsed pages in chunks.
Anything wrong with the pool — it cannot start, a worker dies, a result cannot be
pickled — and the pages it did not return are parsed here, one after another, so a run
never depends on the pool. Ctrl-C stops the workers (they ignore SIGINT; the parent
ends them) and is raised as usual.

``LINKPOLICY_JOBS=N`` caps the workers (``1``: never fork).
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import sys
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")

#: Fewer pages than this are parsed in this process: forking costs more than it saves.
MIN_PAGES = 100
JOBS_SETTING = "LINKPOLICY_JOBS"

# The parse function of the pool being started; forked workers inherit it.
_WORK: Callable[[Any], Any] | None = None


def parse_pages(
    items: Sequence[T], parse: Callable[[T], R], on_done: Callable[[int], None] | None = None
) -> list[R]:
    """``[parse(item) for item in items]``, in that order, on all cores where it pays;
    ``on_done(n)`` is told after each result how many are done (for progress)."""
    tell = on_done or (lambda _n: None)
    done: list[R] = []
    if workers(len(items)) >= 2:
        try:
            _in_pool(items, parse, workers(len(items)), done, tell)
        except KeyboardInterrupt:
            raise
        except Exception:  # noqa: BLE001 - any pool failure: the rest is parsed here
            pass
    for item in items[len(done) :]:
        done.append(parse(item))
        tell(len(done))
    return done


def workers(pages: int) -> int:
    """How many processes parse ``pages`` pages (1: this one alone)."""
    try:
        cap = int(os.environ.get(JOBS_SETTING, "0") or 0)
    except ValueError:
        cap = 0
    cores = os.cpu_count() or 1
    jobs = min(cores, cap) if cap > 0 else cores
    if jobs < 2 or pages < MIN_PAGES or not _can_fork():
        return 1
    return jobs


def _can_fork() -> bool:
    return sys.platform.startswith("linux") and "fork" in multiprocessing.get_all_start_methods()


def _in_pool(
    items: Sequence[T], parse: Callable[[T], R], jobs: int, done: list[R], tell: Callable[[int], None]
) -> None:
    global _WORK
    chunk = max(1, min(64, len(items) // (jobs * 8)))
    _WORK = parse
    pool = ProcessPoolExecutor(
        max_workers=jobs, mp_context=multiprocessing.get_context("fork"), initializer=_ignore_sigint
    )
    try:
        for result in pool.map(_call, items, chunksize=chunk):
            done.append(result)
            tell(len(done))
    except BaseException:
        _stop(pool)
        raise
    finally:
        _WORK = None
        pool.shutdown(wait=True, cancel_futures=True)


def _stop(pool: ProcessPoolExecutor) -> None:
    """End the workers now (Ctrl-C, or a broken pool), not after their queued chunks."""
    processes = list((getattr(pool, "_processes", None) or {}).values())
    # A broken pool's own thread ends and joins its workers; shutdown(wait=False) forgets
    # it, so it is joined here (else a worker may outlive the run for a moment).
    manager = getattr(pool, "_executor_manager_thread", None)
    for process in processes:
        if process.is_alive():
            process.terminate()
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        process.join(timeout=5)
    if manager is not None:
        manager.join(timeout=5)


def _ignore_sigint() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _call(item: Any) -> Any:
    assert _WORK is not None
    return _WORK(item)
