"""Hugo's translation by file name: in a multilingual site whose languages share one content
folder, `about.fr.md` is the French page (at /fr/about/), and a link on it is found in
French first — the embedded link render hook looks a path up with GetPage, from the page's
own language, a path from the root too. `relRef` is `relref`. Held to a real Hugo build."""

from __future__ import annotations

import posixpath
import re
from pathlib import Path

from helpers import hugo_build, write_files

from linkpolicy.api import analyse, findings_of

FILES = {
    "hugo.toml": (
        "baseURL = 'https://example.org/'\ntitle = 'T'\ndefaultContentLanguage = 'en'\n"
        "disableKinds = ['taxonomy', 'term', 'rss', 'sitemap', '404']\n"
        "[languages.en]\nweight = 1\n[languages.fr]\nweight = 2\n"
    ),
    "layouts/_default/single.html": "<main>{{ .Content }}</main>",
    "layouts/_default/list.html": "<main>{{ .Content }}</main>",
    "content/_index.md": "---\ntitle: Home\n---\nSee [A](/docs/a/).\n",
    "content/_index.fr.md": "---\ntitle: Accueil\n---\nVoir [A](/docs/a/).\n",
    "content/docs/a.md": "---\ntitle: A\n---\n## Install\n",
    "content/docs/a.fr.md": "---\ntitle: A\n---\n## Installer\n",
    "content/docs/b.md": (
        "---\ntitle: B\n---\n[one](/docs/a/#install) [two](a.md#install) [three](/docs/a/#installer)\n"
    ),
    "content/docs/b.fr.md": (
        "---\ntitle: B\n---\n[un](/docs/a/#install) [deux](a.md#installer) "
        '[trois]({{< relRef "a.md#install" >}}) [quatre](/about/) [cinq](/docs/a/#installer)\n'
    ),
    "content/about.fr.md": "---\ntitle: À propos\n---\nRien.\n",
    "policies/site.yaml": "site:\n  base_url: https://example.org/\n  generator: hugo\n  content: content/\n",
}


def built_links(out: Path, url: str) -> dict[str, str]:
    """Link text -> where the built page's link leads (its URL and fragment)."""
    html = (out / url.strip("/") / "index.html").read_text(encoding="utf-8")
    found = {}
    for href, text in re.findall(r'<a href="([^"]*)">([^<]*)</a>', html):
        path, _, frag = href.partition("#")
        target = posixpath.normpath(posixpath.join(url, path)).rstrip("/") + "/" if path else url
        found[text] = f"{target}#{frag}" if frag else target
    return found


def built_broken(out: Path, url: str) -> set[str]:
    broken = set()
    for text, target in built_links(out, url).items():
        path, _, frag = target.partition("#")
        page = out / path.strip("/") / "index.html"
        if not page.is_file() or (frag and f'id="{frag}"' not in page.read_text(encoding="utf-8")):
            broken.add(text)
    return broken


def test_translations_by_file_name_are_their_language_s_pages(tmp_path: Path) -> None:
    root = write_files(tmp_path / "site", FILES)
    hugo_build(root, root / "public")
    out = root / "public"
    analysis = analyse(root, cwd=root)
    urls = {p.path: p.url for p in analysis.site.pages}
    assert urls["content/docs/a.fr.md"] == "/fr/docs/a/" and (out / "fr/docs/a/index.html").is_file()
    assert urls["content/about.fr.md"] == "/fr/about/" and (out / "fr/about/index.html").is_file()
    assert urls["content/_index.fr.md"] == "/fr/"
    # the French page's links lead where the build's do, to the French page first
    page = analysis.site.by_path["content/docs/b.fr.md"]
    ours = {link.raw.text: link.target for link in analysis.site.links_on(page) if link.target}
    built = built_links(out, "/fr/docs/b/")
    assert {t: u.split("#")[0] for t, u in built.items() if t in ours} == ours
    assert built["quatre"] == "/fr/about/"
    # the broken ones are the build's, in both languages
    broken: dict[str, set[str]] = {}
    for f in findings_of(analysis):
        if f.rule in ("broken-link", "broken-fragment"):
            broken.setdefault(f.path, set()).add(f.anchor)
    assert broken["content/docs/b.fr.md"] == built_broken(out, "/fr/docs/b/") == {"un", "trois"}
    assert broken["content/docs/b.md"] == built_broken(out, "/docs/b/") == {"three"}
