"""Reporters: SARIF against the official schema, GitHub annotation escaping and limits,
Markdown size limits."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from linkpolicy.api import check
from linkpolicy.findings import Finding, Report, Severity
from linkpolicy.report import REPORTERS, github, markdown
from linkpolicy.rules import RULES

ROOT = Path(__file__).resolve().parents[2]
SARIF_SCHEMA = ROOT / "tests" / "schemas" / "sarif-schema-2.1.0.json"  # OASIS; see tests/schemas/NOTICE


@pytest.fixture(scope="module")
def demo_report() -> Report:
    return check(ROOT, cwd=ROOT)


def finding(i: int, severity: Severity = Severity.ERROR, message: str = "m") -> Finding:
    return Finding(
        rule="broken-link",
        severity=severity,
        path=f"content/p{i:04}.md",
        line=i + 1,
        column=3,
        message=message,
        page=f"/p{i}/",
        target="/x/",
    )


def test_sarif_validates_against_the_official_schema(demo_report: Report) -> None:
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    doc = json.loads(REPORTERS["sarif"](demo_report))
    jsonschema.validate(doc, schema)
    run = doc["runs"][0]
    assert [r["id"] for r in run["tool"]["driver"]["rules"]] == list(RULES)
    for rule in run["tool"]["driver"]["rules"]:
        assert rule["shortDescription"]["text"] and rule["fullDescription"]["text"] and rule["help"]["text"]
        assert len(rule["fullDescription"]["text"]) <= 1024
    assert len(run["results"]) == len(demo_report.findings)
    first = run["results"][0]
    loc = first["locations"][0]["physicalLocation"]
    f0 = demo_report.findings[0]
    assert loc["artifactLocation"]["uri"] == f0.path
    assert loc["region"] == {"startLine": f0.line, "startColumn": f0.column}
    assert run["tool"]["driver"]["rules"][first["ruleIndex"]]["id"] == first["ruleId"]


def test_sarif_levels_and_fingerprints_survive_line_moves() -> None:
    a = Finding("generic-anchor", Severity.INFO, "c/a.md", 3, 1, "generic anchor", "/a/", "/b/")
    moved = Finding("generic-anchor", Severity.INFO, "c/a.md", 9, 4, "generic anchor", "/a/", "/b/")
    doc_a = json.loads(REPORTERS["sarif"](Report([a])))["runs"][0]["results"][0]
    doc_b = json.loads(REPORTERS["sarif"](Report([moved])))["runs"][0]["results"][0]
    assert doc_a["level"] == "note"
    assert doc_a["partialFingerprints"] == doc_b["partialFingerprints"]


@pytest.mark.parametrize(
    ("raw", "data", "prop"),
    [
        ("100% done", "100%25 done", "100%25 done"),
        ("a\r\nb", "a%0D%0Ab", "a%0D%0Ab"),
        ("x: y, z", "x: y, z", "x%3A y%2C z"),
    ],
)
def test_github_escaping(raw: str, data: str, prop: str) -> None:
    assert github.escape_data(raw) == data
    assert github.escape_property(raw) == prop


def test_github_annotation_shape() -> None:
    f = Finding("broken-link", Severity.WARNING, "docs/a,b:c.md", 7, 5, "50% broken\nreally", "/a/", None)
    assert github.annotation(f) == (
        "::warning file=docs/a%2Cb%3Ac.md,line=7,col=5,title=linkpolicy broken-link::50%25 broken%0Areally"
    )


def test_github_limits_then_plain_lines() -> None:
    findings = [finding(i) for i in range(13)] + [finding(100 + i, Severity.INFO) for i in range(2)]
    out = github.render(Report(findings, pages=3, links=9)).splitlines()
    assert sum(line.startswith("::error ") for line in out) == 10
    assert sum(line.startswith("::notice ") for line in out) == 2
    assert any(line.startswith("linkpolicy: 3 more findings are not annotated") for line in out)
    assert "linkpolicy: content/p0012.md:13:3: error[broken-link] m" in out
    assert out[-1] == "3 pages, 9 links: 13 errors, 0 warnings, 2 infos"


def test_markdown_counts_and_collapsed_rest() -> None:
    findings = [finding(i, Severity.WARNING if i % 2 else Severity.ERROR) for i in range(30)]
    text = markdown.render(Report(findings, pages=5, links=50))
    assert text.startswith(markdown.MARKER)
    assert "**15 errors, 15 warnings, 0 infos**" in text
    assert "| `broken-link` | 🔴 error | 15 |" in text
    assert "<details><summary>10 more findings</summary>" in text


def test_markdown_fits_the_comment_limit() -> None:
    findings = [finding(i, message="x" * 300) for i in range(2000)]
    text = markdown.render(Report(findings, pages=5, links=50))
    assert len(text) <= markdown.MAX_CHARS
    assert "left out to fit GitHub's size limit" in text
    assert text.rstrip().endswith("how to fix it.")


def test_markdown_no_findings() -> None:
    assert "✅ No findings on 4 pages and 7 links." in markdown.render(Report([], pages=4, links=7))


# -- content cannot inject ---------------------------------------------------------------

HOSTILE = (
    "x\n::error file=a.md::injected\r\n::add-mask::secret\n::stop-commands::tok\n##[error]old\x1b[31m\u2028"
)


def hostile(i: int) -> Finding:
    return Finding(
        rule="broken-link",
        severity=Severity.ERROR,
        path=f"::warning::p{i}\n.md",
        line=1,
        column=1,
        message=f"link to {HOSTILE} points to no page",
        page=f"/p{i}/",
        target=HOSTILE,
    )


def test_github_output_cannot_issue_workflow_commands() -> None:
    report = Report([hostile(i) for i in range(15)], pages=1, links=15)
    out = github.render(report).splitlines()
    assert len(out) == 10 + 1 + 5 + 1  # annotations, the note, plain lines, the summary
    for line in out:
        head = line.lstrip()
        assert not head.startswith("##[")
        if head.startswith("::"):
            assert head.startswith("::error file=%3A%3Awarning%3A%3Ap"), line
    assert not any(ch in "".join(out) for ch in "\r\x1b\u2028")


@pytest.mark.parametrize("fmt", ["text", "markdown", "sarif", "json", "github"])
def test_reporters_keep_content_on_its_line(fmt: str) -> None:
    report = Report([hostile(i) for i in range(3)], pages=1, links=3)
    plain = Report([finding(i) for i in range(3)], pages=1, links=3)
    out = REPORTERS[fmt](report)
    assert out.count("\n") == REPORTERS[fmt](plain).count("\n")
    assert "\x1b" not in out and "\r" not in out
    if fmt != "json":  # JSON escapes what it must; U+2028 is valid in a JSON string
        assert "\u2028" not in out


@pytest.mark.parametrize("fmt", ["text", "markdown", "sarif", "json", "github"])
def test_a_file_name_that_is_not_utf8_can_be_written(fmt: str) -> None:
    name = b"content/caf\xe9.md".decode("utf-8", "surrogateescape")
    f = Finding("broken-link", Severity.ERROR, name, 2, 1, f"{name} links to nothing", "/cafe/", "/x/")
    out = REPORTERS[fmt](Report([f], pages=1, links=1))
    assert "content/caf\\xe9.md" in out.encode("utf-8").decode("utf-8").replace("\\\\", "\\")


def test_diff_reports_keep_content_on_its_line_and_encode() -> None:
    from linkpolicy.diff import DiffResult, LinkRecord
    from linkpolicy.report import diff_report

    name = b"content/caf\xe9.md".decode("utf-8", "surrogateescape")
    record = LinkRecord("/a/", "/b/\n::error::x", "anchor\r\ntext", name, 3)
    d = DiffResult("base", "head", links_added=[record], findings_new=[hostile(0)])
    plain = DiffResult(
        "base", "head", links_added=[LinkRecord("/a/", "/b/", "t", "c/a.md", 3)], findings_new=[finding(0)]
    )
    for render in (diff_report.render_text, diff_report.render_markdown):
        out = render(d)
        out.encode("utf-8")
        assert out.count("\n") == render(plain).count("\n")
        assert not any(line.lstrip().startswith("::") for line in out.splitlines())
    doc = json.loads(diff_report.render_json(d).encode("utf-8"))
    assert doc["links"]["added"][0]["path"] == "content/caf\\xe9.md"
