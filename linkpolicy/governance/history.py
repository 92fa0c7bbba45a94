"""When lines and files were last touched, from git: ``git blame --porcelain`` for the
lines of a policy file, one ``git log`` for a set of files. Uncommitted edits in the
work tree count as touched today (a pull request that edits them is the review)."""

from __future__ import annotations

import datetime as dt
import subprocess
from collections.abc import Sequence
from pathlib import Path

#: seconds one git command may take
TIMEOUT = 120


def _git(root: Path, *args: str) -> bytes | None:
    try:
        proc = subprocess.run(["git", *args], cwd=root, capture_output=True, timeout=TIMEOUT)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return proc.stdout if proc.returncode == 0 else None


def _day(timestamp: int) -> dt.date:
    return dt.datetime.fromtimestamp(timestamp, dt.UTC).date()


class History:
    """The history of the repository around ``root``, as of ``commit`` (None: the work
    tree, uncommitted edits included)."""

    def __init__(self, root: Path, commit: str | None = None) -> None:
        self.root = root
        self.commit = commit
        inside = _git(root, "rev-parse", "--is-inside-work-tree", "--is-shallow-repository")
        lines = inside.decode().split() if inside is not None else []
        #: why the history cannot be read ("" when it can)
        self.problem = ""
        if lines[:1] != ["true"]:
            self.problem = f"{root} is not in a git repository"
        elif lines[1:2] == ["true"]:
            self.problem = (
                f"{root} is a shallow clone; fetch the whole history (actions/checkout with "
                "fetch-depth: 0, or `git fetch --unshallow`)"
            )

    def line_days(self, path: str) -> list[dt.date] | None:
        """The day each line of ``path`` (relative to ``root``) was last changed, or None
        when git cannot tell (not tracked at that commit)."""
        rev = [self.commit] if self.commit else []
        out = _git(self.root, "blame", "--porcelain", *rev, "--", path)
        if out is None:
            return None
        return _blame_days(out)

    def file_days(self, paths: Sequence[str]) -> dict[str, dt.date]:
        """The day each of ``paths`` was last changed (paths git has no history of are left
        out), with one ``git log``."""
        if not paths:
            return {}
        wanted = set(paths)
        found: dict[str, dt.date] = {}
        if self.commit is None:  # edited (staged or not) or untracked: touched today
            edited = _git(self.root, "diff", "--name-only", "-z", "--relative", "HEAD", "--", *paths) or b""
            others = ["ls-files", "-z", "--others", "--exclude-standard", "--", *paths]
            untracked = _git(self.root, *others) or b""
            today = dt.datetime.now(dt.UTC).date()
            for entry in (edited + b"\0" + untracked).split(b"\0"):
                name = entry.decode("utf-8", "surrogateescape")
                if name in wanted:
                    found[name] = today
        rev = [self.commit] if self.commit else []
        log = _git(
            self.root, "log", "--format=%x01%ct", "--name-only", "-z", "--relative", *rev, "--", *paths
        )
        stamp = 0
        for field in (log or b"").split(b"\0"):
            for part in field.split(b"\n"):
                if part.startswith(b"\x01"):
                    stamp = int(part[1:])
                elif part:
                    name = part.decode("utf-8", "surrogateescape")
                    if name in wanted and name not in found:
                        found[name] = _day(stamp)
        return found


def _blame_days(out: bytes) -> list[dt.date]:
    """Per final line, the committer day of ``git blame --porcelain`` output."""
    times: dict[bytes, int] = {}
    days: list[dt.date] = []
    current = b""
    for line in out.split(b"\n"):
        if line.startswith(b"\t"):
            days.append(_day(times.get(current, 0)))
        elif line.startswith(b"committer-time "):
            times[current] = int(line.split()[1])
        elif line and not line.startswith((b"author", b"committer", b"summary", b"previous", b"filename")):
            head = line.split(b" ", 1)[0]
            if len(head) == 40 or len(head) == 64:
                current = head
    return days
