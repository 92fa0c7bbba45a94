"""Anchor text that says nothing about the target ("click here", "read more").

## What it does
Reports links whose whole anchor text, case and surrounding punctuation ignored, is on
the `anchors.generic` list (default: click here, here, read more, more, this page,
link).

## Why is this bad?
Anchor text is the strongest hint a search engine gets about the target page, and the
only one a screen-reader user gets when jumping from link to link. Google's link
guidelines name "click here" and "read more" as examples to avoid.

## Example
```markdown
To restore a backup, [click here](/docs/backups/).
```

## Use instead
```markdown
See [restoring a backup](/docs/backups/#restore).
```

## Options
The list itself lives in the `anchors` section: `anchors.generic`.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator

from ..findings import Finding, Severity
from ..site.model import Link, LinkKind
from ._base import RuleContext

ID = "generic-anchor"
SCOPE = "link"
DEFAULT = Severity.WARNING
# other schemes and ignored links are no concern of anchor text
KINDS = frozenset({LinkKind.INTERNAL, LinkKind.EXTERNAL})

_PUNCT = " \t\"'“”‘’.,:;!?()[]{}<>«»…-–—→>"


def normalize(text: str) -> str:
    return " ".join(text.strip(_PUNCT).lower().split())


@functools.lru_cache(maxsize=8)
def _generic(words: tuple[str, ...]) -> frozenset[str]:
    return frozenset(normalize(g) for g in words)


def check(ctx: RuleContext, link: Link, options: object) -> Iterator[Finding]:
    if link.is_image or link.kind in (LinkKind.OTHER, LinkKind.IGNORED) or link.raw.kind == "autolink":
        return
    text = normalize(link.text)
    if text and text in _generic(tuple(ctx.policy.anchors.generic)):
        yield ctx.finding(link, f"generic anchor text '{link.text}'; describe the target instead")
