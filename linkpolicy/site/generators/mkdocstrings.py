"""The links mkdocstrings writes on a page from the docstrings its ``::: identifier`` lines
name (the Python handler): each object's docstring and those of the members it renders
(public ones, ``__init__`` too), and with the ``griffe_typingdoc`` extension the
``Doc("…")`` texts of its parameters. The Python sources are found under the handler's
``paths`` (beside the config; ``.`` by default) and read with :mod:`ast` (never imported,
never run); an object whose module is not there (another package's, an inherited
member's) gives none.

Only links whose destination does not depend on where the docstring is rendered are
kept: absolute paths, the site's own URLs and other sites', fragments of the page.
A relative path in a docstring is left out (mkdocstrings leaves it as written, and it is
relative to whichever page renders the object). Each link is placed on the page's
``:::`` line: its text is the code's, not the page's.
"""

from __future__ import annotations

import ast
import dataclasses
import inspect
import posixpath
from collections.abc import Iterator, Sequence

from ...content.markdown import RawLink, parse_page
from ...io import line_column
from ...source import Source
from ..page_ids import AUTODOC

#: the largest Python file read for docstrings
MAX_SOURCE = 4 * 1024 * 1024
_Object = ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef


def page_links(
    text: str, source: Source, paths: Sequence[str], typingdoc: bool, cache: dict[str, ast.Module | None]
) -> list[RawLink]:
    """The docstring links of the page whose Markdown is ``text`` (see the module
    docstring); ``paths``: the handler's search folders (repository paths); ``cache``: the
    modules already read, by repository path."""
    out: list[RawLink] = []
    for m in AUTODOC.finditer(text):  # (the lines whose objects give the page its ids)
        line = line_column(text, m.start())[0]
        found = _object(m.group(1), source, paths, cache)
        if found is None:
            continue
        for doc in _texts(found, typingdoc):
            out += [
                dataclasses.replace(link, line=line, column=1)
                for link in parse_page(doc, linkify="none").links
                if _kept(link.dest)
            ]
    return out


def _kept(dest: str) -> bool:
    """A destination that means the same on any page: absolute, a URL, a fragment."""
    return dest.startswith(("/", "#")) or "://" in dest


def _object(
    identifier: str, source: Source, paths: Sequence[str], cache: dict[str, ast.Module | None]
) -> _Object | None:
    """The definition ``identifier`` names (``pkg.module.Class.method``): the longest
    prefix that is a module under one of ``paths``, then its members by name (a name the
    module imports, ``from .app import App``, is looked for where it comes from)."""
    parts = identifier.split(".")
    for cut in range(len(parts), 0, -1):
        for base in paths:
            found = _module_at(base, parts[:cut], source, cache)
            if found is not None:
                return _member(found, parts[cut:], base, source, cache)
    return None


def _module_at(
    base: str, names: Sequence[str], source: Source, cache: dict[str, ast.Module | None]
) -> tuple[ast.Module, list[str]] | None:
    """The module ``names`` (``pkg.module``) under the folder ``base``, with its package's names."""
    folder = posixpath.join(base, *names) if base not in ("", ".") else posixpath.join(*names)
    for path, package in (
        (folder + ".py", list(names[:-1])),
        (posixpath.join(folder, "__init__.py"), list(names)),
    ):
        module = _module(path, source, cache)
        if module is not None:
            return module, package
    return None


def _module(path: str, source: Source, cache: dict[str, ast.Module | None]) -> ast.Module | None:
    if path not in cache:
        cache[path] = None
        try:
            data = source.read(path)
        except OSError:
            return None
        if len(data) <= MAX_SOURCE:
            try:
                cache[path] = ast.parse(data)
            except (SyntaxError, ValueError):
                pass
    return cache[path]


def _member(
    found: tuple[ast.Module, list[str]],
    names: Sequence[str],
    base: str,
    source: Source,
    cache: dict[str, ast.Module | None],
    hops: int = 0,
) -> _Object | None:
    node: _Object = found[0]
    for at, name in enumerate(names):
        child = next((c for c in node.body if isinstance(c, _DEFINITIONS) and c.name == name), None)
        if child is None and isinstance(node, ast.Module) and hops < MAX_HOPS:
            origin = _imported(node, name, found[1])
            if origin is None:
                return None
            module = _module_at(base, origin[0], source, cache)
            if module is None:
                return None
            return _member(module, [origin[1], *names[at + 1 :]], base, source, cache, hops + 1)
        if child is None:
            return None
        node = child
    return node


#: imports followed from one module to the next for one identifier
MAX_HOPS = 8


def _imported(module: ast.Module, name: str, package: list[str]) -> tuple[list[str], str] | None:
    """(the module, the name there) that ``module`` (of ``package``) imports as ``name``."""
    for stmt in module.body:
        if isinstance(stmt, ast.ImportFrom):
            for alias in stmt.names:
                if (alias.asname or alias.name) == name:
                    above = package[: len(package) - stmt.level + 1] if stmt.level else []
                    if stmt.level > len(package) + 1:
                        return None
                    return [*above, *(stmt.module.split(".") if stmt.module else [])], alias.name
    return None


_DEFINITIONS = (ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)


def _texts(node: _Object, typingdoc: bool) -> Iterator[str]:
    """The Markdown mkdocstrings renders for ``node``: its docstring, its parameters'
    ``Doc`` texts, then its public members' (a module's or a class's), in order."""
    doc = ast.get_docstring(node, clean=True)
    if doc:
        yield doc
    if typingdoc and not isinstance(node, ast.Module | ast.ClassDef):
        yield from _doc_calls(node.args)
    if isinstance(node, ast.Module | ast.ClassDef):
        for child in node.body:
            if isinstance(child, _DEFINITIONS) and (
                not child.name.startswith("_") or child.name == "__init__"
            ):
                yield from _texts(child, typingdoc)


def _doc_calls(args: ast.arguments) -> Iterator[str]:
    """The texts of ``Doc("…")`` in the parameters' annotations (``Annotated[T, Doc(…)]``)."""
    for arg in (*args.posonlyargs, *args.args, *args.kwonlyargs):
        for node in ast.walk(arg.annotation) if arg.annotation is not None else ():
            if (
                isinstance(node, ast.Call)
                and getattr(node.func, "id", getattr(node.func, "attr", None)) == "Doc"
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)
            ):
                yield inspect.cleandoc(node.args[0].value)
