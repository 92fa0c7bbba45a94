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
    for change in ctx.analysis.stale_blocks:
        page = ctx.site.by_path[change.path]
        yield ctx.finding(page, changed(change.name, change.missing), line=change.line)
    for refusal in ctx.analysis.block_refusals:
        page = ctx.site.by_path[refusal.path]
        if shown_elsewhere(refusal.message, page.problems):
            continue
        yield ctx.finding(page, refused(refusal.message), line=refusal.line)


def changed(name: str, missing: bool) -> str:
    """The message for a block that is missing or holds something else."""
    what = "is missing" if missing else "differs from what `linkpolicy generate` writes"
    return f"managed block '{name}' {what}"


def refused(message: str) -> str:
    """The message for a page whose block `generate` will not write."""
    return f"managed block cannot be written: {message}"


def shown_elsewhere(message: str, problems: list[tuple[int, int, str]]) -> bool:
    """Whether the refusal is the page's own problem (untrustworthy markers), which
    invalid-page already reports."""
    return any(text == message for _, _, text in problems)
