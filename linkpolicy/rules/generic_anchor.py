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

from collections.abc import Sequence

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


#: the policy's list of generic anchors, and the set of them normalized (made once: a
#: site has hundreds of thousands of links, and the list is the same for each)
_made: tuple[object, frozenset[str]] = (None, frozenset())


def _generic(words: list[str]) -> frozenset[str]:
    global _made
    if _made[0] is not words:  # the list itself is held, so its identity stays its own
        _made = (words, frozenset(normalize(g) for g in words))
    return _made[1]


def check(ctx: RuleContext, link: Link, options: object) -> Sequence[Finding]:
    raw = link.raw
    if raw.kind in ("image", "autolink") or link.kind in (LinkKind.OTHER, LinkKind.IGNORED):
        return ()
    text = normalize(raw.text)
    if text and text in _generic(ctx.policy.anchors.generic):
        return [ctx.finding(link, f"generic anchor text '{raw.text}'; describe the target instead")]
    return ()
