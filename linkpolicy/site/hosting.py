"""What the host serves beside the built site: the redirects (and rewrites) of Netlify
(``netlify.toml`` ``[[redirects]]``, a ``_redirects`` file) and Vercel (``vercel.json``
``redirects`` and ``rewrites``). A link the site's pages and files do not answer is served
when one of them matches its path: as a redirect to the page it leads to, or off the site.

Patterns as each host reads them: Netlify's ``from`` takes ``:name`` segments and a
trailing ``*`` splat (``:splat`` in ``to``); Vercel's ``source`` is a path-to-regexp pattern
(``:name``, ``:name*``, ``:name+``, ``:name?``, ``:name(regex)`` and ``(regex)`` groups;
``:name`` and ``$1`` in ``destination``). The first rule that matches a path answers it
(Netlify reads ``_redirects`` before ``netlify.toml``); a Netlify rule of status 404 serves
nothing there.
"""

from __future__ import annotations

import json
import posixpath
import re
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from ..errors import PatternTimeout
from ..patterns import SafePattern, compile_pattern
from ..source import Source
from .templates import PARTIAL

#: at most this many rules are read (a generated file of more is not followed further)
MAX_RULES = 20_000


@dataclass(frozen=True)
class HostRule:
    """One redirect or rewrite: the paths it answers, and where it sends them."""

    #: the paths it answers (a host file's patterns are the repository's, not ours: run on
    #: RE2 where they allow, else under a time limit)
    pattern: SafePattern
    #: None: a rule that serves nothing there (Netlify's 404 rules), which later rules do not pass
    destination: str | None
    #: the file it is written in
    file: str
    #: the one path it answers, when its source has no placeholder (most rules of a big
    #: redirect file): found by lookup, not by trying the pattern
    literal: str | None = None

    def match(self, path: str) -> Any:
        """The match of the whole ``path``, or None (also where the pattern ran too long)."""
        try:
            return self.pattern.search(path)
        except PatternTimeout:
            return None

    def target(self, path: str) -> str | None:
        """Where the host sends ``path`` (placeholders filled in), or None: no match."""
        m = self.match(path)
        if m is None or self.destination is None:
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


class HostRules:
    """The host's rules in order, the first that answers a path winning (as both hosts
    read them); literal sources found by lookup (a file of thousands of moved pages).
    Each host's rules are a chain of their own (a repository deployed to one host may keep
    the other's file): a path is served where a chain serves it."""

    def __init__(self, chains: Iterable[list[HostRule]] = ()) -> None:
        """``chains``: each host's rules in order (none: no host rules)."""
        self.chains = [_Chain(rules) for rules in chains if rules]

    def __bool__(self) -> bool:
        return bool(self.chains)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, HostRules) and [c.rules for c in other.chains] == [
            c.rules for c in self.chains
        ]

    def target(self, path: str) -> str | None:
        """Where the host sends ``path`` (see :meth:`HostRule.target`), or None."""
        return next((dest for chain in self.chains if (dest := chain.target(path)) is not None), None)


class _Chain:
    def __init__(self, rules: list[HostRule]) -> None:
        self.rules = rules
        self._literal: dict[str, int] = {}
        self._patterns: list[tuple[int, HostRule]] = []
        for i, rule in enumerate(rules):
            if rule.literal is None:
                self._patterns.append((i, rule))
            else:
                for key in (rule.literal.rstrip("/") or "/", rule.literal.rstrip("/") + "/"):
                    self._literal.setdefault(key, i)

    def target(self, path: str) -> str | None:
        first = self._literal.get(path, len(self.rules))
        for i, rule in self._patterns:
            if i > first:
                break
            if rule.match(path):
                return rule.target(path)  # None where it serves nothing
        return self.rules[first].destination if first < len(self.rules) else None


def read_rules(
    source: Source,
    folders: Iterable[str],
    static_roots: Iterable[str],
    templates: Iterable[str] = (),
    values: Mapping[str, str] | None = None,
    partials: Mapping[str, str] | None = None,
) -> HostRules:
    """The host's rules: ``netlify.toml`` and ``vercel.json`` in ``folders`` (the
    repository root, the generator config's folder), ``_redirects`` in the static roots
    (copied to the built site's root), in each folder's ``static/`` and in each folder;
    before them the ``_redirects`` the build renders from ``templates`` (Hugo's), with the
    site's parameters ``values`` (``a.b``: lowercase) and the ``partials`` they call (by
    name) filled in (see :func:`filled`)."""
    folders = list(dict.fromkeys(f.strip("/") for f in folders))
    places = [r.strip("/") for r in static_roots] + [posixpath.join(f, "static") for f in folders] + folders
    # Netlify reads _redirects before netlify.toml's rules
    netlify = [posixpath.join(p, "_redirects") for p in places] + [
        posixpath.join(f, "netlify.toml") for f in folders
    ]
    vercel = [posixpath.join(f, "vercel.json") for f in folders]
    made: list[HostRule] = []
    for path in templates:
        try:
            text = source.read(path).decode("utf-8-sig", "replace")
        except OSError:
            continue
        made += _netlify(_redirects_lines(filled(text, values or {}, partials or {})), path)
    chains = []
    for paths, first in ((netlify, made), (vercel, [])):
        rules = list(first)
        for path in dict.fromkeys(posixpath.normpath(p) for p in paths):
            rules += _read(source, path)
        chains.append(rules[:MAX_RULES])
    return HostRules(chains)


#: ``{{ $name := site.Params.key }}`` (or ``.Site.Params``), ``{{ $name := $other }}``: a
#: variable of a site parameter
_ASSIGNED = re.compile(r"\{\{-?\s*(\$\w+)\s*:=\s*(?:\.?[Ss]ite\.Params\.([\w.]+)|(\$\w+))\s*-?\}\}")
#: a line that calls a partial (``{{ $rules := partial "redirects.txt" . }}``)
_CALLS = re.compile(r"\{\{-?[^{}\n]*" + PARTIAL.pattern + r"[^{}\n]*-?\}\}")
#: ``{{ $name }}``, ``{{ site.Params.key }}``: a value the template writes
_WRITTEN = re.compile(r"\{\{-?\s*(?:(\$\w+)|\.?[Ss]ite\.Params\.([\w.]+))\s*-?\}\}")


def filled(template: str, values: Mapping[str, str], partials: Mapping[str, str] | None = None) -> str:
    """A Go template's text as far as it is a site parameter written (directly or through
    a variable assigned one, or another such variable), a partial it calls in its place
    (Jaeger's rules are a ``redirects.txt`` partial the template formats): the lines with
    any other action are left out (a loop's, an unknown value's), so only rules that are
    certain are read."""
    if partials:
        template = _CALLS.sub(lambda m: partials.get(m.group(1)) or m.group(0), template)
    names: dict[str, str | None] = {}
    for m in _ASSIGNED.finditer(template):
        names[m.group(1)] = values.get(m.group(2).lower()) if m.group(2) else names.get(m.group(3))

    def value(m: re.Match[str]) -> str:
        found = names.get(m.group(1)) if m.group(1) else values.get(m.group(2).lower())
        return m.group(0) if found is None else found

    lines = (_WRITTEN.sub(value, line) for line in _ASSIGNED.sub("", template).splitlines())
    return "\n".join(line for line in lines if "{{" not in line)


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
        # a 404 rule (a custom 404 page) serves nothing there, and stops the rules below
        served = None if str(entry.get("status", "301")).startswith("404") else to
        origin = origin.split("?", 1)[0]
        pattern = _netlify_pattern(origin)
        if pattern is not None:
            literal = origin if "*" not in origin and "/:" not in origin else None
            rules.append(HostRule(pattern, served, file, literal))
    return rules


def _compiled(source: str) -> SafePattern | None:
    """``source`` (which answers a path and an optional trailing slash) matched whole."""
    import regex  # (what compile_pattern compiles with)

    try:
        return compile_pattern(f"^(?:{source}/?)$")
    except (regex.error, re.error, ValueError, OverflowError, RecursionError):
        return None


def _netlify_pattern(origin: str) -> SafePattern | None:
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
    return _compiled(source or "")


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
            literal = None if _TOKEN.search(origin) else origin
            rules.append(HostRule(pattern, to, file, literal))
    return rules


def _vercel_pattern(origin: str) -> SafePattern | None:
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
    return _compiled("".join(out))
