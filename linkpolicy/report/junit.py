"""JUnit XML, for CI systems that show test reports: one test suite, one failed test case
per finding (named by rule and position, grouped by file), or one passing case when
there are none."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from ..findings import Report
from .safe import clean_report
from .text import line, summary_line


def render(report: Report) -> str:
    report = clean_report(report)
    findings = report.findings
    suites = ET.Element("testsuites", name="linkpolicy", tests=str(max(len(findings), 1)))
    suite = ET.SubElement(
        suites,
        "testsuite",
        name="linkpolicy check",
        tests=str(max(len(findings), 1)),
        failures=str(len(findings)),
        errors="0",
        skipped="0",
    )
    for f in findings:
        case = ET.SubElement(
            suite, "testcase", classname=f.path, name=f"{f.rule} at {f.line}:{f.column}", file=f.path
        )
        failure = ET.SubElement(case, "failure", message=f.message, type=f"{f.severity.label}[{f.rule}]")
        failure.text = line(f)
    if not findings:
        ET.SubElement(suite, "testcase", classname="linkpolicy", name="link policy")
    ET.SubElement(suite, "system-out").text = summary_line(report)
    ET.indent(suites)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(suites, encoding="unicode") + "\n"
