"""Managed link block that differs from what `linkpolicy generate` would write.

## What it does
For every `blocks` entry, works out the links each matching page's block should hold
(selection, ordering and `limit` as `generate` does them) and renders the template.
Reports pages whose block differs, or that lack the block where `insert` would add
it, and pages whose block `generate` refuses to write (say, a template that leaves a code
fence open, so the end marker would become code).

## Why is this bad?
Generated blocks are only trustworthy when they are current: a hand-edited or stale
"Related guides" list links pages that moved, misses new ones, and hides the policy
change that should have produced it from the reviewer.

## Example
A new page joins the `privacy` cluster, and the blocks of its siblings still list
the old set.

## Use instead
Run `linkpolicy generate` and commit the result with the change that caused it.
Edit the template or the `blocks` policy, never the text between the markers.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..findings import Finding, Severity
from ._base import RuleContext

ID = "stale-link-block"
SCOPE = "site"
DEFAULT = Severity.ERROR


def check(ctx: RuleContext, options: object) -> Iterator[Finding]:
    if not ctx.policy.blocks:
        return
    for change in ctx.analysis.block_changes:
        page = ctx.site.by_path[change.path]
        what = "is missing" if change.missing else "differs from what `linkpolicy generate` writes"
        yield ctx.finding(page, f"managed block '{change.name}' {what}", line=change.line)
    for refusal in ctx.analysis.block_refusals:
        page = ctx.site.by_path[refusal.path]
        if any(message == refusal.message for _, _, message in page.problems):
            continue  # untrustworthy markers: already an invalid-page finding
        yield ctx.finding(page, f"managed block cannot be written: {refusal.message}", line=refusal.line)
