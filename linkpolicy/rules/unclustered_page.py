"""Published page that belongs to no cluster.

## What it does
Reports published pages that no cluster claims (by `members` globs or front matter
`cluster:`), other than the home page and the hubs. Off by default; turn it on once
every section of the site has a cluster.

## Why is this bad?
A page outside every cluster has no hub to pass authority to and no owner to review
it; on a site organised by topic it is usually forgotten content.

## Example
`content/misc/notes.md`, matched by no cluster.

## Use instead
Add the page to a cluster (`cluster: privacy` in its front matter, or a `members`
glob), or move it.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..findings import Finding, Severity
from ..site.model import Page
from ._base import RuleContext

ID = "unclustered-page"
SCOPE = "page"
DEFAULT = Severity.OFF


def check(ctx: RuleContext, page: Page, options: object) -> Iterator[Finding]:
    if page.clusters or page is ctx.site.home:
        return
    if any(c.hub is page for c in ctx.clusters.values()):
        return
    yield ctx.finding(page, f"{page.url} belongs to no cluster")
