"""Content file that cannot be read as a page (encoding, binary, front matter).

## What it does
Reports content files that are not valid UTF-8, contain binary data, are too large,
have broken or unterminated front matter, are not regular files (a FIFO, a device, a
symlink out of the repository), or have managed-block markers that are unbalanced,
duplicated, nested or out of order (which `generate` then leaves alone). The rest of
the site is still checked.

## Why is this bad?
The generator will fail on the file or render it wrongly (a broken front matter block
turns into text at the top of the page), and every link on it goes unchecked.

## Example
```markdown
---
title: "Setup
---
```

## Use instead
```markdown
---
title: "Setup"
---
```
"""

from __future__ import annotations

from collections.abc import Iterator

from ..findings import Finding, Severity
from ._base import RuleContext

ID = "invalid-page"
SCOPE = "site"
DEFAULT = Severity.ERROR


def check(ctx: RuleContext, options: object) -> Iterator[Finding]:
    for page in ctx.site.pages:
        for line, column, message in page.problems:
            yield ctx.finding(page, message, line=line, column=column)
