"""The internal link graph of published pages, and the measures rules read from it.

Every edge carries the kinds of the links behind it (`EdgeKind`): ``content`` (written
in the page), ``block`` (a managed block) and ``navigation`` (made by templates). The
crawler's graph is all of them; rules about what authors wrote read only the first two.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

import networkx as nx

from .model import EdgeKind, Link, NavLink, Page, Site

AUTHORED = frozenset({EdgeKind.CONTENT, EdgeKind.BLOCK})


@dataclass
class SiteGraph:
    """Nodes are published page URLs; an edge a -> b means page a links to page b, with
    the set of its kinds in the edge attribute ``kinds``."""

    graph: nx.DiGraph
    pages: dict[str, Page]
    #: page URL -> Markdown links (content and block) from other published pages that reach it
    inbound: dict[str, list[Link]] = field(default_factory=dict)
    pagerank: dict[str, float] = field(default_factory=dict)
    #: shortest link path length from the home page, for pages reachable from it
    depth: dict[str, int] = field(default_factory=dict)

    def depth_from(self, url: str) -> dict[str, int]:
        if url not in self.graph:
            return {}
        return dict(nx.single_source_shortest_path_length(self.graph, url))

    def kinds(self, source: str, target: str) -> frozenset[EdgeKind]:
        data = self.graph.get_edge_data(source, target)
        return data["kinds"] if data else frozenset()

    def inbound_kinds(self, url: str) -> set[EdgeKind]:
        """The kinds of the links other pages make to ``url`` (empty: an orphan)."""
        if url not in self.graph:
            return set()
        return {k for src in self.graph.predecessors(url) for k in self.graph.edges[src, url]["kinds"]}

    def edge_counts(self) -> dict[str, int]:
        """Page-to-page edges per kind (an edge with two kinds counts for both)."""
        counts = {kind.value: 0 for kind in EdgeKind}
        for _, _, kinds in self.graph.edges(data="kinds"):
            for kind in kinds:
                counts[kind.value] += 1
        return counts


def link_kind(link: Link) -> EdgeKind:
    return EdgeKind.BLOCK if link.raw.block is not None else EdgeKind.CONTENT


def _add(graph: nx.DiGraph, source: str, target: str, kind: EdgeKind) -> None:
    if graph.has_edge(source, target):
        graph.edges[source, target]["kinds"] |= {kind}
    else:
        graph.add_edge(source, target, kinds=frozenset({kind}))


def _markdown_edges(
    pages: dict[str, Page], include_blocks: bool
) -> tuple[list[tuple[str, str, EdgeKind]], dict[str, list[Link]]]:
    edges: list[tuple[str, str, EdgeKind]] = []
    inbound: dict[str, list[Link]] = defaultdict(list)
    for url, page in pages.items():
        for link in page.links:
            target = link.target_page
            if not link.is_page_link or target is None or target is page or target.url not in pages:
                continue
            if not include_blocks and link.raw.block is not None:
                continue
            edges.append((url, target.url, link_kind(link)))
            inbound[target.url].append(link)
    return edges, dict(inbound)


def navigation_edges(links: Iterable[NavLink], pages: dict[str, Page]) -> list[tuple[str, str, EdgeKind]]:
    return [
        (nav.source, nav.target, EdgeKind.NAVIGATION)
        for nav in links
        if nav.source in pages and nav.target in pages and nav.source != nav.target
    ]


def build_graph(site: Site, include_blocks: bool = True) -> SiteGraph:
    """The crawler's graph of published pages. From the sources: the pages' Markdown links
    and ``site.navigation``; from a built site (``site.rendered``): its built pages and the
    links of its HTML. ``include_blocks=False`` leaves out links inside managed blocks and
    reads the sources only (what block selection ranks by, so regenerating is idempotent)."""
    graph: nx.DiGraph = nx.DiGraph()
    pages = {p.url: p for p in site.published}
    rendered = site.rendered if include_blocks else None
    if rendered is not None:  # the built site's pages are the nodes
        not_built = set(rendered.not_built)
        pages = {url: p for url, p in pages.items() if p.path not in not_built}
    graph.add_nodes_from(sorted(pages))
    markdown, inbound = _markdown_edges(pages, include_blocks)
    if rendered is not None:
        edges = [(e.source, e.target, e.kind) for e in rendered.edges]
    else:
        edges = [*markdown, *navigation_edges(site.navigation, pages)]
    for source, target, kind in edges:
        if source in pages and target in pages:
            _add(graph, source, target, kind)
    home = site.home.url if site.home is not None and site.home.url in graph else None
    pagerank: dict[str, float] = nx.pagerank(graph, alpha=0.85) if len(graph) else {}
    depth = dict(nx.single_source_shortest_path_length(graph, home)) if home else {}
    return SiteGraph(graph=graph, pages=pages, inbound=inbound, pagerank=pagerank, depth=depth)
