"""The Docusaurus model against a real Docusaurus build: tests/built/docusaurus-site is built
by Docusaurus 3.6 (npm, installed by .ci/run into .ci/docusaurus) and linkpolicy's pages
and broken links are held to what the build makes of it: every page's URL (the canonical
URL in its HTML, trailing slash and all) and, page by page, the broken links and anchors
Docusaurus itself reports. Skips where Docusaurus is not installed."""

from __future__ import annotations

import re
import shutil
import subprocess
from collections import Counter
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from selectolax.lexbor import LexborHTMLParser

from linkpolicy.api import analyse, findings_of

HERE = Path(__file__).parent
SITE = HERE / "built" / "docusaurus-site"
MODULES = HERE.parent / ".ci" / "docusaurus" / "node_modules"
CANONICAL = re.compile(r'rel="canonical" href="https://example\.org([^"]*)"')
# "- Broken link on source page path = /docs/intro:" then "   -> linking to /docs/nope"
REPORTED = re.compile(r"^- Broken (link|anchor) on source page path = (\S+):$")
TARGET = re.compile(r"^\s+-> linking to (\S+)")


def build(tmp_path: Path, without: str | None = None) -> tuple[Path, Path, str]:
    """The fixture site built by Docusaurus (``without``: less that folder)."""
    binary = MODULES / ".bin" / "docusaurus"
    if not binary.exists():
        pytest.skip("Docusaurus is not installed (.ci/run installs it into .ci/docusaurus with npm)")
    site, out = tmp_path / "site", tmp_path / "out"
    shutil.copytree(SITE, site)
    if without is not None:
        shutil.rmtree(site / without)
    (site / "node_modules").symlink_to(MODULES)
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@t"]
    for args in (["init", "-q"], ["add", "-A"], ["commit", "-qm", "site"]):
        subprocess.run([*git, *args], cwd=site, check=True, capture_output=True)
    proc = subprocess.run(
        [str(binary), "build", "--out-dir", str(out)],
        cwd=site,
        capture_output=True,
        text=True,
        timeout=600,
        env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "CI": "true", "NO_UPDATE_NOTIFIER": "1"},
    )
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    return site, out, proc.stdout + proc.stderr


def reported(log: str) -> Counter[tuple[str, str]]:
    """(page URL, "link" or "anchor") -> how many broken ones Docusaurus reports there
    (links to "/" aside: the theme's navbar links the site's root, which has no page)."""
    counts: Counter[tuple[str, str]] = Counter()
    where = None
    for line in log.splitlines():
        if m := REPORTED.match(line):
            where = (m.group(2), m.group(1))
        elif (m := TARGET.match(line)) and where is not None and m.group(1) != "/":
            counts[where] += 1
        elif not line.startswith(" "):
            where = None
    return counts


def test_pages_and_broken_links_are_what_docusaurus_builds(tmp_path: Path) -> None:
    site, out, log = build(tmp_path)
    built = {}
    for html in out.rglob("*.html"):
        if m := CANONICAL.search(html.read_text(encoding="utf-8")):
            built[m.group(1)] = html
    analysis = analyse(site, cwd=site)
    ours = {p.url: p.path for p in analysis.site.published}
    # every page at the URL Docusaurus gives it; the build adds the blog's lists and the tag
    # pages, which the graph has as generated pages (404.html aside: no link leads there)
    assert set(ours) <= set(built), sorted(set(ours) - set(built))
    generated = analysis.graph.generated
    assert sorted(set(built) - set(ours) - set(generated)) == ["/404.html"]
    assert set(generated) <= set(built), sorted(set(generated) - set(built))
    by_path = {path: url for url, path in ours.items()}
    found: Counter[tuple[str, str]] = Counter()
    for f in findings_of(analysis):
        if f.rule in ("broken-link", "broken-fragment"):
            found[(by_path[f.path], "link" if f.rule == "broken-link" else "anchor")] += 1
    assert found == reported(log)
    assert found[("/docs/releases/", "link")] == 1  # a relative link from a category index's URL


def _hrefs(html: Path, url: str) -> set[str]:
    """The paths on the site that the built page at ``url`` links (no trailing slash)."""
    tree = LexborHTMLParser(html.read_text(encoding="utf-8"))
    out = set()
    for node in tree.css("a[href]"):
        link = urlsplit(urljoin(f"https://example.org{url}/", node.attributes["href"] or ""))
        if link.netloc == "example.org":
            out.add(link.path.rstrip("/") or "/")
    return out


def test_tag_pages_and_blog_lists_link_what_docusaurus_builds_them_with(tmp_path: Path) -> None:
    """The pages the build makes without a source (docs and blog tag pages, the tags
    indexes, the blog's list and archive) are nodes of the graph, each linking what its
    built HTML links: every link the model gives one is in its HTML, and every page or tag
    page its HTML links is one the model gives it, but for the links written in a post,
    which a list page shows with the post (modelled as the post's own)."""
    site, out, _ = build(tmp_path)
    analysis = analyse(site, cwd=site)
    graph = analysis.graph
    assert {"/docs/tags/install", "/news", "/news/archive", "/news/tags/release"} <= set(graph.generated)
    nodes = set(graph.urls) | set(graph.generated)
    written = {link.target_page.url for p in analysis.site.published for link in p.links if link.target_page}
    for url in graph.generated:
        built = _hrefs(out / url.lstrip("/") / "index.html", url) & nodes - {url}
        ours = {n.target for n in analysis.site.navigation if n.source == url}
        assert ours <= built, (url, sorted(ours - built))
        assert built - ours <= written, (url, sorted(built - ours - written))
    # a tagged doc links its tag's page, one click from the other docs with that tag
    tagged = {n.target for n in analysis.site.navigation if n.source == "/docs/setup"}
    assert "/docs/tags/install" in tagged and "/docs/releases/policy" not in tagged


def test_a_blog_with_no_folder_makes_no_pages(tmp_path: Path) -> None:
    """The preset's blog is on by default, but with no `blog/` folder (or no post in it)
    the build makes no blog list, archive or tags: the graph has none of them either."""
    site, out, _ = build(tmp_path, without="blog")
    assert not (out / "news").exists()
    analysis = analyse(site, cwd=site)
    generated = set(analysis.graph.generated)
    assert generated and not [url for url in generated if url.startswith("/news")]
    built = {m.group(1) for html in out.rglob("*.html") if (m := CANONICAL.search(html.read_text("utf-8")))}
    assert generated <= built, sorted(generated - built)
