"""Link velocity: internal links added and removed per ISO week and cluster, from git.

One ``git log --raw -M`` lists the content files each commit since the start day changed
(renames followed, merges left out: their changes are counted in the commits they
merge), one ``git cat-file --batch`` streams the blobs before and after, and only those
are parsed, through the parse cache. A page's links are compared as multisets of their
destinations, so a rename without edits, a moved paragraph or a reworded anchor counts
nothing. A link is internal when it has no scheme (relative or site-absolute) or points at
the site's own hosts; images and same-page ``#fragment`` links are left out. The page's
cluster is the current policy's (member globs on its path, front-matter ``cluster``, or
the cluster whose hub it is); pages in none count under ``-``.
"""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import threading
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from ..content.markdown import ParsedPage
from ..domains import normalize_host
from ..errors import UsageError
from ..patterns import glob_match
from ..policy.models import duration_days
from ..site.build import page_parser, site_options
from ..site.generators import GENERATORS
from ..source import WorkTree

#: the bucket of pages in no cluster
UNCLUSTERED = "-"
_ZERO = b"0" * 40
_FILE_MODES = {b"000000", b"100644", b"100755"}
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")


@dataclass(frozen=True)
class WeekCount:
    """Internal links added and removed in one ISO week (``2026-W48``) on one cluster's pages."""

    week: str
    cluster: str
    added: int
    removed: int

    def to_dict(self) -> dict[str, Any]:
        return {"week": self.week, "cluster": self.cluster, "added": self.added, "removed": self.removed}


@dataclass
class Velocity:
    """Link velocity since a day: per week and cluster (weeks without changes left out)."""

    since: dt.date
    until: dt.date
    #: every ISO week from ``since`` to ``until``, in order
    weeks: list[str]
    #: cluster ids in policy order, then ``-`` when unclustered pages changed links
    clusters: list[str]
    rows: list[WeekCount] = field(default_factory=list)
    commits: int = 0
    pages_parsed: int = 0
    notes: list[str] = field(default_factory=list)

    def totals(self) -> dict[str, tuple[int, int]]:
        """Cluster -> (added, removed) over the whole period."""
        out = {c: (0, 0) for c in self.clusters}
        for r in self.rows:
            a, b = out.get(r.cluster, (0, 0))
            out[r.cluster] = (a + r.added, b + r.removed)
        return out

    def to_dict(self) -> dict[str, Any]:
        return {
            "since": self.since.isoformat(),
            "until": self.until.isoformat(),
            "commits": self.commits,
            "weeks": self.weeks,
            "clusters": [{"id": c, "added": a, "removed": r} for c, (a, r) in self.totals().items()],
            "rows": [r.to_dict() for r in self.rows],
            "notes": self.notes,
        }


def parse_since(value: str | dt.date, today: dt.date) -> dt.date:
    """``90d``/``12w``/``6m``/``1y`` before ``today``, or an ISO date."""
    if isinstance(value, dt.date):
        return value
    text = value.strip()
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        pass
    try:
        days = duration_days(text)
    except ValueError:
        days = None
    if days is None:
        raise UsageError(
            f"--since {value!r}: expected a duration like 90d, 12w, 6m, 1y or a date like 2026-09-01"
        )
    return today - dt.timedelta(days=days)


def iso_week(day: dt.date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def _weeks(since: dt.date, until: dt.date) -> list[str]:
    out: list[str] = []
    monday = since - dt.timedelta(days=since.weekday())
    while monday <= until:
        out.append(iso_week(monday))
        monday += dt.timedelta(days=7)
    return out


@dataclass(frozen=True)
class _Change:
    day: dt.date
    old_path: str | None
    new_path: str | None
    old_blob: str | None
    new_blob: str | None


def _git_changes(
    root: Path, since: dt.date, until: dt.date, roots: list[str]
) -> tuple[list[_Change], int, str]:
    """Changed files under the content roots per commit from ``since`` through ``until``
    (oldest first)."""
    args = ["git", "log", "--no-merges", f"--since={since.isoformat()}T00:00:00Z"]
    args += [f"--until={until.isoformat()}T23:59:59Z", "--format=%x01%H %ct"]
    args += ["-M", "--raw", "--no-abbrev", "-z", "--relative", "--", *(r or "." for r in roots)]
    try:
        proc = subprocess.run(args, cwd=root, capture_output=True, timeout=600)
    except (OSError, subprocess.TimeoutExpired) as exc:
        return [], 0, f"git log failed: {exc}"
    if proc.returncode != 0:
        return [], 0, proc.stderr.decode("utf-8", "replace").strip()
    changes: list[_Change] = []
    commits = 0
    day = since
    tokens = proc.stdout.split(b"\0")
    i = 0
    while i < len(tokens):
        token = tokens[i].lstrip(b"\n")
        i += 1
        if token.startswith(b"\x01"):
            commits += 1
            day = dt.datetime.fromtimestamp(int(token.split()[1]), dt.UTC).date()
        elif token.startswith(b":"):
            old_mode, new_mode, old, new, status = token[1:].split(b" ")
            npaths = 2 if status[:1] in (b"R", b"C") else 1
            paths = [t.decode("utf-8", "surrogateescape") for t in tokens[i : i + npaths]]
            i += npaths
            if not {old_mode, new_mode} <= _FILE_MODES:  # symlinks, submodules: no page text
                continue
            old_path = paths[0] if status[:1] != b"A" else None
            new_path = paths[-1] if status[:1] != b"D" else None
            changes.append(
                _Change(
                    day,
                    old_path,
                    new_path,
                    None if old == _ZERO else old.decode(),
                    None if new == _ZERO else new.decode(),
                )
            )
    changes.reverse()
    return changes, commits, ""


def _read_blobs(root: Path, shas: list[str], each: Callable[[str, bytes], None]) -> None:
    """Stream ``shas`` through one ``git cat-file --batch``, calling ``each(sha, data)``."""
    if not shas:
        return
    proc = subprocess.Popen(
        ["git", "cat-file", "--batch"], cwd=root, stdin=subprocess.PIPE, stdout=subprocess.PIPE
    )
    assert proc.stdin is not None and proc.stdout is not None

    def feed() -> None:
        assert proc.stdin is not None
        try:
            proc.stdin.write("".join(s + "\n" for s in shas).encode())
        finally:
            proc.stdin.close()

    writer = threading.Thread(target=feed, daemon=True)
    writer.start()
    try:
        for sha in shas:
            header = proc.stdout.readline().split()
            if len(header) < 3:  # "<sha> missing"
                continue
            size = int(header[2])
            data = proc.stdout.read(size)
            proc.stdout.read(1)
            each(sha, data)
    finally:
        writer.join()
        proc.stdout.close()
        proc.wait()


class _Classifier:
    """Internal link destinations of a parsed page, and the clusters of a content path."""

    def __init__(self, analysis: Any) -> None:
        site = analysis.policy.policy.site
        parts = urlsplit(site.base_url)
        self.hosts = {normalize_host(parts.netloc)} | {normalize_host(h) for h in site.hosts}
        self.specs = analysis.policy.policy.clusters
        self.current = {p.path: p for p in analysis.site.pages}
        self.hubs: dict[str, list[str]] = {}
        for cid, cluster in analysis.clusters.items():
            self.hubs.setdefault(cluster.hub.path, []).append(cid)
        self._clusters: dict[str, tuple[str, ...]] = {}

    def links(self, page: ParsedPage) -> Counter[str]:
        out: Counter[str] = Counter()
        for link in page.links:
            dest = link.dest.strip()
            if link.is_image or not dest or dest.startswith("#"):
                continue
            if _SCHEME.match(dest) or dest.startswith("//"):
                try:
                    parts = urlsplit(dest)
                except ValueError:
                    continue
                if (
                    parts.scheme.lower() not in ("http", "https", "")
                    or normalize_host(parts.netloc) not in self.hosts
                ):
                    continue
            out[dest] += 1
        return out

    def clusters(self, path: str, rel: str) -> tuple[str, ...]:
        if path not in self._clusters:
            page = self.current.get(path)
            ids = (
                list(page.clusters)
                if page is not None
                else [c.id for c in self.specs if glob_match(rel, c.members)]
            )
            ids += self.hubs.get(path, [])
            self._clusters[path] = tuple(dict.fromkeys(ids)) or (UNCLUSTERED,)
        return self._clusters[path]


def compute_velocity(
    analysis: Any, since: str | dt.date = "90d", today: dt.date | None = None, cache: bool = True
) -> Velocity:
    """Link velocity of the site of ``analysis`` from ``since`` (a duration before today or
    a date) to ``today`` (default: ``analysis.today``, ``LINKPOLICY_TODAY`` or today);
    ``cache``: parsed blobs go to (and come from) the parse cache."""
    from ..governance.clock import today_of

    until = today or today_of(analysis)
    start = parse_since(since, until)
    source = analysis.source if isinstance(analysis.source, WorkTree) else WorkTree(analysis.root)
    opts = site_options(analysis.policy, source)
    velocity = Velocity(start, until, _weeks(start, until), [*analysis.clusters])
    changes, velocity.commits, problem = _git_changes(analysis.root, start, until, opts.content_roots)
    if problem:
        velocity.notes.append(f"link velocity needs git history: {problem}")
        return velocity
    page_rel = _page_paths(opts)
    pages = [c for c in changes if page_rel(c.old_path) is not None or page_rel(c.new_path) is not None]
    classify = _Classifier(analysis)
    links = _blob_links(analysis, source, pages, classify, cache)
    velocity.pages_parsed = len(links)
    _count(velocity, pages, links, classify, page_rel)
    return velocity


def _page_paths(opts: Any) -> Callable[[str | None], str | None]:
    """Repository path -> its path in its content root when it is a page, else None."""
    gen = GENERATORS[opts.generator]

    def page_rel(path: str | None) -> str | None:
        if path is None:
            return None
        for croot in opts.content_roots:
            if path.startswith(croot):
                rel = path[len(croot) :]
                if rel.lower().endswith(gen.PAGE_EXTENSIONS) and not glob_match(rel, opts.exclude):
                    return rel
        return None

    return page_rel


def _blob_links(
    analysis: Any, source: WorkTree, changes: list[_Change], classify: _Classifier, cache: bool
) -> dict[str, Counter[str]]:
    """Blob -> its internal link destinations: each blob read once through one
    ``cat-file --batch`` and parsed once (a blob with the bytes of the work tree's page
    reuses that page's parse)."""
    path_of: dict[str, str] = {}
    for c in changes:
        if c.old_blob and c.old_path:
            path_of.setdefault(c.old_blob, c.old_path)
        if c.new_blob and c.new_path:
            path_of.setdefault(c.new_blob, c.new_path)
    parse, parse_cache = page_parser(source, analysis.policy, analysis.root if cache else None)
    current = {p.path: p for p in analysis.site.pages} if isinstance(analysis.source, WorkTree) else {}
    links: dict[str, Counter[str]] = {}

    def read(sha: str, data: bytes) -> None:
        path = path_of[sha]
        page = current.get(path)
        if page is not None and page.parsed is not None and _bytes(source, path) == data:
            parsed: ParsedPage | None = page.parsed
        else:
            parsed = parse(path, data)
        links[sha] = classify.links(parsed) if parsed is not None else Counter()

    _read_blobs(analysis.root, list(path_of), read)
    parse_cache.save()
    return links


def _bytes(source: WorkTree, path: str) -> bytes | None:
    try:
        return source.read(path)
    except OSError:
        return None


def _count(
    velocity: Velocity,
    changes: list[_Change],
    links: dict[str, Counter[str]],
    classify: _Classifier,
    page_rel: Callable[[str | None], str | None],
) -> None:
    counts: dict[tuple[str, str], list[int]] = {}
    empty: Counter[str] = Counter()
    for c in changes:
        before = links.get(c.old_blob or "", empty) if page_rel(c.old_path) is not None else empty
        after = links.get(c.new_blob or "", empty) if page_rel(c.new_path) is not None else empty
        added, removed = sum((after - before).values()), sum((before - after).values())
        if not added and not removed:
            continue
        path = c.new_path if page_rel(c.new_path) is not None else c.old_path
        assert path is not None
        for cluster in classify.clusters(path, page_rel(path) or ""):
            slot = counts.setdefault((iso_week(c.day), cluster), [0, 0])
            slot[0] += added
            slot[1] += removed
    if any(cid == UNCLUSTERED for _, cid in counts):
        velocity.clusters.append(UNCLUSTERED)
    order = {cid: i for i, cid in enumerate(velocity.clusters)}
    keys = sorted(counts, key=lambda k: (k[0], order[k[1]]))
    velocity.rows = [WeekCount(w, cid, *counts[(w, cid)]) for w, cid in keys]


def iter_table(velocity: Velocity) -> Iterator[tuple[str, dict[str, tuple[int, int]]]]:
    """Week -> cluster -> (added, removed), every week of the period in order."""
    by_week: dict[str, dict[str, tuple[int, int]]] = {}
    for r in velocity.rows:
        by_week.setdefault(r.week, {})[r.cluster] = (r.added, r.removed)
    for week in velocity.weeks:
        yield week, by_week.get(week, {})
