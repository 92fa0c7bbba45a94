"""The stable JSON report (``version`` 1, SPEC §6)."""

from __future__ import annotations

import json

from ..findings import Report
from .safe import clean_report

VERSION = 1


def render(report: Report) -> str:
    report = clean_report(report, json_only=True)
    summary: dict[str, object] = dict(report.summary.to_dict())
    if report.edges:
        summary["edges"] = report.edges
    if report.baselined is not None:
        summary |= {"baselined": report.baselined, "stale_baseline": report.stale_baseline}
    doc = {
        "version": VERSION,
        "summary": summary,
        "findings": [f.to_dict() for f in report.findings],
    }
    if report.notes:
        doc["notes"] = report.notes
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"
