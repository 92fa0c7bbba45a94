"""Jekyll's `{% include_relative %}` puts a file beside the page in it before the Markdown
is read: its headings are the page's ids, its links the page's. Held to a real `jekyll
build` (Debian's `jekyll`); skips without Jekyll."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from helpers import write_files

from linkpolicy.api import analyse, findings_of

FILES = {
    "_config.yml": "url: https://x.dev\n",
    "index.md": "---\ntitle: Home\n---\n# Home\n\n[jump](#shared-part) [gone](#nowhere) [b](b.html)\n\n"
    "{% include_relative parts/snippet.md %}\n",
    "parts/snippet.md": "---\n---\n## Shared part\n\nSee [c](/c.html).\n",
    "b.md": "---\ntitle: B\n---\n# B\n",
    "c.md": "---\ntitle: C\n---\n# C\n",
    "policies/site.yaml": "site:\n  base_url: https://x.dev\n  generator: jekyll\n  content: ./\n  home: /\n",
}


@pytest.mark.skipif(shutil.which("jekyll") is None, reason="jekyll is not installed")
def test_an_included_file_s_headings_and_links_are_the_page_s(tmp_path: Path) -> None:
    root = write_files(tmp_path / "site", FILES)
    subprocess.run(["jekyll", "build", "-q"], cwd=root, check=True, capture_output=True, timeout=300)
    html = (root / "_site/index.html").read_text(encoding="utf-8")
    assert 'id="shared-part"' in html and 'href="/c.html"' in html and 'id="nowhere"' not in html
    analysis = analyse(root, cwd=root)
    page = analysis.site.by_path["index.md"]
    assert "shared-part" in page.anchors
    assert "/c.html" in {lk.target for lk in analysis.site.links_on(page)}
    fragments = [(f.path, f.message.split()[0]) for f in findings_of(analysis) if f.rule == "broken-fragment"]
    assert fragments == [("index.md", "#nowhere")]
