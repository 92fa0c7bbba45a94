"""Which `approvals` entry clears a link to a `require_approval` domain.

An approval names either a ``target`` (one URL: scheme and host case, a default port,
the fragment and a trailing slash do not matter) or a ``domain`` (matched like the
`domains.outbound` lists: ``example.com`` is that host and its subdomains,
``*.example.com`` its subdomains only), and the ``pages`` (content globs, relative to
the content root or to the repository) that may link. It holds from its ``date``
through its ``expires`` day.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from ..domains import host_matches, normalize_host, normalize_pattern
from ..patterns import glob_match
from ..policy.models import Approval

_DEFAULT_PORTS = {"http": "80", "https": "443"}


def url_key(url: str) -> str:
    """A URL compared the way approvals compare targets."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return url.strip()
    scheme = parts.scheme.lower()
    host = normalize_host(parts.netloc)
    port = parts.port if _has_port(parts.netloc) else None
    netloc = host if port is None or str(port) == _DEFAULT_PORTS.get(scheme) else f"{host}:{port}"
    path = parts.path.rstrip("/")
    return f"{scheme}://{netloc}{path}" + (f"?{parts.query}" if parts.query else "")


def _has_port(netloc: str) -> bool:
    host = netloc.rsplit("@", 1)[-1]
    return ":" in host.rsplit("]", 1)[-1]


def covers(approval: Approval, url: str, host: str, paths: Sequence[str]) -> bool:
    """Whether ``approval`` names this link (its URL or host) from a page at one of ``paths``."""
    if approval.target is not None:
        if url_key(approval.target) != url_key(url):
            return False
    elif approval.domain is None or not host_matches(host, normalize_pattern(approval.domain)):
        return False
    return any(glob_match(p, approval.pages) for p in paths)


def expired(approval: Approval, today: dt.date) -> bool:
    return approval.expires is not None and approval.expires < today


@dataclass
class Clearance:
    """The approvals that name a link: the first one in force, and those that lapsed."""

    valid: Approval | None = None
    lapsed: list[Approval] = field(default_factory=list)


def clearance(
    approvals: Sequence[Approval], url: str, host: str, paths: Sequence[str], today: dt.date
) -> Clearance:
    found = Clearance()
    for approval in approvals:
        if not covers(approval, url, host, paths):
            continue
        if expired(approval, today):
            found.lapsed.append(approval)
        elif approval.date <= today:
            found.valid = approval
            return found
    return found
