"""URLs from logs and exports, normalised and matched to the site's pages.

A key is ``host + path`` with the scheme, query string and fragment dropped, the path
percent-decoded, ``index.html`` and the trailing slash removed (``url_key``). A key is
matched to a page by its URL or one of its aliases, then ignoring case (Hugo lowercases
paths), then without a leading locale segment (``/de/``, ``/pt-br/``) for sites that serve
translations under a prefix but keep one page per language in the signals."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from ..domains import normalize_host
from ..site.model import Page, Site
from ..site.urls import url_key

_LOCALE = re.compile(r"^/[a-z]{2}(?:[-_][a-zA-Z]{2,4})?(?=/|$)")


def normalise(url: str) -> str:
    """``https://www.Example.com/a/b/index.html?x=1#y`` -> ``www.example.com/a/b``;
    a bare path keeps no host: ``/a/b/?q`` -> ``/a/b``."""
    url = url.strip()
    if url.startswith("//") or "://" in url[:12]:
        parts = urlsplit(url if not url.startswith("//") else "https:" + url)
        return normalize_host(parts.netloc) + url_key(parts.path or "/")
    path = url.split("#", 1)[0].split("?", 1)[0]
    return url_key(path or "/")


class Matcher:
    """Key -> page of the site, or the reason there is none."""

    def __init__(self, site: Site, hosts: set[str]) -> None:
        self.site = site
        self.hosts = hosts
        self._folded = {key.lower(): page for key, page in site.by_url.items()}
        for key, page in site.aliases.items():
            self._folded.setdefault(key.lower(), page)

    def match(self, key: str) -> Page | str:
        host, path = _split(key)
        if host and host not in self.hosts:
            return "another host"
        page = self._lookup(path)
        if page is None:
            stripped = _LOCALE.sub("", path)
            if stripped != path:
                page = self._lookup(stripped or "/")
        return page if page is not None else "no such page"

    def _lookup(self, path: str) -> Page | None:
        path = url_key(path)
        return self.site.by_url.get(path) or self.site.aliases.get(path) or self._folded.get(path.lower())


def _split(key: str) -> tuple[str, str]:
    if key.startswith("/"):
        return "", key
    host, _, path = key.partition("/")
    return host, "/" + path
