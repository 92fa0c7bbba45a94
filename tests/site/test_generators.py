"""The generator registry and what each generator module reads from its config."""

from __future__ import annotations

from pathlib import Path
from typing import Any, get_args

import pytest

from linkpolicy.api import analyse, check
from linkpolicy.errors import PolicyError
from linkpolicy.policy.models import Site
from linkpolicy.site.generators import GENERATORS
from linkpolicy.source import WorkTree


def test_the_policy_names_exactly_the_registered_generators() -> None:
    names = get_args(Site.model_fields["generator"].annotation)
    assert sorted(names) == sorted(GENERATORS)
    assert all(gen.NAME == name for name, gen in GENERATORS.items())


def test_jekyll_collections_as_a_list_read_without_output(tmp_path: Path) -> None:
    (tmp_path / "_config.yml").write_text("collections:\n  - recipes\n  - 42\n")
    cfg = GENERATORS["jekyll"].read_config(WorkTree(tmp_path), ["_config.yml"])
    assert cfg.file == "_config.yml" and cfg.collections == {}
    (tmp_path / "_config.yml").write_text("collections:\n  recipes:\n    output: true\n  notes: yes\n")
    cfg = GENERATORS["jekyll"].read_config(WorkTree(tmp_path), ["_config.yml"])
    assert cfg.collections == {"recipes": "/:collection/:path:output_ext"}


def test_hugo_config_of_unforeseen_shapes_reads(tmp_path: Path) -> None:
    (tmp_path / "hugo.yaml").write_text(
        "languages: [en, de]\nmodule: {mounts: {source: x}}\nmarkup: [goldmark]\ncontentDir: site\n"
    )
    cfg = GENERATORS["hugo"].read_config(WorkTree(tmp_path), ["hugo.yaml"])
    assert cfg.content_roots == ["site"] and cfg.lang_roots == {}
    # a theme, a mount's languages and a taxonomy's terms of no shape Hugo reads
    (tmp_path / "hugo.yaml").write_text(
        "theme: 5\nmodule: {mounts: [{source: x, target: content, sites: {matrix: {languages: 7}}}]}\n"
    )
    cfg = GENERATORS["hugo"].read_config(WorkTree(tmp_path), ["hugo.yaml"])
    assert cfg.content_roots == ["x"] and cfg.root_prefixes == {} and not cfg.page_links


def test_mkdocs_config_of_unforeseen_shapes_reads(tmp_path: Path) -> None:
    (tmp_path / "mkdocs.yml").write_text(
        "markdown_extensions: {toc: {}}\nplugins:\n  - {}\n  - redirects: {redirect_maps: [a]}\n"
    )
    cfg = GENERATORS["mkdocs"].read_config(WorkTree(tmp_path), ["mkdocs.yml"])
    assert cfg.file == "mkdocs.yml" and cfg.redirects == {} and cfg.nav == "all"


def build(root: Path, files: dict[str, str], site: str) -> Any:
    for rel, text in {"policies/site.yaml": site, **files}.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text)
    return analyse(root, cwd=root).site


DOCUSAURUS = {
    "site/docusaurus.config.ts": """export default {
  presets: [['classic', {
    docs: {path: '../documentation', lastVersion: 'current', onlyIncludeVersions: ['current', '2.0'],
           editUrl: ({docPath}) => { return `x/${docPath}`; }},
    blog: {routeBasePath: 'news'},
  }]],
};""",
    "site/versions.json": '["2.0", "1.0"]',
    "documentation/intro.md": "# Intro\n[setup](setup.md) [shared](#from-the-partial) [ref](guides/ref.md)\n"
    "import Shared from './_shared.mdx';\n\n<Shared />\n",
    "documentation/_shared.mdx": "## From the partial\n[beside the partial](./setup.md) [gone](./gone.md)\n",
    "documentation/setup.md": "# Setup\n![logo](../site/static/img/logo.png) ![logo](/img/logo.png)\n",
    "documentation/guides/guides.md": "# Guides\n",
    "documentation/guides/ref.md": "# Ref\n[intro again](intro.md)\n",
    "site/versioned_docs/version-2.0/intro.md": "# Old intro\n",
    "site/versioned_docs/version-1.0/intro.md": "# Older intro\n",
    "site/blog/2021-05-25-first.md": "# First\n",
    "site/blog/2021-06-01-second/index.md": "---\nslug: second-post\n---\n# Second\n",
    "site/blog/2021-07-01-third.mdx": "---\ndate: 2021-07-04\n---\n# Third\n[news](/news) [page](/about)\n",
    "site/src/pages/about.tsx": "export default () => null;\n",
    "site/static/img/logo.png": "",
    "site/i18n/fr/docusaurus-plugin-content-docs/current/intro.md": "# Intro FR\n",
}


def test_docusaurus_as_it_builds(tmp_path: Path) -> None:
    site = build(
        tmp_path,
        DOCUSAURUS,
        "site:\n  base_url: https://x.dev\n  generator: docusaurus\n  home: /docs/intro\n",
    )
    urls = {p.path: p.url for p in site.pages}
    assert urls == {
        "documentation/_shared.mdx": "/docs/_shared",
        "documentation/intro.md": "/docs/intro",
        "documentation/setup.md": "/docs/setup",
        # a category index named like its folder: the folder's URL (a slash: trailingSlash is unset)
        "documentation/guides/guides.md": "/docs/guides/",
        "documentation/guides/ref.md": "/docs/guides/ref",
        "site/versioned_docs/version-2.0/intro.md": "/docs/2.0/intro",  # 1.0 is not included
        "site/blog/2021-05-25-first.md": "/news/2021/05/25/first",
        "site/blog/2021-06-01-second/index.md": "/news/second-post",
        # the file name's date: a front-matter date dates the post, not its URL (the blog
        # plugin's parseBlogFileName makes the slug; `date` only sorts and shows)
        "site/blog/2021-07-01-third.mdx": "/news/2021/07/01/third",
        "site/i18n/fr/docusaurus-plugin-content-docs/current/intro.md": "/fr/docs/intro",
    }
    assert not site.by_path["documentation/_shared.mdx"].published
    status = {(p.path, lk.raw.dest): lk.status.value for p in site.pages for lk in p.links}
    assert status == {
        ("documentation/intro.md", "setup.md"): "page",
        ("documentation/intro.md", "#from-the-partial"): "page",  # the partial's heading
        ("documentation/intro.md", "guides/ref.md"): "page",
        ("documentation/_shared.mdx", "./setup.md"): "page",  # relative to the partial
        ("documentation/_shared.mdx", "./gone.md"): "broken",
        ("documentation/setup.md", "../site/static/img/logo.png"): "static",
        ("documentation/setup.md", "/img/logo.png"): "static",
        ("documentation/guides/ref.md", "intro.md"): "page",  # from the docs root
        ("site/blog/2021-07-01-third.mdx", "/news"): "static",  # the blog's list page
        ("site/blog/2021-07-01-third.mdx", "/about"): "static",  # src/pages/about.tsx
    }
    assert "from-the-partial" in site.by_path["documentation/intro.md"].anchors


DOCUSAURUS_INSTANCES = {
    # a TypeScript config as react-native-website writes one: the short plugin name, shared
    # options spread in, `satisfies`, and a plugin that is a function
    "website/docusaurus.config.ts": """import type * as Docs from '@docusaurus/plugin-content-docs';
const common: Docs.Options = {breadcrumbs: false, editUrl: (options) => `x/${options.docPath}`};
export default {
  trailingSlash: false,
  presets: [['classic', {docs: {path: '../docs', ...common}, blog: {path: 'blog'}}]],
  plugins: [
    function noop() { return {name: 'noop'}; },
    ['content-docs', {id: 'architecture', path: 'architecture', routeBasePath: '/architecture',
                      ...common} satisfies Docs.Options],
    ['@docusaurus/plugin-content-docs', {id: 'community', path: 'community', routeBasePath: 'community'}],
  ],
};""",
    "docs/intro.md": "# Intro\n[glossary](/architecture/glossary) [landing](/architecture/landing-page)\n",
    # a category's index keeps its folder's URL whatever its id says
    "docs/releases/releases.md": "---\nid: releases\n---\n# Releases\n[policy](./releases/policy)\n",
    "docs/releases/policy.md": "# Policy\n",
    "website/architecture/landing-page.md": "# Architecture\n",
    "website/architecture/glossary.md": "---\nslug: /glossary\n---\n# Glossary\n",
    "website/community/overview.md": "# Community\n",
}


def test_docusaurus_docs_instances_as_the_config_declares_them(tmp_path: Path) -> None:
    site = build(
        tmp_path,
        DOCUSAURUS_INSTANCES,
        "site:\n  base_url: https://x.dev\n  generator: docusaurus\n  config: website/docusaurus.config.ts\n"
        "  home: /docs/intro\n",
    )
    assert {p.path: p.url for p in site.pages} == {
        "docs/intro.md": "/docs/intro",
        "docs/releases/releases.md": "/docs/releases",  # trailingSlash: false
        "docs/releases/policy.md": "/docs/releases/policy",
        "website/architecture/landing-page.md": "/architecture/landing-page",
        "website/architecture/glossary.md": "/architecture/glossary",
        "website/community/overview.md": "/community/overview",
    }
    assert all(link.status.value == "page" for p in site.pages for link in p.links)


def test_policy_names_the_config_and_content_roots_with_url_prefixes(tmp_path: Path) -> None:
    files = {
        "gen/conf/hugo.toml": "baseURL = 'https://h.dev/'\n",
        "pages/_index.md": "# Home\n[a](/v2/a/)\n",
        "pages/a.md": "# A\n",
    }
    site = build(
        tmp_path,
        files,
        "site:\n  base_url: https://h.dev\n  generator: hugo\n  config: gen/conf/hugo.toml\n"
        "  content: [{path: pages/, url: /v2/}]\n  home: /v2/\n",
    )
    assert site.by_path["pages/a.md"].url == "/v2/a/"
    assert [lk.status.value for lk in site.by_path["pages/_index.md"].links] == ["page"]
    (tmp_path / "policies/site.yaml").write_text(
        "site:\n  base_url: https://h.dev\n  generator: hugo\n  config: [gen/hugo.toml]\n"
    )
    with pytest.raises(PolicyError, match=r"site.config\[0\]: gen/hugo.toml is not a file of the repository"):
        analyse(tmp_path, cwd=tmp_path)


def plain_site(tmp_path: Path, files: dict[str, str]) -> tuple[Any, dict[str, tuple[str, str]]]:
    """A plain repository of ``files`` on GitHub, and its README's links: destination ->
    (kind, status)."""
    site = build(
        tmp_path,
        files,
        "site:\n  base_url: https://github.com/acme/widget\n  generator: plain\n  content: ./\n  home: README.md\n",
    )
    return site, {lk.raw.dest: (lk.kind.value, lk.status.value) for lk in site.by_path["README.md"].links}


def test_plain_is_what_github_shows(tmp_path: Path) -> None:
    files = {
        "README.md": "# Widget {#custom}\n"
        "[tools](tools/) [docs](docs/#readme) [contrib](.github/CONTRIBUTING.md) [me](#widget-custom)\n"
        "[file](https://github.com/acme/widget/blob/main/docs/README.md#guide)"
        " [tree](https://github.com/acme/widget/tree/main/tools)"
        " [other repo](https://github.com/acme/other/blob/main/README.md)"
        " [up](#user-content-widget-custom) [attr](#custom)\n",
        "tools/build.sh": "echo\n",
        "docs/README.md": "# Guide\n",
        ".github/CONTRIBUTING.md": "# Contributing\n",
    }
    site, links = plain_site(tmp_path, files)
    assert links == {
        "tools/": ("internal", "static"),  # a folder: GitHub lists it
        "docs/#readme": ("internal", "page"),
        ".github/CONTRIBUTING.md": ("internal", "static"),
        "#widget-custom": ("internal", "page"),  # GitHub keeps {#custom} as text
        "https://github.com/acme/widget/blob/main/docs/README.md#guide": ("internal", "page"),
        "https://github.com/acme/widget/tree/main/tools": ("internal", "static"),
        "https://github.com/acme/other/blob/main/README.md": ("external", "unchecked"),
        "#user-content-widget-custom": ("internal", "page"),
        "#custom": ("internal", "page"),
    }
    assert "custom" not in site.by_path["README.md"].anchors
    report = check(tmp_path, cwd=tmp_path)
    fragments = [(f.line, f.column) for f in report.findings if f.rule == "broken-fragment"]
    assert fragments == [(3, 224)]  # only #custom


def test_plain_links_above_the_repository_are_github_s_pages(tmp_path: Path) -> None:
    """GitHub shows a file at /OWNER/REPO/blob/BRANCH/PATH, so a relative link that climbs
    two folders above the repository's root is one of the repository's own pages
    (``../../issues`` from the root, ``../../../wiki`` from a folder), or, through
    ``blob/BRANCH/``, one of its files (checked); three or more, another repository."""
    files = {
        "README.md": "# Widget\n[issues](../../issues) [wiki](../../wiki/Home) [license](../../blob/main/LICENSE)"
        " [gone](../../blob/main/GONE.md) [sibling](../../../gadget) [nonsense](../../nonsense)"
        " [guide](../../tree/main/docs/guide.md)\n",
        "LICENSE": "MIT\n",
        "docs/guide.md": "# Guide\n[new issue](../../../issues/new) [releases](../../../releases/latest)\n",
    }
    site, links = plain_site(tmp_path, files)
    assert links == {
        "../../issues": ("other", "unchecked"),
        "../../wiki/Home": ("other", "unchecked"),
        "../../blob/main/LICENSE": ("internal", "static"),
        "../../blob/main/GONE.md": ("internal", "broken"),
        "../../../gadget": ("other", "unchecked"),
        "../../nonsense": ("internal", "broken"),
        "../../tree/main/docs/guide.md": ("internal", "page"),
    }
    assert {lk.status.value for lk in site.by_path["docs/guide.md"].links} == {"unchecked"}


def test_excluded_is_not_missing_and_a_rewrite_reaches_unrendered_terms(tmp_path: Path) -> None:
    files = {
        "content/_index.md": "# Home\n[draft](notes/draft.md) [term](g) [bogus term](g)\n",
        "content/notes/draft.md": "# Draft\n",
        "content/glossary/_index.md": "---\ncascade:\n  build: {render: never}\n---\n",
        "content/glossary/term.md": "# Term\n",
    }
    site = build(
        tmp_path,
        files,
        "site:\n  base_url: https://h.dev\n  generator: hugo\n  content: content/\n"
        "  exclude: ['notes/**']\n  rewrite:\n    - {match: '^g$', to: '/glossary/{slug}/'}\n",
    )
    status = [(lk.raw.text, lk.status.value) for lk in site.by_path["content/_index.md"].links]
    assert status == [("draft", "static"), ("term", "static"), ("bogus term", "broken")]
    assert "content/notes/draft.md" not in site.by_path


def test_mkdocs_translations_one_config_per_language(tmp_path: Path) -> None:
    files = {
        "docs/en/mkdocs.yml": "site_url: https://x.dev/\nnav: [index.md, tutorial.md, about.md]\n",
        "docs/en/docs/index.md": "# Home\n[t](tutorial.md)\n",
        "docs/en/docs/tutorial.md": "# Tutorial\n",
        "docs/en/docs/about.md": "# About\n",
        "docs/es/mkdocs.yml": "INHERIT: ../en/mkdocs.yml\nsite_url: https://x.dev/es/\n",
        "docs/es/docs/index.md": "# Inicio\n[t](tutorial.md) [a](/es/about/) [x](missing.md)\n",
    }
    site = build(tmp_path, files, "site:\n  base_url: https://x.dev\n  generator: mkdocs\n  home: /\n")
    assert site.by_path["docs/es/docs/index.md"].url == "/es/"
    links = [(lk.raw.dest, lk.status.value) for lk in site.by_path["docs/es/docs/index.md"].links]
    assert links == [("tutorial.md", "page"), ("/es/about/", "page"), ("missing.md", "broken")]
    assert site.by_path["docs/es/docs/index.md"].links[0].target_page.path == "docs/en/docs/tutorial.md"


def test_mkdocs_static_i18n_layouts(tmp_path: Path) -> None:
    suffix = {
        "mkdocs.yml": "plugins:\n  - i18n:\n      docs_structure: suffix\n      languages:\n"
        "        - {locale: en, default: true}\n        - {locale: fr}\n",
        "docs/index.md": "# Home\n",
        "docs/index.fr.md": "# Accueil\n[a](a.md)\n",
        "docs/a.md": "# A\n",
    }
    site = build(tmp_path / "s", suffix, "site:\n  base_url: https://x.dev\n  generator: mkdocs\n  home: /\n")
    assert {p.path: p.url for p in site.pages} == {
        "docs/index.md": "/",
        "docs/index.fr.md": "/fr/",
        "docs/a.md": "/a/",
    }
    folder = {
        "mkdocs.yml": "plugins:\n  - i18n:\n      docs_structure: folder\n      languages:\n"
        "        - {locale: en, default: true}\n        - {locale: fr}\n",
        "docs/en/index.md": "# Home\n",
        "docs/en/a.md": "# A\n",
        "docs/fr/index.md": "# Accueil\n[a](a.md)\n",
    }
    site = build(tmp_path / "f", folder, "site:\n  base_url: https://x.dev\n  generator: mkdocs\n  home: /\n")
    assert {p.path: p.url for p in site.pages} == {
        "docs/en/index.md": "/",
        "docs/en/a.md": "/a/",
        "docs/fr/index.md": "/fr/",
    }
    assert [lk.status.value for lk in site.by_path["docs/fr/index.md"].links] == ["page"]


def test_progress_states_which_site_is_checked(tmp_path: Path) -> None:
    build(
        tmp_path,
        DOCUSAURUS,
        "site:\n  base_url: https://x.dev\n  generator: docusaurus\n  home: /docs/intro\n",
    )
    messages: list[str] = []
    analyse(tmp_path, cwd=tmp_path, progress=messages.append)
    assert (
        "the docusaurus site of site/docusaurus.config.ts: 9 pages under documentation/, "
        "site/versioned_docs/version-2.0/, site/blog/, site/i18n/fr/docusaurus-plugin-content-docs/current/"
    ) in messages


def test_hugo_serves_taxonomy_pages_the_sitemap_and_its_static_folder(tmp_path: Path) -> None:
    files = {
        "site/hugo.yaml": "baseURL: https://h.dev/\ntaxonomies: {series: series}\ndisableKinds: [taxonomy]\n",
        "site/static/images/logo.png": "",
        "site/content/_index.md": "# Home\n[series](/series/getting-started/) [list](/series/)"
        " [map](/sitemap.xml) [logo](/images/logo.png) [tags](/tags/x/)\n",
        "site/content/a.md": "---\nseries: [Getting Started]\ntags: [x]\n---\n# A\n",
    }
    site = build(
        tmp_path,
        files,
        "site:\n  base_url: https://h.dev\n  generator: hugo\n  config: site/hugo.yaml\n  home: /\n",
    )
    status = {lk.raw.dest: lk.status.value for lk in site.by_path["site/content/_index.md"].links}
    assert status == {
        "/series/getting-started/": "static",  # a term page of the one taxonomy configured
        "/series/": "broken",  # disableKinds: [taxonomy]
        "/sitemap.xml": "static",
        "/images/logo.png": "static",  # the site folder's static/ (no mount names another)
        "/tags/x/": "broken",  # tags is no taxonomy of this site
    }


def test_docusaurus_client_redirects_are_aliases(tmp_path: Path) -> None:
    files = {
        "docusaurus.config.js": "module.exports = {presets: [['classic', {}]], plugins: [\n"
        "  ['@docusaurus/plugin-client-redirects', {fromExtensions: ['html'],\n"
        "    redirects: [{to: '/docs/intro', from: ['/docs/start', '/welcome']}]}]]};\n",
        "docs/intro.md": "# Intro\n[old](/docs/start) [older](/welcome) [v1](/docs/intro.html) [no](/docs/gone)\n",
    }
    site = build(
        tmp_path, files, "site:\n  base_url: https://x.dev\n  generator: docusaurus\n  home: /docs/intro\n"
    )
    got = [(lk.status.value, lk.via_alias) for lk in site.by_path["docs/intro.md"].links]
    assert got == [
        ("page", "/docs/start"),
        ("page", "/welcome"),
        ("page", "/docs/intro.html"),
        ("broken", None),
    ]


def test_hugo_content_mounts_for_one_language_serve_under_its_prefix(tmp_path: Path) -> None:
    """As Hugo 0.168 builds it (Docsy's site mounts its French landing page so): a content
    mount for French alone is served under /fr/, one for every language at the root."""
    files = {
        "hugo.yaml": "baseURL: https://x.dev/\ndefaultContentLanguage: en\nlanguages: {en: {}, fr: {}}\n"
        "module:\n  mounts:\n    - {source: content/fr, target: content, sites: {matrix: {languages: [fr]}}}\n"
        "    - {source: content/en, target: content, sites: {matrix: {languages: [en, fr]}}}\n"
        "    - {source: content/de, target: content, lang: de}\n",
        "content/fr/_index.md": "# Accueil\n",
        "content/en/_index.md": "# Home\n[fr](/fr/) [de](/de/guide/)\n",
        "content/en/guide.md": "# Guide\n",
        "content/de/guide.md": "# Anleitung\n",
    }
    site = build(tmp_path, files, "site:\n  base_url: https://x.dev\n  generator: hugo\n  home: /\n")
    urls = {p.path: p.url for p in site.pages}
    assert urls["content/fr/_index.md"] == "/fr/"
    assert urls["content/en/_index.md"] == "/"
    assert urls["content/en/guide.md"] == "/guide/"
    assert urls["content/de/guide.md"] == "/de/guide/"
    assert site.home.path == "content/en/_index.md"
