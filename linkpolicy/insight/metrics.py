"""Site, cluster and page metrics computed from an analysis's link graph (`linkpolicy stats`).

Content, block and navigation links are told apart: ``inlinks_content`` and
``inlinks_block`` count the Markdown links other published pages write (one per link, as
crawl auditors count "inlinks"), ``inlinks_navigation`` the pages whose templates link
(one per page pair, as the graph models them). Orphans, reachability, click depth and
PageRank use every kind, as the rules do.
"""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..site.graph import SiteGraph, link_kind
from ..site.model import EdgeKind, LinkKind, Page
from . import graphview

if TYPE_CHECKING:
    from ..analysis import Analysis
    from ..site.clusters import Cluster

#: version of the JSON documents of `stats` and `stats --pages`
VERSION = 1

HUB, MEMBER = "hub", "member"


@dataclass(frozen=True)
class PageMetrics:
    """One published page's figures in the link graph."""

    url: str
    path: str
    title: str
    #: clusters the page belongs to: the one it is the hub of first, then those it is a member of
    clusters: tuple[str, ...]
    #: "hub" when it is the hub of a cluster, "member" when only a member, None when unclustered
    role: str | None
    inlinks_content: int
    inlinks_block: int
    inlinks_navigation: int
    unique_inlinking_pages: int
    #: pages this page links to (every kind)
    outlinks: int
    #: shortest link path from the home page; None when no path leads there
    depth: int | None
    pagerank: float
    orphan: bool
    unreachable: bool


@dataclass(frozen=True)
class Distribution:
    """Minimum, median, mean and maximum of a count over a set of pages."""

    min: int
    median: float
    mean: float
    max: int

    @classmethod
    def of(cls, values: Sequence[int]) -> Distribution:
        if not values:
            return cls(0, 0.0, 0.0, 0)
        return cls(
            min(values), float(statistics.median(values)), round(statistics.fmean(values), 2), max(values)
        )


@dataclass(frozen=True)
class AnchorDiversity:
    """The anchor texts of the links authors wrote to a hub (case and spacing folded)."""

    inbound: int
    distinct: int
    #: distinct / inbound; None without inbound links
    ratio: float | None
    #: the most frequent anchors, (anchor, count), most frequent first
    top: tuple[tuple[str, int], ...]


@dataclass(frozen=True)
class ClusterMetrics:
    id: str
    hub: str
    hub_path: str
    #: published pages of the cluster in the graph, hub included
    pages: int
    #: None when the hub is not a published page of the graph
    hub_pagerank: float | None
    #: 1-based rank of the hub's PageRank among the cluster's pages and among all pages
    hub_rank_in_cluster: int | None
    hub_rank_in_site: int | None
    orphans: tuple[str, ...]
    unreachable: tuple[str, ...]
    #: click depth -> pages at that depth; pages no path reaches are in ``not_reached``
    depth_histogram: dict[int, int]
    not_reached: int
    #: unique inlinking pages and outlinks of the cluster's pages
    inbound: Distribution
    outbound: Distribution
    anchors: AnchorDiversity


@dataclass(frozen=True)
class VelocityRow:
    """Internal links added and removed in one ISO week (``2026-W47``) in one cluster."""

    cluster: str
    week: str
    added: int
    removed: int


@dataclass(frozen=True)
class ClusterSignals:
    """Imported signals summed per cluster (crawl hits, clicks, impressions ...): name -> value."""

    cluster: str
    values: dict[str, float | int | str | bool | None]


@dataclass(frozen=True)
class PageEdge:
    """A page-to-page edge of the graph and its kinds (``content``, ``block``, ``navigation``)."""

    source: str
    target: str
    kinds: tuple[str, ...]


@dataclass
class SiteStats:
    """Everything `stats` and the HTML report show about a site."""

    home: str | None
    #: published pages in the link graph
    pages: int
    unpublished: int
    unclustered: int
    #: links by kind: Markdown links between published pages (content, block), navigation
    #: page pairs, and outbound (external) hyperlinks
    links: dict[str, int]
    #: page-to-page edges of the graph per kind (an edge of two kinds counts for both)
    edges: dict[str, int]
    orphans: tuple[str, ...]
    unreachable: tuple[str, ...]
    depth_histogram: dict[int, int]
    not_reached: int
    clusters: list[ClusterMetrics]
    page_metrics: list[PageMetrics]
    #: every page-to-page edge, sorted (what the report draws)
    edge_list: list[PageEdge] = field(default_factory=list)
    #: link velocity per cluster and week, when history was read (None: not computed)
    velocity: list[VelocityRow] | None = None
    #: imported signals per cluster, when given (None: not computed)
    signals: list[ClusterSignals] | None = field(default=None)
    #: what could not be computed and why (e.g. velocity outside a git repository)
    notes: list[str] = field(default_factory=list)


def compute(analysis: Analysis) -> SiteStats:
    """The metrics of the analysed site."""
    graph, site = analysis.graph, analysis.site
    pages = page_metrics(analysis)
    by_url = {m.url: m for m in pages}
    clusters = [cluster_metrics(c, graph, by_url) for c in analysis.clusters.values()]
    reached = [m.depth for m in pages if m.depth is not None]
    return SiteStats(
        home=site.home.url if site.home is not None and site.home.url in graph.pages else None,
        pages=len(pages),
        unpublished=sum(1 for p in site.pages if not (p.published and p.readable)),
        unclustered=sum(1 for m in pages if m.role is None),
        links=_links_by_kind(analysis),
        edges=_edge_counts(graph),
        orphans=tuple(m.url for m in pages if m.orphan),
        unreachable=tuple(m.url for m in pages if m.unreachable),
        depth_histogram=dict(sorted(Counter(reached).items())),
        not_reached=len(pages) - len(reached),
        clusters=clusters,
        page_metrics=pages,
        edge_list=[
            PageEdge(u, v, tuple(sorted(k.value for k in kinds))) for u, v, kinds in graphview.edges(graph)
        ],
    )


def page_metrics(analysis: Analysis) -> list[PageMetrics]:
    """Per-page figures, sorted by URL."""
    graph = analysis.graph
    hubs = {c.hub.url: cid for cid, c in analysis.clusters.items()}
    home = analysis.site.home.url if analysis.site.home is not None else None
    rank, depth = graphview.pagerank(graph), graphview.depths(graph)
    inlinking, by_navigation, outlinks = graphview.degrees(graph)
    out = []
    for i, url in enumerate(graphview.nodes(graph)):
        page = graph.pages[url]
        authored = Counter(link_kind(link) for link in graph.inbound.get(url, ()))
        clusters = tuple(dict.fromkeys([*([hubs[url]] if url in hubs else []), *page.clusters]))
        orphan = url != home and not inlinking[i]
        out.append(
            PageMetrics(
                url=url,
                path=page.path,
                title=page.title,
                clusters=clusters,
                role=HUB if url in hubs else MEMBER if page.clusters else None,
                inlinks_content=authored[EdgeKind.CONTENT],
                inlinks_block=authored[EdgeKind.BLOCK],
                inlinks_navigation=by_navigation[i],
                unique_inlinking_pages=inlinking[i],
                outlinks=outlinks[i],
                depth=depth.get(url),
                pagerank=rank.get(url, 0.0),
                orphan=orphan,
                unreachable=bool(depth) and url != home and not orphan and url not in depth,
            )
        )
    return out


def cluster_metrics(cluster: Cluster, graph: SiteGraph, by_url: dict[str, PageMetrics]) -> ClusterMetrics:
    urls = [cluster.hub.url, *(m.url for m in cluster.published_members)]
    members = [by_url[u] for u in dict.fromkeys(urls) if u in by_url]
    hub = by_url.get(cluster.hub.url)
    reached = [m.depth for m in members if m.depth is not None]
    return ClusterMetrics(
        id=cluster.id,
        hub=cluster.hub.url,
        hub_path=cluster.hub.path,
        pages=len(members),
        hub_pagerank=hub.pagerank if hub else None,
        hub_rank_in_cluster=_rank(hub, members),
        hub_rank_in_site=_rank(hub, by_url.values()),
        orphans=tuple(m.url for m in members if m.orphan),
        unreachable=tuple(m.url for m in members if m.unreachable),
        depth_histogram=dict(sorted(Counter(reached).items())),
        not_reached=len(members) - len(reached),
        inbound=Distribution.of([m.unique_inlinking_pages for m in members]),
        outbound=Distribution.of([m.outlinks for m in members]),
        anchors=anchor_diversity(graph, cluster.hub),
    )


def _rank(page: PageMetrics | None, among: Iterable[PageMetrics]) -> int | None:
    if page is None:
        return None
    return 1 + sum(1 for m in among if m.pagerank > page.pagerank + 1e-15)


def anchor_diversity(graph: SiteGraph, hub: Page, top: int = 5) -> AnchorDiversity:
    anchors = Counter(" ".join(link.text.split()).casefold() for link in graph.inbound.get(hub.url, ()))
    total = sum(anchors.values())
    ordered = sorted(anchors.items(), key=lambda item: (-item[1], item[0]))
    return AnchorDiversity(
        inbound=total,
        distinct=len(anchors),
        ratio=round(len(anchors) / total, 3) if total else None,
        top=tuple(ordered[:top]),
    )


def _links_by_kind(analysis: Analysis) -> dict[str, int]:
    graph = analysis.graph
    authored = Counter(link_kind(link) for links in graph.inbound.values() for link in links)
    navigation = sum(1 for _, _, kinds in graphview.edges(graph) if EdgeKind.NAVIGATION in kinds)
    external = sum(
        1
        for url in graph.pages
        for link in graph.pages[url].links
        if link.kind is LinkKind.EXTERNAL and not link.is_image
    )
    return {
        "content": authored[EdgeKind.CONTENT],
        "block": authored[EdgeKind.BLOCK],
        "navigation": navigation,
        "external": external,
    }


def _edge_counts(graph: SiteGraph) -> dict[str, int]:
    counts = {kind.value: 0 for kind in EdgeKind}
    for _, _, kinds in graphview.edges(graph):
        for kind in kinds:
            counts[kind.value] += 1
    return counts
