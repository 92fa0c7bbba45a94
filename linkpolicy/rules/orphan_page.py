"""Published page that no other published page links to.

## What it does
Reports published pages with no inbound internal link from another published page.
Every kind of link counts: written in a page, in a managed block, or made by the
templates (MkDocs' sidebar: every page, or those its `nav` lists; with `--rendered`, every
link of the built HTML). The home page is exempt. Links from drafts and noindex pages do
not count, and neither do self links.

## Why is this bad?
Search engines discover and weigh pages through links. An orphan is found only
through the sitemap, if at all, ranks poorly, and readers never reach it by browsing.

## Example
`docs/dashboards/legacy-widgets.md` is published, and no page links to
`/docs/dashboards/legacy-widgets/`.

## Use instead
Link it from its hub or a related page; or unpublish it (`draft: true`) or delete it
(with an alias on the page that replaces it).
"""

from __future__ import annotations

from collections.abc import Iterator

from ..findings import Finding, Severity
from ..site.model import Page
from ._base import RuleContext

ID = "orphan-page"
SCOPE = "page"
DEFAULT = Severity.ERROR


def check(ctx: RuleContext, page: Page, options: object) -> Iterator[Finding]:
    if page is ctx.site.home or page.url not in ctx.graph.pages or ctx.graph.inbound_kinds(page.url):
        return
    yield ctx.finding(page, f"no published page links to {page.url}")
