"""Cluster hub that Search Console reports as not indexed.

## What it does
With a Search Console page-indexing export among the signals (the drill-down's
`Table.csv` with its `Metadata.csv`, or any CSV with `--columns url=...,indexed=...`),
reports each cluster hub listed as not indexed, with Google's reason ("Crawled -
currently not indexed", "Excluded by 'noindex' tag", ...). Silent without indexing data.

## Why is this bad?
A hub that is not in the index cannot rank for the cluster's head topic, and the
authority its members pass to it is wasted.

## Example
`/docs/privacy/` is in the "Crawled - currently not indexed" table.

## Use instead
Fix what the reason names (a stray `noindex`, a canonical pointing elsewhere, a redirect),
make the hub substantial and well linked, then ask for validation in Search Console.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..findings import Finding, Severity
from ._base import RuleContext

ID = "unindexed-hub"
SCOPE = "site"
DEFAULT = Severity.WARNING


def check(ctx: RuleContext, options: object) -> Iterator[Finding]:
    signals = ctx.signals
    if signals is None or not signals.has_index:
        return
    for cluster in ctx.clusters.values():
        hub = signals.page(cluster.hub.url)
        if hub is not None and hub.raw.indexed is False:
            reason = f": {hub.raw.index_reason}" if hub.raw.index_reason else ""
            yield ctx.finding(cluster.hub, f"hub {hub.url} of cluster {cluster.id} is not indexed{reason}")
