"""Docusaurus navigation from the sources: each sidebar form, prev/next, navbar, footer,
blog lists and tag pages, as theme-classic renders them into a page's static HTML."""

from __future__ import annotations

import shutil
from collections import defaultdict
from pathlib import Path

import pytest

from linkpolicy.api import analyse, check
from linkpolicy.init import write_starter
from linkpolicy.site.graph import build_graph
from linkpolicy.site.model import NavLink, Site

SITES = Path(__file__).parent / "docusaurus"


def _site(tmp_path: Path, name: str) -> Site:
    root = tmp_path / name
    shutil.copytree(SITES / name, root)
    return analyse(root, root / "policies", cwd=root, cache=False).site


def _reached(site: Site) -> dict[str, set[tuple[str, str]]]:
    """Source page URL -> (target page URL, via) of its navigation links, a link to a
    page the build makes without a source (a tag page, a blog list) taken on to the pages
    that one leads to, directly or through others (via: the first link's)."""
    direct: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for link in site.navigation:
        direct[link.source].append((link.target, link.via))
    out: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for source in [p.url for p in site.pages if p.url in direct]:
        for target, via in direct[source]:
            queue, seen = [target], {target}
            while queue:
                url = queue.pop()
                if url not in site.generated:
                    out[source].add((url, via))
                    continue
                for nxt, _ in direct.get(url, ()):
                    if nxt not in seen:
                        seen.add(nxt)
                        queue.append(nxt)
    return out


def _links(site: Site) -> dict[str, set[str]]:
    """Source path -> target paths of the navigation links (through generated pages)."""
    path = {p.url: p.path for p in site.pages}
    out: dict[str, set[str]] = defaultdict(set)
    for source, targets in _reached(site).items():
        out[path[source]] |= {path[t] for t, _ in targets if path[t] != path[source]}
    return out


def _via(site: Site, source: str, target: str) -> set[str]:
    path = {p.url: p.path for p in site.pages}
    url = next(p.url for p in site.pages if p.path == source)
    return {via for t, via in _reached(site)[url] if path[t] == target}


def test_json_sidebar_renders_open_categories_only(tmp_path: Path) -> None:
    links = _links(_site(tmp_path, "json-site"))
    intro = links["docs/intro.md"]
    # a collapsed category shows its label's link (its doc) but not its items
    assert "docs/guides/overview.md" in intro
    assert "docs/guides/install.md" not in intro and "docs/guides/deep.md" not in intro
    # `collapsed: false` shows its items; `ref` and internal `link` items are links too
    assert {"docs/open-a.md", "docs/api-a.md", "docs/faq.md"} <= intro
    # on a page inside the category, the category (and the one holding it) is expanded
    assert {"docs/guides/install.md", "docs/guides/deep.md"} <= links["docs/guides/overview.md"]
    # a category without a link: its label links its first item during the build
    assert "docs/guides/deep.md" in links["docs/guides/install.md"]


def test_generated_index_is_a_page_of_the_graph_that_links_its_cards(tmp_path: Path) -> None:
    site = _site(tmp_path, "json-site")
    links = _links(site)
    assert {"docs/indexed-a.md", "docs/indexed-b.md"} <= links["docs/intro.md"]
    assert _via(site, "docs/intro.md", "docs/indexed-b.md") == {"sidebar"}
    # the sidebar links the category's generated index, a page with no source, which
    # links its cards: a click deeper, as on the built site
    url = {p.path: p.url for p in site.pages}
    index = "/docs/next/category/index"
    assert site.generated[index] == "generated index"
    assert NavLink(url["docs/intro.md"], index, "sidebar") in site.navigation
    cards = {n.target for n in site.navigation if n.source == index and n.via == "listed"}
    assert {url["docs/indexed-a.md"], url["docs/indexed-b.md"]} <= cards
    graph = build_graph(site)
    assert index in graph.generated and index not in graph.ids and graph.home == url["docs/intro.md"]
    assert graph.depth_of(url["docs/indexed-b.md"]) == 2


def test_prev_next_and_pagination_front_matter(tmp_path: Path) -> None:
    site = _site(tmp_path, "json-site")
    links = _links(site)
    # pagination_next names a doc of another sidebar
    assert _via(site, "docs/guides/install.md", "docs/api-b.md") == {"prev-next"}
    # pagination_prev: null turns prev off: the doc before open-a (deep, in a collapsed
    # category) is not linked
    assert "docs/guides/deep.md" not in links["docs/open-a.md"]
    # displayed_sidebar shows another sidebar: its shorthand category links its first doc
    assert links["docs/faq.md"] >= {"docs/api-a.md"}
    assert "docs/api-b.md" not in links["docs/faq.md"]


def test_navbar_footer_versions_blog_and_tags(tmp_path: Path) -> None:
    site = _site(tmp_path, "json-site")
    links = _links(site)
    posts = {f"blog/2024-0{m}-01-{n}.md" for m, n in ((1, "first"), (2, "second"), (3, "third"))}
    # a doc nobody's sidebar lists still has the navbar and footer
    lonely = links["docs/lonely.md"]
    assert "docs/faq.md" in lonely  # the footer's absolute href on the site's own host
    # the version dropdown links each version's copy of the page, or its main doc
    assert "versioned_docs/version-1.0/intro.md" in links["docs/intro.md"]
    assert "docs/intro.md" in links["versioned_docs/version-1.0/old.md"]
    # the navbar's blog link reaches every post through the list pages (2 a page)
    assert posts <= lonely
    # a post links its neighbours and the sidebar's most recent post
    assert links["blog/2024-01-01-first.md"] >= {"blog/2024-02-01-second.md", "blog/2024-03-01-third.md"}
    # docs tags: a doc links its tags' pages, which list their docs (and the footer's tag
    # index lists the tag pages): a page of the graph each, not a link between every two
    # pages that share a tag
    assert "tags" in _via(site, "docs/api-a.md", "docs/intro.md")
    url = {p.path: p.url for p in site.pages}
    out = {n.target: n.via for n in site.navigation if n.source == url["docs/api-a.md"]}
    assert out["/docs/next/tags/start"] == "tags" and site.generated["/docs/next/tags/start"] == "tag page"
    assert out.get(url["docs/intro.md"]) != "tags"  # (the navbar links it)
    # a version's sidebars come from versioned_sidebars/
    assert "versioned_docs/version-1.0/old.md" in links["versioned_docs/version-1.0/intro.md"]
    # no page links itself; a page no sidebar or item lists stays unlinked
    assert all(src not in targets for src, targets in links.items())
    assert not any("docs/lonely.md" in targets for targets in links.values())
    assert site.notices == []


def test_js_sidebar_reads_consts_and_spreads_and_names_what_it_cannot(tmp_path: Path) -> None:
    site = _site(tmp_path, "js-site")
    links = _links(site)
    assert links["docs/intro.md"] == {"docs/setup.md", "docs/advanced.md"}
    [notice] = site.notices
    assert (notice.path, notice.line, notice.column) == ("sidebars.js", 6, 34)
    assert "require" in notice.message


def test_ts_sidebar_with_type_annotation_and_export_default(tmp_path: Path) -> None:
    site = _site(tmp_path, "ts-site")
    links = _links(site)
    assert links["docs/intro.md"] == {"docs/tutorial.md", "docs/reference.md"}
    assert _via(site, "docs/intro.md", "docs/reference.md") == {"navbar"}  # type: docSidebar
    assert {"docs/step-one.md", "docs/step-two.md"} <= links["docs/tutorial.md"]
    assert [n.message for n in site.notices] == [
        "sidebar names doc 'missing-doc', which is no published page"
    ]


def test_autogenerated_sidebar_with_category_files_and_positions(tmp_path: Path) -> None:
    site = _site(tmp_path, "autogen-site")
    links = _links(site)
    zeta = links["docs/zeta.md"]
    # the index doc is the category's link; the category is collapsed elsewhere
    assert "docs/01-basics/index.md" in zeta and "docs/01-basics/02-install.md" not in zeta
    # _category_.json link: generated-index -> its cards; _category_.yml collapsed: false
    assert {"docs/02-guides/writing.md", "docs/02-guides/deep/page.md"} <= zeta
    # a doc named like its folder is the category's link
    assert "docs/reference/reference.md" in zeta and "docs/reference/api.md" not in zeta
    assert "docs/reference/api.md" in links["docs/reference/reference.md"]
    # order: sidebar_position, then number prefixes: configure (01-) before install (02-)
    assert _via(site, "docs/01-basics/01-configure.md", "docs/01-basics/02-install.md") == {"sidebar"}
    assert _via(site, "docs/intro.md", "docs/01-basics/02-install.md") == {"prev-next"}


def test_orphan_rule_sees_the_sidebar(tmp_path: Path) -> None:
    root = tmp_path / "json-site"
    shutil.copytree(SITES / "json-site", root)
    report = check(root, root / "policies", cwd=root)
    orphans = {f.path for f in report.findings if f.rule == "orphan-page"}
    assert orphans == {"docs/lonely.md"}


@pytest.mark.parametrize(
    ("text", "line"),
    [("module.exports = {docs: [", 1), ('{\n  "docs": ["a",]\n}', 2)],
)
def test_unparseable_sidebars_are_notices(tmp_path: Path, text: str, line: int) -> None:
    root = tmp_path / "js-site"
    shutil.copytree(SITES / "js-site", root)
    (root / "sidebars.js").unlink()
    name = "sidebars.js" if text.startswith("module") else "sidebars.json"
    (root / name).write_text(text, encoding="utf-8")
    config = root / "docusaurus.config.js"
    config.write_text(
        config.read_text(encoding="utf-8").replace("./sidebars.js", f"./{name}"), encoding="utf-8"
    )
    site = analyse(root, root / "policies", cwd=root, cache=False).site
    assert [(n.path, n.line) for n in site.notices][:1] == [(name, line)]


def test_jest_corpus_versioned_sidebars_leave_no_orphan_or_unreachable_page(tmp_path: Path) -> None:
    """The jest site: four versions of its sidebars, the version dropdown and the blog list
    link every page the built site links (without navigation: 62 orphans, 86 unreachable)."""
    source = Path(__file__).resolve().parents[3] / "shared" / "corpora" / "jest"
    if not source.is_dir():
        pytest.skip(f"corpus {source} is not available")
    root = tmp_path / "jest"
    shutil.copytree(source, root)
    (root / ".git").mkdir()
    write_starter(root)
    report = check(root, cwd=root)
    graph_rules = ("orphan-page", "unreachable-page")
    assert [f.path for f in report.findings if f.rule in graph_rules] == []
    # the archived versions' dropdown entries are built by code: named, not guessed
    unread = [(f.path, f.line) for f in report.findings if f.rule == "unread-navigation"]
    assert unread == [("website/docusaurus.config.mjs", 182)]


def test_a_themes_own_version_menu_links_the_versions(tmp_path: Path) -> None:
    """A theme that renders its own version menu (Ionic's `themeConfig.sidebar.versionDropdown`)
    links each version's copy of a page from every page, as the navbar's dropdown does."""
    from linkpolicy.site.navigation.docusaurus_config import read_site_config
    from linkpolicy.source import WorkTree

    root = tmp_path / "json-site"
    shutil.copytree(SITES / "json-site", root)
    config = root / "docusaurus.config.js"
    text = config.read_text().replace("        {type: 'docsVersionDropdown'},\n", "")
    config.write_text(text)
    assert {"type": "docsVersionDropdown"} not in read_site_config(WorkTree(root), None, []).navbar
    config.write_text(
        text.replace("  themeConfig: {\n", "  themeConfig: {\n    sidebar: {versionDropdown: {}},\n")
    )
    assert {"type": "docsVersionDropdown"} in read_site_config(WorkTree(root), None, []).navbar
    links = _links(analyse(root, root / "policies", cwd=root, cache=False).site)
    assert "versioned_docs/version-1.0/intro.md" in links["docs/intro.md"]
    assert "docs/intro.md" in links["versioned_docs/version-1.0/intro.md"]
