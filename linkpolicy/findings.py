"""The result types every reporter sees: severities, findings and the report."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from enum import IntEnum
from typing import Any, Protocol


class Severity(IntEnum):
    OFF = 0
    INFO = 1
    WARNING = 2
    ERROR = 3

    @classmethod
    def parse(cls, value: str) -> Severity:
        return cls[value.strip().upper()]

    @property
    def label(self) -> str:
        return self.name.lower()


@dataclass(frozen=True, order=False, slots=True)
class Finding:
    """One problem, at a file position (1-based line and column)."""

    rule: str
    severity: Severity
    path: str
    line: int
    column: int
    message: str
    page: str | None = None
    target: str | None = None
    #: anchor text of the link, for fingerprints (not part of the JSON report)
    anchor: str | None = field(default=None, compare=False)

    def fingerprint(self) -> tuple[str, str, str, str, str]:
        """What identifies a finding across revisions: not its line or column, so a
        finding survives text moving around it."""
        anchor = " ".join((self.anchor or "").split()).lower()
        return (self.rule, self.path, self.page or "", self.target or "", anchor)

    def sort_key(self) -> tuple[str, int, int, str, str]:
        return (self.path, self.line, self.column, self.rule, self.message)

    def to_dict(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "severity": self.severity.label,
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "page": self.page,
            "target": self.target,
            "message": self.message,
        }


@dataclass
class Summary:
    pages: int = 0
    links: int = 0
    errors: int = 0
    warnings: int = 0
    infos: int = 0

    def to_dict(self) -> dict[str, int]:
        return {
            "pages": self.pages,
            "links": self.links,
            "errors": self.errors,
            "warnings": self.warnings,
            "infos": self.infos,
        }


@dataclass
class Report:
    """Findings of one run, sorted by path, line, column, rule."""

    findings: list[Finding] = field(default_factory=list)
    pages: int = 0
    links: int = 0
    #: page-to-page edges of the link graph per kind (content, block, navigation)
    edges: dict[str, int] = field(default_factory=dict)
    #: what the run noticed beside findings (built pages with no source, with --rendered)
    notes: list[str] = field(default_factory=list)
    #: with `check --baseline`: findings the baseline covered, and entries matching nothing
    baselined: int | None = None
    stale_baseline: int = 0

    @property
    def summary(self) -> Summary:
        s = Summary(pages=self.pages, links=self.links)
        for f in self.findings:
            if f.severity is Severity.ERROR:
                s.errors += 1
            elif f.severity is Severity.WARNING:
                s.warnings += 1
            elif f.severity is Severity.INFO:
                s.infos += 1
        return s

    def fails(self, fail_on: Severity) -> bool:
        return any(f.severity >= fail_on for f in self.findings)


class Disables(Protocol):
    """The rules a page's inline comments switch off (a parsed page, or its record)."""

    disabled_file: set[str]
    disabled_lines: dict[int, set[str]]


def enabled_in_scope(
    findings: Iterable[Finding], disables: Mapping[str, Disables], only_paths: set[str] | None
) -> list[Finding]:
    """``findings`` minus those the page's inline comments switch off and (with
    ``only_paths``) those outside these files or folders; sorted."""
    out = []
    inside = in_paths(only_paths) if only_paths is not None else None
    for f in findings:
        if inside is not None and not inside(f.path):
            continue
        page = disables.get(f.path)
        if page is not None:
            off_file = page.disabled_file
            if "" in off_file or f.rule in off_file:
                continue
            off_line = page.disabled_lines.get(f.line)
            if off_line is not None and (not off_line or f.rule in off_line):
                continue
        out.append(f)
    out.sort(key=Finding.sort_key)
    return out


def in_paths(only: set[str]) -> Callable[[str], bool]:
    """Whether a path is one of ``only`` or inside one of its folders."""
    folders = tuple(p.rstrip("/") + "/" for p in only)
    return lambda path: path in only or path.startswith(folders)
