"""Jekyll sites with Just the Docs: the theme's main navigation (a sidebar on every page)
lists every page with a title and no `nav_exclude` (its own docs: "Pages with no title are
automatically excluded from the main navigation"; posts and collections are not in it)."""

from __future__ import annotations

from pathlib import Path

import pytest

from linkpolicy import api

FILES = {
    "index.md": "---\ntitle: Home\nnav_order: 1\npermalink: /\n---\n# Home\n",
    "docs/guide.md": "---\ntitle: Guide\nparent: Docs\n---\n# Guide\n",
    "docs/hidden.md": "---\ntitle: Hidden\nnav_exclude: true\n---\n# Hidden\n",
    "docs/untitled.md": "---\nlayout: default\n---\n# Untitled\n",
    "_posts/2024-01-02-news.md": "---\ntitle: News\n---\n# News\n",
}


def site(tmp_path: Path, config: str) -> api.Analysis:
    files = {**FILES, "_config.yml": config}
    files["policies/site.yaml"] = (
        "site:\n  base_url: https://x.dev\n  generator: jekyll\n  content: ./\n  home: /\n"
        "  exclude: ['policies/**']\n"
    )
    for rel, text in files.items():
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(text)
    return api.analyse(tmp_path, cwd=tmp_path)


@pytest.mark.parametrize("config", ["remote_theme: just-the-docs/just-the-docs\n", "theme: just-the-docs\n"])
def test_just_the_docs_sidebar_lists_titled_pages(tmp_path: Path, config: str) -> None:
    analysis = site(tmp_path, config)
    nav = {(link.source, link.target) for link in analysis.site.navigation}
    assert nav == {("/", "/docs/guide.html")}
    found = {(f.rule, f.path) for f in api.findings_of(analysis)}
    assert ("orphan-page", "docs/guide.md") not in found
    assert ("orphan-page", "docs/hidden.md") in found  # out of the sidebar, and linked by nothing


def test_other_themes_have_no_sidebar_read(tmp_path: Path) -> None:
    """A theme whose navigation is not modelled (Minima's is: see test_jekyll_templates)."""
    analysis = site(tmp_path, "theme: jekyll-theme-cayman\n")
    assert analysis.site.navigation == []
