"""Which Markdown files Jekyll makes pages, and where their links lead, by the plugins the
site is built with: GitHub Pages' (a site with no Gemfile is built there, with
jekyll-relative-links, jekyll-optional-front-matter and jekyll-readme-index on) or only
those it names (a Gemfile without `github-pages`). Each link's fate is held to a real
`jekyll build` (Debian's `jekyll` and the plugins' packages); skips without them."""

from __future__ import annotations

import posixpath
import shutil
import subprocess
from pathlib import Path

import pytest
from helpers import write_files

from linkpolicy.api import analyse, findings_of

POLICY = "site:\n  base_url: https://x.dev\n  generator: jekyll\n  content: ./\n  home: /\n"
#: the page's links, one text each: a page's Markdown file, a file copied as it is, a
#: folder whose README is its page, a README beside an index, a missing file
LINKS = (
    "[to other](other.md) [to page](sub/page.md) [to license](LICENSE.md) "
    "[to guide](guide/) [to sub readme](sub/README.md) [to nothing](nope.md)\n"
)
PAGES = {
    "other.md": "# Other\n\nBack [home](index.md).\n",
    "sub/page.md": "---\ntitle: Page\n---\n# Page\n",
    "sub/index.md": "---\ntitle: Sub\n---\n# Sub\n",
    "sub/README.md": "# Sub's README\n",
    "guide/README.md": "# Guide\n\nThe [page](../sub/page.md).\n",
    "LICENSE.md": "# License\n",
    "_posts/2024-01-02-hello.md": "---\ntitle: Hello\n---\nSee [the other page](../other.md).\n",
    "policies/site.yaml": POLICY,
}
GITHUB_PAGES = {
    **PAGES,
    # what GitHub Pages runs whatever the config says, named for Debian's Jekyll to run too
    "_config.yml": "plugins:\n- jekyll-relative-links\n- jekyll-optional-front-matter\n- jekyll-readme-index\n",
    "index.md": "# Home\n\n" + LINKS,
}
PLAIN = {
    **PAGES,
    "_config.yml": "title: Plain\n",
    "Gemfile": 'source "https://rubygems.org"\ngem "jekyll"\n# gem "github-pages", group: :jekyll_plugins\n',
    "index.md": "---\ntitle: Home\n---\n# Home\n\n" + LINKS,
}

needs_jekyll = pytest.mark.skipif(shutil.which("jekyll") is None, reason="jekyll is not installed")


def build(root: Path) -> Path:
    """A real ``jekyll build`` of ``root``; skips where a plugin the site names is not
    installed (Debian's ``ruby-jekyll-*`` packages)."""
    done = subprocess.run(["jekyll", "build", "-q"], cwd=root, capture_output=True, timeout=300)
    if done.returncode != 0 and b"Dependency Error" in done.stdout + done.stderr:
        pytest.skip("a Jekyll plugin the site names is not installed")
    done.check_returncode()
    return root / "_site"


def built_broken(out: Path, page: str) -> set[str]:
    """The texts of the links of the built ``page`` (a path under ``out``) that reach no file."""
    from selectolax.lexbor import LexborHTMLParser

    tree = LexborHTMLParser((out / page).read_text(encoding="utf-8"))
    url = "/" + page
    broken = set()
    for a in tree.css("a[href]"):
        href = a.attributes.get("href") or ""
        target = posixpath.normpath(posixpath.join(posixpath.dirname(url), href.split("#")[0]))
        path = out / target.lstrip("/")
        if not (path.is_file() or (path / "index.html").is_file()):
            broken.add(a.text().strip())
    return broken


def model_broken(root: Path) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for f in findings_of(analyse(root, cwd=root)):
        if f.rule == "broken-link":
            out.setdefault(f.path, set()).add(f.anchor)
    return out


@needs_jekyll
def test_a_github_pages_site_has_its_plugins(tmp_path: Path) -> None:
    root = write_files(tmp_path / "site", GITHUB_PAGES)
    out = build(root)
    # a README in a folder without index is its page; LICENSE and a README beside an index
    # are files; a page without front matter is a page
    assert (out / "guide/index.html").is_file() and not (out / "LICENSE.html").exists()
    assert (out / "other.html").is_file() and (out / "sub/README.md").is_file()
    site = analyse(root, cwd=root).site
    assert site.by_path["guide/README.md"].url == "/guide/"
    assert "LICENSE.md" not in site.by_path and "sub/README.md" not in site.by_path
    assert "other.md" in site.by_path
    broken = model_broken(root)
    assert broken.get("index.md", set()) == built_broken(out, "index.html") == {"to nothing"}
    # the plugin turns Markdown links into URLs in pages, not in posts
    assert broken.get("_posts/2024-01-02-hello.md") == built_broken(out, "2024/01/02/hello.html")
    assert broken["_posts/2024-01-02-hello.md"] == {"the other page"}
    assert "guide/README.md" not in broken and built_broken(out, "guide/index.html") == set()


@needs_jekyll
def test_a_site_with_its_own_gemfile_has_only_what_it_names(tmp_path: Path) -> None:
    root = write_files(tmp_path / "site", PLAIN)
    out = build(root)
    # no page without front matter: those files are copied as they are
    assert (out / "other.md").is_file() and not (out / "other.html").exists()
    assert not (out / "guide/index.html").exists()
    site = analyse(root, cwd=root).site
    assert "other.md" not in site.by_path and "guide/README.md" not in site.by_path
    broken = model_broken(root)
    expected = built_broken(out, "index.html")
    assert expected == {"to page", "to guide", "to nothing"}
    assert broken["index.md"] == expected
    assert broken["_posts/2024-01-02-hello.md"] == built_broken(out, "2024/01/02/hello.html")
