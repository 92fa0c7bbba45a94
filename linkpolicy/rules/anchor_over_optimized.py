"""One exact anchor text used for too large a share of a page's inbound links.

## What it does
For every published page with at least `anchors.min_inbound_for_share` inbound
internal links, finds the most used anchor text (compared case-insensitively) and
reports the page when that anchor's share exceeds `anchors.max_exact_match_share`.
Links inside managed blocks are left out of this count: a generated "related" list
repeats page titles by design, and counting it would make `generate` and this rule
fight on every site that uses both. (They count for every other graph rule.)

## Why is this bad?
Natural links vary their wording. The same exact-match keyword on most links to a
page is the pattern of manipulative linking that search engines discount, and it
tells readers less than varied, descriptive anchors would.

## Example
9 of 10 links to `/docs/self-hosting/docker/` read "docker analytics".

## Use instead
Describe the target in the words of each linking page: "install with Docker",
"the Docker Compose file", "upgrading a Docker install".

## Options
In the `anchors` section: `max_exact_match_share`, `min_inbound_for_share`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from ..findings import Finding, Severity
from ..site.model import Page
from ._base import RuleContext

ID = "anchor-over-optimized"
SCOPE = "page"
DEFAULT = Severity.WARNING


def check(ctx: RuleContext, page: Page, options: object) -> Iterator[Finding]:
    limits = ctx.policy.anchors
    least = max(1, limits.min_inbound_for_share)
    inbound = ctx.graph.inbound.get(page.url, ())
    if len(inbound) < least:
        return  # too few to count, whichever of them count (most pages of a site)
    # the anchors authors chose: not those of managed blocks or lists templates write
    links = [link for link in inbound if link.text.strip() and link.raw.block is None and not link.is_listed]
    if len(links) < least:
        return
    counts = Counter(" ".join(link.text.lower().split()) for link in links)
    anchor, n = min(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    share = n / len(links)
    if share > limits.max_exact_match_share:
        yield ctx.finding(
            page,
            f"{n} of {len(links)} inbound links ({share:.0%}) use the anchor '{anchor}' "
            f"(max {limits.max_exact_match_share:.0%})",
        )
