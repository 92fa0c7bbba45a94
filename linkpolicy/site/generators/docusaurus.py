"""Docusaurus: the docs plugin's ``routeBasePath`` and instances, versioned docs, number
prefixes, ``id``/``slug``, ``_partials`` and ``unlisted`` pages.

The config is JavaScript: it is read as text, never run.
"""

from __future__ import annotations

import posixpath
import re
from pathlib import Path
from typing import Any

from ...content.genconfig import GeneratorConfig
from ...source import Source
from ..model import NavLink, Site
from ..navigation import docusaurus as nav
from ..options import SiteOptions
from ..urls import UrlInfo, join, strip_ext
from ._base import Detected, same_front

NAME = "docusaurus"
PAGE_EXTENSIONS = (".md", ".mdx")
TRAILING_SLASH = False
SLUG_STYLE = "github"
LINKIFY = True
FOLD_CASE = False
RELATIVE_TO_URL = False
FRAGMENTS_FOLD_CASE = False
CONFIG_FILES = ("docusaurus.config.js", "docusaurus.config.ts", "docusaurus.config.mjs")

front_matter = same_front


def navigation(site: Site, options: SiteOptions, source: Source) -> list[NavLink]:
    """Sidebars, prev/next, navbar and footer, blog lists and tag pages (``navigation/docusaurus.py``)."""
    return nav.navigation(site, source, options.config.file)


_PLUGIN_BLOCKS = re.compile(r"plugin-content-docs['\"]\s*,\s*\{([^{}]*)\}")
_ROUTE = re.compile(r"""routeBasePath\s*:\s*['"]([^'"]*)['"]""")


def read_config(source: Source) -> GeneratorConfig:
    """The docs plugin's routeBasePath and versioned docs folders, each served under
    /<routeBasePath>/<version>/, and more docs plugin instances."""
    for name in CONFIG_FILES:
        try:
            text = source.read(name).decode("utf-8", "replace")
        except OSError:
            continue
        return _config(source, name, text)
    return GeneratorConfig()


def _config(source: Source, name: str, text: str) -> GeneratorConfig:
    cfg = GeneratorConfig(file=name)
    m = _ROUTE.search(_PLUGIN_BLOCKS.sub("", text))
    base = "/" + m.group(1).strip("/") if m else "/docs"
    base = "" if base == "/" else base
    cfg.root_prefixes["docs"] = base
    roots = ["docs"]
    if source.is_dir("versioned_docs"):
        versions = sorted({p.split("/")[1] for p in source.files("versioned_docs") if p.count("/") >= 2})
        for folder in versions:
            if folder.startswith("version-"):
                root = f"versioned_docs/{folder}"
                roots.append(root)
                cfg.root_prefixes[root] = f"{base}/{folder[len('version-') :]}"
    # more docs plugin instances: ['@docusaurus/plugin-content-docs', {id, path, routeBasePath}]
    for block in _PLUGIN_BLOCKS.finditer(text):
        body = block.group(1)
        path = re.search(r"""\bpath\s*:\s*['"]([^'"]+)['"]""", body)
        route = _ROUTE.search(body)
        if path:
            root = path.group(1).strip("/")
            roots.append(root)
            prefix = "/" + (route.group(1) if route else root).strip("/")
            cfg.root_prefixes[root] = "" if prefix == "/" else prefix
    cfg.content_roots = list(dict.fromkeys(roots))
    return cfg


def route_prefix(root: str) -> str:
    """docs/ is served under /docs and blog/ under /blog (routeBasePath defaults)."""
    name = root.rstrip("/").rsplit("/", 1)[-1]
    return "/" + name if name in ("docs", "blog") else ""


def is_partial(rel: str, config: GeneratorConfig) -> bool:
    """Files and folders starting with ``_`` make no page (partials, ``_category_.json``)."""
    return any(p.startswith("_") for p in rel.split("/"))


def unpublished(rel: str, front: dict[str, Any]) -> str | None:
    return "unlisted" if front.get("unlisted") is True else None


_NUMBER_PREFIX = re.compile(r"^\d+\s*[-_.]+\s*(?=[^-_.\s])")


def page_url(
    rel: str, front: dict[str, Any], *, slash: bool, prefix: str = "", config: GeneratorConfig | None = None
) -> UrlInfo:
    folder, name = posixpath.split(rel)
    stem = strip_ext(name)
    folders = [_NUMBER_PREFIX.sub("", p) for p in folder.split("/") if p]
    stem = _NUMBER_PREFIX.sub("", stem)
    slug = front.get("slug")
    if slug is not None:
        slug = str(slug)
        url = (
            join(prefix, slug, slash=slash)
            if slug.startswith("/")
            else join(prefix, *folders, slug, slash=slash)
        )
    else:
        doc_id = str(front.get("id") or stem)
        is_index = stem.lower() in ("index", "readme") or (folders and stem == folders[-1])
        parts = folders if is_index and "id" not in front else [*folders, doc_id]
        url = join(prefix, *parts, slash=slash)
    return UrlInfo(url)


def detect(root: Path) -> Detected | None:
    name = next((n for n in CONFIG_FILES if (root / n).is_file()), None)
    if name is None:
        return None
    text = (root / name).read_text(encoding="utf-8", errors="replace")
    url = re.search(r"""\burl\s*:\s*['"]([^'"]+)['"]""", text)
    base = re.search(r"""\bbaseUrl\s*:\s*['"]([^'"]+)['"]""", text)
    base_url = (url.group(1).rstrip("/") if url else "https://example.com") + (base.group(1) if base else "/")
    home = next(
        (
            f"{n}.{e}"
            for n in ("intro", "index", "README")
            for e in ("md", "mdx")
            if (root / "docs" / f"{n}.{e}").is_file()
        ),
        "intro.md",
    )
    return Detected("docusaurus", name, base_url, "docs", home)
