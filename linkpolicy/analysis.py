"""The analysis of a site that every command works from: the policy, the site, its link
graph and clusters, and what the run noticed beside findings."""

from __future__ import annotations

import datetime as dt
import posixpath
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .policy import LoadedPolicy
from .site.clusters import Cluster
from .site.model import Site
from .site.snapshot import FILES as SNAPSHOT_FILES
from .site.snapshot import SnapshotState, render_snapshot
from .source import Source

if TYPE_CHECKING:
    from .generate import BlockChange, Plan, Refusal, StaleBlock
    from .site.graph import SiteGraph


@dataclass
class Analysis:
    """Everything a command needs: the policy, the site, its graph and clusters."""

    root: Path
    source: Source
    policy: LoadedPolicy
    site: Site
    graph: SiteGraph
    clusters: dict[str, Cluster]
    #: what the run noticed beside findings (shown by `check`)
    notes: list[str] = field(default_factory=list)
    #: the day approvals and review cadence are judged on (None: LINKPOLICY_TODAY, else today in UTC)
    today: dt.date | None = None
    #: imported crawl, indexing and traffic signals (`--signals`), read by the signal rules
    signals: Any = None
    _plan: Plan | None = field(default=None, repr=False)

    @property
    def block_plan(self) -> Plan:
        """What `generate` writes: every page's blocks, with the bytes of the stale ones."""
        if self._plan is None or self._plan.lean:
            from .generate import plan_blocks  # (a run its record answers plans none)

            self._plan = plan_blocks(self.source, self.site, self.policy, self.clusters)
        return self._plan

    def _any_plan(self) -> Plan:
        """The plan made so far, or a lean one (no bytes): what `check` reads."""
        if self._plan is None:
            from .generate import plan_blocks

            self._plan = plan_blocks(self.source, self.site, self.policy, self.clusters, lean=True)
        return self._plan

    @property
    def block_changes(self) -> list[BlockChange]:
        """Managed blocks whose content differs from what `generate` would write, with the
        bytes to write."""
        return self.block_plan.changes  # type: ignore[return-value]  # a plan with bytes

    def block_writes(self) -> Iterator[list[BlockChange] | Refusal]:
        """Each stale page's changes with its bytes, one page at a time: the writers' way
        through the plan, which never holds a big site's stale pages before and after all
        at once. With no plan made yet, the pages are planned as they are written and the
        run keeps a lean plan (`block_refusals` then names the refusals); with one, each
        stale page is read again as its turn comes, and a page that no longer takes its
        block is a refusal given here."""
        from .generate import Plan, page_writes, planned_writes

        if self._plan is not None:
            yield from page_writes(self.source, self.site, self.policy, self._plan)
            return
        plan = Plan([], [], lean=True)
        yield from planned_writes(self.source, self.site, self.policy, self.clusters, plan)
        self._plan = plan

    @property
    def stale_blocks(self) -> list[StaleBlock]:
        """Managed blocks whose content differs from what `generate` would write."""
        return self._any_plan().changes

    @property
    def planned_bodies(self) -> dict[str, list[tuple[str, str, bool]]] | None:
        """What `generate` writes in each page's blocks, when this run planned them."""
        return self._plan.bodies if self._plan is not None else None

    @property
    def block_refusals(self) -> list[Refusal]:
        """Pages `generate` leaves alone: markers that cannot be trusted, or a block that
        would not sit cleanly between its markers."""
        return self._any_plan().refused

    def snapshot(self) -> SnapshotState:
        directory = posixpath.normpath(self.policy.policy.site.snapshot).strip("/") + "/"
        committed: dict[str, str | None] = {}
        for name in SNAPSHOT_FILES:
            try:
                committed[name] = self.source.read(directory + name).decode("utf-8")
            except (OSError, UnicodeDecodeError):
                committed[name] = None
        return SnapshotState(directory, render_snapshot(self.site, self.clusters), committed)

    def has_snapshot(self) -> bool:
        return self.source.is_dir(posixpath.normpath(self.policy.policy.site.snapshot).strip("/"))
