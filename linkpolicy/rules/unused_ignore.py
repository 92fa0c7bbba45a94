"""A `rules.ignore` or `site.ignore_links` entry that matches nothing.

## What it does
After every other rule has run, reports each `rules.ignore` entry that drops no finding,
and each `site.ignore_links` pattern that no link destination matches, at the entry in
the policy file.

## Why is this bad?
An ignore that matches nothing hides nothing today, but it reads as if it did: the
page it was written for moved, the rule was renamed, or the glob has a typo (content
paths and repository paths differ by the content folder). Tomorrow it may silently
swallow a real finding it was never meant for.

## Example
```yaml
rules:
  ignore:
    - rule: broken-link
      paths: ["guides/old-page.md"]   # the page is gone
```

## Use instead
Delete the entry, or fix its path or pattern so it matches what it was written for.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..findings import Finding, Severity
from ._base import RuleContext, ignored_by

ID = "unused-ignore"
SCOPE = "policy"
DEFAULT = Severity.INFO


def check(ctx: RuleContext, findings: list[Finding], options: object) -> Iterator[Finding]:
    policy = ctx.analysis.policy
    rels = {p.path: p.rel for p in ctx.site.pages}
    for i, entry in enumerate(ctx.policy.rules.ignore):
        if not any(ignored_by(entry, f, rels.get(f.path, f.path)) for f in findings):
            yield _note(
                ctx, policy.locate(("rules", "ignore", i)), "this rules.ignore entry matches no finding"
            )
    for i, pattern in enumerate(ctx.policy.site.ignore_links):
        if i not in ctx.site.ignore_links_used:
            where = policy.locate(("site", "ignore_links", i))
            yield _note(ctx, where, f"site.ignore_links pattern {pattern.source!r} matches no link")


def _note(ctx: RuleContext, where: tuple[str, int, int], message: str) -> Finding:
    path, line, column = where
    return Finding(rule=ctx.rule, severity=ctx.severity, path=path, line=line, column=column, message=message)
