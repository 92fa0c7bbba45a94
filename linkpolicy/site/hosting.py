"""What the host serves beside the built site: the redirects (and rewrites) of Netlify
(``netlify.toml`` ``[[redirects]]``, a ``_redirects`` file) and Vercel (``vercel.json``
``redirects`` and ``rewrites``). A link the site's pages and files do not answer is served
when one of them matches its path: as a redirect to the page it leads to, or off the site.

Patterns as each host reads them: Netlify's ``from`` takes ``:name`` segments and a
trailing ``*`` splat (``:splat`` in ``to``); Vercel's ``source`` is a path-to-regexp pattern
(``:name``, ``:name*``, ``:name+``, ``:name?``, ``:name(regex)`` and ``(regex)`` groups;
``:name`` and ``$1`` in ``destination``). A Netlify rule of status 404 serves nothing.
"""

from __future__ import annotations

import json
import posixpath
import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass

from ..source import Source

#: where the host's config may be: the repository root and the site's own folder
_CONFIGS = ("netlify.toml", "vercel.json")
#: at most this many rules are read (a generated file of more is not followed further)
MAX_RULES = 20_000


@dataclass(frozen=True)
class HostRule:
    """One redirect or rewrite: the paths it answers, and where it sends them."""

    pattern: re.Pattern[str]
    destination: str
    #: the file it is written in
    file: str

    def target(self, path: str) -> str | None:
        """Where the host sends ``path`` (placeholders filled in), or None: no match."""
        m = self.pattern.fullmatch(path)
        if m is None:
            return None
        out = self.destination
        named = {k: v or "" for k, v in m.groupdict().items()}
        out = re.sub(r":([A-Za-z_]\w*)[*+?]?", lambda p: named.get(p.group(1), p.group(0)), out)
        return re.sub(r"\$(\d+)", lambda p: _group(m, int(p.group(1))), out)


def _group(m: re.Match[str], i: int) -> str:
    try:
        return m.group(i) or ""
    except IndexError:
        return ""


def read_rules(source: Source, folders: Iterable[str], static_roots: Iterable[str]) -> list[HostRule]:
    """The host's rules: ``netlify.toml`` and ``vercel.json`` in ``folders`` (the
    repository root, the generator config's folder), ``_redirects`` in the static roots
    (copied to the built site's root), in each folder's ``static/`` and in each folder."""
    folders = list(dict.fromkeys(f.strip("/") for f in folders))
    paths = [posixpath.join(f, name) for f in folders for name in _CONFIGS]
    places = [r.strip("/") for r in static_roots] + [posixpath.join(f, "static") for f in folders] + folders
    paths += [posixpath.join(p, "_redirects") for p in places]
    rules: list[HostRule] = []
    for path in dict.fromkeys(posixpath.normpath(p) for p in paths):
        rules += _read(source, path)
    return rules[:MAX_RULES]


def _read(source: Source, path: str) -> list[HostRule]:
    try:
        text = source.read(path).decode("utf-8-sig", "replace")
    except OSError:
        return []
    try:
        if path.endswith("netlify.toml"):
            return _netlify(tomllib.loads(text).get("redirects"), path)
        if path.endswith("vercel.json"):
            data = json.loads(text)
            data = data if isinstance(data, dict) else {}
            return _vercel([*_dicts(data.get("redirects")), *_dicts(data.get("rewrites"))], path)
    except (ValueError, TypeError):
        return []
    return _netlify(_redirects_lines(text), path)


def _dicts(value: object) -> list[dict[str, object]]:
    return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []


def _redirects_lines(text: str) -> list[dict[str, object]]:
    """A ``_redirects`` file: ``from to [status]`` a line (``#`` comments)."""
    out: list[dict[str, object]] = []
    for line in text.splitlines():
        fields = line.split("#", 1)[0].split()
        if len(fields) >= 2 and fields[0].startswith("/"):
            status = next((f for f in fields[2:] if f[:3].isdigit()), "301")
            out.append({"from": fields[0], "to": fields[1], "status": status[:3]})
    return out


def _netlify(entries: object, file: str) -> list[HostRule]:
    rules = []
    for entry in _dicts(entries):
        origin, to = entry.get("from"), entry.get("to")
        if not isinstance(origin, str) or not isinstance(to, str) or not origin.startswith("/"):
            continue
        if str(entry.get("status", "301")).startswith("404"):
            continue  # a custom 404 page: the path is not served
        pattern = _netlify_pattern(origin.split("?", 1)[0])
        if pattern is not None:
            rules.append(HostRule(pattern, to, file))
    return rules


def _netlify_pattern(origin: str) -> re.Pattern[str] | None:
    parts = []
    for i, segment in enumerate(origin.rstrip("/").split("/")):
        if segment == "*" and i:
            parts.append("(?P<splat>.*)")
            break
        if segment.startswith(":") and len(segment) > 1 and segment[1:].isidentifier():
            parts.append(f"(?P<{segment[1:]}>[^/]+)")
        else:
            parts.append(re.escape(segment))
    source = "/".join(parts)
    source = source.replace("/(?P<splat>.*)", "(?:/(?P<splat>.*))?")
    try:
        return re.compile((source or "") + "/?")
    except re.error:
        return None


# a path-to-regexp token: a named parameter with its pattern and modifier, or a group
_TOKEN = re.compile(r":([A-Za-z_]\w*)(\((?:[^()\\]|\\.)*\))?([*+?]?)|(\((?:[^()\\]|\\.)*\))")


def _vercel(entries: list[dict[str, object]], file: str) -> list[HostRule]:
    rules = []
    for entry in entries:
        origin, to = entry.get("source"), entry.get("destination")
        if not isinstance(origin, str) or not isinstance(to, str) or not origin.startswith("/"):
            continue
        pattern = _vercel_pattern(origin)
        if pattern is not None:
            rules.append(HostRule(pattern, to, file))
    return rules


def _vercel_pattern(origin: str) -> re.Pattern[str] | None:
    out, at = [], 0
    for m in _TOKEN.finditer(origin):
        literal = origin[at : m.start()]
        name, custom, modifier, group = m.groups()
        at = m.end()
        if group is not None:
            out.append(re.escape(literal) + group)
            continue
        inner = custom[1:-1] if custom else "[^/]+?"
        if modifier in ("*", "+"):
            inner = f"{inner}(?:/{inner})*"
        slash = literal.endswith("/") and modifier in ("*", "?")
        prefix = re.escape(literal[:-1] if slash else literal)
        body = f"(?P<{name}>{inner})"
        out.append(prefix + (f"(?:/{body})?" if slash else body if modifier != "?" else f"{body}?"))
    out.append(re.escape(origin[at:]))
    try:
        return re.compile("".join(out) + "/?")
    except re.error:
        return None
