"""Navigation source (a sidebar, the navbar) the checker could not read without running it.

## What it does
Reports each place in a navigation source that is not plain data: a Docusaurus
`sidebars.js` item written as a function call or an import, a sidebar naming a doc id that
is no published page, a navbar item built by code, a file that does not parse. The links
that part would make are missing from the graph, so orphan, reachability and depth rules
may be wrong about the pages it lists.

## Why is this bad?
The checker reads sidebars and configs as data, never executing them (a pre-commit hook
must not run a repository's code). What it cannot read is a gap in the link graph; this
rule says where the gap is instead of hiding it.

## Example
```js
module.exports = {docs: [...require('./generated-items')]};
```

## Use instead
Write the items as literals (a `const` referenced by name and `...spread` of one are
read), or accept the notice and silence it with `rules.ignore` for that file.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..findings import Finding, Severity
from ._base import RuleContext

ID = "unread-navigation"
SCOPE = "site"
DEFAULT = Severity.INFO


def check(ctx: RuleContext, options: object) -> Iterator[Finding]:
    for notice in sorted(set(ctx.site.notices)):
        yield Finding(
            rule=ctx.rule,
            severity=ctx.severity,
            path=notice.path,
            line=max(notice.line, 1),
            column=max(notice.column, 1),
            message=notice.message,
        )
