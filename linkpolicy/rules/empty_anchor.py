"""Link with no text and no image alt text.

## What it does
Reports links whose anchor is empty: no words, and no `alt` text on an image inside. Not
an empty link to a place on its own page (`<a class="anchor" href="#intro"></a>`: a
heading's permalink marker, which a stylesheet shows as an icon).

## Why is this bad?
Search engines use anchor text to learn what the target is about, and screen readers
read it aloud; an empty anchor says nothing to either (Google falls back to a `title`
attribute at best).

## Example
```markdown
[![](/images/logo.svg)](/)
```

## Use instead
```markdown
[![Fernwood home](/images/logo.svg)](/)
```
"""

from __future__ import annotations

from collections.abc import Sequence

from ..findings import Finding, Severity
from ..site.model import Link, LinkKind
from ._base import RuleContext

ID = "empty-anchor"
SCOPE = "link"
DEFAULT = Severity.ERROR
# other schemes and ignored links are no concern of anchor text
KINDS = frozenset({LinkKind.INTERNAL, LinkKind.EXTERNAL})


def check(ctx: RuleContext, link: Link, options: object) -> Sequence[Finding]:
    raw = link.raw
    if raw.kind == "image" or link.kind in (LinkKind.OTHER, LinkKind.IGNORED):
        return ()
    if not raw.has_image and (not raw.dest.strip() or raw.dest.lstrip().startswith("#")):
        # a link to nowhere holds an id (mkdocs-autorefs' `[](){#id}`), one to a place on its
        # own page marks a heading (Asciidoctor's `<a class="anchor" href="#id"></a>`, which a
        # stylesheet shows as an icon): no link a reader reads
        return ()
    if not raw.text.strip():
        what = "image link has no alt text" if raw.has_image else "link has no anchor text"
        return [ctx.finding(link, what)]
    return ()
