"""Published page with no outbound internal link.

## What it does
Reports published pages that link to no other page of the site (images, files,
outbound links and self links do not count). Not pages whose objects mkdocstrings
documents (``::: package.object``): their docstrings, and the links in them, are written
from the code, which the check does not read.

## Why is this bad?
A dead end stops the reader's journey and the flow of link authority: whatever the
page earns goes nowhere. Search engines also use outgoing links to understand a
page's place in the site.

## Example
A how-to page that ends with its last step and links nowhere.

## Use instead
Link the page's hub and the next logical step ("Next: set up goals").
"""

from __future__ import annotations

from collections.abc import Iterator

from ..findings import Finding, Severity
from ..site.model import Page
from ._base import RuleContext

ID = "dead-end-page"
SCOPE = "page"
DEFAULT = Severity.WARNING


def check(ctx: RuleContext, page: Page, options: object) -> Iterator[Finding]:
    if any(link.is_page_link and link.target_page is not page for link in ctx.site.links_on(page)):
        return
    if page.documents_objects:
        return  # an object mkdocstrings documents: links only the code holds
    yield ctx.finding(page, f"{page.url} links to no other page")
