"""The links a page's Markdown has that its built page does not, as their source line
shows: DocFX's blocks written as links (a tab's heading, a code snippet) and the bare
``[label]`` an autoref definition made a link (see :func:`as_built`); Hugo's shortcodes
that show their inner text as no Markdown are :mod:`.shortcodes`'."""

from __future__ import annotations

import re

from ..content import autorefs
from ..content.markdown import RawLink

_TAB_HEADING = re.compile(r" {0,3}#{1,6}[ \t]+\[")
#: DocFX's code snippet, a block of its own line (in a quote or list item too):
#: ``[!code-csharp[name](path?range "title")]``, ``[!notebook-python[](x.ipynb)]``
_CODE_SNIPPET = re.compile(
    r"(?:[ \t]*(?:>|[-+*][ \t]|\d{1,9}[.)][ \t]))*[ \t]*\[!(?:code|notebook)(?:-[^\[]*)?\[.*\][ \t]*$",
    re.IGNORECASE,
)


def as_built(links: list[RawLink], text: str, docfx: bool, autorefs_on: bool) -> list[RawLink]:
    """``links`` less those the built page does not have, as their source line shows:
    DocFX's blocks written as links (the ``#tab/id`` link a tab's heading is made of, ``#
    [Linux](#tab/linux)``; the file a code snippet shows, ``[!code-cs[](Program.cs)]``), and a
    bare ``[label]`` that an autoref definition made a link (the plugin reads
    ``[title][label]`` and ``[label][]`` alone)."""
    if not (docfx or autorefs_on):
        return links  # (most sites: no call a link)

    def suspect(link: RawLink) -> bool:
        return (docfx and link.dest.startswith("#tab/")) or (
            autorefs_on and link.dest.startswith(autorefs.SCHEME)
        )

    snippets = docfx and "[!" in text
    if not snippets and not any(map(suspect, links)):
        return links
    lines = text.split("\n")

    def built(link: RawLink) -> bool:
        line = lines[link.line - 1] if 0 < link.line <= len(lines) else None
        if snippets and line is not None and _CODE_SNIPPET.match(line):
            return False
        if not suspect(link):
            return True
        tab = link.dest.startswith("#tab/")
        if line is None:
            return tab  # no line to show a tab's heading, nor an autoref's form
        return _TAB_HEADING.match(line) is None if tab else autorefs.written_as_reference(line, link.column)

    return [lk for lk in links if built(lk)]
