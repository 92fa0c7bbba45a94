"""The GitHub Action's steps, run as a runner would run them: each `run:` step of
action.yml in bash with the `env:` its expressions give, the runner's files
(GITHUB_OUTPUT, GITHUB_STEP_SUMMARY, RUNNER_TEMP) and a fake `gh` that records its calls.
The `uses:` steps are GitHub's own (setup-python, upload-artifact); setup-python's output
is this interpreter, and the install step is replaced by this test's virtualenv.

Scenarios: a pull request from a fork, a token the API refuses (403), a report over
GitHub's comment limit, a site in a subfolder (`root: website`), the checkout's depth, and
the parse cache kept between runs (the folder the cache step saves, restored into a fresh
clone)."""

from __future__ import annotations

import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import git
from ruamel.yaml import YAML

ROOT = Path(__file__).resolve().parent.parent
ACTION = YAML(typ="safe").load((ROOT / "action.yml").read_text())
VENV_BIN = Path(sys.executable).parent

FAKE_GH = """#!/usr/bin/env bash
printf '%s\\n' "$*" >> "$GH_LOG"
for arg in "$@"; do
  case "$arg" in body=@*) cp "${arg#body=@}" "$GH_LOG.body" ;; esac
done
case "$2" in
  user) echo lp-bot ;;
  --method)
    [ -z "${FAKE_WRITE_403:-}" ] || { echo "gh: Resource not accessible by integration (HTTP 403)" >&2; exit 1; }
    ;;
esac
exit 0
"""

SITE = {
    "policies/site.yaml": "site:\n  base_url: https://docs.example.com\n  generator: hugo\n"
    "  content: content/\n  home: /\n",
    "content/_index.md": "# Home\n\n[guide](/guide/)\n",
    "content/guide.md": "# Guide\n\n[home](/)\n",
}


class Runner:
    """Runs the action's steps in ``workspace`` with a GitHub context."""

    def __init__(self, tmp: Path, workspace: Path, inputs: dict[str, str], github: dict) -> None:
        self.tmp, self.workspace = tmp, workspace
        defaults = {k: str(v.get("default", "")) for k, v in ACTION["inputs"].items()}
        self.inputs = {**defaults, "github-token": "t0ken", **inputs}
        self.github = github
        self.steps: dict[str, dict] = {}
        #: the actions/cache step's inputs, as evaluated (None: the step did not run)
        self.cached: dict[str, str] | None = None
        self.temp = tmp / "runner-temp"
        self.temp.mkdir()
        self.summary = tmp / "step-summary.md"
        self.summary.write_text("")
        bindir = tmp / "fake-bin"
        bindir.mkdir()
        (bindir / "gh").write_text(FAKE_GH)
        (bindir / "gh").chmod(0o755)
        self.gh_log = tmp / "gh.log"
        self.path = f"{bindir}:{os.environ['PATH']}"
        self.log: list[tuple[str, subprocess.CompletedProcess[str]]] = []

    def lookup(self, name: str) -> object:
        head, _, rest = name.partition(".")
        context = {
            "inputs": self.inputs,
            "github": self.github,
            "steps": self.steps,
            "runner": {"os": "Linux"},
        }
        value: object = context[head]
        for part in rest.split(".") if rest else []:
            value = value.get(part, "") if isinstance(value, dict) else ""
        return value

    def evaluate(self, expr: str) -> object:
        expr = expr.strip()
        if expr.startswith("${{"):
            expr = expr[3:-2].strip()
        python = re.sub(
            r"'[^']*'|always\(\)|&&|\|\||[A-Za-z_][\w-]*(\.[\w-]+)+",
            lambda m: (
                {"always()": "True", "&&": " and ", "||": " or "}.get(m[0])
                or (m[0] if m[0].startswith("'") else repr(self.lookup(m[0])))
            ),
            expr,
        )
        return eval(python, {"__builtins__": {}}, {"True": True})  # noqa: S307 - test-only, own file

    def substitute(self, value: str) -> str:
        return re.sub(r"\$\{\{(.*?)\}\}", lambda m: str(self.evaluate(m[1])), str(value))

    def run(self, **extra_env: str) -> int:
        """Every step in order; the exit status of the first failing step, else 0."""
        failed = 0
        for step in ACTION["runs"]["steps"]:
            condition = step.get("if")
            ok = self.evaluate(condition) if condition else not failed
            if not ok or (failed and "always()" not in str(condition)):
                continue
            sid = step.get("id", "")
            if "uses" in step:
                outputs = {"python-path": sys.executable} if "setup-python" in step["uses"] else {}
                if "actions/cache" in step["uses"]:  # what it would restore now and save at the end
                    self.cached = {k: self.substitute(v) for k, v in step["with"].items()}
                self.steps[sid] = {"outputs": outputs, "outcome": "success"}
                continue
            if sid == "install":  # this test's virtualenv holds linkpolicy already
                self.steps[sid] = {"outputs": {"bin": str(VENV_BIN)}, "outcome": "success"}
                continue
            status = self.run_step(step, sid, extra_env)
            failed = failed or status
        return failed

    def run_step(self, step: dict, sid: str, extra_env: dict[str, str]) -> int:
        output = self.tmp / f"output-{sid or len(self.log)}"
        output.write_text("")
        env = {
            **os.environ,
            "PATH": self.path,
            "GITHUB_ACTION_PATH": str(ROOT),
            "GITHUB_WORKSPACE": str(self.workspace),
            "GITHUB_REPOSITORY": self.github["repository"],
            "GITHUB_OUTPUT": str(output),
            "GITHUB_STEP_SUMMARY": str(self.summary),
            "RUNNER_TEMP": str(self.temp),
            "GH_LOG": str(self.gh_log),
            **{k: self.substitute(v) for k, v in step.get("env", {}).items()},
            **extra_env,
        }
        proc = subprocess.run(
            ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", step["run"]],
            cwd=self.workspace,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
        )
        self.log.append((step.get("name", sid), proc))
        outputs = dict(line.split("=", 1) for line in output.read_text().splitlines() if "=" in line)
        self.steps[sid] = {"outputs": outputs, "outcome": "success" if proc.returncode == 0 else "failure"}
        return proc.returncode

    @property
    def stdout(self) -> str:
        return "".join(p.stdout + p.stderr for _, p in self.log)

    @property
    def gh_calls(self) -> list[str]:
        return self.gh_log.read_text().splitlines() if self.gh_log.exists() else []


def write(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text)


def pushed(tmp_path: Path, files: dict[str, str]) -> tuple[Path, dict]:
    """A workspace holding ``files`` (a git work tree) and the context of a push."""
    workspace = tmp_path / "workspace"
    workspace.mkdir()
    git(workspace, "init", "-q", "-b", "main")
    write(workspace, files)
    return workspace, {"event_name": "push", "repository": "acme/docs", "event": {}}


def pull_request(
    tmp_path: Path, head_files: dict[str, str], *, head_repo: str = "acme/docs", clone: str = "full"
):
    """origin with a base commit and a pull-request commit; the workspace cloned from it."""
    origin = tmp_path / "origin"
    origin.mkdir()
    git(origin, "init", "-q", "-b", "main")
    write(origin, SITE)
    git(origin, "add", "-A")
    git(origin, "commit", "-qm", "base")
    for i in range(2):
        (origin / f"notes{i}.txt").write_text(f"{i}\n")
        git(origin, "add", "-A")
        git(origin, "commit", "-qm", f"history {i}")
    base = git(origin, "rev-parse", "HEAD").strip()
    write(origin, head_files)
    git(origin, "add", "-A")
    git(origin, "commit", "-qm", "pull request")
    workspace = tmp_path / "workspace"
    depth = ["--depth=1"] if clone == "shallow" else []
    subprocess.run(["git", "clone", "-q", *depth, f"file://{origin}", str(workspace)], check=True)
    github = {
        "event_name": "pull_request",
        "repository": "acme/docs",
        "event": {
            "pull_request": {"number": 17, "base": {"sha": base}, "head": {"repo": {"full_name": head_repo}}}
        },
    }
    return workspace, github, base


def commits(repo: Path) -> tuple[int, str]:
    count = int(git(repo, "rev-list", "--count", "HEAD").strip())
    return count, git(repo, "rev-parse", "--is-shallow-repository").strip()


def test_fork_pull_request_without_findings_passes_with_a_notice(tmp_path: Path) -> None:
    workspace, github, _ = pull_request(
        tmp_path,
        {
            "content/new.md": "# New\n\n[home](/) [guide](/guide/)\n",
            "content/_index.md": "# Home\n\n[guide](/guide/) [new](/new/)\n",
        },
        head_repo="someone/docs",
    )
    runner = Runner(tmp_path, workspace, {}, github)
    assert runner.run(FAKE_WRITE_403="1") == 0, runner.stdout
    assert runner.steps["check"]["outputs"]["errors"] == "0"
    assert "::notice::linkpolicy: a pull request from a fork gets a read-only token" in runner.stdout
    assert runner.gh_calls == []  # nothing tried with the read-only token
    summary = runner.summary.read_text()
    assert "No findings on 3 pages" in summary  # the check
    assert "/new/" in summary  # the link-graph diff


def test_a_refused_comment_warns_and_the_job_passes(tmp_path: Path) -> None:
    workspace, github, _ = pull_request(
        tmp_path,
        {
            "content/new.md": "# New\n\n[home](/) [guide](/guide/)\n",
            "content/_index.md": "# Home\n\n[guide](/guide/) [new](/new/)\n",
        },
    )
    runner = Runner(tmp_path, workspace, {}, github)
    assert runner.run(FAKE_WRITE_403="1") == 0, runner.stdout
    assert "::warning::linkpolicy: this token may not comment" in runner.stdout
    assert runner.gh_calls[-1].startswith("api --method POST repos/acme/docs/issues/17/comments")


def test_a_report_over_the_comment_limit_is_cut_and_kept_whole_elsewhere(tmp_path: Path) -> None:
    pages = {
        f"content/many/page-{i:03}.md": f"# Page {i}\n\n[home](/)\n\n"
        + "".join(f"[broken {j}](/a-rather-long/path/that-does-not-exist/{i}/{j}/)\n" for j in range(4))
        for i in range(150)
    }
    pages["content/_index.md"] = "# Home\n\n[guide](/guide/)\n" + "".join(
        f"[p{i}](/many/page-{i:03}/)\n" for i in range(150)
    )
    workspace, github, _ = pull_request(tmp_path, pages)
    runner = Runner(tmp_path, workspace, {}, github)
    assert runner.run() == 1, runner.stdout  # findings fail the job, as they should
    failing = [name for name, proc in runner.log if proc.returncode]
    assert failing == ["Fail on findings"], runner.stdout
    reports = runner.temp / "linkpolicy-report"
    full = (reports / "comment-full.md").read_text()
    sent = Path(str(runner.gh_log) + ".body").read_text()
    assert len(full) > 70_000
    assert len(sent) <= 65_536
    assert sent.startswith("<!-- linkpolicy -->")
    assert sent.count("<details") == sent.count("</details>")
    assert "The full report is in this run's job summary and in its `linkpolicy-report` artifact" in sent
    assert len(runner.summary.read_text()) > 70_000  # the job summary has all of it
    assert {p.name for p in reports.iterdir()} >= {"check.md", "check.json", "diff.md", "comment.md"}


def test_root_in_a_subfolder(tmp_path: Path) -> None:
    workspace = tmp_path / "workspace"
    workspace.mkdir()
    git(workspace, "init", "-q", "-b", "main")
    write(workspace / "website", {**SITE, "content/guide.md": "# Guide\n\n[home](/) [gone](/gone/)\n"})
    git(workspace, "add", "-A")
    git(workspace, "commit", "-qm", "site")
    github = {"event_name": "push", "repository": "acme/docs", "event": {}}
    runner = Runner(tmp_path, workspace, {"root": "website"}, github)
    assert runner.run() == 1
    assert runner.steps["check"]["outputs"]["errors"] == "1"
    assert runner.steps["check"]["outputs"]["sarif"] == "linkpolicy.sarif"
    sarif = json.loads((workspace / "linkpolicy.sarif").read_text())
    uris = [
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in sarif["runs"][0]["results"]
    ]
    assert uris == ["website/content/guide.md"]
    assert "::error file=website/content/guide.md,line=3,col=11" in runner.stdout
    assert not (workspace / "website" / "linkpolicy.sarif").exists()


@pytest.mark.parametrize("clone", ["full", "shallow"])
def test_the_checkout_keeps_its_depth(tmp_path: Path, clone: str) -> None:
    workspace, github, base = pull_request(
        tmp_path, {"content/guide.md": "# Guide\n\n[home](/) [new link](/)\n"}, clone=clone
    )
    before = commits(workspace)
    runner = Runner(tmp_path, workspace, {}, github)
    assert runner.run() == 0, runner.stdout
    assert commits(workspace) == before == ((4, "false") if clone == "full" else (1, "true"))
    diff = (runner.temp / "linkpolicy-report" / "diff.md").read_text()
    assert diff.strip(), runner.stdout  # the diff ran against the base commit
    assert "base commit" not in runner.stdout


def test_the_category_names_the_sarif_analysis(tmp_path: Path) -> None:
    workspace, github = pushed(tmp_path, SITE)
    runner = Runner(tmp_path, workspace, {"category": "docs-en", "sarif": "out/en.sarif"}, github)
    (workspace / "out").mkdir()
    assert runner.run() == 0, runner.stdout
    sarif = json.loads((workspace / "out" / "en.sarif").read_text())
    assert sarif["runs"][0]["automationDetails"] == {"id": "docs-en/"}


def test_third_party_actions_are_pinned_and_the_callers_python_is_left_alone() -> None:
    steps = ACTION["runs"]["steps"]
    uses = [s["uses"] for s in steps if "uses" in s]
    assert uses and all(re.fullmatch(r"[\w-]+/[\w-]+@[0-9a-f]{40}", u) for u in uses)
    setup = next(s for s in steps if "setup-python" in s.get("uses", ""))
    assert setup["with"]["update-environment"] is False
    install = next(s for s in steps if s.get("id") == "install")
    assert '-m venv "$venv"' in install["run"]
    workflow = (ROOT / ".github" / "workflows" / "linkpolicy.yml").read_text()
    assert all(
        re.fullmatch(r"[\w./-]+@[0-9a-f]{40}", u) or u == "./" for u in re.findall(r"uses: (\S+)", workflow)
    )


def _pages_cached(folder: Path) -> int:
    with sqlite3.connect(folder / "cache.sqlite") as db:
        return int(db.execute("SELECT count(*) FROM pages").fetchone()[0])


def test_the_parse_cache_is_kept_between_runs(tmp_path: Path) -> None:
    """The cache step saves the folder `check` wrote its cache to; restored into the next
    run's fresh checkout, every page is found there (no page is parsed again)."""
    workspace, github, _ = pull_request(tmp_path, {"content/guide.md": "# Guide\n\n[home](/) [new](/)\n"})
    github = {**github, "run_id": "7", "run_attempt": "1"}
    runner = Runner(tmp_path, workspace, {}, github)
    assert runner.run() == 0, runner.stdout
    assert runner.cached is not None
    saved = Path(runner.cached["path"])
    assert saved == workspace / ".git" / "linkpolicy"
    assert runner.cached["key"].startswith(runner.cached["restore-keys"])
    assert runner.cached["restore-keys"].startswith("linkpolicy-Linux-linkpolicy-")
    assert runner.cached["key"].endswith("-7-1")
    pages = _pages_cached(saved)
    assert pages >= 2
    # the next run: a fresh clone, the cache restored where the step says
    again = tmp_path / "again"
    again.mkdir()
    clone = again / "workspace"
    git(again, "clone", "-q", str(workspace), str(clone))
    second = Runner(again, clone, {}, {**github, "run_id": "8"})
    second.steps["install"] = {"outputs": {"bin": str(VENV_BIN)}, "outcome": "success"}
    second.run_step(next(s for s in ACTION["runs"]["steps"] if s.get("id") == "cache-path"), "cache-path", {})
    restored = Path(second.steps["cache-path"]["outputs"]["path"])
    assert restored == clone / ".git" / "linkpolicy"
    shutil.copytree(saved, restored)
    assert second.run() == 0, second.stdout
    assert _pages_cached(restored) == pages  # every page of the new checkout was a hit
    first = json.loads((runner.temp / "linkpolicy-report" / "check.json").read_text())
    then = json.loads((second.temp / "linkpolicy-report" / "check.json").read_text())
    assert then["findings"] == first["findings"]


def test_a_root_without_a_git_directory_keeps_its_cache_in_the_root(tmp_path: Path) -> None:
    workspace, github = pushed(tmp_path, {f"website/{name}": text for name, text in SITE.items()})
    runner = Runner(tmp_path, workspace, {"root": "website"}, github)
    assert runner.run() == 0, runner.stdout
    assert runner.cached is not None
    assert Path(runner.cached["path"]) == workspace / "website" / ".linkpolicy-cache"
    assert _pages_cached(Path(runner.cached["path"])) >= 2


def test_the_cache_can_be_turned_off(tmp_path: Path) -> None:
    workspace, github = pushed(tmp_path, SITE)
    runner = Runner(tmp_path, workspace, {"cache": "false"}, github)
    assert runner.run() == 0, runner.stdout
    assert runner.cached is None and "cache-path" not in runner.steps
