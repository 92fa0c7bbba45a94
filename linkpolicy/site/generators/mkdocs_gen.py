"""mkdocs-gen-files: scripts that write pages into the docs while MkDocs builds.

The recipe that documents a Python package page by page (``gen_ref_pages.py``) writes
``reference/<module>.md`` for each module, through ``mkdocs_gen_files.open(path, "w")``
with a path made from ``Path("reference", ...)``. Such pages exist only in the build, so
the folders a script writes into are the build's to answer. They are read from the
script's syntax tree (Python's own parser; the script is never run): the first argument
of each ``….open(…)`` call of the plugin's module, and the first argument of each ``Path``
or ``PurePath`` made from strings; each gives the folder of its first part.
"""

from __future__ import annotations

import ast

_MODULE = "mkdocs_gen_files"
_PATHS = frozenset({"Path", "PurePath", "PurePosixPath"})


def written_folders(code: str) -> list[str]:
    """The docs folders (first path parts, in order) a gen-files script writes pages into;
    none where it cannot be parsed."""
    try:
        tree = ast.parse(code)
    except (SyntaxError, ValueError, RecursionError, MemoryError):  # (nested past the parser's depth)
        return []
    aliases = {_MODULE}
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            aliases.update(a.asname for a in node.names if a.name == _MODULE and a.asname)
    found: dict[str, None] = {}
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call) or not node.args:
            continue
        func = node.func
        opens = (
            isinstance(func, ast.Attribute)
            and func.attr == "open"
            and isinstance(func.value, ast.Name)
            and func.value.id in aliases
        )
        paths = isinstance(func, ast.Name) and func.id in _PATHS
        first = node.args[0]
        if not ((opens or paths) and isinstance(first, ast.Constant) and isinstance(first.value, str)):
            continue
        part, slash, _ = first.value.strip("/").partition("/")
        if part not in ("", ".", "..") and (slash or (paths and "." not in part)):
            found.setdefault(part, None)
    return list(found)
