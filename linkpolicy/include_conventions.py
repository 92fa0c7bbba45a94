"""Hugo shortcodes that include another content file, found from the pages that call them.

Where a site's shortcode templates are in the repository, the generator reads them (see
``site.shortcodes``). Where they are not (a theme fetched as a module, a corpus of the
content alone), the calls say it: a shortcode whose first argument names a file of the
content root (``{{% include "/_common/x.md" %}}``, ``{{% include "functions/_common/y" %}}``)
on most of its calls is an include, and `site.include` can say so.
"""

from __future__ import annotations

import posixpath
import re
from collections import Counter
from collections.abc import Callable
from typing import Any

#: a shortcode call with a quoted first argument
_CALL = re.compile(r'\{\{[%<]-?\s*([\w-]+)\s+"([^"\n]+)"')
#: Hugo's own shortcodes, whose argument is no content to include
_EMBEDDED = frozenset({"ref", "relref", "figure", "gist", "highlight", "param", "youtube", "vimeo", "x"})
#: calls, and the share of them that name a content file, that make a shortcode an include
MIN_CALLS = 3
MIN_SHARE = 0.8


def include_calls(
    site: Any, read: Callable[[str], str | None], known: set[str]
) -> list[tuple[dict[str, str], int]]:
    """`site.include` entries for the shortcodes (not ``known``, nor Hugo's own) whose
    first argument names a file of the page's content root on most of their calls, and
    how many calls each answers, most first."""
    calls: Counter[str] = Counter()
    named: Counter[str] = Counter()
    for page in site.pages:
        text = read(page.path)
        if not text or "{{" not in text:
            continue
        for name, arg in _CALL.findall(text):
            if name in _EMBEDDED or name in known:
                continue
            calls[name] += 1
            named[name] += (
                site.included_page(posixpath.normpath(page.root + arg.strip().lstrip("/"))) is not None
            )
    out = []
    for name, n in calls.most_common():
        if n >= MIN_CALLS and named[name] >= MIN_SHARE * n:
            match = r"\{\{[%<]-?\s*" + re.escape(name) + r'\s+"([^"]+)"'
            out.append(({"match": match, "path": "{1}"}, named[name]))
    return out
