"""A cache a checkout cannot plant: inside a git repository the cache lives in the git
directory, so a committed `.linkpolicy-cache/` is never read; outside git, a cache file
that is a device, a FIFO or off-schema is ignored. Entries stay across runs, least
recently used going first beyond the size budget."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
import zlib
from pathlib import Path

import pytest

from linkpolicy.api import check
from linkpolicy.content import cache, serial
from linkpolicy.content.cache import DIRECTORY, FILE, GIT_DIRECTORY
from linkpolicy.content.markdown import ParsedPage
from linkpolicy.io import inflated

SITE = Path(__file__).parents[1] / "sites" / "hugo-basic"
BROKEN = "content/guides/b.md"


def _copy(tmp_path: Path, git: bool) -> Path:
    root = tmp_path / "site"
    shutil.copytree(SITE, root)
    page = root / BROKEN
    page.write_text(page.read_text() + "\nSee [the missing page](/nowhere/).\n")
    if git:
        (root / ".git").mkdir()
    return root


def keys(report) -> list[tuple[str, int, str, str]]:
    return [(f.path, f.line, f.rule, f.message) for f in report.findings]


def run_check(root: Path) -> subprocess.CompletedProcess[str]:
    """The command in a child process: a hang or memory blow-up fails instead of stalling."""
    return subprocess.run(
        [sys.executable, "-m", "linkpolicy.cli", "check", "--root", str(root), "--format", "json"],
        capture_output=True,
        text=True,
        timeout=60,
    )


def _rows(cache_file: Path, sql: str) -> list[tuple]:
    db = sqlite3.connect(cache_file)
    try:
        return db.execute(sql).fetchall()
    finally:
        db.close()


def _update(cache_file: Path, sql: str, rows: list[tuple]) -> None:
    db = sqlite3.connect(cache_file)
    with db:
        db.executemany(sql, rows)
    db.close()


def _forge(cache_file: Path) -> None:
    """Empty the links of every cached page: a forged cache that hides broken links."""
    forged = []
    for key, blob in _rows(cache_file, "SELECT key, page FROM pages"):
        page = cache._load_page(blob, lambda: "")
        page.links = []
        forged.append((cache._dump_page(page)[0], key))
    _update(cache_file, "UPDATE pages SET page = ? WHERE key = ?", forged)


def test_a_committed_forged_cache_is_never_read(tmp_path: Path) -> None:
    root = _copy(tmp_path, git=False)
    check(root, cwd=root, cache=True)  # a cache written by a run outside git ...
    planted = root / DIRECTORY / FILE
    _forge(planted)  # ... forged, and committed into the checkout of a clone
    (root / ".git").mkdir()
    report = check(root, cwd=root, cache=True)
    assert any(f.rule == "broken-link" and f.path == BROKEN for f in report.findings)
    assert keys(report) == keys(check(root, cwd=root))
    assert (root / ".git" / GIT_DIRECTORY / FILE).is_file()


@pytest.mark.parametrize("kind", ["dev-zero", "fifo"])
@pytest.mark.parametrize("git", [True, False])
def test_a_planted_device_or_fifo_cache_neither_hangs_nor_blows_up(
    tmp_path: Path, kind: str, git: bool
) -> None:
    root = _copy(tmp_path, git)
    fresh = keys(check(root, cwd=root))
    folder = root / DIRECTORY
    folder.mkdir()
    if kind == "fifo":
        os.mkfifo(folder / FILE)
    else:
        (folder / FILE).symlink_to("/dev/zero")
    result = run_check(root)
    assert result.returncode == 1, result.stderr
    assert any(f["rule"] == "broken-link" for f in json.loads(result.stdout)["findings"])
    assert keys(check(root, cwd=root, cache=True)) == fresh


def _blob(value: object) -> bytes:
    return zlib.compress(json.dumps(value).encode())


def test_off_schema_entries_are_ignored_and_rebuilt(tmp_path: Path) -> None:
    root = _copy(tmp_path, git=False)
    fresh = keys(check(root, cwd=root))
    check(root, cwd=root, cache=True)
    cache_file = root / DIRECTORY / FILE
    rows = _rows(cache_file, "SELECT key, page FROM pages")
    good = json.loads(zlib.decompress(rows[0][1]))
    links = [name for name, _ in serial.hints(ParsedPage)].index("links")
    bad = [
        b"not zlib",
        zlib.compress(b"not json"),
        _blob({"links": []}),
        _blob(good[:-1]),
        _blob([*good[:links], "nope", *good[links + 1 :]]),
        _blob([*good[:links], 0, *good[links + 1 :]]),  # falsy, but no list: no empty one either
        _blob([*good[:links], {}, *good[links + 1 :]]),
        _blob([*good[:links], [[1, 2, 3]], *good[links + 1 :]]),
        _blob([*good[:links], [["/x", "t", "one", 1, "link", [], False, None, None]], *good[links + 1 :]]),
        _blob([None, *good[1:]]),
    ]
    _update(
        cache_file,
        "UPDATE pages SET page = ? WHERE key = ?",
        [(blob, key) for (key, _), blob in zip(rows, bad * 10, strict=False)],
    )
    assert keys(check(root, cwd=root, cache=True)) == fresh
    assert keys(check(root, cwd=root, cache=True)) == fresh


def test_an_entry_never_inflates_past_its_bound(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A planted entry (a decompression bomb) is refused as it inflates, not once it has
    filled the memory: here with the bound lowered, pages and texts padded past it are
    parsed afresh, and the findings are a cold run's."""
    monkeypatch.setattr(cache, "MAX_ENTRY_BYTES", 1 << 16)
    with pytest.raises(ValueError):
        inflated(zlib.compress(b" " * (1 << 20)), cache.MAX_ENTRY_BYTES)
    with pytest.raises(zlib.error):
        inflated(zlib.compress(b"x" * 100)[:-3], cache.MAX_ENTRY_BYTES)
    assert inflated(zlib.compress(b"x" * 100), cache.MAX_ENTRY_BYTES) == b"x" * 100
    root = _copy(tmp_path, git=False)
    fresh = keys(check(root, cwd=root))
    check(root, cwd=root, cache=True)
    cache_file = root / DIRECTORY / FILE
    rows = _rows(cache_file, "SELECT key, page, text FROM pages")
    padded = [
        (zlib.compress(zlib.decompress(page) + b" " * (1 << 17)), zlib.compress(b"t" * (1 << 17)), key)
        for key, page, _ in rows
    ]
    _update(cache_file, "UPDATE pages SET page = ?, text = ? WHERE key = ?", padded)
    db = sqlite3.connect(cache_file)
    with db:
        db.execute("DELETE FROM runs")  # the pages are read again (no run record answers)
    db.close()
    refused: list[int] = []

    def spy(blob: bytes, limit: int) -> bytes:
        try:
            return inflated(blob, limit)
        except ValueError:
            refused.append(len(blob))
            raise

    monkeypatch.setattr(cache, "inflated", spy)
    assert keys(check(root, cwd=root, cache=True)) == fresh
    assert len(refused) >= len(rows)  # every planted page refused, and parsed afresh


@pytest.mark.parametrize("content", [b"not a database", b"SQLite format 3\x00" + b"\xff" * 200, b""])
def test_a_cache_that_is_no_database_is_replaced(tmp_path: Path, content: bytes) -> None:
    root = _copy(tmp_path, git=True)
    fresh = keys(check(root, cwd=root))
    cache_file = root / ".git" / GIT_DIRECTORY / FILE
    cache_file.parent.mkdir()
    cache_file.write_bytes(content)
    assert keys(check(root, cwd=root, cache=True)) == fresh
    assert _rows(cache_file, "SELECT count(*) FROM pages")[0][0] > 0  # rebuilt
    assert keys(check(root, cwd=root, cache=True)) == fresh


def _entries(root: Path) -> dict[str, int]:
    return dict(_rows(root / ".git" / GIT_DIRECTORY / FILE, "SELECT key, used FROM pages"))


def _edit_guides(root: Path, note: str) -> None:
    for page in sorted((root / "content" / "guides").glob("*.md")):
        page.write_text(page.read_text() + f"\n{note}\n")


def test_entries_stay_across_runs(tmp_path: Path) -> None:
    root = _copy(tmp_path, git=True)
    check(root, cwd=root, cache=True)
    first = set(_entries(root))
    originals = {p: p.read_bytes() for p in (root / "content" / "guides").glob("*.md")}
    _edit_guides(root, "Edited.")
    check(root, cwd=root, cache=True)
    second = set(_entries(root))
    assert first < second and len(second - first) == len(originals)
    for page, data in originals.items():
        page.write_bytes(data)
    before = _entries(root)
    check(root, cwd=root, cache=True)  # every page a hit: nothing new to store
    assert _entries(root) == before


def test_least_recently_used_entries_go_first(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = _copy(tmp_path, git=True)
    check(root, cwd=root, cache=True)
    cache_file = root / ".git" / GIT_DIRECTORY / FILE
    size = _rows(cache_file, "SELECT sum(size) FROM pages")[0][0]
    first = set(_entries(root))
    monkeypatch.setattr(cache, "MAX_BYTES", int(size * 1.1))
    # the first run was two days ago (entries used within a day all stay)
    _update(cache_file, "UPDATE pages SET used = used - ?", [(2 * cache.REFRESH,)])
    _edit_guides(root, "Edited.")
    check(root, cwd=root, cache=True)
    kept = _entries(root)
    assert _rows(cache_file, "SELECT sum(size) FROM pages")[0][0] <= size * 1.1
    edited = len(list((root / "content" / "guides").glob("*.md")))
    assert len(set(kept) - first) == edited  # this run's new versions all kept
    assert first - set(kept)  # and the older run's entries went first


def test_a_site_larger_than_the_budget_keeps_all_its_pages(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = _copy(tmp_path, git=True)
    monkeypatch.setattr(cache, "MAX_BYTES", 1)  # far less than one run's pages
    check(root, cwd=root, cache=True)
    first = set(_entries(root))
    assert first
    _edit_guides(root, "Edited.")
    check(root, cwd=root, cache=True)
    assert first <= set(_entries(root))  # this run's and the last run's pages: used lately


def git(repo: Path, *args: str) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com"}
    env |= {"GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.com"}
    return subprocess.run(
        ["git", *args], cwd=repo, check=True, capture_output=True, text=True, env=env
    ).stdout


def test_a_linked_worktree_keeps_its_cache_in_its_git_directory(tmp_path: Path) -> None:
    main_tree = _copy(tmp_path, git=False)
    git(main_tree, "init", "-q")
    git(main_tree, "add", "-A")
    git(main_tree, "commit", "-q", "-m", "site")
    linked = tmp_path / "linked"
    git(main_tree, "worktree", "add", "-q", str(linked))
    report = check(linked, cwd=linked, cache=True)
    assert any(f.rule == "broken-link" for f in report.findings)
    private = main_tree / ".git" / "worktrees" / "linked" / GIT_DIRECTORY / FILE
    assert private.is_file()
    assert not (linked / DIRECTORY).exists() and not (main_tree / ".git" / GIT_DIRECTORY).exists()
    assert git(linked, "status", "--porcelain") == ""
