"""MkDocs' autorefs (which mkdocstrings turns on): `[title][identifier]` and
`[identifier][]` with no definition on the page link to the anchor `identifier` on
whatever page has it; an identifier no page has (an object of another project's inventory)
is left to the build, never a finding; a bare `[label]` (CommonMark's shortcut form, which
the plugin leaves as text) is none. Held to a real `mkdocs build` with the plugin."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import urljoin

import pytest

from linkpolicy import api
from linkpolicy.content.autorefs import definitions

FILES = {
    "mkdocs.yml": (
        "site_name: T\nsite_url: https://example.com/\nmarkdown_extensions: [attr_list]\n"
        "plugins: [autorefs]\nnav: [index.md, guide.md, api.md]\n"
    ),
    "docs/index.md": (
        "# Home\n\nSee [the usage][usage] and [`thing`][] and [a member][pkg.Thing.run].\n\n"
        "Not in code: `[x][usage]`, nor [escaped\\][usage], nor [nope][no-such-anchor].\n\n"
        "[defined]: guide.md\n\nA [normal one][defined].\n"
    ),
    "docs/guide.md": "# Guide\n\n## Usage\n\n## The thing {#thing}\n",
    "docs/api.md": "# API\n\n## pkg.Thing {#pkg.Thing}\n",
    "policies/site.yaml": "site:\n  base_url: https://example.com/\n  generator: mkdocs\n  content: docs/\n",
}


def write(root: Path) -> Path:
    for rel, text in FILES.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text)
    return root


def test_definitions_for_the_labels_a_page_uses_and_does_not_define() -> None:
    text = FILES["docs/index.md"]
    assert definitions(text).splitlines() == [
        "[usage]: <autoref:usage>",
        "[pkg.Thing.run]: <autoref:pkg.Thing.run>",
        "[no-such-anchor]: <autoref:no-such-anchor>",
        "[`thing`]: <autoref:thing>",
    ]
    assert definitions("no references [here] or (there)") == ""


def model(root: Path) -> list[tuple[str, str | None, str | None]]:
    """The home page's links: destination as written, target page and fragment."""
    site = api.analyse(root, cwd=root).site
    return [
        (lk.raw.dest, lk.target_page.url if lk.target_page else None, lk.fragment) for lk in site.home.links
    ]


def test_autorefs_link_the_page_with_the_anchor(tmp_path: Path) -> None:
    root = write(tmp_path)
    # mkdocstrings documents pkg.Thing's members: the page that has `pkg.Thing.*`
    (root / "docs/api.md").write_text("# API\n\n::: pkg.Thing\n")
    (root / "mkdocs.yml").write_text(FILES["mkdocs.yml"].replace("[autorefs]", "[mkdocstrings]"))
    assert model(root) == [
        ("autoref:usage", "/guide/", "usage"),
        ("autoref:thing", "/guide/", "thing"),
        ("autoref:pkg.Thing.run", "/api/", "pkg.Thing.run"),
        ("autoref:no-such-anchor", None, None),
        ("guide.md", "/guide/", None),
    ]
    found = {
        (f.rule, f.line) for f in api.findings_of(api.analyse(root, cwd=root)) if f.path == "docs/index.md"
    }
    assert not {rule for rule, _ in found} & {"broken-link", "broken-fragment"}  # the build decides


def test_without_the_plugin_references_stay_text(tmp_path: Path) -> None:
    root = write(tmp_path)
    (root / "mkdocs.yml").write_text(FILES["mkdocs.yml"].replace("plugins: [autorefs]\n", ""))
    assert model(root) == [("guide.md", "/guide/", None)]


def test_the_model_is_the_built_page(tmp_path: Path) -> None:
    pytest.importorskip("mkdocs_autorefs", reason="mkdocs-autorefs is not installed")
    root = write(tmp_path)
    out = tmp_path / "out"
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(root / "mkdocs.yml"), "-d", str(out)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    html = (out / "index.html").read_text()
    main = html[html.index('role="main"') :] if 'role="main"' in html else html
    built = {
        urljoin("https://example.com/", h)
        for h in re.findall(r'<a [^>]*href="([^"]+)"', main)
        if "guide" in h or "api" in h
    }
    ours = {f"https://example.com{url}" + (f"#{frag}" if frag else "") for _, url, frag in model(root) if url}
    expected = {
        "https://example.com/guide/#usage",
        "https://example.com/guide/#thing",
        "https://example.com/guide/",
    }
    assert built == ours == expected


def test_a_page_of_documented_objects_is_no_dead_end(tmp_path: Path) -> None:
    """mkdocstrings writes a `::: pkg.Thing` page's docstrings from the code, links and all:
    the page is no dead end the Markdown could show; a page of prose that links nowhere is."""
    root = write(tmp_path)
    (root / "docs/api.md").write_text("# API\n\n::: pkg.Thing\n")
    (root / "mkdocs.yml").write_text(FILES["mkdocs.yml"].replace("[autorefs]", "[mkdocstrings]"))
    dead = {f.path for f in api.findings_of(api.analyse(root, cwd=root)) if f.rule == "dead-end-page"}
    assert dead == {"docs/guide.md"}
