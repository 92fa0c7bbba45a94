"""Where a site's files come from: the work tree, or a git revision read in memory.

Both list repository-relative paths (``/`` separators) and return bytes; nothing is
ever read outside the repository, and ``diff`` never writes a revision to disk.
"""

from __future__ import annotations

import os
import stat
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Protocol

from .errors import UsageError
from .io import MAX_FILE_BYTES, RefusedFile, read_inside, within

_SKIP_DIRS = {".git", "node_modules", ".venv", "__pycache__"}


class Source(Protocol):
    label: str

    def files(self, prefix: str, hidden: bool = False) -> Iterator[str]:
        """Repository-relative paths of the files under ``prefix`` ("" for all), sorted;
        with ``hidden``, files in dot-folders too (never .git, node_modules, virtualenvs)."""
        ...

    def read(self, path: str) -> bytes:
        """The bytes of a file listed by :meth:`files`; OSError if it is gone, or not a
        regular file inside the repository (``io.RefusedFile``)."""
        ...

    def is_dir(self, path: str) -> bool: ...


class WorkTree:
    """Files on disk under ``root``: directory symlinks are not followed, file symlinks
    only when they point inside the root. In a git repository, files git ignores
    (``.gitignore``, ``.git/info/exclude``) and have not been added are left out, so a
    page that exists only on one machine never counts as a page. Each folder a read goes
    through is resolved once for the life of the object (a run): make a new one to see a
    folder that has since become a symlink."""

    label = "WORKTREE"

    def __init__(self, root: Path) -> None:
        self.root = root
        self._ignored: tuple[set[str], tuple[str, ...]] | None = None
        #: where each folder read from leads, resolved once a run (see `io.resolve_inside`)
        self._folders: dict[str, str] = {}

    def files(self, prefix: str, hidden: bool = False) -> Iterator[str]:
        start = self.root / prefix if prefix else self.root
        if not start.is_dir() or not within(self.root, start):
            return
        root = os.fspath(self.root)
        for folder, dirs, names in os.walk(start, followlinks=False):
            self.walked(folder)
            dirs[:] = sorted(d for d in dirs if d not in _SKIP_DIRS and (hidden or not d.startswith(".")))
            # os.walk's folders are paths under `start`, itself under the root
            under = os.path.relpath(folder, root)
            under = "" if under == "." else under.replace(os.sep, "/") + "/"
            for name in sorted(names):
                full = os.path.join(folder, name)
                if os.path.islink(full) and not within(self.root, Path(full)):
                    continue
                rel = under + name
                if not self.ignored(rel):
                    yield rel

    def walked(self, folder: str) -> None:
        """Called with each folder :meth:`files` lists (for a subclass to record)."""

    def ignored(self, path: str) -> bool:
        """Whether git ignores ``path`` (untracked and matched by an ignore rule)."""
        if self._ignored is None:
            self._ignored = _git_ignored(self.root)
        files, folders = self._ignored
        return path in files or path.startswith(folders)

    def read(self, path: str) -> bytes:
        return read_inside(self.root, path, folders=self._folders)

    def ignores(self, paths: list[str]) -> set[str]:
        """Those of ``paths`` git's ignore rules match (see :func:`git_ignores`)."""
        return git_ignores(self.root, paths)

    def stat(self, path: str) -> os.stat_result | None:
        """The stat of a regular file that :meth:`read` would read, without reading it;
        None for a symlink, anything but a regular file, a file over the size limit or
        one that is gone (reading it then says why)."""
        return self._regular(self._lstat(path))

    def _lstat(self, path: str) -> os.stat_result | None:
        try:
            return os.lstat(os.path.join(self.root, path))
        except OSError:
            return None

    @staticmethod
    def _regular(info: os.stat_result | None) -> os.stat_result | None:
        """``info`` when it is a regular file's within the size limit, else None."""
        if info is None or not stat.S_ISREG(info.st_mode) or info.st_size > MAX_FILE_BYTES:
            return None
        return info

    def is_dir(self, path: str) -> bool:
        full = self.root / path
        return full.is_dir() and within(self.root, full)


def _git_ignored(root: Path) -> tuple[set[str], tuple[str, ...]]:
    """Untracked paths git ignores under ``root``: files, and folders (ending in "/")."""
    return git_ignored_started(root)()


def git_ignored_started(root: Path) -> Callable[[], tuple[set[str], tuple[str, ...]]]:
    """:func:`_git_ignored`, started: git lists the ignored paths while the caller does
    other work, and the function returned waits for them (it must be called: it also
    ends the process)."""
    try:
        proc = subprocess.Popen(
            ["git", "ls-files", "-z", "--others", "--ignored", "--exclude-standard", "--directory"],
            cwd=root,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )
    except OSError:
        return lambda: (set(), ())

    def finished() -> tuple[set[str], tuple[str, ...]]:
        try:
            out, _ = proc.communicate(timeout=120)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.communicate()
            return set(), ()
        if proc.returncode != 0:  # not a git repository (or no git): nothing is ignored
            return set(), ()
        entries = [e.decode("utf-8", "surrogateescape") for e in out.split(b"\0") if e]
        return {e for e in entries if not e.endswith("/")}, tuple(e for e in entries if e.endswith("/"))

    return finished


def git_ignores(root: Path, paths: list[str]) -> set[str]:
    """Those of ``paths`` (repository paths, present or not) that git's ignore rules match
    under ``root`` and git does not track: one ``git check-ignore`` for them all; none
    outside a repository.

    ``check-ignore`` is asked with ``--no-index``: asking it to leave out tracked paths
    itself costs a search of the index for each path (2 ms a path in a repository of 100k
    files: 20 s for a big site's missing link targets). The tracked ones are taken out
    here, from one listing of the index, only where some path is ignored."""
    if not paths:
        return set()
    matched = _git_z(root, ["check-ignore", "--no-index", "-z", "--stdin"], paths, ok=(0, 1))
    if not matched:  # (1: none is ignored; or not a repository, no git)
        return set()
    return matched - _git_z(root, ["ls-files", "-z", "--cached"], [], ok=(0,))


def _git_z(root: Path, args: list[str], paths: list[str], ok: tuple[int, ...]) -> set[str]:
    """The NUL-separated paths ``git args`` prints with ``paths`` on its input (NUL-ended);
    none where git fails or exits with a status not in ``ok``."""
    try:
        proc = subprocess.run(
            ["git", *args],
            cwd=root,
            input=b"".join(p.encode("utf-8", "surrogateescape") + b"\0" for p in paths),
            capture_output=True,
            timeout=60,
        )
    except (OSError, subprocess.TimeoutExpired):
        return set()
    if proc.returncode not in ok:
        return set()
    return {e.decode("utf-8", "surrogateescape") for e in proc.stdout.split(b"\0") if e}


def git(repo: Path, *args: str, input: bytes | None = None) -> bytes:
    try:
        proc = subprocess.run(["git", *args], cwd=repo, input=input, capture_output=True, timeout=300)
    except FileNotFoundError:
        raise UsageError("git is not installed or not on PATH") from None
    if proc.returncode != 0:
        raise UsageError(f"git {' '.join(args)}: {proc.stderr.decode('utf-8', 'replace').strip()}")
    return proc.stdout


def head_commit(repo: Path) -> str | None:
    """The commit checked out, or None (no commits yet, not a repository, no git)."""
    try:
        return git(repo, "rev-parse", "--verify", "--quiet", "HEAD^{commit}").decode().strip() or None
    except (UsageError, subprocess.TimeoutExpired):
        return None


def resolve_commit(repo: Path, rev: str) -> str:
    """The commit ``rev`` names, or a UsageError that says what to do."""
    try:
        commit = git(repo, "rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}").decode().strip()
    except UsageError:
        commit = ""
    if not commit:
        raise UsageError(
            f"revision '{rev}' does not exist in {repo}: check the name, or fetch it first "
            "(a shallow CI clone: `git fetch origin main`, or actions/checkout with fetch-depth: 0)"
        )
    return commit


#: blobs of a revision read with one `git cat-file --batch` (see GitRevision.prefetch)
READ_AHEAD = 256


class GitRevision:
    """The files of one commit, read with ``git ls-tree`` and ``git cat-file --batch``."""

    def __init__(self, repo: Path, rev: str) -> None:
        self.repo = repo
        self.rev = rev
        self.commit = resolve_commit(repo, rev)
        self.label = self.commit[:12]
        listing = git(repo, "ls-tree", "-r", "-z", "-l", "--full-tree", self.commit)
        self._blobs: dict[str, tuple[str, int]] = {}
        for entry in listing.split(b"\0"):
            if not entry:
                continue
            meta, _, name = entry.partition(b"\t")
            mode, kind, sha, size = meta.split()
            if kind != b"blob" or mode == b"120000":  # symlinks are never followed
                continue
            self._blobs[name.decode("utf-8", "surrogateescape")] = (sha.decode(), int(size))
        self._dirs = {p.rsplit("/", 1)[0] for p in self._blobs if "/" in p}
        for d in list(self._dirs):
            while "/" in d:
                d = d.rsplit("/", 1)[0]
                self._dirs.add(d)
        self._cache: dict[str, bytes] = {}  # the blobs read last (a chunk of the run's order)
        self._order: list[str] = []  # the order the run reads its pages in (see prefetch)
        self._at: dict[str, int] = {}
        self._others: dict[str, bytes] = {}  # files off that order (configs, templates): few

    def ignores(self, paths: list[str]) -> set[str]:
        """Those of ``paths`` git's ignore rules (the work tree's) match: a file a script
        writes before the build is no more in a commit than in the work tree."""
        return git_ignores(self.repo, paths)

    def files(self, prefix: str, hidden: bool = False) -> Iterator[str]:
        prefix = prefix.rstrip("/")
        for path in sorted(self._blobs):
            if prefix and not path.startswith(prefix + "/"):
                continue
            parts = path.split("/")
            if any(p in _SKIP_DIRS or (p.startswith(".") and not hidden) for p in parts[:-1]):
                continue
            yield path

    def prefetch(self, paths: list[str]) -> None:
        """Note that the run reads ``paths`` in this order: their blobs are then read
        :data:`READ_AHEAD` at a time, each chunk with one ``git cat-file --batch``, and only
        the last chunk is held (a big site's pages are never all in memory at once)."""
        self._order = [p for p in paths if p in self._blobs and self._blobs[p][1] <= MAX_FILE_BYTES]
        self._at = {p: i for i, p in enumerate(self._order)}

    def _fetch(self, paths: list[str]) -> dict[str, bytes]:
        request = "".join(self._blobs[p][0] + "\n" for p in paths).encode()
        out = git(self.repo, "cat-file", "--batch", input=request)
        blobs: dict[str, bytes] = {}
        pos = 0
        for path in paths:
            header_end = out.index(b"\n", pos)
            size = int(out[pos:header_end].split()[2])
            start = header_end + 1
            blobs[path] = out[start : start + size]
            pos = start + size + 1
        return blobs

    def read(self, path: str) -> bytes:
        if path not in self._blobs:
            raise OSError(f"{path} is not in {self.label}")
        if self._blobs[path][1] > MAX_FILE_BYTES:
            raise RefusedFile(
                path, f"file is {self._blobs[path][1]} bytes, over the limit of {MAX_FILE_BYTES}"
            )
        data = self._cache.get(path)
        if data is None:
            at = self._at.get(path)
            if at is None:  # a file off the run's order (a config, a template): read alone, once
                if path not in self._others:
                    self._others[path] = self._fetch([path])[path]
                return self._others[path]
            self._cache = self._fetch(self._order[at : at + READ_AHEAD])
            data = self._cache[path]
        return data

    def is_dir(self, path: str) -> bool:
        return path.strip("/") in self._dirs
