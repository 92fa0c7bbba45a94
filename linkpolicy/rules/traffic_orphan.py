"""Page earning search traffic that no published page links to.

## What it does
With traffic signals (Search Console performance, GA4 landing pages, or a CSV with
`--columns`), reports published pages with at least `min_clicks` search clicks (or
`min_sessions` sessions, when set) and no inbound link from another published page of
any kind (content, managed block, navigation). The home page is exempt.

## Why is this bad?
The page already proves its worth to searchers, yet the site gives it no internal links:
its rankings lean on old signals and readers on the site never reach it.

## Example
`/blog/utm-hygiene/` had 240 clicks last month and no page links to it.

## Use instead
Link it from its cluster's hub and from related pages; add it to the cluster's managed
link block.

## Options
- `min_clicks` (integer, default 1): search clicks that make a page valuable.
- `min_sessions` (integer, default 0: off): analytics sessions that make a page valuable.
"""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import Field

from ..findings import Finding, Severity
from ..site.model import Page
from ._base import Options as BaseOptions
from ._base import RuleContext

ID = "traffic-orphan"
SCOPE = "page"
DEFAULT = Severity.WARNING


class Options(BaseOptions):
    min_clicks: int = Field(1, ge=1, description="search clicks that make a page valuable")
    min_sessions: int = Field(0, ge=0, description="analytics sessions that make a page valuable (0: off)")


def valuable(raw: object, min_clicks: int, min_sessions: int) -> str | None:
    """Why a page's traffic counts ("240 clicks"), or None."""
    clicks, sessions = getattr(raw, "clicks", 0), getattr(raw, "sessions", 0)
    if clicks >= min_clicks:
        return f"{clicks} search clicks"
    if min_sessions and sessions >= min_sessions:
        return f"{sessions} sessions"
    return None


def check(ctx: RuleContext, page: Page, options: Options) -> Iterator[Finding]:
    signals = ctx.signals
    if signals is None or not signals.has_traffic or page is ctx.site.home:
        return
    mine = signals.page(page.url)
    if mine is None or page.url not in ctx.graph.pages or ctx.graph.inbound_kinds(page.url):
        return
    why = valuable(mine.raw, options.min_clicks, options.min_sessions)
    if why:
        yield ctx.finding(page, f"{page.url} earns {why} but no published page links to it")
