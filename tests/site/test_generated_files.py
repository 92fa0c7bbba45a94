"""A page a script writes before the build (uv's `docs/reference/cli.md`, generated from
the code and listed in `.gitignore`) is not in the repository: a link to a missing file
that git ignores is the build's to answer, not a broken link; a missing file git does not
ignore still is one. The same after a link edit answered from the run record, and for the
base revision of `diff`."""

from __future__ import annotations

import importlib.util
import json
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner
from helpers import mkdocs_build

from linkpolicy import api
from linkpolicy.cli import main
from linkpolicy.content import store

FILES = {
    ".gitignore": "/docs/reference/cli.md\n/docs/generated/\n",
    "mkdocs.yml": "site_name: T\nsite_url: https://example.com/\nnav: [index.md, reference/cli.md]\n",
    "docs/index.md": (
        "# Home\n\nSee [the CLI](reference/cli.md#uv-sync), [the API](generated/api.md) "
        "and [gone](reference/gone.md).\n"
    ),
    "policies/site.yaml": "site:\n  base_url: https://example.com/\n  generator: mkdocs\n  content: docs/\n",
}


@pytest.fixture(autouse=True)
def settled(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(store, "GRANULARITY_NS", 0)  # files written just now count as settled


def repo(root: Path) -> Path:
    for rel, text in FILES.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text)
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.com"]
    subprocess.run(["git", "init", "-q"], cwd=root, check=True)
    subprocess.run([*git, "add", "-A"], cwd=root, check=True)
    subprocess.run([*git, "commit", "-qm", "site"], cwd=root, check=True)
    return root


def broken(report: api.Report) -> list[tuple[str, int, str]]:
    return [(f.path, f.line, f.target or "") for f in report.findings if f.rule.startswith("broken")]


def test_a_link_to_a_missing_file_git_ignores_is_left_to_the_build(tmp_path: Path) -> None:
    root = repo(tmp_path)
    assert broken(api.check(root, cwd=root)) == [("docs/index.md", 3, "reference/gone.md")]
    # after a link edit, answered from the record: as a full run says
    api.check(root, cwd=root, cache=True)
    page = root / "docs/index.md"
    page.write_text(page.read_text() + "\nAnd [the CLI again](reference/cli.md), [lost](lost.md).\n")
    fast = api.check(root, None, ["docs/index.md"], cwd=root, cache=True)
    cold = api.check(root, None, ["docs/index.md"], cwd=root)
    assert (
        broken(fast)
        == broken(cold)
        == [("docs/index.md", 3, "reference/gone.md"), ("docs/index.md", 5, "lost.md")]
    )


def test_outside_a_repository_a_missing_file_is_a_broken_link(tmp_path: Path) -> None:
    for rel, text in FILES.items():
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(text)
    targets = sorted(t for _, _, t in broken(api.check(tmp_path, cwd=tmp_path)))
    assert targets == ["generated/api.md", "reference/cli.md#uv-sync", "reference/gone.md"]


def test_the_base_revision_of_a_diff_leaves_it_to_the_build_too(tmp_path: Path) -> None:
    root = repo(tmp_path)
    (root / "docs/index.md").write_text(FILES["docs/index.md"] + "\nMore text, [lost](lost.md).\n")
    out = CliRunner().invoke(main, ["diff", "HEAD", "--root", str(root), "--format", "json"])
    doc = json.loads(out.output)
    changed = [(f["rule"], f.get("target")) for key in ("new", "fixed") for f in doc["findings"][key]]
    assert changed == [("broken-link", "lost.md")]  # the generated pages: neither new nor fixed


STATIC = {
    ".gitignore": "/website/static/playground\n",
    "website/docusaurus.config.js": "module.exports = { url: 'https://example.com', baseUrl: '/' };\n",
    "website/static/logo.png": "png",
    "docs/intro.md": (
        "# Intro\n\nTry [the playground](/playground/), [a sample](pathname:///playground/#code) "
        "and [nowhere](/nowhere/); the [logo](/logo.png).\n"
    ),
    "policies/site.yaml": (
        "site:\n  base_url: https://example.com/\n  generator: docusaurus\n"
        "  config: website/docusaurus.config.js\n  content: docs/\n  static: [website/static/]\n  home: docs/intro.md\n"
    ),
}


#: Homebrew's documentation: Jekyll builds `docs/`, and a YARD run writes the Ruby API into
#: `docs/rubydoc/` (git ignores it) before the build copies it in with the rest of `docs/`
CONTENT_FOLDER = {
    ".gitignore": "/docs/rubydoc\n",
    "docs/_config.yml": "title: Docs\nurl: https://docs.example.com\n",
    "docs/index.md": (
        "# Home\n\nThe [Formula class](/rubydoc/Formula.html), [its API](/rubydoc/Formula), "
        "<https://docs.example.com/rubydoc/>, and [nowhere](/nowhere/Thing).\n"
    ),
    "policies/site.yaml": (
        "site:\n  base_url: https://docs.example.com/\n  generator: jekyll\n  content: docs/\n"
    ),
}


@pytest.mark.parametrize(
    ("files", "ignored"),
    [
        (STATIC, ["/playground/"]),
        (CONTENT_FOLDER, ["/rubydoc/Formula", "/rubydoc/Formula.html", "https://docs.example.com/rubydoc/"]),
    ],
    ids=["static-folder", "content-folder"],
)
def test_a_url_under_a_folder_git_ignores_is_left_to_the_build(
    tmp_path: Path, files: dict[str, str], ignored: list[str]
) -> None:
    """Prettier's site builds its playground into `website/static/playground/` (git ignores
    it) before Docusaurus copies `static/` in, and a content root's other files are served
    as they are too: a URL under a folder of either that git ignores (with or without an
    extension, on the site's own host too) is the build's to answer; a URL under no
    ignored place is still broken."""
    for rel, text in files.items():
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(text)
    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True)
    nowhere = [t for _, _, t in broken(api.check(tmp_path, cwd=tmp_path))]
    assert len(nowhere) == 1 and nowhere[0].startswith("/nowhere/")
    (tmp_path / ".gitignore").write_text("")
    targets = sorted(t for _, _, t in broken(api.check(tmp_path, cwd=tmp_path)))
    assert targets == sorted([*nowhere, *ignored])


GEN_FILES = {
    "mkdocs.yml": (
        "site_name: T\nsite_url: https://example.com/\n"
        "plugins:\n  - search\n  - gen-files:\n      scripts: [scripts/gen_ref.py]\n"
    ),
    "scripts/gen_ref.py": (
        "from pathlib import Path\n\nimport mkdocs_gen_files\n\n"
        'for name in ("api", "cli"):\n'
        '    with mkdocs_gen_files.open(Path("reference", f"{name}.md"), "w") as fd:\n'
        '        fd.write(f"# {name}\\n\\n## Install\\n")\n'
    ),
    "docs/index.md": "# Home\n\nSee [the API](reference/api.md#install) and [nothing](nope.md).\n",
    "policies/site.yaml": "site:\n  base_url: https://example.com/\n  generator: mkdocs\n  content: docs/\n",
}


@pytest.mark.skipif(
    importlib.util.find_spec("mkdocs_gen_files") is None, reason="mkdocs-gen-files is not installed"
)
def test_pages_a_gen_files_script_writes_are_left_to_the_build(tmp_path: Path) -> None:
    """mkdocs-gen-files' scripts write pages (the API reference, one a module) only into the
    build: links into the folders they write are the build's to answer (read from the
    script's syntax tree, never run); a real build has the page."""
    for rel, text in GEN_FILES.items():
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(text)
    mkdocs_build(tmp_path / "mkdocs.yml", tmp_path / "out", cwd=tmp_path)
    assert 'id="install"' in (tmp_path / "out/reference/api/index.html").read_text(encoding="utf-8")
    assert [t for _, _, t in broken(api.check(tmp_path, cwd=tmp_path))] == ["nope.md"]


def test_a_tracked_file_git_would_ignore_is_not_left_to_the_build_once_deleted(tmp_path: Path) -> None:
    """git's ignore rules do not apply to a file it tracks: one added with ``git add -f``
    and then deleted from the work tree is a broken link, not the build's to answer (git
    is asked without its index, the tracked files taken out after). The same from a
    site in a folder of the repository, whose paths git reads from that folder."""
    site = tmp_path / "site"
    for rel, text in FILES.items():
        (site / rel).parent.mkdir(parents=True, exist_ok=True)
        (site / rel).write_text(text)
    (site / "docs/generated").mkdir()
    (site / "docs/generated/api.md").write_text("# API\n")
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.com"]
    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True)
    subprocess.run([*git, "add", "-A"], cwd=tmp_path, check=True)
    subprocess.run([*git, "add", "-f", "site/docs/generated/api.md"], cwd=tmp_path, check=True)
    subprocess.run([*git, "commit", "-qm", "site"], cwd=tmp_path, check=True)
    assert broken(api.check(site, cwd=site)) == [("docs/index.md", 3, "reference/gone.md")]
    (site / "docs/generated/api.md").unlink()
    assert sorted(broken(api.check(site, cwd=site))) == [
        ("docs/index.md", 3, "generated/api.md"),
        ("docs/index.md", 3, "reference/gone.md"),
    ]
