"""Hold the Docusaurus navigation model to a real build of a fixture site.

    python benchmarks/docusaurus_build_compare.py --node-modules DIR [--site FIXTURE]

DIR is a folder whose ``node_modules`` has ``@docusaurus/core`` and
``@docusaurus/preset-classic`` (3.x; e.g. ``npm install --legacy-peer-deps`` of both with
webpack pinned to 5.95). The script copies the fixture to a temporary folder, links the
``node_modules``, runs ``docusaurus build`` and reads every ``<a href>`` of the built HTML
with Python's HTML parser. Each built page maps back to its source page by URL, or to a
page of the graph without a source (a generated index, a blog list or tag page). It
prints the built pages the model has no node for, the links between nodes of the build
that the model lacks (content links included on both sides) and those the model has
that the build lacks. ``--built DIR`` compares an existing build instead (e.g. the jest
corpus built with a trimmed config: ``--site /tmp/jest --built /tmp/jest/website/build
--only website/versioned_docs/``). A script, not a test: it needs Node and the npm packages.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import tempfile
from collections import defaultdict
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

from linkpolicy.api import analyse
from linkpolicy.site.urls import url_key

REPO = Path(__file__).resolve().parent.parent


class _Anchors(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            href = dict(attrs).get("href")
            if href:
                self.hrefs.append(href)


def built_links(build: Path, site_url: str) -> dict[str, set[str]]:
    """URL of each built page -> the internal URLs its anchors point at (root-relative, or
    absolute on the site's own host)."""
    out: dict[str, set[str]] = {}
    for html in build.rglob("*.html"):
        rel = html.relative_to(build).as_posix()
        url = url_key("/" + (rel[: -len("index.html")] if rel.endswith("index.html") else rel[:-5]))
        parser = _Anchors()
        parser.feed(html.read_text(encoding="utf-8", errors="replace"))
        targets = set()
        for href in parser.hrefs:
            parts = urlsplit(href)
            own = parts.netloc == urlsplit(site_url).netloc or not parts.netloc
            if own and parts.scheme in ("", "http", "https") and parts.path.startswith("/"):
                targets.add(url_key(parts.path))
        out[url] = targets
    return out


def compare(root: Path, build: Path, only: str | None = None) -> None:
    """Print the links of the build at ``build`` that the model of ``root`` lacks, and back;
    ``only``: compare pages under this repository folder only."""
    analysis = analyse(root, root / "policies", cwd=root, cache=False)
    site = analysis.site
    pages = {url_key(p.url): p for p in site.published if only is None or p.path.startswith(only)}
    made = {url_key(u): u for u in analysis.graph.generated}
    nodes = pages.keys() | made.keys()
    built_all = built_links(build, analysis.policy.policy.site.base_url)
    built = {s: t & nodes for s, t in built_all.items() if s in nodes}
    model: dict[str, set[str]] = defaultdict(set)
    for link in site.navigation:
        model[url_key(link.source)].add(url_key(link.target))
    for page in site.published:
        for link in page.links:
            if link.is_page_link and link.target_page is not None:
                model[url_key(page.url)].add(url_key(link.target_page.url))

    def name(url: str) -> str:
        return pages[url].path if url in pages else f"({made.get(url, url)})"

    missing = sorted((s, t) for s in built for t in built[s] - model[s] if s != t)
    extra = sorted((s, t) for s in nodes for t in (model[s] & nodes) - built.get(s, set()) if s != t)
    unmodelled = sorted(u for u in built_all.keys() - nodes if not u.endswith(".html"))
    print(f"source pages: {len(pages)}, generated pages: {len(made)}, built: {len(nodes & built.keys())}")
    print(f"built pages with no source the model lacks: {len(unmodelled)}")
    for url in unmodelled:
        print(f"  {url}")
    print(f"built links between them: {sum(len(v - {k}) for k, v in built.items())}")
    print(f"in the build, not modelled: {len(missing)}")
    for s, t in missing:
        print(f"  {name(s)} -> {name(t)}")
    print(f"modelled, not in the build: {len(extra)}")
    for s, t in extra:
        print(f"  {name(s)} -> {name(t)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=REPO / "tests/navigation/docusaurus/json-site")
    parser.add_argument("--node-modules", type=Path, help="folder holding node_modules (to build)")
    parser.add_argument("--built", type=Path, help="an existing build of --site (its policies/ beside)")
    parser.add_argument("--only", help="compare pages under this repository folder only, e.g. docs/")
    args = parser.parse_args()
    if args.built:
        compare(args.site.resolve(), args.built.resolve(), args.only)
        return
    if not args.node_modules:
        parser.error("give --node-modules (to build) or --built")
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "site"
        shutil.copytree(args.site, root)
        (root / "src/css").mkdir(parents=True, exist_ok=True)
        (root / "src/css/custom.css").touch()
        (root / "node_modules").symlink_to(args.node_modules.resolve() / "node_modules")
        subprocess.run(["git", "init", "-q"], cwd=root, check=True)
        binary = root / "node_modules/.bin/docusaurus"
        subprocess.run([str(binary), "build", "--no-minify"], cwd=root, check=True)
        compare(root, root / "build", args.only)


if __name__ == "__main__":
    main()
