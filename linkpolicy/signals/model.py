"""The result types of `linkpolicy signals`: per page, per cluster, unmatched URLs."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from ..findings import Finding


@dataclass(slots=True)
class Raw:
    """What the imported files say about one URL (summed over files and rows)."""

    requests: int = 0  # every logged request, crawler or not
    crawl_hits: Counter[str] = field(default_factory=Counter)  # crawler -> hits
    statuses: Counter[int] = field(default_factory=Counter)  # status codes served to crawlers
    last_crawl: dt.date | None = None
    daily_crawl: Counter[dt.date] = field(default_factory=Counter)
    indexed: bool | None = None
    index_reason: str = ""
    clicks: int = 0
    impressions: int = 0
    position_sum: float = 0.0  # position x impressions, for the average position
    sessions: int = 0
    engaged_sessions: int = 0
    conversions: float = 0.0
    #: dated rows (a CSV with a date column): day -> clicks, sessions
    daily_clicks: Counter[dt.date] = field(default_factory=Counter)
    daily_sessions: Counter[dt.date] = field(default_factory=Counter)
    rows: int = 0

    def merge(self, other: Raw) -> None:
        self.requests += other.requests
        self.crawl_hits.update(other.crawl_hits)
        self.statuses.update(other.statuses)
        self.daily_crawl.update(other.daily_crawl)
        self.daily_clicks.update(other.daily_clicks)
        self.daily_sessions.update(other.daily_sessions)
        if other.last_crawl and (self.last_crawl is None or other.last_crawl > self.last_crawl):
            self.last_crawl = other.last_crawl
        if other.indexed is not None:
            # indexed anywhere wins; otherwise keep the first reason given
            if self.indexed is None or (other.indexed and not self.indexed):
                self.indexed, self.index_reason = other.indexed, other.index_reason
        self.clicks += other.clicks
        self.impressions += other.impressions
        self.position_sum += other.position_sum
        self.sessions += other.sessions
        self.engaged_sessions += other.engaged_sessions
        self.conversions += other.conversions
        self.rows += other.rows


@dataclass
class PageSignals:
    url: str
    path: str
    clusters: list[str]
    depth: int | None
    inbound: int  # pages linking to it (every kind of link)
    raw: Raw

    @property
    def crawl_hits(self) -> int:
        return sum(self.raw.crawl_hits.values())

    @property
    def ctr(self) -> float | None:
        return self.raw.clicks / self.raw.impressions if self.raw.impressions else None

    @property
    def position(self) -> float | None:
        return self.raw.position_sum / self.raw.impressions if self.raw.impressions else None

    def to_dict(self) -> dict[str, Any]:
        r = self.raw
        return {
            "url": self.url,
            "path": self.path,
            "clusters": self.clusters,
            "depth": self.depth,
            "inbound": self.inbound,
            "requests": r.requests,
            "crawl_hits": self.crawl_hits,
            "crawlers": dict(sorted(r.crawl_hits.items())),
            "last_crawl": r.last_crawl.isoformat() if r.last_crawl else None,
            "statuses": {str(k): v for k, v in sorted(r.statuses.items())},
            "indexed": r.indexed,
            "index_reason": r.index_reason or None,
            "clicks": r.clicks,
            "impressions": r.impressions,
            "ctr": _round(self.ctr),
            "position": _round(self.position, 2),
            "sessions": r.sessions,
            "engaged_sessions": r.engaged_sessions,
            "conversions": r.conversions,
        }


@dataclass
class ClusterSignals:
    id: str
    hub: str
    pages: int = 0
    crawled_pages: int = 0
    crawl_hits: int = 0
    hub_last_crawl: dt.date | None = None
    hub_indexed: bool | None = None
    indexed: int = 0
    not_indexed: int = 0
    clicks: int = 0
    impressions: int = 0
    sessions: int = 0
    conversions: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "hub": self.hub,
            "pages": self.pages,
            "crawled_pages": self.crawled_pages,
            "crawl_hits": self.crawl_hits,
            "hub_last_crawl": self.hub_last_crawl.isoformat() if self.hub_last_crawl else None,
            "hub_indexed": self.hub_indexed,
            "indexed": self.indexed,
            "not_indexed": self.not_indexed,
            "clicks": self.clicks,
            "impressions": self.impressions,
            "sessions": self.sessions,
            "conversions": self.conversions,
        }


@dataclass
class SourceFile:
    """One imported file: what it was recognised as and how many rows it held."""

    path: str
    kind: str
    label: str
    rows: int = 0
    skipped: int = 0  # lines or rows that could not be read

    def to_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "kind": self.kind,
            "label": self.label,
            "rows": self.rows,
            "skipped": self.skipped,
        }


@dataclass
class Unmatched:
    url: str
    rows: int
    reason: str

    def to_dict(self) -> dict[str, Any]:
        return {"url": self.url, "rows": self.rows, "reason": self.reason}


@dataclass
class SignalsResult:
    sources: list[SourceFile]
    pages: list[PageSignals]
    clusters: list[ClusterSignals]
    unmatched: list[Unmatched]  # the top ones, most rows first
    unmatched_urls: int
    unmatched_rows: int
    #: the last day the access logs cover (the reference for "not crawled in N days")
    log_end: dt.date | None = None
    has_crawl: bool = False
    #: Combined Log Format logs were read (crawlers told apart by user agent)
    has_logs: bool = False
    has_index: bool = False
    has_traffic: bool = False
    notes: list[str] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)

    def page(self, url: str) -> PageSignals | None:
        return self._by_url().get(url)

    def _by_url(self) -> dict[str, PageSignals]:
        cached: dict[str, PageSignals] | None = getattr(self, "_index", None)
        if cached is None:
            cached = {p.url: p for p in self.pages}
            self._index = cached
        return cached

    def cluster(self, cid: str) -> ClusterSignals | None:
        return next((c for c in self.clusters if c.id == cid), None)

    def to_dict(self, pages: bool = True) -> dict[str, Any]:
        doc: dict[str, Any] = {
            "version": 1,
            "summary": {
                "sources": len(self.sources),
                "pages_with_signals": sum(1 for p in self.pages if p.raw.rows),
                "unmatched_urls": self.unmatched_urls,
                "unmatched_rows": self.unmatched_rows,
                "log_end": self.log_end.isoformat() if self.log_end else None,
            },
            "sources": [s.to_dict() for s in self.sources],
            "clusters": [c.to_dict() for c in self.clusters],
            "unmatched": [u.to_dict() for u in self.unmatched],
            "findings": [f.to_dict() for f in self.findings],
            "notes": self.notes,
        }
        if pages:
            doc["pages"] = [p.to_dict() for p in self.pages]
        return doc


def _round(value: float | None, digits: int = 4) -> float | None:
    return round(value, digits) if value is not None else None
