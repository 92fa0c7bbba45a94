"""The pre-commit hook sees the whole change, through a real `pre-commit run` in a real git
repository whose .pre-commit-config.yaml uses this repository's hook: a renamed or deleted page fails the commit for the
links other pages had to it, and a generator-config edit runs the hook on every page.
`check --changed-since REV` reports the changed pages and the pages that link to them.
Pages git ignores are not pages."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from helpers import git, hook_repository

from linkpolicy.api import check
from linkpolicy.cli import main

ROOT = Path(__file__).resolve().parent.parent
PRE_COMMIT = shutil.which("pre-commit", path=str(Path(sys.executable).parent))

SITE = {
    "hugo.toml": 'baseURL = "https://docs.example.com/"\ntitle = "Example"\n',
    "policies/site.yaml": "site:\n  base_url: https://docs.example.com\n  generator: hugo\n"
    "  content: content/\n  home: /\n",
    "content/_index.md": "# Example docs\n\nStart with [the guide](/guide/), [configure it](/configure/) "
    "and [upgrade](/upgrade/).\n",
    "content/guide.md": "---\ntitle: Guide\n---\n# Guide\n\nFirst [configure the agent](/configure/#options), "
    "then [upgrade it](/upgrade/). [Home](/).\n",
    "content/configure.md": "---\ntitle: Configure\n---\n# Configure\n\n## Options\n\nBack to [the guide](/guide/).\n",
    "content/upgrade.md": "---\ntitle: Upgrade\n---\n# Upgrade\n\nBack to [the guide](/guide/).\n",
    "tool.py": "print('not content')\n",
}


def make_site(repo: Path, extra: dict[str, str] | None = None) -> Path:
    for name, text in {**SITE, **(extra or {})}.items():
        (repo / name).parent.mkdir(parents=True, exist_ok=True)
        (repo / name).write_text(text)
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "site")
    return repo


# -- the hook, through pre-commit -------------------------------------------------------


@pytest.fixture(scope="module")
def hook_config(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A content repository's .pre-commit-config.yaml using this repository's hook."""
    if PRE_COMMIT is None:
        pytest.skip("pre-commit is not installed")
    hooks = hook_repository(ROOT, tmp_path_factory.mktemp("hooks"))
    rev = git(hooks, "rev-parse", "HEAD").strip()
    return f"repos:\n  - repo: {hooks}\n    rev: {rev}\n    hooks: [{{id: linkpolicy}}]\n"


@pytest.fixture(scope="module")
def pre_commit_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("pre-commit-home")  # one hook environment for the module


@pytest.fixture
def hooked_site(tmp_path: Path, hook_config: str, pre_commit_home: Path):
    """make(extra) -> a committed site with the hook configured; run(repo) -> `pre-commit run`
    on the staged change, as `git commit` runs it."""

    def make(extra: dict[str, str] | None = None) -> Path:
        return make_site(tmp_path / "site", {".pre-commit-config.yaml": hook_config, **(extra or {})})

    def run(repo: Path) -> subprocess.CompletedProcess[str]:
        env = {**os.environ, "PRE_COMMIT_HOME": str(pre_commit_home), "PRE_COMMIT_COLOR": "never"}
        return subprocess.run(
            [PRE_COMMIT, "run"], cwd=repo, env=env, capture_output=True, text=True, timeout=900
        )

    return make, run


def test_hook_fails_on_a_rename_that_breaks_links_elsewhere(hooked_site) -> None:
    make, run_hook = hooked_site
    repo = make()
    git(repo, "mv", "content/configure.md", "content/setup.md")
    proc = run_hook(repo)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "content/_index.md:3:34: error[broken-link] link to /configure/" in proc.stdout
    assert "content/guide.md:6:7: error[broken-link] link to /configure/" in proc.stdout


def test_hook_runs_on_a_deletion_and_reports_the_links_to_it(hooked_site) -> None:
    make, run_hook = hooked_site
    repo = make()
    git(repo, "rm", "-q", "content/upgrade.md")
    proc = run_hook(repo)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "(no files to check)" not in proc.stdout
    assert "content/_index.md:3:66: error[broken-link] link to /upgrade/" in proc.stdout
    assert "content/guide.md:6:56: error[broken-link] link to /upgrade/" in proc.stdout


def test_hook_checks_every_page_when_the_generator_config_changes(hooked_site) -> None:
    # A page with a broken link is already committed; a commit touching only hugo.toml
    # (a file pre-commit does not pass to the hook) still checks it.
    make, run_hook = hooked_site
    repo = make({"content/old.md": "# Old\n\n[gone](/gone/) [home](/)\n"})
    (repo / "hugo.toml").write_text(SITE["hugo.toml"] + "uglyURLs = false\n")
    git(repo, "add", "hugo.toml")
    proc = run_hook(repo)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "content/old.md:3:1: error[broken-link] link to /gone/" in proc.stdout


def test_hook_passes_quickly_when_no_page_changes(hooked_site) -> None:
    make, run_hook = hooked_site
    repo = make({"content/old.md": "# Old\n\n[gone](/gone/) [home](/)\n"})
    (repo / "tool.py").write_text("print('still not content')\n")
    git(repo, "add", "tool.py")
    proc = run_hook(repo)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "Passed" in proc.stdout


# -- the same logic through the command line ---------------------------------------------


def test_staged_reports_only_the_affected_pages(tmp_path: Path, monkeypatch) -> None:
    repo = make_site(tmp_path / "site", {"content/old.md": "# Old\n\n[gone](/gone/) [home](/)\n"})
    (repo / "content" / "configure.md").write_text(
        SITE["content/configure.md"].replace("## Options", "## Settings")
    )
    git(repo, "add", "content/configure.md")
    monkeypatch.chdir(repo)
    result = CliRunner().invoke(main, ["check", "--staged", "content/configure.md"])
    assert result.exit_code == 1, result.output
    # guide.md links to configure.md#options, which the staged edit removed
    assert "content/guide.md:6:7: error[broken-fragment]" in result.output
    assert "content/old.md" not in result.output  # untouched by the change


def test_changed_since_reports_changed_pages_and_their_linkers(tmp_path: Path, monkeypatch) -> None:
    repo = make_site(tmp_path / "site", {"content/old.md": "# Old\n\n[gone](/gone/) [home](/)\n"})
    git(repo, "checkout", "-q", "-b", "topic")
    (repo / "content" / "configure.md").write_text(
        SITE["content/configure.md"].replace("## Options", "## Settings")
    )
    git(repo, "commit", "-qam", "rename a heading")
    git(repo, "rm", "-q", "content/upgrade.md")
    git(repo, "commit", "-qm", "drop upgrade")
    (repo / "content" / "new.md").write_text("# New\n\n[nowhere](/nowhere/) [home](/)\n")  # untracked
    monkeypatch.chdir(repo)
    result = CliRunner().invoke(main, ["check", "--changed-since", "main", "--format", "json"])
    assert result.exit_code == 1, result.output
    got = {(f["path"], f["rule"], f["target"]) for f in json.loads(result.output)["findings"]}
    assert ("content/guide.md", "broken-fragment", "/configure/") in got
    assert ("content/guide.md", "broken-link", "/upgrade/") in got
    assert ("content/_index.md", "broken-link", "/upgrade/") in got
    assert ("content/new.md", "broken-link", "/nowhere/") in got
    assert not any(path == "content/old.md" for path, _, _ in got)  # not changed, links to nothing changed


def test_changed_since_an_unknown_revision_is_a_clear_error(tmp_path: Path) -> None:
    repo = make_site(tmp_path / "site")
    result = CliRunner().invoke(main, ["check", "--root", str(repo), "--changed-since", "origin/nope"])
    assert result.exit_code == 2
    assert "revision 'origin/nope' does not exist" in result.output and "fetch" in result.output
    diff = CliRunner().invoke(main, ["diff", "--root", str(repo), "v9.9"])
    assert diff.exit_code == 2
    assert "revision 'v9.9' does not exist" in diff.output


def test_pages_git_ignores_are_not_pages(tmp_path: Path) -> None:
    repo = make_site(
        tmp_path / "site",
        {
            ".gitignore": "content/scratch/\n",
            "content/upgrade.md": SITE["content/upgrade.md"] + "[notes](/scratch/notes/)\n",
        },
    )
    (repo / "content" / "scratch").mkdir()
    (repo / "content" / "scratch" / "notes.md").write_text("# Notes, on this laptop only\n")
    report = check(repo, cwd=repo)
    assert [(f.path, f.rule, f.target) for f in report.findings] == [
        ("content/upgrade.md", "broken-link", "/scratch/notes/")
    ]
    assert report.pages == 4
