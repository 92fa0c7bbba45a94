"""A cluster (its policy entry and hub page) or the policy files untouched for longer than `review_every`.

## What it does
For each cluster with `review_every` (`90d`, `12w`, `6m` = 180 days, `1y` = 365 days),
reads from git when the cluster was last touched: the lines of its entry in the policy
file (`git blame`) and its hub page (`git log`), whichever is later. When that is longer
ago than the interval, reports the cluster at its policy entry, naming its `owners` to
ask. A top-level `review_every` does the same for the policy files as a whole (any
commit to one of them counts), naming every cluster owner. Uncommitted edits count as
touched today. The day is today in UTC, or `LINKPOLICY_TODAY=YYYY-MM-DD`.

Outside a git repository, or in a shallow clone (whose history stops at its first
commit), the rule reports nothing and `check` says so once.

## Why is this bad?
A link policy encodes decisions about a site's structure: which pages are hubs, which
pages belong together, who owns them. Sites move on; a cluster nobody has looked at in a
year is likely to point at the wrong hub or miss half its pages, and its findings stop
being trusted.

## Example
```yaml
clusters:
  - id: guides
    hub: /guides/
    members: ["guides/**"]
    owners: ["@docs-team"]
    review_every: 90d
```
and neither that entry nor `content/guides/_index.md` changed in the last 90 days.

## Use instead
Ask the owners to review the cluster: check its hub, members and limits, and commit the
result (even a touched comment in its entry, or an edit to the hub page, records the
review).
"""

from __future__ import annotations

from collections.abc import Iterator

from ..findings import Finding, Severity
from ..governance.clock import today_of
from ..governance.review import due, history_of
from ..governance.where import policy_position
from ._base import RuleContext

ID = "policy-review-due"
SCOPE = "site"
DEFAULT = Severity.WARNING


def check(ctx: RuleContext, options: object) -> Iterator[Finding]:
    policy = ctx.policy
    if not policy.has_reviews:
        return
    history = history_of(ctx.analysis)
    if history.problem:
        note = f"policy-review-due needs git history: {history.problem}"
        if note not in ctx.analysis.notes:
            ctx.analysis.notes.append(note)
        return
    today = today_of(ctx.analysis)
    for item in due(ctx.analysis, today, history):
        path, line, column = policy_position(ctx.analysis.policy, item.loc)
        when = (
            f"last touched {item.last} ({(today - item.last).days} days ago)"
            if item.last
            else "never committed"
        )
        ask = (
            f"ask {', '.join(item.owners)} to review it" if item.owners else "no owners to ask: add `owners`"
        )
        yield Finding(
            rule=ctx.rule,
            severity=ctx.severity,
            path=path,
            line=line,
            column=column,
            message=f"{item.what} {when}, over review_every {item.every}; {ask}",
        )
