"""The command line: formats, exit codes, PATHS, bad input -- through click's runner,
and once through a real subprocess."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from linkpolicy.cli import main
from linkpolicy.rules import RULES

SITE = Path(__file__).parent / "sites" / "hugo-basic"


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "site"
    shutil.copytree(SITE, root)
    (root / ".git").mkdir()  # a repository root marker, as `git init` leaves
    monkeypatch.chdir(root)
    return root


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_check_text_exit_1_with_errors(site: Path) -> None:
    result = run("check")
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    assert "content/guides/a.md:8:19: error[broken-link] link to /guides/missing/" in result.output
    assert lines[-1].endswith("infos") or lines[-1].endswith("info")
    assert " pages, " in lines[-1] and " links: " in lines[-1]


def test_check_json_is_versioned_and_sorted(site: Path) -> None:
    result = run("check", "--format", "json")
    doc = json.loads(result.output)
    assert doc["version"] == 1
    keys = [(f["path"], f["line"], f["column"], f["rule"]) for f in doc["findings"]]
    assert keys == sorted(keys)
    s = doc["summary"]
    assert s["errors"] == sum(f["severity"] == "error" for f in doc["findings"])
    assert set(doc["findings"][0]) == {
        "rule",
        "severity",
        "path",
        "line",
        "column",
        "page",
        "target",
        "message",
    }


def test_paths_limit_reported_findings(site: Path) -> None:
    result = run("check", "--format", "json", "content/guides/e.md")
    paths = {f["path"] for f in json.loads(result.output)["findings"]}
    assert paths == {"content/guides/e.md"}


def test_fail_on_levels(site: Path) -> None:
    (site / "content" / "broken.md").unlink()
    only_warnings = run("check", "--fail-on", "error", "content/deadend.md")
    assert only_warnings.exit_code == 0
    assert run("check", "--fail-on", "warning", "content/deadend.md").exit_code == 1


def test_output_file(site: Path) -> None:
    result = run("check", "--format", "json", "--output", "report.json")
    assert result.output == ""
    assert json.loads((site / "report.json").read_text())["version"] == 1


def test_policies_option_and_missing_policies(site: Path, tmp_path: Path) -> None:
    shutil.move(site / "policies", site / "config")
    missing = CliRunner().invoke(main, ["check"])
    assert missing.exit_code == 2
    assert "policies" in missing.output
    assert run("check", "--policies", "config").exit_code == 1


def test_invalid_policy_exit_2_with_position(site: Path) -> None:
    (site / "policies" / "clusters.yaml").write_text("clusters:\n  - id: guides\n    hubb: /guides/\n")
    result = CliRunner().invoke(main, ["check"])
    assert result.exit_code == 2
    assert "policies/clusters.yaml:3:5" in result.output
    assert "Traceback" not in result.output


def test_unknown_rule_in_rules_section(site: Path) -> None:
    (site / "policies" / "rules.yaml").write_text("rules:\n  broken-links: error\n")
    result = CliRunner().invoke(main, ["check"])
    assert result.exit_code == 2
    assert "policies/rules.yaml:2:3" in result.output and "broken-link" in result.output


def test_bad_rule_option(site: Path) -> None:
    (site / "policies" / "rules.yaml").write_text("rules:\n  click-depth: {maximum: 4}\n")
    result = CliRunner().invoke(main, ["check"])
    assert result.exit_code == 2
    assert "policies/rules.yaml:2" in result.output and "max" in result.output


def test_hostile_regex_does_not_hang(site: Path) -> None:
    # a lookahead keeps the pattern off RE2, so it runs on the time-limited engine
    (site / "policies" / "site.yaml").write_text(
        (site / "policies" / "site.yaml").read_text() + "  ignore_links: ['^(?=a)(a|aa)+$']\n"
    )
    (site / "content" / "pricing.md").write_text("[x](" + "a" * 40 + "!)\n")
    result = CliRunner().invoke(main, ["check"])
    assert result.exit_code == 2
    assert "took longer" in result.output


def test_catastrophic_regex_runs_in_linear_time_on_re2(site: Path) -> None:
    (site / "policies" / "site.yaml").write_text(
        (site / "policies" / "site.yaml").read_text() + "  ignore_links: ['^(a|aa)+$']\n"
    )
    (site / "content" / "pricing.md").write_text("[x](" + "a" * 40 + "!)\n[y](" + "a" * 41 + ")\n")
    result = CliRunner().invoke(main, ["check", "--format", "json"])
    assert "took longer" not in result.output
    targets = [f["target"] for f in json.loads(result.output)["findings"] if f["path"].endswith("pricing.md")]
    assert any(t and t.endswith("!") for t in targets)  # checked, not ignored
    assert not any(t == "a" * 41 for t in targets)  # ignored by the pattern


def test_rules_and_explain() -> None:
    listing = run("rules").output
    for rule_id in RULES:
        assert rule_id in listing
    text = run("explain", "broken-fragment").output
    for heading in ("## What it does", "## Why is this bad?", "## Example", "## Use instead"):
        assert heading in text
    unknown = CliRunner().invoke(main, ["explain", "broken-links"])
    assert unknown.exit_code == 2 and "broken-link" in unknown.output


def test_schema_lists_every_section() -> None:
    schema = json.loads(run("schema").output)
    for section in ("site", "clusters", "anchors", "domains", "blocks", "entities", "guardrails", "rules"):
        assert section in schema["properties"]


def test_real_subprocess(site: Path) -> None:
    exe = Path(sys.executable).with_name("linkpolicy")
    cmd = [str(exe)] if exe.exists() else [sys.executable, "-m", "linkpolicy"]
    proc = subprocess.run(
        [*cmd, "check", "--format", "json"], cwd=site, capture_output=True, text=True, timeout=120
    )
    assert proc.returncode == 1, proc.stderr
    assert json.loads(proc.stdout)["summary"]["errors"] > 0
    bad = subprocess.run(
        [*cmd, "check", "--policies", "nope"], cwd=site, capture_output=True, text=True, timeout=120
    )
    assert bad.returncode == 2
    assert bad.stderr.count("\n") == 1 and "nope" in bad.stderr


def test_no_silent_green(site: Path) -> None:
    """A missing PATH, a missing content root or a site of no pages is exit 2, one line."""
    result = CliRunner().invoke(main, ["check", "content/gone.md"])
    assert result.exit_code == 2
    assert result.output.strip().splitlines() == [
        f"linkpolicy: error: content/gone.md: no such file or folder in {site.resolve()}"
    ]
    policy = site / "policies" / "site.yaml"
    policy.write_text(policy.read_text().replace("content: content/", "content: website/content/"))
    result = CliRunner().invoke(main, ["check"])
    assert result.exit_code == 2 and len(result.output.strip().splitlines()) == 1
    assert "content root website/content/ does not exist" in result.output
    assert "policies/site.yaml:" in result.output
    shutil.rmtree(site / "content")
    (site / "content").mkdir()
    (site / "content" / "notes.txt").write_text("no Markdown here\n")
    policy.write_text(policy.read_text().replace("content: website/content/", "content: content/"))
    result = CliRunner().invoke(main, ["check"])
    assert result.exit_code == 2 and len(result.output.strip().splitlines()) == 1
    assert "no pages: found no .md/.markdown/.mdown/.html/.htm files under content/ in" in result.output
