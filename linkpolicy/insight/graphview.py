"""The few graph measures insight reads, each behind one small function.

Metrics, export and the report ask the link graph only through these, so how the graph
stores and computes them (a sparse matrix of page ids) stays out of their way.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..site.graph import SiteGraph, kinds_of
from ..site.model import EdgeKind


def nodes(graph: SiteGraph) -> list[str]:
    """Page URLs of the graph, sorted."""
    return list(graph.urls)


def pagerank(graph: SiteGraph) -> dict[str, float]:
    return graph.pagerank


def depths(graph: SiteGraph) -> dict[str, int]:
    """Click depth from the home page, for the pages a link path reaches."""
    return graph.depth


def degrees(graph: SiteGraph) -> tuple[list[int], list[int], list[int]]:
    """Per page (in :func:`nodes` order): how many pages link to it, how many of them with
    a navigation link, and how many pages it links to."""
    return (
        graph.degrees().tolist(),
        graph.degrees(EdgeKind.NAVIGATION).tolist(),
        graph.degrees(inbound=False).tolist(),
    )


def generated(graph: SiteGraph) -> list[str]:
    """URLs of the pages the build makes without a source (tag pages, blog lists) that
    the graph goes through, sorted."""
    return list(graph.generated)


def edges(graph: SiteGraph, with_generated: bool = False) -> Iterator[tuple[str, str, frozenset[EdgeKind]]]:
    """Every page-to-page edge with its kinds, by source then target URL (with
    ``with_generated``, those to and from :func:`generated` pages too, after them)."""
    matrix = graph.adjacency  # each row's targets sorted: ids are places in the sorted URL list
    urls = [*graph.urls, *graph.generated] if with_generated else graph.urls
    n = len(urls)
    indptr, targets, masks = matrix.indptr.tolist(), matrix.indices.tolist(), matrix.data.tolist()
    for s in range(n):
        for k in range(indptr[s], indptr[s + 1]):
            if targets[k] < n:
                yield urls[s], urls[targets[k]], kinds_of(masks[k])
