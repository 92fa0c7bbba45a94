"""DocFX and Microsoft Learn: ``docfx.json`` content entries (``src``, ``dest``, ``files``
and ``exclude`` globs), extensionless URLs looked up ignoring case, redirection files
(``.openpublishing.redirection*.json``) as aliases, markdig heading ids and
``[!INCLUDE [title](path)]`` files.

YAML landing pages (``index.yml``) and the API pages ``xref:`` links name are out of
scope: they are no Markdown, and ``xref:`` targets need the API metadata.
"""

from __future__ import annotations

import functools
import posixpath
import re
from collections.abc import Container, Iterator, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from wcmatch import glob

from ...content.genconfig import GeneratorConfig, read_yaml_document
from ...source import Source, WorkTree
from ..model import NavLink, Site
from ..navigation import docfx as docfx_nav
from ..options import SiteOptions
from ..urls import UrlInfo, join, strip_ext, with_prefix
from ._base import (
    PUBLISH_CONFIG,
    Detected,
    folder_tree,
    in_dir,
    load_json_object,
    no_anchors,
    no_listed_links,
    no_prefix,
    no_reason,
    none_served,
    nothing_beyond_root,
    same_destination,
    same_front,
    same_path,
)

NAME = "docfx"
PAGE_EXTENSIONS = (".md",)
TRAILING_SLASH = False
SLUG_STYLE = "markdig"
LINKIFY = True
FOLD_CASE = True
RELATIVE_TO_URL = False
FRAGMENTS_FOLD_CASE = False
MD_LINKS_FROM_ROOT = False
PARSE_PARTIALS = True
ATTRIBUTES = True
TEMPLATES_FIRST = False
LENIENT_FRONT_MATTER = False
TITLE_IDS = True
#: a heading that links `#tab/id` starts a tab, `[!code-cs[](path)]` shows a file's code: no links
DOCFX_BLOCKS = True
HIDDEN_FILES = False
FOLDER_LINKS = False
#: Microsoft Learn serves every docset on one host: /dotnet/... is another docset's page
ROOT_LINKS_ON_HOST = True
#: Microsoft Learn answers a URL in any case: redirects and files too
CASE_INSENSITIVE_URLS = True
CONFIG_FILES = ("docfx.json",)
#: a TOC's sidebar is on the pages of its folder (from its landing page): none sitewide
SITEWIDE = frozenset[str]()

NAVIGATION = docfx_nav.SOURCES
section_tree = folder_tree
anchors = no_anchors
site_path = same_path
beyond_root = nothing_beyond_root
destination = same_destination
served = none_served
route_prefix = no_prefix
unpublished = no_reason
front_matter = same_front

_GLOB_FLAGS = glob.GLOBSTAR | glob.DOTGLOB

listed_links = no_listed_links


def default_navigation(config: GeneratorConfig) -> tuple[str, ...]:
    return NAVIGATION


def navigation(site: Site, options: SiteOptions, source: Source, sources: Sequence[str]) -> list[NavLink]:
    return docfx_nav.navigation(site, source, options.content_roots, sources, options.config.cmdlet_help)


def read_config(source: Source, paths: list[str]) -> GeneratorConfig:
    if not paths:
        return GeneratorConfig()
    raw = load_json_object(source, paths[0])
    cfg = GeneratorConfig(file=paths[0])
    home = posixpath.dirname(paths[0])  # src folders are relative to docfx.json
    roots: list[str] = []
    publish = load_json_object(source, PUBLISH_CONFIG)
    cfg.cmdlet_help = _converts_cmdlet_help(publish)
    yaml_pages: list[tuple[str, str, list[str], list[str]]] = []
    for entry in _entries(raw, "content"):
        patterns, exclude = _strings(entry.get("files")), _strings(entry.get("exclude"))
        root = in_dir(home, str(entry.get("src") or entry.get("cwd") or "."))
        dest = posixpath.normpath(str(entry.get("dest") or ".")).strip("/")
        prefix = "/" + dest if dest and dest != "." else ""
        if yml := [f for f in patterns if f.endswith((".yml", "*"))]:
            yaml_pages.append((root, prefix, yml, exclude))
        files = [f for f in patterns if _may_match_markdown(f)]
        if cfg.cmdlet_help:  # cmdlet help is Markdown until the build makes YAML pages of it
            files += [
                f[: -len(".yml")] + ".md" for f in patterns if f.endswith(".yml") and not docfx_nav.is_toc(f)
            ]
        if not files:
            continue
        if root not in roots:  # its first entry gives its URL prefix
            roots.append(root)
            if prefix:
                cfg.root_prefixes[root] = prefix
        cfg.page_globs.setdefault(root, []).append((files, exclude))
    cfg.content_roots = roots or [home]
    cfg.routes.update(_yaml_pages(source, home, yaml_pages))
    cfg.static_roots = [
        in_dir(home, str(e.get("src") or e.get("cwd") or ".")) for e in _entries(raw, "resource")
    ]
    cfg.redirect_aliases = _redirections(source, cfg, publish)
    metadata = raw.get("metadata")
    for entry in metadata if isinstance(metadata, list) else []:
        dest = entry.get("dest") if isinstance(entry, dict) else None
        if isinstance(dest, str) and dest.strip():
            cfg.generated_dirs.append(in_dir(home, dest.strip()).rstrip("/"))
    return cfg


def _entries(raw: dict[str, Any], key: str) -> list[dict[str, Any]]:
    build = raw.get("build")
    entries = build.get(key) if isinstance(build, dict) else None
    return [e for e in entries if isinstance(e, dict)] if isinstance(entries, list) else []


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    return [str(v) for v in value if isinstance(v, str)] if isinstance(value, list) else []


def _yaml_pages(
    source: Source, home: str, entries: list[tuple[str, str, list[str], list[str]]]
) -> dict[str, str]:
    """URL -> repository path of the YAML pages the content entries publish (landing,
    hub and FAQ pages: ``a/b.yml`` is served at ``/a/b`` like ``a/b.md``), tables of
    contents aside. They are no Markdown: links reach them, their own links are unread."""
    found = sorted(p for p in source.files(home) if p.endswith(".yml"))
    out: dict[str, str] = {}
    for root, prefix, files, exclude in entries:
        matcher = _content_matcher(tuple(files), tuple(exclude))
        for path in found:
            rel = path[len(root) + 1 :] if root else path
            if (not root or path.startswith(root + "/")) and not docfx_nav.is_toc(rel):
                if matcher.match(rel):
                    out.setdefault(with_prefix(UrlInfo(_path_url(rel)), prefix).url, path)
    return out


def _may_match_markdown(pattern: str) -> bool:
    return pattern.endswith((".md", "*")) or "*.md" in pattern


def is_partial(rel: str, config: GeneratorConfig, root: str = "") -> bool:
    """A Markdown file no ``build.content`` entry of its root publishes (``exclude``d,
    outside every ``files`` glob), or one under an ``includes`` folder: what
    ``[!INCLUDE]`` pulls in."""
    if "includes" in rel.split("/")[:-1]:
        return True
    entries = config.page_globs.get(root.strip("/"))
    if entries is None:
        return False  # a root the policy names and docfx.json does not
    return not any(_content_matcher(tuple(files), tuple(exclude)).match(rel) for files, exclude in entries)


@functools.lru_cache(maxsize=256)
def _content_matcher(files: tuple[str, ...], exclude: tuple[str, ...]) -> Any:
    """One ``build.content`` entry's ``files`` and ``exclude`` globs, compiled once."""
    return glob.compile(list(files), exclude=list(exclude) or None, flags=_GLOB_FLAGS)


_INCLUDE = re.compile(r"\[!include\s*\[[^\]]*\]\(\s*<?([^)\s>]+)>?\s*\)\s*\]", re.IGNORECASE)


def included(path: str, text: str) -> list[str]:
    """Repository paths of the files ``[!INCLUDE [title](path)]`` pulls into the page."""
    folder = posixpath.dirname(path)
    return [in_dir(folder, m.group(1)) for m in _INCLUDE.finditer(text)]


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
    """``a/b.md`` is served at ``/a/b``, ``a/index.md`` at ``/a/``; the old URLs the
    redirection files send here are its aliases."""
    info = with_prefix(UrlInfo(_path_url(rel, config is not None and config.cmdlet_help)), prefix)
    if config and config.redirect_aliases:
        info.aliases = sorted(config.redirect_aliases.get(_target_key(info.url), ()))
    return info


def _path_url(rel: str, cmdlet_help: bool = False) -> str:
    """``cmdlet_help``: a module's page (``M/M.md``, beside its cmdlets' pages) is its
    folder's, as the cmdlet help converter makes it."""
    folder, name = posixpath.split(rel)
    stem = strip_ext(name)
    if stem.lower() == "index" or (cmdlet_help and stem.lower() == posixpath.basename(folder).lower()):
        return join(folder, slash=True)
    return join(folder, stem, slash=False)


def _target_key(url: str) -> str:
    return url.lower().rstrip("/") or "/"


def _target_keys(target: str) -> list[str]:
    """The page URLs a redirect target may name: itself, ignoring case, and the URL under
    the docset's base path (``/powershell/scripting/x`` names ``/scripting/x``)."""
    key = _target_key(target)
    parts = key.split("/")
    return [key, "/" + "/".join(parts[2:])] if len(parts) > 2 else [key]


_REDIRECTION_FILE = re.compile(r"^\.openpublishing\.redirection.*\.json$")
#: the package the Microsoft Learn build converts PlatyPS cmdlet help (Markdown) to YAML
#: pages with, before DocFX reads the ``**/*.yml`` its docfx.json names
_CMDLET_HELP_CONVERTER = "microsoft.docascode.maml2yaml"


def _converts_cmdlet_help(publish: dict[str, Any]) -> bool:
    """Whether the repository's publish config lists the cmdlet help converter: then
    each ``X.md`` whose ``X.yml`` a content entry's ``files`` take is a page."""
    packages = publish.get("dependent_packages")
    return any(
        isinstance(p, dict) and str(p.get("id", "")).lower() == _CMDLET_HELP_CONVERTER
        for p in (packages if isinstance(packages, list) else [])
    )


def _redirection_files(source: Source, publish: dict[str, Any]) -> list[str]:
    """The redirection files at the repository root, and those the publish config lists
    (``redirection_files``, from the root)."""
    names = [p for p in source.files("") if "/" not in p and _REDIRECTION_FILE.match(p)]
    listed = publish.get("redirection_files")
    for name in listed if isinstance(listed, list) else []:
        path = posixpath.normpath(name.strip("/")) if isinstance(name, str) else ""
        if path and not path.startswith("../") and path not in names:
            names.append(path)
    return sorted(names)


def _redirections(source: Source, cfg: GeneratorConfig, publish: dict[str, Any]) -> dict[str, list[str]]:
    """``redirections[]`` of every redirection file (see :func:`_redirection_files`), as the
    page URLs each ``redirect_url`` may name (see :func:`_target_keys`; a ``.md`` target
    is that page's URL) -> the URLs of the ``source_path`` files (relative to the
    redirection file, or ``source_path_from_root`` with a leading ``/``) that redirect
    there: each old file's URL, and its path as a `.md` link from a page names it (a
    link to a moved file goes through its redirect)."""
    out: dict[str, list[str]] = {}
    for name in _redirection_files(source, publish):
        entries = load_json_object(source, name).get("redirections")
        for entry in entries if isinstance(entries, list) else []:
            if not isinstance(entry, dict):
                continue
            new = str(entry.get("redirect_url") or "").split("#")[0].split("?")[0]
            if entry.get("source_path"):
                old = in_dir(posixpath.dirname(name), str(entry["source_path"]).lstrip("/"))
            else:
                old = str(entry.get("source_path_from_root") or "").lstrip("/")
            if new.endswith(".md"):
                new = _repo_path_url(new.lstrip("/"), cfg) or new
            old_urls = [u for u in (_repo_path_url(old, cfg), _repo_path_url(old, cfg, as_file=True)) if u]
            if old_urls and new:
                for key in _target_keys(new):
                    out.setdefault(key, []).extend(old_urls)
                for url in old_urls:  # served, as a redirect, wherever it leads
                    cfg.routes.setdefault(url, name)
    return out


def _repo_path_url(path: str, cfg: GeneratorConfig, as_file: bool = False) -> str | None:
    """The URL the file at repository path ``path`` has (or had) under its content root;
    ``as_file``: the URL its own path makes there (``/a/b.md``: what a `.md` link names)."""
    for root in sorted(cfg.content_roots or [], key=len, reverse=True):
        inner = path[len(root) + 1 :] if root else path
        if not root or path.startswith(root + "/"):
            url = "/" + inner if as_file else _path_url(inner)
            return with_prefix(UrlInfo(url), cfg.root_prefixes.get(root, "")).url
    return None


def detect(root: Path, config: str | None) -> Detected | None:
    if config is None:
        return None
    source = WorkTree(root)
    cfg = read_config(source, [config])
    roots = cfg.content_roots or [posixpath.dirname(config)]
    content = roots[0] or "."
    base_url = _base_url(load_json_object(source, config))
    home = _home(source, cfg, roots[0], urlsplit(base_url).path.rstrip("/"))
    return Detected("docfx", config, base_url, content, home, False, roots=roots)


def _home(source: WorkTree, cfg: GeneratorConfig, first: str, base_path: str) -> str:
    """The home page `init` proposes: the first content root's ``index.md`` or
    ``README.md`` where the docset publishes it, else (by its URL) the first of its pages
    that the root's YAML landing page (``index.yml``, a Microsoft Learn hub: no Markdown)
    links to."""
    for name in ("index.md", "README.md"):
        if _is_page(source, cfg, in_dir(first, name)):
            return name
    try:
        landing = read_yaml_document(source.read(in_dir(first, "index.yml")))
    except OSError:
        landing = None
    for dest in _link_values(landing):
        path = _page_path(source, cfg, first, base_path, dest.split("#")[0].split("?")[0])
        if path is not None:
            return _repo_path_url(path, cfg) or "/"
    return "index.md"


def _is_page(source: WorkTree, cfg: GeneratorConfig, path: str) -> bool:
    root = max((r for r in cfg.content_roots if not r or path.startswith(r + "/")), key=len, default=None)
    if root is None or source.stat(path) is None:
        return False
    return not is_partial(path[len(root) + 1 :] if root else path, cfg, root)


def _page_path(source: WorkTree, cfg: GeneratorConfig, first: str, base_path: str, dest: str) -> str | None:
    """The repository path of the page a landing page's link names: a `.md` path from the
    landing page's folder, or a URL under the docset's base path."""
    if dest.endswith(".md") and not dest.startswith("/"):
        path = in_dir(first, dest)
        return path if _is_page(source, cfg, path) else None
    if not base_path or not dest.lower().startswith(base_path.lower() + "/"):
        return None
    url = dest[len(base_path) :].rstrip("/")
    for root in cfg.content_roots:
        prefix = cfg.root_prefixes.get(root, "")
        if prefix and not url.lower().startswith(prefix.lower() + "/"):
            continue
        inner = url[len(prefix) + 1 :]
        for name in (f"{inner}.md", f"{inner}/index.md"):
            if _is_page(source, cfg, in_dir(root, name)):
                return in_dir(root, name)
    return None


def _link_values(node: Any, depth: int = 0) -> Iterator[str]:
    """The ``url`` and ``href`` strings of a YAML document, in document order."""
    if depth > 40:
        return
    if isinstance(node, dict):
        for key, value in node.items():
            if key in ("url", "href") and isinstance(value, str):
                yield value.strip()
            else:
                yield from _link_values(value, depth + 1)
    elif isinstance(node, list):
        for item in node:
            yield from _link_values(item, depth + 1)


def _base_url(raw: dict[str, Any]) -> str:
    """Microsoft Learn serves a docset under its base path, the first segment of the
    ``breadcrumb_path`` its docfx.json names (``/powershell/breadcrumb/toc.yml``)."""
    build = raw.get("build")
    meta = build.get("globalMetadata") if isinstance(build, dict) else None
    crumb = meta.get("breadcrumb_path") if isinstance(meta, dict) else None
    segment = crumb.strip("/").split("/")[0] if isinstance(crumb, str) and crumb.startswith("/") else ""
    return f"https://learn.microsoft.com/{segment}/" if segment else "https://example.com/"
