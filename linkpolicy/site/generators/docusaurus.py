"""Docusaurus as it builds: the docs and blog plugins' ``path`` and ``routeBasePath`` (read
from the config beside them), ``versions.json`` with ``lastVersion`` and
``onlyIncludeVersions``, ``i18n/<locale>/`` translations, static folders, number prefixes,
``id``/``slug``, dated blog posts, ``_partials`` imported by pages, ``unlisted`` pages.

The config is JavaScript: it is read as text, never run.
"""

from __future__ import annotations

import json
import posixpath
import re
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from ...content.genconfig import GeneratorConfig
from ...source import Source, WorkTree
from ..model import NavLink, Site
from ..navigation import docusaurus as nav
from ..options import SiteOptions
from ..urls import UrlInfo, join, strip_ext
from ._base import Detected, folder_tree, in_dir, no_anchors, same_front, same_path

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
HIDDEN_FILES = False
FOLDER_LINKS = False
CONFIG_FILES = ("docusaurus.config.js", "docusaurus.config.ts", "docusaurus.config.mjs")

NAVIGATION = nav.SOURCES
section_tree = folder_tree


def default_navigation(config: GeneratorConfig) -> tuple[str, ...]:
    return nav.DEFAULTS


anchors = no_anchors
site_path = same_path
front_matter = same_front


def navigation(site: Site, options: SiteOptions, source: Source, sources: Sequence[str]) -> list[NavLink]:
    """Sidebars, prev/next, navbar and footer, blog lists and tag pages (``navigation/docusaurus.py``)."""
    return nav.navigation(site, source, options.config.file, tuple(sources))


def read_config(source: Source, paths: list[str]) -> GeneratorConfig:
    if not paths:
        return GeneratorConfig()
    try:
        text = source.read(paths[0]).decode("utf-8", "replace")
    except OSError:
        return GeneratorConfig(file=paths[0])
    return _config(source, paths[0], text)


# -- reading the config's text ---------------------------------------------------------


def _block(text: str, start: int) -> str:
    """The ``{...}`` starting at ``start``, braces in strings and comments ignored."""
    depth, i, quote = 0, start, ""
    while i < len(text):
        ch = text[i]
        if quote:
            if ch == "\\":
                i += 1
            elif ch == quote:
                quote = ""
        elif ch in "'\"`":
            quote = ch
        elif text.startswith("//", i):
            i = text.find("\n", i)
            if i < 0:
                break
        elif ch == "{":
            depth += 1
        elif ch == "}":
            depth -= 1
            if depth == 0:
                return text[start + 1 : i]
        i += 1
    return text[start + 1 :]


def _top_level(body: str) -> str:
    """``body`` without its nested ``{...}`` (so only its own keys are read)."""
    out, i = [], 0
    while (j := body.find("{", i)) >= 0:
        out.append(body[i:j])
        i = j + len(_block(body, j)) + 2
    out.append(body[i:])
    return "".join(out)


def _options(text: str, key: str) -> str | None:
    """The top-level keys of the first ``key: {...}`` object (None: absent or false)."""
    m = re.search(rf"\b{key}\s*:\s*(\{{|false\b)", text)
    if m is None or m.group(1) == "false":
        return None
    return _top_level(_block(text, m.start(1)))


def _plugin_instances(text: str, name: str) -> Iterator[str]:
    for m in re.finditer(rf"plugin-content-{name}['\"]\s*,\s*(?:\(\s*)?\{{", text):
        yield _top_level(_block(text, m.end() - 1))


def _string(body: str, key: str) -> str | None:
    m = re.search(rf"""\b{key}\s*:\s*['"`]([^'"`]*)['"`]""", body)
    return m.group(1) if m else None


def _strings(body: str, key: str) -> list[str] | None:
    m = re.search(rf"\b{key}\s*:\s*\[([^\]]*)\]", body)
    return re.findall(r"""['"`]([^'"`]*)['"`]""", m.group(1)) if m else None


def _bool(body: str, key: str) -> bool | None:
    m = re.search(rf"\b{key}\s*:\s*(true|false)\b", body)
    return None if m is None else m.group(1) == "true"


def _route(body: str | None, default: str) -> str:
    route = _string(body or "", "routeBasePath")
    route = "/" + (default if route is None else route).strip("/")
    return "" if route == "/" else route


# -- the site the config describes -----------------------------------------------------


def _config(source: Source, name: str, text: str) -> GeneratorConfig:
    home = posixpath.dirname(name)  # the site folder: paths in the config are relative to it
    cfg = GeneratorConfig(file=name)
    if not re.search(r"\bdocs\s*:\s*false\b", text):
        _docs(source, cfg, home, _options(text, "docs") or "", "docs")
    for body in _plugin_instances(text, "docs"):
        _docs(source, cfg, home, body, _string(body, "path") or "docs")
    if not re.search(r"\bblog\s*:\s*false\b", text):
        _blog(source, cfg, home, _options(text, "blog") or "", "blog")
    for body in _plugin_instances(text, "blog"):
        _blog(source, cfg, home, body, _string(body, "path") or "blog")
    cfg.static_roots = [in_dir(home, s) for s in _strings(text, "staticDirs") or ["static"]]
    _pages(source, cfg, home)
    _translations(source, cfg, home)
    cfg.content_roots = list(dict.fromkeys(cfg.content_roots or []))
    return cfg


def _docs(source: Source, cfg: GeneratorConfig, home: str, body: str, default_path: str) -> None:
    """A docs plugin instance: its current docs and versions, each root with its prefix."""
    root = in_dir(home, _string(body, "path") or default_path)
    base = _route(body, "docs" if default_path == "docs" else default_path)
    roots = cfg.content_roots = cfg.content_roots or []
    versions, listed = _versions(source, home, default_path)
    # versions.json lists the newest first, and it is the last version (served at the
    # route itself); folders no versions.json lists stay beside the current docs
    last = _string(body, "lastVersion") or (versions[0] if listed else "current")
    only = _strings(body, "onlyIncludeVersions")
    if _bool(body, "includeCurrentVersion") is not False and (only is None or "current" in only):
        roots.append(root)
        cfg.root_prefixes[root] = base if last == "current" or not versions else f"{base}/next"
    folder = "versioned_docs" if default_path == "docs" else f"{default_path}_versioned_docs"
    for version in versions:
        if only is None or version in only:
            vroot = in_dir(home, f"{folder}/version-{version}")
            roots.append(vroot)
            cfg.root_prefixes[vroot] = base if version == last else f"{base}/{version}"


def _versions(source: Source, home: str, instance: str) -> tuple[list[str], bool]:
    """``versions.json`` (newest first), or else the versioned folders there are; and
    whether versions.json listed them."""
    prefix = "" if instance == "docs" else f"{instance}_"
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


def _blog(source: Source, cfg: GeneratorConfig, home: str, body: str, default_path: str) -> None:
    root = in_dir(home, _string(body, "path") or default_path)
    if not source.is_dir(root):
        return  # the preset's blog, when the site has none
    cfg.content_roots = [*(cfg.content_roots or []), root]
    cfg.blog_roots.append(root)
    route = cfg.root_prefixes[root] = _route(body, "blog")
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


_NUMBER_PREFIX = re.compile(r"^\d+\s*[-_.]+\s*(?=[^-_.\s])")
_POST = re.compile(r"^(.*?)(\d{4})-(\d{2})-(\d{2})[-/](.+)$")
_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")


def page_url(
    rel: str,
    front: dict[str, Any],
    *,
    slash: bool,
    prefix: str = "",
    config: GeneratorConfig | None = None,
    root: str = "",
    title: str = "",
) -> UrlInfo:
    if config is not None and _is_blog(root, config):
        return UrlInfo(_post_url(rel, front, slash, prefix))
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


def _is_blog(root: str, config: GeneratorConfig) -> bool:
    roots = {r.strip("/") for r in config.blog_roots}
    return root.strip("/") in roots if config.file else posixpath.basename(root.strip("/")) == "blog"


def _post_url(rel: str, front: dict[str, Any], slash: bool, prefix: str) -> str:
    """``2021-05-25-slug.md`` and ``2021-05-25-slug/index.md`` -> /blog/2021/05/25/slug;
    front matter ``slug`` wins, ``date`` sets the date."""
    if front.get("slug") is not None:
        return join(prefix, str(front["slug"]), slash=slash)
    path = strip_ext(rel)
    if posixpath.basename(path) == "index":
        path = posixpath.dirname(path)
    m = _POST.match(path)
    if m is None:
        return join(prefix, path, slash=slash)
    before, y, mo, d, text = m.groups()
    date = _DATE.match(str(front.get("date") or ""))
    if date:
        y, mo, d = date.groups()
    return join(prefix, before, y, mo, d, text, slash=slash)


# -- init ------------------------------------------------------------------------------


def detect(root: Path, config: str | None) -> Detected | None:
    if config is None:
        return None
    text = (root / config).read_text(encoding="utf-8", errors="replace")
    url = re.search(r"""\burl\s*:\s*['"]([^'"]+)['"]""", text)
    base = re.search(r"""\bbaseUrl\s*:\s*['"]([^'"]+)['"]""", text)
    base_url = (url.group(1).rstrip("/") if url else "https://example.com") + (base.group(1) if base else "/")
    cfg = read_config(WorkTree(root), [config])
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
