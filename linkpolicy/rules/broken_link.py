"""Internal link or image that resolves to no page and no file.

## What it does
Resolves every internal link and image the way the site's generator does (relative
and absolute paths, `.md` file links, `ref`/`relref` shortcodes, Jekyll `link` tags,
URLs on the site's own hosts, `site.rewrite` conventions) and reports the ones that
reach no page and no static file. A link that climbs out of the content root with
`..` is broken too.

## Why is this bad?
Readers hit a 404 and leave. Crawlers spend crawl budget on dead URLs, and the link
passes no authority to anything: the page it meant to support loses an inbound link.

## Example
```markdown
See the [setup guide](/guides/setpu/).
```

## Use instead
```markdown
See the [setup guide](/guides/setup/).
```
Fix the path, link the page's new URL, or add an `aliases` entry to the moved page.
If the URL is served by something other than the content (an API, a search page),
list it in `site.ignore_links`.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..findings import Finding, Severity
from ..site.model import Link, Status
from ..site.urls import url_key
from ._base import RuleContext

ID = "broken-link"
SCOPE = "link"
DEFAULT = Severity.ERROR


def check(ctx: RuleContext, link: Link, options: object) -> Sequence[Finding]:
    if link.status is not Status.BROKEN:
        return ()
    what = "image" if link.is_image else "link"
    written = link.raw.dest.strip()
    reason = link.reason or "resolves to no page"
    if link.target and url_key(link.target) != url_key(written.split("#", 1)[0]):
        reason += f" ({link.target})"  # where the generator looks for it
    return [ctx.finding(link, f"{what} to {written} {reason}", target=written)]
