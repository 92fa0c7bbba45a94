"""A Markdown summary for `$GITHUB_STEP_SUMMARY` and pull-request comments.

Counts per rule and severity, the first findings in a table, the rest in a collapsed
section. It stays under :data:`MAX_CHARS` (GitHub refuses comments over 65,536
characters; a step summary may hold 1 MiB), cutting the list and saying so.
"""

from __future__ import annotations

from collections import Counter

from ..findings import Finding, Report, Severity
from ..rules import RULES, summary
from .safe import clean_report

MAX_CHARS = 60_000
TOP = 20
MARKER = "<!-- linkpolicy -->"
_ICON = {Severity.ERROR: "🔴 error", Severity.WARNING: "🟡 warning", Severity.INFO: "🔵 info"}


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _row(f: Finding) -> str:
    return f"| {_ICON[f.severity]} | `{f.rule}` | `{_cell(f.path)}:{f.line}` | {_cell(f.message)} |"


def render(report: Report, max_chars: int = MAX_CHARS) -> str:
    report = clean_report(report)
    s = report.summary
    out = [MARKER, "## linkpolicy", ""]
    if not report.findings:
        out.append(f"✅ No findings on {s.pages} pages and {s.links} links.")
        return "\n".join(out) + "\n"
    out.append(
        f"**{s.errors} errors, {s.warnings} warnings, {s.infos} infos** on {s.pages} pages "
        f"and {s.links} links."
    )
    out += ["", "| Rule | Severity | Findings | What it checks |", "|---|---|---:|---|"]
    counts = Counter((f.rule, f.severity) for f in report.findings)
    for (rule, sev), n in sorted(counts.items(), key=lambda kv: (-kv[0][1], -kv[1], kv[0][0])):
        out.append(f"| `{rule}` | {_ICON[sev]} | {n} | {_cell(summary(RULES[rule]))} |")
    ordered = sorted(report.findings, key=lambda f: (-f.severity, f.sort_key()))
    header = ["", "| Severity | Rule | Where | Message |", "|---|---|---|---|"]
    top, rest = ordered[:TOP], ordered[TOP:]
    out += ["", f"### Top findings ({len(top)} of {len(ordered)})", *header, *(_row(f) for f in top)]
    if rest:
        tail = ["", f"<details><summary>{len(rest)} more findings</summary>", *header]
        closing = ["", "</details>"]
        budget = max_chars - len("\n".join(out)) - len("\n".join(tail + closing)) - 200
        shown = 0
        for f in rest:
            row = _row(f)
            if budget - len(row) - 1 < 0:
                break
            tail.append(row)
            budget -= len(row) + 1
            shown += 1
        if shown < len(rest):
            tail.append("")
            tail.append(
                f"…and {len(rest) - shown} more, left out to fit GitHub's size limit; "
                "run `linkpolicy check` locally for the full list."
            )
        out += tail + closing
    out += ["", "Run `linkpolicy explain RULE` for what a rule checks and how to fix it."]
    return "\n".join(out) + "\n"
