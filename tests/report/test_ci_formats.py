"""GitLab Code Quality and JUnit XML from the same findings, and the check options that
pick rules and the exit code."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

from click.testing import CliRunner

from linkpolicy.cli import main
from linkpolicy.findings import Finding, Report, Severity
from linkpolicy.report import REPORTERS

ROOT = Path(__file__).resolve().parents[2]


def findings() -> Report:
    same = dict(rule="broken-link", severity=Severity.ERROR, path="content/a.md", page="/a/", target="/x/")
    return Report(
        findings=[
            Finding(line=3, column=1, message='link to /x/ <b>&"here"</b>', **same),
            Finding(line=9, column=4, message='link to /x/ <b>&"here"</b>', **same),
            Finding(
                rule="orphan-page",
                severity=Severity.WARNING,
                path="content/b.md",
                line=1,
                column=1,
                message="no published page links to /b/",
                page="/b/",
            ),
        ],
        pages=2,
        links=2,
    )


def test_gitlab_code_quality() -> None:
    issues = json.loads(REPORTERS["gitlab"](findings()))
    assert [(i["check_name"], i["severity"], i["location"]) for i in issues] == [
        ("broken-link", "major", {"path": "content/a.md", "lines": {"begin": 3}}),
        ("broken-link", "major", {"path": "content/a.md", "lines": {"begin": 9}}),
        ("orphan-page", "minor", {"path": "content/b.md", "lines": {"begin": 1}}),
    ]
    assert len({i["fingerprint"] for i in issues}) == 3  # identical links stay apart
    assert issues[0]["description"] == 'link to /x/ <b>&"here"</b>'
    assert json.loads(REPORTERS["gitlab"](Report())) == []


def test_junit_xml() -> None:
    suites = ET.fromstring(REPORTERS["junit"](findings()))
    suite = suites.find("testsuite")
    assert suite is not None and suite.get("tests") == "3" and suite.get("failures") == "3"
    cases = suite.findall("testcase")
    assert [(c.get("classname"), c.get("name")) for c in cases] == [
        ("content/a.md", "broken-link at 3:1"),
        ("content/a.md", "broken-link at 9:4"),
        ("content/b.md", "orphan-page at 1:1"),
    ]
    failure = cases[0].find("failure")
    assert failure is not None and failure.get("message") == 'link to /x/ <b>&"here"</b>'
    assert failure.get("type") == "error[broken-link]"
    empty = ET.fromstring(REPORTERS["junit"](Report(pages=4)))
    assert empty.find("testsuite").get("failures") == "0"
    assert len(empty.findall("testsuite/testcase")) == 1


def test_select_ignore_and_exit_zero(monkeypatch) -> None:
    monkeypatch.chdir(ROOT)
    run = CliRunner().invoke
    everything = run(main, ["check", "--format", "json"])
    rules = {f["rule"] for f in json.loads(everything.output)["findings"]}
    assert {"broken-link", "orphan-page"} <= rules
    picked = run(
        main, ["check", "--format", "json", "--select", "broken-link,orphan-page", "--ignore", "orphan-page"]
    )
    assert picked.exit_code == 1
    assert {f["rule"] for f in json.loads(picked.output)["findings"]} == {"broken-link"}
    dropped = run(main, ["check", "--format", "json", "--ignore", "broken-link"])
    assert {f["rule"] for f in json.loads(dropped.output)["findings"]} == rules - {"broken-link"}
    assert run(main, ["check", "--exit-zero"]).exit_code == 0
    typo = run(main, ["check", "--select", "broken-links"])
    assert typo.exit_code == 2 and "unknown rule 'broken-links' (did you mean 'broken-link'?)" in typo.output
