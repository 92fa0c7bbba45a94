"""Outbound link without the `rel` its domain requires.

## What it does
For each `domains.outbound.require_rel` entry (`sponsored: [partner.example]`),
reports links to those domains whose `rel` lacks that value. Only raw HTML links can
carry `rel`, so a Markdown link to such a domain is always reported.

## Why is this bad?
Google asks for `rel="sponsored"` on paid and affiliate links and `rel="ugc"` on
user-generated ones. Paid links without it are a spam-policy violation that can cost
the whole site its rankings.

## Example
```markdown
Host it with [our partner](https://partner.example/).
```

## Use instead
```html
Host it with <a href="https://partner.example/" rel="sponsored">our partner</a>.
```
"""

from __future__ import annotations

from collections.abc import Sequence

from ..domains import first_match
from ..findings import Finding, Severity
from ..site.model import Link, LinkKind
from ._base import RuleContext

ID = "missing-rel"
SCOPE = "link"
#: the only kind of link this rule reads (the engine passes it no other)
KINDS = frozenset({LinkKind.EXTERNAL})
DEFAULT = Severity.ERROR


def check(ctx: RuleContext, link: Link, options: object) -> Sequence[Finding]:
    if link.kind is not LinkKind.EXTERNAL or not link.host:
        return ()
    found = []
    for rel, patterns in sorted(ctx.policy.domains.outbound.require_rel.items()):
        hit = first_match(link.host, patterns)
        if hit and rel not in link.rel:
            found.append(ctx.finding(link, f"link to {link.host} needs rel=\"{rel}\" (required for '{hit}')"))
    return found
