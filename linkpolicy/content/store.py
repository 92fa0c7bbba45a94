"""The cache's SQLite file: where it lives, opening it only when it can be trusted, and
the file stats that say a file is unchanged (see :mod:`.cache` for what it holds)."""

from __future__ import annotations

import os
import sqlite3
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..io import atomic_write, read_inside, within

DIRECTORY = ".linkpolicy-cache"
GIT_DIRECTORY = "linkpolicy"
FILE = "cache.sqlite"
FORMAT = 4
#: A cache file larger than this is not opened (pages, file stats and run results): a
#: million-page site's cache is about 3 GB.
MAX_FILE = 4 * 1024 * 1024 * 1024
#: A stat within this much of the moment the file was read is not trusted.
GRANULARITY_NS = 2_000_000_000

#: Pages by last use, for eviction without reading the page rows (megabytes on a big site).
PAGES_BY_USE = "CREATE INDEX IF NOT EXISTS pages_by_use ON pages (used, key, size);"

_SCHEMA = (
    """
CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS pages (key TEXT PRIMARY KEY, used INTEGER NOT NULL,
    size INTEGER NOT NULL, page BLOB NOT NULL, text BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS files (path TEXT NOT NULL, sig TEXT NOT NULL, stat TEXT NOT NULL,
    checked INTEGER NOT NULL, key TEXT NOT NULL, includes TEXT NOT NULL, PRIMARY KEY (path, sig));
CREATE TABLE IF NOT EXISTS runs (key TEXT PRIMARY KEY, used INTEGER NOT NULL, data BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS run_edits (key TEXT PRIMARY KEY, base INTEGER NOT NULL, data BLOB NOT NULL);
"""
    + PAGES_BY_USE
)


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
