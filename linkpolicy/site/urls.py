"""File path -> URL, following each generator's documented rules.

Every function takes the page's path relative to its content root (``/`` separators)
and its front matter, and returns the canonical URL plus the URLs that redirect to
it (``aliases`` / ``redirect_from``). Lookups go through :func:`url_key`, so
``/a/b``, ``/a/b/`` and ``/a/b/index.html`` find the same page.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import unquote

PAGE_EXTENSIONS = {
    "hugo": (".md", ".markdown", ".mdown"),
    "mkdocs": (".md", ".markdown", ".mdown", ".mkdn", ".mkd"),
    "docusaurus": (".md", ".mdx"),
    "jekyll": (".md", ".markdown", ".mkdown", ".mkdn", ".mkd"),
    "plain": (".md", ".markdown", ".mdx"),
}

#: Whether URLs end with "/" when the policy leaves ``trailing_slash`` unset.
DEFAULT_TRAILING_SLASH = {
    "hugo": True,
    "mkdocs": True,
    "docusaurus": False,
    "jekyll": False,
    "plain": False,
}


@dataclass
class UrlInfo:
    url: str
    aliases: list[str] = field(default_factory=list)
    #: more lookup keys that reach the page without a redirect (plain: folder of a README)
    extra: list[str] = field(default_factory=list)


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


def _strip_ext(rel: str) -> str:
    root, ext = posixpath.splitext(rel)
    return root if ext else rel


def _join(*parts: str, slash: bool) -> str:
    segs = [s for p in parts for s in p.split("/") if s]
    url = "/" + "/".join(segs)
    if segs and slash:
        url += "/"
    return url


def _aliases(values: Any, base_dir: str) -> list[str]:
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


def _with_slash(url: str, slash: bool) -> str:
    if url == "/" or posixpath.splitext(url)[1]:
        return url
    return url.rstrip("/") + "/" if slash else url.rstrip("/")


def hugo_url(rel: str, front: dict[str, Any], slash: bool, keep_case: bool = False) -> UrlInfo:
    folder, name = posixpath.split(rel)
    stem = _strip_ext(name)
    if stem in ("_index", "index"):
        path_parts = [folder]
    else:
        slug = front.get("slug")
        path_parts = [folder, str(slug) if slug else stem]
    url_front = front.get("url")
    if url_front:
        url = str(url_front)
        if not url.startswith("/"):
            url = "/" + url
    else:
        # Hugo lowercases paths and turns spaces into hyphens (disablePathToLower off).
        path = "/".join(p for p in path_parts if p).replace(" ", "-")
        if not keep_case:
            path = path.lower()
        url = _join(path, slash=slash)
    url = _with_slash(url, slash) if not url_front else url
    section = posixpath.dirname(url.rstrip("/")) or "/"
    return UrlInfo(url, _aliases(front.get("aliases"), section))


def mkdocs_url(rel: str, front: dict[str, Any], slash: bool) -> UrlInfo:
    folder, name = posixpath.split(rel)
    stem = _strip_ext(name)
    if stem in ("index", "README"):
        url = _join(folder, slash=True) if slash else _join(folder, "index.html", slash=False)
        if not slash and url == "/index.html":
            url = "/index.html"
    elif slash:
        url = _join(folder, stem, slash=True)
    else:
        url = _join(folder, stem + ".html", slash=False)
    return UrlInfo(url)


_NUMBER_PREFIX = re.compile(r"^\d+\s*[-_.]+\s*(?=[^-_.\s])")


def docusaurus_url(rel: str, front: dict[str, Any], slash: bool, prefix: str) -> UrlInfo:
    folder, name = posixpath.split(rel)
    stem = _strip_ext(name)
    folders = [_NUMBER_PREFIX.sub("", p) for p in folder.split("/") if p]
    stem = _NUMBER_PREFIX.sub("", stem)
    slug = front.get("slug")
    if slug is not None:
        slug = str(slug)
        url = (
            _join(prefix, slug, slash=slash)
            if slug.startswith("/")
            else _join(prefix, *folders, slug, slash=slash)
        )
    else:
        doc_id = str(front.get("id") or stem)
        is_index = stem.lower() in ("index", "readme") or (folders and stem == folders[-1])
        parts = folders if is_index and "id" not in front else [*folders, doc_id]
        url = _join(prefix, *parts, slash=slash)
    return UrlInfo(url)


_POST = re.compile(r"^(\d{4})-(\d{2})-(\d{2})-(.+)$")


def jekyll_url(rel: str, front: dict[str, Any], slash: bool) -> UrlInfo:
    folder, name = posixpath.split(rel)
    stem = _strip_ext(name)
    ext = "/" if slash else ".html"
    parts = folder.split("/") if folder else []
    redirects = _aliases(front.get("redirect_from"), "/" + folder)
    permalink = front.get("permalink")
    if "_posts" in parts or "_drafts" in parts:
        idx = parts.index("_posts") if "_posts" in parts else parts.index("_drafts")
        cats = [p for p in parts[:idx] if p]
        fc = front.get("categories", front.get("category"))
        if isinstance(fc, str):
            cats += fc.split()
        elif isinstance(fc, list):
            cats += [str(c) for c in fc]
        m = _POST.match(stem)
        y, mo, d, title = m.groups() if m else ("", "", "", stem)
        title = str(front.get("slug") or title)
        values = {
            "categories": "/".join(cats),
            "year": y,
            "month": mo,
            "day": d,
            "title": title,
            "slug": title,
            "output_ext": ".html",
        }
        if permalink:
            return UrlInfo(expand_permalink(str(permalink), values), redirects)
        url = _join(*cats, y, mo, d, slash=False) + "/" + title + ext
        return UrlInfo(url, redirects)
    if permalink:
        values = {
            "title": stem,
            "slug": stem,
            "output_ext": ".html",
            "path": folder,
            "basename": stem,
            "name": stem,
            "categories": "",
        }
        return UrlInfo(expand_permalink(str(permalink), values), redirects)
    if stem == "index":
        return UrlInfo(_join(folder, slash=True), redirects)
    return UrlInfo(_join(folder, slash=False).rstrip("/") + "/" + stem + ext, redirects)


def expand_permalink(template: str, values: dict[str, str]) -> str:
    url = re.sub(r":(\w+)", lambda m: values.get(m.group(1), m.group(0)), template)
    url = re.sub(r"/+", "/", url)
    return url if url.startswith("/") else "/" + url


def plain_url(rel: str, front: dict[str, Any], slash: bool) -> UrlInfo:
    folder, name = posixpath.split(rel)
    url = "/" + rel
    extra = []
    if _strip_ext(name).lower() in ("readme", "index"):
        extra.append(_join(folder, slash=True))
    return UrlInfo(url, extra=extra)


def page_url(
    generator: str, rel: str, front: dict[str, Any], *, slash: bool, prefix: str = "", keep_case: bool = False
) -> UrlInfo:
    """The URL of the page at ``rel`` (relative to its content root)."""
    if generator == "hugo":
        info = hugo_url(rel, front, slash, keep_case)
    elif generator == "mkdocs":
        info = mkdocs_url(rel, front, slash)
    elif generator == "docusaurus":
        return docusaurus_url(rel, front, slash, prefix)
    elif generator == "jekyll":
        info = jekyll_url(rel, front, slash)
    else:
        info = plain_url(rel, front, slash)
    if prefix:
        info.url = _join(prefix, info.url, slash=info.url.endswith("/"))
        info.aliases = [_join(prefix, a, slash=a.endswith("/")) for a in info.aliases]
        info.extra = [_join(prefix, e, slash=True) for e in info.extra]
    return info


def singular(word: str) -> str:
    """A naive English singular, for glossary-style link conventions."""
    for plural, single in (("ies", "y"), ("sses", "ss"), ("xes", "x"), ("ches", "ch"), ("shes", "sh")):
        if word.endswith(plural) and len(word) > len(plural) + 1:
            return word[: -len(plural)] + single
    if word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        return word[:-1]
    return word
