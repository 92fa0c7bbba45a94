"""Entity mentions in a page's prose: one pattern of every entity name and alias, and the
first mention of each entity, skipping what is no prose (the Markdown reader says where
code, links and template tags are)."""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

#: Entity names and aliases longer than this (characters) are not looked for.
MAX_NAME = 200

_BARE_URL = re.compile(r"(?<![\w.-])(?:[a-zA-Z][\w+.-]*://|www\.)[^\s<>]+")


@dataclass(slots=True)
class Mention:
    """The first mention of an entity (its name or an alias) in a page's prose."""

    entity: str  # the entity's name
    text: str  # as written
    line: int
    column: int


def _name_key(name: str) -> str:
    return " ".join(name.split()).lower()


@functools.lru_cache(maxsize=8)
def entity_matcher(entities: tuple[tuple[str, ...], ...]) -> tuple[re.Pattern[str] | None, dict[str, str]]:
    """One pattern for every name and alias (whole words, any case, blanks between words
    as written or wider), and the entity of each name's key. At one place the longest
    name wins ("page view count" before "page view"); a name two entities share belongs
    to the first."""
    owner: dict[str, str] = {}
    for names in entities:
        for name in names:
            if 0 < len(_name_key(name)) <= MAX_NAME:
                owner.setdefault(_name_key(name), names[0])
    if not owner:
        return None, owner
    trie: dict[str, Any] = {}
    for key in owner:
        node = trie
        for char in key:
            node = node.setdefault(char, {})
        node[""] = {}  # a name ends here
    return re.compile(rf"(?<!\w){_trie_pattern(trie)}(?!\w)", re.IGNORECASE), owner


def _trie_pattern(node: dict[str, Any]) -> str:
    """A regex of every name below ``node``, prefixes shared (so the engine tries each
    character once, not once per name); a name that goes on is tried before one that
    ends (greedy), so the longest name wins."""
    branches = [
        (r"[ \t]+" if char == " " else re.escape(char)) + _trie_pattern(child)
        for char, child in sorted(node.items())
        if char
    ]
    if not branches:
        return ""
    if "" in node:
        return f"(?:{'|'.join(branches)})?"
    return branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"


class MentionFinder:
    """The first mention of each entity on one page, outside managed blocks."""

    def __init__(self, entities: tuple[tuple[str, ...], ...], blocks: dict[str, tuple[int, int]]) -> None:
        self.pattern, self.owner = entity_matcher(entities)
        self.wanted = len(set(self.owner.values()))
        self.blocks = list(blocks.values())
        self.seen: set[str] = set()

    def scan(
        self,
        content: str,
        no_prose: Callable[[], list[tuple[int, int]]],
        locate: Callable[[int], tuple[int, int]],
    ) -> list[Mention]:
        """Mentions in one inline run of text: ``no_prose`` gives the (start, end) offsets
        that are no prose (asked only when a name is found), ``locate`` the file's line and
        column of an offset."""
        if self.pattern is None or len(self.seen) == self.wanted or not content:
            return []
        found: list[Mention] = []
        spans: list[tuple[int, int]] | None = None
        for m in self.pattern.finditer(content):
            entity = self.owner.get(_name_key(m.group()))
            if entity is None or entity in self.seen:
                continue
            if spans is None:
                spans = _merged([*no_prose(), *(u.span() for u in _BARE_URL.finditer(content))])
            if _overlaps(spans, m.start(), m.end()):
                continue
            line, column = locate(m.start())
            if any(start <= line <= end for start, end in self.blocks):
                continue
            self.seen.add(entity)
            found.append(Mention(entity, m.group(), line, column))
        return found


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sorted, disjoint spans: nested and touching ones become one."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def _overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether [start, end) meets one of the disjoint, sorted ``spans``."""
    i = bisect.bisect_right(spans, (start, 1 << 62)) - 1
    if i >= 0 and spans[i][1] > start:
        return True
    return i + 1 < len(spans) and spans[i + 1][0] < end
