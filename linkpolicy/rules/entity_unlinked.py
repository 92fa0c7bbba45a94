"""Text mentions an entity but does not link to its page.

## What it does
For every entity in `entities` (its `name` and `aliases`), finds the first mention on
each published page — whole words, any case — and reports it when the page has no link
to the entity's page. Only prose counts: not code spans or code blocks, headings, the
text of existing links, raw HTML links, front matter, HTML comments, template tags, bare
URLs or managed blocks. Where names overlap, the longest at a place wins ("page view
count" over "page view"). The entity's own page is never reported, and neither is a page
that already links to it (in its text or a managed block), nor an entity whose page is
unpublished. The finding points at the mention; `linkpolicy suggest` prints the link to
put there.

## Why is this bad?
An entity page (a glossary term, a product, a concept) collects authority and relevance
from the pages that link to it with its name as anchor text. A mention without a link
gives neither, and the reader who does not know the term has no way to look it up.

## Example
```yaml
entities:
  - name: Bounce rate
    page: /glossary/bounce-rate/
```
and `docs/dashboards/realtime.md` says "the bounce rate of the last hour" with no link.

## Use instead
```markdown
the [bounce rate](/glossary/bounce-rate/) of the last hour
```
"""

from __future__ import annotations

from collections.abc import Iterator

from ..findings import Finding, Severity
from ..site.model import Page
from ._base import RuleContext

ID = "entity-unlinked"
SCOPE = "page"
DEFAULT = Severity.INFO


def check(ctx: RuleContext, page: Page, options: object) -> Iterator[Finding]:
    if page.parsed is None or not page.parsed.mentions:
        return
    pages = {e.name: ctx.lookup(e.page) for e in ctx.policy.entities}
    linked = {link.target_page for link in page.links if link.is_page_link}
    for mention in page.parsed.mentions:
        target = pages.get(mention.entity)
        if target is None or not target.published or target is page or target in linked:
            continue
        yield ctx.finding(
            page,
            f"'{mention.text}' mentions {mention.entity} without a link to {target.url}",
            target=target.url,
            line=mention.line,
            column=mention.column,
        )
