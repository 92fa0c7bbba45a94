"""The inline runs of a page that :mod:`.fastparse` hands to the reference (markdown-it-py)
one by one, where the Rust side may read a run differently and the rest of the page alike.

A run is given to the reference's inline parser as the reference's block rules would give
it: its lines after the first without the indent of the list item around (markdown-it's
``getLines``: a tab the indent cuts through keeps its remaining columns as spaces), its ends
stripped as Python strips them. Its token is made at once, in its place among the page's
tokens; its children come when the whole tree has been walked, with the page's link
definitions (a reference link's): those the Rust side found, each read by the reference's
block rules alone, or, where one goes over lines, the whole page read by those rules.
"""

from __future__ import annotations

from typing import Any

from markdown_it import rules_core
from markdown_it.rules_core.state_core import StateCore
from markdown_it.token import Token


class NoRunContent(ValueError):
    """The run's content cannot be given as the reference's block rules would give it."""


class Referred:
    """The runs of one page that the reference reads."""

    def __init__(self, body: str, reference: Any) -> None:
        self.body = body
        self.reference = reference
        self.runs: list[tuple[Token, str]] = []  # each run's token (children to come) and content
        self.definitions: list[tuple[int, int]] = []  # where the Rust side found definitions

    def token(self, content: str, line: int) -> Token:
        """The ``inline`` token of a run whose content (see :func:`run_content`) starts on
        ``line`` (0-based); its children come with :meth:`read`."""
        token = Token("inline", "", 0)
        token.content, token.map, token.children = content, [line], []
        self.runs.append((token, content))
        return token

    def read(self) -> None:
        """Every run's children, by the reference's inline parser."""
        env: dict[str, Any] = {}
        if self.definitions:
            texts = [self.body[start:end] for start, end in self.definitions]
            over_lines = any("\n" in text for text in texts)
            state = StateCore(self.body if over_lines else "\n\n".join(texts), self.reference, env)
            rules_core.normalize(state)
            rules_core.block(state)
        for token, content in self.runs:
            token.children = self.reference.parseInline(content, env)[0].children


def run_content(raw: str, indent: int) -> str:
    """A run's content as the reference's block rules give it, from its source ``raw``
    (from its first node to its end) in a list item whose text starts at column
    ``indent`` (0: none). Raises :class:`NoRunContent` where its first line is blank."""
    if indent and "\n" in raw:
        first, *rest = raw.split("\n")
        raw = "\n".join([first, *(without_indent(line, indent) for line in rest)])
    if "\n" in raw[: len(raw) - len(raw.lstrip())]:
        raise NoRunContent("a run that starts with a blank line")
    return raw.strip()


def without_indent(line: str, indent: int) -> str:
    """A line's text as markdown-it's ``getLines`` gives it in a block indented by
    ``indent`` columns: that many columns of its blanks taken off (a tab to the next
    multiple of four), the columns of a tab the indent cuts through kept as spaces."""
    column, at = indent_walked(line, 0, indent)
    return " " * (column - indent) + line[at:] if column > indent else line[at:]


def indent_walked(text: str, at: int, indent: int) -> tuple[int, int]:
    """The column reached and the place after the blanks taken from ``text`` at ``at``
    (a line's start) up to column ``indent``: past it only where a tab straddles it."""
    column = 0
    while at < len(text) and column < indent:
        ch = text[at]
        if ch == " ":
            column += 1
        elif ch == "\t":
            column += 4 - column % 4
        else:
            break
        at += 1
    return column, at
