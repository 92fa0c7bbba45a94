"""Page with more links than `max`.

## What it does
Counts the links written on each published page (internal and outbound, not images,
not the lists a shortcode's template writes) and reports pages with more than `max`
(default 150).

## Why is this bad?
Every link on a page shares the page's authority, so each of hundreds gets very
little; readers cannot find the few that matter either.

## Example
A changelog that links every issue it mentions, 400 links on one page.

## Use instead
Split the page, or keep only the links a reader needs.

## Options
- `max` (integer, default 150): the most links a page may have.
"""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import Field

from ..findings import Finding, Severity
from ..site.model import LinkKind, Page
from ._base import Options as BaseOptions
from ._base import RuleContext

ID = "too-many-links"
SCOPE = "page"
DEFAULT = Severity.WARNING


class Options(BaseOptions):
    max: int = Field(150, ge=1, description="most links allowed on one page")


def check(ctx: RuleContext, page: Page, options: Options) -> Iterator[Finding]:
    if len(page.links) <= options.max:
        return  # fewer than the most allowed, whatever they are
    count = sum(
        1
        for link in ctx.page_links(page)
        if link.kind in (LinkKind.INTERNAL, LinkKind.EXTERNAL) and not link.is_listed
    )
    if count > options.max:
        yield ctx.finding(page, f"{count} links on the page (max {options.max})")
