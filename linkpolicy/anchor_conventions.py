"""Ids that a site's hook or plugin gives its pages, found from the links that use them.

Material for MkDocs writes a setting's heading as ``#### <!-- md:setting config.x -->``
and a hook of the site gives it the id ``config.x``; ``<!-- md:option toc.slugify -->``
becomes ``+toc.slugify``. Such an id is in no heading's text, so a link to it reads as a
broken fragment until the policy's ``site.anchors`` says where ids come from. The links
say it: a fragment that no heading has, and that an HTML comment on the page it points
to holds as its last word (after a fixed prefix, or none), is such an id; the comments'
first word and the prefix make the pattern, taken when several links agree.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from typing import Any

#: an HTML comment of a name and one argument: ``<!-- md:setting config.x -->``
_COMMENT = re.compile(r"<!--\s*(\S+)\s+(\S+)\s*-->")
#: what may stand before the comment's argument in the id (``+`` of ``+toc.slugify``)
_PREFIX = re.compile(r"[^\w\s]{0,2}")
#: links an anchor pattern must answer to be proposed
MIN_LINKS = 2


def anchor_patterns(site: Any, read: Callable[[str], str | None]) -> list[tuple[str | dict[str, str], int]]:
    """Entries for `site.anchors` (a regex with an ``id`` group, or a regex and an id
    template) and how many of the site's links with a fragment no heading has each answers,
    most first. ``read`` gives a page's text by its path (None when it cannot)."""
    answered: Counter[tuple[str, str]] = Counter()
    texts: dict[str, dict[str, str]] = {}
    for page in site.pages:
        for link in page.links:
            target, fragment = link.target_page, link.fragment
            if target is None or not fragment or fragment in target.anchors:
                continue
            if target.path not in texts:
                texts[target.path] = _arguments(read(target.path) or "")
            found = texts[target.path]
            for cut in range(3):
                prefix, rest = fragment[:cut], fragment[cut:]
                if rest in found and _PREFIX.fullmatch(prefix):
                    answered[(found[rest], prefix)] += 1
                    break
    out: list[tuple[str | dict[str, str], int]] = []
    for (name, prefix), n in answered.most_common():
        if n < MIN_LINKS:
            continue
        match = r"<!--\s*" + re.escape(name) + r"\s+"
        if prefix:
            out.append(({"match": match + r"(\S+)\s*-->", "id": prefix + "{1}"}, n))
        else:
            out.append((match + r"(?P<id>\S+)\s*-->", n))
    return out


def _arguments(text: str) -> dict[str, str]:
    """Each comment argument of ``text`` -> the name of the (first) comment that holds it."""
    found: dict[str, str] = {}
    for m in _COMMENT.finditer(text):
        found.setdefault(m.group(2), m.group(1))
    return found
