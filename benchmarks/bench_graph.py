"""Benchmark: the graph metrics and graph rules on a synthetic link graph of N pages.

    python benchmarks/bench_graph.py [--pages 1000000] [--networkx] [--json]

Builds an edges-only site (no Markdown): clusters of about 2,000 pages each with a hub,
a home page; navigation (every page links to the home page and its hub, pages link to
their neighbours like "previous / next"); content links with a skewed out-degree, most
inside the page's cluster and the rest to popular pages anywhere; a share of them in
managed blocks; a few pages with no content links, some that only navigation reaches, some
that nothing links to and an island of pages that link only to each other.
Then it times building the sparse graph, PageRank, depth from the home page, connected
components, degrees per kind, and the rules that read the graph (orphan-page,
unreachable-page, click-depth, navigation-only-page, cluster-depth, hub-authority), and
reports wall and CPU seconds (CPU is what to compare on a shared machine) and the peak
RSS of the process. `run(pages)` measures in a fresh interpreter so the
peak is the benchmark's own. With ``--networkx`` (default up to 100,000 pages) it also
times networkx building its graph and running its pagerank (CPU), reports ours (build and
PageRank) as a ratio to that, and the largest relative error of networkx's default stopping rule.

Targets (issue: graphs of a million pages): 1,000,000 pages within 8 GB and 60 s.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

import numpy as np

from linkpolicy.findings import Severity
from linkpolicy.policy.models import Policy
from linkpolicy.rules import RULES, RuleContext
from linkpolicy.site.clusters import Cluster
from linkpolicy.site.graph import BITS, SiteGraph, from_edges
from linkpolicy.site.model import EdgeKind, Page, Site

CLUSTER_SIZE = 2_000
PAGE_RULES = ("orphan-page", "unreachable-page", "click-depth", "navigation-only-page")
SITE_RULES = ("cluster-depth", "hub-authority")
NETWORKX_UP_TO = 100_000


def synthetic_edges(pages: int, seed: int = 1) -> tuple[list[str], np.ndarray, np.ndarray, np.ndarray]:
    """(sorted URLs, sources, targets, kind bits): page i is ``/c<cluster>/p<i>/``, the
    first page of each cluster its hub, page 0 the home page."""
    rng = np.random.default_rng(seed)
    ids = np.arange(pages, dtype=np.int64)
    cluster = ids // CLUSTER_SIZE
    hub = cluster * CLUSTER_SIZE
    nav, content, block = BITS[EdgeKind.NAVIGATION], BITS[EdgeKind.CONTENT], BITS[EdgeKind.BLOCK]
    parts: list[tuple[np.ndarray, np.ndarray, int]] = [
        (ids, np.zeros(pages, dtype=np.int64), nav),  # header link to the home page
        (ids, hub, nav),  # breadcrumb to the section's hub
        (ids[:-1], ids[1:], nav),  # next page
        (ids[1:], ids[:-1], nav),  # previous page
        (np.zeros_like(np.unique(hub)), np.unique(hub), content),  # home -> hubs
    ]
    # a hub lists its first 200 members
    listed = ids[(ids - hub) < 200]
    parts.append((hub[listed], listed, content))
    # content links: log-normal out-degree (median ~8), 5 % of pages without any
    out = np.minimum(rng.lognormal(2.1, 0.8, pages).astype(np.int64), 200)
    out[rng.random(pages) < 0.05] = 0
    sources = np.repeat(ids, out)
    local = rng.random(sources.size) < 0.7
    size = np.minimum(CLUSTER_SIZE, pages - hub[sources])
    inside = hub[sources] + (rng.random(sources.size) * size).astype(np.int64)
    popular = (rng.zipf(1.4, sources.size) - 1) % pages
    targets = np.where(local, inside, popular)
    in_block = rng.random(sources.size) < 0.1
    parts.append((sources[~in_block], targets[~in_block], content))
    parts.append((sources[in_block], targets[in_block], block))
    # an island: pages that link to each other but that nothing else links to (unreachable)
    island = ids[(ids % 211 == 9) & (ids != hub)]
    parts.append((island[:-1], island[1:], content))
    src = np.concatenate([p[0] for p in parts])
    dst = np.concatenate([p[1] for p in parts])
    bits = np.concatenate([np.full(p[0].size, p[2], dtype=np.uint8) for p in parts])
    keep = src != dst
    keep &= ~((dst % 211 == 9) & (src % 211 != 9))
    keep &= ~((dst % 199 == 7) & (dst != hub[dst]))  # orphans: nothing links to them
    # pages whose only inbound link is navigation: every 97th page loses its content inbound
    only_nav = (dst % 97 == 5) & (bits != nav)
    keep &= ~only_nav
    urls = [f"/c{c}/p{i}/" for i, c in enumerate(cluster.tolist())]
    order = np.argsort(np.array(urls))  # node ids follow sorted URLs, as in a real site
    rank_of = np.empty(pages, dtype=np.int64)
    rank_of[order] = ids
    return sorted(urls), rank_of[src[keep]], rank_of[dst[keep]], bits[keep]


def _site(graph: SiteGraph) -> tuple[Site, dict[str, Cluster], Policy]:
    pages = [
        Page(path=f"content{u}index.md", rel=f"{u[1:]}index.md", root="content/", url=u, title="")
        for u in graph.urls
    ]
    graph.pages = {p.url: p for p in pages}
    site = Site(root_dir=".", generator="plain", pages=pages)
    site.home = graph.pages[graph.home] if graph.home else None
    by_cluster: dict[str, list[Page]] = {}
    for page in pages:
        by_cluster.setdefault(page.url.split("/")[1], []).append(page)
    clusters, specs = {}, []
    for index, (cid, members) in enumerate(sorted(by_cluster.items())):
        hub = graph.pages[f"/{cid}/p{int(cid[1:]) * CLUSTER_SIZE}/"]
        clusters[cid] = Cluster(id=cid, hub=hub, members=[m for m in members if m is not hub], index=index)
        specs.append({"id": cid, "hub": hub.url, "max_depth_from_hub": 3})
    policy = Policy.model_validate({"site": {"base_url": "https://example.com/"}, "clusters": specs})
    return site, clusters, policy


def _rules(
    graph: SiteGraph, site: Site, clusters: dict[str, Cluster], policy: Policy
) -> tuple[Counter[str], dict[str, float]]:
    """Findings and CPU seconds per rule."""
    ctx = RuleContext(site=site, policy=policy, graph=graph, clusters=clusters)
    found: Counter[str] = Counter()
    cpu: dict[str, float] = {}
    published = site.published
    for rule_id in (*PAGE_RULES, *SITE_RULES):
        module = RULES[rule_id]
        ctx.rule, ctx.severity = rule_id, Severity.WARNING
        options = module.Options() if hasattr(module, "Options") else None
        start = time.process_time()
        if rule_id in PAGE_RULES:
            found[rule_id] = sum(1 for page in published for _ in module.check(ctx, page, options))
        else:
            found[rule_id] = sum(1 for _ in module.check(ctx, options))
        cpu[rule_id] = round(time.process_time() - start, 3)
    return found, cpu


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB


def measure(pages: int, compare_networkx: bool | None = None) -> dict[str, Any]:
    """The benchmark in this process (its peak RSS includes whatever ran before)."""
    seconds: dict[str, float] = {}
    cpu: dict[str, float] = {}
    start, start_cpu = time.perf_counter(), time.process_time()

    def lap(name: str) -> None:
        nonlocal start, start_cpu
        now, now_cpu = time.perf_counter(), time.process_time()
        seconds[name], cpu[name] = round(now - start, 3), round(now_cpu - start_cpu, 3)
        start, start_cpu = now, now_cpu

    urls, sources, targets, bits = synthetic_edges(pages)
    lap("generate")
    graph = from_edges(urls, sources, targets, bits, home=urls[0] if urls else None)
    del sources, targets, bits
    lap("build")
    ranks = graph.ranks
    lap("pagerank")
    reached = int((graph.depths >= 0).sum())
    lap("depth")
    weak, _ = graph.components(strong=False)
    strong, _ = graph.components(strong=True)
    lap("components")
    for kind in EdgeKind:
        graph.degrees(kind, inbound=True)
        graph.degrees(kind, inbound=False)
    graph.inbound_masks  # noqa: B018 (computed once, read by the page rules)
    lap("degrees")
    site, clusters, policy = _site(graph)
    lap("pages")
    findings, rule_cpu = _rules(graph, site, clusters, policy)
    lap("rules")
    setup = ("generate", "pages")  # making the synthetic input, not the work measured
    graph_seconds = sum(v for k, v in seconds.items() if k not in setup)
    graph_cpu = sum(v for k, v in cpu.items() if k not in setup)
    result: dict[str, Any] = {
        "pages": pages,
        "edges": int(graph.adjacency.nnz),
        "reached_from_home": reached,
        "components": {"weak": weak, "strong": strong},
        "findings": dict(findings),
        "rule_cpu_seconds": rule_cpu,
        "seconds": seconds,
        "cpu_seconds": cpu,
        "graph_seconds": round(graph_seconds, 3),
        "graph_cpu_seconds": round(graph_cpu, 3),
        "peak_rss_mb": round(_peak_rss_mb(), 1),
    }
    if compare_networkx if compare_networkx is not None else pages <= NETWORKX_UP_TO:
        result["networkx"] = _against_networkx(graph, ranks, cpu["build"] + cpu["pagerank"])
    return result


def _against_networkx(graph: SiteGraph, ranks: np.ndarray, ours: float) -> dict[str, float]:
    import networkx as nx

    start = time.process_time()
    nxg = nx.DiGraph()
    nxg.add_nodes_from(range(len(graph.urls)))
    coo = graph.adjacency.tocoo()
    nxg.add_edges_from(zip(coo.row.tolist(), coo.col.tolist(), strict=True))
    built = time.process_time() - start
    theirs = nx.pagerank(nxg, alpha=0.85)
    total = time.process_time() - start
    values = np.array([theirs[i] for i in range(len(graph.urls))])
    return {
        "build_cpu_seconds": round(built, 3),
        "build_and_pagerank_cpu_seconds": round(total, 3),
        "ratio_ours_to_networkx": round(ours / total, 4),
        "networkx_max_relative_error": float(np.max(np.abs(values - ranks) / ranks)),
    }


def run(pages: int = 1_000_000, compare_networkx: bool | None = None) -> dict[str, Any]:
    """The benchmark in a fresh interpreter (so the peak RSS is its own); its result dict."""
    command = [sys.executable, str(Path(__file__).resolve()), "--pages", str(pages), "--json"]
    if compare_networkx is not None:
        command.append("--networkx" if compare_networkx else "--no-networkx")
    out = subprocess.run(command, check=True, capture_output=True, text=True)
    return json.loads(out.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=1_000_000)
    parser.add_argument("--networkx", action=argparse.BooleanOptionalAction, default=None)
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    args = parser.parse_args()
    result = measure(args.pages, args.networkx)
    if args.json:
        print(json.dumps(result))
        return
    print(f"{result['pages']:,} pages, {result['edges']:,} page-to-page edges (seconds: wall, CPU)")
    for stage, secs in result["seconds"].items():
        print(f"  {stage:<12}{secs:8.2f} {result['cpu_seconds'][stage]:8.2f}")
    print(
        f"  graph metrics and rules: {result['graph_seconds']:.2f} s wall,"
        f" {result['graph_cpu_seconds']:.2f} s CPU,"
        f" peak RSS {result['peak_rss_mb']:,.0f} MB"
    )
    for rule_id, count in result["findings"].items():
        print(f"    {rule_id:<22}{count:>9,} findings {result['rule_cpu_seconds'][rule_id]:8.2f} s CPU")
    if "networkx" in result:
        nx_ = result["networkx"]
        print(
            f"  networkx (CPU): graph {nx_['build_cpu_seconds']:.2f} s,"
            f" graph + pagerank {nx_['build_and_pagerank_cpu_seconds']:.2f} s;"
            f" ours / networkx = {nx_['ratio_ours_to_networkx']:.4f};"
            f" networkx max relative error {nx_['networkx_max_relative_error']:.2%}"
        )


if __name__ == "__main__":
    main()
