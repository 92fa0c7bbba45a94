"""An entry in `approvals` whose `expires` day has passed.

## What it does
Reports each approval whose `expires` date is before today (UTC, or
`LINKPOLICY_TODAY=YYYY-MM-DD`), at the entry in the policy file, naming its approver and
what it approved. Links it covered are reported by `unapproved-link` again.

## Why is this bad?
An approval with an end date was given for a time: a contract, a campaign, a review
cycle. Once it lapses, the links it cleared are unapproved again, and the person who
approved them is the one to ask whether they should stay.

## Example
```yaml
approvals:
  - domain: partner.example
    approver: "@legal-team"
    date: 2025-01-15
    reason: co-marketing contract 2025-03
    expires: 2025-12-31
```

## Use instead
Ask the approver: renew the entry with a new `date` and `expires`, or remove it and the
links it covered.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..findings import Finding, Severity
from ..governance.approvals import expired
from ..governance.clock import today_of
from ..governance.where import policy_position
from ._base import RuleContext

ID = "expired-approval"
SCOPE = "site"
DEFAULT = Severity.WARNING


def check(ctx: RuleContext, options: object) -> Iterator[Finding]:
    today = today_of(ctx.analysis)
    loaded = ctx.analysis.policy
    for i, approval in enumerate(ctx.policy.approvals):
        if not expired(approval, today):
            continue
        path, line, column = policy_position(loaded, ("approvals", i))
        yield Finding(
            rule=ctx.rule,
            severity=ctx.severity,
            path=path,
            line=line,
            column=column,
            message=f"approval of {approval.subject} by {approval.approver} expired on {approval.expires}; "
            f"ask {approval.approver} to renew it or remove it",
            target=approval.subject,
        )
