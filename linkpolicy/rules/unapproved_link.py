"""Link to a `require_approval` domain with no matching, unexpired approval.

## What it does
Reports each link to a host matched by `domains.outbound.require_approval` (a bare
domain matches itself and every subdomain, `*.example.com` subdomains only) unless an
entry in `approvals` names it: its `target` URL (scheme and host case, the fragment
and a trailing slash do not matter) or its `domain`, with `pages` globs matching the
linking page. An approval holds from its `date` through its `expires` day; the day is
today in UTC, or `LINKPOLICY_TODAY=YYYY-MM-DD` for reproducible runs. When only an
expired approval names the link, the message names its approver.

## Why is this bad?
Some links carry risk: paid placements, affiliates, partners under contract, regulated
claims. Search engines treat undisclosed paid links as link schemes, and legal or
brand teams want to know before the site vouches for someone. Requiring an approval
on record turns "someone should have asked" into a check a pull request cannot skip.

## Example
```yaml
domains:
  outbound:
    require_approval: ["partner.example"]
```
```markdown
Try the [partner's calculator](https://tools.partner.example/calc).
```

## Use instead
Record the approval in the policy (the pull request that adds it is where it is
reviewed), or remove the link:
```yaml
approvals:
  - domain: partner.example
    pages: ["pricing/**"]
    approver: "@legal-team"
    date: 2026-11-02
    reason: co-marketing contract 2026-17
    expires: 2027-11-01
```
"""

from __future__ import annotations

from collections.abc import Sequence

from ..domains import first_match
from ..findings import Finding, Severity
from ..governance.approvals import clearance
from ..governance.clock import today_of
from ..site.model import Link, LinkKind
from ._base import RuleContext

ID = "unapproved-link"
SCOPE = "link"
#: the only kind of link this rule reads (the engine passes it no other)
KINDS = frozenset({LinkKind.EXTERNAL})
DEFAULT = Severity.ERROR


def check(ctx: RuleContext, link: Link, options: object) -> Sequence[Finding]:
    if link.kind is not LinkKind.EXTERNAL or not link.host or link.is_image:
        return ()
    pattern = first_match(link.host, ctx.policy.domains.outbound.require_approval)
    if pattern is None:
        return ()
    url = link.target or link.raw.dest
    page = link.source
    found = clearance(ctx.policy.approvals, url, link.host, (page.rel, page.path), today_of(ctx.analysis))
    if found.valid is not None:
        return ()
    message = f"link to {link.host} needs an approval (require_approval '{pattern}')"
    if found.lapsed:
        last = max(found.lapsed, key=lambda a: a.expires or a.date)
        who = last.approver
        message += f"; the approval by {who} expired on {last.expires}: ask {who} to renew it"
    else:
        message += "; record one in `approvals` (target or domain, pages, approver, date, reason)"
    return [ctx.finding(link, message)]
