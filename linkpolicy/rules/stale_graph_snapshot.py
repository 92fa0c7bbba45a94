"""Link-graph snapshot (`site-graph/`) that differs from the current link graph.

## What it does
When the snapshot directory (`site.snapshot`, default `site-graph/`) exists, renders
the snapshot of the current site and reports each file that differs, at the first
line that does. Sites without a snapshot directory are not checked.

## Why is this bad?
The snapshot is how a pull request shows its link changes to reviewers: a stale one
shows the wrong changes, or none, and the next pull request inherits someone else's
diff.

## Example
A pull request adds links between three pages but does not update `site-graph/`.

## Use instead
Run `linkpolicy graph` and commit `site-graph/` with the content change.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..findings import Finding, Severity
from ._base import RuleContext

ID = "stale-graph-snapshot"
SCOPE = "site"
DEFAULT = Severity.ERROR


def check(ctx: RuleContext, options: object) -> Iterator[Finding]:
    if not ctx.analysis.has_snapshot():
        return
    state = ctx.analysis.snapshot()
    for name, line in state.stale():
        message = (
            f"{state.directory}{name} is missing"
            if state.committed.get(name) is None
            else f"{state.directory}{name} differs from the current link graph"
        )
        yield Finding(
            rule=ctx.rule,
            severity=ctx.severity,
            path=state.directory + name,
            line=line,
            column=1,
            message=message + "; run `linkpolicy graph`",
        )
