"""Two MkDocs plugins of Python projects' docs. mkdocs-click writes a CLI's reference from
the code (`::: mkdocs-click` with `:command:` / `:prog_name:`): the page has the command's
id and its subcommands' (`hatch-env-create`), which only the code knows, so a fragment
under the command's name is fine and one under another name is not. mike serves each
version of the docs under `/<version>/` and aliases (`/latest/`, `/dev/`): a link there is
to this version's page at the same path."""

from __future__ import annotations

from pathlib import Path

from helpers import write_files

from linkpolicy import api

CLI_PAGE = "# CLI\n\n::: mkdocs-click\n    :module: hatch.cli\n    :command: hatch\n    :depth: 0\n"
INDEX = (
    "# Home\n\n[create](cli.md#hatch-env-create), [root](cli.md#hatch), [other](cli.md#pip-install), "
    "[latest](https://x.dev/latest/guide/#setup), [dev](/dev/guide/), [numbered](/1.2/guide/), "
    "[gone](/latest/nope/)\n"
)


def site(root: Path, mkdocs_yml: str) -> Path:
    files = {
        "mkdocs.yml": mkdocs_yml,
        "docs/index.md": INDEX,
        "docs/cli.md": CLI_PAGE,
        "docs/guide.md": "# Guide\n\n## Setup\n\n[Home](index.md)\n",
        "policies/site.yaml": "site:\n  base_url: https://x.dev/\n  generator: mkdocs\n  content: docs/\n",
    }
    return write_files(root, files)


def broken(root: Path) -> list[str]:
    findings = api.findings_of(api.analyse(root, cwd=root))
    return sorted(
        f.message.split()[0] if f.rule == "broken-fragment" else f.target or ""
        for f in findings
        if f.rule.startswith("broken")
    )


def test_with_the_plugins(tmp_path: Path) -> None:
    root = site(
        tmp_path,
        "site_name: T\nsite_url: https://x.dev/\nmarkdown_extensions:\n  - mkdocs-click\n"
        "plugins:\n  - search\n  - mike:\n      alias_type: copy\n",
    )
    assert broken(root) == ["#pip-install", "/latest/nope/"]
    dead = {f.path for f in api.findings_of(api.analyse(root, cwd=root)) if f.rule == "dead-end-page"}
    assert "docs/cli.md" not in dead  # its reference, links and all, comes from the code


def test_mike_named_in_extra_and_prog_name(tmp_path: Path) -> None:
    root = site(
        tmp_path,
        "site_name: T\nsite_url: https://x.dev/\nmarkdown_extensions: [mkdocs-click]\n"
        "extra:\n  version:\n    provider: mike\n",
    )
    (root / "docs/cli.md").write_text(
        CLI_PAGE.replace(":command: hatch", ":command: cli\n    :prog_name: hatch")
    )
    assert broken(root) == ["#pip-install", "/latest/nope/"]


def test_without_them_those_links_are_broken(tmp_path: Path) -> None:
    root = site(tmp_path, "site_name: T\nsite_url: https://x.dev/\n")
    assert broken(root) == [
        "#hatch",
        "#hatch-env-create",
        "#pip-install",
        "/1.2/guide/",
        "/dev/guide/",
        "/latest/nope/",
        "https://x.dev/latest/guide/#setup",
    ]
