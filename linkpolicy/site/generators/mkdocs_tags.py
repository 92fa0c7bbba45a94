"""Material for MkDocs' tags plugin: listings of the pages a site's tags feature.

A page's ``tags`` (front matter) name its tags. A page holding the listing directive
(``<!-- material/tags -->``, with options ``{ scope: true, include: [..], exclude: [..] }``;
the ``tags_file`` gets one where it has none) lists, under a heading for each tag (id
``tag:<slug>``), a link to each page featuring it: the listing's links, written in the
content where the directive is (kind ``listed``, as Hugo's list shortcodes). Each tagged
page shows its tags, each a link to the closest listing featuring it (the one whose URL
shares the most with the page's): navigation (``tags``). ``scope: true`` lists only the
pages below the listing page's folder; a page never lists itself.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterator
from typing import Any

from ...content.frontmatter import parse_front_matter
from ...content.markdown import LISTED, RawLink
from ...content.slugs import pymdownx_slug
from ...io import line_column
from ..model import NavLink, Page, Site

DIRECTIVE = "material/tags"
_DIRECTIVE = re.compile(r"<!--\s*?material/tags(.*?)\s*-->", re.I | re.S)


def directives(text: str) -> list[tuple[str, str, int, int]]:
    """(``material/tags``, its options as written, line, column) of each listing directive
    in ``text`` (the plugin finds it anywhere in the Markdown, code blocks too)."""
    return [(DIRECTIVE, m.group(1).strip(), *line_column(text, m.start())) for m in _DIRECTIVE.finditer(text)]


def tags_of(page: Page) -> list[str]:
    """The page's tags (front matter ``tags``: a list, or one name)."""
    value = page.front.get("tags")
    values = value if isinstance(value, list) else [value] if isinstance(value, str | int | float) else []
    return list(dict.fromkeys(str(v) for v in values if v is not None and str(v).strip()))


class _Listing:
    def __init__(self, page: Page, options: str, line: int, column: int) -> None:
        self.page, self.line, self.column = page, line, column
        settings = _options(options)
        self.scope = settings.get("scope") is True
        self.include = _names(settings.get("include"))
        self.exclude = _names(settings.get("exclude"))

    def features(self, page: Page, tags: list[str]) -> list[str]:
        """The tags of ``page`` this listing lists it under."""
        if page is self.page:
            return []
        if self.scope:
            base = posixpath.dirname(self.page.rel)
            if not page.rel.startswith(base + "/" if base else ""):
                return []
        if self.exclude and self.exclude.intersection(tags):
            return []
        return [t for t in tags if not self.include or t in self.include]


def _options(text: str) -> dict[str, Any]:
    """A directive's options (a YAML flow mapping), or none where they cannot be read."""
    if not text.strip():
        return {}
    value = parse_front_matter(["---", text, "---"]).data
    return value if isinstance(value, dict) else {}


def _names(value: Any) -> set[str]:
    return {str(v) for v in value} if isinstance(value, list) else set()


def _listings(site: Site, tags_file: str) -> list[_Listing]:
    """The listings of the site's pages; the ``tags_file`` page has one (at its end, where
    it has no directive)."""
    out = []
    for page in site.pages:
        if not page.published or page.parsed is None:
            continue
        found = [_Listing(page, *call[1:]) for call in page.parsed.listings if call[0] == DIRECTIVE]
        if not found and tags_file and page.rel == tags_file:
            found = [_Listing(page, "", 1, 1)]
        out += found
    return out


def _tagged(site: Site) -> Iterator[tuple[Page, list[str]]]:
    for page in site.pages:
        if page.published and page.url and (tags := tags_of(page)):
            yield page, tags


def listed_links(site: Site, tags_file: str = "") -> dict[str, list[RawLink]]:
    """Page path -> a link (kind ``listed``, at the directive) to each page a listing on it
    features, once for each tag it lists the page under; the listing page's headings give
    it an id ``tag:<slug>`` for each tag."""
    listings = _listings(site, tags_file)
    if not listings:
        return {}
    tagged = list(_tagged(site))
    out: dict[str, list[RawLink]] = {}
    for listing in listings:
        assert listing.page.parsed is not None
        for page, tags in tagged:
            for tag in listing.features(page, tags):
                listing.page.parsed.anchors.add(tag_id(tag))
                out.setdefault(listing.page.path, []).append(
                    RawLink(page.url, page.title, listing.line, listing.column, LISTED)
                )
    return out


def header_links(site: Site, tags_file: str = "") -> list[NavLink]:
    """Each tagged page's links to the closest listing of each of its tags."""
    listings = _listings(site, tags_file)
    if not listings:
        return []
    out: list[NavLink] = []
    for page, tags in _tagged(site):
        ranked = sorted(listings, key=lambda li: -len(posixpath.commonpath([page.url, li.page.url or "/"])))
        for tag in tags:
            closest = next((li for li in ranked if tag in li.features(page, tags)), None)
            if closest is not None and closest.page.url:
                out.append(NavLink(page.url, closest.page.url, "tags"))
    return out


def tag_id(tag: str) -> str:
    """The id of a tag's heading on a listing (the plugin's default slug, ``tag:`` first)."""
    return "tag:" + pymdownx_slug(tag)
