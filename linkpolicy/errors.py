"""Errors that end a run with exit code 2: unusable policies, bad usage, unreadable inputs."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass


class PatternTimeout(Exception):
    """A policy regex took longer than its time limit on some input."""

    def __init__(self, pattern: str, seconds: float) -> None:
        super().__init__(f"regex {pattern!r} took longer than {seconds}s; simplify it")
        self.pattern = pattern


class LinkpolicyError(Exception):
    """Base of every error the CLI reports as one line and exit code 2."""

    def __str__(self) -> str:  # pragma: no cover - subclasses format themselves
        return super().__str__()


@dataclass
class PolicyError(LinkpolicyError):
    """A policy file is missing, malformed or invalid.

    ``path`` is shown relative to the working directory when possible; ``line`` and
    ``column`` are 1-based and 0 when unknown.
    """

    path: str
    message: str
    line: int = 0
    column: int = 0

    def __str__(self) -> str:
        where = self.path
        if self.line:
            where += f":{self.line}"
            if self.column:
                where += f":{self.column}"
        return f"{where}: {self.message}"


@dataclass
class UsageError(LinkpolicyError):
    """The command line asks for something that cannot be done."""

    message: str

    def __str__(self) -> str:
        return self.message


@contextmanager
def about_page(path: str, doing: str = "reading") -> Iterator[None]:
    """Name the page in any unexpected error raised inside (shown by the CLI's one-line
    internal error): "internal error while reading content/x.md: ..."."""
    try:
        yield
    except Exception as exc:
        exc.add_note(f"while {doing} {path}")
        raise
