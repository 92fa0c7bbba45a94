"""The command line's exit (``cli.run``): it skips the interpreter's teardown, and keeps
everything a user sees of the usual one: the whole output, the exit code, the exit
handlers; with a thread still running, the usual exit."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import linkpolicy.api

SITES = Path(__file__).parent / "sites"


def linkpolicy_cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "linkpolicy", *args], cwd=cwd, capture_output=True, text=True, timeout=300
    )


def test_the_whole_report_and_the_exit_code_come_through(tmp_path: Path) -> None:
    root = tmp_path / "site"
    shutil.copytree(SITES / "hugo-basic", root)
    expected = linkpolicy.api.check(root, cwd=root).findings
    assert expected
    run = linkpolicy_cli("check", "--format", "json", cwd=root)
    assert run.returncode == 1  # findings at the default --fail-on
    assert len(json.loads(run.stdout)["findings"]) == len(expected)
    assert linkpolicy_cli("check", "--format", "json", "--exit-zero", cwd=root).returncode == 0
    out = root / "report.json"
    assert linkpolicy_cli("check", "--format", "json", "--output", str(out), cwd=root).returncode == 1
    assert len(json.loads(out.read_text())["findings"]) == len(expected)
    bad = linkpolicy_cli("check", "--fail-on", "bogus", cwd=root)
    assert bad.returncode == 2 and "bogus" in bad.stderr


_PROBE = """
import atexit, sys, threading, time
from pathlib import Path
done = Path(sys.argv[1])
atexit.register(lambda: done.with_suffix(".atexit").write_text("ran"))
if sys.argv[2] == "thread":
    def late():
        time.sleep(0.3)
        done.write_text("joined")
    threading.Thread(target=late).start()
sys.argv = ["linkpolicy", "--version"]
from linkpolicy.cli import run
run()
"""


def test_a_profile_of_the_command_is_written(tmp_path: Path) -> None:
    """``python -m cProfile`` writes its figures after the script returns: the usual exit."""
    figures = tmp_path / "run.prof"
    run = subprocess.run(
        [sys.executable, "-m", "cProfile", "-o", str(figures), "-m", "linkpolicy", "--version"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0 and figures.stat().st_size > 0


def test_exit_handlers_run_and_a_running_thread_is_waited_for(tmp_path: Path) -> None:
    for case in ("alone", "thread"):
        done = tmp_path / f"{case}.txt"
        run = subprocess.run(
            [sys.executable, "-c", _PROBE, str(done), case], capture_output=True, text=True, timeout=60
        )
        assert run.returncode == 0 and run.stdout.startswith("linkpolicy, version")
        assert done.with_suffix(".atexit").read_text() == "ran"
        assert done.exists() is (case == "thread")  # the usual exit joins the thread
