"""pymdownx.snippets: a page's `--8<-- "file"` lines (and `--8<--` blocks) are replaced by
that file's text before the Markdown is read, so its headings are the page's: links to
them are fine, from a file outside the docs (`CONTRIBUTING.md`) and from what it includes
in turn. A `nav` entry that is a URL on the site (`Developer Guide: dev/`) is a sidebar
link to that page. Held to a real `mkdocs build`."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from helpers import mkdocs_build, write_files

from linkpolicy import api
from linkpolicy.content import snippets

FILES = {
    "mkdocs.yml": (
        "site_name: T\nsite_url: https://example.com/\n"
        "markdown_extensions: [pymdownx.snippets]\n"
        "nav:\n- index.md\n- contributing.md\n- Developer Guide: dev/\n"
    ),
    "CONTRIBUTING.md": '# Contributing\n\n## Submitting changes\n\n--8<-- "parts/deep.md"\n',
    "parts/deep.md": "## Deep down\n\nText.\n",
    "parts/block.md": "## From a block\n",
    "docs/index.md": (
        "# Home\n\nSee [changes](contributing.md#submitting-changes), [deep](contributing.md#deep-down), "
        "[block](contributing.md#from-a-block) and [nope](contributing.md#nope).\n"
    ),
    "docs/contributing.md": (
        '--8<-- "CONTRIBUTING.md"\n\n;--8<-- "parts/escaped.md"\n\n-8<-\nparts/block.md\n;parts/gone.md\n-8<-\n'
    ),
    "docs/dev/README.md": "# Developer guide\n\nBack [home](../index.md).\n",
    "policies/site.yaml": "site:\n  base_url: https://example.com/\n  generator: mkdocs\n  content: docs/\n",
}


def write(root: Path) -> Path:
    return write_files(root, FILES)


def test_the_paths_snippet_lines_name() -> None:
    text = (
        '--8<-- "a.md"\n  --8<-- \'b.md:3:9\'\n;--8<-- "escaped.md"\n--8<-- "https://x.dev/r.md"\n'
        '--8<--\nc.md:section\n\n;d.md\n  e.md\n--8<--\ntext --8<-- "inline-in-text.md"\n'
        '--8<-- "dir:x/f.md:2"\n--8<-- "space-after.md" \n'
    )
    assert snippets.named(text) == ["a.md", "b.md", "c.md", "e.md", "dir:x/f.md"]
    assert snippets.named("no snippets") == []


def test_snippet_headings_are_the_pages_and_a_nav_url_links_its_page(tmp_path: Path) -> None:
    root = write(tmp_path)
    analysis = api.analyse(root, cwd=root)
    page = analysis.site.by_path["docs/contributing.md"]
    assert {"contributing", "submitting-changes", "deep-down", "from-a-block"} <= page.anchors
    found = {(f.rule, f.path) for f in api.findings_of(analysis)}
    fragments = [f for f in api.findings_of(analysis) if f.rule == "broken-fragment"]
    assert [f.message.split()[0] for f in fragments] == ["#nope"]
    assert ("orphan-page", "docs/dev/README.md") not in found
    assert ("/", "/dev/") in {(n.source, n.target) for n in analysis.site.navigation}


def test_the_model_is_the_built_site(tmp_path: Path) -> None:
    pytest.importorskip("pymdownx", reason="pymdown-extensions is not installed")
    root = write(tmp_path)
    out = tmp_path / "out"
    mkdocs_build(root / "mkdocs.yml", out, cwd=root)
    html = (out / "contributing" / "index.html").read_text()
    main = html[html.index('role="main"') :]
    built = set(re.findall(r'<h[1-6] id="([^"]+)"', main))
    analysis = api.analyse(root, cwd=root)
    assert built == {"contributing", "submitting-changes", "deep-down", "from-a-block"}
    assert built <= analysis.site.by_path["docs/contributing.md"].anchors
    home = (out / "index.html").read_text()
    assert 'href="dev/"' in home  # the nav's URL entry, on every page's sidebar


@pytest.mark.parametrize(
    "line",
    [
        '--8<-- "a.md"',
        '  --8<-- "a.md"',
        '--8<-- "a.md" ',
        ';--8<-- "a.md"',
        "--8<--",
        "---8<--- 'b.md'",
        '--8<--  "c"',
        '--8<-- ""',
        "-8<-",
        "--8<-- ",
        'x --8<-- "a"',
        '\t--8<-- "t.md"',
        '--8<-- "a\\"b.md"',
        '--8<-- "a.md" "b.md"',
        "--8<-- a.md",
    ],
)
def test_a_marker_line_is_one_where_pymdownx_sees_one(line: str) -> None:
    ps = pytest.importorskip("pymdownx.snippets", reason="pymdown-extensions is not installed")
    theirs = ps.SnippetPreprocessor.RE_ALL_SNIPPETS.match(line)
    ours = snippets._MARKER.fullmatch(line)
    assert (ours is None) == (theirs is None)
    if ours is not None and theirs is not None:
        assert ours.group("path") == theirs.group("snippet")
