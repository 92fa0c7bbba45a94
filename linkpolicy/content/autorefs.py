"""MkDocs' autorefs (the plugin mkdocstrings turns on): ``[title][identifier]`` and
``[identifier][]`` with no reference definition on the page link to the heading, or the
documented object, whose anchor is ``identifier``, on whatever page of the site has it.

To CommonMark such a reference is text. Each page gets a definition for every label it
uses so and does not define (``[label]: autoref:identifier``, written after the page's last
line), so that the Markdown reader itself decides where a reference is a link (never in
code, nor with escaped brackets) and where it stands; the resolver looks the identifier up
among the site's anchors (:data:`SCHEME`).
"""

from __future__ import annotations

import re

#: The destination a definition gives an autoref, before the identifier.
SCHEME = "autoref:"
#: Labels a page may define so at most (a page of more is read as it is).
MAX_LABELS = 5000

# `][label]` (a full reference) and `[label][]` (a collapsed one); labels on one line,
# without brackets or backslashes (an escape, which a label then holds, is left alone)
_FULL = re.compile(r"\]\[([^\[\]\\\n]{1,999})\]")
_COLLAPSED = re.compile(r"\[([^\[\]\\\n]{1,999})\]\[\]")
_DEFINED = re.compile(r"^ {0,3}\[([^\[\]\n]{1,999})\]:", re.M)
_SPACES = re.compile(r"\s+")
#: What an identifier (an anchor) cannot hold, and a destination in <> may not.
_UNFIT = re.compile(r"[\s<>]")


def _key(label: str) -> str:
    """A label as CommonMark matches it: case folded, inner white space one space."""
    return _SPACES.sub(" ", label.strip()).casefold()


def definitions(text: str) -> str:
    """The definitions to append to ``text`` (empty when it uses no undefined label)."""
    if "][" not in text:
        return ""
    defined = {_key(m.group(1)) for m in _DEFINED.finditer(text)}
    wanted: dict[str, str] = {}
    for pattern in (_FULL, _COLLAPSED):
        for m in pattern.finditer(text):
            label = m.group(1)
            key = _key(label)
            identifier = label.strip().strip("`").strip()
            if not key or key in defined or key in wanted or not identifier or _UNFIT.search(identifier):
                continue
            wanted[key] = f"[{label}]: <{SCHEME}{identifier}>"
            if len(wanted) >= MAX_LABELS:
                break
    return "\n".join(wanted.values())


# a reference's text then the bracket of its label: `[title][` (no nested brackets)
_FULL_OR_COLLAPSED = re.compile(r"\[(?:[^\[\]\\\n]|\\.)*\]\[")


def written_as_reference(line: str, column: int) -> bool:
    """Whether the link at ``column`` (1-based) of ``line`` is written ``[title][label]``
    or ``[label][]``: the definitions also make a bare ``[label]`` a link (CommonMark's
    shortcut form), which autorefs leaves as text."""
    return _FULL_OR_COLLAPSED.match(line, max(column - 1, 0)) is not None
