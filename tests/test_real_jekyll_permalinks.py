"""Where Jekyll puts each page, post and collection document under the config's
``permalink`` style, and what its front matter ``defaults`` give them, held to a real
``jekyll build`` (Debian's ``jekyll``; skips without it): a Liquid page of the site lists
every page's and document's URL as Jekyll gives them, and the model's must be the same.

Homebrew's documentation (``permalink: :title``) serves ``/Formula-Cookbook`` from
``Formula-Cookbook.html``; its governance minutes take ``category`` from ``defaults``, by
which a page's ``site.pages | where`` loop lists them."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from helpers import write_files

from linkpolicy.api import analyse, findings_of

needs_jekyll = pytest.mark.skipif(shutil.which("jekyll") is None, reason="jekyll is not installed")

#: every page's and document's path and URL, as the build gives them
URLS = """---
layout: null
permalink: /urls.txt
---
{% for p in site.pages %}{{ p.path }} {{ p.url }}
{% endfor %}{% for p in site.posts %}{{ p.path }} {{ p.url }}
{% endfor %}{% for p in site.notes %}{{ p.path }} {{ p.url }}
{% endfor %}"""

SITE = {
    "urls.txt": URLS,
    "index.md": (
        "---\ntitle: Home\n---\n# Home\n\nThe [guide](guide.md), the [archive](archive.md) "
        "and [the error page](/404).\n"
    ),
    "404.md": "---\ntitle: Not found\npermalink: 404.html\n---\n# Not found\n",
    "guide.md": "---\ntitle: Guide\n---\n# Guide\n",
    "docs/index.md": "---\ntitle: Docs\n---\n# Docs\n",
    "docs/setup.md": "---\ntitle: Setup\n---\n# Setup\n",
    "minutes/2023-agm.md": "---\ntitle: AGM 2023\n---\n# AGM 2023\n",
    "minutes/2024-agm.md": "---\ntitle: AGM 2024\ncategory: other\n---\n# AGM 2024\n",
    "archive.md": (
        "---\ntitle: Archive\n---\n# Archive\n\n"
        '{% assign found = site.pages | where: "category", "minutes" %}'
        "{% for item in found %}\n- [{{ item.title }}]({{ item.url | relative_url }})\n{% endfor %}\n\n"
        "A loop shown as written: `{% raw %}{% for post in site.posts %}{% endraw %}`\n"
    ),
    "_posts/2024-03-05-hello.md": "---\ntitle: Hello\ncategories: news\n---\n# Hello\n",
    "_notes/first.md": "---\ntitle: First\n---\n# First\n",
    "policies/site.yaml": "site:\n  base_url: https://x.dev\n  generator: jekyll\n  content: ./\n  home: /\n",
}

DEFAULTS = """defaults:
  - scope: {path: ""}
    values: {layout: null}
  - scope: {path: minutes}
    values: {category: minutes}
  - scope: {path: minutes/2023-agm.md}
    values: {permalink: /minutes/first-agm/}
  - scope: {path: "", type: notes}
    values: {permalink: "/notes/:name/"}
"""

#: the config's permalink styles: Jekyll's named ones and templates (the first is
#: Homebrew's, quoted: Debian's Psych refuses the bare symbol `:title`)
STYLES = (
    '":title"',
    "pretty",
    "none",
    "ordinal",
    '"/blog/:year/:title/"',
    '"/:categories/:title:output_ext"',
)


def build(root: Path) -> Path:
    done = subprocess.run(["jekyll", "build", "-q"], cwd=root, capture_output=True, timeout=300)
    done.check_returncode()
    return root / "_site"


def written(url: str) -> str:
    """The file the build writes for ``url`` (``/name``: ``name.html``)."""
    if url.endswith("/"):
        return url + "index.html"
    return url if "." in url.rsplit("/", 1)[-1] else url + ".html"


def built_urls(out: Path) -> dict[str, str]:
    lines = (out / "urls.txt").read_text(encoding="utf-8").splitlines()
    return dict(line.split(" ", 1) for line in lines if line.strip() and not line.startswith("urls.txt"))


@needs_jekyll
@pytest.mark.parametrize("style", STYLES)
def test_urls_and_defaults_are_the_builds(tmp_path: Path, style: str) -> None:
    config = f"title: T\nurl: https://x.dev\npermalink: {style}\ncollections:\n  notes:\n    output: true\n"
    root = write_files(tmp_path / "site", {**SITE, "_config.yml": config + DEFAULTS})
    out = build(root)
    expected = built_urls(out)
    # the error page: served at /404.html (and /404), no page of the graph
    assert expected.pop("404.md") == "/404.html" and (out / "404.html").is_file()
    assert len(expected) == 9
    site = analyse(root, cwd=root).site
    assert {page.rel: page.url for page in site.pages} == expected
    # the file the build writes for each page is one the model finds the page at
    for rel, url in expected.items():
        assert (out / written(url).lstrip("/")).is_file(), url
        assert site.find(written(url)) is site.by_path[rel]
    # the archive lists the minutes the defaults put in its category: no orphan among them
    archive = (out / written(expected["archive.md"]).lstrip("/")).read_text(encoding="utf-8")
    assert f'href="{expected["minutes/2023-agm.md"]}"' in archive
    assert f'href="{expected["minutes/2024-agm.md"]}"' not in archive
    assert f'href="{expected["_posts/2024-03-05-hello.md"]}"' not in archive
    found = findings_of(analyse(root, cwd=root))
    assert not [f for f in found if f.rule.startswith("broken")]
    assert ("orphan-page", "minutes/2023-agm.md") not in {(f.rule, f.path) for f in found}
    assert ("orphan-page", "minutes/2024-agm.md") in {(f.rule, f.path) for f in found}  # no list has it
    # the loop writes its links into the archive's text: content links, not navigation
    listed = [link for link in site.by_path["archive.md"].links if link.is_listed]
    assert [link.target_page.rel for link in listed if link.target_page] == ["minutes/2023-agm.md"]
    assert not {f.path for f in found if f.rule == "navigation-only-page"} & {"minutes/2023-agm.md"}
    assert "archive.md" not in {f.path for f in found if f.rule == "dead-end-page"}
