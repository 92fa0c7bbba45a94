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
