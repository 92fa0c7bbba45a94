"""A cache of parsed pages, so re-checking a large site reads only what changed.

Where: inside the work tree's git directory (``.git/linkpolicy/cache.sqlite``; for a
linked worktree, in its own folder under the main ``.git``), which is never committed,
cloned or part of a pull request, so a checkout cannot plant a cache. Outside a git
repository it is ``.linkpolicy-cache/cache.sqlite`` at the root (that folder holds a
``.gitignore`` of ``*``).

What: one SQLite file (never pickle), read lazily, one row at a time:

- ``pages``: a parsed page by a SHA-256 of linkpolicy's version, the source of its
  content readers, the parsed-page schema, the parse settings (generator options, anchor
  and include patterns, appended files) and the page's bytes, so it can only be found by
  a page with those exact bytes under those exact settings. Its plain text (for
  mentions) sits in a column of its own, read only when something asks for it.
- ``files``: per path and settings, the file's stat (mtime, size, inode, ctime) when it
  was last read and the key its bytes had, so an unchanged file is neither read nor
  hashed. A file whose mtime or ctime lies within :data:`GRANULARITY_NS` of the moment
  it was read may have changed again within the same timestamp tick: it is read and
  hashed again (git's racy-timestamp rule).
- ``runs``: whole-run results (see :mod:`..incremental`).

Every row is checked against the schema of the dataclasses it holds before use:
anything corrupt, foreign or mismatched is ignored and rebuilt. A cache file that is
not a regular file, too large, or not a database is never opened as one.

How long: every entry the last run used stays; the others stay across runs, whichever
pages a run reads, until all entries together pass :data:`MAX_BYTES`; then the least
recently used go first.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import json
import os
import sqlite3
import time
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .. import __version__
from ..io import MAX_FILE_BYTES, inflated
from . import serial
from .markdown import ParsedPage
from .store import (  # noqa: F401 - the cache's names, as they were
    DIRECTORY,
    FILE,
    FORMAT,
    GIT_DIRECTORY,
    MAX_FILE,
    PAGES_BY_USE,
    Store,
    cache_dir,
    file_stat,
    git_dir,
    settled,
)

#: Total size of the cached page entries (compressed) beyond the pages of the last run,
#: which all stay; least recently used go beyond it.
MAX_BYTES = 64 * 1024 * 1024
#: A hit older than this (seconds) is stamped again, to refresh its age.
REFRESH = 24 * 3600


#: the modules of the site package that a parsed page depends on too (a site's parse of a
#: page: shortcode calls, what the build shows, heading ids)
SITE_READERS = (
    "build.py",
    "shortcodes.py",
    "as_built.py",
    "page_ids.py",
    "generators/mkdocs_tags.py",
    "navigation/jekyll.py",
)


@functools.cache
def _reader_digest() -> str:
    """linkpolicy's version, the parsed-page schema and a digest of the modules that turn
    page bytes into a parsed page (this package: front matter, Markdown, slugs; and the
    site's reading of a page, :data:`SITE_READERS`)."""
    digest = hashlib.sha256(f"{__version__}\x00{FORMAT}\x00{serial.schema(ParsedPage)}".encode())
    site = Path(__file__).parent.parent / "site"
    for module in [*sorted(Path(__file__).parent.glob("*.py")), *(site / name for name in SITE_READERS)]:
        digest.update(module.name.encode() + b"\x00" + module.read_bytes())
    return digest.hexdigest()


#: one encoder for every page (json.dumps with options makes one a call)
_ENCODE = json.JSONEncoder(separators=(",", ":"), ensure_ascii=False, allow_nan=False).encode


def _dump_page(page: ParsedPage) -> tuple[bytes, bytes]:
    """(the page without its text, its text), both compressed (at level 1: a fifth of a
    page's parse at the default level, and 7 % larger)."""
    fields = [serial.dump(getattr(page, name), tp) for name, tp in serial.hints(ParsedPage) if name != "text"]
    body = _ENCODE(fields)
    return zlib.compress(body.encode("utf-8"), 1), zlib.compress(page.text.encode("utf-8"), 1)


#: The most an entry inflates to: a page is at most MAX_FILE_BYTES, its plain text no more,
#: and what it parses to (each link with its place and kind) a few times that; a planted
#: entry that inflates further (a decompression bomb) is refused as it inflates.
MAX_ENTRY_BYTES = 64 * MAX_FILE_BYTES


def _load_page(blob: bytes, text: Callable[[], str]) -> ParsedPage:
    """A page back from :func:`_dump_page`; its text is read when first asked for."""
    fields = json.loads(inflated(blob, MAX_ENTRY_BYTES).decode("utf-8"))
    names = [(name, tp) for name, tp in serial.hints(ParsedPage) if name != "text"]
    serial._need(isinstance(fields, list) and len(fields) == len(names))
    values = {name: serial.load(value, tp) for (name, tp), value in zip(names, fields, strict=True)}
    return _lazy_page(values, text)


def _lazy_page(fields: dict[str, Any], text: Callable[[], str]) -> LazyTextPage:
    """A page of these fields (all but its text), whose text ``text`` gives when asked for."""
    page = LazyTextPage(**fields)
    page.text_source = text
    return page


class LazyTextPage(ParsedPage):
    """A parsed page from the cache: its plain text is read from the cache (or, if that
    fails, from a fresh parse of the file) only when something uses it."""

    text_source: Callable[[], str] | None = None

    @property  # type: ignore[override]
    def text(self) -> str:
        if self.__dict__.get("_text") is None:
            source, self.text_source = self.text_source, None
            self.__dict__["_text"] = source() if source is not None else ""
        return self.__dict__["_text"]

    @text.setter
    def text(self, value: str) -> None:
        self.__dict__["_text"] = value if value else None


@dataclass
class Known:
    """What the cache remembers of a file whose stat has not changed."""

    key: str
    includes: tuple[str, ...]


class ParseCache:
    """Parsed pages by :meth:`key`; ``root`` None means no cache (``--no-cache``)."""

    def __init__(self, root: Path | None, signature: str, store: Store | None = None) -> None:
        self.store = store if store is not None else Store(root)
        self.signature = hashlib.sha256(f"{_reader_digest()}\x00{signature}".encode()).hexdigest()
        #: pages to store (compressed): kept until :meth:`save`, then only their keys
        self.new: dict[str, tuple[bytes, bytes]] = {}
        self.stored: set[str] = set()
        self.hits: list[str] = []
        self.seen: dict[str, tuple[list[int], int, str, tuple[str, ...]]] = {}
        self.now = int(time.time())
        #: rows read ahead by :meth:`prefetch` (path -> its files row or None; key -> its
        #: pages row or None), each taken by the first :meth:`known` or :meth:`get` asking
        self._files: dict[str, tuple[Any, ...] | None] = {}
        self._pages: dict[str, tuple[Any, ...] | None] = {}

    @property
    def path(self) -> Path | None:
        return self.store.path

    def key(self, data: bytes, extra: str) -> str:
        """The entry key of a page: its bytes under this run's settings and version."""
        head = f"{self.signature}\x00{extra}\x00".encode()
        return hashlib.sha256(head + data).hexdigest()

    def known(self, path: str, st: os.stat_result) -> Known | None:
        """The key and includes of ``path`` if its stat matches the one recorded when it
        was read (and that read was not racy), else None: read and hash it."""
        if path in self._files:
            row = self._files.pop(path)
            rows = [row] if row is not None else []
        else:
            sql = "SELECT stat, checked, key, includes FROM files WHERE path = ? AND sig = ?"
            rows = self.store.query(sql, (path, self.signature))
        if not rows:
            return None
        try:
            recorded = serial.load(json.loads(rows[0][0]), list[int])
            includes = serial.load(json.loads(rows[0][3]), tuple[str, ...])
            key, checked = rows[0][2], rows[0][1]
            serial._need(isinstance(key, str) and isinstance(checked, int))
        except (ValueError, TypeError):
            return None
        if recorded != file_stat(st) or not settled(recorded, checked):
            return None
        return Known(key, includes)

    def remember(
        self, path: str, st: os.stat_result, checked: int, key: str, includes: tuple[str, ...]
    ) -> None:
        """Record what ``path`` read as, at stat ``st`` taken at ``checked`` (ns)."""
        if self.store.directory is not None:
            self.seen[path] = (file_stat(st), checked, key, includes)

    def get(
        self, key: str, fallback: Callable[[], str] = lambda: "", stamp: bool = True
    ) -> ParsedPage | None:
        """The page stored under ``key``; ``fallback`` gives its text if the cache cannot.
        ``stamp``: count it as used (False for an old version read only to compare)."""
        if key in self._pages:
            row = self._pages.pop(key)
            rows = [row] if row is not None else []
        else:
            rows = self.store.query("SELECT used, page FROM pages WHERE key = ?", (key,))
        if not rows:
            return None
        used, blob = rows[0]
        try:
            page = _load_page(blob, lambda: self._text(key) or fallback())
        except (ValueError, TypeError, zlib.error, UnicodeDecodeError):
            return None  # corrupt or foreign: parsed afresh and replaced
        if stamp and (not isinstance(used, int) or self.now - used > REFRESH):
            self.hits.append(key)
        return page

    def prefetch(self, paths: list[str]) -> None:
        """Read the file rows of ``paths``, and the pages their keys name, in a few
        queries (one a page costs more than the page's decoding); :meth:`known` and
        :meth:`get` then take them from memory, once each. For a batch of a run's pages
        at a time: a big site's pages are never all held."""
        self._files.clear()  # what the last batch left (files whose stat changed): bounded
        self._pages.clear()
        if self.store.db is None:
            return
        for part in _chunks(paths):
            self._files.update(dict.fromkeys(part))
            sql = "SELECT path, stat, checked, key, includes FROM files WHERE sig = ? AND path IN ({})"
            for path, *row in self.store.query(
                sql.format(",".join("?" * len(part))), (self.signature, *part)
            ):
                self._files[path] = tuple(row)
        keys = list(dict.fromkeys(row[2] for p in paths if (row := self._files.get(p)) is not None))
        for part in _chunks(keys):
            self._pages.update(dict.fromkeys(part))
            sql = "SELECT key, used, page FROM pages WHERE key IN ({})"
            for key, *row in self.store.query(sql.format(",".join("?" * len(part))), tuple(part)):
                self._pages[key] = tuple(row)

    def _text(self, key: str) -> str | None:
        rows = self.store.query("SELECT text FROM pages WHERE key = ?", (key,))
        try:
            return inflated(rows[0][0], MAX_ENTRY_BYTES).decode("utf-8") if rows else None
        except (ValueError, zlib.error, TypeError):  # UnicodeDecodeError is a ValueError
            return None

    def put(self, key: str, page: ParsedPage) -> None:
        self.put_dumped(key, self.dumped(page))

    def dumped(self, page: ParsedPage) -> tuple[bytes, bytes] | None:
        """``page`` as this cache stores it (None: no cache, or front matter JSON cannot
        hold): parse workers make it beside the page, the parent only stores it."""
        if self.store.directory is None:
            return None
        try:
            return _dump_page(page)
        except (ValueError, TypeError):
            return None

    def put_dumped(self, key: str, dumped: tuple[bytes, bytes] | None) -> None:
        if dumped is not None and self.store.directory is not None:
            self.new[key] = dumped

    def lighter(self, key: str, page: ParsedPage, fallback: Callable[[], str]) -> ParsedPage:
        """``page``, once saved, without its plain text in memory (read back from the cache,
        or from ``fallback``, when something asks for it), as a warm run keeps it; ``page``
        itself when it was not stored."""
        if self.store.directory is None or key not in self.stored:
            return page
        kept = [f.name for f in dataclasses.fields(ParsedPage) if f.init and f.name != "text"]
        return _lazy_page({name: getattr(page, name) for name in kept}, lambda: self._text(key) or fallback())

    def save(self) -> None:
        if self.store.directory is None or not (self.new or self.hits or self._changed_files()):
            return
        self.store.write(self._save)
        self.stored.update(self.new)
        # a big site's pages (compressed) and file stats are not held for the rest of the run
        self.new, self.seen, self.hits = {}, {}, []

    def _changed_files(self) -> bool:
        return bool(self.seen)

    def _save(self, db: sqlite3.Connection) -> None:
        db.executemany(
            "INSERT OR REPLACE INTO pages VALUES (?, ?, ?, ?, ?)",
            [(k, self.now, len(p) + len(t), p, t) for k, (p, t) in self.new.items()],
        )
        db.executemany("UPDATE pages SET used = ? WHERE key = ?", [(self.now, k) for k in self.hits])
        db.executemany(
            "INSERT OR REPLACE INTO files VALUES (?, ?, ?, ?, ?, ?)",
            [
                (path, self.signature, json.dumps(st), checked, key, json.dumps(list(inc)))
                for path, (st, checked, key, inc) in self.seen.items()
            ],
        )
        if self.new:  # only new pages grow the cache
            _evict(db, MAX_BYTES, self.now)


def _chunks(items: list[str], size: int = 500) -> Iterator[list[str]]:
    """``items`` in lists of at most ``size`` (SQLite limits the parameters of a query)."""
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _evict(db: sqlite3.Connection, budget: int, now: int) -> None:
    """Drop the least recently used pages beyond ``budget`` bytes (ties: by key); the
    pages used lately (this run's among them: their stamp is refreshed once per
    :data:`REFRESH`) all stay, however large the site."""
    db.execute(PAGES_BY_USE)  # made once, in a cache file from before it existed
    lately = "SELECT 1 FROM pages WHERE NOT (typeof(used) = 'integer' AND used >= ?) LIMIT 1"
    if db.execute(lately, (now - REFRESH,)).fetchone() is None:
        return  # every page was used lately: none may go
    total = 0
    doomed = []
    for key, size, used in db.execute("SELECT key, size, used FROM pages ORDER BY used DESC, key"):
        total += size if isinstance(size, int) else budget
        if total > budget and not (isinstance(used, int) and used >= now - REFRESH):
            doomed.append((key,))
    db.executemany("DELETE FROM pages WHERE key = ?", doomed)
    if doomed:
        db.execute("DELETE FROM files WHERE key NOT IN (SELECT key FROM pages)")
