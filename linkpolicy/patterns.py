"""Regexes and globs from policy files.

Policy regexes are written by site owners and may be hostile or simply slow
(catastrophic backtracking). A pattern RE2 can run with the same meaning runs on RE2
(``google-re2``: linear time, no backtracking); any other (backreferences, lookaround,
or the classes ``\\w \\d \\s \\b``, which RE2 reads as ASCII where Python reads Unicode)
runs on the ``regex`` engine with a time limit, so a bad pattern becomes a clear error
instead of a hang. Globs use wcmatch with ``**`` matching any number of folders.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from typing import Any

from .errors import PatternTimeout

# (re2, regex and wcmatch are imported where a pattern is first compiled: a run its
# record answers compiles none)

#: Seconds one match of a policy regex may take.
REGEX_TIMEOUT = 0.25


@functools.cache
def _glob_flags() -> int:
    from wcmatch import glob as wcglob

    return wcglob.GLOBSTAR | wcglob.BRACE | wcglob.DOTMATCH | wcglob.NEGATE


@functools.cache
def _case_sensitive() -> bool:
    from wcmatch import util as wcutil

    return bool(wcutil.is_case_sensitive())


def _wcglob() -> Any:
    from wcmatch import glob as wcglob

    return wcglob


# Escapes whose meaning differs between RE2 (ASCII) and Python (Unicode).
_UNICODE_CLASSES = re.compile(r"(?<!\\)(?:\\\\)*\\[wWdDsSbB]")


def _re2(source: str, ignore_case: bool) -> Any | None:
    """``source`` compiled by RE2, or None when RE2 cannot run it with Python's meaning."""
    import re2

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
        import regex

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
            raise PatternTimeout(self.source, REGEX_TIMEOUT) from exc

    def finditer(self, text: str) -> list[Any]:
        if self.linear:
            return list(self._rx.finditer(text))
        try:
            return list(self._rx.finditer(text, timeout=REGEX_TIMEOUT))
        except TimeoutError as exc:
            raise PatternTimeout(self.source, REGEX_TIMEOUT) from exc

    def __repr__(self) -> str:
        return f"SafePattern({self.source!r})"


def compile_pattern(source: str, *, ignore_case: bool = False) -> SafePattern:
    """Compile ``source``; raises ``regex.error`` with a message on bad syntax."""
    import regex

    return SafePattern(source, regex.IGNORECASE if ignore_case else 0)


def _glob_source(pattern: str) -> str:
    """A policy glob as wcmatch reads it: a trailing ``/`` means everything under that folder."""
    return pattern + "**" if pattern.endswith("/") else pattern


# Characters after which a glob is no longer literal text (wcmatch with _GLOB_FLAGS).
_SPECIAL = re.compile(r"[*?\[\]{}\\]")


def literal_folder(pattern: str) -> str:
    """The folders every path a glob matches starts with: the literal text before the
    first special character, cut back to its last ``/`` (``docs/guide/*.md`` ->
    ``docs/guide/``), or the whole glob when it has none. Empty when the glob promises
    nothing (a negation, a leading or doubled ``/``, a ``.`` segment, a platform whose
    globs ignore case)."""
    if not _case_sensitive() or pattern.startswith(("!", "/")):
        return ""
    cut = _SPECIAL.search(pattern)
    literal = pattern if cut is None else pattern[: pattern.rfind("/", 0, cut.start()) + 1]
    if "//" in literal or any(part in (".", "..") for part in literal.split("/")):
        return ""
    return literal


class GlobSet:
    """Globs compiled once: :meth:`match` answers as :func:`glob_match` would."""

    __slots__ = ("patterns", "_matchers")

    def __init__(self, patterns: Iterable[str]) -> None:
        self.patterns = tuple(patterns)
        self._matchers = [
            (literal_folder(p), _wcglob().compile(_glob_source(p), flags=_glob_flags()))
            for p in self.patterns
        ]

    def match(self, path: str) -> bool:
        plain = "//" not in path
        return any(m.match(path) for prefix, m in self._matchers if not plain or path.startswith(prefix))


class GlobIndex:
    """Many named glob sets (e.g. every cluster's members) behind one lookup: the globs are
    bucketed by the first folder of their literal prefix, so a path is tried only against
    the globs that can match it, not against every set."""

    def __init__(self, sets: Iterable[tuple[int, Iterable[str]]]) -> None:
        self._buckets: dict[str, list[tuple[int, str, Any]]] = {}
        for key, patterns in sets:
            for pattern in patterns:
                prefix = literal_folder(pattern)
                matcher = _wcglob().compile(_glob_source(pattern), flags=_glob_flags())
                head = prefix.split("/", 1)[0]
                self._buckets.setdefault(head, []).append((key, prefix, matcher))
        self._anywhere = self._buckets.pop("", [])

    def matching(self, path: str) -> set[int]:
        """Keys of the sets with a glob that matches ``path``."""
        found: set[int] = set()
        plain = "//" not in path
        candidates = self._anywhere + self._buckets.get(path.split("/", 1)[0], [])
        if not plain:
            candidates = [entry for bucket in self._buckets.values() for entry in bucket] + self._anywhere
        for key, prefix, matcher in candidates:
            if key not in found and (not plain or path.startswith(prefix)) and matcher.match(path):
                found.add(key)
        return found


@functools.lru_cache(maxsize=4096)
def glob_set(patterns: tuple[str, ...]) -> GlobSet:
    """The compiled :class:`GlobSet` of ``patterns`` (memoized)."""
    return GlobSet(patterns)


def glob_match(path: str, patterns: Iterable[str]) -> bool:
    """True if the ``/``-separated relative ``path`` matches any glob.

    A pattern ending in ``/`` matches everything under that folder. The globs are
    compiled once per distinct list (see :func:`glob_set`).
    """
    return glob_set(tuple(patterns)).match(path)


def glob_match_reference(path: str, patterns: Iterable[str]) -> bool:
    """:func:`glob_match` without compiling or prefixes: one wcmatch call per glob (the
    meaning the compiled matchers are tested against)."""
    wcglob, flags = _wcglob(), _glob_flags()
    return any(wcglob.globmatch(path, _glob_source(p), flags=flags) for p in patterns)


_PLACEHOLDER = re.compile(r"\{(\w+)\}")


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
