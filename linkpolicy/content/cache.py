"""A cache of parsed pages, so re-checking a large site reads only what changed.

Where: inside the work tree's git directory (``.git/linkpolicy/pages.json``; for a
linked worktree, in its own folder under the main ``.git``), which is never committed,
cloned or part of a pull request, so a checkout cannot plant a cache. Outside a git
repository it is ``.linkpolicy-cache/pages.json`` at the root (that folder holds a
``.gitignore`` of ``*``).

What: one JSON file (never pickle). Each entry is keyed by a SHA-256 of linkpolicy's
version and the source of its content readers (so a changed reader never meets an old
entry, released or not), the parse settings (generator options, anchor patterns, appended files) and
the page's bytes, so it can only be found by a page with those exact bytes under those
exact settings. The file is read with the safe reader (regular file, size capped) and
every entry is checked against the schema before use: anything corrupt, foreign or
mismatched is ignored and parsed afresh.

How long: entries stay across runs, whichever pages a run reads (a run per language or
per folder keeps the rest), until the entries together pass :data:`MAX_BYTES`; then the
least recently used go first.
"""

from __future__ import annotations

import functools
import hashlib
import json
import time
from pathlib import Path
from typing import Any

from .. import __version__
from ..io import atomic_write, read_inside, within
from .frontmatter import FrontMatter
from .markdown import Heading, ParsedPage, RawLink
from .mentions import Mention

DIRECTORY = ".linkpolicy-cache"
GIT_DIRECTORY = "linkpolicy"
FILE = "pages.json"
FORMAT = 2
#: Total size of the cached entries (their JSON); least recently used entries go beyond it.
MAX_BYTES = 64 * 1024 * 1024
#: A hit older than this (seconds) makes the run write the cache back, to refresh its age.
REFRESH = 24 * 3600


def git_dir(root: Path) -> Path | None:
    """The git directory of the work tree whose top is ``root`` (what ``git rev-parse
    --git-dir`` prints there: ``.git``, or for a linked worktree the folder its ``.git``
    file names), or None when ``root`` has no ``.git`` (the cache then stays in
    ``root``, as ``--root`` on a subfolder asks)."""
    dot_git = root / ".git"
    if dot_git.is_dir():
        return dot_git
    if not dot_git.is_file():
        return None
    try:
        text = read_inside(root, ".git", 4096).decode("utf-8").strip()
    except (OSError, UnicodeDecodeError):
        return None
    if not text.startswith("gitdir:"):
        return None
    path = (root / text[len("gitdir:") :].strip()).resolve()
    return path if path.is_dir() else None


def cache_dir(root: Path) -> Path:
    found = git_dir(root)
    return found / GIT_DIRECTORY if found is not None else root / DIRECTORY


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
        "mentions": [[m.entity, m.text, m.line, m.column] for m in p.mentions],
    }


class _Bad(ValueError):
    """An entry that does not have the shape :func:`_dump` writes."""


def _need(ok: bool) -> None:
    if not ok:
        raise _Bad


def _strs(value: Any) -> list[str]:
    _need(isinstance(value, list) and set(map(type, value)) <= {str})
    return value


def _int(value: Any) -> int:
    _need(isinstance(value, int) and not isinstance(value, bool) and value >= 0)
    return value


def _opt_str(value: Any) -> str | None:
    _need(value is None or isinstance(value, str))
    return value


def _link(row: Any) -> RawLink:
    _need(isinstance(row, list) and len(row) == 9)
    dest, text, line, col, kind, rel, img, sc, block = row
    _need(isinstance(dest, str) and isinstance(text, str) and isinstance(img, bool))
    _need(kind in ("link", "autolink", "html", "image"))
    shortcode = None
    if sc is not None:
        _need(len(_strs(sc)) == 2)
        shortcode = (sc[0], sc[1])
    return RawLink(
        dest, text, _int(line), _int(col), kind, frozenset(_strs(rel)), img, shortcode, _opt_str(block)
    )


def _heading(row: Any) -> Heading:
    _need(isinstance(row, list) and len(row) == 4)
    level, text, ident, line = row
    _need(isinstance(text, str) and isinstance(ident, str) and _int(level) <= 6)
    return Heading(level, text, ident, _int(line))


def _load(d: Any) -> ParsedPage:
    """An entry back into a page; raises :class:`_Bad` (a ValueError) for anything off-schema."""
    _need(isinstance(d, dict))
    front = d["front"]
    _need(isinstance(front, list) and len(front) == 5 and isinstance(front[0], dict))
    data, body_line, error, error_line, error_column = front
    page = ParsedPage(
        front=FrontMatter(data, _int(body_line), _opt_str(error), _int(error_line), _int(error_column))
    )
    _need(isinstance(d["links"], list) and isinstance(d["headings"], list))
    page.links = [_link(row) for row in d["links"]]
    page.headings = [_heading(row) for row in d["headings"]]
    page.anchors = set(_strs(d["anchors"]))
    _need(isinstance(d["disabled_lines"], dict))
    page.disabled_lines = {int(k): set(_strs(v)) for k, v in d["disabled_lines"].items()}
    page.disabled_file = set(_strs(d["disabled_file"]))
    _need(isinstance(d["blocks"], dict))
    page.blocks = {}
    for name, span in d["blocks"].items():
        _need(isinstance(span, list) and len(span) == 2)
        page.blocks[name] = (_int(span[0]), _int(span[1]))
    _need(isinstance(d["problems"], list))
    for row in d["problems"]:
        _need(isinstance(row, list) and len(row) == 3 and isinstance(row[2], str))
        page.problems.append((_int(row[0]), _int(row[1]), row[2]))
    _need(isinstance(d["text"], str))
    page.text = d["text"]
    _need(isinstance(d["mentions"], list))
    page.mentions = [_mention(row) for row in d["mentions"]]
    return page


def _mention(row: Any) -> Mention:
    _need(isinstance(row, list) and len(row) == 4 and isinstance(row[0], str) and isinstance(row[1], str))
    return Mention(row[0], row[1], _int(row[2]), _int(row[3]))


@functools.cache
def _reader_digest() -> str:
    """linkpolicy's version and a digest of the modules that turn page bytes into a parsed
    page (this package: front matter, Markdown, slugs)."""
    digest = hashlib.sha256(__version__.encode())
    for module in sorted(Path(__file__).parent.glob("*.py")):
        digest.update(module.name.encode() + b"\x00" + module.read_bytes())
    return digest.hexdigest()


class ParseCache:
    """Parsed pages by :meth:`key`; ``root`` None means no cache (``--no-cache``)."""

    def __init__(self, root: Path | None, signature: str) -> None:
        self.root = root
        self.directory = cache_dir(root) if root is not None else None
        self.signature = hashlib.sha256(f"{_reader_digest()}\x00{signature}".encode()).hexdigest()
        self.entries: dict[str, dict[str, Any]] = {}  # key -> {"used": stamp, "page": ...}
        self.new: dict[str, ParsedPage] = {}
        self.hits: set[str] = set()
        self.now = int(time.time())
        if self.directory is not None:
            self._read()

    @property
    def path(self) -> Path | None:
        return self.directory / FILE if self.directory is not None else None

    def _read(self) -> None:
        assert self.directory is not None
        try:
            doc = json.loads(read_inside(self.directory, FILE, 2 * MAX_BYTES).decode("utf-8"))
        except (OSError, ValueError):
            return  # missing, refused (not a regular file, too large) or corrupt: start afresh
        if not isinstance(doc, dict) or doc.get("format") != FORMAT or not isinstance(doc.get("pages"), dict):
            return
        for key, entry in doc["pages"].items():
            if isinstance(entry, dict) and isinstance(entry.get("used"), int) and "page" in entry:
                self.entries[key] = entry
                # every run is newer than the last, even within one second
                self.now = max(self.now, entry["used"] + 1)

    def key(self, data: bytes, extra: str) -> str:
        """The entry key of a page: its bytes under this run's settings and version."""
        head = f"{self.signature}\x00{extra}\x00".encode()
        return hashlib.sha256(head + data).hexdigest()

    def get(self, key: str) -> ParsedPage | None:
        entry = self.entries.get(key)
        if entry is None:
            return None
        try:
            page = _load(entry["page"])
        except (KeyError, TypeError, ValueError, AttributeError):
            del self.entries[key]  # corrupt or foreign: parsed afresh and replaced
            return None
        self.hits.add(key)
        return page

    def put(self, key: str, page: ParsedPage) -> None:
        if self.directory is not None:
            self.new[key] = page

    def save(self) -> None:
        if self.directory is None or not (self.new or self._stale_hits()):
            return
        rows = self._rows()
        try:
            self._prepare()
            body = ",".join(f"{json.dumps(k)}:{text}" for k, text in rows)
            doc = f'{{"format":{FORMAT},"pages":{{{body}}}}}'
            atomic_write(self.directory / FILE, doc, root=self.directory)
        except OSError:
            pass  # a read-only checkout still gets its findings

    def _stale_hits(self) -> bool:
        return any(self.now - self.entries[k]["used"] > REFRESH for k in self.hits if k in self.entries)

    def _rows(self) -> list[tuple[str, str]]:
        """(key, entry JSON) of the entries to keep: most recently used first, within MAX_BYTES."""
        stamped: list[tuple[int, str, Any]] = []
        for key, page in self.new.items():
            stamped.append((self.now, key, _dump(page)))
        for key, entry in self.entries.items():
            if key not in self.new:
                stamped.append((self.now if key in self.hits else entry["used"], key, entry["page"]))
        stamped.sort(key=lambda row: (-row[0], row[1]))
        rows, total = [], 0
        for used, key, payload in stamped:
            try:
                text = json.dumps({"used": used, "page": payload}, separators=(",", ":"), ensure_ascii=False)
            except (TypeError, ValueError):
                continue  # front matter that JSON cannot hold (binary, sets, times): not cached
            total += len(text)
            if total > MAX_BYTES:
                break
            rows.append((key, text))
        return rows

    def _prepare(self) -> None:
        assert self.directory is not None and self.root is not None
        if self.directory.name == DIRECTORY:
            if not within(self.root, self.directory) or self.directory.is_symlink():
                raise OSError("cache folder leaves the repository")
            self.directory.mkdir(exist_ok=True)
            ignore = self.directory / ".gitignore"
            if not ignore.exists():
                atomic_write(ignore, "# created by linkpolicy\n*\n", root=self.root)
        else:
            self.directory.mkdir(exist_ok=True)
