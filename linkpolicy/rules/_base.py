"""What every rule module gets: the context it reads, and an options base model."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, ConfigDict

from ..findings import Finding, Severity
from ..patterns import glob_match
from ..site.model import Link, Page, Site
from ..site.urls import url_key

if TYPE_CHECKING:
    from ..site.clusters import Cluster
    from ..site.graph import SiteGraph

if TYPE_CHECKING:
    from ..policy import Policy
    from ..signals.model import SignalsResult


class Options(BaseModel):
    """A rule without options; rules with options subclass it."""

    model_config = ConfigDict(extra="forbid")


@dataclass
class RuleContext:
    """The site, the policy and the graph, plus a way to make findings."""

    site: Site
    policy: Policy
    graph: SiteGraph
    clusters: dict[str, Cluster]
    #: the whole analysis, for rules about generated files (blocks, snapshot)
    analysis: Any = None
    #: imported crawl, indexing and traffic signals (`--signals`), else None
    signals: SignalsResult | None = None
    rule: str = ""
    severity: Severity = Severity.WARNING
    findings: list[Finding] = field(default_factory=list)

    _pages: dict[str, Page | None] = field(default_factory=dict)
    #: what a rule makes once for all its calls (see :meth:`once`)
    _made: dict[str, Any] = field(default_factory=dict)

    def finding(
        self,
        at: Link | Page,
        message: str,
        target: str | None = None,
        line: int = 1,
        column: int = 1,
    ) -> Finding:
        """A finding at a link's position, or on a page (line 1, column 1 unless given)."""
        anchor = None
        if isinstance(at, Link):
            page, line, column = at.source, at.line, at.column
            anchor = at.text
            if target is None:
                target = at.target
        else:
            page = at
        return Finding(
            rule=self.rule,
            severity=self.severity,
            path=page.path,
            line=line,
            column=column,
            message=message,
            page=page.url or None,
            target=target,
            anchor=anchor,
        )

    def lookup(self, ref: str) -> Page | None:
        """The page a policy names by URL or content path (memoized)."""
        if ref not in self._pages:
            self._pages[ref] = self.site.find(ref)
        return self._pages[ref]

    def once(self, name: str, make: Callable[[], Any]) -> Any:
        """``make()``, made at the first call with ``name`` and kept for the run (an index a
        rule needs only once it has something to report)."""
        if name not in self._made:
            self._made[name] = make()
        return self._made[name]

    def page_links(self, page: Page) -> Iterator[Link]:
        """Hyperlinks (not images) of a page."""
        return (link for link in page.links if not link.is_image)


def ignored_by(entry: Any, f: Finding, rel: str) -> bool:
    """Whether a `rules.ignore` entry drops finding ``f`` (``rel``: the path relative to
    its content root; entries may give either that or the repository path)."""
    if entry.rule not in ("*", f.rule):
        return False
    if entry.paths and not glob_match(f.path, entry.paths) and not glob_match(rel, entry.paths):
        return False
    if entry.targets:
        if f.target is None:
            return False
        key = url_key(f.target)
        if not any(url_key(t) == key or glob_match(key.lstrip("/"), [t.strip("/")]) for t in entry.targets):
            return False
    return True
