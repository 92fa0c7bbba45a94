"""Outbound link to a domain on the `domains.outbound.deny` list.

## What it does
Reports links to hosts matched by a `deny` pattern. A bare domain matches itself and
every subdomain; `*.casino` matches every host under `casino`.

## Why is this bad?
Linking out is a vote of trust. Links to spam, gambling or compromised sites can earn
a manual action for "unnatural links" and send readers somewhere unsafe.

## Example
```yaml
domains:
  outbound:
    deny: ["*.casino"]
```
```markdown
[bonus offers](https://lucky.casino/)
```

## Use instead
Remove the link, or link a trustworthy source.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..domains import first_match
from ..findings import Finding, Severity
from ..site.model import Link, LinkKind
from ._base import RuleContext

ID = "domain-denied"
SCOPE = "link"
#: the only kind of link this rule reads (the engine passes it no other)
KINDS = frozenset({LinkKind.EXTERNAL})
DEFAULT = Severity.ERROR


def check(ctx: RuleContext, link: Link, options: object) -> Sequence[Finding]:
    if link.kind is not LinkKind.EXTERNAL or not link.host:
        return ()
    hit = first_match(link.host, ctx.policy.domains.outbound.deny)
    if hit:
        return [ctx.finding(link, f"link to {link.host}, denied by '{hit}'")]
    return ()
