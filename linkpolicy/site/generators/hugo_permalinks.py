"""Hugo's ``permalinks``: URL patterns for the pages of a top-level section.

The config maps a section to a pattern, for its regular pages (``permalinks: {posts:
/:year/:month/:slug/}``), or since Hugo 0.120 by page kind (``permalinks: {page: {posts:
...}, section: {posts: ...}}``). A pattern's tokens: ``:year``, ``:month``, ``:monthname``,
``:day``, ``:weekday``, ``:weekdayname``, ``:yearday`` (of the page's date: front matter
``date``, else ``publishDate``, else ``lastmod``; none is year 1), ``:section``,
``:sections`` (``:sections[1:]``, ``:sections[:last]``), ``:title`` and ``:slug`` (the front
matter's, else the title, urlized), ``:filename`` and ``:contentbasename`` (a bundle's
folder name), ``:slugorfilename`` and ``:slugorcontentbasename``. A page's ``url`` front
matter wins over them.
"""

from __future__ import annotations

import datetime as dt
import posixpath
import re
from collections.abc import Callable
from typing import Any

#: the kinds a pattern may be for, in Hugo 0.120's form
KINDS = ("page", "section", "taxonomy", "term")
_TOKEN = re.compile(r":(\w+)(\[[^\]]*\])?")
_DATE_KEYS = ("date", "publishdate", "pubdate", "published", "lastmod", "modified")


def patterns(value: Any) -> dict[str, dict[str, str]]:
    """kind ("page", "section") -> section -> pattern, from the config's ``permalinks``
    (keys lowercased); the old form (section -> pattern) is for regular pages."""
    if not isinstance(value, dict):
        return {}
    if any(k in KINDS and isinstance(v, dict) for k, v in value.items()):
        return {
            kind: {str(s).strip("/"): str(p) for s, p in v.items() if isinstance(p, str)}
            for kind, v in value.items()
            if kind in KINDS and isinstance(v, dict)
        }
    flat = {str(s).strip("/"): str(p) for s, p in value.items() if isinstance(p, str)}
    return {"page": flat, "term": flat}  # the old form was for a taxonomy's terms too


def term_path(pattern: str, plural: str, term: str, urlize: Callable[[str], str]) -> str:
    """The URL path ``pattern`` gives a taxonomy's page (``term`` "") or a term's page:
    ``:slug``, ``:title`` and the like are the urlized term, ``:section`` the taxonomy."""

    def value(m: re.Match[str]) -> str:
        token = m.group(1).lower()
        if token in ("section", "sections"):
            return plural
        if token in (
            "slug",
            "title",
            "filename",
            "contentbasename",
            "slugorfilename",
            "slugorcontentbasename",
        ):
            return urlize(term) if term else ""
        return m.group(0)

    path = _TOKEN.sub(value, pattern)
    return re.sub(r"/{2,}", "/", "/" + path.lstrip("/"))


def expand(
    pattern: str,
    rel: str,
    front: dict[str, Any],
    title: str,
    urlize: Callable[[str], str],
    is_section: Callable[[str], bool],
) -> str:
    """The URL path ``pattern`` gives the page at ``rel`` (content-root relative);
    ``is_section``: whether a folder (content-root relative) is a section (has an
    ``_index``; a top-level folder always is)."""
    folder, name = posixpath.split(rel)
    stem = posixpath.splitext(name)[0]
    parts = [p for p in (folder.split("/") if folder else []) if p]
    filename = parts[-1] if stem in ("index", "_index") and parts else stem
    if stem == "index" and parts:
        parts = parts[:-1]  # a leaf bundle's folder is the page, not a section
    sections = [part for i, part in enumerate(parts) if i == 0 or is_section("/".join(parts[: i + 1]))]
    date = _date(front)
    slug = str(front.get("slug") or "") or None
    titled = str(front.get("title") or title or "")

    def value(m: re.Match[str]) -> str:
        token, index = m.group(1).lower(), m.group(2)
        if token == "year":
            return str(date.year)  # Go: no padding (year 1 is "1")
        if token == "month":
            return f"{date.month:02d}"
        if token == "monthname":
            return date.strftime("%B")
        if token == "day":
            return f"{date.day:02d}"
        if token == "weekday":
            return str((date.weekday() + 1) % 7)  # Go's: Sunday is 0
        if token == "weekdayname":
            return date.strftime("%A")
        if token == "yearday":
            return str(date.timetuple().tm_yday)
        if token == "section":
            return sections[0] if sections else ""
        if token == "sections":
            return "/".join(_sliced(sections, index))
        if token == "title":
            return urlize(titled)
        if token == "slug":
            return slug or urlize(titled)
        if token in ("filename", "contentbasename"):
            return filename
        if token in ("slugorfilename", "slugorcontentbasename"):
            return slug or filename
        return m.group(0)  # not a token Hugo knows: as written

    path = _TOKEN.sub(value, pattern)
    path = re.sub(r"/{2,}", "/", "/" + path.lstrip("/"))
    return path


def _date(front: dict[str, Any]) -> dt.date:
    for key in _DATE_KEYS:
        raw = front.get(key)
        if raw is None:
            raw = next((v for k, v in front.items() if str(k).lower() == key), None)
        if raw is None:
            continue
        m = re.match(r"(\d{4})-(\d{2})-(\d{2})", str(raw).strip())
        if m:
            try:
                return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            except ValueError:
                continue
    return dt.date(1, 1, 1)


def _sliced(sections: list[str], index: str | None) -> list[str]:
    """``:sections[a:b]`` (``last`` for the last index), or all of them."""
    if not index:
        return sections
    inner = index[1:-1].replace("last", str(len(sections) - 1))
    try:
        if ":" in inner:
            a, _, b = inner.partition(":")
            return sections[int(a) if a else 0 : int(b) if b else len(sections)]
        return [sections[int(inner)]]
    except (ValueError, IndexError):
        return sections
