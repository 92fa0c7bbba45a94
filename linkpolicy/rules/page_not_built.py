"""Published page that the built site has no HTML page for (with `--rendered`).

## What it does
With `check --rendered DIR` or `site.rendered`, reports published source pages that no
HTML file of the built site maps back to. Such pages are left out of the link graph
(orphan, depth and PageRank are about the built site). Built pages that no source page
makes (taxonomy lists, `404.html`, pagination) are listed as a note of the run instead.

## Why is this bad?
A page the generator does not build is not on the site: either the checker's model of the
generator misses a rule it applies (expiry dates, `build` options of a section), or the
build is stale or partial, and the graph read from it is too.

## Example
`content/methods/page/Scratch.md` has an `expiryDate` in the past; Hugo skips it.

## Use instead
Rebuild the site before checking, or unpublish the page in its front matter (`draft: true`)
so both sides agree; delete pages that are meant to be gone.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..findings import Finding, Severity
from ..site.model import Page
from ._base import RuleContext

ID = "page-not-built"
SCOPE = "page"
DEFAULT = Severity.INFO


def check(ctx: RuleContext, page: Page, options: object) -> Iterator[Finding]:
    built = ctx.site.rendered
    if built is None or page.url in ctx.graph.pages or page.path not in built.not_built:
        return
    yield ctx.finding(page, f"{page.url} has no page in the built site {built.directory}")
