"""The command line on a terminal: colour as NO_COLOR and FORCE_COLOR say, and a progress
line on standard error only for runs that take over a second."""

from __future__ import annotations

import io
from pathlib import Path

from click.testing import CliRunner

from linkpolicy.cli import main
from linkpolicy.terminal import Progress, use_color

ROOT = Path(__file__).resolve().parent.parent


class Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_colour_follows_the_terminal_and_the_environment() -> None:
    assert use_color(Tty(), {}) is True
    assert use_color(io.StringIO(), {}) is False
    assert use_color(io.StringIO(), {"FORCE_COLOR": "1"}) is True
    assert use_color(Tty(), {"NO_COLOR": "1"}) is False
    assert use_color(Tty(), {"NO_COLOR": "1", "FORCE_COLOR": "1"}) is False
    assert use_color(Tty(), {"NO_COLOR": ""}) is True  # only a non-empty NO_COLOR counts
    assert use_color(Tty(), {"TERM": "dumb"}) is False


def test_check_colours_the_text_report_only_when_asked(monkeypatch) -> None:
    monkeypatch.chdir(ROOT)
    monkeypatch.delenv("NO_COLOR", raising=False)
    forced = CliRunner().invoke(main, ["check"], env={"FORCE_COLOR": "1", "NO_COLOR": ""})
    assert "\x1b[1;31merror\x1b[0m\x1b[2m[broken-link]\x1b[0m" in forced.output
    assert forced.exit_code == 1
    plain = CliRunner().invoke(main, ["check"], env={"FORCE_COLOR": "1", "NO_COLOR": "1"})
    assert "\x1b[" not in plain.output and "error[broken-link]" in plain.output
    piped = CliRunner().invoke(main, ["check"], env={"FORCE_COLOR": "", "NO_COLOR": ""})
    assert "\x1b[" not in piped.output
    json_out = CliRunner().invoke(main, ["check", "--format", "json"], env={"FORCE_COLOR": "1"})
    assert "\x1b[" not in json_out.output


def test_progress_shows_after_the_delay_and_clears() -> None:
    stream = io.StringIO()
    progress = Progress(stream, delay=0.01)
    progress("reading content")
    progress.timer.join(5)
    assert stream.getvalue().startswith("\r\x1b[Klinkpolicy: reading content…")
    progress("checking rules")
    assert "linkpolicy: checking rules…" in stream.getvalue()
    progress.close()
    assert stream.getvalue().endswith("\r\x1b[K")


def test_progress_stays_silent_on_a_quick_run() -> None:
    stream = io.StringIO()
    progress = Progress(stream, delay=30)
    progress("reading content")
    progress("checking rules")
    progress.close()
    assert stream.getvalue() == ""
