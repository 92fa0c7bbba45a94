"""`linkpolicy stats`: figures recomputed by hand from the fixture's links, formats, graph export."""

from __future__ import annotations

import contextlib
import csv
import io
import json
import shutil
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner

from linkpolicy.cli import main

SITE = Path(__file__).parent / "site"
ROOT = Path(__file__).resolve().parents[2]

# The fixture's page-to-page links, read off its Markdown and its mkdocs.yml nav (the sidebar
# is modelled as links from the home page to every page nav lists):
#   /               -> /guides/ (content, nav), /guides/setup/ (content, nav), /about/ (nav)
#   /guides/        -> /guides/setup/, /guides/tuning/                      (content)
#   /guides/setup/  -> /guides/ (two content links), /guides/tuning/        (content)
#   /guides/tuning/ -> /guides/setup/, /guides/ (managed block)
#   /island-a/ <-> /island-b/ (content); /lonely/ has no links
EDGES = {
    "/": ["/guides/", "/guides/setup/", "/about/"],
    "/guides/": ["/guides/setup/", "/guides/tuning/"],
    "/guides/setup/": ["/guides/", "/guides/tuning/"],
    "/guides/tuning/": ["/guides/setup/", "/guides/"],
    "/island-a/": ["/island-b/"],
    "/island-b/": ["/island-a/"],
    "/about/": [],
    "/lonely/": [],
}
#: the sidebar is on every page: in PageRank every page links its pages, and the home page
#: (the header that holds it links home)
SITEWIDE = {"/", "/guides/", "/guides/setup/", "/about/"}
BY_HAND = {
    # inlinks content: / once, setup twice; block: tuning; navigation: the sidebar (home)
    "/guides/": {
        "role": "hub",
        "inlinks_content": "3",
        "inlinks_block": "1",
        "inlinks_navigation": "1",
        "unique_inlinking_pages": "3",
        "outlinks": "2",
        "depth": "1",
        "orphan": "false",
        "unreachable": "false",
    },
    "/guides/tuning/": {
        "role": "member",
        "inlinks_content": "2",
        "inlinks_block": "0",
        "inlinks_navigation": "0",
        "unique_inlinking_pages": "2",
        "outlinks": "2",
        "depth": "2",
        "orphan": "false",
        "unreachable": "false",
    },
    "/island-a/": {
        "role": "",
        "inlinks_content": "1",
        "inlinks_block": "0",
        "inlinks_navigation": "0",
        "unique_inlinking_pages": "1",
        "outlinks": "1",
        "depth": "",
        "orphan": "false",
        "unreachable": "true",
    },
}


def _pagerank(edges: dict[str, list[str]], alpha: float = 0.85) -> dict[str, float]:
    """Plain power iteration over each page's links and the sidebar's (each once); a page
    without outlinks spreads its rank over every page."""
    links = {u: sorted(set(out) | (SITEWIDE - {u})) for u, out in edges.items()}
    n = len(links)
    rank = dict.fromkeys(links, 1 / n)
    for _ in range(200):
        dangling = sum(rank[u] for u, out in links.items() if not out)
        new = dict.fromkeys(links, (1 - alpha) / n + alpha * dangling / n)
        for u, out in links.items():
            for v in out:
                new[v] += alpha * rank[u] / len(out)
        rank = new
    return rank


def _run(*args: str, cwd: Path = SITE) -> str:
    with contextlib.chdir(cwd):
        result = CliRunner().invoke(
            main, [*args, "--root", ".", "--no-cache", "--quiet"], catch_exceptions=False
        )
    assert result.exit_code == 0, result.output
    return result.output


def test_pages_match_figures_recomputed_by_hand() -> None:
    rows = {r["url"]: r for r in csv.DictReader(io.StringIO(_run("stats", "--pages")))}
    assert set(rows) == set(EDGES)
    rank = _pagerank(EDGES)
    for url, expected in BY_HAND.items():
        got = {k: rows[url][k] for k in expected}
        assert got == expected, url
        assert float(rows[url]["pagerank"]) == pytest.approx(rank[url], abs=1e-5)
    assert rows["/guides/"]["clusters"] == "guides"
    assert rows["/guides/"]["path"] == "docs/guides/index.md"
    assert rows["/lonely/"]["orphan"] == "true"
    assert rows["/lonely/"]["unreachable"] == "false"  # an orphan is not also counted unreachable


def test_pages_json_has_the_same_figures() -> None:
    doc = json.loads(_run("stats", "--pages", "--format", "json"))
    assert doc["version"] == 1
    hub = next(p for p in doc["pages"] if p["url"] == "/guides/")
    assert hub["inlinks"] == {"content": 3, "block": 1, "navigation": 1}
    assert hub["clusters"] == ["guides"] and hub["role"] == "hub"
    island = next(p for p in doc["pages"] if p["url"] == "/island-b/")
    assert island["depth"] is None and island["unreachable"] is True


def test_cluster_summary() -> None:
    doc = json.loads(_run("stats", "--format", "json"))
    summary = doc["summary"]
    assert summary["pages"] == 8
    # 9 content links: home 2, hub 2, setup 3, islands 2; 2 in the block; 3 sidebar links
    assert summary["links"] == {"content": 9, "block": 2, "navigation": 3, "external": 0}
    assert summary["orphans"] == ["/lonely/"]
    assert summary["unreachable"] == ["/island-a/", "/island-b/"]
    assert summary["depth_histogram"] == {"0": 1, "1": 3, "2": 1}
    assert summary["not_reached"] == 3
    (cluster,) = doc["clusters"]
    rank = _pagerank(EDGES)
    assert cluster["pages"] == 3
    assert cluster["hub_pagerank"] == pytest.approx(rank["/guides/"], abs=1e-5)
    higher_in_site = sum(1 for v in rank.values() if v > rank["/guides/"] + 1e-9)
    assert cluster["hub_rank_in_site"] == 1 + higher_in_site
    assert cluster["hub_rank_in_cluster"] == 1
    assert cluster["depth_histogram"] == {"1": 2, "2": 1}
    # anchors to the hub: "guides", "guides hub", "guide" (setup), "Guides" (block) -> 3 distinct of 4
    assert cluster["hub_anchors"]["inbound"] == 4
    assert cluster["hub_anchors"]["distinct"] == 3
    assert cluster["hub_anchors"]["top"][0] == {"anchor": "guides", "links": 2}
    assert cluster["inbound"] == {"min": 2, "median": 3.0, "mean": 2.67, "max": 3}


@pytest.mark.parametrize("fmt", ["text", "markdown", "csv"])
def test_other_formats_name_every_cluster(fmt: str) -> None:
    out = _run("stats", "--format", fmt)
    assert "guides" in out
    if fmt == "csv":
        (row,) = list(csv.DictReader(io.StringIO(out)))
        assert row["cluster"] == "guides" and row["pages"] == "3" and row["orphans"] == "0"


@pytest.mark.parametrize("suffix", [".graphml", ".gexf"])
def test_graph_export_reads_back(tmp_path: Path, suffix: str) -> None:
    target = tmp_path / ("site" + suffix)
    _run("stats", "--graph", str(target))
    graph = nx.read_graphml(target) if suffix == ".graphml" else nx.read_gexf(target)
    assert set(graph.nodes) == set(EDGES)
    assert {(u, v) for u, v in graph.edges} == {(u, v) for u, out in EDGES.items() for v in out}
    hub = graph.nodes["/guides/"]
    assert int(hub["inlinks_content"]) == 3 and hub["role"] == "hub"
    assert int(graph.nodes["/island-a/"]["depth"]) == -1
    assert float(hub["pagerank"]) == pytest.approx(_pagerank(EDGES)["/guides/"], abs=1e-5)
    kinds = graph.edges["/", "/guides/"]["kinds"]
    assert kinds == "content navigation"


def test_bad_options_exit_2(tmp_path: Path) -> None:
    runner = CliRunner()
    for args in (["--pages", "--format", "text"], ["--graph", str(tmp_path / "g.dot")]):
        result = runner.invoke(main, ["stats", "--root", str(SITE), *args])
        assert result.exit_code == 2
        assert "Traceback" not in result.output


def test_csv_cells_from_content_cannot_be_formulas(tmp_path: Path) -> None:
    site = tmp_path / "site"
    shutil.copytree(SITE, site)
    (site / "docs" / "about.md").write_text("---\ntitle: '=HYPERLINK(\"x\")'\n---\nText.\n", encoding="utf-8")
    rows = {r["url"]: r for r in csv.DictReader(io.StringIO(_run("stats", "--pages", cwd=site)))}
    assert rows["/about/"]["title"] == '\'=HYPERLINK("x")'


def test_demo_clusters_add_up() -> None:
    doc = json.loads(_run("stats", "--format", "json", cwd=ROOT))
    pages = json.loads(_run("stats", "--pages", "--format", "json", cwd=ROOT))["pages"]
    assert doc["summary"]["pages"] == len(pages)
    for cluster in doc["clusters"]:
        members = [p for p in pages if cluster["id"] in p["clusters"]]
        assert cluster["pages"] == len(members)
        assert sum(cluster["depth_histogram"].values()) + cluster["not_reached"] == len(members)
    assert sum(p["inlinks"]["content"] for p in pages) == doc["summary"]["links"]["content"]


def test_velocity_and_signals_slots_reach_every_format() -> None:
    from dataclasses import replace

    from linkpolicy import api
    from linkpolicy.insight import formats
    from linkpolicy.insight.metrics import ClusterSignals, VelocityRow

    stats = api.stats_of(api.analyse(SITE, cwd=SITE))
    assert "velocity" not in formats.stats_dict(stats)
    rich = replace(
        stats,
        velocity=[VelocityRow("guides", "2026-W47", 4, 1)],
        signals=[ClusterSignals("guides", {"clicks": 12})],
    )
    doc = json.loads(formats.render_json(rich))
    assert doc["velocity"] == [{"cluster": "guides", "week": "2026-W47", "added": 4, "removed": 1}]
    assert doc["signals"] == [{"cluster": "guides", "clicks": 12}]
    assert "guides 2026-W47: +4 -1" in formats.render_text(rich)
    assert "| guides | 2026-W47 | 4 | 1 |" in formats.render_markdown(rich)
