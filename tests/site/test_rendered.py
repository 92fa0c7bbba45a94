"""The built site as the graph: HTML files mapped back to source pages, links in the content
region as `content` and the rest as `navigation`, redirect stubs as aliases."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from linkpolicy.api import analyse, check
from linkpolicy.cli import main
from linkpolicy.errors import LinkpolicyError
from linkpolicy.site.model import Edge, EdgeKind

POLICY = """\
site:
  base_url: https://example.com/docs/
  content: content/
  generator: hugo
  home: /
"""
PAGES = {
    "content/_index.md": "# Home\n",
    "content/guide/_index.md": "# Guide\n",
    "content/guide/a.md": "# A\n",
    "content/guide/b.md": "# B\n",
    "content/lonely.md": "# Lonely\n",
}
# what Hugo's templates would make of it, under the base path /docs/
BUILT = {
    "index.html": "<header><a href='/docs/guide/'>Guide</a></header><main><p>Hi</p></main>",
    "guide/index.html": (
        "<nav><a href='/docs/'>Home</a></nav>"
        "<article><ul><li><a href='a/'>A</a></li><li><a href='https://example.com/docs/guide/b/'>B</a>"
        "</li></ul></article>"
    ),
    "guide/a/index.html": (
        "<nav><a href='../'>Guide</a><a href='../b/'>next</a></nav>"
        "<article><a href='/docs/old-b/#x'>see B</a> <a href='#top'>top</a> <a href='https://other.org/'>x</a>"
        "<a href='/elsewhere/'>outside the base path</a></article>"
    ),
    "guide/b/index.html": "<article>B</article>",
    # an alias stub Hugo writes for `aliases: [/old-b/]`
    "old-b/index.html": (
        '<!DOCTYPE html><html><head><meta http-equiv="refresh" content="0; url=https://example.com/docs/guide/b/">'
        "</head></html>"
    ),
    "tags/index.html": "<main><a href='/docs/lonely/'>Lonely</a></main>",
    "404.html": "<main>Not found</main>",
}


def write(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


@pytest.fixture
def site(tmp_path: Path) -> Path:
    write(tmp_path, {"policies/site.yaml": POLICY, **PAGES})
    write(tmp_path / "public", BUILT)
    return tmp_path


def test_links_of_the_built_html_become_edges_of_their_kind(site: Path) -> None:
    analysis = analyse(site, cwd=site, rendered=Path("public"))
    built = analysis.site.rendered
    assert built is not None
    assert built.edges == [
        Edge("/", "/guide/", EdgeKind.NAVIGATION),
        Edge("/guide/", "/", EdgeKind.NAVIGATION),
        Edge("/guide/", "/guide/a/", EdgeKind.CONTENT),
        Edge("/guide/", "/guide/b/", EdgeKind.CONTENT),
        Edge("/guide/a/", "/guide/", EdgeKind.NAVIGATION),
        Edge("/guide/a/", "/guide/b/", EdgeKind.CONTENT),  # through the alias stub
        Edge("/guide/a/", "/guide/b/", EdgeKind.NAVIGATION),
        # a built page no source makes links too (to a page that was not built: no edge in
        # the graph, whose nodes are the built pages)
        Edge("/tags/", "/lonely/", EdgeKind.CONTENT),
    ]
    assert built.html_pages == 6  # the stub is an alias, not a page
    assert built.built_only == ["/404.html", "/tags/"]
    assert built.not_built == ["content/lonely.md"]
    graph = analysis.graph
    assert graph.kinds("/guide/a/", "/guide/b/") == {EdgeKind.CONTENT, EdgeKind.NAVIGATION}
    assert graph.depth == {"/": 0, "/guide/": 1, "/guide/a/": 2, "/guide/b/": 2}
    assert "/lonely/" not in graph.pages


def test_a_page_reached_through_a_built_page_no_source_makes_is_reached(tmp_path: Path) -> None:
    """A tag page (or a list's second page) has no source, but a crawler goes through it:
    the page it alone lists is reached, a click below it."""
    write(tmp_path, {"policies/site.yaml": POLICY, **PAGES})
    write(
        tmp_path / "public",
        {
            "index.html": "<header><a href='/docs/tags/'>Tags</a></header>",
            "tags/index.html": "<main><a href='/docs/tags/x/'>x</a></main>",
            "tags/x/index.html": "<main><a href='/docs/lonely/'>Lonely</a></main>",
            "lonely/index.html": "<main>Alone</main>",
            "guide/index.html": "<main>G</main>",
            "guide/a/index.html": "<main>A</main>",
            "guide/b/index.html": "<main>B</main>",
        },
    )
    analysis = analyse(tmp_path, cwd=tmp_path, rendered=Path("public"))
    graph = analysis.graph
    assert graph.generated == ["/tags/", "/tags/x/"]
    assert graph.depth_of("/lonely/") == 3 and graph.inbound_kinds("/lonely/") == {EdgeKind.CONTENT}
    assert graph.depth_of("/guide/") is None  # (nothing links it)
    found = {(f.rule, f.path) for f in check(tmp_path, cwd=tmp_path, rendered=Path("public")).findings}
    assert ("orphan-page", "content/lonely.md") not in found and (
        "unreachable-page",
        "content/lonely.md",
    ) not in found


def test_check_rendered_reports_on_the_built_graph(site: Path) -> None:
    sources = {(f.rule, f.path) for f in check(site, cwd=site).findings}
    # from the sources, the section list (navigation) is all that links it
    assert ("navigation-only-page", "content/guide/a.md") in sources
    report = check(site, cwd=site, rendered=Path("public"))
    got = {(f.rule, f.path) for f in report.findings if f.rule != "dead-end-page"}
    assert got == {
        ("page-not-built", "content/lonely.md"),
        ("navigation-only-page", "content/guide/_index.md"),
    }
    assert report.edges == {"content": 3, "block": 0, "navigation": 4}
    assert report.notes == ["2 pages of " + str(site / "public") + " have no source page: /404.html, /tags/"]


def test_cli_option_and_json_notes(site: Path) -> None:
    args = [
        "check",
        "--root",
        str(site),
        "--rendered",
        str(site / "public"),
        "--format",
        "json",
        "--no-cache",
    ]
    result = CliRunner().invoke(main, args)
    doc = json.loads(result.stdout)
    assert doc["summary"]["edges"]["navigation"] == 4
    assert doc["notes"][0].startswith("2 pages of ")
    assert "linkpolicy: note: 2 pages of" in result.stderr


def test_content_region_selector_from_the_policy(site: Path) -> None:
    (site / "policies/site.yaml").write_text(POLICY + "  rendered: public/\n  rendered_content: nav\n")
    assert analyse(site, cwd=site).site.rendered is None  # generate, graph, diff: the sources
    edges = analyse(site, cwd=site, policy_rendered=True).site.rendered.edges
    assert Edge("/guide/a/", "/guide/", EdgeKind.CONTENT) in edges
    assert Edge("/guide/", "/guide/a/", EdgeKind.NAVIGATION) in edges


def test_bad_selector_and_missing_build_are_clear_errors(site: Path) -> None:
    (site / "policies/site.yaml").write_text(POLICY + "  rendered: public/\n  rendered_content: 'div[['\n")
    with pytest.raises(LinkpolicyError, match=r"site.yaml:7.*rendered_content.*not a CSS selector"):
        analyse(site, cwd=site, policy_rendered=True)
    (site / "policies/site.yaml").write_text(POLICY)
    result = CliRunner().invoke(main, ["check", "--root", str(site), "--rendered", str(site / "nothing")])
    assert result.exit_code == 2 and "nothing: not a directory" in result.stderr
    (site / "empty").mkdir()
    result = CliRunner().invoke(main, ["check", "--root", str(site), "--rendered", str(site / "empty")])
    assert result.exit_code == 2 and "no .html files" in result.stderr


def test_policy_build_not_there_falls_back_to_the_sources_with_a_note(site: Path) -> None:
    (site / "policies/site.yaml").write_text(POLICY + "  rendered: build/\n")
    report = check(site, cwd=site)
    assert report.notes == ["site.rendered build/ is not built; the link graph is read from the sources"]
    assert ("navigation-only-page", "content/guide/a.md") in {(f.rule, f.path) for f in report.findings}


def test_unreadable_html_file_is_named(site: Path) -> None:
    (site / "public" / "broken.html").symlink_to(site / "public" / "missing.html")
    result = CliRunner().invoke(main, ["check", "--root", str(site), "--rendered", str(site / "public")])
    assert result.exit_code == 2 and "broken.html: cannot read it" in result.stderr
