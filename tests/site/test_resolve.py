"""Link resolution on small sites built in a temporary directory."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from linkpolicy.api import analyse
from linkpolicy.site.model import LinkKind, Status


def make_site(tmp_path: Path, files: dict[str, str], site_extra: str = "", generator: str = "hugo") -> Path:
    policy = (
        f"site:\n  base_url: https://www.example.com/docs/\n  hosts: [example.com]\n"
        f"  content: content/\n  generator: {generator}\n  static: [static/]\n{site_extra}"
    )
    (tmp_path / "policies").mkdir(parents=True)
    (tmp_path / "policies" / "site.yaml").write_text(policy)
    for name, text in ({"content/_index.md": "# Home\n"} | files).items():
        p = tmp_path / name
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text)
    return tmp_path


def links(root: Path, path: str = "content/_index.md"):
    site = analyse(root, cwd=root).site
    return site.by_path[path].links


def test_internal_hosts_and_base_path(tmp_path: Path) -> None:
    root = make_site(
        tmp_path,
        {
            "content/_index.md": "[a](https://www.example.com/docs/a/) [b](https://example.com/docs/a/#x) "
            "[c](//www.example.com/docs/a/) [d](https://other.example/a/) [e](/docs/a/)\n",
            "content/a.md": "## X\n",
        },
    )
    got = [(lk.kind, lk.status, lk.target) for lk in links(root)]
    assert got == [
        (LinkKind.INTERNAL, Status.PAGE, "/a/"),
        (LinkKind.INTERNAL, Status.PAGE, "/a/"),
        (LinkKind.INTERNAL, Status.PAGE, "/a/"),
        (LinkKind.EXTERNAL, Status.UNCHECKED, "https://other.example/a/"),
        (LinkKind.INTERNAL, Status.PAGE, "/a/"),
    ]


def test_percent_encoding_and_query(tmp_path: Path) -> None:
    root = make_site(
        tmp_path,
        {"content/_index.md": "[a](/caf%C3%A9/?utm=x#%C3%A9t%C3%A9)\n", "content/café.md": "## Été\n"},
    )
    (lk,) = links(root)
    assert lk.status is Status.PAGE and lk.fragment == "été"
    assert "été" in lk.target_page.anchors


def test_rewrite_first_candidate_that_resolves(tmp_path: Path) -> None:
    root = make_site(
        tmp_path,
        {
            "content/_index.md": "[pages](g) [taxonomy](g) [unknown term](g)\n",
            "content/glossary/page.md": "x\n",
            "content/glossary/taxonomy.md": "x\n",
        },
        '  rewrite:\n    - match: "^g$"\n      to: ["/glossary/{slug}/", "/glossary/{slug_singular}/"]\n',
    )
    got = [(lk.status, lk.target) for lk in links(root)]
    assert got == [
        (Status.PAGE, "/glossary/page/"),
        (Status.PAGE, "/glossary/taxonomy/"),
        (Status.BROKEN, "/glossary/unknown-term/"),
    ]


def test_rewrite_with_groups(tmp_path: Path) -> None:
    root = make_site(
        tmp_path,
        {
            "content/_index.md": "[src](https://github.com/acme/docs/blob/main/content/a.md)\n",
            "content/a.md": "x\n",
        },
        "  rewrite:\n"
        '    - match: "^https://github.com/acme/docs/blob/main/content/(.*)\\\\.md$"\n'
        '      to: "/{1}/"\n',
    )
    (lk,) = links(root)
    assert (lk.status, lk.target) == (Status.PAGE, "/a/")


def test_ignore_links(tmp_path: Path) -> None:
    root = make_site(
        tmp_path, {"content/_index.md": "[api](/api/v1/) [x](/x/)\n"}, '  ignore_links: ["^/api/"]\n'
    )
    assert [lk.kind for lk in links(root)] == [LinkKind.IGNORED, LinkKind.INTERNAL]


def test_other_schemes_are_not_checked(tmp_path: Path) -> None:
    root = make_site(
        tmp_path, {"content/_index.md": '[m](mailto:a@b.c) [t](tel:+1) <a href="javascript:void(0)">j</a>\n'}
    )
    assert {lk.kind for lk in links(root)} == {LinkKind.OTHER}


def test_dotdot_never_leaves_the_content_root(tmp_path: Path) -> None:
    (tmp_path / "secret.md").write_text("# Secret\n")
    root = make_site(
        tmp_path,
        {"content/_index.md": "[s](../secret.md) [s2](../../../../etc/passwd) [s3](/../../secret.md)\n"},
    )
    got = links(root)
    assert all(lk.status is Status.BROKEN for lk in got)
    assert got[0].reason == "climbs out of the content root"


def test_symlinks_out_of_root_and_loops(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "leak.md").write_text("# Leak\n")
    root = make_site(tmp_path / "repo", {"content/_index.md": "[l](/leak/) [d](/dir/leak/)\n"})
    os.symlink(outside / "leak.md", root / "content" / "leak.md")
    os.symlink(outside, root / "content" / "dir")
    os.symlink(root / "content", root / "content" / "loop")  # a loop must not hang
    site = analyse(root, cwd=root).site
    assert sorted(p.rel for p in site.pages) == ["_index.md"]
    assert [lk.status for lk in site.by_path["content/_index.md"].links] == [Status.BROKEN, Status.BROKEN]


def test_static_and_bundle_files(tmp_path: Path) -> None:
    root = make_site(
        tmp_path,
        {
            "content/_index.md": "![a](/img/a.png) [b](post/data.csv) [c](/post/data.csv)\n",
            "content/post/index.md": "x\n",
            "content/post/data.csv": "1\n",
            "static/img/a.png": "png",
        },
    )
    assert [lk.status for lk in links(root)] == [Status.STATIC] * 3


def test_hugo_ref_relref_and_aliases(tmp_path: Path) -> None:
    root = make_site(
        tmp_path,
        {
            "content/guides/a.md": '[b]({{< relref "b" >}}) [c]({{% ref "/guides/c.md#top" %}}) '
            '[sec]({{< ref "guides" >}}) [old](/old-b/)\n',
            "content/guides/b.md": "---\naliases: [/old-b/]\n---\n",
            "content/guides/c.md": "x\n",
            "content/guides/_index.md": "x\n",
        },
    )
    got = [(lk.status, lk.target, lk.via_alias) for lk in links(root, "content/guides/a.md")]
    assert got == [
        (Status.PAGE, "/guides/b/", None),
        (Status.PAGE, "/guides/c/", None),
        (Status.PAGE, "/guides/", None),
        (Status.PAGE, "/guides/b/", "/old-b/"),
    ]


@pytest.mark.parametrize("generator", ["mkdocs", "plain", "docusaurus"])
def test_relative_md_links_resolve_against_the_file(tmp_path: Path, generator: str) -> None:
    root = make_site(
        tmp_path,
        {
            "content/index.md": "# Home\n",
            "content/a/b.md": "[c](../c.md#h) [b](b.md)\n",
            "content/c.md": "# H\n",
        },
        "  home: index.md\n",
        generator=generator,
    )
    got = [
        (lk.status, lk.target_page.rel if lk.target_page else None) for lk in links(root, "content/a/b.md")
    ]
    assert got == [(Status.PAGE, "c.md"), (Status.PAGE, "a/b.md")]


def test_hugo_finds_pages_case_insensitively_and_from_the_root(tmp_path: Path) -> None:
    root = make_site(
        tmp_path,
        {
            "content/_index.md": '[a](/Functions/relLangURL/) [b](functions/rellangurl) [c]({{< ref "FUNCTIONS/RelLangURL.md" >}})\n',
            "content/functions/relLangURL.md": "x\n",
        },
    )
    got = [(lk.status, lk.target) for lk in links(root)]
    assert got == [(Status.PAGE, "/functions/rellangurl/")] * 3


def test_generator_config_fills_what_the_policy_leaves_unset(tmp_path: Path) -> None:
    (tmp_path / "policies").mkdir()
    (tmp_path / "policies" / "site.yaml").write_text(
        "site:\n  base_url: https://example.org\n  generator: mkdocs\n  home: index.md\n"
    )
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: x\ndocs_dir: documentation\nuse_directory_urls: false\n"
        "markdown_extensions:\n  - toc:\n      slugify: !!python/object/apply:pymdownx.slugs.slugify\n        kwds: {case: lower}\n"
        "  - pymdownx.snippets:\n      auto_append: [includes/abbr.md]\n"
        "plugins:\n  - redirects:\n      redirect_maps:\n        old.md: guide.md\n"
        "theme:\n  icon: !!python/name:material.extensions.emoji.twemoji\n"
    )
    (tmp_path / "includes").mkdir()
    (tmp_path / "includes" / "abbr.md").write_text("[ref]: guide.html\n")
    (tmp_path / "documentation").mkdir()
    (tmp_path / "documentation" / "index.md").write_text(
        "[g](guide.md#ünïcode-heading) [r][ref] [old](old.html)\n"
    )
    (tmp_path / "documentation" / "guide.md").write_text("# Ünïcode Heading\n")
    site = analyse(tmp_path, cwd=tmp_path).site
    assert site.by_path["documentation/guide.md"].url == "/guide.html"  # use_directory_urls: false
    assert "ünïcode-heading" in site.by_path["documentation/guide.md"].anchors  # pymdownx slugify
    got = [(lk.status, lk.target, lk.via_alias) for lk in site.by_path["documentation/index.md"].links]
    assert got == [
        (Status.PAGE, "/guide.html", None),
        (Status.PAGE, "/guide.html", None),
        (Status.PAGE, "/guide.html", "/old.html"),
    ]


@pytest.mark.parametrize("hook", [True, False], ids=["link-render-hook", "no-hook"])
def test_hugo_relative_paths_resolve_from_the_section_like_getpage(tmp_path: Path, hook: bool) -> None:
    """With a link render hook (the site's own, as hugoDocs has) a relative destination is
    found as GetPage finds it; without one, Hugo writes it as it is and the browser
    resolves it against the page's URL (tests/test_real_hugo_links.py builds both)."""
    files = {
        "content/guides/menus.md": "[localize](multilingual/#menus) [browser-relative](../multilingual/)\n",
        "content/guides/multilingual.md": "## Menus\n",
    }
    if hook:
        files["layouts/_markup/render-link.html"] = '<a href="{{ .Destination }}">{{ .Text }}</a>'
    root = make_site(tmp_path, files)
    got = [(lk.status, lk.target, lk.fragment) for lk in links(root, "content/guides/menus.md")]
    first = (
        (Status.PAGE, "/guides/multilingual/", "menus")
        if hook
        else (
            Status.BROKEN,
            "/guides/menus/multilingual/",
            "menus",
        )
    )
    assert got == [first, (Status.PAGE, "/guides/multilingual/", None)]


def test_hugo_multilingual_trees_and_relref_lang(tmp_path: Path) -> None:
    (tmp_path / "policies").mkdir()
    (tmp_path / "policies" / "site.yaml").write_text(
        "site:\n  base_url: https://example.org\n  generator: hugo\n"
    )
    (tmp_path / "hugo.toml").write_text(
        "defaultContentLanguage = 'en'\n[languages.en]\ncontentDir = 'content/en'\n[languages.fr]\ncontentDir = 'content/fr'\n"
    )
    for rel, text in {
        "content/en/_index.md": '[guide]({{< relref "guide.md" >}}) '
        '[en français]({{< relref path="guide.md" lang="fr" >}}) [fr](/fr/guide/)\n',
        "content/en/guide.md": "x\n",
        "content/fr/_index.md": "x\n",
        "content/fr/guide.md": "x\n",
    }.items():
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(text)
    site = analyse(tmp_path, cwd=tmp_path).site
    assert site.by_path["content/fr/guide.md"].url == "/fr/guide/"
    got = [(lk.status, lk.target) for lk in site.by_path["content/en/_index.md"].links]
    assert got == [(Status.PAGE, "/guide/"), (Status.PAGE, "/fr/guide/"), (Status.PAGE, "/fr/guide/")]


def test_jekyll_collections_with_output(tmp_path: Path) -> None:
    (tmp_path / "policies").mkdir()
    (tmp_path / "policies" / "site.yaml").write_text(
        "site:\n  base_url: https://example.org\n  generator: jekyll\n  content: ./\n  exclude: ['policies/**']\n"
    )
    (tmp_path / "_config.yml").write_text(
        "collections:\n  recipes:\n    output: true\n    permalink: /:collection/:name/\n  notes:\n    output: false\n"
    )
    for rel, text in {
        "index.md": "[soup](/recipes/soup/) [note](/notes/a/)\n",
        "_recipes/soup.md": "x\n",
        "_notes/a.md": "x\n",
    }.items():
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(text)
    site = analyse(tmp_path, cwd=tmp_path).site
    assert site.by_path["_recipes/soup.md"].url == "/recipes/soup/"
    assert "_notes/a.md" not in site.by_path  # a collection without output is no page
    assert [lk.status for lk in site.by_path["index.md"].links] == [Status.PAGE, Status.BROKEN]


def test_jekyll_as_its_liquid_and_config_leave_links(tmp_path: Path) -> None:
    """Liquid output tags in destinations filled in (relative_url, absolute_url, site
    values), posts at the posts collection's permalink, HTML pages with front matter at
    their permalink; a tag only the build knows is not checked."""
    (tmp_path / "policies").mkdir()
    (tmp_path / "policies" / "site.yaml").write_text(
        "site:\n  base_url: https://example.org/project\n  generator: jekyll\n  content: ./\n"
        "  home: /docs/intro/\n  exclude: ['policies/**']\n"
    )
    (tmp_path / "_config.yml").write_text(
        "url: https://example.org\nbaseurl: /project\nrepository: https://github.com/o/r\n"
        "collections:\n  docs:\n    output: true\n    permalink: /:collection/:path/\n"
        "  posts:\n    permalink: /news/:year/:month/:day/:title/\n"
    )
    files = {
        # as the Jekyll docs write them: in HTML (a Markdown destination with spaces is no link)
        "_docs/intro.md": "<a href=\"{{ '/docs/setup/' | relative_url }}\">setup</a>"
        " <a href='{{ \"/docs/setup/\" | absolute_url }}'>again</a>"
        ' <a href="{{ site.baseurl }}/news/2020/01/02/hello/">post</a>'
        ' <a href="{{ site.repository }}/issues">issues</a>'
        " <a href=\"{{ '/docs/gone/' | relative_url }}\">gone</a>"
        " [team](/team/) <a href=\"{{ '/showcase/' | relative_url }}\">showcase</a>"
        ' <a href="{{ page.next.url }}">next</a>\n',
        "_docs/setup.md": "x\n",
        "_posts/2020-01-02-hello.md": "x\n",
        "pages/team.html": "---\npermalink: /team/\n---\n<h1>Team</h1>\n",
        "pages/showcase.html": "<h1>no front matter: a file at /pages/showcase.html</h1>\n",
    }
    for rel, text in files.items():
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(text)
    site = analyse(tmp_path, cwd=tmp_path).site
    assert site.by_path["_posts/2020-01-02-hello.md"].url == "/news/2020/01/02/hello/"
    assert site.by_path["pages/team.html"].url == "/team/"
    assert "pages/showcase.html" not in site.by_path and "pages/showcase.html" in site.files
    got = [(lk.kind, lk.status, lk.target) for lk in site.by_path["_docs/intro.md"].links]
    assert got == [
        (LinkKind.INTERNAL, Status.PAGE, "/docs/setup/"),
        (LinkKind.INTERNAL, Status.PAGE, "/docs/setup/"),
        (LinkKind.INTERNAL, Status.PAGE, "/news/2020/01/02/hello/"),
        (LinkKind.EXTERNAL, Status.UNCHECKED, "https://github.com/o/r/issues"),
        (LinkKind.INTERNAL, Status.BROKEN, "/docs/gone/"),
        (LinkKind.INTERNAL, Status.PAGE, "/team/"),  # an HTML page: a page of the graph
        (LinkKind.INTERNAL, Status.BROKEN, "/showcase/"),
        (LinkKind.OTHER, Status.UNCHECKED, None),  # a value only the build knows: not checked
    ]


def test_docusaurus_route_base_path_and_versions(tmp_path: Path) -> None:
    (tmp_path / "policies").mkdir()
    (tmp_path / "policies" / "site.yaml").write_text(
        "site:\n  base_url: https://example.org\n  generator: docusaurus\n  home: /guide/intro\n"
    )
    (tmp_path / "docusaurus.config.js").write_text(
        "module.exports = { presets: [['classic', { docs: { routeBasePath: 'guide' } }]] };\n"
    )
    for rel, text in {
        "docs/intro.md": "[old intro](/guide/1.0/intro) [here](./setup.md)\n",
        "docs/setup.md": "x\n",
        "versioned_docs/version-1.0/intro.md": "[setup](setup.md)\n",
        "versioned_docs/version-1.0/setup.md": "x\n",
    }.items():
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(text)
    site = analyse(tmp_path, cwd=tmp_path).site
    assert site.by_path["docs/setup.md"].url == "/guide/setup"
    assert site.by_path["versioned_docs/version-1.0/setup.md"].url == "/guide/1.0/setup"
    assert [lk.target for lk in site.by_path["docs/intro.md"].links] == ["/guide/1.0/intro", "/guide/setup"]
    assert [lk.target for lk in site.by_path["versioned_docs/version-1.0/intro.md"].links] == [
        "/guide/1.0/setup"
    ]


def _mkdocs_site(tmp_path: Path, config: str) -> Path:
    (tmp_path / "policies").mkdir()
    (tmp_path / "policies" / "site.yaml").write_text(
        "site:\n  base_url: https://example.org\n  generator: mkdocs\n  home: index.md\n"
    )
    (tmp_path / "mkdocs.yml").write_text(config)
    for rel in ("index.md", "a.md", "sub/b.md"):
        (tmp_path / "docs" / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "docs" / rel).write_text(f"# {rel}\n\nNo links.\n")
    return tmp_path


def test_mkdocs_nav_pages_are_linked_by_the_sidebar(tmp_path: Path) -> None:
    from linkpolicy.api import check

    root = _mkdocs_site(
        tmp_path,
        "site_name: x\nnav:\n  - Home: index.md\n  - Guide:\n      - A: a.md\n  - External: https://example.com/\n",
    )
    orphans = {f.path for f in check(root, cwd=root).findings if f.rule == "orphan-page"}
    assert orphans == {"docs/sub/b.md"}  # not in nav, and no page links it
    analysis = analyse(root, cwd=root)
    assert analysis.graph.depth["/a/"] == 1


def test_mkdocs_without_nav_lists_every_page(tmp_path: Path) -> None:
    from linkpolicy.api import check

    root = _mkdocs_site(tmp_path, "site_name: x\n")
    assert not [f for f in check(root, cwd=root).findings if f.rule in ("orphan-page", "unreachable-page")]


def test_docusaurus_second_docs_plugin_instance(tmp_path: Path) -> None:
    (tmp_path / "policies").mkdir()
    (tmp_path / "policies" / "site.yaml").write_text(
        "site:\n  base_url: https://example.org\n  generator: docusaurus\n  home: /docs/intro\n"
    )
    (tmp_path / "docusaurus.config.js").write_text(
        "module.exports = { plugins: [['@docusaurus/plugin-content-docs', { id: 'community', path: 'community', "
        "routeBasePath: 'community' }]] };\n"
    )
    for rel, text in {"docs/intro.md": "[help](/community/support)\n", "community/support.md": "x\n"}.items():
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(text)
    site = analyse(tmp_path, cwd=tmp_path).site
    assert site.by_path["community/support.md"].url == "/community/support"
    assert [lk.status for lk in site.by_path["docs/intro.md"].links] == [Status.PAGE]


def test_hugo_disable_path_to_lower(tmp_path: Path) -> None:
    root = make_site(
        tmp_path, {"content/Guides/MyPage.md": "x\n", "content/_index.md": "[p](/Guides/MyPage/)\n"}
    )
    (root / "hugo.toml").write_text("disablePathToLower = true\n")
    site = analyse(root, cwd=root).site
    assert site.by_path["content/Guides/MyPage.md"].url == "/Guides/MyPage/"


SITES = Path(__file__).resolve().parents[1] / "sites"
CORPORA = Path(__file__).resolve().parents[3] / "shared" / "corpora"
CORPUS_POLICIES = Path(__file__).resolve().parents[1] / "corpora"


def _sites() -> list[tuple[Path, Path | None]]:
    found: list[tuple[Path, Path | None]] = [(s, None) for s in sorted(SITES.iterdir()) if s.is_dir()]
    for policies in sorted(CORPUS_POLICIES.glob("*/policies")):
        found.append((CORPORA / policies.parent.name, policies))
    return found


@pytest.mark.parametrize("root, policies", _sites(), ids=lambda v: v.name if isinstance(v, Path) else "")
def test_each_destination_resolved_once_a_root_resolves_as_every_link_alone(
    root: Path, policies: Path | None
) -> None:
    """A destination whose resolution reads no more of its page than the content root
    (an absolute path, a web URL) is resolved once per root and re-used; every link of
    every test site and corpus resolves to the same as with no re-use."""
    from linkpolicy.site.build import _resolver_config, site_options
    from linkpolicy.site.generators import GENERATORS
    from linkpolicy.site.resolve import Resolver, _fields_after_source
    from linkpolicy.source import WorkTree

    if not root.is_dir():
        pytest.skip(f"corpus {root} is not available")
    analysis = analyse(root, policies, cwd=root)
    opts = site_options(analysis.policy, WorkTree(root))
    alone = Resolver(analysis.site, _resolver_config(analysis.policy, opts, GENERATORS[opts.generator]))
    alone.memo = None
    checked = 0
    for page in analysis.site.pages:
        if page.parsed is None:
            continue
        own = len(page.parsed.links)
        assert all(link.is_listed for link in page.links[own:])  # (the lists the build writes in)
        for link, raw in zip(page.links[:own], page.parsed.links, strict=True):
            assert link.raw is raw and link.source is page
            again = alone.resolve(page, raw)
            assert _fields_after_source(link) == _fields_after_source(again), (page.path, raw.dest)
            checked += 1
    assert checked


def test_the_path_index_splits_names_as_posixpath_does() -> None:
    """The index of content-relative paths (ref shortcodes, .md links) splits each name in
    string operations: the same keys, and pages, as posixpath.splitext and .split give,
    for names of dots only, leading dots, several dots, index pages and doubled slashes."""
    import posixpath
    import random
    from types import SimpleNamespace

    from linkpolicy.site.resolve import Resolver

    def expected(pages):
        by_rel, by_stem = {}, {}
        for page in pages:
            by_rel[page.root + page.rel] = page
            noext = posixpath.splitext(page.rel)[0]
            by_rel.setdefault(page.root + noext, page)
            folder, name = posixpath.split(noext)
            if name in ("_index", "index", "README"):
                by_rel.setdefault(page.root + folder, page)
                by_rel.setdefault(page.root + folder + "/", page)
            by_stem.setdefault(name, page)
        return by_rel, by_stem

    rng = random.Random(7)
    parts = [
        "a",
        "b.c",
        ".x",
        "..y",
        "index",
        "README.md",
        "_index.md",
        "z.",
        "",
        ".",
        "..",
        "q.md",
        "r.tar.gz",
    ]
    for _ in range(300):
        pages = [
            SimpleNamespace(
                root=rng.choice(["", "content/"]),
                rel="/".join(rng.choice(parts) for _ in range(rng.randint(1, 4))),
            )
            for _ in range(20)
        ]
        site = SimpleNamespace(pages=pages)
        config = SimpleNamespace(fold_case=False, rewrites=())
        made = Resolver(site, config, few=True)._by_rel_and_stem  # type: ignore[arg-type]
        want = expected(pages)
        assert [(k, id(v)) for k, v in made[0].items()] == [(k, id(v)) for k, v in want[0].items()]
        assert [(k, id(v)) for k, v in made[1].items()] == [(k, id(v)) for k, v in want[1].items()]


def test_appended_snippets_add_no_links_or_mentions_to_the_page(tmp_path: Path) -> None:
    """pymdownx.snippets' auto_append text is read with each page (its definitions and
    abbreviations apply), but its own links and entity mentions are not the page's."""
    (tmp_path / "policies").mkdir()
    (tmp_path / "policies" / "site.yaml").write_text(
        "site:\n  base_url: https://example.org\n  generator: mkdocs\n  home: index.md\n"
        "entities:\n  - {name: Widget, page: /guide/}\n"
    )
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: x\nmarkdown_extensions:\n  - pymdownx.snippets:\n      auto_append: [includes/abbr.md]\n"
    )
    (tmp_path / "includes").mkdir()
    (tmp_path / "includes" / "abbr.md").write_text("The Widget, and [its guide](guide.md).\n")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("# Home\n\nNothing here.\n")
    (tmp_path / "docs" / "guide.md").write_text("# Guide\n")
    parsed = analyse(tmp_path, cwd=tmp_path).site.by_path["docs/index.md"].parsed
    assert parsed.links == [] and parsed.mentions == []
