"""Parse many pages on every core: a pool of forked worker processes.

:func:`parse_stream` is a map that keeps the input's order and draws its input as the
workers need it (:func:`parse_pages`: the same, as a list). It forks workers only where
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

import collections
import itertools
import os
import pickle
import signal
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:  # imported where a pool starts: a run that forks none does without them
    from concurrent.futures import Future, ProcessPoolExecutor

T = TypeVar("T")
R = TypeVar("R")

#: Fewer pages than this are parsed in this process: forking costs more than it saves.
MIN_PAGES = 100
#: Items drawn before the pool starts (their count sets the size of a task).
PEEK = 1024
#: With sizes: a task holds at most the first items' total over this many per worker.
TASKS_PER_WORKER = 16
#: Tasks out per worker: enough that no worker waits, few enough that the items drawn
#: ahead of the results stay a small part of a big site.
AHEAD = 4
JOBS_SETTING = "LINKPOLICY_JOBS"

# The parse function of the pool being started; forked workers inherit it.
_WORK: Callable[[Any], Any] | None = None


def parse_pages(
    items: Sequence[T], parse: Callable[[T], R], on_done: Callable[[int], None] | None = None
) -> list[R]:
    """``[parse(item) for item in items]``, in that order, on all cores where it pays;
    ``on_done(n)`` is told after each result how many are done (for progress)."""
    return list(parse_stream(items, parse, on_done))


def parse_stream(
    items: Iterable[T],
    parse: Callable[[T], R],
    on_done: Callable[[int], None] | None = None,
    size: Callable[[T], int] | None = None,
) -> Iterator[R]:
    """``parse(item)`` for each of ``items``, in their order, on all cores where it pays.
    ``items`` is drawn as the workers need more (at most :data:`AHEAD` chunks ahead of the
    results given back), so a caller that reads files as it yields them holds a few
    hundred texts at a time, not a whole site's. With ``size`` (an item's cost, say its
    length), a task also ends at a share of the first items' total: a real site's pages
    differ a thousandfold, and the last worker busy with a task of big ones holds the run."""
    tell = on_done or (lambda _n: None)
    source = iter(items)
    head = list(itertools.islice(source, PEEK))
    jobs = workers(len(head))
    feed = itertools.chain(head, source)
    done = 0
    if jobs >= 2:
        chunk = max(1, min(64, len(head) // (jobs * 8)))
        budget = sum(map(size, head)) // (jobs * TASKS_PER_WORKER) if size is not None else 0
        left: list[T] = []  # what a broken pool did not give back
        try:
            for result in _in_pool(feed, parse, jobs, (chunk, size, budget), left):
                done += 1
                tell(done)
                yield result
            return
        except _PoolFailed:
            feed = itertools.chain(left, feed)
    for item in feed:
        result = parse(item)
        done += 1
        tell(done)
        yield result


def beside(work: Callable[[], R], meanwhile: Callable[[], None]) -> R:
    """``work()`` in a forked process while ``meanwhile()`` runs here, and its result
    (pickled back through a pipe): for work that waits on the system (a few thousand
    stats) beside work that needs the interpreter (imports). Where a fork is not possible
    or safe (one core, ``LINKPOLICY_JOBS=1``, not Linux, another thread running) or the
    process fails, ``work()`` runs here after ``meanwhile()``. An exception ``meanwhile``
    raises is raised once the process has ended."""
    if not _may_fork_now():
        meanwhile()
        return work()
    readable, writable = os.pipe()
    try:
        pid = os.fork()
    except OSError:
        os.close(readable)
        os.close(writable)
        meanwhile()
        return work()
    if pid == 0:  # the forked process: the result, then an exit that cleans up nothing
        status = 1  # (the parent's open files and database stay the parent's)
        try:
            os.close(readable)
            signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent answers Ctrl-C
            payload = pickle.dumps(work(), protocol=pickle.HIGHEST_PROTOCOL)
            with os.fdopen(writable, "wb") as out:
                out.write(payload)
            status = 0
        finally:
            os._exit(status)
    os.close(writable)
    try:
        meanwhile()
    finally:
        with os.fdopen(readable, "rb") as pipe:
            payload = pipe.read()
        _, status = os.waitpid(pid, 0)
    if status == 0 and payload:
        try:
            return pickle.loads(payload)  # type: ignore[no-any-return]  # our own process's
        except (pickle.UnpicklingError, EOFError, AttributeError, TypeError, ValueError):
            pass
    return work()


def _may_fork_now() -> bool:
    """A fork of this process is possible and safe now (see :func:`beside`)."""
    threading = sys.modules.get("threading")
    alone = threading is None or threading.active_count() == 1
    return alone and _jobs() > 1 and hasattr(os, "fork") and sys.platform.startswith("linux")


def workers(pages: int) -> int:
    """How many processes parse ``pages`` pages (1: this one alone)."""
    jobs = _jobs()
    if jobs < 2 or pages < MIN_PAGES or not _can_fork():
        return 1
    return jobs


def _jobs() -> int:
    """The cores, capped by ``LINKPOLICY_JOBS`` where it is set."""
    try:
        cap = int(os.environ.get(JOBS_SETTING, "0") or 0)
    except ValueError:
        cap = 0
    cores = os.cpu_count() or 1
    return min(cores, cap) if cap > 0 else cores


def _can_fork() -> bool:
    import multiprocessing

    return sys.platform.startswith("linux") and "fork" in multiprocessing.get_all_start_methods()


class _PoolFailed(Exception):
    """The pool broke; the items it did not give back are in the caller's ``left``."""


class _DrawFailed(Exception):
    """Drawing the next items raised (the exception is its cause)."""


_Tasks = tuple[int, Callable[[Any], int] | None, int]


def _draw(items: Iterator[T], tasks: _Tasks) -> list[T]:
    """The next task: ``count`` items, or fewer whose ``size`` reaches ``budget``."""
    count, size, budget = tasks
    try:
        if size is None or budget <= 0:
            return list(itertools.islice(items, count))
        task: list[T] = []
        total = 0
        for item in items:
            task.append(item)
            total += size(item)
            if len(task) >= count or total >= budget:
                break
        return task
    except Exception as exc:
        raise _DrawFailed from exc


def _in_pool(
    items: Iterator[T], parse: Callable[[T], R], jobs: int, tasks: _Tasks, left: list[T]
) -> Iterator[R]:
    """The results of ``parse`` over ``items`` from a pool of ``jobs`` forked workers, in
    order, a task of items at a time (see :func:`_draw`) and at most ``jobs * AHEAD``
    tasks out at a time. When
    the pool cannot start or breaks, the items of every task not given back are put in
    ``left`` (those never drawn stay in ``items``) and :class:`_PoolFailed` is raised."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    global _WORK
    _WORK = parse
    out: collections.deque[tuple[list[T], Future[list[R]]]] = collections.deque()
    task: list[T] = []
    pool: ProcessPoolExecutor | None = None
    finished = False
    try:
        pool = ProcessPoolExecutor(
            max_workers=jobs, mp_context=multiprocessing.get_context("fork"), initializer=_ignore_sigint
        )
        while True:
            while len(out) < jobs * AHEAD and (task := _draw(items, tasks)):
                out.append((task, pool.submit(_call_chunk, task)))
                task = []
            if not out:
                finished = True
                return
            results = out[0][1].result()
            out.popleft()
            yield from results
    except _DrawFailed as failed:
        raise failed.__cause__ from None  # the caller's own error, not the pool's
    except Exception:  # noqa: BLE001 - any pool failure: the rest is parsed here
        left.extend(item for pending, _ in out for item in pending)
        left.extend(task)
        raise _PoolFailed from None
    finally:
        _WORK = None
        if pool is not None:
            if not finished:
                _stop(pool)  # Ctrl-C, a broken pool, or a caller that stopped reading
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


#: The function of the background process being started; the forked process inherits it.
_BACKGROUND: Callable[[], Any] | None = None


def in_background(work: Callable[[], R], pays: bool = True) -> Callable[[], R]:
    """Start ``work()`` in a forked process, where ``pays`` and forking is possible and
    safe (see :func:`workers`), while this one goes on; the function returned gives its
    result (or raises what it raised). When the process cannot start or breaks, ``work``
    runs here when the result is asked for, so a caller never depends on it."""
    global _BACKGROUND
    if not pays or workers(MIN_PAGES) < 2:
        return work
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    pool: ProcessPoolExecutor | None = None
    try:
        _BACKGROUND = work
        pool = ProcessPoolExecutor(
            max_workers=1, mp_context=multiprocessing.get_context("fork"), initializer=_ignore_sigint
        )
        future = pool.submit(_call_background)  # forks now, with _BACKGROUND set
    except Exception:  # noqa: BLE001 - no process: the work is done here when asked for
        if pool is not None:
            pool.shutdown(wait=False, cancel_futures=True)
        return work
    finally:
        _BACKGROUND = None

    def result() -> R:
        finished = False
        try:
            value = future.result()
            finished = True
            return value
        except BrokenProcessPool:
            return work()  # the process died (memory, a signal): done here
        except (pickle.PicklingError, AttributeError, TypeError) as exc:
            if "pickle" not in str(exc).lower():
                raise
            return work()  # its result could not come back: done here
        finally:
            if not finished:
                _stop(pool)
            pool.shutdown(wait=True, cancel_futures=True)

    return result


def _call_background() -> Any:
    assert _BACKGROUND is not None
    return _BACKGROUND()


def _ignore_sigint() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _call_chunk(items: list[Any]) -> list[Any]:
    assert _WORK is not None
    return [_WORK(item) for item in items]
