"""Hosts and domain patterns, read the same way for outbound links and backlinks.

A pattern ``example.com`` matches that host and every subdomain; ``*.example.com``
matches subdomains only; ``*.casino`` matches every host under ``casino``. Hosts are
compared lowercased, without a trailing dot, port or userinfo, and IDNA-encoded.
"""

from __future__ import annotations

from collections.abc import Iterable


def normalize_host(host: str) -> str:
    host = host.strip().lower()
    if "@" in host:
        host = host.rsplit("@", 1)[1]
    if host.startswith("["):  # IPv6 literal
        return host.split("]")[0] + "]"
    host = host.split(":")[0].rstrip(".")
    try:
        return host.encode("idna").decode("ascii")
    except UnicodeError:
        return host


def normalize_pattern(pattern: str) -> str:
    pattern = pattern.strip().lower()
    if pattern.startswith("*."):
        return "*." + normalize_host(pattern[2:])
    return normalize_host(pattern)


def host_matches(host: str, pattern: str) -> bool:
    """Whether normalized ``host`` matches normalized ``pattern``."""
    if pattern.startswith("*."):
        return host.endswith(pattern[1:])
    return host == pattern or host.endswith("." + pattern)


def first_match(host: str, patterns: Iterable[str]) -> str | None:
    """The first pattern that matches ``host``, as written, or None."""
    for pattern in patterns:
        if host_matches(host, normalize_pattern(pattern)):
            return pattern
    return None
