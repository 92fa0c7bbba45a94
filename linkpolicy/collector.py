"""The cyclic garbage collector paused while a step builds many objects that outlive it."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

#: Whether this process is the command line's (see :func:`own_process`).
_owned = False
#: What :func:`keep` holds to the end of the command line's process.
_kept: list[object] = []


def own_process() -> None:
    """Say that the process is the command line's, which runs one command and exits: the
    objects a step keeps (:func:`paused` with ``kept``) may then be frozen for good. A
    library's host keeps its collector as it was."""
    global _owned
    _owned = True


@contextmanager
def paused(kept: bool = False) -> Iterator[None]:
    """Pause the collector for the block (restored as it was, even on an exception).

    A step that makes objects faster than they die (a page's tokens and links, a
    record's site of 100,000 pages) sets off a young collection every so many
    allocations, and each one walks every object made since the last: the collector's
    work grows with what the step builds, for nothing, as none of it is garbage yet.
    The objects are looked at once the step is over; with ``kept`` (what the step built
    lives until the command ends) in the command line's process they are frozen instead
    (``gc.freeze``), so that no collection walks them at all (the first one after a
    100,000-page record's site was built took 1 s). Frozen objects that die later are
    still freed by their reference counts; only cycles among them stay until the exit
    (a record's site that turns out not to answer: 6 of its 66 MiB at 10k pages)."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if kept and _owned:
            gc.freeze()
        if was:
            gc.enable()


def keep(*things: object) -> None:
    """Hold ``things`` to the end of the command line's process, which exits without
    freeing them (see ``cli.run``): a run its record answers let go of the record's site
    and pages when it returned, one object at a time (16 ms of a 0.6 s run at 10k pages).
    A library's host frees them as usual."""
    if _owned:
        _kept.extend(things)


def let_go() -> None:
    """Give what :func:`paused` froze back to the collector, in the command line's process
    (a step that kept a site for a while and has let it go: its pages and links refer to
    each other, and only a collection frees them); a library's host froze nothing of ours."""
    if _owned:
        gc.unfreeze()
