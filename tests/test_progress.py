"""Progress on a real terminal (a pseudo-terminal here): pages parsed so far on standard
error; nothing when standard error is no terminal, nor with --quiet."""

from __future__ import annotations

import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest

from linkpolicy.terminal import progress_delay

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

import synthetic  # noqa: E402

PAGES = 300


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("progress") / "site"
    root.mkdir()
    synthetic.generate(root, PAGES)
    subprocess.run(["git", "init", "-q", str(root)], check=True)
    return root


def _command(site: Path, *extra: str) -> list[str]:
    return [
        sys.executable,
        "-m",
        "linkpolicy",
        "check",
        "--no-cache",
        "--format",
        "json",
        "--exit-zero",
        *extra,
    ]


def _env() -> dict[str, str]:
    # show the line at once, so the test does not depend on how fast this machine parses
    return {**os.environ, "LINKPOLICY_PROGRESS_DELAY": "0", "NO_COLOR": "1"}


def on_a_terminal(site: Path, *extra: str) -> str:
    """Everything ``check`` writes to a pseudo-terminal that is its stdin, stdout and stderr."""
    pid, fd = pty.fork()
    if pid == 0:  # the child
        os.chdir(site)
        os.execve(sys.executable, _command(site, *extra), _env())
    chunks = []
    while True:
        try:
            chunk = os.read(fd, 65536)
        except OSError:  # the child closed the terminal
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(fd)
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0
    return b"".join(chunks).decode("utf-8", "replace")


def test_a_terminal_sees_pages_parsed_so_far(site: Path) -> None:
    out = on_a_terminal(site)
    files = PAGES + len(synthetic.Layout(PAGES).topics()) + 1 + synthetic.Layout(PAGES).sections
    assert f"linkpolicy: parsed 100/{files} pages…" in out
    assert f"parsed 300/{files} pages" in out
    assert "linkpolicy: resolving links…" in out
    assert out.count("\r\x1b[K") >= 3  # one line, rewritten in place and cleared at the end


def test_quiet_keeps_the_terminal_clean(site: Path) -> None:
    out = on_a_terminal(site, "--quiet")
    assert "linkpolicy: " not in out and "\x1b[K" not in out
    assert '"findings"' in out


def test_no_progress_when_stderr_is_no_terminal(site: Path) -> None:
    run = subprocess.run(_command(site), cwd=site, env=_env(), capture_output=True, text=True)
    assert run.returncode == 0 and '"findings"' in run.stdout
    assert run.stderr == ""


def test_progress_delay_from_the_environment() -> None:
    assert progress_delay({}) == 1.0
    assert progress_delay({"LINKPOLICY_PROGRESS_DELAY": "0"}) == 0.0
    assert progress_delay({"LINKPOLICY_PROGRESS_DELAY": "2.5"}) == 2.5
    assert progress_delay({"LINKPOLICY_PROGRESS_DELAY": "soon"}) == 1.0
    assert progress_delay({"LINKPOLICY_PROGRESS_DELAY": "-1"}) == 1.0
    assert progress_delay({"LINKPOLICY_PROGRESS_DELAY": "nan"}) == 1.0
