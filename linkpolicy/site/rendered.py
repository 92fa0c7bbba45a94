"""The built site as the link graph (`check --rendered DIR`, `site.rendered`).

Reads every HTML file of a generator's output (Hugo `public/`, MkDocs `site/`, Docusaurus
`build/`) with lexbor (selectolax), maps it back to its source page by URL, and turns its
links into graph edges: links inside the page's content region (a CSS selector) are
`content`, every other link (menus, sidebars, breadcrumbs, section lists, footers) is
`navigation`. Redirect stubs (a `<meta http-equiv="refresh">` page, what Hugo writes for
`aliases`) are aliases of the page they send to.
"""

from __future__ import annotations

import os
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from selectolax.lexbor import LexborHTMLParser, LexborNode, SelectolaxError

from ..domains import normalize_host
from ..errors import UsageError
from .model import Edge, EdgeKind, Page, RenderedSite, Site
from .urls import url_key

#: Content region selectors per generator, tried in order (the first that matches wins):
#: Hugo themes put the page body in <article> or <main>; MkDocs Material in
#: article.md-content__inner, MkDocs' own themes in div[role=main]; Docusaurus in
#: .theme-doc-markdown (docs) or <article> (blog).
CONTENT_REGION: dict[str, tuple[str, ...]] = {
    "hugo": ("article", "main"),
    "mkdocs": ("article.md-content__inner", "div[role=main]", "main", "article"),
    "docusaurus": (".theme-doc-markdown", "article", "main"),
    "jekyll": ("main", "article", ".post-content"),
    "docfx": ("main", "article"),
    "plain": ("main", "article"),
}
_MISSING: object = object()
_REFRESH_URL = re.compile(r"url\s*=\s*['\"]?([^'\"\s>]+)", re.IGNORECASE)


@dataclass
class _Origin:
    """How links of the built site map to page URLs."""

    hosts: set[str]
    base_path: str  # "" or "/sub"
    base: str  # scheme://host/sub

    _cache: dict[tuple[str, str], str | None] = field(default_factory=dict)

    def key(self, href: str, page_url: str) -> str | None:
        """The URL key a link points at, or None when it leaves the site or stays on the page
        (memoized: a built site repeats the same menu links on every page)."""
        # A root-relative or absolute link means the same on every page.
        where = "" if href.startswith(("/", "http:", "https:")) else page_url.rsplit("/", 1)[0]
        cached = self._cache.get((where, href), _MISSING)
        if cached is _MISSING:
            cached = self._cache[(where, href)] = self._key(href, page_url)
        return cached

    def _key(self, href: str, page_url: str) -> str | None:
        href = href.strip()
        if not href or href.startswith("#"):
            return None
        parts = urlsplit(urljoin(self.base + page_url, href))
        if parts.scheme not in ("http", "https") or normalize_host(parts.hostname or "") not in self.hosts:
            return None
        path = parts.path or "/"
        if self.base_path:
            if path != self.base_path and not path.startswith(self.base_path + "/"):
                return None
            path = path[len(self.base_path) :] or "/"
        return url_key(path)


@dataclass
class _Built:
    """One HTML file: its URL, and the link targets in and out of its content region."""

    url: str
    redirect: str | None = None
    content: Counter[str] = field(default_factory=Counter)
    everywhere: Counter[str] = field(default_factory=Counter)


def _file_url(rel: str) -> str:
    if rel == "index.html":
        return "/"
    if rel.endswith("/index.html"):
        return "/" + rel[: -len("index.html")]
    return "/" + rel


def _redirect(tree: LexborHTMLParser) -> str | None:
    for meta in tree.css("meta[http-equiv]"):
        if (meta.attributes.get("http-equiv") or "").lower() == "refresh":
            match = _REFRESH_URL.search(meta.attributes.get("content") or "")
            if match:
                return match.group(1)
    return None


def _region(tree: LexborHTMLParser, selectors: tuple[str, ...]) -> LexborNode | None:
    for selector in selectors:
        node = tree.css_first(selector)
        if node is not None:
            return node
    return None


def _hrefs(node: LexborNode) -> list[str]:
    return [h for a in node.css("a[href]") if (h := a.attributes.get("href"))]


def _read(path: Path, url: str, selectors: tuple[str, ...]) -> _Built:
    try:
        tree = LexborHTMLParser(path.read_bytes())
    except OSError as exc:
        raise UsageError(f"{path}: cannot read it ({exc.strerror or exc})") from None
    redirect = _redirect(tree)
    if redirect is not None:
        return _Built(url, redirect=redirect)
    region = _region(tree, selectors)
    root = tree.body or tree.root
    return _Built(
        url,
        content=Counter(_hrefs(region)) if region is not None else Counter(),
        everywhere=Counter(_hrefs(root)) if root is not None else Counter(),
    )


def selector_error(selector: str) -> str | None:
    """Why lexbor cannot use ``selector``, or None."""
    try:
        LexborHTMLParser("<p></p>").css_first(selector)
    except SelectolaxError as exc:
        return f"{selector!r} is not a CSS selector lexbor can read ({exc})"
    return None


def html_files(directory: Path) -> list[tuple[str, Path]]:
    """(path relative to ``directory`` with "/" separators, path) of every HTML file, sorted."""
    out = []
    for folder, dirs, files in os.walk(directory):
        dirs.sort()
        for name in sorted(files):
            if name.endswith((".html", ".htm")):
                path = Path(folder) / name
                out.append((path.relative_to(directory).as_posix(), path))
    return out


def _origin(base_url: str, hosts: list[str]) -> _Origin:
    parts = urlsplit(base_url)
    all_hosts = {normalize_host(parts.hostname or "")} | {normalize_host(h) for h in hosts}
    base_path = parts.path.rstrip("/")
    return _Origin(all_hosts - {""}, base_path, f"{parts.scheme}://{parts.netloc}{base_path}")


def read_rendered(
    site: Site, directory: Path, label: str, base_url: str, hosts: list[str], content: str | None = None
) -> RenderedSite:
    """The links of the built site in ``directory``, mapped onto ``site``'s published pages."""
    if not directory.is_dir():
        raise UsageError(f"{label}: not a directory (the built site: Hugo public/, MkDocs site/, ...)")
    files = html_files(directory)
    if not files:
        raise UsageError(f"{label}: no .html files; build the site into it first")
    selectors = (content,) if content else CONTENT_REGION.get(site.generator, CONTENT_REGION["plain"])
    origin = _origin(base_url, hosts)
    built = [_read(path, _file_url(rel), selectors) for rel, path in files]
    return _map(site, label, built, origin)


def _map(site: Site, label: str, built: list[_Built], origin: _Origin) -> RenderedSite:
    """The built pages' links between the site's published pages and the built pages no
    source makes (tag and term pages, a list's later pages: nodes of the graph of their
    own, through which a crawler reaches what they list)."""
    published = {p.url: p for p in site.published}
    stubs = {url_key(b.url): origin.key(b.redirect, b.url) for b in built if b.redirect is not None}

    def page_of(key: str | None) -> Page | None:
        key = stubs.get(key, key) if key is not None else None
        if key is None:
            return None
        page = site.by_url.get(key) or site.aliases.get(key)
        return page if page is not None and page.url in published else None

    result = RenderedSite(directory=label)
    sources: list[tuple[str, _Built]] = []
    only: dict[str, str] = {}  # URL key -> URL of each built page no source makes
    seen: set[str] = set()
    for b in built:
        if b.redirect is not None:
            continue
        result.html_pages += 1
        source = page_of(url_key(b.url))
        if source is None:
            result.built_only.append(b.url)
            only.setdefault(url_key(b.url), b.url)
            sources.append((b.url, b))
            continue
        seen.add(source.url)
        sources.append((source.url, b))

    def node_of(key: str | None) -> str | None:
        page = page_of(key)
        if page is not None:
            return page.url
        return only.get(stubs.get(key, key)) if key is not None else None  # type: ignore[arg-type]

    edges: set[Edge] = set()
    for url, b in sources:
        edges.update(_edges(url, b, origin, node_of))
    result.edges = sorted(edges, key=lambda e: (e.source, e.target, e.kind.value))
    result.not_built = sorted(p.path for url, p in published.items() if url not in seen)
    return result


def _edges(
    source: str, b: _Built, origin: _Origin, node_of: Callable[[str | None], str | None]
) -> list[Edge]:
    out = []
    outside = b.everywhere - b.content
    for hrefs, kind in ((b.content, EdgeKind.CONTENT), (outside, EdgeKind.NAVIGATION)):
        for href in hrefs:
            target = node_of(origin.key(href, b.url))
            if target is not None and target != source:
                out.append(Edge(source, target, kind))
    return out
