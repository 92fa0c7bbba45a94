"""Compare the link graph and findings of two git revisions (or a revision and the work
tree): pages and links added and removed, anchors changed, findings new and fixed, each
cluster's size, hub PageRank and orphans, and the `guardrails` of the policy."""

from __future__ import annotations

import gc
import json
import marshal
import operator
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import collector
from .analysis import Analysis
from .api import analyse_source, findings_of, load
from .content.parallel import in_background
from .errors import PolicyError
from .findings import Finding, Severity
from .governance.where import policy_position
from .policy import LoadedPolicy, load_policies_from
from .rules import guardrail_breach
from .signals.model import ClusterSignals
from .site.graph import link_kind, navigation_edges
from .site.model import EdgeKind
from .source import GitRevision, WorkTree

WORKTREE = "WORKTREE"


@dataclass(frozen=True, slots=True)
class LinkRecord:
    source: str
    target: str
    anchor: str
    path: str
    line: int
    kind: EdgeKind = EdgeKind.CONTENT

    @property
    def key(self) -> tuple[str, str, str, EdgeKind]:
        """What makes two links the same link: its pages, anchor and kind (not its line)."""
        return self.source, self.target, self.anchor, self.kind

    def to_dict(self) -> dict[str, Any]:
        return {
            "from": self.source,
            "to": self.target,
            "anchor": self.anchor,
            "path": self.path,
            "line": self.line,
            "kind": self.kind.value,
        }


@dataclass
class ClusterDelta:
    id: str
    pages: tuple[int | None, int | None]
    hub_pagerank: tuple[float | None, float | None]
    orphans: tuple[int | None, int | None]

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "pages": list(self.pages),
            "hub_pagerank": list(self.hub_pagerank),
            "orphans": list(self.orphans),
        }


@dataclass(frozen=True)
class ApprovalRecord:
    """An `approvals` entry, where it is written (the head's file for one added, the base's
    for one removed)."""

    subject: str  # the target URL or the domain
    kind: str  # "target" | "domain"
    pages: tuple[str, ...]
    approver: str
    date: str
    reason: str
    expires: str | None
    path: str
    line: int

    def to_dict(self) -> dict[str, Any]:
        return {
            self.kind: self.subject,
            "pages": list(self.pages),
            "approver": self.approver,
            "date": self.date,
            "reason": self.reason,
            "expires": self.expires,
            "path": self.path,
            "line": self.line,
        }


@dataclass
class DiffResult:
    base: str
    head: str
    pages_added: list[str] = field(default_factory=list)
    pages_removed: list[str] = field(default_factory=list)
    links_added: list[LinkRecord] = field(default_factory=list)
    links_removed: list[LinkRecord] = field(default_factory=list)
    anchor_changed: list[dict[str, str]] = field(default_factory=list)
    findings_new: list[Finding] = field(default_factory=list)
    findings_fixed: list[Finding] = field(default_factory=list)
    clusters: list[ClusterDelta] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    approvals_added: list[ApprovalRecord] = field(default_factory=list)
    approvals_removed: list[ApprovalRecord] = field(default_factory=list)
    #: per-cluster crawl, indexing and traffic signals of the head (`--signals`)
    signals: list[ClusterSignals] = field(default_factory=list)

    def fails(self, fail_on: Severity) -> bool:
        return any(f.severity >= fail_on for f in self.findings_new)

    def by_kind(self) -> dict[str, dict[str, int]]:
        """Links added and removed per kind (content, block, navigation)."""
        return {
            kind.value: {
                "added": sum(1 for r in self.links_added if r.kind is kind),
                "removed": sum(1 for r in self.links_removed if r.kind is kind),
            }
            for kind in EdgeKind
        }

    def to_dict(self) -> dict[str, Any]:
        return {
            "version": 1,
            "base": self.base,
            "head": self.head,
            "pages": {"added": self.pages_added, "removed": self.pages_removed},
            "links": {
                "added": [lk.to_dict() for lk in self.links_added],
                "removed": [lk.to_dict() for lk in self.links_removed],
                "anchor_changed": self.anchor_changed,
                "by_kind": self.by_kind(),
            },
            "findings": {
                "new": [f.to_dict() for f in self.findings_new],
                "fixed": [f.to_dict() for f in self.findings_fixed],
            },
            "clusters": [c.to_dict() for c in self.clusters],
            "approvals": {
                "added": [a.to_dict() for a in self.approvals_added],
                "removed": [a.to_dict() for a in self.approvals_removed],
            },
        } | ({"signals": [s.to_dict() for s in self.signals]} if self.signals else {})


def packed_links(analysis: Analysis) -> dict[str, bytes]:
    """Every link of the crawler's graph, packed page by page (source URL -> its links, see
    :func:`_unpacked`): Markdown links one by one, then navigation edges once a page pair
    (line 0: the templates make them). A page's links are compared packed, and unpacked
    only when they changed: a big site's millions of links never all become objects."""
    pages = analysis.graph.pages
    generated = set(analysis.graph.generated)  # (a tag page: no file of its own)
    navigation: dict[str, list[tuple[str, str, str, int, str]]] = {}
    for source, target, kind in sorted(set(navigation_edges(analysis.site.navigation, pages, generated))):
        path = pages[source].path if source in pages else ""
        navigation.setdefault(source, []).append((target, "", path, 0, kind.value))
    packed: dict[str, bytes] = {}
    for page in analysis.site.published:  # each page packed as it is read (never all unpacked)
        own = []
        for link in page.links:
            target = link.target_page
            if link.is_page_link and target is not None and target is not page:
                anchor = " ".join(link.text.split())
                own.append((target.url, anchor, page.path, link.line, link_kind(link).value))
        own += navigation.pop(page.url, ())
        if own:
            packed[page.url] = marshal.dumps(tuple(own))
    for source, own in navigation.items():
        packed[source] = marshal.dumps(tuple(own))
    return packed


def link_changes(head: dict[str, bytes], base: dict[str, bytes]) -> tuple[list[LinkRecord], list[LinkRecord]]:
    """The links ``head`` has that ``base`` has not, and the reverse (both packed by
    :func:`packed_links`), one for one: a link's key is its pages, anchor and kind. Only the
    pages whose packed links differ are unpacked; the head's pages come first, in order."""
    key = operator.attrgetter("key")
    added: list[LinkRecord] = []
    removed: list[LinkRecord] = []
    for source in dict.fromkeys([*head, *base]):
        after, before = head.get(source), base.get(source)
        if after != before:  # a link's key includes its page: the other pages' cancel out
            head_own, base_own = _unpacked(source, after), _unpacked(source, before)
            added += _multiset_minus(head_own, base_own, key)
            removed += _multiset_minus(base_own, head_own, key)
    return added, removed


def _unpacked(source: str, packed: bytes | None) -> list[LinkRecord]:
    """The links of the page at URL ``source`` that :func:`packed_links` packed."""
    if packed is None:
        return []
    return [LinkRecord(source, t, a, p, line, EdgeKind(k)) for t, a, p, line, k in marshal.loads(packed)]


def _multiset_minus(a: list[Any], b: list[Any], key: Any) -> list[Any]:
    """Items of ``a`` whose key is not matched one-for-one in ``b``."""
    remaining = Counter(key(x) for x in b)
    out = []
    for item in a:
        k = key(item)
        if remaining[k] > 0:
            remaining[k] -= 1
        else:
            out.append(item)
    return out


ClusterStats = tuple[int | None, float | None, int | None]  # published pages, hub PageRank, orphans
_NO_STATS: ClusterStats = (None, None, None)


def _cluster_stats(analysis: Analysis, cid: str) -> ClusterStats:
    cluster = analysis.clusters[cid]
    pages = [p for p in [cluster.hub, *cluster.members] if p.published and p.readable]
    rank = analysis.graph.rank(cluster.hub.url)
    orphans = sum(1 for p in pages if p is not analysis.site.home and not analysis.graph.inbound_kinds(p.url))
    return len(pages), (round(rank, 4) if rank is not None else None), orphans


@dataclass
class _Side:
    """What the diff compares of one revision. Made as soon as its analysis is done, so
    that the base's analysis is let go before the head's is made (a big site's two at once
    took twice the memory)."""

    pages: set[str]
    links: dict[str, bytes]  # by source URL, packed (see packed_links)
    findings: list[Finding]
    stats: dict[str, ClusterStats]  # by cluster id, in the policy's order
    #: cluster id -> (hub URL, member URLs), for the guardrails
    clusters: dict[str, tuple[str, set[str]]]

    @classmethod
    def of(cls, analysis: Analysis) -> _Side:
        return cls(
            pages={p.url for p in analysis.site.published},
            links=packed_links(analysis),
            findings=findings_of(analysis),
            stats={cid: _cluster_stats(analysis, cid) for cid in analysis.clusters},
            clusters={cid: (c.hub.url, {m.url for m in c.members}) for cid, c in analysis.clusters.items()},
        )


#: Markdown files in the base revision from which its analysis runs in a process of its own
BACKGROUND_PAGES = 1000


def _attach_signals(analysis: Analysis, signal_paths: Sequence[Path]) -> list[ClusterSignals]:
    from .signals.run import attach

    return attach(analysis, signal_paths).clusters


def _base_policy(base_source: GitRevision, head: LoadedPolicy, notes: list[str]) -> LoadedPolicy:
    directory = head.repo_dir or "policies"
    try:
        return load_policies_from(base_source, directory)
    except PolicyError as exc:
        notes.append(
            f"base {base_source.label} has no usable policies ({exc}); it is checked with the head's policies"
        )
        return head


def compute_diff(
    root: Path,
    base: str,
    head: str | None = None,
    policies: Path | None = None,
    cwd: Path | None = None,
    signal_paths: Sequence[Path] = (),
    cache: bool = False,
) -> DiffResult:
    """The changes from ``base`` to ``head`` (None: the work tree); ``cache``: both sides'
    pages through the parse cache (the base's unchanged pages are the head's)."""
    cwd = (cwd or Path.cwd()).resolve()
    notes: list[str] = []
    if head is None:
        head_policy = load(root, policies, cwd)
        head_source: WorkTree | GitRevision = WorkTree(root)
        head_label = WORKTREE
    else:
        head_source = GitRevision(root, head)
        head_policy = load_policies_from(head_source, _policy_dir(root, policies, cwd))
        head_label = head_source.label
    base_source = GitRevision(root, base)
    base_policy = _base_policy(base_source, head_policy, notes)

    def base_side() -> _Side | str:
        try:
            side: _Side | str = _Side.of(analyse_source(root, base_source, base_policy, cache=cache))
        except PolicyError as exc:
            # The base's policy names pages the base does not have (e.g. a hub added later).
            side = f"base {base_source.label} could not be analysed with its policies ({exc})"
        # the analysis's pages and links refer to each other: let them go before the side is
        # sent (from a process of its own) or the head's come
        gc.collect()
        return side

    # On a big site the base is analysed in a process of its own while this one reads the
    # head (each process holds one revision, as one after the other would); else first.
    pages = sum(1 for p in base_source.files("") if p.endswith((".md", ".mdx", ".markdown")))
    background = in_background(base_side, pays=pages >= BACKGROUND_PAGES)
    if background is base_side:
        base_found = base_side()
    with collector.paused(kept=True):  # no collection walks the head's site while it is read
        head_analysis = analyse_source(root, head_source, head_policy, cache=cache)
    now = _Side.of(head_analysis)
    signals = _attach_signals(head_analysis, signal_paths) if signal_paths else None
    del head_analysis
    collector.let_go()  # the head's site, let go, is the collector's to free
    if background is not base_side:
        gc.collect()
        base_found = background()
    base = base_found if isinstance(base_found, _Side) else None
    if isinstance(base_found, str):
        notes.append(base_found)
    result = DiffResult(base=base_source.label, head=head_label, notes=notes)
    if signals is not None:
        result.signals = signals

    base_pages = base.pages if base else set()
    result.pages_added = sorted(now.pages - base_pages)
    result.pages_removed = sorted(base_pages - now.pages)

    base_links = base.links if base else {}
    added, removed = link_changes(now.links, base_links)
    # A link whose anchor changed is one removal and one addition between the same pages.
    removed_by_pair: dict[tuple[str, str], list[LinkRecord]] = defaultdict(list)
    for r in removed:
        if r.kind is not EdgeKind.NAVIGATION:
            removed_by_pair[(r.source, r.target)].append(r)
    still_added = []
    for a in added:
        olds = removed_by_pair.get((a.source, a.target)) if a.kind is not EdgeKind.NAVIGATION else None
        if olds:
            old = olds.pop(0)
            result.anchor_changed.append(
                {
                    "from": a.source,
                    "to": a.target,
                    "old": old.anchor,
                    "new": a.anchor,
                    "path": a.path,
                    "line": a.line,
                }
            )
            removed.remove(old)
        else:
            still_added.append(a)
    order = lambda r: (r.source, r.target, r.kind, r.anchor)  # noqa: E731
    result.links_added = sorted(still_added, key=order)
    result.links_removed = sorted(removed, key=order)

    base_findings = base.findings if base else []
    fp = Finding.fingerprint
    result.findings_new = _multiset_minus(now.findings, base_findings, fp)
    result.findings_fixed = _multiset_minus(base_findings, now.findings, fp)

    base_stats = base.stats if base else {}
    for cid in dict.fromkeys([*base_stats, *now.stats]):
        b, h = base_stats.get(cid, _NO_STATS), now.stats.get(cid, _NO_STATS)
        result.clusters.append(ClusterDelta(cid, (b[0], h[0]), (b[1], h[1]), (b[2], h[2])))

    result.approvals_added, result.approvals_removed = approval_changes(base_policy, head_policy)
    base_from = lambda urls: [r for u in urls for r in _unpacked(u, base_links.get(u))]  # noqa: E731
    breaches = guardrail_breach.breaches(head_policy, result, base_from, base.clusters if base else None)
    result.findings_new = sorted([*result.findings_new, *breaches], key=Finding.sort_key)
    return result


def _approval_records(loaded: LoadedPolicy) -> list[tuple[str, ApprovalRecord]]:
    out = []
    for i, a in enumerate(loaded.policy.approvals):
        path, line, _ = policy_position(loaded, ("approvals", i))
        record = ApprovalRecord(
            subject=a.subject,
            kind="target" if a.target is not None else "domain",
            pages=tuple(a.pages),
            approver=a.approver,
            date=a.date.isoformat(),
            reason=a.reason,
            expires=a.expires.isoformat() if a.expires else None,
            path=path,
            line=line,
        )
        out.append((json.dumps(a.model_dump(mode="json"), sort_keys=True), record))
    return out


def approval_changes(
    base: LoadedPolicy, head: LoadedPolicy
) -> tuple[list[ApprovalRecord], list[ApprovalRecord]]:
    """Approvals the change adds and removes (an edited entry is one of each)."""
    if base is head:
        return [], []
    before, after = _approval_records(base), _approval_records(head)
    key = lambda pair: pair[0]  # noqa: E731
    added = [r for _, r in _multiset_minus(after, before, key)]
    removed = [r for _, r in _multiset_minus(before, after, key)]
    return added, removed


def _policy_dir(root: Path, policies: Path | None, cwd: Path) -> str:
    if policies is None:
        return "policies"
    absolute = (cwd / policies).resolve()
    try:
        return absolute.relative_to(root.resolve()).as_posix()
    except ValueError:
        raise PolicyError(
            str(policies), "the policy directory must be inside the repository for diff"
        ) from None
