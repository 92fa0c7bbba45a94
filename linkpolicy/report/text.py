"""``path:line:column: severity[rule] message``, one a line, then a summary line."""

from __future__ import annotations

from ..findings import Finding, Report
from .safe import clean_report

#: ANSI styles for ``color=True``: severity labels, the rule, the path.
_STYLE = {
    "error": "\x1b[1;31m",
    "warning": "\x1b[1;33m",
    "info": "\x1b[1;34m",
    "rule": "\x1b[2m",
    "path": "\x1b[1m",
}
_RESET = "\x1b[0m"


def render(report: Report, color: bool = False) -> str:
    """The report; ``color`` adds ANSI colours (the CLI decides: a terminal, NO_COLOR...)."""
    report = clean_report(report)
    lines = [line(f, color) for f in report.findings]
    lines.append(summary_line(report))
    return "\n".join(lines) + "\n"


def line(f: Finding, color: bool = False) -> str:
    if not color:
        return f"{f.path}:{f.line}:{f.column}: {f.severity.label}[{f.rule}] {f.message}"
    label = f.severity.label
    return (
        f"{_STYLE['path']}{f.path}:{f.line}:{f.column}:{_RESET} {_STYLE[label]}{label}{_RESET}"
        f"{_STYLE['rule']}[{f.rule}]{_RESET} {f.message}"
    )


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
