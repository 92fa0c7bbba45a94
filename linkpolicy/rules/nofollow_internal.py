"""Internal link with `rel="nofollow"`.

## What it does
Reports links to your own pages that carry `nofollow` in their `rel` attribute.

## Why is this bad?
`nofollow` tells search engines not to follow the link or pass authority through it.
On your own pages it only starves the target; to keep a page out of search use
`noindex`, and to keep crawlers out use robots.txt.

## Example
```html
<a href="/docs/privacy/consent/" rel="nofollow">consent options</a>
```

## Use instead
```html
<a href="/docs/privacy/consent/">consent options</a>
```
"""

from __future__ import annotations

from collections.abc import Sequence

from ..findings import Finding, Severity
from ..site.model import Link, LinkKind
from ._base import RuleContext

ID = "nofollow-internal"
SCOPE = "link"
#: the only kind of link this rule reads (the engine passes it no other)
KINDS = frozenset({LinkKind.INTERNAL})
DEFAULT = Severity.WARNING


def check(ctx: RuleContext, link: Link, options: object) -> Sequence[Finding]:
    if link.kind is LinkKind.INTERNAL and "nofollow" in link.rel and not link.is_image:
        return [ctx.finding(link, 'internal link carries rel="nofollow"; remove it')]
    return ()
