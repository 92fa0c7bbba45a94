"""Cluster member more clicks from its hub than `max_depth_from_hub`.

## What it does
For clusters that set `max_depth_from_hub`, measures the shortest link path from the
hub to each published member and reports members deeper than that, or not reachable
from the hub at all. Members that the home page cannot reach are left to `orphan-page`
and `unreachable-page`.

## Why is this bad?
A cluster should be shallow around its hub: members buried several clicks below it
get little of its authority and look unrelated to it.

## Example
```yaml
clusters:
  - id: tracking
    hub: /docs/tracking/
    max_depth_from_hub: 1
```
and `/docs/tracking/spa/` is reached only through `/docs/tracking/install/`.

## Use instead
Link the member from the hub directly.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..findings import Finding, Severity
from ._base import RuleContext

ID = "cluster-depth"
SCOPE = "site"
DEFAULT = Severity.WARNING


def check(ctx: RuleContext, options: object) -> Iterator[Finding]:
    measured = []
    for cluster in ctx.clusters.values():
        limit = ctx.policy.clusters[cluster.index].max_depth_from_hub
        if limit is None or not cluster.hub.published:
            continue
        # pages the home page does not reach: orphan-page or unreachable-page reports them
        members = [m for m in cluster.published_members if ctx.graph.depth_of(m.url) is not None]
        measured.append((cluster, limit, members))
    # every cluster's search from its hub at once
    depths = ctx.graph.depths_from_each([(c.hub.url, [m.url for m in members]) for c, _, members in measured])
    for (cluster, limit, members), depth in zip(measured, depths, strict=True):
        for member in members:
            d = depth.get(member.url)
            if d is None:
                yield ctx.finding(
                    member,
                    f"no link path from hub {cluster.hub.url} of '{cluster.id}'",
                    target=cluster.hub.url,
                )
            elif d > limit:
                yield ctx.finding(
                    member,
                    f"{d} clicks from hub {cluster.hub.url} of '{cluster.id}' (max {limit})",
                    target=cluster.hub.url,
                )
