"""DocFX's navigation from the sources: the ``toc.yml`` files of the content roots.

Each entry's ``href`` (a page, or a folder or ``toc.yml`` whose TOC nests here) and
``topicHref`` shows in the TOC sidebar beside every page of the TOC's folder. The sidebar
is modelled as links from the folder's landing page (its ``index.md``), or the home page
where the folder has none: a block of links on many pages reaches and ranks its entries
the way links from that page do, without one edge per page pair."""

from __future__ import annotations

import posixpath
from collections.abc import Iterator, Sequence
from typing import Any

from ...content.genconfig import read_yaml_document
from ...source import Source
from ..model import NavLink, Site, nav_sorted

SOURCES = ("toc",)
_TOC_NAMES = ("toc.yml", "toc.yaml")


def is_toc(path: str) -> bool:
    """Whether ``path`` is a table of contents (DocFX reads it as navigation, not a page)."""
    return posixpath.basename(path).lower() in _TOC_NAMES


#: nesting deeper than this in one toc.yml is not followed
_MAX_DEPTH = 20


def navigation(
    site: Site, source: Source, roots: Sequence[str], sources: Sequence[str], cmdlet_help: bool = False
) -> list[NavLink]:
    """The links the TOC sidebar makes, when ``sources`` names ``toc``; ``cmdlet_help``:
    the build converts cmdlet help, and writes the TOC of a root that has none (see
    :func:`_module_toc`)."""
    if "toc" not in sources:
        return []
    by_path = {p.path.lower(): p for p in site.pages if p.published and p.readable and p.url}
    out: set[NavLink] = set()
    tocs = _toc_files(source, roots)
    if cmdlet_help:
        with_toc = {posixpath.dirname(t) for t in tocs}
        for root in roots:
            if root.strip("/") not in with_toc:
                out.update(_module_toc(site, root))
    for toc in tocs:
        folder = posixpath.dirname(toc)
        landing = by_path.get(posixpath.join(folder, "index.md").lower()) or site.home
        if landing is None or not landing.published:
            continue
        for href in _hrefs(_read(source, toc)):
            target = by_path.get(posixpath.normpath(posixpath.join(folder, href)).lower())
            if target is not None and target is not landing:
                out.add(NavLink(landing.url, target.url, "sidebar"))
    return nav_sorted(out)


def _module_toc(site: Site, root: str) -> set[NavLink]:
    """The TOC the cmdlet help converter writes for a root of modules (``M/M.md``, the
    module's page, beside ``M/*.md`` and ``M/About/*.md``): the home page lists each
    module, a module's page its own pages."""
    pages = [p for p in site.pages if p.root == root and p.published and p.readable and p.url]
    modules = {}
    for page in pages:
        folder, name = posixpath.split(posixpath.splitext(page.rel)[0])
        if folder and "/" not in folder and name.lower() == folder.lower():
            modules[folder.lower()] = page
    out: set[NavLink] = set()
    home = site.home
    for page in pages:
        module = modules.get(page.rel.split("/", 1)[0].lower())
        landing = home if module is None or module is page else module
        if landing is not None and landing is not page and landing.published:
            out.add(NavLink(landing.url, page.url, "sidebar"))
    return out


def _toc_files(source: Source, roots: Sequence[str]) -> list[str]:
    found: set[str] = set()
    for root in roots:
        found.update(p for p in source.files(root.strip("/")) if is_toc(p))
    return sorted(found)


def _read(source: Source, path: str) -> Any:
    try:
        return read_yaml_document(source.read(path))
    except OSError:
        return None


def _hrefs(node: Any, depth: int = 0) -> Iterator[str]:
    """Local ``href``/``topicHref`` paths of the entries of a TOC (a list, or a mapping with
    ``items``), nested entries included; URLs, anchors and folders are skipped."""
    if depth > _MAX_DEPTH:
        return
    if isinstance(node, list):
        for item in node:
            yield from _hrefs(item, depth + 1)
    elif isinstance(node, dict):
        for key in ("href", "topicHref"):
            value = node.get(key)
            if isinstance(value, str) and _local_page(value):
                yield value.split("#", 1)[0].split("?", 1)[0]
        yield from _hrefs(node.get("items"), depth + 1)


def _local_page(href: str) -> bool:
    local = "://" not in href and not href.startswith(("#", "/", "xref:", "mailto:"))
    return local and href.lower().split("#", 1)[0].endswith(".md")
