"""jekyll-paginate against a real `jekyll build` (Debian's `jekyll` and
`ruby-jekyll-paginate`): a blog index that loops over the paginator's posts lists a page's
worth of them, and the pages after it (`/page2/` ...), which have no source file, are
generated pages of the graph, each listing its posts and linking the pages its pager
names. Every page's links and click depth are held to the build's; skips without Jekyll."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from helpers import click_depths, html_links, model_links, write_files

from linkpolicy.api import analyse

POLICY = "site:\n  base_url: https://x.dev\n  generator: jekyll\n  content: ./\n  home: /\n"
LAYOUT = (
    "<html><body><header><a href=\"{{ '/' | relative_url }}\">Home</a> "
    "<a href=\"{{ '/about/' | relative_url }}\">About</a></header>\n<main>{{ content }}</main></body></html>\n"
)
LIST = (
    "<ul>\n{% for post in paginator.posts %}\n"
    '  <li><a href="{{ post.url | relative_url }}">{{ post.title }}</a></li>\n{% endfor %}\n</ul>\n'
)
NEXT_PREVIOUS = (
    '{% if paginator.previous_page %}<a href="{{ paginator.previous_page_path | relative_url }}">Newer</a>'
    "{% endif %}\n"
    '{% if paginator.next_page %}<a href="{{ paginator.next_page_path | relative_url }}">Older</a>{% endif %}\n'
)
NUMBERED = (
    "{% for n in (1..paginator.total_pages) %}{% if n == 1 %}"
    "<a href=\"{{ '/blog/' | relative_url }}\">1</a>{% else %}"
    "<a href=\"{{ site.paginate_path | relative_url | replace: ':num', n }}\">{{ n }}</a>"
    "{% endif %}{% endfor %}\n"
)


def _site(root: Path, pager: str) -> None:
    """23 posts, five a page; the index at the root with a newer/older pager, or at /blog/
    with a numbered one."""
    index = "index.html" if pager == "next-previous" else "blog/index.html"
    path = "/page:num" if pager == "next-previous" else "/blog/page:num"
    files = {
        "_config.yml": f"title: Paged\npaginate: 5\npaginate_path: {path}\nplugins:\n  - jekyll-paginate\n",
        "_layouts/default.html": LAYOUT,
        index: "---\nlayout: default\n---\n"
        + LIST
        + (NEXT_PREVIOUS if pager == "next-previous" else NUMBERED),
        "about.md": "---\nlayout: default\ntitle: About\npermalink: /about/\n---\n# About\n\n[Blog](/blog/)\n",
        "policies/site.yaml": POLICY,
    }
    if pager != "next-previous":
        files["index.md"] = "---\nlayout: default\ntitle: Home\n---\n# Home\n"
    for n in range(1, 24):
        files[f"_posts/2024-01-{n:02d}-post-{n:02d}.md"] = (
            f"---\nlayout: default\ntitle: Post {n}\n---\nText.\n"
        )
    write_files(root, files)


def _built(site: Path) -> dict[str, set[str]]:
    """Each built page's URL -> the pages of the site its HTML links (itself aside; the
    paginator's own paths, which have no trailing slash, with one)."""
    pytest.importorskip("selectolax.lexbor")
    out = {}
    for html in site.rglob("*.html"):
        rel = html.relative_to(site).as_posix()
        url = "/" + (rel[: -len("index.html")] if rel.endswith("index.html") else rel)
        links = {p if p.endswith((".html", "/")) else p + "/" for p in html_links(html, url, "x.dev")}
        out[url] = links - {url}
    return out


@pytest.mark.skipif(shutil.which("jekyll") is None, reason="jekyll is not installed")
@pytest.mark.parametrize("pager", ["next-previous", "numbered"])
def test_paginated_lists_are_the_builds(tmp_path: Path, pager: str) -> None:
    root = tmp_path / "site"
    _site(root, pager)
    done = subprocess.run(["jekyll", "build", "-q"], cwd=root, capture_output=True, timeout=300)
    if done.returncode != 0 and b"Dependency Error" in done.stdout + done.stderr:
        pytest.skip("jekyll-paginate is not installed")
    done.check_returncode()
    built = _built(root / "_site")
    analysis = analyse(root, root / "policies", cwd=root, cache=False)
    graph = analysis.graph
    nodes = set(graph.urls) | set(graph.generated)
    assert set(built) == nodes
    first = "/" if pager == "next-previous" else "/blog/"
    assert set(graph.generated) == {f"{first}page{n}/" for n in range(2, 6)}

    model = model_links(analysis)
    header = {"/", "/about/"}  # the layout's, on every page (modelled as the home page's links)
    for url in nodes:
        assert built[url] & nodes == (model[url] | header) - {url}, url
    truth = click_depths(built)
    assert {url: graph.depth_of(url) for url in graph.urls} == {url: truth.get(url) for url in graph.urls}
    # the oldest posts are on the last page: five clicks down a newer/older pager; a
    # numbered pager links every page (the blog two clicks from home, through the about page)
    assert max(truth[url] for url in graph.urls) == (5 if pager == "next-previous" else 4)
