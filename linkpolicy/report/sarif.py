"""SARIF 2.1.0, as GitHub code scanning reads it: every rule with its explain text, and
one result per finding with a repository-relative location and a stable fingerprint."""

from __future__ import annotations

import hashlib
import json
from typing import Any

from .. import __version__
from ..findings import Finding, Report, Severity
from ..rules import RULES, documentation, summary
from .safe import clean_report

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = "https://github.com/linkpolicy/linkpolicy"

_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note", Severity.OFF: "none"}


def _rule_descriptor(rule_id: str) -> dict[str, Any]:
    module = RULES[rule_id]
    doc = documentation(module)
    what = doc.split("## Why is this bad?")[0].replace("## What it does", "").strip()
    return {
        "id": rule_id,
        "name": "".join(part.capitalize() for part in rule_id.split("-")),
        "shortDescription": {"text": summary(module)[:1024]},
        "fullDescription": {"text": " ".join(what.split())[:1024]},
        "help": {"text": doc, "markdown": doc},
        "defaultConfiguration": {"level": _LEVEL[module.DEFAULT]},
        "properties": {"tags": ["links", "seo"], "precision": "very-high"},
    }


def fingerprint(f: Finding) -> str:
    """Stable across line moves: rule, file, page and target, not positions."""
    key = "\x1f".join(f.fingerprint())
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]


def render(report: Report) -> str:
    report = clean_report(report)
    rule_ids = list(RULES)
    index = {rid: i for i, rid in enumerate(rule_ids)}
    results = []
    for f in report.findings:
        results.append(
            {
                "ruleId": f.rule,
                "ruleIndex": index[f.rule],
                "level": _LEVEL[f.severity],
                "message": {"text": f.message},
                "locations": [
                    {
                        "physicalLocation": {
                            "artifactLocation": {"uri": f.path, "uriBaseId": "%SRCROOT%"},
                            "region": {"startLine": f.line, "startColumn": f.column},
                        }
                    }
                ],
                "partialFingerprints": {"linkpolicyFinding/v1": fingerprint(f)},
            }
        )
    doc = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "linkpolicy",
                        "version": __version__,
                        "semanticVersion": __version__,
                        "informationUri": INFORMATION_URI,
                        "rules": [_rule_descriptor(rid) for rid in rule_ids],
                    }
                },
                "automationDetails": {"id": "linkpolicy/"},
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"
