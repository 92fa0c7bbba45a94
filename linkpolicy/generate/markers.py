"""Managed-block markers and the byte-exact splice of a block into a page.

A block is the text between ``<!-- linkpolicy:start NAME -->`` and
``<!-- linkpolicy:end NAME -->``. Only that text changes: the file's encoding, BOM
and line endings are kept, and every byte outside the markers stays as it was.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

BOM = b"\xef\xbb\xbf"


def start_marker(name: str) -> str:
    return f"<!-- linkpolicy:start {name} -->"


def end_marker(name: str) -> str:
    return f"<!-- linkpolicy:end {name} -->"


def _pattern(kind: str, name: str) -> re.Pattern[str]:
    return re.compile(rf"<!--\s*linkpolicy:{kind}\s+{re.escape(name)}\s*-->")


@dataclass
class Decoded:
    text: str
    bom: bool
    newline: str

    def encode(self, text: str) -> bytes:
        return (BOM if self.bom else b"") + text.encode("utf-8")


def decode(data: bytes) -> Decoded:
    bom = data.startswith(BOM)
    text = data[len(BOM) :].decode("utf-8") if bom else data.decode("utf-8")
    newline = "\r\n" if "\r\n" in text else "\n"
    return Decoded(text, bom, newline)


def find_block(text: str, name: str) -> tuple[int, int] | None:
    """(start, end) offsets of the block's inner text, or None if it has no markers."""
    start = _pattern("start", name).search(text)
    if start is None:
        return None
    end = _pattern("end", name).search(text, start.end())
    if end is None:
        return None
    return start.end(), end.start()


def splice(
    decoded: Decoded, name: str, body: str, insert: str, title_line: int | None, body_line: int
) -> str | None:
    """The page text with the block's body replaced (or inserted); None when the page has
    no markers and ``insert`` is ``none``.

    ``body`` uses ``\\n``; it is converted to the file's line endings. ``title_line`` is the
    0-based line of the page's H1 (for ``after-title``), ``body_line`` the first line after
    front matter.
    """
    nl = decoded.newline
    text = decoded.text
    inner = nl + body.replace("\n", nl) if body else nl
    if inner and not inner.endswith(nl):
        inner += nl
    span = find_block(text, name)
    if span is not None:
        new = text[: span[0]] + inner + text[span[1] :]
        assert new[: span[0]] == text[: span[0]] and new.endswith(text[span[1] :])
        return new
    if insert == "none":
        return None
    block = start_marker(name) + inner + end_marker(name) + nl
    if insert == "end":
        base = text if text.endswith(nl) or not text else text + nl
        return base + nl + block
    lines = text.split(nl)
    at = (title_line + 1) if title_line is not None else body_line
    at = min(at, len(lines))
    before, after = nl.join(lines[:at]), nl.join(lines[at:])
    prefix = before + nl if before else ""
    gap = nl if after.strip() and not after.startswith(nl) else ""
    return prefix + nl + block + gap + after
