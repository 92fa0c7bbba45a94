"""SARIF 2.1.0, as GitHub code scanning reads it: every rule with its explain text, and
one result per finding with a repository-relative location and a stable fingerprint."""

from __future__ import annotations

import hashlib
import json
from collections import Counter
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


def fingerprints(findings: list[Finding]) -> list[str]:
    """One fingerprint per finding, stable across line moves: rule, file, page, target and
    anchor text, plus the occurrence among the page's findings with those same values (in
    document order), so identical links on one page stay separate alerts."""
    seen: Counter[tuple[str, ...]] = Counter()
    out = []
    for i in sorted(range(len(findings)), key=lambda i: findings[i].sort_key()):
        key = findings[i].fingerprint()
        seen[key] += 1
        out.append((i, "\x1f".join((*key, str(seen[key])))))
    out.sort()
    return [hashlib.sha256(key.encode("utf-8")).hexdigest()[:32] for _, key in out]


def render(report: Report, category: str = "linkpolicy") -> str:
    """The SARIF log; ``category`` becomes ``automationDetails.id`` ("CATEGORY/"), which
    code scanning uses to keep the analyses of two sites (or two jobs) apart."""
    report = clean_report(report)
    prints = fingerprints(report.findings)
    rule_ids = list(RULES)
    index = {rid: i for i, rid in enumerate(rule_ids)}
    results = []
    for f, print_ in zip(report.findings, prints, strict=True):
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
                "partialFingerprints": {"linkpolicyFinding/v2": print_},
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
                "automationDetails": {"id": category.strip("/") + "/"},
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"
