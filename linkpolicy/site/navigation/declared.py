"""Navigation a site owner declares for a custom theme, in a line each:
``{pages: GLOB, links: children | siblings | ancestors | GLOB}``."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from ...patterns import glob_match
from ..model import NavLink, Page, nav_sorted
from .tree import SectionTree

RELATIONS = ("children", "siblings", "ancestors")


def declared_links(tree: SectionTree, entries: Sequence[tuple[list[str], str]]) -> list[NavLink]:
    """NavLinks for ``(page globs, links)`` entries over the published pages of ``tree``;
    globs are relative to the content root, like every glob of a policy."""
    pages = sorted(tree.section_of, key=lambda p: p.path)
    out: set[NavLink] = set()
    for globs, links in entries:
        sources = [p for p in pages if glob_match(p.rel, globs)]
        if not sources:
            continue
        fixed = None if links in RELATIONS else [p for p in pages if glob_match(p.rel, [links])]
        for page in sources:
            targets: Iterable[Page]
            if fixed is not None:
                targets = fixed
            elif links == "children":
                targets = tree.children(page)
            elif links == "siblings":
                targets = tree.siblings(page)
            else:
                targets = tree.ancestors(page)
            out.update(NavLink(page.url, t.url, "declared") for t in targets if t is not page)
    return nav_sorted(out)
