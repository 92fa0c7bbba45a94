"""Outbound link to a domain on neither the allow nor the deny list.

## What it does
Reports links to hosts that match no pattern of `domains.outbound.allow` or `deny`
(nor `require_approval`: those links are `unapproved-link`'s to judge).
Its severity is `domains.outbound.unlisted` (default `warning`) unless the `rules`
section sets one.

## Why is this bad?
An allow list is how a team keeps outbound links deliberate: every new domain gets a
reviewer's look once, in the pull request that adds it to the list.

## Example
```markdown
[an answer on a forum](https://stackoverflow.com/questions/123)
```
with `stackoverflow.com` on neither list.

## Use instead
Add the domain to `domains.outbound.allow` (or `deny`) in the same pull request, or
link a source that is already allowed.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..domains import first_match
from ..findings import Finding, Severity
from ..site.model import Link, LinkKind
from ._base import RuleContext

ID = "domain-unlisted"
SCOPE = "link"
#: the only kind of link this rule reads (the engine passes it no other)
KINDS = frozenset({LinkKind.EXTERNAL})
DEFAULT = Severity.WARNING


def check(ctx: RuleContext, link: Link, options: object) -> Sequence[Finding]:
    if link.kind is not LinkKind.EXTERNAL or not link.host:
        return ()
    outbound = ctx.policy.domains.outbound
    if any(
        first_match(link.host, listed)
        for listed in (outbound.allow, outbound.deny, outbound.require_approval)
    ):
        return ()
    return [ctx.finding(link, f"{link.host} is on neither domains.outbound.allow nor deny")]
