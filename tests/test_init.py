"""`linkpolicy init`: detects the generator and writes a starter policy that `check` reads."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from ruamel.yaml import YAML

from linkpolicy.cli import main
from linkpolicy.init import detect

CORPORA = Path(__file__).resolve().parents[2] / "shared" / "corpora"


def site_yaml(root: Path) -> dict:
    return YAML(typ="safe").load((root / "policies" / "site.yaml").read_text())["site"]


@pytest.mark.parametrize("name", ["hugo-docs", "mkdocs-material"])
def test_init_then_check_on_the_corpora(tmp_path: Path, name: str) -> None:
    if not (CORPORA / name).is_dir():
        pytest.skip("corpus not available")
    root = tmp_path / name
    shutil.copytree(CORPORA / name, root)
    (root / ".git").mkdir()
    result = CliRunner().invoke(main, ["init", "--root", str(root)])
    assert result.exit_code == 0, result.output
    assert "wrote policies/site.yaml" in result.output and "wrote policies/clusters.yaml" in result.output
    site = site_yaml(root)
    if name == "hugo-docs":
        assert site == {
            "base_url": "https://gohugo.io",
            "generator": "hugo",
            "content": "content/en/",
            "home": "/",
            # the include shortcode, whose template the corpus leaves out
            "include": [{"match": '\\{\\{[%<]-?\\s*include\\s+"([^"]+)"', "path": "{1}"}],
        }
        # the site's link render hook leads [term](g) to the glossary page it names: no
        # convention left to describe
        assert "'g'" not in (root / "policies" / "site.yaml").read_text()
    else:
        assert site["generator"] == "mkdocs" and site["content"] == "docs/" and site["home"] == "index.md"
    clusters = YAML(typ="safe").load((root / "policies" / "clusters.yaml").read_text())["clusters"]
    assert clusters and all(c["members"] == [c["hub"].split("/")[0] + "/**"] for c in clusters)
    check = CliRunner().invoke(main, ["check", "--root", str(root), "--format", "json"])
    assert check.exit_code in (0, 1), check.output  # a policy check reads, never exit 2
    errors = [
        f for f in json.loads(check.output)["findings"] if f["rule"] in ("broken-link", "broken-fragment")
    ]
    # hugo-docs: a file of the static folder the corpus leaves out, and a glossary entry
    # whose id a shortcode makes; mkdocs-material: the 5 its real build confirms
    assert len(errors) <= 5, errors
    again = CliRunner().invoke(main, ["init", "--root", str(root)])
    assert again.exit_code == 2 and "--force" in again.output


def test_detects_docusaurus_jekyll_and_plain(tmp_path: Path) -> None:
    d = tmp_path / "docu"
    (d / "docs").mkdir(parents=True)
    (d / "docusaurus.config.js").write_text(
        "export default { url: 'https://docs.acme.dev', baseUrl: '/product/' };\n"
    )
    (d / "docs" / "intro.md").write_text("# Intro\n")
    got = detect(d)
    assert (got.generator, got.base_url, got.content, got.home) == (
        "docusaurus",
        "https://docs.acme.dev/product/",
        "docs",
        "intro.md",
    )
    j = tmp_path / "jek"
    j.mkdir()
    (j / "_config.yml").write_text("url: https://blog.acme.dev\npermalink: pretty\n")
    got = detect(j)
    assert (got.generator, got.base_url, got.trailing_slash) == ("jekyll", "https://blog.acme.dev/", True)
    p = tmp_path / "plain"
    p.mkdir()
    (p / "README.md").write_text("# Readme\n")
    assert (detect(p).generator, detect(p).home) == ("plain", "README.md")


def test_jekyll_excludes_what_its_config_excludes(tmp_path: Path) -> None:
    """The config's `exclude` entries that leave pages out of the build become the starter
    policy's: a Markdown file, a folder holding Markdown, a glob that may match it; not a
    Gemfile, a folder of code, or what the defaults hold already."""
    j = tmp_path / "jek"
    for rel in (
        "fixtures/a/README.md",
        "lib/x.rb",
        "vendor/bundle/gem/README.md",
        "CODE_OF_CONDUCT.md",
        "index.md",
    ):
        (j / rel).parent.mkdir(parents=True, exist_ok=True)
        (j / rel).write_text("# x\n")
    (j / "_config.yml").write_text(
        "exclude: [Gemfile, lib/, fixtures/, CODE_OF_CONDUCT.md, vendor/bundle/, '*.gemspec', 'drafts*.md']\n"
    )
    exclude = detect(j).extra["exclude"]
    assert exclude == [
        "vendor/**",
        "node_modules/**",
        "_site/**",
        "README.md",
        "fixtures/**",
        "CODE_OF_CONDUCT.md",
        "drafts**.md",
    ]
    written = CliRunner().invoke(main, ["init", "--root", str(j)])
    assert written.exit_code == 0, written.output
    check = CliRunner().invoke(main, ["check", "--root", str(j), "--format", "json"])
    assert '"fixtures/a/README.md"' not in check.output and '"CODE_OF_CONDUCT.md"' not in check.output


def write(root: Path, files: dict[str, str]) -> Path:
    for rel, text in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text)
    (root / ".git").mkdir(exist_ok=True)
    return root


def init_and_check(root: Path) -> dict:
    result = CliRunner().invoke(main, ["init", "--root", str(root)])
    assert result.exit_code == 0, result.output
    check = CliRunner().invoke(main, ["check", "--root", str(root), "--format", "json"])
    assert check.exit_code in (0, 1), check.output
    return site_yaml(root)


def test_init_from_the_root_finds_a_docusaurus_config_in_website(tmp_path: Path) -> None:
    root = write(
        tmp_path,
        {
            "website/docusaurus.config.js": "module.exports = {url: 'https://x.dev', baseUrl: '/',"
            " presets: [['classic', {docs: {path: '../docs'}}]]};\n",
            "website/versions.json": '["1.0"]\n',
            "website/versioned_docs/version-1.0/intro.md": "# Intro\n[next](setup.md)\n",
            "website/versioned_docs/version-1.0/setup.md": "# Setup\n",
            "website/blog/2021-05-25-hello.md": "# Hello\n[intro](/docs/intro)\n",
            "website/node_modules/x/docusaurus.config.js": "module.exports = {};\n",
            "docs/intro.md": "# Intro\n[setup](setup.md)\n",
            "docs/setup.md": "# Setup\n",
        },
    )
    site = init_and_check(root)
    assert site["config"] == "website/docusaurus.config.js" and "content" not in site
    assert site["home"] == "website/versioned_docs/version-1.0/intro.md"
    report = CliRunner().invoke(main, ["check", "--root", str(root)])
    assert "error[broken" not in report.output and "5 pages," in report.output, report.output


def test_init_from_the_root_finds_mkdocs_per_language_and_hugo_config_folders(tmp_path: Path) -> None:
    mk = write(
        tmp_path / "mk",
        {
            "docs/de/mkdocs.yml": "site_url: https://x.dev/de/\ndocs_dir: docs\n",
            "docs/en/mkdocs.yml": "site_url: https://x.dev/\ndocs_dir: docs\n",
            "docs/en/docs/index.md": "# Home\n[a](a.md)\n",
            "docs/en/docs/a.md": "# A\n",
        },
    )
    site = init_and_check(mk)
    assert (site["generator"], site["content"], site["home"]) == ("mkdocs", "docs/en/docs/", "index.md")
    hugo = write(
        tmp_path / "hugo",
        {
            "config/_default/hugo.toml": "baseURL = 'https://h.dev/'\n",
            "config/_default/languages.toml": "[en]\ncontentDir = 'content/en'\n[de]\ncontentDir = 'content/de'\n",
            "content/en/_index.md": "# Home\n[a](/a/)\n",
            "content/en/a.md": "# A\n",
            "content/de/_index.md": "# Start\n[a](/de/a/)\n",
            "content/de/a.md": "# A\n",
        },
    )
    site = init_and_check(hugo)
    assert (site["generator"], site["config"], site["base_url"]) == (
        "hugo",
        "config/_default/hugo.toml",
        "https://h.dev",
    )
    assert "content" not in site  # the config names both languages' folders
    report = CliRunner().invoke(main, ["check", "--root", str(hugo)])
    assert "error[broken" not in report.output and "4 pages," in report.output, report.output


def test_init_leaves_the_links_into_other_languages_built_side_by_side_to_their_sites(tmp_path: Path) -> None:
    """One MkDocs site a language, side by side (`docs/en/mkdocs.yml` with `docs/en/docs/`,
    `docs/es/docs/`, `docs/zh-hant/docs/`; the project's script writes the other configs
    and serves each under `/<lang>/`): a link from English into Spanish is no broken link
    of the English site, one to a page that is nowhere still is."""
    root = write(
        tmp_path,
        {
            "docs/en/mkdocs.yml": "site_url: https://x.dev/\ntheme:\n  language: en\n",
            "docs/en/docs/index.md": "# Home\n\n[a](a.md), [en espa\u00f1ol](https://x.dev/es/a/), "
            "[\u4e2d\u6587](https://x.dev/zh-hant/), [gone](https://x.dev/gone/)\n",
            "docs/en/docs/a.md": "# A\n",
            "docs/es/docs/index.md": "# Inicio\n",
            "docs/zh-hant/docs/index.md": "# Home\n",
            "docs/assets/docs/x.md": "# not a language\n",
        },
    )
    site = init_and_check(root)
    assert site["ignore_links"] == ["^https://x\\.dev/(es|zh\\-hant)/"]
    report = CliRunner().invoke(main, ["check", "--root", str(root)])
    broken = [line for line in report.output.splitlines() if "broken-link" in line]
    assert len(broken) == 1 and "https://x.dev/gone/" in broken[0], report.output


def test_init_suggests_a_rewrite_for_a_convention_not_for_a_typo(tmp_path: Path) -> None:
    files = {"docs/index.md": "# Home\n", "docs/configuration.md": "# Configuration\n"}
    for i in range(4):
        files[f"docs/p{i}.md"] = (
            f"# P{i}\n[term](g) [term](g)\n[config](configuraton) [config](configuraton)\n"
        )
    root = write(tmp_path, {"mkdocs.yml": "site_url: https://x.dev/\n", **files})
    init_and_check(root)
    text = (root / "policies" / "site.yaml").read_text()
    assert "8 links point at 'g'" in text and "configuraton" not in text


def test_init_names_what_the_link_render_hook_renders_its_own_way(tmp_path: Path) -> None:
    """A Hugo hook that tests for a destination of its own and names no page of the site:
    init says how many links use it, that they are not checked, and how `rewrite` leads
    them somewhere; check reports none of them as broken."""
    hook = '{{ $u := urls.Parse .Destination }}{{ if eq $u.String "term" }}<abbr>{{ .Text }}</abbr>{{ end }}'
    files = {"content/_index.md": "---\ntitle: Home\n---\n[a](/a/)\n"}
    for i in range(3):
        files[f"content/p{i}.md"] = f"---\ntitle: P{i}\n---\n[word](term) [home](/)\n"
    root = write(
        tmp_path,
        {"hugo.toml": "baseURL = 'https://x.dev/'\n", "layouts/_markup/render-link.html": hook, **files},
    )
    init_and_check(root)
    text = (root / "policies" / "site.yaml").read_text()
    assert "3 links point at 'term', which the site's link render hook renders its own way" in text
    check = CliRunner().invoke(main, ["check", "--root", str(root), "--format", "json"])
    broken = [f["target"] for f in json.loads(check.output)["findings"] if f["rule"] == "broken-link"]
    assert broken == ["/a/"]


def test_init_on_a_repository_of_two_sites_says_which_to_pick(tmp_path: Path) -> None:
    root = write(
        tmp_path,
        {
            "mkdocs.yml": "site_url: https://x.dev/\n",
            "docs/index.md": "# Home\n",
            "website/docusaurus.config.js": "module.exports = {url: 'https://y.dev', baseUrl: '/'};\n",
            "website/docs/intro.md": "# Intro\n",
        },
    )
    result = CliRunner().invoke(main, ["init", "--root", str(root)])
    assert result.exit_code == 2 and len(result.output.strip().splitlines()) == 1
    assert "2 sites" in result.output and "mkdocs.yml (mkdocs)" in result.output
    assert "website/docusaurus.config.js (docusaurus)" in result.output and "--config" in result.output
    result = CliRunner().invoke(
        main, ["init", "--root", str(root), "--config", "website/docusaurus.config.js"]
    )
    assert result.exit_code == 0, result.output
    site = site_yaml(root)
    assert (site["generator"], site["content"], site["config"]) == (
        "docusaurus",
        "website/docs/",
        "website/docusaurus.config.js",
    )
    check = CliRunner().invoke(main, ["check", "--root", str(root)])
    assert check.exit_code in (0, 1) and "1 pages," in check.output, check.output


def test_init_finds_a_docfx_config_in_docs_and_check_reads_its_content(tmp_path: Path) -> None:
    root = write(
        tmp_path,
        {
            "docs/docfx.json": '{"build": {"content": [{"files": ["**/*.md"], "src": "articles",'
            ' "dest": "guide"}], "globalMetadata": {"breadcrumb_path": "/widgets/breadcrumb/toc.yml"}}}\n',
            "docs/articles/index.md": "# Home\n[Setup](SETUP.md) [again](/widgets/guide/Setup)\n",
            "docs/articles/setup.md": "# Setup\n[home](index.md)\n",
        },
    )
    site = init_and_check(root)
    assert (site["generator"], site["content"], site["home"]) == ("docfx", "docs/articles/", "index.md")
    assert site["base_url"] == "https://learn.microsoft.com/widgets"  # the docset's base path
    check = CliRunner().invoke(main, ["check", "--root", str(root), "--format", "json"])
    assert check.exit_code == 0, check.output


def test_init_takes_jekylls_index_html_as_the_home(tmp_path: Path) -> None:
    """Jekyll's home is index.html here: an HTML file with front matter is a page, and the
    home the policy names."""
    root = write(
        tmp_path,
        {
            "docs/_config.yml": "url: https://x.dev\ncollections:\n  docs:\n    output: true\n"
            "    permalink: /:collection/:path/\n",
            "docs/index.html": "---\nlayout: home\n---\n<h1>Home</h1>\n",
            "docs/_docs/guide/deep.md": "# Deep\n",
            "docs/_docs/intro.md": "# Intro\n[deep](/docs/guide/deep/)\n",
        },
    )
    site = init_and_check(root)
    assert site["home"] == "/"
    assert "is no page of the site" not in (root / "policies" / "site.yaml").read_text()


def test_init_picks_a_page_for_home_where_the_home_is_no_page(tmp_path: Path) -> None:
    """An index.html without front matter is copied as it is, no page: init proposes the
    page nearest the root instead of writing a policy whose home is no page (check would
    refuse it)."""
    root = write(
        tmp_path,
        {
            "docs/_config.yml": "url: https://x.dev\ncollections:\n  docs:\n    output: true\n"
            "    permalink: /:collection/:path/\n",
            "docs/index.html": "<h1>Home</h1>\n",
            "docs/_docs/guide/deep.md": "# Deep\n",
            "docs/_docs/intro.md": "# Intro\n[deep](/docs/guide/deep/)\n",
        },
    )
    site = init_and_check(root)
    assert site["home"] == "/docs/intro/"
    assert "is no page of the site" in (root / "policies" / "site.yaml").read_text()


def test_init_finds_a_site_kept_in_a_top_level_folder(tmp_path: Path) -> None:
    """Where no config sits in the usual places, each top-level folder (and its Hugo
    config/_default/) is looked in: Docsy keeps its site in docsy.dev/."""
    root = write(
        tmp_path,
        {
            "docsy.dev/config/_default/hugo.yaml": "baseURL: https://www.docsy.dev/\n",
            "docsy.dev/content/_index.md": "# Home\n[guide](/guide/)\n",
            "docsy.dev/content/guide.md": "# Guide\n",
            "README.md": "# The theme\n",
        },
    )
    site = init_and_check(root)
    assert (site["generator"], site["config"]) == ("hugo", "docsy.dev/config/_default/hugo.yaml")


def test_init_takes_the_base_url_from_a_cname_file_where_the_config_names_none(tmp_path: Path) -> None:
    """GitHub Pages publishes a site at the domain its CNAME file names: with it, the docs'
    example URLs (`https://example.com/project.git`) are outbound links, not broken ones."""
    root = write(
        tmp_path,
        {
            "hugo.yaml": "title: Docs\n",
            "static/CNAME": "docs.example.org\n",
            "content/_index.md": "# Home\nClone <https://example.com/project.git> or read [the guide](/guide/).\n",
            "content/guide.md": "# Guide\n",
        },
    )
    site = init_and_check(root)
    assert site["base_url"] == "https://docs.example.org"
    check = CliRunner().invoke(main, ["check", "--root", str(root), "--format", "json"])
    assert not [f for f in json.loads(check.output)["findings"] if f["rule"] == "broken-link"]
    (root / "static" / "CNAME").write_text("not a host name\n")
    shutil.rmtree(root / "policies")
    # no host known: a reserved one stands in, which no example URL of the docs uses
    assert init_and_check(root)["base_url"] == "https://site.invalid"
    check = CliRunner().invoke(main, ["check", "--root", str(root), "--format", "json"])
    assert not [f for f in json.loads(check.output)["findings"] if f["rule"] == "broken-link"]


#: a site hook, as Material for MkDocs' docs have one: a heading that is a comment
#: `<!-- md:setting x -->` gets the id x, one with `md:option x` the id +x
MKDOCS_HOOK = """import re

def on_page_markdown(markdown, **kwargs):
    markdown = re.sub(r"<!-- md:setting (\\S+) -->", lambda m: f"`{m.group(1)}` {{ #{m.group(1)} }}", markdown)
    return re.sub(r"<!-- md:option (\\S+) -->", lambda m: f"`{m.group(1)}` {{ #+{m.group(1)} }}", markdown)
"""


def test_init_finds_the_ids_a_site_hook_makes_as_a_real_build_does(tmp_path: Path) -> None:
    """Links to ids that comments on the target page hold (after a fixed prefix, or
    none): init writes the `site.anchors` patterns they call for, and `check` then
    reports the fragments the real build (MkDocs with the site's hook) has no id for."""
    import re
    import sys

    from helpers import mkdocs_build

    setting = "#### <!-- md:setting config.{0} -->\n\nText.\n\n"
    option = "#### <!-- md:option {0} -->\n\nText.\n\n"
    plugin = "# Plugin\n\n" + "".join(setting.format(n) for n in ("a", "b", "c"))
    plugin += "".join(option.format(n) for n in ("x", "y"))
    links = "[a](plugin.md#config.a) [b](plugin.md#config.b) [x](plugin.md#+x) [y](plugin.md#+y)"
    root = write(
        tmp_path / "site",
        {
            "mkdocs.yml": "site_name: S\nsite_url: https://x.dev/\nhooks: [hooks.py]\n"
            "markdown_extensions: [attr_list, toc]\n",
            "hooks.py": MKDOCS_HOOK,
            "docs/index.md": f"# Home\n\n{links}\n\n[c](plugin.md#config.c) [gone](plugin.md#config.gone)\n",
            "docs/guide.md": f"# Guide\n\n{links}\n",
            "docs/plugin.md": plugin,
        },
    )
    if not shutil.which("mkdocs", path=str(Path(sys.executable).parent)):
        pytest.skip("mkdocs is not installed")
    mkdocs_build(root / "mkdocs.yml", tmp_path / "out")
    built = set(re.findall(r'id="([^"]+)"', (tmp_path / "out/plugin/index.html").read_text()))
    assert {"config.a", "config.c", "+x"} <= built and "config.gone" not in built
    init_and_check(root)
    anchors = site_yaml(root)["anchors"]
    assert anchors == [
        "<!--\\s*md:setting\\s+(?P<id>\\S+)\\s*-->",
        {"match": "<!--\\s*md:option\\s+(\\S+)\\s*-->", "id": "+{1}"},
    ]
    check = CliRunner().invoke(main, ["check", "--root", str(root), "--format", "json"])
    fragments = [
        f["message"].split()[0]
        for f in json.loads(check.output)["findings"]
        if f["rule"] == "broken-fragment"
    ]
    assert fragments == ["#config.gone"]


def test_init_finds_an_include_shortcode_from_its_calls_where_its_template_is_not_here(
    tmp_path: Path,
) -> None:
    """A Hugo shortcode whose quoted first argument names a content file on its calls (the
    corpus of hugoDocs' content has no layouts but its link hook) is an include: init writes
    `site.include` for it, and the included headings resolve; where the shortcode's template
    is in the repository, the generator reads it and init writes nothing."""
    files = {
        "hugo.toml": "baseURL = 'https://x.dev/'\n",
        "content/_index.md": "---\ntitle: Home\n---\n[a](/a/) [b](/b/) [c](/c/)\n",
        "content/_common/_index.md": "---\ncascade:\n  build:\n    render: never\n---\n",
        "content/_common/shared.md": "---\n---\n## Shared part\n",
    }
    for name in "abc":
        files[f"content/{name}.md"] = (
            f'---\ntitle: {name}\n---\n[jump](#shared-part) [gone](#nowhere)\n\n{{{{% include "/_common/shared.md" %}}}}\n'
        )
    root = write(tmp_path / "site", files)
    init_and_check(root)
    assert site_yaml(root)["include"] == [{"match": '\\{\\{[%<]-?\\s*include\\s+"([^"]+)"', "path": "{1}"}]
    check = CliRunner().invoke(main, ["check", "--root", str(root), "--format", "json"])
    fragments = {
        f["message"].split()[0]
        for f in json.loads(check.output)["findings"]
        if f["rule"] == "broken-fragment"
    }
    assert fragments == {"#nowhere"}
    templated = write(tmp_path / "templated", {**files, "layouts/_shortcodes/include.html": "{{ .Get 0 }}"})
    assert "include" not in init_and_check(templated)


def test_init_finds_the_mkdocs_config_a_site_is_built_with_under_another_name(tmp_path: Path) -> None:
    """No mkdocs.yml, but configs `mkdocs build -f` takes (Textual's docs): their shared
    part (which the others INHERIT) and one holding the nav alone are no site; of those
    left, the one naming the published URL (not the offline build's) is the site."""
    files = {
        "mkdocs-common.yml": "site_name: T\nmarkdown_extensions:\n  - attr_list\n",
        "mkdocs-nav.yml": "nav:\n  - index.md\n",
        "mkdocs-online.yml": "INHERIT: mkdocs-common.yml\nsite_url: https://t.dev/\n",
        "mkdocs-offline.yml": "INHERIT: mkdocs-common.yml\nplugins:\n  - offline\n",
        "docs/index.md": "# Home\n\n[Guide](guide.md)\n",
        "docs/guide.md": "# Guide\n",
    }
    root = write(tmp_path / "one", files)
    result = CliRunner().invoke(main, ["init", "--root", str(root)])
    assert result.exit_code == 0, result.output
    site = site_yaml(root)
    assert (site["generator"], site["base_url"], site["content"], site["config"]) == (
        "mkdocs",
        "https://t.dev",
        "docs/",
        "mkdocs-online.yml",
    )
    check = CliRunner().invoke(main, ["check", "--root", str(root)])
    assert check.exit_code in (0, 1) and "2 pages," in check.output, check.output
    # two that both name a published URL: which one is for the user to say
    root = write(
        tmp_path / "two",
        {**files, "mkdocs-offline.yml": "INHERIT: mkdocs-common.yml\nsite_url: https://o.dev/\n"},
    )
    result = CliRunner().invoke(main, ["init", "--root", str(root)])
    assert result.exit_code == 2 and "mkdocs-offline.yml (mkdocs)" in result.output
    assert "mkdocs-online.yml (mkdocs)" in result.output and "--config" in result.output
