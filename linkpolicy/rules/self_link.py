"""Page that links to itself (other than to a `#fragment`).

## What it does
Reports links whose target is the page they are on, unless the link goes to a
section of it (`#section`, or `/this/page/#section`) or asks it for something with a
query (`?q=term`: Material for MkDocs opens its search so).

## Why is this bad?
A self link reloads the page the reader is already on and passes nothing; it is
usually a copy-paste slip where another page was meant.

## Example
On `/docs/dashboards/funnels/`:
```markdown
See [funnels](/docs/dashboards/funnels/) for details.
```

## Use instead
Link the page you meant, or a section: `[funnel steps](#steps)`.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..findings import Finding, Severity
from ..site.model import Link, LinkKind
from ._base import RuleContext

ID = "self-link"
SCOPE = "link"
DEFAULT = Severity.INFO
# only a link that reaches a page has a target page
KINDS = frozenset({LinkKind.INTERNAL})


def check(ctx: RuleContext, link: Link, options: object) -> Sequence[Finding]:
    if link.target_page is not link.source or link.is_image:
        return ()
    dest = link.raw.dest.strip()
    if dest.startswith("#") or not dest or link.fragment:
        return ()  # a jump to a section of the same page is what the fragment is for
    if dest.split("#", 1)[0].partition("?")[2]:
        return ()  # the page with a query shows something else (search results, a filter)
    return [ctx.finding(link, "page links to itself")]
