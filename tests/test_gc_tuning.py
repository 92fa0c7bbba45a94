"""The command line tunes the garbage collector for its own process (a site's millions
of long-lived objects); the library leaves its host's collector as it found it."""

from __future__ import annotations

import atexit
import gc
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from linkpolicy import cli
from linkpolicy.api import check

SITE = Path(__file__).parent / "sites" / "hugo-basic"


@pytest.fixture
def collector(monkeypatch: pytest.MonkeyPatch):
    """The thresholds and exit hooks a run asks for, without changing this process's."""
    asked: dict[str, list] = {"thresholds": [], "at_exit": []}
    monkeypatch.setattr(gc, "set_threshold", lambda *t: asked["thresholds"].append(t))
    monkeypatch.setattr(atexit, "register", lambda fn, *a, **k: asked["at_exit"].append(fn))
    return asked


def test_a_command_tunes_the_collector_and_freezes_it_at_exit(collector: dict) -> None:
    result = CliRunner().invoke(cli.main, ["rules"])
    assert result.exit_code == 0, result.output
    assert collector["thresholds"] == [cli.GC_THRESHOLDS]
    assert gc.freeze in collector["at_exit"]
    assert cli.GC_THRESHOLDS[0] >= 10 * 700  # far fewer passes than CPython's default (700)


def test_the_library_leaves_the_collector_alone(tmp_path: Path, collector: dict) -> None:
    root = tmp_path / "site"
    shutil.copytree(SITE, root)
    check(root, cwd=root)
    assert collector["thresholds"] == []
    assert gc.freeze not in collector["at_exit"]


def test_a_paused_step_is_frozen_only_in_the_commands_process(monkeypatch: pytest.MonkeyPatch) -> None:
    from linkpolicy import collector as paused_collector

    frozen: list[bool] = []
    monkeypatch.setattr(gc, "freeze", lambda: frozen.append(True))
    assert gc.isenabled()
    with paused_collector.paused(kept=True):
        assert not gc.isenabled()
    assert gc.isenabled() and frozen == []  # a library's host: its collector as it was
    with pytest.raises(KeyError), paused_collector.paused():
        raise KeyError("x")
    assert gc.isenabled()
    paused_collector.own_process()
    with paused_collector.paused():
        pass
    assert frozen == []  # nothing said to be kept
    with paused_collector.paused(kept=True):
        pass
    assert frozen == [True] and gc.isenabled()


def test_front_matter_leaves_no_cycle_for_the_collector() -> None:
    """Sites are built with the collector paused (their objects live to the end of the run):
    reading a page's front matter must leave no cycle only the collector could free."""
    from linkpolicy.content.frontmatter import parse_front_matter

    gc.collect()
    gc.disable()
    try:
        for i in range(20):
            assert parse_front_matter(["---", f"title: Page {i}", "tags: [a, b]", "---", "text"]).data
        assert gc.collect() == 0
    finally:
        gc.enable()


def test_a_site_kept_to_the_end_is_frozen_and_a_revision_diff_lets_go_is_not(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`check` and the commands over `api.analyse` keep their site to the end: frozen once
    built. `diff` reads revisions with `analyse_source` and lets each go (their pages and
    links refer to each other: only the collector frees them), so that must not freeze."""
    from linkpolicy import collector as paused_collector
    from linkpolicy.api import analyse, analyse_source, load
    from linkpolicy.source import WorkTree

    root = tmp_path / "site"
    shutil.copytree(SITE, root)
    frozen: list[bool] = []
    monkeypatch.setattr(gc, "freeze", lambda: frozen.append(True))
    paused_collector.own_process()
    revision = analyse_source(root, WorkTree(root), load(root, cwd=root))
    assert revision.site.pages and frozen == [] and gc.isenabled()
    analyse(root, cwd=root)
    assert frozen == [True] and gc.isenabled()


def test_what_a_command_let_go_goes_back_to_the_collector(monkeypatch: pytest.MonkeyPatch) -> None:
    """`diff` freezes the head's site while it reads it, then lets it go: the command line's
    process unfreezes (its pages and links refer to each other, only a collection frees
    them); a library's host froze nothing of ours and keeps what it froze."""
    from linkpolicy import collector as paused_collector

    thawed: list[bool] = []
    monkeypatch.setattr(gc, "unfreeze", lambda: thawed.append(True))
    paused_collector.let_go()
    assert thawed == []
    paused_collector.own_process()
    paused_collector.let_go()
    assert thawed == [True]
