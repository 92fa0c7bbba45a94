"""GitLab Code Quality: a JSON array of issues (``artifacts:reports:codequality``), each
with a description, check name, a fingerprint unique within the report (see
:func:`.sarif.fingerprints`), a severity and the file and line."""

from __future__ import annotations

import json

from ..findings import Report, Severity
from .safe import clean_report
from .sarif import fingerprints

_SEVERITY = {Severity.ERROR: "major", Severity.WARNING: "minor", Severity.INFO: "info"}


def render(report: Report) -> str:
    report = clean_report(report)
    issues = [
        {
            "description": f.message,
            "check_name": f.rule,
            "fingerprint": print_,
            "severity": _SEVERITY.get(f.severity, "info"),
            "location": {"path": f.path, "lines": {"begin": f.line}},
        }
        for f, print_ in zip(report.findings, fingerprints(report.findings), strict=True)
    ]
    return json.dumps(issues, indent=2, ensure_ascii=False) + "\n"
