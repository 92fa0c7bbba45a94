"""mkdocs-awesome-pages-plugin: a folder's ``.pages`` file arranges its part of the nav.

Without a ``nav`` in the config, MkDocs' nav is every page, a section per folder (a folder's
pages, index first, then its folders). The plugin reads a ``.pages`` file (YAML; its
``filename`` option names another) in each folder it reaches, the docs root's too:
``order`` (``asc``/``desc``), ``sort_type: natural`` and ``order_by: filename`` sort the
folder's entries by name (the plugin's options give the defaults); ``nav`` lists its
entries by file or folder name (``Title: name`` too, a nested list a section of its own, a
URL or a path elsewhere a plain link), where ``...`` (``... | glob=pattern``,
``... | regex=pattern``, ``... | flat``) puts the entries it names nowhere else (those a
pattern matches; every other one with a bare ``...``), and leaves out the rest; ``hide:
true`` leaves the folder out; a folder left with no pages is left out. A config ``nav`` holds
as written; where it holds ``...`` entries, each is the pages the nav above would list there
that it names nowhere else. (``order_by: title`` is read as by file name.)

What the site model needs is the order of the pages: :func:`nav_paths` gives the docs-
relative paths the navigation lists, in order.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

import regex
from wcmatch import glob as wcglob

from ...patterns import PatternTimeout, compile_pattern
from ..navigation.mkdocs import file_order, nav_entries

META_FILE = ".pages"
_REST = re.compile(r"^\.{3}\s*(?:\|\s*(flat)\s*)?\s*(?:\|\s*(?:(regex|glob)=)?(.*))?")


@dataclass
class _Section:
    path: str  # its folder ("" for the docs root; a nav's own section: its parent's)
    items: list[Any] = field(default_factory=list)  # page paths and sections, in order
    virtual: bool = False  # a nested list of a `.pages` nav


@dataclass(frozen=True)
class Options:
    filename: str = META_FILE
    order: str | None = None
    sort_type: str | None = None
    ignore_case: bool = False


def settings(options: dict[str, Any]) -> Options:
    filename = options.get("filename")
    return Options(
        filename=filename if isinstance(filename, str) and filename else META_FILE,
        order=options.get("order") if options.get("order") in ("asc", "desc") else None,
        sort_type="natural" if options.get("sort_type") == "natural" else None,
        ignore_case=options.get("ignore_case") is True,
    )


def nav_paths(
    yaml_nav: Any,
    pages: Sequence[str],
    read: Callable[[str], dict[str, Any] | None],
    options: Options,
) -> list[str] | None:
    """The docs-relative paths the navigation lists, in order (see the module docstring);
    None where the config's ``nav`` stands as written. ``read``: a docs-relative ``.pages``
    file's mapping, None where there is none."""
    arranged = _Arranger(read, options).section(_default_tree(sorted(pages, key=file_order)), top=True)
    listed = list(_flat(arranged.items if arranged is not None else []))
    if not yaml_nav:
        return listed
    entries = nav_entries(yaml_nav)
    rests = [entry for entry in entries if _REST.match(entry)]
    if not rests:
        return None
    named = set(entries)
    claims = _claims(rests, [p for p in listed if p not in named], lambda path: path)
    return list(
        dict.fromkeys(p for entry in entries for p in (claims[entry] if entry in claims else [entry]))
    )


def _default_tree(pages: list[str]) -> _Section:
    """MkDocs' nav without a config ``nav``: a section per folder, in file order."""
    root = _Section("")
    sections = {"": root}
    for path in pages:
        folder = posixpath.dirname(path)
        parts = folder.split("/") if folder else []
        for depth in range(1, len(parts) + 1):
            sub = "/".join(parts[:depth])
            if sub not in sections:
                sections[sub] = _Section(sub)
                sections["/".join(parts[: depth - 1])].items.append(sections[sub])
        sections[folder].items.append(path)
    return root


def _flat(items: list[Any]) -> Iterator[str]:
    for item in items:
        if isinstance(item, _Section):
            yield from _flat(item.items)
        else:
            yield item


def _name(item: Any) -> str:
    path = item.path if isinstance(item, _Section) else item
    return posixpath.basename(path)


@dataclass
class _Arranger:
    read: Callable[[str], dict[str, Any] | None]
    options: Options

    def section(self, section: _Section, top: bool = False) -> _Section | None:
        meta = self.read(posixpath.join(section.path, self.options.filename)) or {}
        if meta.get("hide") is True and not top:
            return None
        items = self._ordered(list(section.items), meta)
        items = self._arranged(items, meta, section.path)
        section.items = self._sections(items)
        return section if section.items or top else None

    def _sections(self, items: list[Any]) -> list[Any]:
        out = []
        for item in items:
            if isinstance(item, _Section):
                if item.virtual:
                    item.items = self._sections(item.items)
                else:
                    item = self.section(item)
                if item is None:
                    continue
            out.append(item)
        return out

    def _ordered(self, items: list[Any], meta: dict[str, Any]) -> list[Any]:
        order = meta.get("order") if meta.get("order") in ("asc", "desc") else self.options.order
        natural = (meta.get("sort_type") or self.options.sort_type) == "natural"
        by = meta.get("order_by")
        if order is None and not natural and by not in ("filename", "title"):
            return items
        fold = meta.get("ignore_case") is True or self.options.ignore_case

        def key(item: Any) -> Any:
            name = _name(item)
            name = name.casefold() if fold else name
            return [int(p) if p.isdigit() else p for p in re.split(r"(\d+)", name)] if natural else name

        return sorted(items, key=key, reverse=order == "desc")

    def _arranged(self, items: list[Any], meta: dict[str, Any], folder: str) -> list[Any]:
        nav = meta.get("nav")
        if not isinstance(nav, list):
            arrange = meta.get("arrange")
            if not isinstance(arrange, list):
                return items
            nav = arrange if "..." in arrange else [*arrange, "..."]
        by_name = {_name(item): item for item in items}
        used: list[Any] = []
        rests: list[str] = []

        def build(entries: list[Any]) -> list[Any]:
            out: list[Any] = []
            for entry in entries:
                if isinstance(entry, str) and _REST.match(entry):
                    rests.append(entry)
                    out.append(("rest", entry))
                    continue
                value = entry
                if isinstance(entry, dict) and len(entry) == 1:
                    value = next(iter(entry.values()))
                if isinstance(value, list):
                    out.append(_Section(folder, build(value), virtual=True))
                elif isinstance(value, str) and value in by_name:
                    out.append(by_name[value])
                    used.append(by_name[value])
            return out

        arranged = build(nav)
        if not rests:
            return arranged
        taken = {id(item) for item in used}
        return _expand(arranged, _claims(rests, [i for i in items if id(i) not in taken], _name))


def _claims(rests: list[str], items: list[Any], name: Callable[[Any], str]) -> dict[str, list[Any]]:
    """``...`` entry -> the ``items`` it takes, in their order: each item goes to the first
    entry whose pattern its name matches, the patterns' before a bare ``...``'s."""
    ordered = sorted(dict.fromkeys(rests), key=lambda r: _rest_kind(r) == "all")
    claims: dict[str, list[Any]] = {r: [] for r in ordered}
    for item in items:
        rest = next((r for r in ordered if _rest_matches(r, name(item))), None)
        if rest is not None:
            claims[rest].append(item)
    return claims


def _expand(items: list[Any], claims: dict[str, list[Any]]) -> list[Any]:
    out: list[Any] = []
    for item in items:
        if isinstance(item, tuple):
            out.extend(claims[item[1]])
        else:
            if isinstance(item, _Section) and item.virtual:
                item.items = _expand(item.items, claims)
            out.append(item)
    return out


def _rest_kind(rest: str) -> str:
    m = _REST.match(rest)
    if m is None or (m.group(2) is None and m.group(3) is None):
        return "all"
    return m.group(2) or "glob"


def _rest_matches(rest: str, path: str) -> bool:
    """Whether a ``...`` entry takes the entry at ``path`` (its name, or its docs path in a
    config ``nav``)."""
    kind = _rest_kind(rest)
    m = _REST.match(rest)
    pattern = (m.group(3) or "") if m is not None else ""
    if kind == "glob":
        return wcglob.globmatch(path, pattern, flags=wcglob.GLOBSTAR)
    if kind == "regex":  # (a pattern from the repository: one that may run long is cut short)
        try:
            return compile_pattern(pattern).search(path) is not None
        except (regex.error, PatternTimeout):
            return False
    return True
