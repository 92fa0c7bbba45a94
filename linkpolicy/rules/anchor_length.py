"""Anchor text shorter or longer than the limits in `anchors`.

## What it does
Reports link text shorter than `anchors.min_length` or longer than
`anchors.max_length` characters (defaults 2 and 100). Autolinks, whose text is the
URL itself, are left alone.

## Why is this bad?
A one-letter anchor tells readers and search engines nothing; a sentence-long anchor
dilutes the signal and reads as keyword stuffing. Google asks for anchors that are
"descriptive, reasonably concise".

## Example
```markdown
[a](/docs/setup/)
```

## Use instead
```markdown
[setup guide](/docs/setup/)
```

## Options
In the `anchors` section: `min_length`, `max_length`.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..findings import Finding, Severity
from ..site.model import Link, LinkKind
from ._base import RuleContext

ID = "anchor-length"
SCOPE = "link"
DEFAULT = Severity.WARNING
# other schemes and ignored links are no concern of anchor text
KINDS = frozenset({LinkKind.INTERNAL, LinkKind.EXTERNAL})


def check(ctx: RuleContext, link: Link, options: object) -> Sequence[Finding]:
    raw = link.raw
    if raw.kind in ("image", "autolink") or link.kind in (LinkKind.OTHER, LinkKind.IGNORED):
        return ()
    text = raw.text.strip()
    if not text:
        return ()  # empty-anchor covers it
    limits = ctx.policy.anchors
    if len(text) < limits.min_length:
        return [ctx.finding(link, f"anchor text '{text}' is shorter than {limits.min_length} characters")]
    if len(text) > limits.max_length:
        return [ctx.finding(link, f"anchor text is {len(text)} characters, longer than {limits.max_length}")]
    return ()
