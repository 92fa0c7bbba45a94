"""Regexes and globs from policy files.

Policy regexes are written by site owners and may be hostile or simply slow
(catastrophic backtracking). A pattern RE2 can run with the same meaning runs on RE2
(``google-re2``: linear time, no backtracking); any other (backreferences, lookaround,
or the classes ``\\w \\d \\s \\b``, which RE2 reads as ASCII where Python reads Unicode)
runs on the ``regex`` engine with a time limit, so a bad pattern becomes a clear error
instead of a hang. Globs use wcmatch with ``**`` matching any number of folders.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import re2
import regex
from wcmatch import glob as wcglob

#: Seconds one match of a policy regex may take.
REGEX_TIMEOUT = 0.25

_GLOB_FLAGS = wcglob.GLOBSTAR | wcglob.BRACE | wcglob.DOTMATCH | wcglob.NEGATE


class PatternTimeout(Exception):
    """A policy regex took longer than :data:`REGEX_TIMEOUT` on some input."""

    def __init__(self, pattern: str) -> None:
        super().__init__(f"regex {pattern!r} took longer than {REGEX_TIMEOUT}s; simplify it")
        self.pattern = pattern


# Escapes whose meaning differs between RE2 (ASCII) and Python (Unicode).
_UNICODE_CLASSES = regex.compile(r"(?<!\\)(?:\\\\)*\\[wWdDsSbB]")


def _re2(source: str, ignore_case: bool) -> Any | None:
    """``source`` compiled by RE2, or None when RE2 cannot run it with Python's meaning."""
    if _UNICODE_CLASSES.search(source):
        return None
    options = re2.Options()
    options.log_errors = False
    options.case_sensitive = not ignore_case
    try:
        return re2.compile(source, options)
    except re2.error:
        return None


class SafePattern:
    """A compiled policy regex: on RE2 (linear time) where the pattern allows, else on
    ``regex`` with every match under a time limit."""

    __slots__ = ("source", "_rx", "linear")

    def __init__(self, source: str, flags: int = 0) -> None:
        self.source = source
        checked = regex.compile(source, flags | regex.VERSION0)  # Python's syntax is the contract
        fast = _re2(source, bool(flags & regex.IGNORECASE))
        #: True when the pattern runs on RE2
        self.linear = fast is not None
        self._rx = fast if fast is not None else checked

    @property
    def groupindex(self) -> dict[str, int]:
        return dict(self._rx.groupindex)

    def search(self, text: str) -> Any:
        if self.linear:
            return self._rx.search(text)
        try:
            return self._rx.search(text, timeout=REGEX_TIMEOUT)
        except TimeoutError as exc:
            raise PatternTimeout(self.source) from exc

    def finditer(self, text: str) -> list[Any]:
        if self.linear:
            return list(self._rx.finditer(text))
        try:
            return list(self._rx.finditer(text, timeout=REGEX_TIMEOUT))
        except TimeoutError as exc:
            raise PatternTimeout(self.source) from exc

    def __repr__(self) -> str:
        return f"SafePattern({self.source!r})"


def compile_pattern(source: str, *, ignore_case: bool = False) -> SafePattern:
    """Compile ``source``; raises ``regex.error`` with a message on bad syntax."""
    return SafePattern(source, regex.IGNORECASE if ignore_case else 0)


def glob_match(path: str, patterns: Iterable[str]) -> bool:
    """True if the ``/``-separated relative ``path`` matches any glob.

    A pattern ending in ``/`` matches everything under that folder.
    """
    for pat in patterns:
        if pat.endswith("/"):
            pat = pat + "**"
        if wcglob.globmatch(path, pat, flags=_GLOB_FLAGS):
            return True
    return False


_PLACEHOLDER = regex.compile(r"\{(\w+)\}")


def fill(template: str, match: Any, values: dict[str, str] | None = None) -> str:
    """Expand ``{name}`` in ``template`` from ``values``, then from the match's groups
    (``{1}`` numbered, ``{name}`` named); unknown placeholders stay as written."""
    values = values or {}

    def repl(m: Any) -> str:
        key = m.group(1)
        if key in values:
            return values[key]
        try:
            return match.group(int(key) if key.isdigit() else key) or ""
        except (IndexError, KeyError):
            return m.group(0)

    return _PLACEHOLDER.sub(repl, template)
