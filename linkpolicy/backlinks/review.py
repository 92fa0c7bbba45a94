"""Review referring domains against `domains.backlinks`: one status per registrable
domain with the reasons, link counts, nofollow share, target pages and clusters, and the
weekly velocity of new and lost referring domains.

Status, first match wins: `allowed` (on `allow`), `denied` (on `deny`, or an anchor
matching `anchor_spam`), else `review` or `disavow` as `unlisted` says.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from ..domains import first_match, host_of, registrable_domain
from ..policy.models import Backlinks
from .formats import Export

#: Target pages kept per domain: the first ones seen, with their link counts.
MAX_TARGETS = 20


@dataclass
class DomainReview:
    domain: str
    links: int = 0
    nofollow: int = 0
    lost: int = 0
    status: str = "review"
    reasons: list[str] = field(default_factory=list)
    targets: Counter[str] = field(default_factory=Counter)
    clusters: Counter[str] = field(default_factory=Counter)
    spam: str | None = None
    first_seen: dt.date | None = None
    last_seen: dt.date | None = None
    disavowed: bool = False

    @property
    def nofollow_share(self) -> float:
        return self.nofollow / self.links if self.links else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "domain": self.domain,
            "status": self.status,
            "links": self.links,
            "reasons": self.reasons,
            "nofollow_share": round(self.nofollow_share, 3),
            "lost": self.lost,
            "targets": [t for t, _ in self.targets.most_common(MAX_TARGETS)],
            "clusters": sorted(self.clusters),
            "first_seen": self.first_seen.isoformat() if self.first_seen else None,
            "last_seen": self.last_seen.isoformat() if self.last_seen else None,
            "disavowed": self.disavowed,
        }


@dataclass
class BacklinkReport:
    files: list[tuple[str, str]]  # (path, format label)
    rows: int
    domains: list[DomainReview]
    velocity: dict[str, Any]

    def count(self, status: str) -> int:
        return sum(1 for d in self.domains if d.status == status)

    @property
    def to_disavow(self) -> list[DomainReview]:
        return [d for d in self.domains if d.status in ("denied", "disavow")]

    @property
    def pending(self) -> list[DomainReview]:
        """Domains to disavow that the disavow file does not list yet."""
        return [d for d in self.to_disavow if not d.disavowed]

    def to_dict(self) -> dict[str, Any]:
        return {
            "version": 1,
            "summary": {
                "rows": self.rows,
                "domains": len(self.domains),
                "allowed": self.count("allowed"),
                "denied": self.count("denied"),
                "review": self.count("review"),
                "disavow": self.count("disavow"),
                "pending_disavow": len(self.pending),
            },
            "files": [{"path": p, "format": f} for p, f in self.files],
            "domains": [d.to_dict() for d in self.domains],
            "velocity": self.velocity,
        }


def _week(day: dt.date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def review(
    exports: Iterable[Export],
    policy: Backlinks,
    clusters_of: Callable[[str], list[str]] | None = None,
    disavowed: set[str] | None = None,
) -> BacklinkReport:
    """Stream every row of every export once; memory grows with referring domains only."""
    by_domain: dict[str, DomainReview] = {}
    files, rows = [], 0
    cluster_cache: dict[str, list[str]] = {}
    spam_of = functools.lru_cache(maxsize=65536)(policy.spam)
    for export in exports:
        files.append((str(export.path), export.label))
        for row in export.rows:
            rows += 1
            host = host_of(row.source)
            if not host:
                continue
            domain = registrable_domain(host)
            d = by_domain.get(domain)
            if d is None:
                d = by_domain[domain] = DomainReview(domain)
            d.links += row.links
            if row.nofollow:
                d.nofollow += row.links
            if row.lost:
                d.lost += row.links
            if row.target:
                if row.target in d.targets or len(d.targets) < MAX_TARGETS:
                    d.targets[row.target] += row.links
                if clusters_of is not None:
                    if row.target not in cluster_cache:
                        if len(cluster_cache) > 100_000:
                            cluster_cache.clear()
                        cluster_cache[row.target] = clusters_of(row.target)
                    d.clusters.update(cluster_cache[row.target])
            if d.spam is None and row.anchor:
                d.spam = spam_of(row.anchor)
            seen = [x for x in (row.first_seen, row.last_seen) if x]
            if seen:
                d.first_seen = min([*seen, *([d.first_seen] if d.first_seen else [])])
                d.last_seen = max([*seen, *([d.last_seen] if d.last_seen else [])])
    disavowed = disavowed or set()
    for d in by_domain.values():
        allowed = first_match(d.domain, policy.allow)
        denied = first_match(d.domain, policy.deny)
        if allowed:
            d.status, d.reasons = "allowed", [f"allow {allowed}"]
        elif denied or d.spam:
            d.status = "denied"
            d.reasons = ([f"deny {denied}"] if denied else []) + ([f"anchor_spam {d.spam}"] if d.spam else [])
        else:
            d.status, d.reasons = policy.unlisted, ["unlisted"]
        d.disavowed = d.domain in disavowed or any(d.domain.endswith("." + x) for x in disavowed)
    order = {"denied": 0, "disavow": 1, "review": 2, "allowed": 3}
    domains = sorted(by_domain.values(), key=lambda d: (order[d.status], -d.links, d.domain))
    return BacklinkReport(files, rows, domains, _velocity(domains))


def _velocity(domains: list[DomainReview]) -> dict[str, Any]:
    """New referring domains per ISO week (first seen), lost ones (every link lost, by
    last seen), overall and per target cluster. Empty when the export has no dates."""
    weeks: dict[str, Counter[str]] = defaultdict(Counter)
    by_cluster: dict[str, dict[str, Counter[str]]] = defaultdict(lambda: defaultdict(Counter))
    for d in domains:
        events = []
        if d.first_seen:
            events.append((_week(d.first_seen), "new"))
        if d.lost and d.lost >= d.links and d.last_seen:
            events.append((_week(d.last_seen), "lost"))
        for week, kind in events:
            weeks[week][kind] += 1
            for cluster in d.clusters:
                by_cluster[cluster][week][kind] += 1

    def table(data: dict[str, Counter[str]]) -> list[dict[str, Any]]:
        return [{"week": w, "new": c["new"], "lost": c["lost"]} for w, c in sorted(data.items())]

    return {"weeks": table(weeks), "clusters": {cid: table(w) for cid, w in sorted(by_cluster.items())}}
