"""What a Hugo site's own link render hook (``layouts/_markup/render-link.html``) does
that the embedded one does not: destinations it gives a meaning of their own.

A hook that tests the destination against a literal (``{{ if eq $u.String "g" }}``, with
``$u := urls.Parse .Destination``) renders such links its own way: hugoDocs writes
``[term](g)`` for a glossary entry that the hook finds from the link's text, and fails the
build when it finds none. Such a destination is no page and no file, and is not broken.
Where the hook names one page of the site (``$glossaryPath := "/quick-reference/glossary"``),
the links lead there (hugoDocs' go to an entry of its glossary page); else they are left
out of the graph, and ``site.rewrite`` can say where they lead.

The template is read, not run: only comparisons of the destination (or a variable set
from it) with a string literal count, in either order.
"""

from __future__ import annotations

import re

from ..templates import Layouts

#: where a site or theme overrides the link render hook, under ``layouts/``
LINK_HOOKS = ("_markup/render-link.html", "_default/_markup/render-link.html")

#: ``$u := urls.Parse .Destination``, ``$dest := .Destination`` (and ``=`` re-assignments)
_FROM_DESTINATION = re.compile(
    r"\$(\w+)\s*:?=\s*\(?\s*(?:(?:urls\.Parse|safeURL|strings\.TrimSpace)\s+)?\$?\.Destination\b"
)
_OPERAND = r"(?:\$(?P<{0}>\w+)(?:\.(?:String|Path))?|\$?(?P<{0}d>\.Destination))"
_COMPARISONS = (
    re.compile(r"\beq\s+\(?\s*" + _OPERAND.format("v") + r'\s*\)?\s+"(?P<lit>[^"\\]+)"'),
    re.compile(r'\beq\s+"(?P<lit>[^"\\]+)"\s+\(?\s*' + _OPERAND.format("v") + r"\s*\)?"),
)

#: a destination of the hook's own: a word (``g``, ``term``), no path
_WORD = re.compile(r"[\w-]+")


def hook_template(layouts: Layouts) -> str | None:
    """The text of the site's (or its theme's) link render hook, if it has one ("" when it
    is too big to read)."""
    return layouts.first(LINK_HOOKS)


def own_destinations(template: str) -> list[str]:
    """The literal destinations ``template`` tests for (sorted, each once)."""
    names = {m.group(1) for m in _FROM_DESTINATION.finditer(template)}
    found: set[str] = set()
    for pattern in _COMPARISONS:
        for m in pattern.finditer(template):
            if m.group("vd") or m.group("v") in names:
                literal = m.group("lit")
                if _WORD.fullmatch(literal):  # (a path, "/" or "#top", is a page's)
                    found.add(literal)
    return sorted(found)


#: a string literal that is a site path (``"/quick-reference/glossary"``)
_PATH_LITERAL = re.compile(r'"(/[\w.-]+(?:/[\w.-]+)*/?)"')


def named_paths(template: str) -> list[str]:
    """The site paths ``template`` names in string literals (sorted, each once): where
    its own destinations may lead (see :func:`own_destinations`)."""
    return sorted({m.group(1) for m in _PATH_LITERAL.finditer(template)})


#: a ``dict`` of string literals only (``dict "chaining" "chain" "walking" "walk"``)
_WORD_DICT = re.compile(r'\bdict((?:\s+"[^"\n]*")+)')
_STRING = re.compile(r'"([^"\n]*)"')


def word_maps(template: str) -> dict[str, str]:
    """The word -> word pairs of the ``dict`` literals of ``template`` (a hook's own
    irregular forms of the words it looks up)."""
    out: dict[str, str] = {}
    for m in _WORD_DICT.finditer(template):
        words = _STRING.findall(m.group(1))
        if len(words) % 2 == 0:
            out.update(zip(words[::2], words[1::2], strict=True))
    return out
