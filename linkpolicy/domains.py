"""Hosts and domain patterns, read the same way for outbound links and backlinks.

A pattern ``example.com`` matches that host and every subdomain; ``*.example.com``
matches subdomains only; ``*.casino`` matches every host under ``casino``. Hosts are
compared lowercased, without a trailing dot, port or userinfo, and IDNA-encoded.
"""

from __future__ import annotations

import functools
import ipaddress
import re
from collections.abc import Iterable
from typing import Any
from urllib.parse import urlsplit


@functools.lru_cache(maxsize=1 << 14)  # a site names the same few hosts on every page
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
    return _first_match(host, tuple(patterns))


@functools.lru_cache(maxsize=65536)
def _first_match(host: str, patterns: tuple[str, ...]) -> str | None:
    # a site links the same hosts again and again: each (host, list) is matched once
    for pattern in patterns:
        if host_matches(host, normalize_pattern(pattern)):
            return pattern
    return None


_PSL: Any = None


@functools.lru_cache(maxsize=65536)
def registrable_domain(host: str) -> str:
    """The registrable domain of a host (``www.shop.example.co.uk`` -> ``example.co.uk``),
    by the Public Suffix List bundled with the ``publicsuffixlist`` package (no download
    at run time). IP addresses and hosts without a public suffix are returned as they are."""
    global _PSL
    host = normalize_host(host)
    if not host:
        return host
    try:
        ipaddress.ip_address(host.strip("[]"))
        return host
    except ValueError:
        pass
    if _PSL is None:
        from publicsuffixlist import PublicSuffixList

        _PSL = PublicSuffixList()
    return _PSL.privatesuffix(host) or host


_NETLOC = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://([^/?#]*)")


def host_of(url: str) -> str:
    """The normalized host of a URL, or of a bare domain."""
    url = url.strip()
    m = _NETLOC.match(url)
    if m:
        return _host(m.group(1))
    if "://" not in url:
        url = "http://" + url.lstrip("/")
    try:
        return _host(urlsplit(url).netloc)
    except ValueError:
        return ""


@functools.lru_cache(maxsize=65536)
def _host(netloc: str) -> str:
    return normalize_host(netloc)
