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
import stat
import time
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .. import __version__
from ..io import atomic_write, read_inside, within
from . import serial
from .markdown import ParsedPage

DIRECTORY = ".linkpolicy-cache"
GIT_DIRECTORY = "linkpolicy"
FILE = "cache.sqlite"
FORMAT = 3
#: Total size of the cached page entries (compressed) beyond the pages of the last run,
#: which all stay; least recently used go beyond it.
MAX_BYTES = 64 * 1024 * 1024
#: A cache file larger than this is not opened (pages, file stats and run results): a
#: million-page site's cache is about 3 GB.
MAX_FILE = 4 * 1024 * 1024 * 1024
#: A stat within this much of the moment the file was read is not trusted.
GRANULARITY_NS = 2_000_000_000
#: A hit older than this (seconds) is stamped again, to refresh its age.
REFRESH = 24 * 3600

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS pages (key TEXT PRIMARY KEY, used INTEGER NOT NULL,
    size INTEGER NOT NULL, page BLOB NOT NULL, text BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS files (path TEXT NOT NULL, sig TEXT NOT NULL, stat TEXT NOT NULL,
    checked INTEGER NOT NULL, key TEXT NOT NULL, includes TEXT NOT NULL, PRIMARY KEY (path, sig));
CREATE TABLE IF NOT EXISTS runs (key TEXT PRIMARY KEY, used INTEGER NOT NULL, data BLOB NOT NULL);
"""


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


@functools.cache
def _reader_digest() -> str:
    """linkpolicy's version, the parsed-page schema and a digest of the modules that turn
    page bytes into a parsed page (this package: front matter, Markdown, slugs)."""
    digest = hashlib.sha256(f"{__version__}\x00{FORMAT}\x00{serial.schema(ParsedPage)}".encode())
    for module in sorted(Path(__file__).parent.glob("*.py")):
        digest.update(module.name.encode() + b"\x00" + module.read_bytes())
    return digest.hexdigest()


def file_stat(st: os.stat_result) -> list[int]:
    """What says a file is unchanged without reading it."""
    return [st.st_mtime_ns, st.st_size, st.st_ino, st.st_ctime_ns]


def settled(st: list[int], checked: int) -> bool:
    """Whether a stat taken at ``checked`` (ns) can be trusted later: no write within the
    filesystem's timestamp granularity of the read, which the stat could not tell apart."""
    return st[0] + GRANULARITY_NS < checked and st[3] + GRANULARITY_NS < checked


class Store:
    """The SQLite file, opened only if it is a regular file within the size cap; any
    error reading it makes it absent, and the next write replaces it."""

    def __init__(self, root: Path | None) -> None:
        self.root = root
        self.directory = cache_dir(root) if root is not None else None
        self.db: sqlite3.Connection | None = None
        self.broken = False
        if self.directory is not None:
            self.db = self._open()

    @property
    def path(self) -> Path | None:
        return self.directory / FILE if self.directory is not None else None

    def _open(self) -> sqlite3.Connection | None:
        assert self.path is not None
        try:
            info = os.lstat(self.path)
        except OSError:
            return None  # none yet
        if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_FILE or not self._safe_dir():
            self.broken = True
            return None
        try:
            db = sqlite3.connect(f"file:{self.path}?mode=rw", uri=True, timeout=5, isolation_level=None)
            row = db.execute("SELECT value FROM meta WHERE name = 'format'").fetchone()
        except sqlite3.Error:
            self.broken = True
            return None
        if row is None or row[0] != str(FORMAT):
            db.close()
            self.broken = True
            return None
        return db

    def _safe_dir(self) -> bool:
        assert self.directory is not None and self.root is not None
        if self.directory.name == DIRECTORY:
            return within(self.root, self.directory) and not self.directory.is_symlink()
        return True

    def query(self, sql: str, args: tuple[Any, ...] = ()) -> list[Any]:
        """Rows of ``sql``; none when there is no cache or it cannot be read."""
        if self.db is None:
            return []
        try:
            return self.db.execute(sql, args).fetchall()
        except sqlite3.Error:
            self.db, self.broken = None, True
            return []

    def write(self, work: Callable[[sqlite3.Connection], None]) -> None:
        """Run ``work`` in one transaction on the cache, creating (or replacing a broken)
        file first. A read-only checkout still gets its findings: errors are dropped."""
        if self.directory is None:
            return
        try:
            db = self.db or self._create()
            db.execute("BEGIN IMMEDIATE")
            try:
                work(db)
                db.execute("COMMIT")
            except BaseException:
                db.execute("ROLLBACK")
                raise
        except (OSError, sqlite3.Error):
            return

    def _create(self) -> sqlite3.Connection:
        assert self.directory is not None and self.path is not None and self.root is not None
        if self.directory.name == DIRECTORY:
            if not self._safe_dir():
                raise OSError("cache folder leaves the repository")
            self.directory.mkdir(exist_ok=True)
            ignore = self.directory / ".gitignore"
            if not ignore.exists():
                atomic_write(ignore, "# created by linkpolicy\n*\n", root=self.root)
        else:
            self.directory.mkdir(exist_ok=True)
        if os.path.lexists(self.path):
            opened = self._open()  # made or replaced since this run looked (another part of it)
            if opened is not None:
                self.db, self.broken = opened, False
                return opened
            info = os.lstat(self.path)
            if stat.S_ISDIR(info.st_mode):
                raise OSError("cache path is a folder")
            os.unlink(self.path)  # not a cache we can read: start afresh
        db = sqlite3.connect(self.path, timeout=5, isolation_level=None)
        db.executescript(_SCHEMA)
        db.execute("INSERT OR REPLACE INTO meta VALUES ('format', ?)", (str(FORMAT),))
        self.db, self.broken = db, False
        return db


def _dump_page(page: ParsedPage) -> tuple[bytes, bytes]:
    """(the page without its text, its text), both compressed."""
    fields = [serial.dump(getattr(page, name), tp) for name, tp in serial.hints(ParsedPage) if name != "text"]
    body = json.dumps(fields, separators=(",", ":"), ensure_ascii=False, allow_nan=False)
    return zlib.compress(body.encode("utf-8")), zlib.compress(page.text.encode("utf-8"))


def _load_page(blob: bytes, text: Callable[[], str]) -> ParsedPage:
    """A page back from :func:`_dump_page`; its text is read when first asked for."""
    fields = json.loads(zlib.decompress(blob).decode("utf-8"))
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
        self.new: dict[str, tuple[bytes, bytes]] = {}
        self.hits: list[str] = []
        self.seen: dict[str, tuple[list[int], int, str, tuple[str, ...]]] = {}
        self.now = int(time.time())

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

    def get(self, key: str, fallback: Callable[[], str] = lambda: "") -> ParsedPage | None:
        """The page stored under ``key``; ``fallback`` gives its text if the cache cannot."""
        rows = self.store.query("SELECT used, page FROM pages WHERE key = ?", (key,))
        if not rows:
            return None
        used, blob = rows[0]
        try:
            page = _load_page(blob, lambda: self._text(key) or fallback())
        except (ValueError, TypeError, zlib.error, UnicodeDecodeError):
            return None  # corrupt or foreign: parsed afresh and replaced
        if not isinstance(used, int) or self.now - used > REFRESH:
            self.hits.append(key)
        return page

    def _text(self, key: str) -> str | None:
        rows = self.store.query("SELECT text FROM pages WHERE key = ?", (key,))
        try:
            return zlib.decompress(rows[0][0]).decode("utf-8") if rows else None
        except (zlib.error, UnicodeDecodeError, TypeError):
            return None

    def put(self, key: str, page: ParsedPage) -> None:
        if self.store.directory is None:
            return
        try:
            self.new[key] = _dump_page(page)
        except (ValueError, TypeError):
            pass  # front matter JSON cannot hold: not cached

    def lighter(self, key: str, page: ParsedPage, fallback: Callable[[], str]) -> ParsedPage:
        """``page``, once saved, without its plain text in memory (read back from the cache,
        or from ``fallback``, when something asks for it), as a warm run keeps it; ``page``
        itself when it was not stored."""
        if self.store.directory is None or key not in self.new:
            return page
        kept = [f.name for f in dataclasses.fields(ParsedPage) if f.init and f.name != "text"]
        return _lazy_page({name: getattr(page, name) for name in kept}, lambda: self._text(key) or fallback())

    def save(self) -> None:
        if self.store.directory is None or not (self.new or self.hits or self._changed_files()):
            return
        self.store.write(self._save)

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
        _evict(db, MAX_BYTES, self.now)


def _evict(db: sqlite3.Connection, budget: int, now: int) -> None:
    """Drop the least recently used pages beyond ``budget`` bytes (ties: by key); the
    pages used lately (this run's among them: their stamp is refreshed once per
    :data:`REFRESH`) all stay, however large the site."""
    total = 0
    doomed = []
    for key, size, used in db.execute("SELECT key, size, used FROM pages ORDER BY used DESC, key"):
        total += size if isinstance(size, int) else budget
        if total > budget and not (isinstance(used, int) and used >= now - REFRESH):
            doomed.append((key,))
    db.executemany("DELETE FROM pages WHERE key = ?", doomed)
    if doomed:
        db.execute("DELETE FROM files WHERE key NOT IN (SELECT key FROM pages)")
