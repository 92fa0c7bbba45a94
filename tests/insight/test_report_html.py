"""`linkpolicy report --html`: one self-contained file, content escaped, a deterministic picture."""

from __future__ import annotations

import contextlib
import math
import shutil
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner

from linkpolicy import api
from linkpolicy.cli import main
from linkpolicy.insight.html import render_report
from linkpolicy.insight.layout import layout
from linkpolicy.insight.metrics import ClusterSignals, VelocityRow

SITE = Path(__file__).parent / "site"
ROOT = Path(__file__).resolve().parents[2]
CORPORA = ROOT.parent / "shared" / "corpora"


class Tags(HTMLParser):
    """Every start tag with its attributes, and the text inside <script> elements."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._in_script = tag == "script"

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.scripts.append(data)


def _tags(html: str) -> Tags:
    parser = Tags()
    parser.feed(html)
    return parser


def _report(root: Path, policies: Path | None = None) -> str:
    analysis = api.analyse(root, policies, cwd=root)
    return api.html_report(analysis)


def test_self_contained(tmp_path: Path) -> None:
    target = tmp_path / "report.html"
    with contextlib.chdir(ROOT):
        result = CliRunner().invoke(main, ["report", "--html", str(target), "--no-cache", "--quiet"])
    assert result.exit_code == 0, result.output
    html = target.read_text(encoding="utf-8")
    tags = _tags(html)
    names = {tag for tag, _ in tags.tags}
    assert {"svg", "table", "script", "style"} <= names
    assert not names & {"link", "img", "iframe", "object", "embed"}
    for tag, attrs in tags.tags:
        assert "src" not in attrs, tag
        href = attrs.get("href")
        assert href is None or href.startswith("#"), (tag, href)
    csp = next(a["content"] for t, a in tags.tags if t == "meta" and a.get("http-equiv"))
    assert "default-src 'none'" in csp
    assert "http" not in "".join(tags.scripts)


def test_content_is_escaped(tmp_path: Path) -> None:
    site = tmp_path / "site"
    shutil.copytree(SITE, site)
    hostile = '<script>alert(1)</script>"><img src=x onerror=alert(2)>'
    (site / "docs" / "about.md").write_text(
        f"---\ntitle: '{hostile}'\n---\n[{hostile}](guides/index.md)\n", encoding="utf-8"
    )
    html = _report(site)
    tags = _tags(html)
    assert [t for t, _ in tags.tags].count("script") == 1  # only the report's own
    assert not any(t == "img" for t, _ in tags.tags)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script>alert" not in html


def test_picture_is_deterministic_and_groups_do_not_overlap() -> None:
    analysis = api.analyse(ROOT, cwd=ROOT)
    stats = api.stats_of(analysis)
    picture = layout(stats)
    assert picture == layout(api.stats_of(api.analyse(ROOT, cwd=ROOT)))
    assert not picture.aggregated
    assert len(picture.nodes) == stats.pages
    groups = {g.id: g for g in picture.groups}
    assert {c.id for c in stats.clusters} <= set(groups)
    for node in picture.nodes:
        group = groups[node.group]
        assert math.hypot(node.x - group.cx, node.y - group.cy) + node.r <= group.r + 1e-6
        assert 0 <= node.x <= picture.width and 0 <= node.y <= picture.height
    for a in picture.groups:
        for b in picture.groups:
            if a.id < b.id:
                assert math.hypot(a.cx - b.cx, a.cy - b.cy) >= a.r + b.r, (a.id, b.id)
    hubs = {c.hub for c in stats.clusters}
    biggest_member = max(
        n.r for n in picture.nodes if n.id not in hubs and n.group in {c.id for c in stats.clusters}
    )
    assert all(n.r >= 9 for n in picture.nodes if n.id in hubs)
    assert biggest_member <= 12
    cross = [line for line in picture.lines if line.cross]
    assert cross and all(line.d.startswith("M") and "Q" in line.d for line in cross)


def test_picture_aggregates_clusters_beyond_the_limit() -> None:
    stats = api.stats_of(api.analyse(ROOT, cwd=ROOT))
    picture = layout(stats, max_pages=50)
    assert picture.aggregated
    assert all(n.cluster for n in picture.nodes)
    assert {n.id for n in picture.nodes} == {g.id for g in picture.groups}
    assert sum(g.pages for g in picture.groups) == stats.pages
    edges_between_groups = sum(line.count for line in picture.lines)
    assert 0 < edges_between_groups <= len(stats.edge_list)


def test_velocity_and_signals_sections_appear_with_data() -> None:
    analysis = api.analyse(SITE, cwd=SITE)
    stats = api.stats_of(analysis)
    report = api.report_of(analysis, api.findings_of(analysis))
    plain = render_report(stats, report, "mkdocs")
    assert 'id="velocity"' not in plain and 'id="signals"' not in plain
    rich = replace(
        stats,
        velocity=[VelocityRow("guides", "2026-W47", 5, 2)],
        signals=[ClusterSignals("guides", {"crawl_hits": 120, "clicks": 7})],
    )
    html = render_report(rich, report, "mkdocs")
    assert 'id="velocity-table"' in html and "2026-W47" in html
    assert '<th class="num" data-type="num">clicks</th>' in html


def test_hugo_docs_report_stays_under_5_mb() -> None:
    source = CORPORA / "hugo-docs"
    if not source.is_dir():
        pytest.skip(f"corpus {source} is not available")
    analysis = api.analyse(source, ROOT / "tests" / "corpora" / "hugo-docs" / "policies", cwd=source)
    stats = api.stats_of(analysis)
    html = api.html_report(analysis, stats)
    assert len(html.encode("utf-8")) < 5 * 1024 * 1024
    tags = _tags(html)
    rows = [a for t, a in tags.tags if t == "tr" and "data-url" in a]
    assert len(rows) == stats.pages > 700
    assert layout(stats).aggregated  # one node per cluster or section beyond 400 pages
