"""Zensical (the successor of Material for MkDocs): a `zensical.toml` site is the MkDocs
site its `[project]` table describes — its pages, heading ids, nav and broken links held
to a real `zensical build`; skips without Zensical."""

from __future__ import annotations

import importlib.util
import posixpath
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import built_page, write_files

from linkpolicy import api
from linkpolicy.init import detect

pytestmark = pytest.mark.skipif(
    importlib.util.find_spec("zensical") is None, reason="zensical is not installed"
)

FILES = {
    "zensical.toml": (
        '[project]\nsite_name = "Z"\nsite_url = "https://example.com/"\n'
        'nav = [\n  { "Home" = "index.md" },\n'
        '  { "Guide" = [ "guide/index.md", { "Install" = "guide/install.md" } ] },\n]\n'
        "[project.markdown_extensions.toc]\npermalink = true\n"
        "[project.markdown_extensions.attr_list]\n"
        "[project.markdown_extensions.pymdownx.snippets]\n"
    ),
    "docs/index.md": (
        "# Home\n\nSee [install](guide/install.md#step-one), [custom](guide/install.md#custom-id), "
        "[punctuation](guide/index.md#a-heading-with-punctuation), [missing](guide/install.md#nope) "
        'and [the rest](orphan.md).\n\n--8<-- "parts/part.md"\n'
    ),
    "docs/guide/index.md": "# Guide\n\n## A Heading: with Punctuation!\n",
    "docs/guide/install.md": "# Install\n\n## Step one\n\n## Custom {#custom-id}\n",
    "docs/orphan.md": "# Not in the nav\n",
    "parts/part.md": "## From a snippet\n",
}


def built_ids(out: Path, url: str) -> set[str]:
    return {n.attributes.get("id") or "" for n in built_page(out, url).css("article [id]")}


def test_a_zensical_site_is_read_as_built(tmp_path: Path) -> None:
    root = write_files(tmp_path, FILES)
    subprocess.run(
        [sys.executable, "-m", "zensical", "build"], cwd=root, check=True, capture_output=True, timeout=300
    )
    out = root / "site"
    assert detect(root).generator == "mkdocs"
    write_files(
        root,
        {
            "policies/site.yaml": "site:\n  base_url: https://example.com/\n  generator: mkdocs\n  content: docs/\n"
        },
    )
    analysis = api.analyse(root=root)
    site = analysis.site
    built = {"/" + p.parent.relative_to(out).as_posix() + "/" for p in out.rglob("index.html")}
    assert {p.url for p in site.pages} == {u.replace("/./", "/") for u in built}
    for page in site.pages:
        ids = built_ids(out, page.url)
        assert {h.id for h in page.parsed.headings} <= ids, page.url
    # the snippet's heading is the home page's, as built
    assert "from-a-snippet" in built_ids(out, "/") and "from-a-snippet" in site.by_url["/"].anchors
    # the nav is the built sidebar's
    home = built_page(out, "/")
    sidebar = {
        posixpath.normpath("/" + (a.attributes.get("href") or "")).rstrip("/") + "/"
        for a in home.css("nav.md-nav--primary a.md-nav__link")
        if (a.attributes.get("href") or "#")[0] != "#"  # (the page's own headings)
    }
    ours = {n.target for n in site.navigation if n.via == "sidebar"}
    assert ours == sidebar == {"/guide/", "/guide/install/"}
    broken = [f.message.split()[0] for f in api.findings_of(analysis) if f.rule.startswith("broken")]
    assert broken == ["#nope"]
