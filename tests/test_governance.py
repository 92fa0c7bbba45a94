"""Approvals on a real git repository: a link to a pre-clearance domain fails until an
approval lands, `diff` shows the approval to reviewers, and an expired one names its
approver. The day is fixed with LINKPOLICY_TODAY."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from helpers import git

from linkpolicy.cli import main

SITE = """\
site:
  base_url: https://www.example.com
  generator: hugo
domains:
  outbound:
    require_approval: ["partner.example"]
"""
APPROVAL = """\
approvals:
  - domain: partner.example
    pages: ["guides/**"]
    approver: "@legal-team"
    date: 2026-03-01
    reason: co-marketing contract 2026-17
    expires: 2026-09-30
"""


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    (root / "policies").mkdir(parents=True)
    (root / "content" / "guides").mkdir(parents=True)
    (root / "policies" / "site.yaml").write_text(SITE)
    (root / "content" / "_index.md").write_text("# Home\n\n[Guides](/guides/)\n")
    (root / "content" / "guides" / "_index.md").write_text("# Guides\n\n[Calculator](/guides/calc/)\n")
    (root / "content" / "guides" / "calc.md").write_text(
        "# Calculator\n\nBack to [the guides](/guides/). Try the "
        "[partner's calculator](https://tools.partner.example/calc).\n"
    )
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "a link to a partner")
    return root


def run(repo: Path, today: str, *args: str) -> Result:
    return CliRunner().invoke(
        main, [*args, "--root", str(repo)], env={"LINKPOLICY_TODAY": today}, catch_exceptions=False
    )


def findings(result: Result) -> list[dict]:
    return json.loads(result.output)["findings"]


def test_a_link_fails_until_an_approval_lands_and_again_once_it_expires(repo: Path) -> None:
    before = run(repo, "2026-06-01", "check", "--format", "json")
    assert before.exit_code == 1
    [unapproved] = [f for f in findings(before) if f["rule"] == "unapproved-link"]
    assert (unapproved["path"], unapproved["line"], unapproved["column"]) == ("content/guides/calc.md", 3, 41)
    assert "require_approval 'partner.example'" in unapproved["message"]

    (repo / "policies" / "approvals.yaml").write_text(APPROVAL)
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "approve the partner link")
    approved = run(repo, "2026-06-01", "check", "--format", "json")
    assert approved.exit_code == 0, approved.output
    assert not [f for f in findings(approved) if f["rule"] in ("unapproved-link", "expired-approval")]

    lapsed = run(repo, "2026-10-01", "check", "--format", "json")
    assert lapsed.exit_code == 1
    by_rule = {f["rule"]: f for f in findings(lapsed)}
    assert "@legal-team" in by_rule["unapproved-link"]["message"]
    assert "expired on 2026-09-30" in by_rule["unapproved-link"]["message"]
    expired = by_rule["expired-approval"]
    assert (expired["path"], expired["line"], expired["column"], expired["severity"]) == (
        "policies/approvals.yaml",
        2,
        5,
        "warning",
    )
    assert "ask @legal-team" in expired["message"]
    # the last day of an approval still counts
    assert run(repo, "2026-09-30", "check").exit_code == 0


def test_diff_lists_the_approvals_a_change_adds_and_removes(repo: Path) -> None:
    (repo / "policies" / "approvals.yaml").write_text(APPROVAL)
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "approve the partner link")
    doc = json.loads(run(repo, "2026-06-01", "diff", "HEAD~1", "HEAD", "--format", "json").output)
    assert doc["approvals"] == {
        "added": [
            {
                "domain": "partner.example",
                "pages": ["guides/**"],
                "approver": "@legal-team",
                "date": "2026-03-01",
                "reason": "co-marketing contract 2026-17",
                "expires": "2026-09-30",
                "path": "policies/approvals.yaml",
                "line": 2,
            }
        ],
        "removed": [],
    }
    assert [f["rule"] for f in doc["findings"]["fixed"]] == ["unapproved-link"]
    text = run(repo, "2026-06-01", "diff", "HEAD~1", "HEAD").output
    assert (
        "+ approval domain partner.example on guides/** by @legal-team (2026-03-01 until 2026-09-30)" in text
    )
    markdown = run(repo, "2026-06-01", "diff", "HEAD~1", "HEAD", "--format", "markdown").output
    assert "### Approvals changed" in markdown
    assert (
        "| added | domain `partner.example` | guides/** | @legal-team | 2026-03-01 | 2026-09-30 |" in markdown
    )

    (repo / "policies" / "approvals.yaml").write_text(APPROVAL.replace("2026-09-30", "2027-09-30"))
    doc = json.loads(run(repo, "2026-06-01", "diff", "HEAD", "--format", "json").output)
    assert [a["expires"] for a in doc["approvals"]["added"]] == ["2027-09-30"]
    assert [a["expires"] for a in doc["approvals"]["removed"]] == ["2026-09-30"]


def test_an_approval_holds_from_its_date(repo: Path) -> None:
    (repo / "policies" / "approvals.yaml").write_text(APPROVAL)
    assert run(repo, "2026-02-28", "check").exit_code == 1
    assert run(repo, "2026-03-01", "check").exit_code == 0


def test_a_bad_day_is_a_usage_error(repo: Path) -> None:
    result = run(repo, "tomorrow", "check")
    assert result.exit_code == 2
    assert "LINKPOLICY_TODAY='tomorrow': expected a date like 2026-12-01" in result.output


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        (
            "{domain: 'https://x.example/', approver: a, date: 2026-01-01, reason: r}",
            "is not a domain pattern",
        ),
        ("{target: x.example/a, approver: a, date: 2026-01-01, reason: r}", "absolute http(s) URL"),
        (
            "{domain: x.example, approver: a, date: 2026-01-01, reason: r, expires: 2025-01-01}",
            "is before the approval's date",
        ),
    ],
)
def test_approvals_are_validated(repo: Path, entry: str, message: str) -> None:
    (repo / "policies" / "approvals.yaml").write_text(f"approvals:\n  - {entry}\n")
    result = run(repo, "2026-06-01", "check")
    assert result.exit_code == 2
    assert "policies/approvals.yaml:2:" in result.output and message in result.output
