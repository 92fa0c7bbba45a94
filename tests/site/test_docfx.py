"""DocFX / Microsoft Learn: docfx.json content entries, redirection files, markdig ids,
[!INCLUDE] files and case-insensitive lookups."""

from __future__ import annotations

from pathlib import Path

from linkpolicy.api import analyse, check
from linkpolicy.content.slugs import Slugger
from linkpolicy.site.generators import GENERATORS
from linkpolicy.source import WorkTree

docfx = GENERATORS["docfx"]

CONFIG = """{"build": {
  "content": [
    {"files": ["**/*.md", "**/*.yml"], "exclude": ["**/includes/**", "obj/**"], "src": "docs-conceptual",
     "dest": "scripting"},
    {"files": ["toc.yml"]},
    {"files": ["*.md"], "src": null, "dest": "."},
    {"files": ["**/*.md"], "src": "module", "dest": "module"}
  ],
  "resource": [{"files": ["**/*.png"], "src": "docs-conceptual"}]
}}"""


def write(root: Path, files: dict[str, str]) -> Path:
    for rel, text in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text)
    return root


def test_docfx_json_names_content_roots_url_prefixes_and_pages(tmp_path: Path) -> None:
    write(tmp_path, {"reference/docfx.json": CONFIG})
    cfg = docfx.read_config(WorkTree(tmp_path), ["reference/docfx.json"])
    # toc.yml alone makes no pages; "dest": "." is no prefix
    assert cfg.content_roots == ["reference/docs-conceptual", "reference", "reference/module"]
    assert cfg.root_prefixes == {"reference/docs-conceptual": "/scripting", "reference/module": "/module"}
    assert cfg.static_roots == ["reference/docs-conceptual"]
    conceptual = "reference/docs-conceptual/"
    assert not docfx.is_partial("learn/overview.md", cfg, conceptual)
    assert docfx.is_partial("learn/includes/note.md", cfg, conceptual)  # what [!INCLUDE] pulls in
    assert docfx.is_partial("obj/generated.md", cfg, conceptual)  # excluded in this entry
    assert not docfx.is_partial("obj/generated.md", cfg, "reference/module/")  # not in that one


def test_urls_drop_the_extension_and_index_is_the_folder() -> None:
    assert (
        docfx.page_url("learn/Overview.md", {}, slash=False, prefix="/scripting").url
        == "/scripting/learn/Overview"
    )
    assert docfx.page_url("learn/index.md", {}, slash=False).url == "/learn/"
    assert docfx.page_url("index.md", {}, slash=False, prefix="/scripting").url == "/scripting/"


def test_redirection_files_make_aliases_of_the_target_page(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "docfx.json": '{"build": {"content": [{"files": ["**/*.md"], "src": "docs", "dest": "guide"}]}}',
            ".openpublishing.redirection.json": '{"redirections": ['
            '{"source_path": "docs/old.md", "redirect_url": "/guide/New"},'
            '{"source_path_from_root": "/docs/older.md", "redirect_url": "/powershell/guide/new"},'
            '{"source_path": "docs/gone.md", "redirect_url": "docs/new.md"}]}',
            ".openpublishing.redirection.module.json": '{"redirections": [{"source_path": "docs/x.md",'
            ' "redirect_url": "https://example.org/elsewhere"}, "not an entry"]}',
        },
    )
    cfg = docfx.read_config(WorkTree(tmp_path), ["docfx.json"])
    info = docfx.page_url("new.md", {}, slash=False, prefix="/guide", config=cfg)
    assert info.url == "/guide/new"
    # each old file's URL, and its path as a `.md` link from a page beside it names it
    old = ["/guide/gone", "/guide/old", "/guide/older"]
    assert sorted(info.aliases) == sorted([*old, *(f"{u}.md" for u in old)])
    assert docfx.page_url("other.md", {}, slash=False, prefix="/guide", config=cfg).aliases == []
    # a moved file is served (as a redirect) wherever it leads, here off the site
    assert cfg.routes["/guide/x"] == ".openpublishing.redirection.module.json"


def test_markdig_ids_name_headings_without_letters_section() -> None:
    slugger = Slugger("markdig")
    assert [slugger.slug(t) for t in ("What it does", "???", "...", "What it does")] == [
        "what-it-does",
        "section",
        "section-1",
        "what-it-does-1",
    ]


def test_include_paths_are_relative_to_the_including_file() -> None:
    text = "[!INCLUDE [note](../includes/note.md)]\n> [!include[tip]( <tip.md> )]\n[plain](x.md)\n"
    assert docfx.included("docs/learn/page.md", text) == ["docs/includes/note.md", "docs/learn/tip.md"]


def test_a_docfx_site_resolves_links_as_learn_does(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "policies/site.yaml": "site:\n  base_url: https://learn.example.com/\n  generator: docfx\n"
            "  home: docs/index.md\n",
            "docfx.json": '{"build": {"content": [{"files": ["**/*.md"], "exclude": ["**/includes/**"],'
            ' "src": "docs", "dest": "guide"}]}}',
            "docs/index.md": "# Home\n[A](Learn/About.md#scope) [b](/guide/LEARN/about) [c](xref:System.String)\n"
            "[!INCLUDE [note](includes/note.md)]\n[d](#from-the-include)\n",
            "docs/learn/about.md": "# About\n## Scope\n[home](https://learn.example.com/guide/)\n",
            "docs/includes/note.md": "## From the include\n[about](../learn/about.md) [gone](../nope.md)\n",
        },
    )
    site = analyse(tmp_path, cwd=tmp_path).site
    links = {lk.raw.dest: (lk.kind.value, lk.status.value) for lk in site.by_path["docs/index.md"].links}
    assert links["Learn/About.md#scope"] == ("internal", "page")  # files are found ignoring case
    assert links["/guide/LEARN/about"] == ("internal", "page")
    assert links["xref:System.String"][0] == "other"  # API metadata: not checked, like mailto:
    assert links["#from-the-include"] == ("internal", "page")
    findings = {(f.path, f.rule) for f in check(tmp_path, cwd=tmp_path).findings}
    assert ("docs/includes/note.md", "broken-link") in findings  # ../nope.md, from the include
    assert not any(
        rule in ("broken-link", "broken-fragment")
        for path, rule in findings
        if path != "docs/includes/note.md"
    )


def test_toc_yml_entries_are_sidebar_links_from_the_folder_landing_page(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "policies/site.yaml": "site:\n  base_url: https://learn.example.com/\n  generator: docfx\n"
            "  home: docs/index.md\n",
            "docfx.json": '{"build": {"content": [{"files": ["**/*.md", "**/toc.yml"], "src": "docs"}]}}',
            "docs/index.md": "# Home\n",
            "docs/toc.yml": "- name: Home\n  href: index.md\n- name: Ref\n  href: ref/toc.yml\n"
            "  topicHref: ref/index.md\n- name: Web\n  href: https://example.org/a.md\n",
            "docs/ref/index.md": "# Reference\n",
            "docs/ref/toc.yml": "items:\n- name: Nested\n  items:\n  - name: Deep\n    href: Deep.md#part\n",
            "docs/ref/deep.md": "# Deep\n",
            "docs/unlisted.md": "# Unlisted\n",
        },
    )
    nav = {(n.source, n.target, n.via) for n in analyse(tmp_path, cwd=tmp_path).site.navigation}
    assert nav == {("/", "/ref/", "sidebar"), ("/ref/", "/ref/deep", "sidebar")}


def test_code_snippets_are_no_links(tmp_path: Path) -> None:
    """DocFX's code snippet (`[!code-csharp[](Program.cs#L1-L3)]`, a line of its own, in a
    quote or list item too) shows the file's code: the built page has no link there, so
    no empty anchor and no broken link; a link on a line that is no snippet still counts."""
    write(
        tmp_path,
        {
            "docs/docfx.json": '{"build": {"content": [{"files": ["**/*.{md,yml}"]}]}}',
            "docs/index.md": (
                "# Home\n\n[!code-csharp[](gone/Program.cs?highlight=2,5-7)]\n\n"
                '> [!CODE-js[Main](gone.js#tag "A title")]\n\n- [!notebook-python[](gone.ipynb)]\n\n'
                "Not one: [!code-csharp[](gone.cs)] in a sentence, and [](gone.md).\n"
            ),
            "policies/site.yaml": "site:\n  base_url: https://example.com\n  generator: docfx\n  content: docs/\n",
        },
    )
    report = check(tmp_path, cwd=tmp_path)
    found = sorted((f.rule, f.line) for f in report.findings if f.rule in {"broken-link", "empty-anchor"})
    assert found == [("broken-link", 9), ("broken-link", 9), ("empty-anchor", 9), ("empty-anchor", 9)]


def test_tab_headings_and_generated_api_pages_are_no_broken_links(tmp_path: Path) -> None:
    """DocFX's tabbed content (`# [Linux](#tab/linux)` starts a tab: the built page has no
    such link) and links into a `metadata` entry's `dest` (the API pages the build makes
    from assemblies, which no source file holds) are not checked; a fragment that no
    heading has, and a missing file outside those folders, still are."""
    write(
        tmp_path,
        {
            "docs/docfx.json": (
                '{"metadata": [{"src": [{"files": ["src/*.csproj"], "src": "../"}], "dest": "api"}],\n'
                ' "build": {"content": [{"files": ["**/*.{md,yml}"]}]}}'
            ),
            "docs/index.md": (
                "# Home\n\n# [Linux](#tab/linux)\n\nOn Linux.\n\n## [Windows](#tab/windows/linux)\n\nOn Windows.\n\n"
                "---\n\nSee [the API](api/Docfx.yml), [a tab](#tab/mac), [nowhere](#nowhere) and [gone](gone.md).\n"
            ),
            "policies/site.yaml": "site:\n  base_url: https://example.com\n  generator: docfx\n  content: docs/\n",
        },
    )
    report = check(tmp_path, cwd=tmp_path)
    broken = sorted((f.rule, f.line) for f in report.findings if f.rule.startswith("broken"))
    # line 13: a tab link outside a heading and #nowhere, and gone.md; not the API page
    assert broken == [("broken-fragment", 13), ("broken-fragment", 13), ("broken-link", 13)]
