"""The internal link graph of published pages, and the measures rules read from it.

Every edge carries the kinds of the links behind it (`EdgeKind`): ``content`` (written
in the page), ``block`` (a managed block) and ``navigation`` (made by templates). The
crawler's graph is all of them; rules about what authors wrote read only the first two.

Pages are integer ids (their place in the sorted URL list) and the edges one sparse
matrix (`sparse`), so PageRank, depths and degrees cost arrays, not objects; a networkx
graph is built only when someone asks for `SiteGraph.graph`.

Pages the build makes without a source file (`Site.generated`: Docusaurus' tag pages, blog
lists, a category's generated index) are nodes too, after the pages (``generated``): a
crawler goes through them, so depths and PageRank count them, but the measures per page
(`ranks`, `depths`, `degrees` ...) are the pages' alone, one value per URL of ``urls``.
"""

from __future__ import annotations

from array import array
from collections import defaultdict
from collections.abc import Callable, Container, Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

import numpy as np

from . import sparse
from .model import (  # noqa: F401 - link_kind: the graph's name for it
    EdgeKind,
    Link,
    NavLink,
    Page,
    Site,
    Status,
    generated_nodes,
    generated_target,
    link_kind,
    linked_nodes,
    nav_kind,
)

if TYPE_CHECKING:
    import networkx as nx

AUTHORED = frozenset({EdgeKind.CONTENT, EdgeKind.BLOCK})
#: the bit of each kind in the adjacency matrix's masks
BITS = {EdgeKind.CONTENT: 1, EdgeKind.BLOCK: 2, EdgeKind.NAVIGATION: 4}
ALPHA = 0.85


_KINDS = tuple(frozenset(kind for kind, bit in BITS.items() if mask & bit) for mask in range(8))


def kinds_of(mask: int) -> frozenset[EdgeKind]:
    return _KINDS[mask]


@dataclass
class SiteGraph:
    """Nodes are published page URLs (``urls``, sorted: a page's id is its place there),
    then the source-less pages the build makes (``generated``, sorted, ids after the
    pages'); ``adjacency[a, b]`` is the bit mask (`BITS`) of the kinds of the links from a
    to b."""

    urls: list[str]
    adjacency: sparse.CSR
    pages: dict[str, Page]
    #: page URL -> Markdown links (content and block) from other published pages that reach it
    inbound: dict[str, list[Link]] = field(default_factory=dict)
    home: str | None = None
    #: the pages every page links (``Site.sitewide``): edges from the home page in
    #: ``adjacency``, every page's links in PageRank
    sitewide: list[str] = field(default_factory=list)
    #: URLs of the pages the build makes without a source (ids ``len(urls)`` on)
    generated: list[str] = field(default_factory=list)

    @cached_property
    def ids(self) -> dict[str, int]:
        """Page URL -> id (pages only: see `node_ids`)."""
        return {url: i for i, url in enumerate(self.urls)}

    @cached_property
    def node_ids(self) -> dict[str, int]:
        """Every node's URL -> id, generated pages' included."""
        return self.ids | {url: i for i, url in enumerate(self.generated, len(self.urls))}

    # -- arrays, one value per node id ---------------------------------------------------

    @cached_property
    def ranks(self) -> np.ndarray:
        """Internal PageRank (damping 0.85, dangling pages spread evenly), every page linking
        the ``sitewide`` pages."""
        ids = self.node_ids  # (a sidebar on every page may list generated pages)
        sitewide = np.array([ids[u] for u in self.sitewide if u in ids], dtype=np.int64)
        return sparse.pagerank(self.adjacency, alpha=ALPHA, sitewide=sitewide)[: len(self.urls)]

    @cached_property
    def depths(self) -> np.ndarray:
        """Clicks from the home page (`sparse.UNREACHED` when none leads there, or no home)."""
        if self.home is None:
            return np.full(len(self.urls), sparse.UNREACHED, dtype=np.int64)
        return sparse.depths(self.adjacency, self.ids[self.home])[: len(self.urls)]

    @cached_property
    def inbound_masks(self) -> np.ndarray:
        """Per page, the OR of the kinds of the links other pages (and generated pages) make to it."""
        return sparse.kind_mask(self.adjacency, inbound=True)[: len(self.urls)]

    def degrees(self, kind: EdgeKind | None = None, inbound: bool = True) -> np.ndarray:
        """Per page, how many nodes link to it (or it links to) with ``kind`` (any when None)."""
        return sparse.degree(self.adjacency, None if kind is None else BITS[kind], inbound)[: len(self.urls)]

    def components(self, strong: bool = False) -> tuple[int, np.ndarray]:
        """(count, component per page) of the weakly or strongly connected components (a
        generated page joins the pages it links and is linked from)."""
        count, labels = sparse.components(self.adjacency, strong)
        if not self.generated:
            return count, labels
        labels = labels[: len(self.urls)]
        _, labels = np.unique(labels, return_inverse=True)
        return (int(labels.max()) + 1 if labels.size else 0), labels.astype(np.int64)

    # -- per page --------------------------------------------------------------------------

    @cached_property
    def _rank_list(self) -> list[float]:
        return self.ranks.tolist()  # list indexing is cheaper than numpy scalars, page by page

    @cached_property
    def _depth_list(self) -> list[int]:
        return self.depths.tolist()

    @cached_property
    def _mask_list(self) -> list[int]:
        return self.inbound_masks.tolist()

    def rank(self, url: str) -> float | None:
        i = self.ids.get(url)
        return None if i is None else self._rank_list[i]

    def depth_of(self, url: str) -> int | None:
        """Clicks from the home page, or None when no link path leads there."""
        i = self.ids.get(url)
        if i is None:
            return None
        depth = self._depth_list[i]
        return None if depth == sparse.UNREACHED else depth

    def depths_from(self, url: str, targets: Iterable[str]) -> dict[str, int]:
        """Clicks from ``url`` to each of ``targets`` that a link path reaches."""
        if url not in self.ids:
            return {}
        wanted = [self.ids[t] for t in targets if t in self.ids]  # (pages: the ids below the generated)
        found = sparse.depths(self.adjacency, self.ids[url], np.array(wanted, dtype=np.int64))
        depth = found[wanted].tolist()
        return {self.urls[i]: d for i, d in zip(wanted, depth, strict=True) if d != sparse.UNREACHED}

    def depths_from_each(self, searches: Sequence[tuple[str, Sequence[str]]]) -> list[dict[str, int]]:
        """:meth:`depths_from` for each (url, targets) of ``searches``, the searches walking
        the graph together (a site's clusters, each from its hub)."""
        ids = self.ids
        out: list[dict[str, int]] = [{} for _ in searches]
        places = [i for i, (url, _) in enumerate(searches) if url in ids]
        wanted = [[ids[t] for t in searches[i][1] if t in ids] for i in places]
        asked = [
            (ids[searches[i][0]], np.array(w, dtype=np.int64)) for i, w in zip(places, wanted, strict=True)
        ]
        for i, at, depth in zip(places, wanted, sparse.depths_each(self.adjacency, asked), strict=True):
            out[i] = {
                self.urls[t]: d for t, d in zip(at, depth.tolist(), strict=True) if d != sparse.UNREACHED
            }
        return out

    def kinds(self, source: str, target: str) -> frozenset[EdgeKind]:
        s, t = self.ids.get(source), self.ids.get(target)
        return frozenset() if s is None or t is None else kinds_of(int(self.adjacency[s, t]))

    def inbound_kinds(self, url: str) -> set[EdgeKind]:
        """The kinds of the links other pages make to ``url`` (empty: an orphan)."""
        i = self.ids.get(url)
        return set() if i is None else set(_KINDS[self._mask_list[i]])

    def edge_counts(self) -> dict[str, int]:
        """Edges per kind (an edge with two kinds counts for both), those to and from
        generated pages included."""
        data = self.adjacency.data
        return {kind.value: int(np.count_nonzero(data & bit)) for kind, bit in BITS.items()}

    # -- the same data as dicts and as a networkx graph (for the API and scripts) ----------

    @cached_property
    def pagerank(self) -> dict[str, float]:
        return dict(zip(self.urls, self._rank_list, strict=True))

    @cached_property
    def depth(self) -> dict[str, int]:
        """Shortest link path length from the home page, for pages reachable from it."""
        reached = np.flatnonzero(self.depths != sparse.UNREACHED)
        return {self.urls[i]: int(self.depths[i]) for i in reached}

    def depth_from(self, url: str) -> dict[str, int]:
        return self.depths_from(url, self.urls)

    @cached_property
    def graph(self) -> nx.DiGraph:
        """A networkx DiGraph of the same nodes and edges (edge attribute ``kinds``; a
        generated page's node has ``generated=True``)."""
        import networkx as nx

        graph: nx.DiGraph = nx.DiGraph()
        graph.add_nodes_from(self.urls)
        graph.add_nodes_from(self.generated, generated=True)
        names = [*self.urls, *self.generated]
        coo = self.adjacency.tocoo()
        graph.add_edges_from(
            (names[s], names[t], {"kinds": kinds_of(m)})
            for s, t, m in zip(coo.row.tolist(), coo.col.tolist(), coo.data.tolist(), strict=True)
        )
        return graph


def from_edges(
    urls: list[str],
    sources: np.ndarray,
    targets: np.ndarray,
    bits: np.ndarray,
    pages: dict[str, Page] | None = None,
    home: str | None = None,
    generated: list[str] | None = None,
) -> SiteGraph:
    """A graph of ``urls`` (sorted), then ``generated`` (sorted), from parallel arrays of
    edge ends (ids) and kind bits."""
    generated = generated or []
    adjacency = sparse.adjacency(len(urls) + len(generated), sources, targets, bits)
    return SiteGraph(urls=urls, adjacency=adjacency, pages=pages or {}, home=home, generated=generated)


class _Edges:
    """Edge ends and kind bits collected in C arrays (no Python object per link)."""

    def __init__(self, ids: dict[str, int]) -> None:
        self.ids = ids
        self.sources = array("q")
        self.targets = array("q")
        self.bits = array("B")

    def add(self, source: str, target: str, kind: EdgeKind) -> None:
        s, t = self.ids.get(source), self.ids.get(target)
        if s is not None and t is not None:
            self.sources.append(s)
            self.targets.append(t)
            self.bits.append(BITS[kind])

    def arrays(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        return (
            np.frombuffer(self.sources, dtype=np.int64),
            np.frombuffer(self.targets, dtype=np.int64),
            np.frombuffer(self.bits, dtype=np.uint8),
        )


def _markdown_edges(
    pages: dict[str, Page],
    include_blocks: bool,
    edges: _Edges | None,
    links_on: Callable[[Page], list[Link]] | None = None,
    made: Container[str] | None = None,
) -> dict[str, list[Link]]:
    """Inbound Markdown links per page (`Link.is_page_link` links between two of
    ``pages``); adds them to ``edges`` when given, with those to the generated pages of
    ``made`` (nodes of ``edges``). ``links_on``: the links a page shows (see
    `Site.links_on`), else its own. Written out for speed: a site has hundreds of
    thousands of links."""
    inbound: dict[str, list[Link]] = defaultdict(list)
    ids = edges.ids if edges is not None else {}
    content, block = BITS[EdgeKind.CONTENT], BITS[EdgeKind.BLOCK]
    static = Status.STATIC
    for url, page in pages.items():
        here = ids.get(url)
        for link in page.links if links_on is None else links_on(page):
            target = link.target_page
            if target is None and made and link.status is static and edges is not None and here is not None:
                # a link to a page the build makes with no source (a tag page)
                there = generated_target(link, made)
                if there is not None and (include_blocks or link.raw.block is None):
                    edges.sources.append(here)
                    edges.targets.append(ids[there])
                    edges.bits.append(content if link.raw.block is None else block)
                continue
            if target is None or target is page or link.status is not Status.PAGE:
                continue
            raw = link.raw
            if raw.kind == "image" or (raw.block is not None and not include_blocks):
                continue
            there = target.url
            if there not in pages:
                continue
            if edges is not None and here is not None and (to := ids.get(there)) is not None:
                edges.sources.append(here)
                edges.targets.append(to)
                edges.bits.append(content if raw.block is None else block)
            inbound[there].append(link)
    return dict(inbound)


def navigation_edges(
    links: Iterable[NavLink], pages: Container[str], generated: Container[str] = ()
) -> list[tuple[str, str, EdgeKind]]:
    """The navigation links between two nodes: ``pages`` and ``generated`` pages."""
    return [
        (nav.source, nav.target, nav_kind(nav))
        for nav in links
        if (nav.source in pages or nav.source in generated)
        and (nav.target in pages or nav.target in generated)
        and nav.source != nav.target
    ]


def build_graph(site: Site, include_blocks: bool = True) -> SiteGraph:
    """The crawler's graph of published pages. From the sources: the pages' Markdown links
    and ``site.navigation``; from a built site (``site.rendered``): its built pages and the
    links of its HTML. ``include_blocks=False`` leaves out links inside managed blocks and
    reads the sources only (what block selection ranks by, so regenerating is idempotent)."""
    pages = {p.url: p for p in site.published}
    rendered = site.rendered if include_blocks else None
    if rendered is not None:  # the built site's pages are the nodes
        not_built = set(rendered.not_built)
        pages = {url: p for url, p in pages.items() if p.path not in not_built}
    urls = sorted(pages)
    if rendered is None:
        generated = generated_nodes(site, pages, include_blocks)
    else:  # the built pages no source makes that a link of the built site leads to or from
        generated = linked_nodes(rendered.edges, set(rendered.built_only), pages)
    edges = _Edges({url: i for i, url in enumerate([*urls, *generated])})
    links_on = site.links_on if site.includes else None
    made = set(generated) if rendered is None else None
    inbound = _markdown_edges(pages, include_blocks, None if rendered is not None else edges, links_on, made)
    if rendered is not None:
        for e in rendered.edges:
            edges.add(e.source, e.target, e.kind)
    else:
        for source, target, kind in navigation_edges(site.navigation, pages, set(generated)):
            edges.add(source, target, kind)
    home = site.home.url if site.home is not None and site.home.url in pages else None
    graph = from_edges(urls, *edges.arrays(), pages=pages, home=home, generated=generated)
    graph.inbound = inbound
    if rendered is None:  # (a built site's pages each have their own links)
        made = set(generated)
        graph.sitewide = [url for url in site.sitewide if url in pages or url in made]
    return graph
