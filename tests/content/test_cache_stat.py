"""Change detection by stat: an unchanged file is neither read nor hashed, a changed one
is, and a file whose timestamps fall within the granularity of the moment it was read
(git's racy-timestamp case) is read again even when its stat looks the same. A page from
the cache gets its plain text when asked, from the cache or from a fresh parse."""

from __future__ import annotations

import os
import shutil
import sqlite3
from pathlib import Path

import pytest

from linkpolicy.api import analyse, check, findings_of
from linkpolicy.content import cache, store
from linkpolicy.content.cache import FILE, GIT_DIRECTORY
from linkpolicy.source import WorkTree

SITE = Path(__file__).parents[1] / "sites" / "hugo-basic"
PAGE = "content/guides/b.md"


@pytest.fixture
def root(tmp_path: Path) -> Path:
    root = tmp_path / "site"
    shutil.copytree(SITE, root)
    (root / ".git").mkdir()
    return root


def keys(report) -> list[tuple[str, int, int, str, str]]:
    return [(f.path, f.line, f.column, f.rule, f.message) for f in report.findings]


def count_reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    reads: list[str] = []
    original = WorkTree.read

    def read(self: WorkTree, path: str) -> bytes:
        reads.append(path)
        return original(self, path)

    monkeypatch.setattr(WorkTree, "read", read)
    return reads


def test_unchanged_pages_are_not_read_and_changed_ones_are(
    root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(store, "GRANULARITY_NS", 0)
    pages = sorted(p.relative_to(root).as_posix() for p in (root / "content").rglob("*.md"))
    fresh = keys(check(root, cwd=root, cache=True))
    reads = count_reads(monkeypatch)
    assert keys(check(root, cwd=root, cache=True)) == fresh
    assert not set(reads) & set(pages)
    page = root / PAGE
    page.write_text(page.read_text() + "\nSee [the missing page](/nowhere/).\n")
    reads.clear()
    after = check(root, cwd=root, cache=True)
    assert set(reads) & set(pages) == {PAGE}
    assert keys(after) == keys(check(root, cwd=root)) != fresh


def _fixed_stat(monkeypatch: pytest.MonkeyPatch, mtime_ns: int) -> None:
    """Every page stats the same whatever is written to it (one timestamp tick)."""
    original = WorkTree.stat

    def stat(self: WorkTree, path: str) -> os.stat_result | None:
        info = original(self, path)
        if info is None:
            return None
        fields = list(info)
        fields[6] = 100  # st_size
        return os.stat_result((*fields[:7], 0, 0, 0), {"st_mtime_ns": mtime_ns, "st_ctime_ns": mtime_ns})

    monkeypatch.setattr(WorkTree, "stat", stat)


@pytest.mark.parametrize("racy", [True, False])
def test_a_racy_stat_is_never_trusted(root: Path, monkeypatch: pytest.MonkeyPatch, racy: bool) -> None:
    import time

    # racy: the timestamps are those of the moment the run read the file;
    # settled: long before it, so the stat is trusted (and, here, deceived on purpose)
    _fixed_stat(monkeypatch, time.time_ns() if racy else 10**18 // 2)
    analyse(root, cwd=root, cache=True)
    page = root / PAGE
    page.write_text(page.read_text() + "\nSee [the missing page](/nowhere/).\n")
    findings = findings_of(analyse(root, cwd=root, cache=True))  # the parse cache alone
    found = any(f.path == PAGE and "nowhere" in f.message for f in findings)
    assert found is racy


def test_cached_pages_give_their_text(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(store, "GRANULARITY_NS", 0)
    fresh = {p.path: p.parsed.text for p in analyse(root, cwd=root).site.pages if p.parsed}
    analyse(root, cwd=root, cache=True)
    cached = analyse(root, cwd=root, cache=True).site.pages
    assert all(isinstance(p.parsed, cache.LazyTextPage) for p in cached if p.parsed)
    assert {p.path: p.parsed.text for p in cached if p.parsed} == fresh
    db = sqlite3.connect(root / ".git" / GIT_DIRECTORY / FILE)
    with db:
        db.execute("UPDATE pages SET text = x'00ff'")  # corrupt: the page is parsed again
    db.close()
    again = analyse(root, cwd=root, cache=True).site.pages
    assert {p.path: p.parsed.text for p in again if p.parsed} == fresh
