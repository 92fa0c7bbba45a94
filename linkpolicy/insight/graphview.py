"""The few graph measures insight reads, each behind one small function.

Metrics, export and the report ask the link graph only through these, so how the graph
stores and computes them (networkx today, sparse arrays tomorrow) stays out of their way.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..site.graph import SiteGraph
from ..site.model import EdgeKind


def nodes(graph: SiteGraph) -> list[str]:
    """Page URLs of the graph, sorted."""
    return sorted(graph.graph.nodes)


def pagerank(graph: SiteGraph) -> dict[str, float]:
    return graph.pagerank


def depths(graph: SiteGraph) -> dict[str, int]:
    """Click depth from the home page, for the pages a link path reaches."""
    return graph.depth


def edges(graph: SiteGraph) -> Iterator[tuple[str, str, frozenset[EdgeKind]]]:
    """Every page-to-page edge with its kinds, in a stable order."""
    yield from sorted(graph.graph.edges(data="kinds"), key=lambda e: (e[0], e[1]))


def predecessors(graph: SiteGraph, url: str) -> dict[str, frozenset[EdgeKind]]:
    """Pages linking to ``url`` and the kinds of their links."""
    if url not in graph.graph:
        return {}
    return {src: graph.graph.edges[src, url]["kinds"] for src in graph.graph.predecessors(url)}


def successors(graph: SiteGraph, url: str) -> dict[str, frozenset[EdgeKind]]:
    """Pages ``url`` links to and the kinds of its links."""
    if url not in graph.graph:
        return {}
    return {dst: graph.graph.edges[url, dst]["kinds"] for dst in graph.graph.successors(url)}
