"""The sparse graph algorithms against independent references: a Krylov solve of the
PageRank linear system on a 100k-page graph, and networkx on small graphs."""

from __future__ import annotations

import shutil
from pathlib import Path

import networkx as nx
import numpy as np
import pytest
from scipy import sparse as sp
from scipy.sparse import linalg

from linkpolicy.api import analyse_source, load
from linkpolicy.site import sparse
from linkpolicy.site.graph import BITS, from_edges, link_kind, navigation_edges
from linkpolicy.site.model import EdgeKind
from linkpolicy.source import WorkTree


def random_edges(n: int, seed: int, per_page: int = 12) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Seeded edges: a skewed out-degree, half the targets uniform and half popular pages,
    a twentieth of the pages without out-links (dangling), no self-links."""
    rng = np.random.default_rng(seed)
    out = rng.integers(0, 2 * per_page, n)
    out[rng.random(n) < 0.05] = 0
    sources = np.repeat(np.arange(n), out)
    popular = (rng.zipf(1.3, sources.size) - 1) % n
    targets = np.where(rng.random(sources.size) < 0.5, rng.integers(0, n, sources.size), popular)
    keep = sources != targets
    bits = rng.choice(np.array(list(BITS.values()), dtype=np.uint8), sources.size)
    return sources[keep], targets[keep], bits[keep]


def reference_pagerank(adj: sp.csr_matrix, alpha: float = 0.85) -> np.ndarray:
    """PageRank from the linear system (I - alpha P^T) y = v, x = y / sum(y): with dangling
    pages spread like the jump, that is the power iteration's fixed point."""
    n = adj.shape[0]
    weights = sp.csr_matrix((np.ones(adj.nnz), adj.indices, adj.indptr), shape=adj.shape)
    out = np.asarray(weights.sum(axis=1)).ravel()
    scale = np.divide(1.0, out, out=np.zeros(n), where=out > 0)
    system = sp.identity(n, format="csr") - alpha * (sp.diags(scale) @ weights).T.tocsr()
    jump = np.full(n, 1.0 / n)
    y, info = linalg.bicgstab(system, jump, rtol=1e-14, atol=0.0, maxiter=10_000)
    assert info == 0
    # x = y / sum(y) is off by at most |residual|_1 / (1 - alpha) / sum(y) (L1), and no page
    # ranks below (1 - alpha) / n: so no page's relative error exceeds `worst`
    worst = np.abs(system @ y - jump).sum() / (1 - alpha) / y.sum() / ((1 - alpha) / n)
    assert worst < 1e-5
    return y / y.sum()


@pytest.fixture(scope="module")
def graph_100k() -> tuple[sparse.CSR, np.ndarray]:
    n = 100_000
    sources, targets, bits = random_edges(n, seed=13)
    adj = sparse.adjacency(n, sources, targets, bits)
    return adj, reference_pagerank(adj.to_scipy())


@pytest.mark.parametrize("through_scipy", [False, True])
def test_pagerank_of_100k_pages_is_within_1e_4_of_the_linear_solve(
    graph_100k: tuple[sparse.CSR, np.ndarray], through_scipy: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    adj, want = graph_100k
    # the product in numpy below SCIPY_FROM entries, through scipy.sparse from there
    monkeypatch.setattr(sparse, "SCIPY_FROM", 0 if through_scipy else adj.nnz + 1)
    assert (np.diff(adj.indptr) == 0).sum() > adj.shape[0] // 50  # dangling pages take part
    rank = sparse.pagerank(adj)
    assert abs(rank.sum() - 1.0) < 1e-9
    assert np.max(np.abs(rank - want) / want) <= 1e-4


def test_the_matrix_built_in_numpy_is_scipys() -> None:
    n = 2_000
    sources, targets, bits = random_edges(n, seed=21)
    adj = sparse.adjacency(n, sources, targets, bits)
    want = sp.csr_matrix((np.ones(sources.size), (sources, targets)), shape=(n, n))
    want.sum_duplicates()
    want.sort_indices()
    assert adj.indptr.tolist() == want.indptr.tolist() and adj.indices.tolist() == want.indices.tolist()
    ors: dict[tuple[int, int], int] = {}
    for s, t, b in zip(sources.tolist(), targets.tolist(), bits.tolist(), strict=True):
        ors[s, t] = ors.get((s, t), 0) | b
    coo = adj.tocoo()
    assert {
        (s, t): m for s, t, m in zip(coo.row.tolist(), coo.col.tolist(), coo.data.tolist(), strict=True)
    } == ors
    assert all(adj[s, t] == m for (s, t), m in list(ors.items())[:200]) and adj[0, 0] == 0
    empty = sparse.adjacency(
        5, np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.uint8)
    )
    assert empty.nnz == 0 and empty.shape == (5, 5) and sparse.pagerank(empty).tolist() == [0.2] * 5


def _nx_graph(n: int, sources: np.ndarray, targets: np.ndarray) -> nx.DiGraph:
    graph = nx.DiGraph()
    graph.add_nodes_from(range(n))
    graph.add_edges_from(zip(sources.tolist(), targets.tolist(), strict=True))
    return graph


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize("radix", [True, False])
def test_pagerank_agrees_with_networkx_on_small_graphs(seed: int, radix: bool, monkeypatch) -> None:  # noqa: ANN001
    """Either way of grouping the links by target (a radix sort of 16-bit targets, a sort
    of packed keys)."""
    if not radix:
        monkeypatch.setattr(sparse, "RADIX_UP_TO", 0)
    n = 40 + 30 * seed
    sources, targets, bits = random_edges(n, seed, per_page=3)
    adj = sparse.adjacency(n, sources, targets, bits)
    graph = _nx_graph(n, sources, targets)
    want = nx.pagerank(graph, alpha=0.85, tol=1e-15, max_iter=100_000)
    got = sparse.pagerank(adj)
    assert np.allclose(got, [want[i] for i in range(n)], rtol=1e-8, atol=0)


@pytest.mark.parametrize("seed", range(4))
@pytest.mark.parametrize("through_scipy", [False, True])
def test_sitewide_pages_rank_as_every_page_s_links(seed: int, through_scipy: bool, monkeypatch) -> None:  # noqa: ANN001
    """Sitewide pages (a menu on every page) rank as if each page linked each of them once:
    networkx on the graph with those edges made, pages that link one in their text and
    dangling pages among them."""
    if through_scipy:
        monkeypatch.setattr(sparse, "SCIPY_FROM", 0)
    n = 50 + 20 * seed
    sources, targets, bits = random_edges(n, seed, per_page=3)
    wide = np.random.default_rng(seed).choice(n, 1 + seed * 2, replace=False)
    adj = sparse.adjacency(n, sources, targets, bits)
    graph = _nx_graph(n, sources, targets)
    graph.add_edges_from((u, int(t)) for u in range(n) for t in wide if u != t)
    want = nx.pagerank(graph, alpha=0.85, tol=1e-15, max_iter=100_000)
    got = sparse.pagerank(adj, sitewide=wide)
    assert np.allclose(got, [want[i] for i in range(n)], rtol=1e-8, atol=0)


def test_personalization_dangling_and_weights_follow_networkx() -> None:
    n = 60
    sources, targets, _ = random_edges(n, seed=99, per_page=3)
    rng = np.random.default_rng(5)
    weight = rng.integers(1, 5, sources.size).astype(np.float64)
    adj = sp.csr_matrix((weight, (sources, targets)), shape=(n, n))  # duplicate pairs add up
    graph = nx.DiGraph()
    graph.add_nodes_from(range(n))
    for s, t, w in zip(sources.tolist(), targets.tolist(), weight.tolist(), strict=True):
        graph.add_edge(s, t, weight=graph.get_edge_data(s, t, {"weight": 0})["weight"] + w)
    jump, spread = rng.random(n), rng.random(n)
    want = nx.pagerank(
        graph,
        personalization=dict(enumerate(jump)),
        dangling=dict(enumerate(spread)),
        tol=1e-15,
        max_iter=100_000,
    )
    got = sparse.pagerank(adj, personalization=jump, dangling=spread)
    assert np.allclose(got, [want[i] for i in range(n)], rtol=1e-8, atol=0)


@pytest.mark.parametrize("seed", range(4))
def test_depths_components_and_degrees_agree_with_networkx(seed: int) -> None:
    n = 300
    sources, targets, bits = random_edges(n, seed, per_page=1)
    adj = sparse.adjacency(n, sources, targets, bits)
    graph = _nx_graph(n, sources, targets)
    want = nx.single_source_shortest_path_length(graph, 0)
    depth = sparse.depths(adj, 0)
    assert {i: int(d) for i, d in enumerate(depth) if d != sparse.UNREACHED} == want
    targets_wanted = np.array(sorted(want)[-5:])
    early = sparse.depths(adj, 0, targets_wanted)
    assert early[targets_wanted].tolist() == [want[t] for t in targets_wanted.tolist()]
    weak, _ = sparse.components(adj, strong=False)
    strong, labels = sparse.components(adj, strong=True)
    assert weak == nx.number_weakly_connected_components(graph)
    assert strong == nx.number_strongly_connected_components(graph)
    for component in nx.strongly_connected_components(graph):
        assert len({labels[i] for i in component}) == 1
    assert sparse.degree(adj, None, inbound=True).tolist() == [graph.in_degree(i) for i in range(n)]
    assert sparse.degree(adj, None, inbound=False).tolist() == [graph.out_degree(i) for i in range(n)]


@pytest.mark.parametrize("seed", range(3))
def test_searches_walked_together_give_each_sources_own_depths(seed: int) -> None:
    """depths_each: 150 sources (three batches of bits), each with its own targets (the
    source itself among some), against networkx's search from each source alone."""
    n = 400
    sources, targets, bits = random_edges(n, seed, per_page=1)
    adj = sparse.adjacency(n, sources, targets, bits)
    graph = _nx_graph(n, sources, targets)
    rng = np.random.default_rng(seed)
    searches = []
    for source in rng.choice(n, 150, replace=False).tolist():
        wanted = rng.choice(n, int(rng.integers(0, 40)), replace=False)
        if rng.random() < 0.3:
            wanted = np.append(wanted, source)
        searches.append((source, wanted))
    got = sparse.depths_each(adj, searches)
    for (source, wanted), depth in zip(searches, got, strict=True):
        want = nx.single_source_shortest_path_length(graph, source)
        assert depth.tolist() == [want.get(t, sparse.UNREACHED) for t in wanted.tolist()]


def test_edges_between_one_pair_merge_their_kinds() -> None:
    urls = ["/a/", "/b/", "/c/"]
    c, b, nav = BITS[EdgeKind.CONTENT], BITS[EdgeKind.BLOCK], BITS[EdgeKind.NAVIGATION]
    sources = np.array([0, 0, 0, 0, 1, 2])
    targets = np.array([1, 1, 1, 2, 2, 1])
    kinds = np.array([c, c, nav, b, nav, nav], dtype=np.uint8)
    graph = from_edges(urls, sources, targets, kinds, home="/a/")
    assert graph.kinds("/a/", "/b/") == {EdgeKind.CONTENT, EdgeKind.NAVIGATION}
    assert graph.kinds("/b/", "/a/") == frozenset()
    assert graph.inbound_kinds("/c/") == {EdgeKind.BLOCK, EdgeKind.NAVIGATION}
    assert graph.inbound_kinds("/a/") == set()
    assert graph.edge_counts() == {"content": 1, "block": 1, "navigation": 3}
    assert graph.degrees(EdgeKind.NAVIGATION).tolist() == [0, 2, 1]
    assert graph.degrees(EdgeKind.CONTENT, inbound=False).tolist() == [1, 0, 0]
    assert graph.depth == {"/a/": 0, "/b/": 1, "/c/": 1}
    assert graph.depths_from("/c/", ["/a/", "/b/"]) == {"/b/": 1}
    assert graph.depths_from_each([("/c/", ["/a/", "/b/"]), ("/x/", ["/a/"]), ("/a/", ["/c/", "/a/"])]) == [
        {"/b/": 1},
        {},
        {"/c/": 1, "/a/": 0},
    ]
    # the networkx view holds the same edges and ranks the same
    assert "graph" not in vars(graph)  # built only when asked
    nxg = graph.graph
    assert sorted(nxg.edges(data="kinds")) == [
        ("/a/", "/b/", frozenset({EdgeKind.CONTENT, EdgeKind.NAVIGATION})),
        ("/a/", "/c/", frozenset({EdgeKind.BLOCK})),
        ("/b/", "/c/", frozenset({EdgeKind.NAVIGATION})),
        ("/c/", "/b/", frozenset({EdgeKind.NAVIGATION})),
    ]
    want = nx.pagerank(nxg, tol=1e-15, max_iter=100_000)
    assert all(abs(graph.pagerank[u] - want[u]) < 1e-12 for u in urls)


SITES = Path(__file__).parent.parent / "sites"


@pytest.mark.parametrize("name", sorted(p.name for p in SITES.iterdir() if (p / "policies").is_dir()))
def test_golden_sites_measure_as_networkx_does(name: str, tmp_path: Path) -> None:
    """On every golden site the arrays give what networkx gives on the same graph, built the
    way the graph used to be built (an edge per page pair, its kinds as a set)."""
    root = tmp_path / name
    shutil.copytree(SITES / name, root)
    analysis = analyse_source(root, WorkTree(root), load(root, cwd=root))
    graph = analysis.graph
    nxg = nx.DiGraph()
    nxg.add_nodes_from(graph.pages)
    for page in graph.pages.values():
        for link in page.links:
            target = link.target_page
            if link.is_page_link and target is not None and target is not page and target.url in graph.pages:
                old = (
                    nxg.edges[page.url, target.url]["kinds"] if nxg.has_edge(page.url, target.url) else set()
                )
                nxg.add_edge(page.url, target.url, kinds=old | {link_kind(link)})
    for nav in navigation_edges(analysis.site.navigation, graph.pages):
        old = nxg.edges[nav[0], nav[1]]["kinds"] if nxg.has_edge(nav[0], nav[1]) else set()
        nxg.add_edge(nav[0], nav[1], kinds=old | {EdgeKind.NAVIGATION})
    assert sorted(nxg.edges(data="kinds")) == sorted(graph.graph.edges(data="kinds"))
    # PageRank: each page links the sitewide pages too (a sidebar on every page)
    ranked = nx.DiGraph(nxg)
    ranked.add_edges_from((u, t) for u in graph.urls for t in graph.sitewide if t != u)
    want = nx.pagerank(ranked, tol=1e-15, max_iter=100_000)
    assert all(abs(graph.pagerank[u] - want[u]) < 1e-10 for u in graph.urls)
    assert graph.depth == dict(nx.single_source_shortest_path_length(nxg, graph.home))
    for url in graph.urls:
        assert graph.inbound_kinds(url) == {
            k for s in nxg.predecessors(url) for k in nxg.edges[s, url]["kinds"]
        }


def test_kind_masks_are_the_or_of_each_nodes_edge_kinds() -> None:
    """Per node, the kinds of its inbound and outbound edges ORed, as read edge by edge."""
    import random

    from linkpolicy.site.sparse import CSR, kind_mask

    rng = random.Random(3)
    for _ in range(50):
        n = rng.randint(1, 12)
        edges = {
            (rng.randrange(n), rng.randrange(n)): rng.choice([1, 2, 4, 3, 5, 6, 7])
            for _ in range(rng.randint(0, 30))
        }
        rows = sorted(edges)
        indptr = np.zeros(n + 1, dtype=np.int64)
        for s, _ in rows:
            indptr[s + 1] += 1
        adj = CSR(
            np.cumsum(indptr),
            np.array([t for _, t in rows], dtype=np.int32),
            np.array([edges[e] for e in rows], dtype=np.uint8),
        )
        into, out = [0] * n, [0] * n
        for (s, t), bits in edges.items():
            into[t] |= bits
            out[s] |= bits
        assert kind_mask(adj, inbound=True).tolist() == into
        assert kind_mask(adj, inbound=False).tolist() == out
