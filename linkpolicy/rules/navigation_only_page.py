"""Published page that only the templates link to: no page links to it in its text.

## What it does
Reports published pages whose inbound links are all `navigation` links (menus, sidebars,
section lists, breadcrumbs; from the generator's `nav`, or with `--rendered`, every link
outside the content region of the built HTML): no other page links to it from its
content or a managed block. The home page is exempt; pages with no inbound link at all
are left to `orphan-page`.

## Why is this bad?
Navigation links are on every page and say little about what a page is about. Links in
the text of related pages (contextual links) carry the anchor text and the topical
signal search engines weigh most; a page reached only through menus has none of them,
and readers of the related pages never find it.

## Example
`/docs/reference/limits/` is listed in the sidebar, and no page mentions it in its text.

## Use instead
Link the page where readers need it: from its hub, and from the pages that talk about
its subject, with descriptive anchor text (or add it to a managed link block).
"""

from __future__ import annotations

from collections.abc import Iterator

from ..findings import Finding, Severity
from ..site.model import EdgeKind, Page
from ._base import RuleContext

ID = "navigation-only-page"
SCOPE = "page"
DEFAULT = Severity.INFO


def check(ctx: RuleContext, page: Page, options: object) -> Iterator[Finding]:
    if page is ctx.site.home or page.url not in ctx.graph.pages:
        return
    kinds = ctx.graph.inbound_kinds(page.url)
    if kinds and kinds <= {EdgeKind.NAVIGATION}:
        yield ctx.finding(page, f"only navigation links lead to {page.url}; no page links to it in its text")
