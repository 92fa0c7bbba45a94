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

import difflib
from collections.abc import Sequence

from ..findings import Finding, Severity
from ..site.model import Link, LinkKind, Site, Status
from ..site.resolve import missing_file
from ..site.urls import url_key
from ._base import RuleContext

ID = "broken-link"
SCOPE = "link"
DEFAULT = Severity.ERROR


def check(ctx: RuleContext, link: Link, options: object) -> Sequence[Finding]:
    what = "image" if link.is_image else "link"
    if link.kind is LinkKind.OTHER and link.status is not Status.BROKEN:
        return _misspelt(ctx, link, what)
    if link.status is not Status.BROKEN:
        return ()
    written = link.raw.dest.strip()
    reason = link.reason or "resolves to no page"
    if link.target and url_key(link.target) != url_key(written.split("#", 1)[0]):
        reason += f" ({link.target})"  # where the generator looks for it
    near = _other_case(ctx, link.target or missing_file(link) or "")
    if near is not None:
        reason += f"; {near} differs only in case"
    return [ctx.finding(link, f"{what} to {written} {reason}", target=written)]


#: the schemes a misspelt one is taken for (an app's own, `slack:`, `vscode:`, is left alone)
SCHEMES = ("https", "http", "mailto")


def _misspelt(ctx: RuleContext, link: Link, what: str) -> Sequence[Finding]:
    """A link whose scheme (as the resolver read it) is none the browser knows but nearly
    ``https``, ``http`` or ``mailto`` (``hhttps://``, ``htps://``): it goes nowhere (Hugo
    even writes ``#ZgotmplZ`` for it)."""
    scheme = link.scheme
    if not scheme or scheme in SCHEMES:
        return ()
    meant = next((s for s in SCHEMES if difflib.SequenceMatcher(None, scheme, s).ratio() >= 0.8), None)
    if meant is None:
        return ()
    written = link.raw.dest.strip()
    message = f"{what} to {written} has a misspelt scheme ({scheme}: for {meant}?)"
    return [ctx.finding(link, message, target=written)]


def _other_case(ctx: RuleContext, target: str) -> str | None:
    """The page URL or file that ``target`` (a URL path, or a repository path) names but for
    the case of its letters: a link that works on a disk that ignores case (macOS,
    Windows) and is a 404 on the host."""
    if not target or "://" in target:
        return None
    if target.startswith("/"):
        urls = ctx.once("broken-link:urls", lambda: _folded_urls(ctx.site))
        found = urls.get(url_key(target).lower())
        return found if found is not None and url_key(found) != url_key(target) else None
    paths = ctx.once("broken-link:paths", lambda: _folded_paths(ctx.site))
    found = paths.get(target.lower())
    return found if found != target else None  # (a page there, that the link misses otherwise)


def _folded_urls(site: Site) -> dict[str, str]:
    """The site's page URLs and file URLs by their key in lower case."""
    urls: dict[str, str] = {}
    for page in site.pages:
        if page.published and page.url:
            urls.setdefault(url_key(page.url).lower(), page.url)
    for key in site.static_urls:
        urls.setdefault(key.lower(), key)
    return urls


def _folded_paths(site: Site) -> dict[str, str]:
    """The site's page and file paths in lower case."""
    paths: dict[str, str] = {}
    for path in (*site.by_path, *sorted(site.files)):
        paths.setdefault(path.lower(), path)
    return paths
