"""A change that exceeds a `guardrails` limit (reported by `linkpolicy diff` only).

## What it does
Compares the base and head of a change and reports, with the numbers:
- more links removed than `max_links_removed`;
- a cluster losing a larger share of its internal links than `max_cluster_links_removed`;
- a hub whose internal PageRank drops by more than `max_hub_pagerank_drop` (relative);
- new orphan pages when `allow_new_orphans` is false.

Links of every kind count: written in a page, in a managed block, or made by the
templates (navigation, one link a page pair).

## Why is this bad?
Large link removals are how a redesign, a migration or a bulk edit quietly wrecks a
site's internal authority. A guardrail turns "we lost half the links to our pricing
cluster" from a traffic drop discovered weeks later into a red check on the pull
request.

## Example
```yaml
guardrails:
  max_links_removed: 50
  max_hub_pagerank_drop: 0.15
```
A template change removes the sidebar links from 300 pages.

## Use instead
Split the change, restore the links that carried authority, or, when the change is
intended, raise the limit in the same pull request so the reviewer sees it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any

from ..findings import Finding, Severity

if TYPE_CHECKING:
    from ..policy import LoadedPolicy

ID = "guardrail-breach"
SCOPE = "diff"
DEFAULT = Severity.ERROR


def check(ctx: Any, options: object) -> Iterator[Finding]:
    """Guardrails compare two revisions; `check` alone has nothing to compare."""
    return iter(())


def breaches(
    policy: LoadedPolicy,
    result: Any,
    base_links: Callable[[Iterable[str]], list[Any]],
    base_clusters: dict[str, tuple[str, set[str]]] | None,
) -> list[Finding]:
    """The guardrails ``result`` breaks; ``base_links``: the base's links from the pages at
    the URLs given; ``base_clusters``: each base cluster's hub URL and member URLs (None:
    the base could not be analysed)."""
    rails = policy.policy.guardrails
    severity = DEFAULT
    setting = policy.policy.rules.settings.get(ID)
    if setting is not None and setting.severity is not None:
        severity = Severity.parse(setting.severity)
    if severity is Severity.OFF:
        return []
    out: list[Finding] = []

    def breach(key: str, message: str, page: str | None = None) -> None:
        shown, line, column = policy.locate(("guardrails", key))
        # findings name files relative to the repository root
        path = f"{policy.repo_dir}/{shown.rsplit('/', 1)[-1]}" if policy.repo_dir else shown
        out.append(Finding(ID, severity, path, line, column, message, page=page))

    removed = len(result.links_removed)
    if rails.max_links_removed is not None and removed > rails.max_links_removed:
        breach(
            "max_links_removed",
            f"{removed} links removed, more than max_links_removed ({rails.max_links_removed})",
        )
    if rails.max_cluster_links_removed is not None and base_clusters is not None:
        removed_keys = {r.key for r in result.links_removed}
        for cid, (hub, members) in base_clusters.items():
            own = base_links(sorted({hub, *members}))
            lost = [r for r in own if r.key in removed_keys]
            if own and len(lost) / len(own) > rails.max_cluster_links_removed:
                breach(
                    "max_cluster_links_removed",
                    f"cluster '{cid}' lost {len(lost)} of its {len(own)} links ({len(lost) / len(own):.0%}), "
                    f"more than max_cluster_links_removed ({rails.max_cluster_links_removed:.0%})",
                    hub,
                )
    if rails.max_hub_pagerank_drop is not None:
        for delta in result.clusters:
            before, after = delta.hub_pagerank
            if before and after is not None and (before - after) / before > rails.max_hub_pagerank_drop:
                breach(
                    "max_hub_pagerank_drop",
                    f"hub of '{delta.id}' lost {(before - after) / before:.0%} of its internal PageRank "
                    f"({before:.4f} -> {after:.4f}), more than max_hub_pagerank_drop "
                    f"({rails.max_hub_pagerank_drop:.0%})",
                )
    if not rails.allow_new_orphans:
        orphans = [f for f in result.findings_new if f.rule == "orphan-page"]
        if orphans:
            breach(
                "allow_new_orphans",
                f"{len(orphans)} new orphan pages ({', '.join(f.page or f.path for f in orphans[:5])}"
                f"{'…' if len(orphans) > 5 else ''}) and allow_new_orphans is false",
            )
    return out
