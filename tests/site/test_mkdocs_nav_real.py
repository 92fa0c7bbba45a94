"""MkDocs' navigation held to real builds (the `mkdocs` theme, whose every page in the nav
links the previous and next one): mkdocs-literate-nav's nav files (a folder's own nav
file, a folder with none, a section, wildcards, a page left out), the order of a site with
no `nav` (a folder's files before its folders, names by code point), and the files the
theme and the search plugin write beside the pages."""

from __future__ import annotations

import importlib.util
import posixpath
import re
from pathlib import Path

import pytest
from helpers import mkdocs_build, write_files

from linkpolicy import api
from linkpolicy.site.generators import mkdocs_literate

needs_literate_nav = pytest.mark.skipif(
    importlib.util.find_spec("mkdocs_literate_nav") is None, reason="mkdocs-literate-nav is not installed"
)
needs_awesome_pages = pytest.mark.skipif(
    importlib.util.find_spec("mkdocs_awesome_pages_plugin") is None,
    reason="mkdocs-awesome-pages-plugin is not installed",
)

POLICY = "site:\n  base_url: https://example.com/\n  generator: mkdocs\n  content: docs/\n"

LITERATE = {
    "mkdocs.yml": "site_name: T\nsite_url: https://example.com/\ntheme: mkdocs\nplugins: [search, literate-nav]\n",
    "docs/SUMMARY.md": (
        "# Contents\n\nNot the nav:\n\n- [Elsewhere](https://example.org/)\n\nThe nav (the last list):\n\n"
        "* [Home](index.md)\n"
        "* [Guide](guide/)\n"
        "* Reference\n"
        "    * [The API](reference/api.md)\n"
        "    * reference/*.md\n"
        "* [Blog](blog/)\n"
        "* [Elsewhere](https://example.org/)\n"
    ),
    "docs/index.md": "# Home\n\nSee the [favicon](img/favicon.ico) and the [index](search/search_index.json).\n",
    "docs/guide/SUMMARY.md": "* [Usage](usage.md)\n* [Install](install.md)\n",
    "docs/guide/install.md": "# Install\n",
    "docs/guide/usage.md": "# Usage\n",
    "docs/guide/zeta.md": "# Zeta, in no nav file\n",
    "docs/reference/api.md": "# API\n",
    "docs/reference/options.md": "# Options\n",
    "docs/reference/cli.md": "# CLI\n",
    "docs/blog/b.md": "# B\n",
    "docs/blog/a.md": "# A\n",
    "docs/blog/Zed.md": "# Zed\n",
    "docs/blog/index.md": "# Blog\n",
    "docs/blog/old/x.md": "# X\n",
    "docs/orphan.md": "# Orphan\n",
    "policies/site.yaml": POLICY,
}

AWESOME = {
    "mkdocs.yml": "site_name: T\nsite_url: https://example.com/\ntheme: mkdocs\nplugins: [search, awesome-pages]\n",
    "docs/.pages": "nav:\n  - index.md\n  - guide\n  - ...\n  - Elsewhere: https://example.org/\n",
    "docs/index.md": "# Home\n",
    "docs/zeta.md": "# Zeta\n",
    "docs/alpha.md": "# Alpha\n",
    "docs/guide/.pages": "title: The guide\nnav:\n  - install.md\n  - Setup: setup.md\n  - ... | glob=step-*\n",
    "docs/guide/install.md": "# Install\n",
    "docs/guide/setup.md": "# Setup\n",
    "docs/guide/step-2.md": "# Step 2\n",
    "docs/guide/step-10.md": "# Step 10\n",
    "docs/guide/other.md": "# Other, matched by no entry\n",
    "docs/hidden/.pages": "hide: true\n",
    "docs/hidden/a.md": "# Hidden\n",
    "docs/reference/.pages": "order: desc\nsort_type: natural\n",
    "docs/reference/v1.md": "# v1\n",
    "docs/reference/v2.md": "# v2\n",
    "docs/reference/v10.md": "# v10\n",
    "policies/site.yaml": POLICY,
}

NO_NAV = {
    "mkdocs.yml": "site_name: T\nsite_url: https://example.com/\ntheme: mkdocs\n",
    "docs/index.md": "# Home\n",
    "docs/zeta.md": "# Zeta\n",
    "docs/Alpha.md": "# Alpha\n",
    "docs/beta/one.md": "# One\n",
    "docs/beta/README.md": "# Beta\n",
    "docs/Beta2/two.md": "# Two\n",
    "policies/site.yaml": POLICY,
}


def built_chain(out: Path) -> list[str]:
    """The pages of the built nav in order: from the home page, each page's "next" link."""
    chain = ["/"]
    while True:
        html = (out / chain[-1].strip("/") / "index.html").read_text(encoding="utf-8")
        m = re.search(r'<a rel="next" href="([^"]+)"', html)
        if m is None:
            return chain
        nxt = posixpath.normpath(posixpath.join(chain[-1], m.group(1))).rstrip("/") + "/"
        assert nxt not in chain
        chain.append(nxt)


def model_chain(root: Path) -> tuple[list[str], set[str]]:
    """Our model's nav: the previous/next chain from the home page, and the sidebar's pages."""
    site = api.analyse(root=root).site
    chain = ["/"]
    nexts: dict[str, list[str]] = {}
    for n in site.navigation:
        if n.via == "prev-next":
            nexts.setdefault(n.source, []).append(n.target)
    while True:
        ahead = [t for t in nexts.get(chain[-1], []) if t not in chain]
        if not ahead:
            break
        chain.append(ahead[0])
    sidebar = {n.target for n in site.navigation if n.via == "sidebar"}
    return chain, sidebar


@needs_literate_nav
def test_literate_nav_is_the_built_sites(tmp_path: Path) -> None:
    root = write_files(tmp_path, LITERATE)
    mkdocs_build(root / "mkdocs.yml", root / "out")
    built = built_chain(root / "out")
    # the guide's own nav file orders it; the blog has none: its index, files, then folders
    assert built[:4] == ["/", "/guide/usage/", "/guide/install/", "/reference/api/"]
    assert "/blog/old/x/" in built and "/orphan/" not in built and "/guide/zeta/" not in built
    chain, sidebar = model_chain(root)
    assert chain == built
    assert sidebar == set(built) - {"/"}
    # the site's files that the theme and the search plugin write are no broken links
    assert (root / "out" / "img" / "favicon.ico").is_file()
    assert (root / "out" / "search" / "search_index.json").is_file()
    findings = api.findings_of(api.analyse(root=root))
    # the nav file is built as a page too (/SUMMARY/), where a folder's link is a folder
    # under it, which the build does not have
    broken = {(f.path, f.target) for f in findings if f.rule == "broken-link"}
    assert broken == {("docs/SUMMARY.md", "guide/"), ("docs/SUMMARY.md", "blog/")}
    assert not (root / "out" / "SUMMARY" / "guide").exists()
    orphans = {f.path for f in findings if f.rule == "orphan-page"}
    assert "docs/orphan.md" in orphans and "docs/guide/zeta.md" in orphans


@needs_awesome_pages
def test_awesome_pages_arrange_the_nav_as_built(tmp_path: Path) -> None:
    root = write_files(tmp_path, AWESOME)
    mkdocs_build(root / "mkdocs.yml", root / "out")
    built = built_chain(root / "out")
    # its own order, a pattern's pages, natural order reversed; a hidden folder and a page
    # no entry takes are left out
    assert built[1:4] == ["/guide/install/", "/guide/setup/", "/guide/step-10/"]
    assert "/reference/v10/" in built and "/hidden/a/" not in built and "/guide/other/" not in built
    chain, sidebar = model_chain(root)
    assert chain == built
    assert sidebar == set(built) - {"/"}


def test_a_site_without_nav_is_in_mkdocs_file_order(tmp_path: Path) -> None:
    root = write_files(tmp_path, NO_NAV)
    mkdocs_build(root / "mkdocs.yml", root / "out")
    built = built_chain(root / "out")
    assert built == ["/", "/Alpha/", "/zeta/", "/Beta2/two/", "/beta/", "/beta/one/"]
    assert model_chain(root)[0] == built


def test_nav_file_lists_and_wildcards() -> None:
    pages = ["index.md", "a.md", "b.md", "sub/index.md", "sub/c.md", "sub/SUMMARY.md", "SUMMARY.md"]
    texts = {
        "SUMMARY.md": "<!--nav-->\n\n* [A](a.md)\n* [Sub](sub/)\n* *.md\n\n- [after](x.md)\n",
        "sub/SUMMARY.md": "* [C](c.md)\n",
    }
    read = texts.get
    nav = mkdocs_literate.nav_paths(None, pages, read, mkdocs_literate.LiterateNav())
    # the first list after <!--nav-->; the rest of the root's pages where the wildcard is
    assert nav == ["a.md", "sub/c.md", "index.md", "b.md"]
    implicit = mkdocs_literate.LiterateNav(nav_file="SUMMARY.md", implicit_index=True)
    assert mkdocs_literate.nav_paths(None, pages, read, implicit)[:3] == ["index.md", "a.md", "sub/index.md"]
    # the root's nav file wins over a config `nav`; without one, an entry of the config's
    # `nav` that names a folder takes that folder's nav file
    yaml_nav = [{"Home": "index.md"}, {"Sub": "sub/"}]
    default = mkdocs_literate.LiterateNav()
    assert mkdocs_literate.nav_paths(yaml_nav, pages, read, default) == nav
    no_root = [p for p in pages if p != "SUMMARY.md"]
    assert mkdocs_literate.nav_paths(yaml_nav, no_root, read, default) == ["index.md", "sub/c.md"]
