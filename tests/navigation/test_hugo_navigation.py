"""Hugo navigation from the sources, held to what real Hugo builds from the same site."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from helpers import tool

from linkpolicy import api
from linkpolicy.errors import PolicyError
from linkpolicy.site.model import NavLink

SITE = Path(__file__).parent / "hugo-site"


def _copy(tmp_path: Path) -> Path:
    root = tmp_path / "site"
    shutil.copytree(SITE, root)
    return root


def _analyse(root: Path):
    return api.analyse(root, root / "policies", cwd=root)


def _built_links(public: Path) -> tuple[set[str], set[tuple[str, str]], dict[str, set[str]]]:
    """Built page URLs; links between them outside the page's <article> and menu (what
    the fixture's list and breadcrumb templates make); each page's menu links."""
    selectolax = pytest.importorskip("selectolax.lexbor")
    pages: set[str] = set()
    links: set[tuple[str, str]] = set()
    menus: dict[str, set[str]] = {}

    def targets(url: str, nodes) -> set[str]:
        out = set()
        for a in nodes:
            target = urlsplit(urljoin("https://nav.example" + url, a.attributes["href"] or ""))
            if target.netloc == "nav.example" and target.path != url:
                out.add(target.path)
        return out

    for html in sorted(public.rglob("index.html")):
        url = "/" + html.parent.relative_to(public).as_posix() + "/"
        url = "/" if url == "/./" else url
        pages.add(url)
        tree = selectolax.LexborHTMLParser(html.read_text(encoding="utf-8"))
        menus[url] = targets(url, tree.css("nav.menu a[href]"))
        for node in tree.css("article, nav.menu"):
            node.decompose()
        links |= {(url, t) for t in targets(url, tree.css("a[href]"))}
    return pages, links, menus


def test_navigation_matches_the_built_site(tmp_path: Path) -> None:
    hugo = tool("hugo")
    root = _copy(tmp_path)
    public = tmp_path / "public"
    subprocess.run(
        [hugo, "--source", str(root), "--destination", str(public), "--quiet"],
        check=True,
        capture_output=True,
        env={**os.environ, "HUGO_CACHEDIR": str(tmp_path / "cache")},
    )
    built_pages, built_links, built_menus = _built_links(public)
    analysis = _analyse(root)
    model_pages = {p.url for p in analysis.site.published}
    # /reference/ is the list page Hugo makes for a top-level folder without _index.md:
    # it has no source file, so it is a generated page of the graph, not a page.
    assert built_pages - model_pages == {"/reference/"}
    assert analysis.graph.generated == ["/reference/"]
    nodes = model_pages | {"/reference/"}
    assert model_pages <= built_pages
    # expired, future-dated and `cascade: {build: {render: never}}` pages are not built
    unpublished = {p.url: p.unpublished_reason for p in analysis.site.pages if not p.published}
    assert unpublished == {
        "/old-offer/": "expired",
        "/coming-soon/": "future",
        "/snippets/": "build.render never",
        "/snippets/note/": "build.render never",
        "/guides/draft/": "draft",
    }
    # Menus are on every built page; the model links their entries from the home page.
    menu = {n.target for n in analysis.site.navigation if n.via == "menu"}
    assert {n.source for n in analysis.site.navigation if n.via == "menu"} == {"/"}
    assert all(targets == menu - {url} for url, targets in built_menus.items())
    model = {(n.source, n.target) for n in analysis.site.navigation if n.via != "menu"}
    real = {(a, b) for a, b in built_links if a in nodes and b in nodes}
    assert real == model
    # the home page lists that folder's list page, which lists the folder's pages
    assert {("/", "/reference/"), ("/reference/", "/reference/api/")} <= model


def _nav(root: Path) -> set[tuple[str, str, str]]:
    return {(n.source, n.target, n.via) for n in _analyse(root).site.navigation}


def test_sections_breadcrumbs_and_menus(tmp_path: Path) -> None:
    nav = _nav(_copy(tmp_path))
    # a section lists its regular pages, leaf bundles, pages of folders without
    # _index.md, and its subsections -- never a page with build.list never or a draft
    listed = {t for s, t, v in nav if s == "/guides/" and v == "section"}
    assert listed == {
        "/guides/first/",
        "/guides/second/",
        "/guides/bundle/",
        "/guides/deep/page/",
        "/guides/advanced/",
    }
    assert ("/guides/advanced/tuning/", "/guides/", "breadcrumb") in nav
    assert ("/guides/advanced/tuning/", "/", "breadcrumb") in nav
    assert ("/guides/hidden/", "/guides/", "breadcrumb") in nav
    # menus: pageRef and site-relative url entries of the config, front matter `menu`
    menu = {(s, t) for s, t, v in nav if v == "menu"}
    assert menu == {("/", "/guides/"), ("/", "/reference/changelog/"), ("/", "/reference/api/")}
    assert not any(t == "/guides/draft/" for _, t, _ in nav)


def _policy(root: Path, navigation: str) -> None:
    (root / "policies" / "site.yaml").write_text(
        "site:\n  base_url: https://nav.example/\n  generator: hugo\n" + navigation, encoding="utf-8"
    )


def test_prev_next_in_hugo_order(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    _policy(root, "  navigation: [prev-next]\n")
    nav = _nav(root)
    assert {v for _, _, v in nav} == {"prev-next"}
    # weight 1, 2, 3, then unweighted pages by title
    chain = ["/guides/first/", "/guides/second/", "/guides/bundle/", "/guides/deep/page/"]
    for a, b in zip(chain, chain[1:], strict=False):
        assert (a, b, "prev-next") in nav and (b, a, "prev-next") in nav
    assert ("/guides/first/", "/guides/bundle/", "prev-next") not in nav


def test_declared_entries_beside_the_defaults(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    _policy(
        root,
        "  navigation:\n"
        "    - defaults\n"
        "    - {pages: 'blog/post.md', links: siblings}\n"
        "    - {pages: 'about.md', links: 'guides/advanced/*.md'}\n"
        "    - {pages: 'guides/advanced/tuning.md', links: ancestors}\n",
    )
    nav = _nav(root)
    declared = {(s, t) for s, t, v in nav if v == "declared"}
    assert declared == {
        ("/about/", "/guides/advanced/"),
        ("/about/", "/guides/advanced/nested-no-index/"),
        ("/about/", "/guides/advanced/tuning/"),
        ("/guides/advanced/tuning/", "/guides/advanced/"),
        ("/guides/advanced/tuning/", "/guides/"),
        ("/guides/advanced/tuning/", "/"),
    }
    assert any(v == "menu" for _, _, v in nav)


def test_no_navigation(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    _policy(root, "  navigation: []\n")
    assert _nav(root) == set()


def test_unknown_source_names_the_policy_line(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    _policy(root, "  navigation: [sections, sidebars]\n")
    with pytest.raises(PolicyError) as err:
        _analyse(root)
    assert "site.navigation[1]" in str(err.value)
    assert "'sidebars' is not a navigation source of hugo" in str(err.value)
    assert err.value.line == 4


def test_navlinks_are_sorted_and_unique(tmp_path: Path) -> None:
    links = _analyse(_copy(tmp_path)).site.navigation
    assert links == sorted(set(links))
    assert all(isinstance(n, NavLink) and n.source != n.target for n in links)
