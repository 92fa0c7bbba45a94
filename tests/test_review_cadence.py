"""Review cadence from real git history: commits on fixed days (GIT_COMMITTER_DATE), a
cluster touched by an edit to its own policy lines or its hub page, uncommitted edits,
and a shallow clone that says so once instead of guessing."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from linkpolicy.api import analyse, findings_of, report_of
from linkpolicy.governance.history import History

POLICY = """\
site:
  base_url: https://www.example.com
  generator: hugo
review_every: 1y
clusters:
  - id: guides
    hub: /guides/
    members: ["guides/**"]
    owners: ["@docs-team", "@ana"]
    review_every: 90d
  - id: blog
    hub: /blog/
    members: ["blog/**"]
    owners: ["@blog-team"]
    review_every: 90d
rules:
  orphan-page: off
"""


def commit(root: Path, day: str, message: str) -> None:
    stamp = f"{day}T09:30:00Z"
    env = {**os.environ, "GIT_AUTHOR_DATE": stamp, "GIT_COMMITTER_DATE": stamp}
    env |= {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com"}
    env |= {"GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.com"}
    for args in (["add", "-A"], ["commit", "-qm", message]):
        subprocess.run(["git", *args], cwd=root, env=env, check=True, capture_output=True)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    for path, text in {
        "policies/site.yaml": POLICY,
        "content/_index.md": "# Home\n\n[Guides](/guides/) [Blog](/blog/)\n",
        "content/guides/_index.md": "# Guides\n",
        "content/blog/_index.md": "# Blog\n",
    }.items():
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_text(text)
    subprocess.run(["git", "init", "-q", "-b", "main"], cwd=root, check=True)
    commit(root, "2026-01-05", "site")
    return root


def due(root: Path, today: str, monkeypatch: pytest.MonkeyPatch) -> dict[int, str]:
    monkeypatch.setenv("LINKPOLICY_TODAY", today)
    analysis = analyse(root, cwd=root)
    return {f.line: f.message for f in findings_of(analysis) if f.rule == "policy-review-due"}


def test_clusters_fall_due_after_their_interval(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert due(repo, "2026-04-05", monkeypatch) == {}  # 90 days
    found = due(repo, "2026-04-06", monkeypatch)
    assert sorted(found) == [6, 11]
    assert found[6] == (
        "cluster 'guides' (its policy entry and hub content/guides/_index.md) last touched 2026-01-05 "
        "(91 days ago), over review_every 90d; ask @docs-team, @ana to review it"
    )
    assert found[11].endswith("ask @blog-team to review it")


def test_an_edit_to_the_entry_or_the_hub_is_a_review(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    policy = repo / "policies" / "site.yaml"
    policy.write_text(POLICY.replace('owners: ["@docs-team", "@ana"]', 'owners: ["@docs-team"]'))
    commit(repo, "2026-03-01", "guides: @ana moved on")
    (repo / "content" / "blog" / "_index.md").write_text("# Blog\n\nNews.\n")
    commit(repo, "2026-02-01", "blog hub")
    assert due(repo, "2026-05-01", monkeypatch) == {}
    assert sorted(due(repo, "2026-05-03", monkeypatch)) == [11]  # the blog hub: 91 days
    assert sorted(due(repo, "2026-05-31", monkeypatch)) == [6, 11]  # the guides entry: 91 days


def test_an_edit_to_another_cluster_is_not_a_review(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    policy = repo / "policies" / "site.yaml"
    policy.write_text(POLICY.replace('owners: ["@blog-team"]', 'owners: ["@blog-team", "@bo"]'))
    commit(repo, "2026-03-01", "blog: add @bo")
    assert sorted(due(repo, "2026-04-10", monkeypatch)) == [6]


def test_uncommitted_edits_count_as_today(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (repo / "content" / "guides" / "_index.md").write_text("# Guides\n\nReviewed.\n")
    assert sorted(due(repo, "2026-04-10", monkeypatch)) == [11]


def test_the_policy_files_as_a_whole(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (repo / "content" / "guides" / "_index.md").write_text("# Guides\n\nReviewed.\n")
    (repo / "content" / "blog" / "_index.md").write_text("# Blog\n\nReviewed.\n")
    commit(repo, "2027-01-05", "hubs reviewed")
    found = due(repo, "2027-01-07", monkeypatch)
    assert found == {
        4: "the policy files in policies/ last touched 2026-01-05 (367 days ago), over review_every 1y; "
        "ask @docs-team, @ana, @blog-team to review it"
    }


def test_a_shallow_clone_says_so_once(repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shallow = tmp_path / "shallow"
    subprocess.run(
        ["git", "clone", "-q", "--depth", "1", f"file://{repo}", str(shallow)],
        check=True,
        capture_output=True,
    )
    monkeypatch.setenv("LINKPOLICY_TODAY", "2030-01-01")
    analysis = analyse(shallow, cwd=shallow)
    report = report_of(analysis, findings_of(analysis))
    assert not [f for f in report.findings if f.rule == "policy-review-due"]
    notes = [n for n in report.notes if "policy-review-due" in n]
    assert len(notes) == 1 and "shallow clone" in notes[0] and "fetch-depth: 0" in notes[0]


def test_outside_git(tmp_path: Path, repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import shutil

    plain = tmp_path / "plain"
    shutil.copytree(repo, plain, ignore=shutil.ignore_patterns(".git"))
    monkeypatch.setenv("LINKPOLICY_TODAY", "2030-01-01")
    analysis = analyse(plain, cwd=plain)
    report = report_of(analysis, findings_of(analysis))
    assert not [f for f in report.findings if f.rule == "policy-review-due"]
    assert [n for n in report.notes if "policy-review-due" in n] == [
        f"policy-review-due needs git history: {plain} is not in a git repository"
    ]


def test_blame_days_per_line(repo: Path) -> None:
    policy = repo / "policies" / "site.yaml"
    policy.write_text(POLICY.replace("review_every: 1y", "review_every: 2y"))
    commit(repo, "2026-02-02", "longer")
    days = History(repo).line_days("policies/site.yaml")
    assert days is not None and len(days) == POLICY.count("\n")
    assert [str(d) for d in days[2:5]] == ["2026-01-05", "2026-02-02", "2026-01-05"]
    first = subprocess.run(
        ["git", "rev-list", "--max-parents=0", "HEAD"], cwd=repo, capture_output=True, text=True
    )
    assert {str(d) for d in History(repo, first.stdout.strip()).line_days("policies/site.yaml") or []} == {
        "2026-01-05"
    }


def test_a_site_in_a_subfolder_of_the_repository(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    top = tmp_path / "top"
    site = top / "website"
    for path, text in {
        "policies/site.yaml": POLICY,
        "content/_index.md": "# Home\n\n[Guides](/guides/) [Blog](/blog/)\n",
        "content/guides/_index.md": "# Guides\n",
        "content/blog/_index.md": "# Blog\n",
    }.items():
        (site / path).parent.mkdir(parents=True, exist_ok=True)
        (site / path).write_text(text)
    subprocess.run(["git", "init", "-q", "-b", "main"], cwd=top, check=True)
    commit(top, "2026-01-05", "site")
    assert sorted(due(site, "2026-04-06", monkeypatch)) == [6, 11]
    (site / "content" / "blog" / "_index.md").write_text("# Blog\n\nEdited.\n")
    assert sorted(due(site, "2026-04-06", monkeypatch)) == [6]


def test_diff_sees_the_same_finding_on_both_sides(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from linkpolicy.diff import compute_diff

    (repo / "content" / "blog" / "_index.md").write_text("# Blog\n\nReviewed.\n")
    commit(repo, "2026-04-01", "blog reviewed")
    monkeypatch.setenv("LINKPOLICY_TODAY", "2026-04-10")
    result = compute_diff(repo, "HEAD~1", "HEAD", cwd=repo)
    assert [(f.path, f.line) for f in result.findings_fixed if f.rule == "policy-review-due"] == [
        ("policies/site.yaml", 11)
    ]
    assert not [f for f in result.findings_new if f.rule == "policy-review-due"]
