"""The stable JSON report (``version`` 1, SPEC §6)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from json.encoder import encode_basestring
from typing import Any

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
    # each finding's object is made and written in turn (a big site's findings as dicts
    # and text at once would take several times the report's size)
    findings = (f.to_dict() for f in report.findings) if report.findings else []
    doc: dict[str, Any] = {"version": VERSION, "summary": summary, "findings": findings}
    if report.notes:
        doc["notes"] = report.notes
    return dumps(doc, end="\n")


def dumps(doc: dict[str, Any], end: str = "") -> str:
    """``json.dumps(doc, indent=2, ensure_ascii=False) + end``, the same text, with lists
    (or generators) of flat objects (the findings) written through the C string encoder:
    the standard library falls back to pure Python for indented output, a third of a warm
    run's time."""
    if not doc:
        return "{}" + end
    parts = ["{\n"]
    for i, (key, value) in enumerate(doc.items()):
        parts.append(",\n  " if i else "  ")
        parts.append(f"{json.dumps(key, ensure_ascii=False)}: ")
        if isinstance(value, Iterator) or (
            isinstance(value, list) and value and all(type(v) is dict and v for v in value)
        ):
            parts.append("[\n")
            for j, item in enumerate(value):
                if j:
                    parts.append(",\n")
                parts.append(_flat_object(item, "    "))
            parts.append("\n  ]")
        else:
            parts.append(json.dumps(value, indent=2, ensure_ascii=False).replace("\n", "\n  "))
    parts.append("\n}" + end)
    return "".join(parts)


def _flat_object(obj: dict[Any, Any], indent: str) -> str:
    fields = []
    for key, value in obj.items():
        kind = type(value)
        if type(key) is not str:
            break
        if kind is str:
            text = encode_basestring(value)
        elif kind is int:
            text = int.__repr__(value)
        elif value is None:
            text = "null"
        elif kind is bool:
            text = "true" if value else "false"
        else:
            break
        fields.append(f"{indent}  {encode_basestring(key)}: {text}")
    else:
        return f"{indent}{{\n" + ",\n".join(fields) + f"\n{indent}}}"
    nested = json.dumps(obj, indent=2, ensure_ascii=False).replace("\n", "\n" + indent)
    return indent + nested
