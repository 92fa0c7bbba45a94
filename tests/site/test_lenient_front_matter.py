"""MkDocs reads a page whose YAML front matter does not parse (`- @someone`: `@` starts no
YAML token) as it is, the block and all (`mkdocs.utils.meta.get_data`), and builds it: no
`invalid-page` finding there, and the block's links and headings are the page's, as in the
built page. Hugo fails such a build: there it stays a finding."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from helpers import mkdocs_build, write_files

from linkpolicy import api

PAGE = "---\ntitle: X\nreviewers:\n- @someone\n\nsee: [a link](other.md)\n---\n\n# Heading\n\nText [back](other.md#other).\n"


def site(root: Path, generator: str) -> Path:
    files = {
        "mkdocs.yml": "site_name: T\nsite_url: https://example.com/\nnav: [index.md, other.md]\n",
        "docs/index.md": PAGE,
        "docs/other.md": "# Other\n\n[Home](index.md#see-a-link)\n",
        "policies/site.yaml": f"site:\n  base_url: https://example.com/\n  generator: {generator}\n  content: docs/\n",
    }
    return write_files(root, files)


def test_mkdocs_reads_the_page_as_it_is(tmp_path: Path) -> None:
    root = site(tmp_path, "mkdocs")
    analysis = api.analyse(root, cwd=root)
    page = analysis.site.by_path["docs/index.md"]
    assert page.anchors == {"see-a-link", "heading"}
    assert [(lk.raw.dest, lk.line) for lk in page.links] == [("other.md", 6), ("other.md#other", 11)]
    rules = {f.rule for f in api.findings_of(analysis)}
    assert not rules & {"invalid-page", "broken-fragment", "broken-link"}


def test_the_model_is_the_built_page(tmp_path: Path) -> None:
    pytest.importorskip("mkdocs", reason="mkdocs is not installed")
    root = site(tmp_path, "mkdocs")
    out = tmp_path / "out"
    mkdocs_build(root / "mkdocs.yml", out)
    html = (out / "index.html").read_text()
    main = html[html.index('role="main"') :]
    page = api.analyse(root, cwd=root).site.by_path["docs/index.md"]
    assert set(re.findall(r'<h[1-6] id="([^"]+)"', main)) == page.anchors
    assert re.findall(r'<a href="([^"]+)"', main.split("</div>")[0]) == ["other/", "other/#other"]


def test_hugo_fails_such_a_build_so_it_is_a_finding(tmp_path: Path) -> None:
    root = site(tmp_path, "hugo")
    found = [(f.rule, f.path) for f in api.findings_of(api.analyse(root, cwd=root))]
    assert ("invalid-page", "docs/index.md") in found
