"""The internal link graph of published pages, and the measures rules read from it."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

import networkx as nx

from .model import Link, Page, Site


@dataclass
class SiteGraph:
    """Nodes are published page URLs; an edge a -> b means page a links to page b."""

    graph: nx.DiGraph
    pages: dict[str, Page]
    #: page URL -> links from other published pages that reach it
    inbound: dict[str, list[Link]] = field(default_factory=dict)
    pagerank: dict[str, float] = field(default_factory=dict)
    #: shortest link path length from the home page, for pages reachable from it
    depth: dict[str, int] = field(default_factory=dict)

    def depth_from(self, url: str) -> dict[str, int]:
        if url not in self.graph:
            return {}
        return dict(nx.single_source_shortest_path_length(self.graph, url))


def build_graph(site: Site, include_blocks: bool = True) -> SiteGraph:
    """The graph of published pages; ``include_blocks=False`` leaves out links inside
    managed blocks (what block selection ranks by, so regenerating is idempotent)."""
    graph: nx.DiGraph = nx.DiGraph()
    pages = {p.url: p for p in site.published}
    graph.add_nodes_from(sorted(pages))
    inbound: dict[str, list[Link]] = defaultdict(list)
    for url, page in pages.items():
        for link in page.links:
            if not link.is_page_link or link.target_page is None:
                continue
            if not include_blocks and link.raw.block is not None:
                continue
            target = link.target_page
            if target is page or target.url not in pages:
                continue
            graph.add_edge(url, target.url)
            inbound[target.url].append(link)
    home = site.home.url if site.home is not None and site.home.url in graph else None
    # Links the templates make: menus, sidebars, section lists, breadcrumbs.
    graph.add_edges_from(
        (n.source, n.target) for n in site.navigation if n.source in pages and n.target in pages
    )
    pagerank: dict[str, float] = nx.pagerank(graph, alpha=0.85) if len(graph) else {}
    depth = dict(nx.single_source_shortest_path_length(graph, home)) if home else {}
    return SiteGraph(graph=graph, pages=pages, inbound=dict(inbound), pagerank=pagerank, depth=depth)
