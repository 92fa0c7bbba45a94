"""Link to an old URL that redirects (an alias) instead of the page's canonical URL.

## What it does
Reports internal links whose URL is listed in another page's `aliases` (Hugo) or
`redirect_from` (Jekyll), and names the canonical URL to use.

## Why is this bad?
Every redirect is an extra round trip for readers and crawlers, and some authority is
lost on the way. Redirects exist for old inbound links from other sites; your own
links can point straight at the page.

## Example
```markdown
[Install with Docker](/docs/install-docker/)
```
where `/docs/install-docker/` is an alias of `/docs/self-hosting/docker/`.

## Use instead
```markdown
[Install with Docker](/docs/self-hosting/docker/)
```
"""

from __future__ import annotations

from collections.abc import Sequence

from ..findings import Finding, Severity
from ..site.model import Link, LinkKind
from ._base import RuleContext

ID = "link-to-redirect"
SCOPE = "link"
DEFAULT = Severity.WARNING
# only a link that reaches a page has a target page
KINDS = frozenset({LinkKind.INTERNAL})


def check(ctx: RuleContext, link: Link, options: object) -> Sequence[Finding]:
    if link.via_alias and link.target_page is not None:
        return [
            ctx.finding(link, f"{link.via_alias} redirects to {link.target_page.url}; link the canonical URL")
        ]
    return ()
