"""Anchor text that the policy forbids for a target page.

## What it does
For each `anchors.targets` entry, reports internal links to that page whose text
contains a forbidden phrase (case-insensitive substring) or matches a forbidden
`/regex/`.

## Why is this bad?
Some words must never point at some pages: "cheap" on the pricing page, a
competitor's brand on a comparison page. Anchor text is a promise about the target,
and search engines and regulators read it as one.

## Example
```yaml
anchors:
  targets:
    - page: /pricing/
      forbidden: ["cheap", "/free\\s+forever/"]
```
```markdown
Our [cheap plans](/pricing/) start at $9.
```

## Use instead
```markdown
See [plans and pricing](/pricing/).
```
"""

from __future__ import annotations

from collections.abc import Sequence

from ..findings import Finding, Severity
from ..site.model import Link, LinkKind
from ._base import RuleContext

ID = "forbidden-anchor"
SCOPE = "link"
DEFAULT = Severity.ERROR
# only a link that reaches a page has a target page
KINDS = frozenset({LinkKind.INTERNAL})


def check(ctx: RuleContext, link: Link, options: object) -> Sequence[Finding]:
    target = link.target_page
    if target is None or link.is_image or not ctx.policy.anchors.targets:
        return ()
    found = []
    for rule in ctx.policy.anchors.targets:
        if ctx.lookup(rule.page) is not target:
            continue
        hit = rule.matches(link.text)
        if hit:
            found.append(
                ctx.finding(link, f"anchor text '{link.text}' is forbidden for {target.url} ({hit})")
            )
    return found
