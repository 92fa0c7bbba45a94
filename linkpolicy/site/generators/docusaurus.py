"""Docusaurus as it builds: the docs and blog plugins' ``path`` and ``routeBasePath`` (read
from the config beside them), ``versions.json`` with ``lastVersion`` and
``onlyIncludeVersions``, ``i18n/<locale>/`` translations, static folders, number prefixes,
``id``/``slug``, dated blog posts, ``_partials`` imported by pages, ``unlisted`` pages.

The config is JavaScript or TypeScript: its literals are read (see
:mod:`..navigation.docusaurus_config`), it is never run.
"""

from __future__ import annotations

import json
import posixpath
import re
from collections.abc import Container, Sequence
from pathlib import Path
from typing import Any

from ...content.genconfig import GeneratorConfig
from ...source import Source, WorkTree
from ..model import NavLink, Site
from ..navigation import docusaurus as nav
from ..navigation.docusaurus_config import config_value, plugin_instances
from ..options import SiteOptions
from ..urls import UrlInfo, join, strip_ext
from ._base import (
    Detected,
    folder_tree,
    in_dir,
    no_anchors,
    no_listed_links,
    none_served,
    nothing_beyond_root,
    one_or_many,
    same_destination,
    same_front,
    same_path,
)

NAME = "docusaurus"
PAGE_EXTENSIONS = (".md", ".mdx")
TRAILING_SLASH = False
SLUG_STYLE = "github"
LINKIFY = True
FOLD_CASE = False
RELATIVE_TO_URL = False
FRAGMENTS_FOLD_CASE = False
#: a page's ``.md`` link that is no file beside it is looked up from its docs root
MD_LINKS_FROM_ROOT = True
#: partials (``_x.mdx``) are read: their ids count on the pages importing them
PARSE_PARTIALS = True
ATTRIBUTES = True
TEMPLATES_FIRST = False
LENIENT_FRONT_MATTER = False
#: the theme's Heading drops a level-1 heading's id (`As === 'h1'`): `[x](#title)` is broken
TITLE_IDS = False
DOCFX_BLOCKS = False
HIDDEN_FILES = False
FOLDER_LINKS = False
ROOT_LINKS_ON_HOST = False
CASE_INSENSITIVE_URLS = False
CONFIG_FILES = ("docusaurus.config.js", "docusaurus.config.ts", "docusaurus.config.mjs")
#: the navbar and footer are made as each page's own links
SITEWIDE = frozenset[str]()

NAVIGATION = nav.SOURCES
section_tree = folder_tree

listed_links = no_listed_links


def default_navigation(config: GeneratorConfig) -> tuple[str, ...]:
    return nav.DEFAULTS


anchors = no_anchors
site_path = same_path
beyond_root = nothing_beyond_root
destination = same_destination
served = none_served
front_matter = same_front


def navigation(site: Site, options: SiteOptions, source: Source, sources: Sequence[str]) -> list[NavLink]:
    """Sidebars, prev/next, navbar and footer, blog lists and tag pages (``navigation/docusaurus.py``)."""
    return nav.navigation(site, source, options.config.file, tuple(sources))


def read_config(source: Source, paths: list[str]) -> GeneratorConfig:
    if not paths:
        return GeneratorConfig()
    return _config(source, paths[0], config_value(source, paths[0], []))


# -- the site the config describes -----------------------------------------------------


def _config(source: Source, name: str, raw: dict[str, Any]) -> GeneratorConfig:
    """The content roots (docs instances and their versions, blogs), routes and static
    folders of the config's value ``raw`` (read as literals, see :mod:`..navigation.docusaurus_config`)."""
    home = posixpath.dirname(name)  # the site folder: paths in the config are relative to it
    cfg = GeneratorConfig(file=name)
    if isinstance(raw.get("trailingSlash"), bool):
        cfg.trailing_slash = raw["trailingSlash"]
    found = plugin_instances(raw)
    # no classic preset read (or no config): its default docs instance
    for opts in found.docs if found.preset else [{}, *found.docs]:
        _docs(source, cfg, home, opts)
    blogs = [] if found.preset_blog is False else [found.preset_blog]
    for opts in [*blogs, *found.blogs]:
        _blog(source, cfg, home, opts if isinstance(opts, dict) else {})
    static = raw.get("staticDirs")
    static = [d for d in static if isinstance(d, str)] if isinstance(static, list) else ["static"]
    cfg.static_roots = [in_dir(home, d) for d in static]
    if found.redirects is not None:
        _client_redirects(cfg, found.redirects)
    _pages(source, cfg, home)
    _translations(source, cfg, home)
    cfg.content_roots = list(dict.fromkeys(cfg.content_roots or []))
    return cfg


def _client_redirects(cfg: GeneratorConfig, opts: dict[str, Any]) -> None:
    """@docusaurus/plugin-client-redirects: ``redirects`` ({to, from}) and
    ``fromExtensions`` (``/page.html`` -> ``/page``); ``createRedirects`` is code, not read."""
    entries = opts.get("redirects")
    for entry in entries if isinstance(entries, list) else []:
        if not isinstance(entry, dict) or not isinstance(entry.get("to"), str):
            continue
        olds = [f for f in one_or_many(entry.get("from")) if isinstance(f, str) and f.startswith("/")]
        cfg.redirect_from.setdefault(entry["to"].rstrip("/") or "/", []).extend(olds)
    extensions = opts.get("fromExtensions")
    if isinstance(extensions, list):
        cfg.from_extensions = [str(e).lstrip(".") for e in extensions if isinstance(e, str)]


def _text(opts: dict[str, Any], key: str) -> str | None:
    value = opts.get(key)
    return value if isinstance(value, str) else None


def _route(opts: dict[str, Any], default: str) -> str:
    """``routeBasePath`` (``default`` when unset) as a URL prefix ("" for the root)."""
    route = _text(opts, "routeBasePath")
    route = "/" + (default if route is None else route).strip("/")
    return "" if route == "/" else route


def _docs(source: Source, cfg: GeneratorConfig, home: str, opts: dict[str, Any]) -> None:
    """A docs plugin instance: its current docs and versions, each root with its prefix."""
    instance = _text(opts, "id") or "default"
    root = in_dir(home, _text(opts, "path") or "docs")
    base = _route(opts, "docs")
    roots = cfg.content_roots = cfg.content_roots or []
    versions, listed = _versions(source, home, instance)
    # versions.json lists the newest first, and it is the last version (served at the
    # route itself); folders no versions.json lists stay beside the current docs
    last = _text(opts, "lastVersion") or (versions[0] if listed else "current")
    only = opts.get("onlyIncludeVersions")
    only = [v for v in only if isinstance(v, str)] if isinstance(only, list) else None
    if opts.get("includeCurrentVersion") is not False and (only is None or "current" in only):
        roots.append(root)
        cfg.root_prefixes[root] = base if last == "current" or not versions else f"{base}/next"
    folder = "versioned_docs" if instance == "default" else f"{instance}_versioned_docs"
    for version in versions:
        if only is None or version in only:
            vroot = in_dir(home, f"{folder}/version-{version}")
            roots.append(vroot)
            cfg.root_prefixes[vroot] = base if version == last else f"{base}/{version}"


def _versions(source: Source, home: str, instance: str) -> tuple[list[str], bool]:
    """``versions.json`` of the docs instance ``instance`` (newest first), or else the
    versioned folders there are; and whether versions.json listed them."""
    prefix = "" if instance == "default" else f"{instance}_"
    try:
        listed = json.loads(source.read(in_dir(home, f"{prefix}versions.json")))
        if isinstance(listed, list):
            return [str(v) for v in listed], True
    except (OSError, ValueError):
        pass
    folder = in_dir(home, f"{prefix}versioned_docs")
    if not source.is_dir(folder):
        return [], False
    names = sorted({p[len(folder) + 1 :].split("/")[0] for p in source.files(folder)})
    return [n[len("version-") :] for n in names if n.startswith("version-") and "/" not in n], False


def _blog(source: Source, cfg: GeneratorConfig, home: str, opts: dict[str, Any]) -> None:
    root = in_dir(home, _text(opts, "path") or "blog")
    if not source.is_dir(root):
        return  # the preset's blog, when the site has none
    cfg.content_roots = [*(cfg.content_roots or []), root]
    cfg.blog_roots.append(root)
    route = cfg.root_prefixes[root] = _route(opts, "blog")
    # the blog's list, archive and tag pages, and its feeds
    for page in ("", "/archive", "/tags", "/authors", "/rss.xml", "/atom.xml"):
        cfg.routes.setdefault(route + page, root)


_PAGE_FILES = (".js", ".jsx", ".ts", ".tsx", ".md", ".mdx")


def _pages(source: Source, cfg: GeneratorConfig, home: str) -> None:
    """The pages plugin: each file of ``src/pages`` is a route (``index.js`` its folder);
    ``_``-prefixed files and folders are not."""
    folder = in_dir(home, "src/pages")
    for path in source.files(folder):
        rel = path[len(folder) + 1 :]
        stem, ext = posixpath.splitext(rel)
        if ext not in _PAGE_FILES or any(p.startswith("_") for p in rel.split("/")):
            continue
        url = "/" + (posixpath.dirname(stem) if posixpath.basename(stem) == "index" else stem)
        cfg.routes.setdefault(url, path)


def _translations(source: Source, cfg: GeneratorConfig, home: str) -> None:
    """``i18n/<locale>/docusaurus-plugin-content-docs/<current|version-X>/`` and
    ``.../docusaurus-plugin-content-blog/``: each served under /<locale>/."""
    i18n = in_dir(home, "i18n")
    if not source.is_dir(i18n):
        return
    by_version = {posixpath.basename(r): r for r in cfg.content_roots or [] if r not in cfg.blog_roots}
    docs_root = next(iter(by_version.values()), None)
    folders = set()
    for path in source.files(i18n):
        parts = path[len(i18n) + 1 :].split("/")
        if len(parts) > 2 and parts[1] == "docusaurus-plugin-content-blog":
            folders.add((parts[0], f"{parts[0]}/{parts[1]}", ""))
        elif len(parts) > 3 and parts[1] == "docusaurus-plugin-content-docs":
            folders.add((parts[0], "/".join(parts[:3]), parts[2]))
    for locale, folder, version in sorted(folders):
        if not version and cfg.blog_roots:
            _translated(cfg, f"{i18n}/{folder}", locale, cfg.blog_roots[0], blog=True)
        elif version:
            original = docs_root if version == "current" else by_version.get(version)
            if original is not None:
                _translated(cfg, f"{i18n}/{folder}", locale, original, blog=False)


def _translated(cfg: GeneratorConfig, root: str, locale: str, original: str, blog: bool) -> None:
    cfg.content_roots = [*(cfg.content_roots or []), root]
    cfg.root_prefixes[root] = f"/{locale}{cfg.root_prefixes.get(original, '')}"
    if blog:
        cfg.blog_roots.append(root)


def route_prefix(root: str) -> str:
    """docs/ is served under /docs and blog/ under /blog (routeBasePath defaults)."""
    name = root.rstrip("/").rsplit("/", 1)[-1]
    return "/" + name if name in ("docs", "blog") else ""


def is_partial(rel: str, config: GeneratorConfig, root: str = "") -> bool:
    """Files and folders starting with ``_`` make no page (partials, ``_category_.json``)."""
    return any(p.startswith("_") for p in rel.split("/"))


_IMPORT = re.compile(r"""^import\s+\w+\s+from\s+['"](\.{1,2}/[^'"]+\.mdx?)['"]""", re.MULTILINE)


def included(path: str, text: str) -> list[str]:
    """Repository paths of the Markdown partials a page imports (``import X from './_x.md'``)."""
    folder = posixpath.dirname(path)
    return [in_dir(folder, m.group(1)) for m in _IMPORT.finditer(text)]


def unpublished(rel: str, front: dict[str, Any]) -> str | None:
    return "unlisted" if front.get("unlisted") is True else None


#: the blog plugin's dated file names (folder, date, text): the date may use slashes
_POST = re.compile(r"^(.*)(\d{4}[-/]\d{1,2}[-/]\d{1,2})[-/]?(.*?)$")


def page_url(
    rel: str,
    front: dict[str, Any],
    *,
    slash: bool,
    prefix: str = "",
    config: GeneratorConfig | None = None,
    root: str = "",
    title: str = "",
    stems: Container[str] = (),
) -> UrlInfo:
    info = _page_url(rel, front, slash=slash, prefix=prefix, config=config, root=root)
    if config is not None and (config.redirect_from or config.from_extensions):
        bare = info.url.rstrip("/") or "/"
        info.aliases = [
            *config.redirect_from.get(bare, ()),
            *(f"{bare}.{e}" for e in config.from_extensions if bare != "/"),
        ]
    return info


def _page_url(
    rel: str, front: dict[str, Any], *, slash: bool, prefix: str, config: GeneratorConfig | None, root: str
) -> UrlInfo:
    if config is not None and _is_blog(root, config):
        return UrlInfo(_post_url(rel, front, slash, prefix))
    folder, name = posixpath.split(rel)
    raw_stem = strip_ext(name)
    # a category's index: index, README, or named like its folder (as the files are named)
    is_index = (
        raw_stem.lower() in ("index", "readme") or raw_stem.lower() == posixpath.basename(folder).lower()
    )
    folders = [nav.strip_number_prefix(p) for p in folder.split("/") if p]
    stem = nav.strip_number_prefix(raw_stem)
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
        parts = folders if is_index else [*folders, doc_id]  # an index's id leaves its URL
        # an index's URL is its folder's, and ends with a slash where `trailingSlash` is unset
        folder_url = is_index and config is not None and config.trailing_slash is None
        url = join(prefix, *parts, slash=slash or folder_url)
    return UrlInfo(url)


def _is_blog(root: str, config: GeneratorConfig) -> bool:
    roots = {r.strip("/") for r in config.blog_roots}
    return root.strip("/") in roots if config.file else posixpath.basename(root.strip("/")) == "blog"


def _post_url(rel: str, front: dict[str, Any], slash: bool, prefix: str) -> str:
    """``2021-05-25-slug.md`` and ``2021-05-25-slug/index.md`` -> /blog/2021/05/25/slug
    (the date of the file name: a front-matter ``date`` dates the post, not its URL);
    front matter ``slug`` wins."""
    if front.get("slug") is not None:
        return join(prefix, str(front["slug"]), slash=slash)
    path = strip_ext(rel)
    if posixpath.basename(path) == "index":
        path = posixpath.dirname(path)
    m = _POST.match(path)
    if m is None:
        return join(prefix, path, slash=slash)
    folder, date, text = m.groups()
    return join(prefix, date.replace("-", "/"), folder + text, slash=slash)


# -- init ------------------------------------------------------------------------------


def detect(root: Path, config: str | None) -> Detected | None:
    if config is None:
        return None
    source = WorkTree(root)
    raw = config_value(source, config, [])
    url, base = _text(raw, "url"), _text(raw, "baseUrl")
    base_url = (url.rstrip("/") if url else "https://example.com") + (base or "/")
    cfg = _config(source, config, raw)
    roots = cfg.content_roots or ["docs"]
    docs = [r for r in roots if r not in cfg.blog_roots] or roots
    # the version served at the docs route (the last version) holds the home page
    current = min(docs, key=lambda r: len(cfg.root_prefixes.get(r, "")))
    home = next(
        (
            in_dir(current, f"{n}.{e}")
            for n in ("intro", "index", "README", "getting-started", "GettingStarted")
            for e in ("md", "mdx")
            if (root / current / f"{n}.{e}").is_file()
        ),
        "intro.md",
    )
    if current == roots[0] and home.startswith(current + "/"):
        home = home[len(current) + 1 :]
    extra = {"config": config} if posixpath.dirname(config) else {}
    return Detected("docusaurus", config, base_url, current, home, roots=roots, extra=extra)
