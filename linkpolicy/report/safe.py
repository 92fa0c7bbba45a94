"""What reporters print from content, made inert.

Paths, link targets and messages come from the pages of a pull request. Before any
reporter prints them, control characters (C0, DEL, C1), line and paragraph separators
and bidirectional overrides become visible escapes (``\\n``, ``\\x1b``, ``\\u202e``), so
no field can start a new line, a terminal sequence or a GitHub workflow command. A file
name that is not valid UTF-8 (Python keeps its bytes as lone surrogates) shows each such
byte as ``\\xNN``, so a report can always be written as UTF-8.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from typing import Any

from ..findings import Finding, Report

_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
_SURROGATE = re.compile("[\ud800-\udfff]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape(m: re.Match[str]) -> str:
    ch = m.group(0)
    code = ord(ch)
    if ch in _NAMED:
        return _NAMED[ch]
    if 0xDC80 <= code <= 0xDCFF:  # a byte of a non-UTF-8 file name
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def clean(text: str) -> str:
    """``text`` on one line with every control character visible as an escape."""
    return _UNSAFE.sub(_escape, text)


def encodable(text: str) -> str:
    """``text`` with only the lone surrogates of non-UTF-8 file names escaped (for JSON,
    which escapes control characters itself)."""
    return _SURROGATE.sub(_escape, text)


def encodable_tree(value: Any) -> Any:
    """A JSON-like tree with :func:`encodable` applied to every string in it."""
    if isinstance(value, str):
        return encodable(value)
    if isinstance(value, dict):
        return {encodable_tree(k): encodable_tree(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [encodable_tree(v) for v in value]
    return value


def _finding(f: Finding, unsafe: re.Pattern[str], fix: Callable[[str], str]) -> Finding:
    if not any(v is not None and unsafe.search(v) for v in (f.path, f.message, f.page, f.target, f.anchor)):
        return f  # the common case: nothing to escape, no copy

    def one(value: str | None) -> str | None:
        return None if value is None else fix(value)

    return dataclasses.replace(
        f,
        path=fix(f.path),
        message=fix(f.message),
        page=one(f.page),
        target=one(f.target),
        anchor=one(f.anchor),
    )


def clean_report(report: Report, *, json_only: bool = False) -> Report:
    """A copy of ``report`` whose findings print safely (see the module docstring)."""
    fix, unsafe = (encodable, _SURROGATE) if json_only else (clean, _UNSAFE)
    return dataclasses.replace(report, findings=[_finding(f, unsafe, fix) for f in report.findings])
