"""Managed-block markers: where they are, and whether a file's markers can be trusted.

A marker is a whole line, exactly ``<!-- linkpolicy:start NAME -->`` or
``<!-- linkpolicy:end NAME -->`` (trailing spaces allowed), outside front matter and
fenced code. Anything else that mentions ``linkpolicy:start`` is text. A file whose
markers are unbalanced, duplicated, nested or out of order gets problems instead of
blocks, and nothing writes into it until a person has fixed it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

MARKER = re.compile(r"<!-- linkpolicy:(start|end) ([\w.-]+) -->[ \t]*")
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n|$)")
_FENCE = re.compile(r" {0,3}(`{3,}|~{3,})")
#: A whole-line comment that means to be a marker but is not spelled exactly like one
#: (the loose spacing older versions accepted, or a little indentation).
_NEAR = re.compile(r" {0,3}<!--\s*linkpolicy:(?:start|end)\b.*-->\s*")
_EXACT = "write it as `<!-- linkpolicy:start NAME -->` or `<!-- linkpolicy:end NAME -->` alone on a line"
REFUSED = "`linkpolicy generate` leaves this file alone until the markers are fixed"


@dataclass(frozen=True)
class Marker:
    kind: str  # "start", "end", or "near" for a line that is almost a marker
    name: str
    line: int  # 1-based
    begin: int  # offset of the line's first character
    stop: int  # offset just after the marker text (before trailing spaces and newline)


@dataclass(frozen=True)
class Block:
    name: str
    start: Marker
    end: Marker

    @property
    def inner(self) -> tuple[int, int]:
        """Offsets of the text between the two markers (the start line's ending included)."""
        return self.start.stop, self.end.begin


@dataclass
class Scan:
    blocks: dict[str, Block]
    markers: list[Marker]
    problems: list[tuple[int, str]]  # (1-based line, message)


def lines(text: str) -> list[tuple[int, str]]:
    """(offset, line without its ending) for every line; ``\\r\\n``, ``\\r`` and ``\\n`` end one."""
    out = []
    for m in _LINE.finditer(text):
        if m.start() == len(text) and out:
            break
        out.append((m.start(), m.group(0).rstrip("\r\n")))
    return out


#: The lines :func:`find_markers` acts on: a fence's (which may open or close fenced code)
#: and those naming linkpolicy (markers, exact or nearly); every other line changes nothing.
_CANDIDATE = re.compile(r"^(?: {0,3}(?:`{3}|~{3})|[^\n]*linkpolicy:)[^\n]*", re.MULTILINE)


def find_markers(text: str, body_line: int = 0) -> list[Marker]:
    """Marker lines of ``text`` from the 0-based line ``body_line`` on, outside fenced code."""
    if "linkpolicy:" not in text:
        return []  # every marker, exact or nearly, names linkpolicy: most pages have none
    return _markers(_candidate_lines(text), body_line)


def _candidate_lines(text: str) -> Iterator[tuple[int, int, str]]:
    """(index, offset, line) of the lines :func:`_markers` acts on, as :func:`lines` numbers
    them: found by one pattern instead of a Python step per line (a page with a block is
    scanned three times when it is written). A lone ``\r`` ends a line there too, which the
    pattern does not know: such a text goes line by line."""
    if "\r" in text and text.count("\r") != text.count("\r\n"):
        for index, (offset, line) in enumerate(lines(text)):
            yield index, offset, line
        return
    index = last = 0
    for m in _CANDIDATE.finditer(text):
        index += text.count("\n", last, m.start())
        last = m.start()
        yield index, m.start(), m.group(0).rstrip("\r")


def _markers(candidates: Iterable[tuple[int, int, str]], body_line: int) -> list[Marker]:
    found: list[Marker] = []
    fence: str | None = None
    for index, offset, line in candidates:
        if index < body_line:
            continue
        opened = _FENCE.match(line)
        if fence is not None:
            if opened and opened.group(1)[0] == fence[0] and len(opened.group(1)) >= len(fence):
                if not line[opened.end() :].strip():
                    fence = None
            continue
        if opened and not (opened.group(1)[0] == "`" and "`" in line[opened.end() :]):
            fence = opened.group(1)
            continue
        m = MARKER.fullmatch(line)
        if m:
            stop = offset + len(line.rstrip(" \t"))
            found.append(Marker(m.group(1), m.group(2), index + 1, offset, stop))
        elif "linkpolicy:" in line and _NEAR.fullmatch(line):
            found.append(Marker("near", line.strip(), index + 1, offset, offset + len(line)))
    return found


def scan(text: str, body_line: int = 0) -> Scan:
    """The blocks of ``text``, or (with no blocks) the problems that make its markers
    untrustworthy: each says what is wrong and on which lines."""
    markers = find_markers(text, body_line)
    blocks: dict[str, Block] = {}
    problems: list[tuple[int, str]] = []
    open_: Marker | None = None
    for m in markers:
        if m.kind == "near":
            problems.append((m.line, f"line {m.line} `{m.name}` is not an exact marker; {_EXACT}"))
        elif m.kind == "start":
            if open_ is not None:
                problems.append((m.line, _nested(m, open_)))
            elif m.name in blocks:
                first = blocks[m.name].start.line
                problems.append(
                    (m.line, f"managed block '{m.name}' appears twice (lines {first} and {m.line})")
                )
            open_ = m
        elif open_ is None or open_.name != m.name:
            problems.append((m.line, _stray_end(m, open_, blocks)))
        else:
            blocks.setdefault(m.name, Block(m.name, open_, m))
            open_ = None
    if open_ is not None:
        problems.append((open_.line, f"managed block '{open_.name}' (line {open_.line}) has no end marker"))
    if problems:
        return Scan({}, markers, [(line, f"{msg}; {REFUSED}") for line, msg in problems])
    return Scan(blocks, markers, [])


def _nested(m: Marker, open_: Marker) -> str:
    if m.name == open_.name:
        return (
            f"managed block '{m.name}' starts again at line {m.line} "
            f"before its end (start at line {open_.line})"
        )
    return (
        f"managed block '{m.name}' starts at line {m.line} inside block '{open_.name}' "
        f"(line {open_.line}); blocks cannot nest"
    )


def _stray_end(m: Marker, open_: Marker | None, blocks: dict[str, Block]) -> str:
    if open_ is not None:
        return (
            f"end marker of '{m.name}' at line {m.line} while block '{open_.name}' "
            f"(line {open_.line}) is open"
        )
    if m.name in blocks:
        ended = blocks[m.name].end.line
        return f"end marker of '{m.name}' at line {m.line} has no start (the block ends at line {ended})"
    return f"end marker of '{m.name}' at line {m.line} has no start marker before it"


def neutralise(text: str) -> str:
    """``text`` with every marker keyword made inert (``linkpolicy&#58;start``, which
    Markdown renders the same), so generated text can never open or close a block."""
    return re.sub(r"linkpolicy:(start|end)", r"linkpolicy&#58;\1", text)
