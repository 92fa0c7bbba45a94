"""The demo site that ships in the repository: `linkpolicy check` from the repository root
reports exactly the mistakes planted on purpose (demo/planted.txt), and exits 1."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner
from helpers import read_planted

from linkpolicy.api import check
from linkpolicy.cli import main

ROOT = Path(__file__).resolve().parent.parent


def test_demo_reports_exactly_the_planted_mistakes() -> None:
    report = check(ROOT, cwd=ROOT)
    got = {(f.path, f.line, f.rule) for f in report.findings}
    planted = read_planted(ROOT / "demo" / "planted.txt")
    assert sorted(got - planted) == []
    assert sorted(planted - got) == []
    assert 60 <= report.pages <= 150


def test_readme_command_exits_1_with_the_findings(monkeypatch) -> None:
    monkeypatch.chdir(ROOT)
    # --no-cache: a test run leaves no cache in the developer's git directory
    result = CliRunner().invoke(main, ["check", "--no-cache"])
    assert result.exit_code == 1
    assert result.output.strip().splitlines()[-1].endswith("5 errors, 5 warnings, 2 infos")


def test_the_demo_privacy_cluster_falls_due_for_review(monkeypatch) -> None:
    """`review_every: 180d` on the privacy cluster, judged from this repository's history
    (a shallow clone says so in a note instead)."""
    from linkpolicy.api import analyse, findings_of, report_of

    monkeypatch.setenv("LINKPOLICY_TODAY", "2099-01-01")
    analysis = analyse(ROOT, cwd=ROOT)
    report = report_of(analysis, findings_of(analysis))
    due = [f for f in report.findings if f.rule == "policy-review-due"]
    if any("shallow clone" in n or "not in a git repository" in n for n in report.notes):
        assert due == []
        return
    assert [(f.path, f.severity.label) for f in due] == [("policies/clusters.yaml", "warning")]
    assert (
        "cluster 'privacy'" in due[0].message and "@fernwood/legal, @fernwood/docs-product" in due[0].message
    )
