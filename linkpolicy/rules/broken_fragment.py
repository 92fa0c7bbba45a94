"""`#fragment` that matches no heading or anchor on the target page.

## What it does
Collects the ids each page defines, by the generator's own rules: heading slugs
(GitHub-style for Hugo, Docusaurus and plain Markdown, kramdown for Jekyll,
Python-Markdown `toc` for MkDocs, each with its suffix for duplicates), explicit
`{#id}` and attribute lists, raw HTML `id`/`name`, footnotes, and the patterns in
`site.anchors`. Reports links whose fragment is none of them. `#top` always works, and
a text fragment's directive (`#:~:text=words`, after an id or alone) is no id. The
finding offers the page's id closest to the fragment where one is close (the same letters
in another case, a typo, a heading reworded by a word), but not another of a numbered
series (`#step-2` for `#step-3`).

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

import difflib
import re
from collections.abc import Sequence

from ..findings import Finding, Severity
from ..site.model import ANY_ID, MEMBERS, Link, LinkKind, Status, member_ids, subcommand_ids
from ._base import RuleContext

ID = "broken-fragment"
SCOPE = "link"
DEFAULT = Severity.ERROR
# only a link that reaches a page has a target page
KINDS = frozenset({LinkKind.INTERNAL})
#: how alike an id must be to the fragment to be offered instead (difflib's ratio)
NEAREST = 0.8
#: a page with more ids than this is not searched for one like the fragment (the search
#: compares the fragment with each: about 1 ms at 400)
NEAREST_FROM_IDS = 400
_DIGITS = re.compile(r"\d+")


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
    asked = ctx.once("broken-fragment:nearest", dict)  # the same fragment of a page, linked again
    if (target.path, frag) not in asked:
        asked[target.path, frag] = _nearest(frag, target.anchors)
    near = asked[target.path, frag]
    if near is not None:
        message += f" (did you mean #{near}?)"
    if target.parsed is not None and any(not h.text for h in target.parsed.headings):
        # a heading of nothing but an HTML comment (`## <!-- md:setting x -->`): the site's
        # hook or plugin writes it and names its id, which the Markdown does not show
        message += (
            "; it has headings with no text, whose ids a hook or plugin gives: declare them in site.anchors"
        )
    return [ctx.finding(link, message)]


def _nearest(frag: str, anchors: set[str]) -> str | None:
    """The page's id closest to ``frag`` where one is close (a typo, a heading reworded by a
    word, an id of another slug style): the same letters in another case first."""
    ids = sorted(a for a in anchors if a and not a.endswith("*"))  # (not the patterns)
    folded = frag.lower()
    same = [a for a in ids if a.lower() == folded]
    if same:
        return same[0]
    if len(ids) > NEAREST_FROM_IDS:
        return None
    close = difflib.get_close_matches(frag, ids, n=1, cutoff=NEAREST)
    if not close or _DIGITS.sub("", close[0]) == _DIGITS.sub("", frag):
        return None  # (`#step-2` for `#step-3`: another of the numbered ids, not the one meant)
    return close[0]


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
