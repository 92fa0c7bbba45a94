"""The HTML report in a real headless Chromium (Debian's `chromium`, driven by playwright):
the cluster picture and the tables render, the filter hides rows, a header click sorts.

Skipped without /usr/bin/chromium (or $LINKPOLICY_CHROMIUM) or without playwright; never
downloads a browser. The screenshot lands in the test's tmp folder, and also in
$LINKPOLICY_TEST_ARTIFACTS when that is set (`.ci/run` keeps it in .ci/artifacts/).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from linkpolicy import api

ROOT = Path(__file__).resolve().parents[2]
SITE = Path(__file__).parent / "site"
CHROMIUM = Path(os.environ.get("LINKPOLICY_CHROMIUM", "/usr/bin/chromium"))

sync_api = pytest.importorskip("playwright.sync_api")
if not CHROMIUM.exists():
    pytest.skip(f"no Chromium at {CHROMIUM} (apt-get install chromium)", allow_module_level=True)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory):
    analysis = api.analyse(ROOT, cwd=ROOT)
    stats = api.stats_of(analysis)
    report = api.report_of(analysis, api.findings_of(analysis))
    path = tmp_path_factory.mktemp("report") / "report.html"
    path.write_text(api.html_report(analysis, stats), encoding="utf-8")
    return path, stats, report


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with sync_api.sync_playwright() as p:
        # --no-sandbox: CI containers run as root, where Chromium's sandbox cannot start
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox"])
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, demo):
    """A tab on the demo report; fails the test on any script error, dialog or request
    that leaves the file."""
    path, _, _ = demo
    tab = browser.new_page(viewport={"width": 1280, "height": 1000})
    problems: list[str] = []
    tab.on("pageerror", lambda exc: problems.append(f"script error: {exc}"))
    tab.on("dialog", lambda dialog: (problems.append(f"dialog: {dialog.message}"), dialog.dismiss()))
    tab.on("request", lambda req: req.url.startswith("file:") or problems.append(f"request: {req.url}"))
    tab.goto(path.as_uri())
    yield tab
    tab.close()
    assert problems == []


def _visible_rows(tab, table: str) -> int:
    return tab.locator(f"#{table} tbody tr:visible").count()


def test_picture_and_tables_render(page, demo, tmp_path: Path) -> None:
    _, stats, report = demo
    graph = page.locator("#cluster-graph")
    box = graph.bounding_box()
    assert box is not None and box["width"] > 500 and box["height"] > 500
    assert page.locator("#cluster-graph circle.node").count() == stats.pages
    assert page.locator("#cluster-graph circle.node.hub").count() == len(stats.clusters)
    assert page.locator("#cluster-graph .mark-orphan").count() == len(stats.orphans)
    groups = page.locator("#cluster-graph circle.group")
    assert {c.id for c in stats.clusters} <= {
        groups.nth(i).get_attribute("data-group") for i in range(groups.count())
    }
    assert page.locator("#cluster-graph path.edge.cross").count() > 0
    # every node is drawn inside the picture, at a size the browser lays out
    node = page.locator("#cluster-graph circle.node").first.bounding_box()
    assert node is not None and node["width"] > 2 and box["x"] <= node["x"] <= box["x"] + box["width"]
    assert _visible_rows(page, "pages-table") == stats.pages
    assert _visible_rows(page, "findings-table") == len(report.findings)
    assert _visible_rows(page, "hub-table") == len(stats.clusters)
    assert page.locator("#depth-histogram .depth-bar").count() == len(stats.depth_histogram) + bool(
        stats.not_reached
    )
    shot = tmp_path / "report-demo.png"
    page.screenshot(path=str(shot), full_page=True)
    graph.screenshot(path=str(tmp_path / "report-demo-graph.png"))
    assert shot.stat().st_size > 20_000
    if os.environ.get("LINKPOLICY_TEST_ARTIFACTS"):
        folder = Path(os.environ["LINKPOLICY_TEST_ARTIFACTS"])
        folder.mkdir(parents=True, exist_ok=True)
        for png in tmp_path.glob("*.png"):
            shutil.copy(png, folder / png.name)


def test_typing_in_the_filter_hides_rows(page, demo) -> None:
    _, _, report = demo
    box = page.locator('input.filter[data-table="findings-table"]')
    box.press_sequentially("orphan-page")
    expected = [f for f in report.findings if f.rule == "orphan-page" or "orphan-page" in f.message]
    assert 0 < len(expected) < len(report.findings)
    assert _visible_rows(page, "findings-table") == len(expected)
    assert page.locator("#findings-table-count").inner_text() == f"{len(expected)} of {len(report.findings)}"
    box.fill("")
    page.locator('select.filter[data-table="findings-table"]').select_option("warning")
    assert _visible_rows(page, "findings-table") == report.summary.warnings
    pages_box = page.locator('input.filter[data-table="pages-table"]')
    pages_box.press_sequentially("/docs/tracking/")
    visible = page.locator("#pages-table tbody tr:visible")
    urls = {visible.nth(i).get_attribute("data-url") for i in range(visible.count())}
    assert urls and all(u.startswith("/docs/tracking/") for u in urls)


def test_clicking_a_header_sorts(page, demo) -> None:
    _, stats, _ = demo
    header = page.locator("#pages-table thead th", has_text="PageRank")
    first = page.locator("#pages-table tbody tr").first
    header.click()
    assert header.get_attribute("aria-sort") == "ascending"
    lowest = min(stats.page_metrics, key=lambda m: (m.pagerank, m.url))
    assert first.get_attribute("data-url") in {
        m.url for m in stats.page_metrics if m.pagerank == lowest.pagerank
    }
    header.click()
    assert header.get_attribute("aria-sort") == "descending"
    top = max(stats.page_metrics, key=lambda m: m.pagerank)
    assert first.get_attribute("data-url") == top.url
    page.locator("#pages-table thead th", has_text="depth").click()
    assert first.get_attribute("data-url") == stats.home
    values = page.locator("#pages-table tbody tr td:nth-child(10)").all_inner_texts()
    depths = [int(v) for v in values if v.isdigit()]
    assert depths == sorted(depths) and values[-1] == "–"  # pages no path reaches sort last


def test_navigation_links_toggle_and_nodes_find_their_page(page, demo) -> None:
    _, stats, _ = demo
    nav = page.locator("#cluster-graph path.edge.nav")
    assert nav.count() > 0 and not nav.first.is_visible()
    page.locator("#show-nav").check()
    assert nav.first.is_visible()
    hub = stats.clusters[0].hub
    page.locator(f'#cluster-graph circle.node[data-id="{hub}"]').dispatch_event("click")
    visible = page.locator("#pages-table tbody tr:visible")
    urls = {visible.nth(i).get_attribute("data-url") for i in range(visible.count())}
    assert hub in urls and all(hub in u for u in urls)


def test_hostile_content_runs_nothing(browser, tmp_path: Path) -> None:
    site = tmp_path / "site"
    shutil.copytree(SITE, site)
    hostile = "<img src=x onerror=alert(1)><script>alert(2)</script>"
    (site / "docs" / "about.md").write_text(
        f"---\ntitle: '{hostile}'\n---\n[{hostile}](guides/index.md) [x](<javascript:alert(3)>)\n",
        encoding="utf-8",
    )
    analysis = api.analyse(site, cwd=site)
    target = tmp_path / "report.html"
    target.write_text(api.html_report(analysis), encoding="utf-8")
    tab = browser.new_page()
    dialogs: list[str] = []
    tab.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    tab.goto(target.as_uri())
    tab.locator('#cluster-graph circle.node[data-id="/about/"]').hover()
    assert tab.locator("#pages-table tr[data-url='/about/'] code").first.get_attribute("title") == hostile
    tab.close()
    assert dialogs == []
