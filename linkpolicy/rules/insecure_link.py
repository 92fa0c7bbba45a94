"""Outbound link over plain `http://`.

## What it does
Reports external links whose scheme is `http`, except to hosts that stay on the reader's
machine or network: `localhost`, loopback and private addresses, `.local` and `.test` names.

## Why is this bad?
Browsers warn about or block mixed and insecure navigation, the target usually
redirects to HTTPS anyway (an extra hop), and readers' traffic can be tampered with.

## Example
```markdown
[Do Not Track](http://www.w3.org/TR/tracking-dnt/)
```

## Use instead
```markdown
[Do Not Track](https://www.w3.org/TR/tracking-dnt/)
```
"""

from __future__ import annotations

import ipaddress
from collections.abc import Sequence
from urllib.parse import urlsplit

from ..findings import Finding, Severity
from ..site.model import Link, LinkKind
from ._base import RuleContext

ID = "insecure-link"
SCOPE = "link"
#: the only kind of link this rule reads (the engine passes it no other)
KINDS = frozenset({LinkKind.EXTERNAL})
DEFAULT = Severity.WARNING


#: names that never leave the reader's machine or network (RFC 6761, RFC 6762)
_LOCAL_SUFFIXES = (".localhost", ".local", ".test", ".internal", ".home.arpa")


def _local(host: str) -> bool:
    """localhost, loopback and private addresses, and .local/.test names: no https there."""
    host = host.strip("[]").lower()
    if host == "localhost" or host.endswith(_LOCAL_SUFFIXES):
        return True
    try:
        ip = ipaddress.ip_address(host)
    except ValueError:
        return False
    return ip.is_loopback or ip.is_private or ip.is_link_local or ip.is_unspecified


def _host(link: Link) -> str:
    try:
        return urlsplit(link.target or "").hostname or link.host or ""
    except ValueError:
        return link.host or ""


def check(ctx: RuleContext, link: Link, options: object) -> Sequence[Finding]:
    if link.kind is LinkKind.EXTERNAL and link.scheme == "http" and not _local(_host(link)):
        return [ctx.finding(link, f"insecure http:// link to {link.host}; use https://")]
    return ()
