"""Material's blog plugin against a real MkDocs build: a blog of 75 posts over three years
in three categories, ten to a list page, so the blog index, the archive of each year and
each category run to several pages that have no source file. Every page the build makes
is a node of the graph (a page or a generated page), every node links what its built HTML
links (the sidebar on every page aside, which the model gives the home page), and the
click depth of every page is the one a crawler finds in the built site."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from helpers import built_folders, click_depths, mkdocs_build, model_links

from linkpolicy import api

CONFIG = """site_name: Blog
site_url: https://blog.example/
theme:
  name: material
  features:
    - navigation.footer
plugins:
  - blog
nav:
  - Home: index.md
  - Guide: guide.md
  - Blog:
    - blog/index.md
"""
POLICY = "site:\n  generator: mkdocs\n  base_url: https://blog.example/\n  home: index.md\n"


def _site(root: Path) -> None:
    posts = root / "docs" / "blog" / "posts"
    posts.mkdir(parents=True)
    (root / "mkdocs.yml").write_text(CONFIG)
    (root / "policies").mkdir()
    (root / "policies" / "site.yaml").write_text(POLICY)
    (root / "docs" / "index.md").write_text("# Home\n\nRead [the guide](guide.md).\n")
    (root / "docs" / "guide.md").write_text("# Guide\n\nText.\n")
    (root / "docs" / "blog" / "index.md").write_text("# Blog\n")
    for n in range(75):
        date = dt.date(2023, 1, 1) + dt.timedelta(days=11 * n)
        category = ("News", "How-to", "Release notes")[n % 3]
        (posts / f"post-{n:02d}.md").write_text(
            f"---\ndate: {date}\ncategories:\n  - {category}\n---\n\n# Post {n}\n\n"
            "An excerpt.\n\n<!-- more -->\n\nThe rest.\n"
        )


def test_the_blogs_list_pages_are_the_builds(tmp_path: Path) -> None:
    pytest.importorskip("material")
    root, public = tmp_path / "site", tmp_path / "public"
    _site(root)
    mkdocs_build(root / "mkdocs.yml", public)
    pytest.importorskip("selectolax.lexbor")
    built = {
        u: {p for p in links if not p.startswith("/assets/")}
        for u, links in built_folders(public, "blog.example").items()
    }
    analysis = api.analyse(root, root / "policies", cwd=root)
    graph = analysis.graph
    nodes = set(graph.urls) | set(graph.generated)
    assert set(built) - {"/404.html"} == nodes
    made = {analysis.site.generated[u] for u in graph.generated}
    assert made == {"blog list", "blog archive", "blog category"}
    assert {"/blog/page/8/", "/blog/archive/2024/page/4/", "/blog/category/release-notes/page/3/"} <= nodes

    model = model_links(analysis)
    sidebar = model[graph.home] | {graph.home}  # on every page, modelled as the home page's
    for url in nodes:
        assert built[url] & nodes == (model[url] | sidebar) - {url}, url

    # the model's click depths are the built site's (sidebar links counted from every page)
    whole = {url: (model[url] | sidebar) - {url} for url in nodes}
    assert click_depths(built) == click_depths(whole)
    truth = click_depths(built)
    assert {url: graph.depth_of(url) for url in graph.urls} == {url: truth[url] for url in graph.urls}
    # a post on a list's third page is three clicks from home, not two (the sidebar links
    # the list's first page, which links its third)
    assert max(truth[url] for url in graph.urls) == 3
