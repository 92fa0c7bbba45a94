"""What the command line does on a terminal: colour (``NO_COLOR``, ``FORCE_COLOR``) and a
progress line on standard error that appears only when a run takes over a second."""

from __future__ import annotations

import os
import threading
import time
from typing import TextIO


def use_color(stream: TextIO, environ: dict[str, str] | None = None) -> bool:
    """Colour when ``stream`` is a terminal; a non-empty ``NO_COLOR`` turns it off and a
    non-empty ``FORCE_COLOR`` on (``NO_COLOR`` wins, as in CPython)."""
    env = os.environ if environ is None else environ
    if env.get("NO_COLOR"):
        return False
    if env.get("FORCE_COLOR"):
        return True
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty()) and env.get("TERM") != "dumb"


def progress_delay(environ: dict[str, str] | None = None) -> float:
    """Seconds before the progress line shows: ``LINKPOLICY_PROGRESS_DELAY`` when it is a
    number of seconds >= 0, else 1."""
    env = os.environ if environ is None else environ
    try:
        delay = float(env.get("LINKPOLICY_PROGRESS_DELAY", "1"))
    except ValueError:
        return 1.0
    return delay if delay >= 0 and delay == delay else 1.0  # NaN is no delay


class Progress:
    """Call with each stage's name; after ``delay`` seconds (default:
    :func:`progress_delay`) the current stage shows on one line of ``stream`` (rewritten in
    place), and :meth:`close` clears it."""

    def __init__(self, stream: TextIO, delay: float | None = None) -> None:
        delay = progress_delay() if delay is None else delay
        self.stream = stream
        self.stage = ""
        self.shown = False
        self.started = time.monotonic()
        self._lock = threading.Lock()
        self.timer = threading.Timer(delay, self._show)
        self.timer.daemon = True
        self.timer.start()

    def __call__(self, stage: str) -> None:
        with self._lock:
            self.stage = stage
            if self.shown:
                self._write()

    def _show(self) -> None:
        with self._lock:
            if not self.shown:
                self.shown = True  # from now on every stage shows, the first one too
                if self.stage:
                    self._write()

    def _write(self) -> None:
        elapsed = time.monotonic() - self.started
        self.stream.write(f"\r\x1b[Klinkpolicy: {self.stage}… ({elapsed:.0f} s)")
        self.stream.flush()

    def close(self) -> None:
        self.timer.cancel()
        with self._lock:
            if self.shown:
                self.stream.write("\r\x1b[K")
                self.stream.flush()
            self.shown = False
            self.stage = ""
