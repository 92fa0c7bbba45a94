"""Cluster member that does not link to its hub page.

## What it does
For every cluster in `clusters`, reports published members (pages matched by
`members` globs or with front matter `cluster: <id>`) that have no link to the
cluster's `hub`. A hub is never a member of its own cluster.

## Why is this bad?
Topic clusters work when members pass authority up to the hub, which is the page meant
to rank for the broad topic. A member that does not link up leaks that authority and
leaves readers without a way to the overview.

## Example
`docs/integrations/zapier.md` links to other integrations but never to
`/docs/integrations/`.

## Use instead
```markdown
Part of [Integrations](/docs/integrations/).
```
"""

from __future__ import annotations

from collections.abc import Iterator

from ..findings import Finding, Severity
from ._base import RuleContext

ID = "hub-missing-link"
SCOPE = "site"
DEFAULT = Severity.ERROR


def check(ctx: RuleContext, options: object) -> Iterator[Finding]:
    for cluster in ctx.clusters.values():
        hub = cluster.hub
        for member in cluster.published_members:
            if any(link.target_page is hub for link in ctx.site.links_on(member) if link.is_page_link):
                continue
            yield ctx.finding(
                member, f"member of cluster '{cluster.id}' does not link to its hub {hub.url}", target=hub.url
            )
