"""Link from a published page to a draft or noindex page.

## What it does
Reports links on published pages whose target is unpublished: `draft: true`,
`noindex: true`, `robots: noindex`, `published: false`, Hugo `build: {render: never}`
(then the link is broken instead), Docusaurus `unlisted: true`.

## Why is this bad?
A draft is not built, so readers get a 404 in production. A noindex page is kept out
of search on purpose; linking to it spends authority on a page that cannot rank.

## Example
```markdown
Read our [2027 roadmap](/blog/roadmap-2027/).
```
where `blog/roadmap-2027.md` has `draft: true`.

## Use instead
Publish the target first, or link it once it is live.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..findings import Finding, Severity
from ..site.model import Link, LinkKind
from ._base import RuleContext

ID = "link-to-unpublished"
SCOPE = "link"
DEFAULT = Severity.ERROR
# only a link that reaches a page has a target page
KINDS = frozenset({LinkKind.INTERNAL})


def check(ctx: RuleContext, link: Link, options: object) -> Sequence[Finding]:
    target = link.target_page
    if target is None or target is link.source or not link.source.published:
        return ()
    if target.readable and not target.published:
        return [
            ctx.finding(link, f"link to {target.url}, which is unpublished ({target.unpublished_reason})")
        ]
    return ()
