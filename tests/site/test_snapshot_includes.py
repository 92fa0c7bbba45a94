"""The link-graph snapshot has the links a page shows from the pages it includes (a
Docusaurus page importing `_partial.mdx`, which the build renders in its body), as the rules
and `stats` count them: one `content` row from the including page, none from the partial."""

from __future__ import annotations

from pathlib import Path

from helpers import write_files

from linkpolicy import api
from linkpolicy.site.snapshot import render_snapshot

FILES = {
    "docusaurus.config.js": "module.exports = { url: 'https://example.org', baseUrl: '/',\n"
    "  presets: [['classic', {docs: {sidebarPath: false}, blog: false}]] };\n",
    "docs/intro.md": "# Intro\n\n[A](a.md)\n",
    "docs/a.md": "# A\n\nimport W from './_w.mdx';\n\n<W />\n",
    "docs/b.md": "# B\n\n[Intro](intro.md)\n",
    "docs/_w.mdx": "- [B](b.md)\n",
    "policies/site.yaml": "site:\n  base_url: https://example.org/\n  generator: docusaurus\n  home: /docs/intro\n",
}


def test_the_snapshot_has_the_links_of_included_pages(tmp_path: Path) -> None:
    root = write_files(tmp_path, FILES)
    (root / ".git").mkdir()
    analysis = api.analyse(root, cwd=root)
    rows = render_snapshot(analysis.site, analysis.clusters)["links.tsv"].splitlines()
    content = sorted(tuple(r.split("\t")[:2]) for r in rows[1:] if r.endswith("\tcontent"))
    assert content == [("/docs/a", "/docs/b"), ("/docs/b", "/docs/intro"), ("/docs/intro", "/docs/a")]
