"""Hub page that links to fewer of its members than `hub_links_to_members` asks.

## What it does
For every cluster, counts the published members its hub links to directly and reports
the hub when the share is under the cluster's `hub_links_to_members` (default 1.0,
every member). The message names the members it misses.

## Why is this bad?
The hub is the cluster's table of contents: members it does not link are one click
deeper, get less authority, and readers of the overview never learn they exist.

## Example
```yaml
clusters:
  - id: privacy
    hub: /docs/privacy/
    members: ["docs/privacy/**"]
```
and `/docs/privacy/` lists every privacy page but `/docs/privacy/dnt/`.

## Use instead
Add the missing members to the hub's "In this section" list, or lower
`hub_links_to_members` for a cluster too big to list in full.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..findings import Finding, Severity
from ._base import RuleContext

ID = "hub-coverage"
SCOPE = "site"
DEFAULT = Severity.WARNING


def check(ctx: RuleContext, options: object) -> Iterator[Finding]:
    for cluster in ctx.clusters.values():
        members = cluster.published_members
        if not members or not cluster.hub.published:
            continue
        spec = ctx.policy.clusters[cluster.index]
        linked = {
            link.target_page.url
            for link in cluster.hub.links
            if link.is_page_link and link.target_page is not None
        }
        missing = sorted(m.url for m in members if m.url not in linked)
        share = (len(members) - len(missing)) / len(members)
        if share + 1e-9 < spec.hub_links_to_members:
            shown = ", ".join(missing[:10]) + (f" and {len(missing) - 10} more" if len(missing) > 10 else "")
            yield ctx.finding(
                cluster.hub,
                f"hub of '{cluster.id}' links to {len(members) - len(missing)} of {len(members)} members "
                f"({share:.0%}, needs {spec.hub_links_to_members:.0%}); missing: {shown}",
            )
