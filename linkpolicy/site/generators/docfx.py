"""DocFX and Microsoft Learn: ``docfx.json`` content entries (``src``, ``dest``, ``files``
and ``exclude`` globs), extensionless URLs looked up ignoring case, redirection files
(``.openpublishing.redirection*.json``) as aliases, markdig heading ids and
``[!INCLUDE [title](path)]`` files.

YAML landing pages (``index.yml``) and the API pages ``xref:`` links name are out of
scope: they are no Markdown, and ``xref:`` targets need the API metadata.
"""

from __future__ import annotations

import functools
import json
import posixpath
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from wcmatch import glob

from ...content.genconfig import GeneratorConfig
from ...io import RefusedFile
from ...source import Source, WorkTree
from ..model import NavLink, Site
from ..navigation import docfx as docfx_nav
from ..options import SiteOptions
from ..urls import UrlInfo, join, strip_ext, with_prefix
from ._base import (
    Detected,
    folder_tree,
    in_dir,
    no_anchors,
    no_prefix,
    no_reason,
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
HIDDEN_FILES = False
FOLDER_LINKS = False
CONFIG_FILES = ("docfx.json",)

NAVIGATION = docfx_nav.SOURCES
section_tree = folder_tree
anchors = no_anchors
site_path = same_path
route_prefix = no_prefix
unpublished = no_reason
front_matter = same_front

_GLOB_FLAGS = glob.GLOBSTAR | glob.DOTGLOB


def default_navigation(config: GeneratorConfig) -> tuple[str, ...]:
    return NAVIGATION


def navigation(site: Site, options: SiteOptions, source: Source, sources: Sequence[str]) -> list[NavLink]:
    return docfx_nav.navigation(site, source, options.content_roots, sources)


def read_config(source: Source, paths: list[str]) -> GeneratorConfig:
    if not paths:
        return GeneratorConfig()
    raw = _load_json(source, paths[0])
    cfg = GeneratorConfig(file=paths[0])
    home = posixpath.dirname(paths[0])  # src folders are relative to docfx.json
    roots: list[str] = []
    for entry in _entries(raw, "content"):
        files = [f for f in _strings(entry.get("files")) if _may_match_markdown(f)]
        if not files:
            continue
        root = in_dir(home, str(entry.get("src") or entry.get("cwd") or "."))
        if root not in roots:
            roots.append(root)
        dest = posixpath.normpath(str(entry.get("dest") or ".")).strip("/")
        if dest and dest != ".":
            cfg.root_prefixes[root] = "/" + dest
        cfg.page_globs.setdefault(root, []).append((files, _strings(entry.get("exclude"))))
    cfg.content_roots = roots or [home]
    cfg.static_roots = [
        in_dir(home, str(e.get("src") or e.get("cwd") or ".")) for e in _entries(raw, "resource")
    ]
    cfg.redirect_aliases = _redirections(source, cfg)
    return cfg


def _load_json(source: Source, path: str) -> dict[str, Any]:
    """A JSON file as a mapping (empty where it does not parse)."""
    try:
        data = json.loads(source.read(path).decode("utf-8-sig"))
    except RefusedFile:
        raise
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _entries(raw: dict[str, Any], key: str) -> list[dict[str, Any]]:
    build = raw.get("build")
    entries = build.get(key) if isinstance(build, dict) else None
    return [e for e in entries if isinstance(e, dict)] if isinstance(entries, list) else []


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    return [str(v) for v in value if isinstance(v, str)] if isinstance(value, list) else []


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
) -> UrlInfo:
    """``a/b.md`` is served at ``/a/b``, ``a/index.md`` at ``/a/``; the old URLs the
    redirection files send here are its aliases."""
    info = with_prefix(UrlInfo(_path_url(rel)), prefix)
    if config and config.redirect_aliases:
        info.aliases = sorted(config.redirect_aliases.get(_target_key(info.url), ()))
    return info


def _path_url(rel: str) -> str:
    folder, name = posixpath.split(rel)
    stem = strip_ext(name)
    if stem.lower() == "index":
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


def _redirections(source: Source, cfg: GeneratorConfig) -> dict[str, list[str]]:
    """``redirections[]`` of every redirection file at the repository root, as the page URLs
    each ``redirect_url`` may name (see :func:`_target_keys`; a ``.md`` target is that
    page's URL) -> the URLs of the ``source_path`` files (repository relative, or
    ``source_path_from_root`` with a leading ``/``) that redirect there."""
    out: dict[str, list[str]] = {}
    names = sorted(p for p in source.files("") if "/" not in p and _REDIRECTION_FILE.match(p))
    for name in names:
        entries = _load_json(source, name).get("redirections")
        for entry in entries if isinstance(entries, list) else []:
            if not isinstance(entry, dict):
                continue
            old = str(entry.get("source_path") or entry.get("source_path_from_root") or "").lstrip("/")
            new = str(entry.get("redirect_url") or "").split("#")[0].split("?")[0]
            old_url = _repo_path_url(old, cfg)
            if new.endswith(".md"):
                new = _repo_path_url(new.lstrip("/"), cfg) or new
            if old_url and new:
                for key in _target_keys(new):
                    out.setdefault(key, []).append(old_url)
    return out


def _repo_path_url(path: str, cfg: GeneratorConfig) -> str | None:
    """The URL the file at repository path ``path`` has (or had) under its content root."""
    for root in sorted(cfg.content_roots or [], key=len, reverse=True):
        inner = path[len(root) + 1 :] if root else path
        if not root or path.startswith(root + "/"):
            return with_prefix(UrlInfo(_path_url(inner)), cfg.root_prefixes.get(root, "")).url
    return None


def detect(root: Path, config: str | None) -> Detected | None:
    if config is None:
        return None
    cfg = read_config(WorkTree(root), [config])
    roots = cfg.content_roots or [posixpath.dirname(config)]
    content = roots[0] or "."
    home = next((n for n in ("index.md", "README.md") if (root / content / n).is_file()), "index.md")
    return Detected("docfx", config, _base_url(root / config), content, home, False, roots=roots)


def _base_url(config: Path) -> str:
    """Microsoft Learn serves a docset under its base path, the first segment of the
    ``breadcrumb_path`` its docfx.json names (``/powershell/breadcrumb/toc.yml``)."""
    try:
        raw = json.loads(config.read_text(encoding="utf-8-sig"))
    except (OSError, ValueError):
        return "https://example.com/"
    build = raw.get("build") if isinstance(raw, dict) else None
    meta = build.get("globalMetadata") if isinstance(build, dict) else None
    crumb = meta.get("breadcrumb_path") if isinstance(meta, dict) else None
    segment = crumb.strip("/").split("/")[0] if isinstance(crumb, str) and crumb.startswith("/") else ""
    return f"https://learn.microsoft.com/{segment}/" if segment else "https://example.com/"
