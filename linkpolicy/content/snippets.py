"""The files pymdownx.snippets pulls into a page (MkDocs): each ``--8<-- "path"`` line, and
each path between two ``--8<--`` lines, is replaced by that file's text before the
Markdown is read, wherever it stands (in a code block too). ``;--8<--`` is an escaped
marker, and a path may end with a selector (``file.md:3:9``, ``file.md:name``) or name a
URL; a path is looked up under each base path in turn (``base_path``, the folder the
build runs in by default), and must stay under it."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable

#: A marker line: ``--8<-- "path"`` (or ``'path'``), or ``--8<--`` alone (a block's
#: start or end); ``;`` before it escapes it.
_MARKER = re.compile(
    r"""[ \t]*(?P<escape>;*)
    (?:-+8<-+[ \t]+(?P<path>"(?:\\"|[^"\r\n])+?"|'(?:\\'|[^'\r\n])+?')|-+8<-+)
    \r?  # nothing after it, not even a space""",
    re.VERBOSE,
)
#: A selector after a path: line ranges (``:3``, ``:3:9``, ``:1:3,5:7``) or a section name.
_SELECTOR = re.compile(r"(?::-?[0-9]*){1,2}(?:,-?[0-9]*(?::-?[0-9]*)?)*|:[A-Za-z][-_0-9A-Za-z]*")
#: A path longer than this names no file of the repository.
MAX_PATH = 1024
#: Extensions of the snippets read for the ids they give a page (a code file's `#`
#: comments are no headings).
MARKDOWN = (".md", ".markdown")


def named(text: str) -> list[str]:
    """The paths the page's snippet lines name, selectors cut off, in order (escaped
    markers, URLs and commented-out block lines left out)."""
    if "8<-" not in text:
        return []
    out: list[str] = []
    block = False
    for line in text.split("\n"):
        m = _MARKER.fullmatch(line) if "8<-" in line else None
        if m is not None:
            if m.group("escape"):
                continue
            if m.group("path") is None:
                block = not block
            elif not block:
                out.append(m.group("path")[1:-1].strip())
            continue
        if block:
            out.append(line.strip())
    return [p for p in map(_without_selector, out) if p and not p.startswith(";")]


def _without_selector(path: str) -> str:
    if len(path) > MAX_PATH or path.lower().startswith(("http://", "https://")):
        return ""
    colon = path.find(":")
    while colon != -1:  # the first colon that starts a selector running to the end
        if _SELECTOR.fullmatch(path, colon):
            return path[:colon]
        colon = path.find(":", colon + 1)
    return path


def files(text: str, bases: list[str], exists: Callable[[str], bool]) -> list[str]:
    """Repository paths of the files the page's snippet lines pull in: each path under
    the first of ``bases`` (repository folders, "" for the root) that holds it."""
    out = []
    for path in named(text):
        for base in bases:
            found = posixpath.normpath(posixpath.join(base, path))
            under = not base or found.startswith(base.rstrip("/") + "/")
            if under and not found.startswith(("../", "/")) and found != ".." and exists(found):
                out.append(found)
                break
    return out
