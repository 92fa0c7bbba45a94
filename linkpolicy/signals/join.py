"""Collected URLs joined to the site's pages, then summed per cluster."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from urllib.parse import urlsplit

from ..domains import normalize_host
from ..site.clusters import Cluster
from ..site.graph import SiteGraph
from ..site.model import Page, Site
from .collect import Collector
from .crawlers import NAMES
from .model import ClusterSignals, PageSignals, Raw, SignalsResult, Unmatched
from .urls import Matcher

SPOOF_NOTE = (
    "crawlers are recognised by user agent only (no reverse DNS here): a spoofed agent "
    "counts as the crawler it names"
)


def hosts_of(base_url: str, hosts: list[str]) -> set[str]:
    return {normalize_host(urlsplit(base_url).netloc)} | {normalize_host(h) for h in hosts} - {""}


def join(
    collector: Collector,
    site: Site,
    graph: SiteGraph,
    clusters: dict[str, Cluster],
    hosts: set[str],
    log_end: dt.date | None,
    top: int = 20,
) -> SignalsResult:
    matcher = Matcher(site, hosts)
    per_page: dict[str, Raw] = {}
    pages: dict[str, Page] = {}
    missed: dict[str, tuple[int, str]] = {}
    for key, raw in collector.records.items():
        hit = matcher.match(key)
        if isinstance(hit, str):
            missed[key] = (raw.rows, hit)
            continue
        pages[hit.url] = hit
        per_page.setdefault(hit.url, Raw()).merge(raw)
    for raw in per_page.values():
        if raw.daily_crawl:
            newest = max(raw.daily_crawl)
            raw.last_crawl = newest if raw.last_crawl is None else max(raw.last_crawl, newest)
    result = SignalsResult(
        sources=collector.sources,
        pages=_pages(site, graph, per_page),
        clusters=[],
        unmatched=[
            Unmatched(u, n, why)
            for u, (n, why) in sorted(missed.items(), key=lambda i: (-i[1][0], i[0]))[:top]
        ],
        unmatched_urls=len(missed),
        unmatched_rows=sum(n for n, _ in missed.values()),
        log_end=log_end,
    )
    kinds = collector.kinds
    result.has_crawl = any(k == "log-combined" or k == "gsc-indexing" for k in kinds)
    result.has_logs = "log-combined" in kinds
    result.has_index = "gsc-indexing" in kinds or any(r.indexed is not None for r in per_page.values())
    result.has_traffic = bool({"gsc-performance", "ga4", "csv"} & kinds)
    result.clusters = [_cluster(c, result) for c in clusters.values()]
    if "log-combined" in kinds:
        result.notes.append(SPOOF_NOTE + f"; known crawlers: {', '.join(NAMES)}")
    if "log-common" in kinds:
        result.notes.append("Common Log Format has no user agent: those requests count, but as no crawler's")
    return result


def _pages(site: Site, graph: SiteGraph, per_page: dict[str, Raw]) -> list[PageSignals]:
    """Every published page (with or without signals), in URL order."""
    out = []
    inlinking = graph.degrees().tolist()
    for page in sorted(site.published, key=lambda p: p.url):
        i = graph.ids.get(page.url)
        inbound = 0 if i is None else inlinking[i]
        raw = per_page.get(page.url, Raw())
        out.append(
            PageSignals(page.url, page.path, list(page.clusters), graph.depth.get(page.url), inbound, raw)
        )
    return out


def _cluster(cluster: Cluster, result: SignalsResult) -> ClusterSignals:
    out = ClusterSignals(cluster.id, cluster.hub.url)
    hub = result.page(cluster.hub.url)
    if hub is not None:
        out.hub_last_crawl, out.hub_indexed = hub.raw.last_crawl, hub.raw.indexed
    seen: Counter[str] = Counter()
    for page in [cluster.hub, *cluster.published_members]:
        signals = result.page(page.url)
        if signals is None or seen[page.url]:
            continue
        seen[page.url] += 1
        raw = signals.raw
        out.pages += 1
        out.crawled_pages += 1 if signals.crawl_hits or raw.last_crawl else 0
        out.crawl_hits += signals.crawl_hits
        out.indexed += raw.indexed is True
        out.not_indexed += raw.indexed is False
        out.clicks += raw.clicks
        out.impressions += raw.impressions
        out.sessions += raw.sessions
        out.conversions += raw.conversions
    return out
