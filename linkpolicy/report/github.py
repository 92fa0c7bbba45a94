"""GitHub Actions workflow commands: one annotation per finding, up to what GitHub shows.

GitHub keeps 10 error and 10 warning annotations per step (and 50 per job); beyond that
it drops them silently, so we print the rest as plain lines and say how many there were.
Every field from content is escaped (see :mod:`.safe`): no finding can print a line of
its own, so none can issue a workflow command (``::add-mask::``, ``::stop-commands::``).
"""

from __future__ import annotations

from ..findings import Finding, Report, Severity
from . import text
from .safe import clean_report

#: Annotations GitHub shows per step, by command.
LIMITS = {"error": 10, "warning": 10, "notice": 10}
_COMMAND = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(value: str) -> str:
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


def annotation(f: Finding) -> str:
    command = _COMMAND[f.severity]
    props = ",".join(
        [
            f"file={escape_property(f.path)}",
            f"line={f.line}",
            f"col={f.column}",
            f"title={escape_property(f'linkpolicy {f.rule}')}",
        ]
    )
    return f"::{command} {props}::{escape_data(f.message)}"


def render(report: Report) -> str:
    report = clean_report(report)
    used = dict.fromkeys(LIMITS, 0)
    lines: list[str] = []
    rest: list[Finding] = []
    for f in report.findings:
        command = _COMMAND.get(f.severity)
        if command is None:
            continue
        if used[command] < LIMITS[command]:
            used[command] += 1
            lines.append(annotation(f))
        else:
            rest.append(f)
    if rest:
        lines.append(
            f"linkpolicy: {len(rest)} more findings are not annotated (GitHub shows "
            f"{LIMITS['error']} errors and {LIMITS['warning']} warnings per step); "
            "all of them are in the job summary and the SARIF report:"
        )
        # Each plain line starts with "linkpolicy: ", never with a path: GitHub reads a line
        # that starts with "::" or "##[" (leading spaces ignored) as a workflow command.
        lines.extend(f"linkpolicy: {text.line(f)}" for f in rest)
    lines.append(text.summary_line(report))
    return "\n".join(lines) + "\n"
