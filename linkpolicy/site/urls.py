"""URL helpers the generator modules share (each maps file paths to URLs by its own
rules in ``site/generators/``). Lookups go through :func:`url_key`, so ``/a/b``,
``/a/b/`` and ``/a/b/index.html`` find the same page.
"""

from __future__ import annotations

import functools
import posixpath
import re
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import unquote


@dataclass
class UrlInfo:
    url: str
    aliases: list[str] = field(default_factory=list)
    #: more lookup keys that reach the page without a redirect (plain: folder of a README)
    extra: list[str] = field(default_factory=list)


@functools.lru_cache(maxsize=1 << 16)  # pages link the same URLs again and again
def url_key(path: str) -> str:
    """The lookup key of a URL path: decoded, no ``index.html``, no trailing slash."""
    path = unquote(path)
    for suffix in ("/index.html", "/index.htm"):
        if path.endswith(suffix):
            path = path[: -len(suffix) + 1]
    if path in ("index.html", "index.htm"):
        path = "/"
    if not path.startswith("/"):
        path = "/" + path
    if len(path) > 1:
        path = path.rstrip("/") or "/"
    return path


def strip_ext(rel: str) -> str:
    root, ext = posixpath.splitext(rel)
    return root if ext else rel


def join(*parts: str, slash: bool) -> str:
    segs = [s for p in parts for s in p.split("/") if s]
    url = "/" + "/".join(segs)
    if segs and slash:
        url += "/"
    return url


def aliases(values: Any, base_dir: str) -> list[str]:
    if values is None:
        return []
    if isinstance(values, str):
        values = [values]
    if not isinstance(values, list):
        return []
    out = []
    for v in values:
        v = str(v).strip()
        if not v:
            continue
        if not v.startswith("/") and "://" not in v:
            v = posixpath.normpath(posixpath.join(base_dir, v))
        out.append(v)
    return out


def with_slash(url: str, slash: bool) -> str:
    if url == "/" or posixpath.splitext(url)[1]:
        return url
    return url.rstrip("/") + "/" if slash else url.rstrip("/")


def expand_permalink(template: str, values: dict[str, str]) -> str:
    url = re.sub(r":(\w+)", lambda m: values.get(m.group(1), m.group(0)), template)
    url = re.sub(r"/+", "/", url)
    return url if url.startswith("/") else "/" + url


def with_prefix(info: UrlInfo, prefix: str) -> UrlInfo:
    """``info`` served under a content root's URL prefix."""
    if prefix:
        info.url = join(prefix, info.url, slash=info.url.endswith("/"))
        info.aliases = [join(prefix, a, slash=a.endswith("/")) for a in info.aliases]
        info.extra = [join(prefix, e, slash=True) for e in info.extra]
    return info


def singular(word: str) -> str:
    """A naive English singular, for glossary-style link conventions."""
    for plural, single in (("ies", "y"), ("sses", "ss"), ("xes", "x"), ("ches", "ch"), ("shes", "sh")):
        if word.endswith(plural) and len(word) > len(plural) + 1:
            return word[: -len(plural)] + single
    if word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        return word[:-1]
    return word
