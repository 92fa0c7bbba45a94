"""Page more clicks away from the home page than `max`.

## What it does
Measures the shortest link path from the home page to every published page and
reports pages deeper than `max` clicks (default 3). Unreachable pages are left to
`unreachable-page`.

## Why is this bad?
Depth is a proxy for importance: pages many clicks deep are crawled less often and
rank worse, and readers rarely get there.

## Example
Home → Docs → Self-hosting → Kubernetes → Helm values: the Helm page is 4 clicks deep.

## Use instead
Link deep pages from their hub or from the home page's section pages; flatten long
chains of "next page" links.

## Options
- `max` (integer, default 3): the deepest allowed click depth.
"""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import Field

from ..findings import Finding, Severity
from ..site.model import Page
from ._base import Options as BaseOptions
from ._base import RuleContext

ID = "click-depth"
SCOPE = "page"
DEFAULT = Severity.WARNING


class Options(BaseOptions):
    max: int = Field(3, ge=0, description="deepest allowed click depth from the home page")


def check(ctx: RuleContext, page: Page, options: Options) -> Iterator[Finding]:
    depth = ctx.graph.depth_of(page.url)
    if depth is not None and depth > options.max:
        yield ctx.finding(page, f"{page.url} is {depth} clicks from the home page (max {options.max})")
