"""A cache of parsed pages, so re-checking a large site reads only what changed.

Entries are keyed by a hash of the page's bytes and of everything else that shapes the
parse (generator options, anchor patterns, appended files, linkpolicy's version). The
cache is one JSON file (never pickle: a repository could carry a hostile cache file)
under ``.linkpolicy-cache/`` at the repository root, which holds a ``.gitignore`` of
``*`` so it is never committed. Entries not used by a run are dropped by it. A missing,
corrupt or foreign cache is ignored.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from .. import __version__
from ..io import atomic_write, within
from .frontmatter import FrontMatter
from .markdown import Heading, ParsedPage, RawLink

DIRECTORY = ".linkpolicy-cache"
FILE = "pages.json"
FORMAT = 1


def _dump(p: ParsedPage) -> dict[str, Any]:
    f = p.front
    return {
        "front": [f.data, f.body_line, f.error, f.error_line, f.error_column],
        "links": [
            [
                lk.dest,
                lk.text,
                lk.line,
                lk.column,
                lk.kind,
                sorted(lk.rel),
                lk.has_image,
                list(lk.shortcode) if lk.shortcode else None,
                lk.block,
            ]
            for lk in p.links
        ],
        "headings": [[h.level, h.text, h.id, h.line] for h in p.headings],
        "anchors": sorted(p.anchors),
        "disabled_lines": {str(k): sorted(v) for k, v in p.disabled_lines.items()},
        "disabled_file": sorted(p.disabled_file),
        "blocks": {k: list(v) for k, v in p.blocks.items()},
        "problems": [list(x) for x in p.problems],
        "text": p.text,
    }


def _load(d: dict[str, Any]) -> ParsedPage:
    data, body_line, error, error_line, error_column = d["front"]
    page = ParsedPage(front=FrontMatter(data, body_line, error, error_line, error_column))
    page.links = [
        RawLink(dest, text, line, col, kind, frozenset(rel), img, tuple(sc) if sc else None, block)  # type: ignore[arg-type]
        for dest, text, line, col, kind, rel, img, sc, block in d["links"]
    ]
    page.headings = [Heading(*h) for h in d["headings"]]
    page.anchors = set(d["anchors"])
    page.disabled_lines = {int(k): set(v) for k, v in d["disabled_lines"].items()}
    page.disabled_file = set(d["disabled_file"])
    page.blocks = {k: (v[0], v[1]) for k, v in d["blocks"].items()}
    page.problems = [(a, b, c) for a, b, c in d["problems"]]
    page.text = d["text"]
    return page


class ParseCache:
    def __init__(self, root: Path | None, signature: str) -> None:
        self.root = root
        self.signature = hashlib.sha256(f"{__version__}\x00{signature}".encode()).hexdigest()
        self.entries: dict[str, Any] = {}
        self.used: dict[str, Any] = {}
        self.dirty = False
        if root is not None:
            self._read()

    @property
    def path(self) -> Path | None:
        return self.root / DIRECTORY / FILE if self.root is not None else None

    def _read(self) -> None:
        path = self.path
        try:
            assert path is not None
            doc = json.loads(path.read_text(encoding="utf-8"))
            if doc.get("format") == FORMAT and doc.get("signature") == self.signature:
                self.entries = doc["pages"]
        except (OSError, ValueError, KeyError, TypeError, AttributeError, AssertionError):
            self.entries = {}

    @staticmethod
    def key(data: bytes, extra: str) -> str:
        return hashlib.sha256(data + b"\x00" + extra.encode()).hexdigest()

    def get(self, key: str) -> ParsedPage | None:
        entry = self.entries.get(key)
        if entry is None:
            return None
        try:
            page = _load(entry)
        except (KeyError, TypeError, ValueError):
            return None
        self.used[key] = entry
        return page

    def put(self, key: str, page: ParsedPage) -> None:
        self.used[key] = _dump(page)
        self.dirty = True

    def save(self) -> None:
        if self.root is None or (not self.dirty and len(self.used) == len(self.entries)):
            return
        directory = self.root / DIRECTORY
        if not within(self.root, directory) or directory.is_symlink():
            return
        try:
            directory.mkdir(exist_ok=True)
            ignore = directory / ".gitignore"
            if not ignore.exists():
                atomic_write(ignore, "# created by linkpolicy\n*\n")
            doc = {"format": FORMAT, "signature": self.signature, "pages": self.used}
            atomic_write(directory / FILE, json.dumps(doc, separators=(",", ":"), ensure_ascii=False))
        except OSError:
            pass  # a read-only checkout still gets its findings
