"""Plain Markdown as GitHub shows it: every file at its own path, a folder's README
answers for the folder, fragments match ignoring case."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Container
from pathlib import Path
from typing import Any

from ...content.genconfig import GeneratorConfig
from ...source import Source
from ..urls import UrlInfo, join, strip_ext, with_prefix
from ._base import (
    Detected,
    folder_tree,
    no_default_navigation,
    no_includes,
    no_listed_links,
    no_navigation,
    no_prefix,
    no_reason,
    none_served,
    not_partial,
    same_destination,
    same_front,
)

NAME = "plain"
PAGE_EXTENSIONS = (".md", ".markdown", ".mdx")
TRAILING_SLASH = False
SLUG_STYLE = "github"
LINKIFY = True
FOLD_CASE = False
RELATIVE_TO_URL = False
FRAGMENTS_FOLD_CASE = True
MD_LINKS_FROM_ROOT = False
PARSE_PARTIALS = False
ATTRIBUTES = False
TEMPLATES_FIRST = False
LENIENT_FRONT_MATTER = False
TITLE_IDS = True
DOCFX_BLOCKS = False
HIDDEN_FILES = True
FOLDER_LINKS = True
ROOT_LINKS_ON_HOST = False
CASE_INSENSITIVE_URLS = False
CONFIG_FILES: tuple[str, ...] = ()
SITEWIDE = frozenset[str]()

navigation = no_navigation
NAVIGATION: tuple[str, ...] = ()
default_navigation = no_default_navigation
section_tree = folder_tree
included = no_includes
listed_links = no_listed_links
route_prefix = no_prefix
front_matter = same_front
destination = same_destination
served = none_served
is_partial = not_partial
unpublished = no_reason


def anchors(rel: str) -> set[str]:
    """GitHub shows a folder's README under the folder's listing at ``#readme``."""
    return {"readme"} if strip_ext(posixpath.basename(rel)).lower() == "readme" else set()


_GITHUB_VIEW = re.compile(r"^/(?:blob|tree|raw|edit)/[^/]+(?=/|$)")


def site_path(path: str) -> str:
    """``/blob/main/docs/a.md`` and ``/tree/main/docs`` on the repository's URL are its files."""
    return _GITHUB_VIEW.sub("", path) or "/"


#: what GitHub serves under a repository's URL besides its files (``/OWNER/REPO/issues``)
GITHUB_ROUTES = frozenset(
    {"issues", "pulls", "pull", "wiki", "releases", "discussions", "actions", "projects", "security"}
    | {"pulse", "graphs", "network", "settings", "tags", "branches", "commits", "commit", "compare"}
    | {"milestones", "milestone", "labels", "stargazers", "watchers", "forks", "packages", "activity"}
    | {"deployments", "archive", "search", "community", "codespaces", "contributors", "attestations"}
)
_FILE_VIEWS = frozenset({"blob", "tree", "raw", "edit", "blame"})


def beyond_root(levels: int, rest: str) -> str | None:
    """Where GitHub takes a relative link that climbs ``levels`` folders above the
    repository's root, to ``rest``: it shows a file at ``/OWNER/REPO/blob/BRANCH/PATH``,
    so two levels up is the repository's own pages (``../../issues`` from the root's
    README), ``blob/BRANCH/PATH`` one of its files (the path, to be checked), three or more
    another repository or owner (not checked: ""); None where GitHub has no such page."""
    if levels >= 3:
        return ""
    if levels != 2:
        return None
    first, _, tail = rest.partition("/")
    if first in _FILE_VIEWS:
        return tail.partition("/")[2]  # (after the branch)
    return "" if first in GITHUB_ROUTES else None


def read_config(source: Source, paths: list[str]) -> GeneratorConfig:
    return GeneratorConfig()


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
    folder, name = posixpath.split(rel)
    extra = [join(folder, slash=True)] if strip_ext(name).lower() in ("readme", "index") else []
    return with_prefix(UrlInfo("/" + rel, extra=extra), prefix)


def detect(root: Path, config: str | None) -> Detected:
    home = next((n for n in ("README.md", "index.md", "readme.md") if (root / n).is_file()), "README.md")
    return Detected("plain", None, "https://example.com/", ".", home)
