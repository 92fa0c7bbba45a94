"""Jekyll sites whose own templates make the navigation: the links of the data files
they read (`site.data.NAME`), the posts (or a collection's documents) they loop over, and
Minima's header and home page; and links whose destination is a Liquid output tag
(`{{ '/x/' | relative_url }}`), which Jekyll renders before it reads the Markdown. Held to
a real `jekyll build` of the same site where Jekyll is installed."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from linkpolicy import api

LAYOUT = (
    "<html><body><nav>{% for item in site.data.nav %}"
    '<a href="{{ item.link | relative_url }}">{{ item.title }}</a>{% endfor %}</nav>\n'
    "<aside>{% for post in site.posts limit: 1 %}"
    '<a href="{{ post.url | relative_url }}">{{ post.title }}</a>{% endfor %}</aside>\n'
    "<main>{{ content }}</main></body></html>\n"
)
FILES = {
    "_config.yml": "title: T\nbaseurl: /proj\n",
    "_layouts/default.html": LAYOUT,
    "_data/nav.yml": "- title: Guide\n  link: /docs/guide/\n- title: Elsewhere\n  link: https://example.org/docs/b/\n",
    "_data/unread.yml": "- link: /docs/orphan/\n",  # no template reads it
    "feed.xml": "---\n---\n{% for post in site.posts %}<link>{{ post.url }}</link>{% endfor %}\n",
    "index.md": (
        "---\nlayout: default\ntitle: Home\n---\n# Home\n\n"
        '[B]({{ "/docs/b/" | relative_url }}) and [C]({{ site.baseurl }}/docs/c/)\n'
    ),
    "_posts/2024-01-01-old.md": "---\nlayout: default\ntitle: Old\n---\nold\n",
    "_posts/2024-02-01-new.md": "---\nlayout: default\ntitle: New\n---\nnew\n",
    **{
        f"docs/{n}.md": f"---\nlayout: default\ntitle: {n}\npermalink: /docs/{n}/\n---\n# {n}\n"
        for n in ("guide", "b", "c", "orphan")
    },
}
POLICY = (
    "site:\n  base_url: https://example.com/proj\n  generator: jekyll\n  content: ./\n  home: /\n"
    "  exclude: ['_site/**', 'policies/**']\n"
)


def write(root: Path, files: dict[str, str]) -> Path:
    for rel, text in {**files, "policies/site.yaml": POLICY}.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text)
    return root


def home_links(analysis: api.Analysis) -> set[str]:
    """The URLs the home page links: its own links and the navigation from it."""
    home = analysis.site.home
    own = {lk.target_page.url for lk in home.links if lk.target_page is not None}
    return own | {n.target for n in analysis.site.navigation if n.source == home.url}


def test_data_files_posts_and_liquid_destinations(tmp_path: Path) -> None:
    analysis = api.analyse(write(tmp_path, FILES), cwd=tmp_path)
    nav = {(n.target, n.via) for n in analysis.site.navigation}
    # the data file the layout reads; the newest post (the loop's limit); not the data file
    # no template reads, the external link, or the feed's loop over every post
    assert nav == {("/docs/guide/", "data"), ("/2024/02/01/new.html", "posts")}
    assert home_links(analysis) == {"/docs/guide/", "/2024/02/01/new.html", "/docs/b/", "/docs/c/"}
    orphans = {f.path for f in api.findings_of(analysis) if f.rule == "orphan-page"}
    assert orphans == {"docs/orphan.md", "_posts/2024-01-01-old.md"}


@pytest.mark.skipif(shutil.which("jekyll") is None, reason="jekyll is not installed")
def test_the_model_is_the_built_home_page(tmp_path: Path) -> None:
    root = write(tmp_path, FILES)
    subprocess.run(["jekyll", "build", "-q"], cwd=root, check=True, capture_output=True, timeout=300)
    built = set(re.findall(r'href="([^"]*)"', (root / "_site" / "index.html").read_text()))
    internal = {h.removeprefix("/proj") for h in built if h.startswith("/")}
    assert internal == home_links(api.analyse(root, cwd=root))


def test_a_loop_without_limit_or_a_paginator_lists_every_post(tmp_path: Path) -> None:
    for loop in ("{% for post in site.posts %}", "{% for post in paginator.posts %}"):
        files = {
            **FILES,
            "_layouts/default.html": LAYOUT.replace("{% for post in site.posts limit: 1 %}", loop),
        }
        analysis = api.analyse(write(tmp_path / str(len(loop)), files), cwd=tmp_path / str(len(loop)))
        posts = {n.target for n in analysis.site.navigation if n.via == "posts"}
        assert posts == {"/2024/01/01/old.html", "/2024/02/01/new.html"}, loop


def test_minima_header_and_home_page(tmp_path: Path) -> None:
    """Minima's header lists `header_pages` (else every page with a title, not posts), and a
    home page with `layout: home` lists every post."""
    files = {
        "_config.yml": "theme: minima\nheader_pages: [docs/guide.md]\n",
        "index.md": "---\nlayout: home\n---\n",
        "_posts/2024-01-01-old.md": "---\ntitle: Old\n---\nold\n",
        **{f"docs/{n}.md": f"---\ntitle: {n}\n---\n# {n}\n" for n in ("guide", "orphan")},
    }
    nav = {(n.target, n.via) for n in api.analyse(write(tmp_path, files), cwd=tmp_path).site.navigation}
    assert nav == {("/docs/guide.html", "header"), ("/2024/01/01/old.html", "posts")}
    files["_config.yml"] = "theme: minima\n"
    files["index.md"] = "---\nlayout: page\n---\n"
    nav = {
        (n.target, n.via)
        for n in api.analyse(write(tmp_path / "b", files), cwd=tmp_path / "b").site.navigation
    }
    assert nav == {("/docs/guide.html", "header"), ("/docs/orphan.html", "header")}


def test_a_loop_over_a_collection_lists_its_documents(tmp_path: Path) -> None:
    """`for r in site.recipes` lists the collection's documents; a filtered list (`where`)
    in an assign is not read, nor a collection without output."""
    files = {
        "_config.yml": "collections:\n  recipes:\n    output: true\n  notes:\n    output: true\n",
        "_layouts/default.html": (
            "{% for r in site.recipes %}<a href='{{ r.url }}'>{{ r.title }}</a>{% endfor %}"
            "{% assign some = site.notes | where: 'x', 1 %}{{ content }}"
        ),
        "index.md": "---\nlayout: default\n---\n# Home\n",
        "_recipes/soup.md": "---\ntitle: Soup\n---\n# Soup\n",
        "_notes/n.md": "---\ntitle: N\n---\n# N\n",
    }
    nav = {(n.target, n.via) for n in api.analyse(write(tmp_path, files), cwd=tmp_path).site.navigation}
    assert nav == {("/recipes/soup.html", "collection")}
