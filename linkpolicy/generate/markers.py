"""The byte-exact splice of a managed block into a page.

A block is the text between the whole-line markers ``<!-- linkpolicy:start NAME -->``
and ``<!-- linkpolicy:end NAME -->`` (see :mod:`linkpolicy.content.managed`). Only that
text changes: the file's encoding, BOM and line endings are kept, and every byte outside
the markers stays as it was. A splice whose result would not have exactly the markers it
should (a template that leaves a code fence open, say) is refused, not written.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..content import managed

BOM = b"\xef\xbb\xbf"


class Refused(Exception):
    """The page cannot be changed safely; ``line`` (1-based) and the message say why."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


def start_marker(name: str) -> str:
    return f"<!-- linkpolicy:start {name} -->"


def end_marker(name: str) -> str:
    return f"<!-- linkpolicy:end {name} -->"


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


def scan(text: str, body_line: int) -> managed.Scan:
    """The page's blocks; raises :class:`Refused` when its markers cannot be trusted."""
    found = managed.scan(text, body_line)
    if found.problems:
        line, message = found.problems[0]
        raise Refused(line, message)
    return found


def splice(
    decoded: Decoded, name: str, body: str, insert: str, title_line: int | None, body_line: int
) -> str | None:
    """The page text with the block's body replaced (or inserted); None when the page has
    no markers and ``insert`` is ``none``. Raises :class:`Refused` for untrustworthy
    markers, or when the result would not hold exactly the expected markers.

    ``body`` uses ``\\n``; it is converted to the file's line endings and its marker
    keywords are neutralised. ``title_line`` is the 0-based line of the page's H1 (for
    ``after-title``), ``body_line`` the first line after front matter.
    """
    nl = decoded.newline
    text = decoded.text
    before = scan(text, body_line)
    body = managed.neutralise(body)
    inner = nl + body.replace("\n", nl) if body else nl
    if not inner.endswith(nl):
        inner += nl
    expected = [(m.kind, m.name) for m in before.markers]
    block = before.blocks.get(name)
    if block is not None:
        a, b = block.inner
        new = text[:a] + inner + text[b:]
        _verify(text, new, a, len(text) - b, body_line, expected)
        return new
    if insert == "none":
        return None
    offset, insertion = _insertion(
        text, nl, start_marker(name) + inner + end_marker(name) + nl, insert, title_line, body_line
    )
    new = text[:offset] + insertion + text[offset:]
    at = sum(1 for m in before.markers if m.begin < offset)
    expected[at:at] = [("start", name), ("end", name)]
    _verify(text, new, offset, len(text) - offset, body_line, expected)
    return new


def _insertion(
    text: str, nl: str, block: str, insert: str, title_line: int | None, body_line: int
) -> tuple[int, str]:
    """Where a new block goes (an offset at a line start, or the end) and the text inserted."""
    if insert == "end":
        lead = "" if text.endswith(nl) or not text else nl
        return len(text), lead + nl + block
    starts = [offset for offset, _ in managed.lines(text)]
    if text.endswith(("\n", "\r")):
        starts.append(len(text))
    at = (title_line + 1) if title_line is not None else body_line
    if at >= len(starts) or (at == len(starts) - 1 and starts[at] == len(text)):
        lead = "" if not text or text.endswith(nl) else nl
        return len(text), lead + nl + block
    after = text[starts[at] :]
    gap = nl if after.strip() and not after.startswith(nl) else ""
    return starts[at], nl + block + gap


def _verify(
    old: str, new: str, head: int, tail: int, body_line: int, expected: list[tuple[str, str]]
) -> None:
    """Refuse unless ``new`` keeps ``old``'s first ``head`` and last ``tail`` characters
    and holds exactly the ``expected`` markers, all trustworthy."""
    if new[:head] != old[:head] or new[len(new) - tail :] != old[len(old) - tail :]:
        raise Refused(1, "generated block would change text outside its markers; not writing it")
    after = managed.scan(new, body_line)
    if after.problems or [(m.kind, m.name) for m in after.markers] != expected:
        raise Refused(
            1,
            "generated block would not sit cleanly between its markers "
            "(does the template leave a code fence open?); not writing it",
        )
