"""Python-Markdown blocks whose body is indented Markdown, read as their body.

An admonition (``!!! note "Title"``), a collapsible block of pymdownx.details (``???``,
``???+``) and a content tab of pymdownx.tabbed (``=== "Tab"``) hold the lines indented four
spaces below them, which MkDocs renders as Markdown: links, headings and all. To a
CommonMark parser those lines are an indented code block. :func:`unindented` gives the
text with each such block's marker line blank and its body moved four columns left (for
each block it is in), line for line, so that the parser reads the body as the build does;
the reader finds each link's column in the text as written.

As Python-Markdown reads them: a block's body runs while lines are blank or indented at
least four spaces more than its marker (a tab counts four); a marker is one only where a
block may start (indented less than four past the body it is in: deeper, it is code), and
not inside a fenced code block (the docs that show the syntax).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

#: the width of a block's indent, as Python-Markdown counts it
INDENT = 4
#: each marker as a block's first line has it: an admonition's or a details block's type
#: (``!!! note``, ``???+ tip``), a tab's quoted title (``=== "Tab"``; a bare ``===``
#: underlines a heading)
_STARTS = {"!!!": r"!!![ \t]+\S", "???": r"\?\?\?\+?[ \t]+\S", "===": r'===[+!]*[ \t]+"'}
_FENCE = re.compile(r"`{3,}|~{3,}")


def unindented(body: str, markers: Sequence[str]) -> str:
    """``body`` with the blocks of ``markers`` (``!!!``, ``???``, ``===``) read as their body."""
    if not any(m in body for m in markers):
        return body
    start = re.compile("|".join(_STARTS[m] for m in markers if m in _STARTS))
    out: list[str] = []
    bodies: list[int] = []  # the column each open block's body starts at, innermost last
    fence, fence_depth = "", 0
    for line in body.split("\n"):
        text = line.expandtabs(INDENT) if "\t" in line else line
        stripped = text.lstrip(" ")
        if not stripped:
            out.append("")
            continue
        indent = len(text) - len(stripped)
        while bodies and indent < bodies[-1]:
            bodies.pop()
            if fence and fence_depth > len(bodies):
                fence = ""  # the block that held the fence ended with it
        if not fence:
            opened = _FENCE.match(stripped)
            if opened:
                fence, fence_depth = opened.group(), len(bodies)
            elif indent - (bodies[-1] if bodies else 0) < INDENT and start.match(stripped):
                bodies.append(indent + INDENT)
                out.append("")
                continue
        elif stripped.startswith(fence) and not stripped.rstrip().strip(fence[0]):
            fence = ""
        out.append(text[INDENT * len(bodies) :] if bodies else line)
    return "\n".join(out)
