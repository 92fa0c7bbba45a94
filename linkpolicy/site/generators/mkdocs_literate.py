"""mkdocs-literate-nav: a site's navigation written as Markdown lists of links.

With the plugin on, the navigation comes from the docs root's nav file (``SUMMARY.md``
unless ``nav_file`` names another) when it exists or the config has no ``nav``; else from
the config's ``nav``, whose entries that name a folder (``User Guide: user-guide/``) take
that folder's nav file. A nav file's list is its last one (or the first after a
``<!--nav-->`` line); an item is a link (a page, a URL, or a folder ending in ``/``, whose
own nav file or, without one, every page in it is put there), a title over a nested list
(a section), or a wildcard (``*.md``, ``*``: what matches and is not named elsewhere). A
folder without a nav file lists its pages, index first, then its folders, each in turn.
A nav file is not itself in the navigation, unless ``implicit_index`` puts a folder's index
page first in its section and the nav file is that page (``README.md``).

What the site model needs is the order of the pages (the sidebar, previous and next):
:func:`nav_paths` gives the docs-relative paths the navigation lists, in that order.
"""

from __future__ import annotations

import fnmatch
import posixpath
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..navigation.mkdocs import file_order

DEFAULT_NAV_FILE = "SUMMARY.md"


@dataclass(frozen=True)
class LiterateNav:
    """The plugin's settings (``plugins: [literate-nav: {nav_file: …}]``)."""

    nav_file: str = DEFAULT_NAV_FILE
    implicit_index: bool = False


@dataclass(frozen=True)
class _Glob:
    """A wildcard entry: a pattern from the docs root; ``fallback`` is the entry as
    written, kept when nothing matches (None: dropped); ``folders``: a link to a folder."""

    pattern: str
    fallback: str | None = None
    folders: bool = False


def settings(options: dict[str, Any]) -> LiterateNav:
    nav_file = options.get("nav_file")
    return LiterateNav(
        nav_file=nav_file if isinstance(nav_file, str) and nav_file else DEFAULT_NAV_FILE,
        implicit_index=options.get("implicit_index") is True,
    )


def nav_paths(
    yaml_nav: Any, pages: Sequence[str], read: Callable[[str], str | None], options: LiterateNav
) -> list[str]:
    """The docs-relative paths the navigation lists, in order (see the module docstring).
    ``pages``: the docs' Markdown files, docs-relative; ``read``: a docs-relative file's
    text, or None when it cannot be read."""
    resolver = _Resolver(sorted(pages, key=file_order), read, options)
    if not yaml_nav or resolver.nav_file_of(".") is not None:
        entries = resolver.from_markdown((".",))
    else:
        entries = resolver.resolve(
            [resolver.from_yaml(x) for x in yaml_nav] if isinstance(yaml_nav, list) else []
        )
    return list(dict.fromkeys(_flat(entries)))


def _flat(entries: list[Any]) -> Iterator[str]:
    for entry in entries:
        if isinstance(entry, list):
            yield from _flat(entry)
        elif isinstance(entry, str) and "://" not in entry:
            yield entry


@dataclass
class _Resolver:
    files: list[str]
    read: Callable[[str], str | None]
    options: LiterateNav
    seen: set[str] = field(default_factory=set)
    file_set: set[str] = field(default_factory=set)
    folders: dict[str, None] = field(default_factory=dict)  # every folder of a page, in order
    indexes: dict[str, str] = field(default_factory=dict)  # folder -> its index page

    def __post_init__(self) -> None:
        self.file_set = set(self.files)
        for path in self.files:
            folder, name = posixpath.split(path)
            if posixpath.splitext(name)[0] in ("index", "README"):
                self.indexes.setdefault(folder or ".", path)
            while folder:
                self.folders[folder] = None
                folder = posixpath.dirname(folder)

    # -- nav files ------------------------------------------------------------------------

    def nav_file_of(self, folder: str) -> str | None:
        path = posixpath.normpath(posixpath.join(folder, self.options.nav_file))
        return path if path in self.file_set else None

    def from_markdown(self, roots: tuple[str, ...]) -> list[Any]:
        """The navigation of folder ``roots[0]`` (``roots``: the folders being read, the
        innermost first, so that none is read inside itself)."""
        root = roots[0]
        path = self.nav_file_of(root)
        text = self.read(path) if path is not None else None
        items = _nav_list(text) if text is not None else None
        if path is None or items is None:
            return self.resolve([_Glob(_join(root, "*"))], roots)
        index = self.indexes.get(root)
        if not (self.options.implicit_index and path == index):
            self.seen.add(path)
        first = [_Glob(_join(root, "/" + index))] if self.options.implicit_index and index else []
        return self.resolve(first + self._entries(items, root), roots)

    def _entries(self, items: list[tuple[str | None, str | None, list[Any] | None]], root: str) -> list[Any]:
        """A nav file's list items — (title, link, nested items) — as entries."""
        out: list[Any] = []
        for title, link, nested in items:
            entry: Any = self._linked(root, link) if link else None
            if nested is not None:
                children = self._entries(nested, root)
                entry = ([entry] if entry is not None else []) + children
            elif entry is None and title and "*" in title:
                entry = _Glob(_join(root, title), fallback=title)
            if entry is not None:
                out.append(entry)
        return out

    def _linked(self, root: str, link: str) -> str | _Glob:
        if re.match(r"[a-zA-Z][a-zA-Z0-9+.-]*:|//", link):
            return link  # a URL elsewhere
        target = posixpath.normpath(posixpath.join(root, link))
        self.seen.add(target)
        if link.endswith("/") and target in self.folders:
            return _Glob(target, fallback=link, folders=True)
        return target

    # -- the config's nav -------------------------------------------------------------------

    def from_yaml(self, item: Any) -> Any:
        if isinstance(item, str):
            return _Glob(_join("", item), fallback=item) if "*" in item else item
        if isinstance(item, dict) and len(item) == 1:
            value = next(iter(item.values()))
            if isinstance(value, list):
                return [self.from_yaml(x) for x in value]
            if isinstance(value, str):
                if "*" in value:
                    return _Glob(_join("", value), fallback=value)
                return self._linked("", value)
        return []

    # -- wildcards ----------------------------------------------------------------------------

    def resolve(self, entries: list[Any], roots: tuple[str, ...] = (".",)) -> list[Any]:
        """``entries`` with their wildcards and folders replaced by what they list; paths
        named anywhere are first taken from what wildcards may list."""
        for entry in entries:
            if isinstance(entry, str):
                self.seen.add(entry)
        out: list[Any] = []
        for entry in entries:
            if isinstance(entry, list):
                out.append(self.resolve(entry, roots))
            elif isinstance(entry, _Glob) and entry.folders:
                if entry.pattern in roots:
                    out.append(entry.fallback)  # a folder inside itself: left as written
                else:
                    out.append(self.from_markdown((entry.pattern, *roots)))
            elif isinstance(entry, _Glob):
                out.extend(self._matches(entry, roots))
            else:
                out.append(entry)
        return out

    def _matches(self, wildcard: _Glob, roots: tuple[str, ...]) -> list[Any]:
        out: list[Any] = []
        matched = False
        folders_only = wildcard.pattern.endswith("/")
        for item in self._glob(wildcard.pattern.rstrip("/")):
            matched = True
            if item in self.seen:
                continue
            if item in self.folders:
                out.append(self.from_markdown((item, *roots)))
            elif folders_only:
                continue
            else:
                out.append(item)
            self.seen.add(item)
        if not matched and wildcard.fallback is not None:
            out.append(wildcard.fallback)
        return out

    def _glob(self, pattern: str) -> Iterator[str]:
        """The pages, then the folders, whose path matches ``pattern`` part by part."""
        parts = [re.compile(fnmatch.translate(p)) for p in pattern.split("/")]
        for collection in (self.files, self.folders):
            for path in collection:
                names = path.split("/")
                if len(names) == len(parts) and all(p.match(n) for p, n in zip(parts, names, strict=True)):
                    yield path


def _join(root: str, path: str) -> str:
    """A wildcard's pattern from the docs root (``root`` + ``path``, a leading ``/`` of
    ``path`` from the docs root), a trailing ``/`` kept."""
    joined = posixpath.normpath(posixpath.join(root, path).lstrip("/"))
    return joined + "/" if path.endswith("/") and not joined.endswith("/") else joined


# -- the nav file's list --------------------------------------------------------------------------


def _nav_list(text: str) -> list[tuple[str | None, str | None, list[Any] | None]] | None:
    """The items of a nav file's list (see the module docstring), as (title, link,
    nested items or None); None when the file has no list."""
    from markdown_it import MarkdownIt

    tokens = MarkdownIt("commonmark").parse(text)
    top = [
        i
        for i, t in enumerate(tokens)
        if t.level == 0 and t.type in ("bullet_list_open", "ordered_list_open")
    ]
    marks = [
        i for i, t in enumerate(tokens) if t.level == 0 and t.type == "html_block" and _is_marker(t.content)
    ]
    if marks:
        after = [i for i in top if i > marks[-1]]
        start = after[0] if after else None
    else:
        start = top[-1] if top else None
    if start is None:
        return None
    items, _ = _list_items(tokens, start)
    return items


def _is_marker(html: str) -> bool:
    return any(line.strip() == "<!--nav-->" for line in html.splitlines())


def _list_items(tokens: list[Any], start: int) -> tuple[list[Any], int]:
    """The items of the list opening at ``start``, and the index after its close."""
    items: list[Any] = []
    depth = tokens[start].level
    i = start + 1
    while i < len(tokens) and not (tokens[i].level == depth and tokens[i].type.endswith("_list_close")):
        if tokens[i].type == "list_item_open":
            item, i = _item(tokens, i)
            items.append(item)
        else:
            i += 1
    return items, i + 1


def _item(tokens: list[Any], start: int) -> tuple[tuple[str | None, str | None, list[Any] | None], int]:
    """(title, link, nested items) of the list item opening at ``start``: a link that
    starts its text gives the link and its text the title; else the text is the title."""
    depth = tokens[start].level
    title: str | None = None
    link: str | None = None
    nested: list[Any] | None = None
    i = start + 1
    while i < len(tokens) and not (tokens[i].level == depth and tokens[i].type == "list_item_close"):
        token = tokens[i]
        if token.type == "inline" and title is None and link is None:
            title, link = _inline(token.children or [])
            i += 1
        elif token.type in ("bullet_list_open", "ordered_list_open") and nested is None:
            nested, i = _list_items(tokens, i)
        else:
            i += 1
    return (title, link, nested), i + 1


def _inline(children: list[Any]) -> tuple[str | None, str | None]:
    if children and children[0].type == "link_open":
        text = []
        for child in children[1:]:
            if child.type == "link_close":
                break
            text.append(child.content)
        return "".join(text), str(children[0].attrs.get("href") or "")
    text = "".join(c.content for c in children if c.type in ("text", "code_inline")).strip()
    return text or None, None
