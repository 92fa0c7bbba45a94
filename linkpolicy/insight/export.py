"""`stats --graph FILE.graphml|.gexf`: the link graph with the per-page metrics as node
attributes and the link kinds as edge attributes, for Gephi, Cytoscape and friends."""

from __future__ import annotations

import io
from pathlib import Path

import networkx as nx

from ..errors import UsageError
from ..report.safe import clean
from ..site.graph import SiteGraph
from ..site.model import EdgeKind
from . import graphview
from .metrics import PageMetrics

FORMATS = (".graphml", ".gexf")


def export_graph(graph: SiteGraph, pages: list[PageMetrics]) -> nx.DiGraph:
    """A plain graph of the pages (node id: URL) with only scalar attributes, which every
    GraphML and GEXF reader accepts (no None: a page no path reaches has depth -1), and
    the source-less pages the build makes that links go through (role ``generated``)."""
    out: nx.DiGraph = nx.DiGraph()
    for m in pages:
        out.add_node(
            clean(m.url),
            label=clean(m.title or m.url),
            path=clean(m.path),
            clusters=clean(" ".join(m.clusters)),
            role=m.role or "",
            inlinks_content=m.inlinks_content,
            inlinks_block=m.inlinks_block,
            inlinks_navigation=m.inlinks_navigation,
            unique_inlinking_pages=m.unique_inlinking_pages,
            outlinks=m.outlinks,
            depth=-1 if m.depth is None else m.depth,
            pagerank=float(m.pagerank),
            orphan=m.orphan,
            unreachable=m.unreachable,
        )
    for url in graphview.generated(graph):  # a tag page, a blog list: no source, no metrics
        out.add_node(clean(url), label=clean(url), role="generated")
    for source, target, kinds in graphview.edges(graph, with_generated=True):
        out.add_edge(
            clean(source),
            clean(target),
            kinds=" ".join(sorted(k.value for k in kinds)),
            **{kind.value: kind in kinds for kind in EdgeKind},
        )
    return out


def serialise(graph: nx.DiGraph, path: Path) -> bytes:
    """The graph in the format ``path``'s suffix names."""
    suffix = path.suffix.lower()
    buffer = io.BytesIO()
    if suffix == ".graphml":
        nx.write_graphml(graph, buffer, encoding="utf-8")
    elif suffix == ".gexf":
        nx.write_gexf(graph, buffer, encoding="utf-8")
    else:
        raise UsageError(f"--graph {path}: the file name must end with .graphml or .gexf")
    return buffer.getvalue()
