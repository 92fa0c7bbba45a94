"""Outbound link over plain `http://`.

## What it does
Reports external links whose scheme is `http`.

## Why is this bad?
Browsers warn about or block mixed and insecure navigation, the target usually
redirects to HTTPS anyway (an extra hop), and readers' traffic can be tampered with.

## Example
```markdown
[Do Not Track](http://www.w3.org/TR/tracking-dnt/)
```

## Use instead
```markdown
[Do Not Track](https://www.w3.org/TR/tracking-dnt/)
```
"""

from __future__ import annotations

from collections.abc import Iterator

from ..findings import Finding, Severity
from ..site.model import Link, LinkKind
from ._base import RuleContext

ID = "insecure-link"
SCOPE = "link"
DEFAULT = Severity.WARNING


def check(ctx: RuleContext, link: Link, options: object) -> Iterator[Finding]:
    if link.kind is LinkKind.EXTERNAL and link.scheme == "http":
        yield ctx.finding(link, f"insecure http:// link to {link.host}; use https://")
