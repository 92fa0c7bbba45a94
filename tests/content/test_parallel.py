"""Parsing on every core: the same results in the same order as one process, the pages a
broken pool did not return parsed here, Ctrl-C ends the workers, and a whole site checks
the same with the reference parser alone, the fast one, and the fast one in parallel."""

from __future__ import annotations

import multiprocessing
import os
import shutil
import signal
import threading
import time
from collections.abc import Iterator
from dataclasses import asdict
from pathlib import Path

import pytest

from linkpolicy.api import analyse, check
from linkpolicy.content import parallel
from linkpolicy.content.markdown import PARSER_SETTING, parse_page
from linkpolicy.content.parallel import parse_pages, parse_stream, workers

forks = pytest.mark.skipif(
    not parallel._can_fork() or (os.cpu_count() or 1) < 2, reason="needs fork and two cores"
)
PARENT = os.getpid()
CORPORA = Path(__file__).resolve().parents[3] / "shared" / "corpora"
POLICIES = Path(__file__).resolve().parents[1] / "corpora"


def page(i: int) -> str:
    return f"# Page {i}\n\nSee [next](p{i + 1}.md) and <a href='x{i}.md'>x</a>.\n\n## Part {i % 7}\n"


def parse_numbered(item: tuple[int, str]) -> dict:
    return asdict(parse_page(item[1]))


@forks
def test_pages_come_back_in_order_and_equal_to_one_process(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(parallel.JOBS_SETTING, raising=False)
    items = [(i, page(i)) for i in range(400)]
    assert workers(len(items)) > 1
    assert parse_pages(items, parse_numbered) == [parse_numbered(item) for item in items]


def test_few_pages_or_one_job_never_fork(monkeypatch: pytest.MonkeyPatch) -> None:
    assert workers(parallel.MIN_PAGES - 1) == 1
    monkeypatch.setenv(parallel.JOBS_SETTING, "1")
    assert workers(10_000) == 1
    seen: set[int] = set()
    parse_pages(list(range(300)), lambda i: seen.add(os.getpid()))
    assert seen == {os.getpid()}


def die_in_a_worker(i: int) -> int:
    if i == 150 and os.getpid() != PARENT:
        os._exit(3)  # a worker crashes (as a segfault would end it)
    return i * i


@forks
def test_a_dead_worker_leaves_the_rest_to_this_process(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(parallel.JOBS_SETTING, raising=False)
    assert parse_pages(list(range(300)), die_in_a_worker) == [i * i for i in range(300)]
    assert multiprocessing.active_children() == []


def slow(i: int) -> int:
    time.sleep(0.05)
    return i


@forks
def test_a_worker_dying_after_the_first_tasks_leaves_the_rest_to_this_process(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv(parallel.JOBS_SETTING, raising=False)
    items = range(3000)
    assert list(parse_stream(iter(items), lambda i: die_in_a_worker(i - 1350))) == [
        (i - 1350) ** 2 for i in items
    ]
    assert multiprocessing.active_children() == []


@pytest.mark.parametrize("jobs", ["1", "0"])
def test_items_are_drawn_as_the_parse_needs_them(monkeypatch: pytest.MonkeyPatch, jobs: str) -> None:
    """A site's texts are read as the workers need them: never more than a bounded
    number of items drawn ahead of the results given back."""
    monkeypatch.setenv(parallel.JOBS_SETTING, jobs)
    drawn = 0

    def items() -> Iterator[int]:
        nonlocal drawn
        for i in range(6000):
            drawn += 1
            yield i

    ahead = parallel.PEEK + (os.cpu_count() or 1) * parallel.AHEAD * 64
    given = 0
    for result in parse_stream(items(), lambda i: i + 1):
        given += 1
        assert result == given
        assert drawn - given <= ahead
    assert given == drawn == 6000


@pytest.mark.parametrize("jobs", ["1", "0"])
def test_an_error_drawing_items_is_raised_not_taken_for_a_broken_pool(
    monkeypatch: pytest.MonkeyPatch, jobs: str
) -> None:
    monkeypatch.setenv(parallel.JOBS_SETTING, jobs)

    def items() -> Iterator[int]:
        yield from range(2500)
        raise ValueError("the caller's own error")

    got: list[int] = []
    with pytest.raises(ValueError, match="the caller's own error"):
        for result in parse_stream(items(), lambda i: i):
            got.append(result)
    assert got == list(range(len(got)))  # in order, none lost before the error
    assert multiprocessing.active_children() == []


@forks
def test_ctrl_c_ends_the_workers(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(parallel.JOBS_SETTING, raising=False)
    timer = threading.Timer(0.5, os.kill, (os.getpid(), signal.SIGINT))
    timer.start()
    started = time.monotonic()
    with pytest.raises(KeyboardInterrupt):
        parse_pages(list(range(2000)), slow)  # 100 s of work in one process
    timer.cancel()
    assert time.monotonic() - started < 20
    deadline = time.monotonic() + 10
    while multiprocessing.active_children() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert multiprocessing.active_children() == []


@pytest.mark.parametrize("name", ["hugo-docs"])
def test_a_site_checks_the_same_with_every_parser_path(
    tmp_path: Path, name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = CORPORA / name
    if not source.is_dir():
        pytest.skip(f"corpus {source} is not available")
    root = tmp_path / name
    shutil.copytree(source, root)

    def findings(parser: str, jobs: str) -> list[tuple]:
        monkeypatch.setenv(PARSER_SETTING, parser)
        monkeypatch.setenv(parallel.JOBS_SETTING, jobs)
        report = check(root, POLICIES / name / "policies", cwd=root)
        return sorted((f.path, f.line, f.column, f.rule, f.message) for f in report.findings)

    reference = findings("reference", "1")
    assert reference
    assert findings("auto", "1") == reference
    assert findings("auto", "0") == reference


@forks
def test_pages_parsed_in_workers_keep_each_destination_and_text_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A page from a worker arrives with its own copies of every string; a big site's
    repeated destinations and anchor texts are kept once, as the cache's pages are."""
    monkeypatch.delenv(parallel.JOBS_SETTING, raising=False)
    (tmp_path / "policies").mkdir()
    (tmp_path / "policies" / "site.yaml").write_text(
        "site:\n  base_url: https://docs.example.com\n  generator: hugo\n  content: content/\n  home: /\n"
    )
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "_index.md").write_text("# Home\n")
    pages = parallel.MIN_PAGES * 3
    for i in range(pages):
        (tmp_path / "content" / f"p{i}.md").write_text(f"# Page {i}\n\nSee [the home page](/) for more.\n")
    analysis = analyse(tmp_path, cwd=tmp_path, cache=True)
    links = [link for page in analysis.site.pages for link in page.links]
    assert len(links) == pages
    assert len({id(link.raw.dest) for link in links}) == 1
    assert len({id(link.raw.text) for link in links}) == 1


@forks
def test_background_work_runs_in_another_process_and_falls_back_here(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """`in_background`: the result of work done in a forked process; when that process dies,
    or its result cannot come back, or one job is asked for, the work is done here; what
    the work raises is raised."""
    monkeypatch.delenv(parallel.JOBS_SETTING, raising=False)
    assert parallel.in_background(os.getpid)() != PARENT

    def dies() -> int:
        if os.getpid() != PARENT:
            os._exit(3)
        return 7

    assert parallel.in_background(dies)() == 7

    def unpicklable() -> object:
        return (lambda: os.getpid()) if os.getpid() != PARENT else "here"

    assert parallel.in_background(unpicklable)() == "here"

    def fails() -> None:
        raise ValueError("from the work")

    with pytest.raises(ValueError, match="from the work"):
        parallel.in_background(fails)()
    assert parallel.in_background(os.getpid, pays=False)() == PARENT
    monkeypatch.setenv(parallel.JOBS_SETTING, "1")
    assert parallel.in_background(os.getpid)() == PARENT
    assert multiprocessing.active_children() == []


def test_tasks_end_at_a_share_of_the_sizes() -> None:
    # a task of the next items, ended by its count or by the sizes it reached
    items = iter([10, 1, 1, 50, 1, 2, 3])
    tasks = (3, lambda n: n, 12)
    assert [parallel._draw(items, tasks) for _ in range(4)] == [[10, 1, 1], [50], [1, 2, 3], []]
    assert parallel._draw(iter(range(5)), (2, None, 0)) == [0, 1]


@forks
def test_sized_tasks_keep_the_order(monkeypatch: pytest.MonkeyPatch) -> None:
    # pages a thousandfold apart in size: small tasks around the big ones, results in order
    texts = [(i, page(i) * (400 if i % 97 == 0 else 1)) for i in range(300)]
    seen: list[int] = []
    original = parallel._draw

    def spy(items: Iterator[tuple[int, str]], tasks: parallel._Tasks) -> list[tuple[int, str]]:
        task = original(items, tasks)
        seen.append(len(task))
        return task

    monkeypatch.setattr(parallel, "_draw", spy)
    got = list(parse_stream(texts, parse_numbered, size=lambda item: len(item[1])))
    assert got == [parse_numbered(t) for t in texts]
    assert 1 in seen and max(seen) > 1  # a big page alone, small ones together


def _pid_and(value: int) -> tuple[int, int]:
    return os.getpid(), value


@forks
def test_beside_runs_the_work_in_a_forked_process_while_this_one_goes_on(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """``beside``: the work's result comes back from another process, and what runs
    meanwhile runs here; with forking off (``LINKPOLICY_JOBS=1``) both run here."""
    from linkpolicy.content.parallel import beside

    monkeypatch.delenv(parallel.JOBS_SETTING, raising=False)
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    assert threading.active_count() == 1  # (else it may not fork: another thread)
    here: list[int] = []
    pid, value = beside(lambda: _pid_and(42), lambda: here.append(os.getpid()))
    assert value == 42 and here == [os.getpid()]
    assert pid != os.getpid()
    monkeypatch.setenv(parallel.JOBS_SETTING, "1")
    assert beside(lambda: _pid_and(7), lambda: None) == (os.getpid(), 7)


@forks
def test_beside_does_the_work_here_when_the_process_fails(monkeypatch: pytest.MonkeyPatch) -> None:
    """Work that fails in the forked process (here: only there) is done here; an error of
    what ran meanwhile is raised once the process has ended."""
    from linkpolicy.content.parallel import beside

    monkeypatch.delenv(parallel.JOBS_SETTING, raising=False)
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    parent = os.getpid()

    def work() -> int:
        if os.getpid() != parent:
            raise RuntimeError("the forked process fails")
        return 5

    assert beside(work, lambda: None) == 5

    def fails() -> None:
        raise ValueError("meanwhile")

    with pytest.raises(ValueError, match="meanwhile"):
        beside(lambda: 1, fails)
