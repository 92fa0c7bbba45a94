"""``path:line:column: severity[rule] message``, one a line, then a summary line."""

from __future__ import annotations

from ..findings import Report


def render(report: Report) -> str:
    lines = [
        f"{f.path}:{f.line}:{f.column}: {f.severity.label}[{f.rule}] {f.message}" for f in report.findings
    ]
    s = report.summary
    lines.append(
        f"{s.pages} pages, {s.links} links: "
        f"{_n(s.errors, 'error')}, {_n(s.warnings, 'warning')}, {_n(s.infos, 'info')}"
    )
    return "\n".join(lines) + "\n"


def _n(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"
