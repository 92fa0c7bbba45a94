"""Published page with inbound links but no link path from the home page.

## What it does
Reports published pages that some page links to, but that cannot be reached by
following links from the home page (`site.home`): an island of pages that only link
among themselves.

## Why is this bad?
Crawlers start from the home page and known URLs. An island may never be crawled, and
whatever authority the home page has never flows to it.

## Example
`/docs/legacy/a/` and `/docs/legacy/b/` link to each other, and nothing else links to
either.

## Use instead
Link the island from a page that is reachable, usually its section's hub.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..findings import Finding, Severity
from ..site.model import Page
from ._base import RuleContext

ID = "unreachable-page"
SCOPE = "page"
DEFAULT = Severity.ERROR


def check(ctx: RuleContext, page: Page, options: object) -> Iterator[Finding]:
    if page is ctx.site.home or not ctx.graph.inbound_kinds(page.url) or ctx.graph.home is None:
        return
    if ctx.graph.depth_of(page.url) is None:
        home = ctx.site.home.url if ctx.site.home else "/"
        yield ctx.finding(page, f"no link path leads from the home page {home} to {page.url}")
