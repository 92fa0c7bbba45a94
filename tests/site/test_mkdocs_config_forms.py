"""MkDocs configs as real sites write them: plugins and Markdown extensions as a mapping
(not only a list), a config named `mkdocs-online.yml` that inherits another, the pages
`exclude_docs` (and its defaults: dot files, `templates/`) and the `exclude` plugin leave
out, and the pages Material's blog plugin makes beside the posts (a category page for
each category, an archive page for each year). Held to a real `mkdocs build` where the
plugin is installed."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from helpers import write_files

from linkpolicy import api
from linkpolicy.cli import main
from linkpolicy.site.generators import mkdocs
from linkpolicy.site.urls import url_key

COMMON = (
    "site_name: T\nsite_url: https://example.com/\ntheme:\n  name: material\n"
    "markdown_extensions:\n  attr_list: {}\n  pymdownx.snippets: {}\n"
    "exclude_docs: |\n  drafts/\n  *.tmp.md\n"
)
FILES = {
    "mkdocs-common.yml": COMMON,
    "mkdocs-online.yml": "INHERIT: mkdocs-common.yml\nplugins:\n  blog: {}\n  search: {}\n",
    "docs/index.md": (
        "# Home\n\n[news](blog/index.md), [devlog](https://example.com/blog/category/devlog/), "
        "[2022](blog/archive/2022/), [draft](drafts/wip.md), [none](blog/category/nope/)\n"
    ),
    "docs/blog/index.md": "# Blog\n",
    "docs/blog/posts/hello.md": "---\ndate: 2022-11-26\ncategories:\n  - DevLog\n---\n\n# Hello\n\nHi.\n",
    "docs/drafts/wip.md": "# WIP\n",
    "docs/notes.tmp.md": "# Temp\n",
    "docs/templates/page.md": "# A template\n",
    "docs/.hidden.md": "# Hidden\n",
    "policies/site.yaml": (
        "site:\n  base_url: https://example.com/\n  generator: mkdocs\n  content: docs/\n"
        "  config: mkdocs-online.yml\n"
    ),
}


def write(root: Path) -> Path:
    return write_files(root, FILES)


def test_plugins_and_extensions_as_mappings() -> None:
    cfg = mkdocs.config_from(
        "mkdocs.yml",
        {
            "plugins": {"mkdocstrings": {}, "blog": {"blog_dir": "news"}},
            "markdown_extensions": {"pymdownx.snippets": None},
        },
    )
    assert cfg.autorefs and cfg.autodoc and cfg.blog is not None and cfg.blog.blog_dir == "news"
    assert cfg.snippet_bases == [""]
    listed = mkdocs.config_from("mkdocs.yml", {"plugins": ["search", {"autorefs": None}]})
    assert listed.autorefs and not listed.autodoc


def test_excluded_pages_and_the_blogs_own_pages(tmp_path: Path) -> None:
    root = write(tmp_path)
    analysis = api.analyse(root, cwd=root)
    pages = sorted(p.path.removeprefix("docs/") for p in analysis.site.pages)
    assert pages == ["blog/index.md", "blog/posts/hello.md", "index.md"]
    broken = sorted(f.target or "" for f in api.findings_of(analysis) if f.rule == "broken-link")
    # the excluded page is not built; the blog has no "nope" category
    assert broken == ["blog/category/nope/", "drafts/wip.md"]


def test_the_model_is_the_built_site(tmp_path: Path) -> None:
    pytest.importorskip("material", reason="mkdocs-material is not installed")
    root = write(tmp_path)
    out = tmp_path / "out"
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "mkdocs",
            "build",
            "-q",
            "-f",
            str(root / "mkdocs-online.yml"),
            "-d",
            str(out),
        ],
        capture_output=True,
        timeout=300,
        cwd=root,
    )
    if proc.returncode != 0:
        pytest.skip(f"the blog plugin does not build here: {proc.stderr.decode()[-300:]}")
    built = {"/" + p.relative_to(out).parent.as_posix() + "/" for p in out.rglob("index.html")}
    built = {url_key(u.replace("/./", "/")) for u in built if not u.startswith(("/search/", "/assets/"))}
    analysis = api.analyse(root, cwd=root)
    ours = {url_key(p.url) for p in analysis.site.pages} | set(analysis.site.static_urls)
    assert built <= ours | {url_key("/404/")}, built - ours
    assert {url_key("/blog/category/devlog/"), url_key("/blog/archive/2022/")} <= built
    assert not (out / "drafts").exists() and not (out / "templates").exists()


def test_init_takes_a_config_of_another_name(tmp_path: Path) -> None:
    root = write(tmp_path)
    (root / "policies/site.yaml").unlink()
    result = CliRunner().invoke(main, ["init", "--root", str(root), "--config", "mkdocs-online.yml"])
    assert result.exit_code == 0, result.output
    text = (root / "policies/site.yaml").read_text()
    assert "generator: mkdocs" in text and "config: mkdocs-online.yml" in text
