"""Cluster hub that crawlers have not fetched for more than `days` days.

## What it does
With imported signals (`linkpolicy signals DIR`, `check --signals DIR`), finds each
cluster's hub in the access logs (search-engine and AI crawlers, recognised by user
agent) and in Search Console's page-indexing tables (their "Last crawled" date), and
reports hubs whose last crawl is more than `days` days before the end of the logs (or
the newest crawl date imported). A hub the Combined-format logs never show a crawler
fetching is reported too. Without crawl signals the rule is silent.

## Why is this bad?
A hub is where a cluster's links start. When crawlers rarely fetch it, new and changed
member pages are discovered late and the hub's links pass on stale signals.

## Example
`/docs/tracking/` was last fetched by Googlebot on 2026-08-02; the logs run to
2026-11-30 (120 days later, over the 14-day limit).

## Use instead
Link the hub from pages crawlers fetch often (home page, navigation), keep it in the
sitemap with a current `lastmod`, and check it does not answer crawlers with errors or
redirects (the per-page status codes in `linkpolicy signals --pages --format json`).

## Options
- `days` (integer, default 14): longest allowed time since a crawler last fetched a hub.
"""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import Field

from ..findings import Finding, Severity
from ._base import Options as BaseOptions
from ._base import RuleContext

ID = "crawl-starved-hub"
SCOPE = "site"
DEFAULT = Severity.WARNING


class Options(BaseOptions):
    days: int = Field(
        14, ge=0, description="longest allowed time since a crawler last fetched a hub, in days"
    )


def check(ctx: RuleContext, options: Options) -> Iterator[Finding]:
    signals = ctx.signals
    if signals is None or not signals.has_crawl:
        return
    crawled = [p.raw.last_crawl for p in signals.pages if p.raw.last_crawl]
    end = signals.log_end or (max(crawled) if crawled else None)
    if end is None:
        return
    for cluster in ctx.clusters.values():
        hub = signals.page(cluster.hub.url)
        if hub is None:
            continue
        last = hub.raw.last_crawl
        if last is None and signals.has_logs:
            yield ctx.finding(
                cluster.hub,
                f"no crawler fetched hub {hub.url} of cluster {cluster.id} in the logs (to {end})",
            )
        elif last is not None and (end - last).days > options.days:
            yield ctx.finding(
                cluster.hub,
                f"hub {hub.url} of cluster {cluster.id} was last crawled on {last}, "
                f"{(end - last).days} days before {end} (max {options.days})",
            )
