"""MkDocs (Material) navigation from the sources, held to what real MkDocs builds."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from helpers import tool

from linkpolicy import api
from linkpolicy.site.model import EdgeKind, NavLink

SITE = Path(__file__).parent / "mkdocs-site"
POSTS = {
    "/blog/2024/01/01/post-number-1/",
    "/blog/2024/02/02/post-number-2/",
    "/blog/2024/03/03/post-number-3/",
}


def _regions(public: Path) -> dict[str, dict[str, set[str]]]:
    """For each built page: the internal pages its sidebar, footer and content area link."""
    selectolax = pytest.importorskip("selectolax.lexbor")
    out: dict[str, dict[str, set[str]]] = {}
    for html in sorted(public.rglob("index.html")):
        url = "/" + html.parent.relative_to(public).as_posix() + "/"
        url = "/" if url == "/./" else url
        tree = selectolax.LexborHTMLParser(html.read_text(encoding="utf-8"))
        regions = {}
        for name, selector in (
            ("sidebar", ".md-sidebar--primary a[href]"),
            ("footer", ".md-footer a[href]"),
            ("content", ".md-content a[href]"),
        ):
            targets = set()
            for a in tree.css(selector):
                target = urlsplit(urljoin("https://mk.example" + url, a.attributes["href"] or ""))
                if target.netloc == "mk.example" and target.path != url:
                    targets.add(target.path)
            regions[name] = targets
        out[url] = regions
    return out


def test_navigation_matches_the_built_site(tmp_path: Path) -> None:
    mkdocs = tool("mkdocs")
    pytest.importorskip("material")
    root = tmp_path / "site"
    shutil.copytree(SITE, root)
    public = tmp_path / "public"
    subprocess.run(
        [mkdocs, "build", "-q", "-f", str(root / "mkdocs.yml"), "-d", str(public)],
        check=True,
        capture_output=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    built = _regions(public)
    analysis = api.analyse(root, root / "policies", cwd=root)
    pages = {p.url for p in analysis.site.published}
    # the blog's pagination, archive and category pages have no source file: the graph has
    # them as generated pages, each one the build makes
    generated = set(analysis.graph.generated)
    assert set(built) - pages == generated
    assert {"/blog/page/2/", "/blog/archive/2024/page/2/", "/blog/category/news/page/2/"} <= generated
    assert POSTS <= pages
    nodes = pages | generated

    nav = analysis.site.navigation
    sidebar = {n.target for n in nav if n.via == "sidebar"}
    assert {n.source for n in nav if n.via == "sidebar"} == {"/"}
    for url in nodes:  # the nav lists the home page too; the model has no self-link
        assert built[url]["sidebar"] & nodes == (sidebar | {"/"}) - {url}, url

    footer = {(u, t) for u in pages for t in built[u]["footer"] & pages}
    assert {(n.source, n.target) for n in nav if n.via == "prev-next"} == footer

    content = {(u, t) for u in nodes for t in built[u]["content"] & nodes}
    blog = {(n.source, n.target) for n in nav if n.via in ("blog", "listed")}
    # posts link back to the index and their categories (links of their template); the
    # index's text lists its first page's posts (two: `pagination_per_page`), of kind
    # listed; the other list pages list theirs (edges of kind content, as the index's
    # are), and link their categories and the pages near them
    index = analysis.site.find("/blog/")
    listed = {("/blog/", lk.target_page.url) for lk in index.links if lk.is_listed and lk.target_page}
    assert listed == {("/blog/", post) for post in sorted(POSTS)[1:]}
    assert NavLink("/blog/page/2/", "/blog/2024/01/01/post-number-1/", "listed") in nav
    assert EdgeKind.CONTENT in analysis.graph.inbound_kinds("/blog/2024/01/01/post-number-1/")
    assert blog | listed == content


def test_page_not_in_nav_has_no_inbound_navigation(tmp_path: Path) -> None:
    root = tmp_path / "site"
    shutil.copytree(SITE, root)
    nav = api.analyse(root, root / "policies", cwd=root).site.navigation
    assert not any(n.target == "/reference/extra/" for n in nav)
    assert any(n.source == "/reference/extra/" for n in nav) is False


def test_material_without_footer_has_no_prev_next(tmp_path: Path) -> None:
    root = tmp_path / "site"
    shutil.copytree(SITE, root)
    config = root / "mkdocs.yml"
    config.write_text(config.read_text().replace("    - navigation.footer\n", ""))
    nav = api.analyse(root, root / "policies", cwd=root).site.navigation
    vias = {n.via for n in nav}
    # posts keep their own prev/next (the blog template shows it); nav pages lose theirs
    assert {(n.source, n.target) for n in nav if n.via == "prev-next"} <= {
        (a, b) for a in POSTS for b in POSTS
    }
    assert {"sidebar", "blog"} <= vias


def test_a_link_edit_on_the_blog_index_is_answered_as_a_full_run(tmp_path: Path) -> None:
    """The blog index's list of the posts is written into it by the build: a link edit of
    the index, answered from the run record, keeps the list (the record's graph row of
    the page is no longer its own links alone: the run is a full one)."""
    from linkpolicy.content import store

    root = tmp_path / "site"
    shutil.copytree(SITE, root)
    subprocess.run(["git", "init", "-q"], cwd=root, check=True)
    old, store.GRANULARITY_NS = store.GRANULARITY_NS, 0
    try:
        api.check(root, root / "policies", cwd=root, cache=True)
        index = root / "docs" / "blog" / "index.md"
        index.write_text(
            index.read_text() + "\nSee [the guides](../guides/index.md) and [nothing](nope.md).\n"
        )
        edited = api.check(root, root / "policies", ["docs/blog/index.md"], cwd=root, cache=True)
        recorded = api.check(root, root / "policies", cwd=root, cache=True)  # (the record it left)
        full = api.check(root, root / "policies", cwd=root)
    finally:
        store.GRANULARITY_NS = old

    def of_index(report: api.Report) -> list[tuple[str, int, str]]:
        return sorted((f.rule, f.line, f.message) for f in report.findings if f.path == "docs/blog/index.md")

    assert of_index(edited) == of_index(full)

    def every(report: api.Report) -> list[tuple[str, str, int, str]]:
        return sorted((f.path, f.rule, f.line, f.message) for f in report.findings)

    assert every(recorded) == every(full)
    line = (
        index.read_text().splitlines().index(next(t for t in index.read_text().splitlines() if "nope" in t))
        + 1
    )
    assert ("broken-link", line) in {(rule, at) for rule, at, _ in of_index(full)}
    assert not {f.path for f in full.findings if f.rule in ("orphan-page", "navigation-only-page")} & {
        f"docs/blog/posts/post-{n}.md" for n in (1, 2, 3)
    }
