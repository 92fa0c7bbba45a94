"""Jekyll's navigation, read from the site's own templates and data files (Jekyll itself
renders none): the theme's sidebar (Just the Docs) or header (Minima), the pages its data
files list (the loops of ``site.data.NAME``), and the posts its templates list (``for post
in site.posts``).

Jekyll builds pages from Liquid templates in ``_layouts`` and ``_includes`` (and HTML
pages), which here are only looked at, never run: a data file counts when a template names
it (``site.data.docs_nav``), and each value it holds under a ``url``, ``link`` or ``href``
key that is a path of the site (``/docs/installation/``) and a page's URL is a link from
every page (modelled as a link from the home page, as other sitewide blocks are). A loop over
``site.posts`` or ``paginator.posts`` lists every post (a paginated list collapses onto the
page with a source); one with ``limit: N`` alone, the newest N. Loops over a collection
(``for doc in site.docs``) list its documents. Feeds and sitemaps (XML) are no pages a
reader follows and are not read.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from ...content.genconfig import read_yaml_document
from ...source import Source
from ..model import NavLink, Page, Site, nav_sorted

#: The template files read at most, the bytes of each, and of them all.
MAX_TEMPLATES = 2000
MAX_TEMPLATE_BYTES = 1 << 20
MAX_TEMPLATES_BYTES = 32 << 20
#: Keys of a data file's entries whose value is a link.
LINK_KEYS = frozenset({"url", "link", "href"})

_DATA = re.compile(r"site\.data\.([A-Za-z0-9_-]+)|site\.data\[\s*['\"]([^'\"]+)['\"]\s*\]")
_LOOP = re.compile(r"\{%-?\s*for\s+\w+\s+in\s+(site|paginator)\.(\w+)([^%]*)-?%\}")
_LIMIT = re.compile(r"\blimit\s*:\s*(\d+)")


def templates(source: Source, home: str) -> list[str]:
    """The texts of the site's layouts, includes and HTML pages (not its generated
    ``_site``, vendored gems or node modules)."""
    out: list[str] = []
    left = MAX_TEMPLATES_BYTES
    for path in source.files(home):
        rel = path[len(home) + 1 :] if home else path
        top = rel.split("/", 1)[0]
        if top in ("_site", "vendor", "node_modules", ".jekyll-cache"):
            continue
        if top in ("_layouts", "_includes") or (rel.endswith(".html") and not top.startswith("_")):
            try:
                data = source.read(path)
            except OSError:
                continue
            out.append(data[: min(MAX_TEMPLATE_BYTES, left)].decode("utf-8", "replace"))
            left -= len(out[-1])
            if len(out) >= MAX_TEMPLATES or left <= 0:
                break
    return out


def data_pages(site: Site, source: Source, home: str, texts: Sequence[str]) -> Iterator[Page]:
    """The published pages that the data files the templates name link to."""
    names = {a or b for text in texts for a, b in _DATA.findall(text)}
    for name in sorted(names):
        for ext in (".yml", ".yaml", ".json"):
            path = posixpath.join(home, "_data", name + ext)
            try:
                data = source.read(path)
            except OSError:
                continue
            for ref in _links_in(read_yaml_document(data)):  # (JSON is YAML)
                page = site.find(ref)
                if page is not None and page.published:
                    yield page
            break


def _links_in(value: Any, depth: int = 0) -> Iterator[str]:
    """The site paths (``/a/b/``) held under a link key anywhere in ``value``."""
    if depth > 32:
        return
    if isinstance(value, dict):
        for key, item in value.items():
            if key in LINK_KEYS and isinstance(item, str):
                ref = item.strip()
                if ref.startswith("/") and not ref.startswith("//"):
                    yield ref
            else:
                yield from _links_in(item, depth + 1)
    elif isinstance(value, list):
        for item in value:
            yield from _links_in(item, depth + 1)


def _documents(site: Site, collection: str) -> list[Page]:
    """The published documents of ``collection`` (``posts``: the posts), newest first (by
    their file name, which starts with a post's date)."""
    docs = (p for p in site.published if p.rel.startswith(f"_{collection}/"))
    return sorted(docs, key=lambda p: p.rel, reverse=True)


def listed(site: Site, texts: Sequence[str], collections: Iterable[str]) -> Iterator[Page]:
    """The posts (and collection documents) that the templates' loops list: all of them,
    or the newest N where every loop over them says ``limit: N``."""
    limits: dict[str, list[int | None]] = {}
    known = {"posts", *collections}
    for text in texts:
        for owner, name, rest in _LOOP.findall(text):
            if name not in known or (owner == "paginator" and name != "posts"):
                continue
            found = _LIMIT.search(rest) if owner == "site" else None  # a paginator lists them all
            limits.setdefault(name, []).append(int(found.group(1)) if found else None)
    for name, found in sorted(limits.items()):
        limit = None if None in found else max(found)  # type: ignore[type-var]
        docs = _documents(site, name)
        yield from docs if limit is None else docs[:limit]


def minima(site: Site, header_pages: Sequence[str]) -> Iterator[tuple[Page, str]]:
    """Minima's header (the config's ``header_pages``, else every page with a title:
    pages only, not posts or collections) and, where the home page has ``layout: home``,
    its list of every post."""
    home = site.home
    if header_pages:
        wanted = {p.strip("/") for p in header_pages}
        header = [p for p in site.published if p.rel in wanted or p.path in wanted]
    else:
        header = [p for p in site.published if not p.rel.startswith("_") and p.front.get("title")]
    for page in header:
        yield page, "header"
    if home is not None and home.front.get("layout") == "home":
        for page in _documents(site, "posts"):
            yield page, "posts"


def just_the_docs(site: Site) -> Iterator[Page]:
    """Just the Docs' sidebar, on every page: every page with a ``title`` and no
    ``nav_exclude`` (pages only: posts and collections are not in it unless the theme's
    config lists them)."""
    for page in site.published:
        front = page.front
        if not page.rel.startswith("_") and front.get("title") and front.get("nav_exclude") is not True:
            yield page


def links(
    site: Site,
    source: Source,
    home: str,
    sources: Sequence[str],
    collections: Iterable[str],
    header_pages: Sequence[str],
) -> list[NavLink]:
    """The links of the named ``sources`` ("just-the-docs", "minima", "data", "posts")
    from the home page."""
    start = site.home
    if start is None or not start.published:
        return []
    out: set[NavLink] = set()

    def add(page: Page, via: str) -> None:
        if page is not start:
            out.add(NavLink(start.url, page.url, via))

    if "just-the-docs" in sources:
        for page in just_the_docs(site):
            add(page, "sidebar")
    if "minima" in sources:
        for page, via in minima(site, header_pages):
            add(page, via)
    if "data" in sources or "posts" in sources:
        texts = templates(source, home)
        if "data" in sources:
            for page in data_pages(site, source, home, texts):
                add(page, "data")
        if "posts" in sources:
            for page in listed(site, texts, collections):
                add(page, "posts" if page.rel.startswith("_posts/") else "collection")
    return nav_sorted(out)
