"""`#fragment` that matches no heading or anchor on the target page.

## What it does
Collects the ids each page defines, by the generator's own rules: heading slugs
(GitHub-style for Hugo, Docusaurus and plain Markdown, kramdown for Jekyll,
Python-Markdown `toc` for MkDocs, each with its suffix for duplicates), explicit
`{#id}` and attribute lists, raw HTML `id`/`name`, footnotes, and the patterns in
`site.anchors`. Reports links whose fragment is none of them. `#top` always works, and
a text fragment's directive (`#:~:text=words`, after an id or alone) is no id.

## Why is this bad?
The reader lands at the top of a long page instead of the section the link
promised; search engines show such deep links as sitelinks and jump links, and a
dead one wastes that.

## Example
```markdown
[SMTP settings](/docs/configuration/#smtp)
```
where the heading reads `## Mail server (SMTP)`.

## Use instead
```markdown
[SMTP settings](/docs/configuration/#mail-server-smtp)
```
or give the heading a stable id: `## Mail server (SMTP) {#smtp}`.

A heading with no text of its own (`#### <!-- md:setting config.lang -->`) gets its text and id
from the site's hooks or plugins, which linkpolicy does not run; a fragment on such a page that
matches nothing says so, and `site.anchors` declares those ids
(`"<!-- md:setting (?P<id>\\S+) -->"`).
"""

from __future__ import annotations

from collections.abc import Sequence

from ..findings import Finding, Severity
from ..site.model import ANY_ID, MEMBERS, Link, LinkKind, Status, member_ids, subcommand_ids
from ._base import RuleContext

ID = "broken-fragment"
SCOPE = "link"
DEFAULT = Severity.ERROR
# only a link that reaches a page has a target page
KINDS = frozenset({LinkKind.INTERNAL})


def check(ctx: RuleContext, link: Link, options: object) -> Sequence[Finding]:
    frag = link.fragment
    target = link.target_page
    if frag and ":~:" in frag:
        # a fragment directive (`#:~:text=word`, `#id:~:text=word`): the browser scrolls to
        # the text, and matches only what is before it with an id
        frag = frag.split(":~:", 1)[0]
    if not frag or frag == "top" or link.status is not Status.PAGE or target is None:
        return ()
    if (
        not target.readable
        or frag in target.anchors
        or ANY_ID in target.anchors
        or _under(frag, target.anchors)
    ):
        return ()
    if ctx.site.fragments_fold_case and _github_match(frag, target.anchors):
        return ()
    where = "this page" if target is link.source else target.url
    message = f"#{frag} matches no heading or anchor on {where}"
    if target.parsed is not None and any(not h.text for h in target.parsed.headings):
        # a heading of nothing but an HTML comment (`## <!-- md:setting x -->`): the site's
        # hook or plugin writes it and names its id, which the Markdown does not show
        message += (
            "; it has headings with no text, whose ids a hook or plugin gives: declare them in site.anchors"
        )
    return [ctx.finding(link, message)]


def _under(frag: str, anchors: set[str]) -> bool:
    """Whether an id of the page that stands for ids only the code knows covers ``frag``:
    ``x.*`` (an object mkdocstrings documents) its members' (``x.member``), ``cmd-*`` (a
    command mkdocs-click documents) its subcommands' (``cmd-sub``). A heading in a documented
    object's docstring has the object's id, ``--`` and its slug (``textual.color--named-colors``)."""
    if any(i in anchors for i in member_ids(frag)) or any(i in anchors for i in subcommand_ids(frag)):
        return True
    obj, sep, _ = frag.partition("--")
    return bool(sep and obj) and (obj + MEMBERS in anchors or any(i in anchors for i in member_ids(obj)))


def _github_match(frag: str, anchors: set[str]) -> bool:
    """GitHub matches fragments ignoring case, and with or without its ``user-content-`` prefix."""
    frag = frag.lower().removeprefix("user-content-")
    return frag in {a.lower().removeprefix("user-content-") for a in anchors}
