"""Hub whose internal PageRank is not the highest in its cluster.

## What it does
Computes internal PageRank over the link graph of published pages (damping 0.85; a
menu or sidebar on every page counts as every page's links, as on the built site) and
reports a hub when some member of its cluster outranks it. The message gives both
scores, with as many decimals as tell them apart.

## Why is this bad?
The hub is the page meant to rank for the cluster's broad topic. If a member holds
more internal authority, the site's own links are telling search engines that the
member, not the hub, is the cluster's main page.

## Example
Every tracking page links to `/docs/tracking/install/` and only a few link to the hub
`/docs/tracking/`.

## Use instead
Link the hub from every member and from higher-level pages (home, docs index); link
to the popular member through the hub rather than from everywhere.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..findings import Finding, Severity
from ._base import RuleContext

ID = "hub-authority"
SCOPE = "site"
DEFAULT = Severity.WARNING


def check(ctx: RuleContext, options: object) -> Iterator[Finding]:
    for cluster in ctx.clusters.values():
        hub = cluster.hub
        hub_rank = ctx.graph.rank(hub.url)
        if hub_rank is None:
            continue
        ranked = [(r, m.url) for m in cluster.published_members if (r := ctx.graph.rank(m.url)) is not None]
        if not ranked:
            continue
        top_rank, top = max(ranked)
        if top_rank > hub_rank + 1e-12:
            shown, top_shown = _apart(hub_rank, top_rank)
            yield ctx.finding(
                hub,
                f"hub of '{cluster.id}' has internal PageRank {shown}, below member {top} ({top_shown})",
                target=top,
            )


def _apart(low: float, high: float) -> tuple[str, str]:
    """The two ranks with four decimals, or as many more as tell them apart (a menu or
    sidebar on every page gives its pages nearly equal ranks)."""
    for digits in range(4, 13):
        a, b = f"{low:.{digits}f}", f"{high:.{digits}f}"
        if a != b:
            return a, b
    return f"{low:.12f}", f"{high:.12f}"
