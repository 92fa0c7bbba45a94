"""The links mkdocstrings writes on a `::: identifier` page from the code's docstrings (and,
with `griffe_typingdoc`, from parameters' `Doc("…")` texts) are the page's links: a broken
one is reported on the `:::` line, and the pages they lead to are linked from the page's
text (FastAPI's reference pages: 103 broken fragments linkpolicy did not see). The object is
found through the package's own imports (`pkg.App` is defined in `pkg/app.py`). Relative
paths in docstrings are left out (they mean another URL on each page that renders them).
Against a real MkDocs build with mkdocstrings (PyPI)."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import built_page, mkdocs_build, write_files

from linkpolicy.api import analyse, findings_of

pytest.importorskip("mkdocstrings_handlers.python", reason="mkdocstrings[python] is not installed")

APP = '''
from typing import Annotated

from typing_extensions import Doc


class App:
    """The application.

    Read [the guide](https://docs.minsite.org/guide/), its
    [missing section](https://docs.minsite.org/guide/#nope) and
    [a removed page](/removed/). A [relative one](other.md) is left out.
    """

    def route(
        self,
        path: Annotated[str, Doc("""The path. See [usage](https://docs.minsite.org/guide/#usage)
            and [gone](https://docs.minsite.org/guide/#gone)."""),
        ],
    ) -> None:
        """Add a route."""

    def _hidden(self) -> None:
        """Not rendered: [hidden](https://docs.minsite.org/hidden/)."""
'''

FILES = {
    "mkdocs.yml": "site_name: Min\nsite_url: https://docs.minsite.org/\nnav: [index.md, api.md, guide.md]\n"
    "plugins:\n  - mkdocstrings:\n      handlers:\n        python:\n          paths: [src]\n"
    "          options:\n            extensions: [griffe_typingdoc]\n",
    "src/pkg/__init__.py": "from .app import App\n",
    "src/pkg/app.py": APP,
    "docs/index.md": "# Home\n\n[API](api.md)\n",
    "docs/api.md": "# API\n\nThe API.\n\n::: pkg.App\n",
    "docs/guide.md": "# Guide\n\n## Usage\n\nBack [home](index.md).\n",
    "policies/site.yaml": "site:\n  base_url: https://docs.minsite.org/\n  generator: mkdocs\n  content: docs/\n"
    "  home: index.md\n",
}


def test_docstring_links_are_the_page_s_links(tmp_path: Path) -> None:
    root = write_files(tmp_path / "site", FILES)
    (root / ".git").mkdir()
    out = tmp_path / "out"
    mkdocs_build(root / "mkdocs.yml", out, cwd=root)
    hrefs = {a.attributes.get("href") for a in built_page(out, "/api/").css("a")}
    built = {
        "https://docs.minsite.org/guide/",
        "https://docs.minsite.org/guide/#nope",
        "/removed/",
        "https://docs.minsite.org/guide/#usage",
        "https://docs.minsite.org/guide/#gone",
    }
    assert built <= hrefs
    assert "https://docs.minsite.org/hidden/" not in hrefs  # a private member is not rendered
    assert not (out / "removed").exists()
    ids = {n.attributes.get("id") for n in built_page(out, "/guide/").css("[id]")}
    assert "usage" in ids and "nope" not in ids and "gone" not in ids

    analysis = analyse(root, cwd=root, cache=False)
    api = analysis.site.by_path["docs/api.md"]
    assert sorted(link.raw.dest for link in api.links if link.raw.line == 5) == sorted(built)
    broken = sorted(
        (f.rule, f.line, f.message.split(" ")[0])
        for f in findings_of(analysis)
        if f.rule.startswith("broken")
    )
    assert broken == [
        ("broken-fragment", 5, "#gone"),
        ("broken-fragment", 5, "#nope"),
        ("broken-link", 5, "link"),
    ]
    # the guide is linked from the API page's content, as the build has it
    assert not [
        f for f in findings_of(analysis) if f.rule == "navigation-only-page" and f.path == "docs/guide.md"
    ]


def test_an_edit_of_the_page_or_of_the_code_is_a_cold_run_s(tmp_path: Path) -> None:
    """A named-page run after an edit of the `:::` page, or of a docstring it renders
    (a file that is no page), reports what a cold run does."""
    from linkpolicy import api

    root = write_files(tmp_path / "site", FILES)
    (root / ".git").mkdir()

    def same(paths: list[str]) -> None:
        fast = api.check(root, None, paths, cwd=root, cache=True)
        cold = api.check(root, None, paths, cwd=root)
        assert [(f.rule, f.path, f.line, f.message) for f in fast.findings] == [
            (f.rule, f.path, f.line, f.message) for f in cold.findings
        ]

    api.check(root, cwd=root, cache=True)  # the record
    api_page = root / "docs/api.md"
    api_page.write_text(api_page.read_text() + "\nSee [the guide](guide.md).\n")
    same(["docs/api.md"])
    code = root / "src/pkg/app.py"
    code.write_text(code.read_text().replace("#nope", "#usage"))
    same(["docs/api.md"])
    assert "#nope" not in str([f.message for f in api.check(root, cwd=root, cache=True).findings])
