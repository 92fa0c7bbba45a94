"""``path:line:column: severity[rule] message``, one a line, then a summary line."""

from __future__ import annotations

from ..findings import Finding, Report
from .safe import clean_report


def render(report: Report) -> str:
    report = clean_report(report)
    lines = [line(f) for f in report.findings]
    lines.append(summary_line(report))
    return "\n".join(lines) + "\n"


def line(f: Finding) -> str:
    return f"{f.path}:{f.line}:{f.column}: {f.severity.label}[{f.rule}] {f.message}"


def summary_line(report: Report) -> str:
    s = report.summary
    line = (
        f"{s.pages} pages, {s.links} links: "
        f"{_n(s.errors, 'error')}, {_n(s.warnings, 'warning')}, {_n(s.infos, 'info')}"
    )
    if report.baselined is not None:
        line += f" ({report.baselined} more in the baseline"
        if report.stale_baseline:
            line += (
                f"; {report.stale_baseline} baseline entries match nothing any more: "
                "run `linkpolicy baseline` to shrink it"
            )
        line += ")"
    return line


def _n(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"
