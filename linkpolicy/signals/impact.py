"""`linkpolicy impact`: did link work move crawling, indexing or traffic?

Pages whose inbound links changed in a git revision range (the links `diff` compares:
written, in managed blocks, or made by the templates) are the treated group; pages of the
same cluster whose inbound links did not change are the controls (pages at a similar
click depth, within one, when the cluster has none). Around each cluster's change date
(the earliest commit in the range that touched a page whose links changed), the daily
signals of both groups are averaged over a window before and after; the
difference-in-differences is (treated after - before) - (control after - before).
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..analysis import Analysis
from ..api import analyse_source, load
from ..diff import link_changes, packed_links
from ..errors import UsageError
from ..source import GitRevision, git
from .model import PageSignals, SignalsResult
from .run import attach

#: metric -> the daily series of a page it reads
METRICS: dict[str, Callable[[PageSignals], Counter[dt.date]]] = {
    "crawl_hits": lambda p: p.raw.daily_crawl,
    "clicks": lambda p: p.raw.daily_clicks,
    "sessions": lambda p: p.raw.daily_sessions,
}
SMALL = 5  # fewer pages than this in a group: the row is marked as a small sample

CAVEATS = (
    "Correlation, not causation: other changes in the same weeks (content, releases, "
    "algorithm updates, campaigns) move these numbers too.",
    "Seasonality: the after window falls on different weekdays, holidays or seasons than "
    "the before window; the control group absorbs only what both groups share.",
    "Small samples: groups of fewer than 5 pages (marked *) swing on a single page.",
    "Crawlers are recognised by user agent only; spoofed agents count.",
)


@dataclass
class Treated:
    url: str
    cluster: str
    changed: str  # first commit date (ISO) that touched one of its changed links
    added: int
    removed: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "url": self.url,
            "cluster": self.cluster,
            "changed": self.changed,
            "links_added": self.added,
            "links_removed": self.removed,
        }


@dataclass
class ImpactRow:
    cluster: str
    metric: str
    date: dt.date
    treated: int
    control: int
    control_basis: str  # "cluster" or "depth"
    treated_before: float
    treated_after: float
    control_before: float
    control_after: float

    @property
    def did(self) -> float:
        return (self.treated_after - self.treated_before) - (self.control_after - self.control_before)

    @property
    def small(self) -> bool:
        return self.treated < SMALL or self.control < SMALL

    def to_dict(self) -> dict[str, Any]:
        return {
            "cluster": self.cluster,
            "metric": self.metric,
            "date": self.date.isoformat(),
            "treated_pages": self.treated,
            "control_pages": self.control,
            "control_basis": self.control_basis,
            "treated_before": round(self.treated_before, 4),
            "treated_after": round(self.treated_after, 4),
            "control_before": round(self.control_before, 4),
            "control_after": round(self.control_after, 4),
            "difference_in_differences": round(self.did, 4),
            "small_sample": self.small,
        }


@dataclass
class ImpactResult:
    range: str
    base: str
    head: str
    window: int
    treated: list[Treated] = field(default_factory=list)
    rows: list[ImpactRow] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    caveats: tuple[str, ...] = CAVEATS

    def to_dict(self) -> dict[str, Any]:
        return {
            "version": 1,
            "range": self.range,
            "base": self.base,
            "head": self.head,
            "window_days": self.window,
            "treated": [t.to_dict() for t in self.treated],
            "rows": [r.to_dict() for r in self.rows],
            "notes": self.notes,
            "caveats": list(self.caveats),
        }


def split_range(spec: str) -> tuple[str, str]:
    """``A..B`` -> (A, B); ``A..`` and ``A`` -> (A, HEAD)."""
    if "..." in spec:
        raise UsageError(f"{spec}: use a two-dot range BASE..HEAD")
    base, _, head = spec.partition("..")
    if not base:
        raise UsageError(f"{spec}: a range needs a base revision (BASE..HEAD)")
    return base, head or "HEAD"


def impact(
    root: Path,
    spec: str,
    signal_paths: Sequence[Path],
    policies: Path | None = None,
    *,
    window: int = 28,
    columns: dict[str, str] | None = None,
    cwd: Path | None = None,
) -> ImpactResult:
    base_rev, head_rev = split_range(spec)
    base_source, head_source = GitRevision(root, base_rev), GitRevision(root, head_rev)
    loaded = load(root, policies, cwd)
    directory = loaded.repo_dir or "policies"
    from ..policy import load_policies_from

    head = analyse_source(root, head_source, load_policies_from(head_source, directory))
    base = analyse_source(root, base_source, load_policies_from(base_source, directory))
    signals = attach(head, signal_paths, columns)
    result = ImpactResult(spec, base_source.label, head_source.label, window)
    result.treated = _treated(root, base, head, base_source.commit, head_source.commit)
    if not result.treated:
        result.notes.append(f"no page's inbound links changed in {spec}")
        return result
    result.rows = _rows(head, signals, result.treated, window, result.notes)
    result.notes += [n for n in signals.notes if not n.startswith("crawlers are recognised")]
    return result


def _treated(root: Path, base: Analysis, head: Analysis, base_commit: str, head_commit: str) -> list[Treated]:
    """Pages of the head whose inbound links the range added or removed."""
    added, removed = link_changes(packed_links(head), packed_links(base))
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    paths: dict[str, set[str]] = defaultdict(set)
    for i, records in enumerate((added, removed)):
        for r in records:
            if r.target in head.graph.pages and r.source != r.target:
                counts[r.target][i] += 1
                paths[r.target].add(r.path)
    dates = _first_commit_dates(root, base_commit, head_commit)
    fallback = dates.get("", "")
    out = []
    for url, (n_added, n_removed) in sorted(counts.items()):
        page = head.graph.pages[url]
        changed = min((dates[p] for p in paths[url] if p in dates), default=fallback)
        cluster = page.clusters[0] if page.clusters else _hub_cluster(head, url)
        out.append(Treated(url, cluster, changed, n_added, n_removed))
    return out


def _hub_cluster(analysis: Analysis, url: str) -> str:
    return next((cid for cid, c in analysis.clusters.items() if c.hub.url == url), "(no cluster)")


def _first_commit_dates(root: Path, base: str, head: str) -> dict[str, str]:
    """File -> committer date (ISO) of the earliest commit in base..head that touched it;
    "" -> the earliest commit's date."""
    log = git(root, "log", "--reverse", "--format=@%cI", "--name-only", f"{base}..{head}").decode(
        "utf-8", "replace"
    )
    dates: dict[str, str] = {}
    current = ""
    for line in log.splitlines():
        if line.startswith("@"):
            current = line[1:].strip()
            dates.setdefault("", current)
        elif line.strip():
            dates.setdefault(line.strip(), current)
    if "" not in dates:
        raise UsageError(f"no commits in {base[:12]}..{head[:12]}")
    return dates


def _rows(
    head: Analysis, signals: SignalsResult, treated: list[Treated], window: int, notes: list[str]
) -> list[ImpactRow]:
    by_cluster: dict[str, list[Treated]] = defaultdict(list)
    for t in treated:
        by_cluster[t.cluster].append(t)
    treated_urls = {t.url for t in treated}
    span = _span(signals)
    rows = []
    for cid, group in sorted(by_cluster.items()):
        when = min(dt.date.fromisoformat(t.changed[:10]) for t in group)
        controls, basis = _controls(head, signals, cid, group, treated_urls)
        if not controls:
            notes.append(f"{cid}: no page without link changes to compare with")
            continue
        found = _cluster_rows(cid, group, controls, basis, signals, when, window)
        if not found:
            notes.append(f"{cid}: no daily signals for its pages")
            continue
        rows += found
        if span and (
            when - dt.timedelta(days=window) < span[0] or when + dt.timedelta(days=window - 1) > span[1]
        ):
            notes.append(
                f"{cid}: the windows around {when} reach beyond the signals' days "
                f"({span[0]} to {span[1]}); days without data count as zero"
            )
    if not rows:
        notes.append("no daily signals (access logs, or exports with a date column) to compare")
    return rows


def _cluster_rows(
    cid: str,
    group: list[Treated],
    controls: list[PageSignals],
    basis: str,
    signals: SignalsResult,
    when: dt.date,
    window: int,
) -> list[ImpactRow]:
    """One row per metric that has daily data for the cluster's pages."""
    treated = _pages(signals, group)
    rows = []
    for metric, series in METRICS.items():
        if not any(series(p) for p in [*treated, *controls]):
            continue
        t_before, t_after = _means(treated, series, when, window)
        c_before, c_after = _means(controls, series, when, window)
        rows.append(
            ImpactRow(
                cid, metric, when, len(group), len(controls), basis, t_before, t_after, c_before, c_after
            )
        )
    return rows


def _pages(signals: SignalsResult, group: list[Treated]) -> list[PageSignals]:
    return [p for t in group if (p := signals.page(t.url)) is not None]


def _controls(
    head: Analysis, signals: SignalsResult, cid: str, group: list[Treated], treated: set[str]
) -> tuple[list[PageSignals], str]:
    cluster = head.clusters.get(cid)
    members = {cluster.hub.url, *(m.url for m in cluster.published_members)} if cluster else set()
    same = [p for p in signals.pages if p.url not in treated and p.url in members]
    if same:
        return same, "cluster"
    depths = [head.graph.depth.get(t.url) for t in group]
    known = [d for d in depths if d is not None]
    if not known:
        return [], "depth"
    middle = statistics.median(known)
    near = [
        p
        for p in signals.pages
        if p.url not in treated and p.depth is not None and abs(p.depth - middle) <= 1
    ]
    return near, "depth"


def _means(
    pages: list[PageSignals], series: Callable[[PageSignals], Counter[dt.date]], when: dt.date, window: int
) -> tuple[float, float]:
    """Mean per page and day over [when - window, when) and [when, when + window)."""
    if not pages:
        return 0.0, 0.0
    start, end = when - dt.timedelta(days=window), when + dt.timedelta(days=window)
    before = after = 0
    for page in pages:
        for day, n in series(page).items():
            if start <= day < when:
                before += n
            elif when <= day < end:
                after += n
    scale = len(pages) * window
    return before / scale, after / scale


def _span(signals: SignalsResult) -> tuple[dt.date, dt.date] | None:
    days = [d for p in signals.pages for s in METRICS.values() for d in s(p)]
    return (min(days), max(days)) if days else None
