"""Page with search traffic more than `max_depth` clicks from the home page.

## What it does
With traffic signals, reports published pages with at least `min_clicks` search clicks
(or `min_sessions` sessions, when set) whose click depth from the home page is above
`max_depth`. Unreachable pages are left to `unreachable-page`.

## Why is this bad?
Pages that earn traffic deserve the crawl attention and link equity that come with a
shallow position; deep pages are crawled less often and their rankings are fragile.

## Example
`/docs/self-hosting/kubernetes/helm-values/` had 90 clicks and sits 5 clicks deep.

## Use instead
Link it from its hub, the home page's sections or the navigation, so it is within
`max_depth` clicks.

## Options
- `min_clicks` (integer, default 10): search clicks that make a page valuable.
- `min_sessions` (integer, default 0: off): analytics sessions that make a page valuable.
- `max_depth` (integer, default 3): deepest allowed click depth for such a page.
"""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import Field

from ..findings import Finding, Severity
from ..site.model import Page
from ._base import Options as BaseOptions
from ._base import RuleContext
from .traffic_orphan import valuable

ID = "deep-valuable-page"
SCOPE = "page"
DEFAULT = Severity.WARNING


class Options(BaseOptions):
    min_clicks: int = Field(10, ge=1, description="search clicks that make a page valuable")
    min_sessions: int = Field(0, ge=0, description="analytics sessions that make a page valuable (0: off)")
    max_depth: int = Field(3, ge=0, description="deepest allowed click depth for a valuable page")


def check(ctx: RuleContext, page: Page, options: Options) -> Iterator[Finding]:
    signals = ctx.signals
    if signals is None or not signals.has_traffic:
        return
    depth = ctx.graph.depth.get(page.url)
    mine = signals.page(page.url)
    if mine is None or depth is None or depth <= options.max_depth:
        return
    why = valuable(mine.raw, options.min_clicks, options.min_sessions)
    if why:
        yield ctx.finding(
            page, f"{page.url} earns {why} but is {depth} clicks from the home page (max {options.max_depth})"
        )
