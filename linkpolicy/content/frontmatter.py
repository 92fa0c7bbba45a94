"""Front matter: YAML (``---``), TOML (``+++``) or JSON (``{``) at the top of a page.

Reading never raises: a block that cannot be read (malformed, over the size limit, an
alias bomb, nested too deeply) leaves ``data`` empty and sets ``error``, which the
checker reports as ``invalid-page``. Values come out as plain JSON types (str, int,
float, bool, None, list, dict with str keys): dates and times as ISO strings, binary
as base64 text, sets as sorted lists, so nothing downstream (cache, reporters) meets
a type it cannot handle.
"""

from __future__ import annotations

import base64
import datetime as dt
import json
import math
import re
import tomllib
from dataclasses import dataclass, field
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.constructor import SafeConstructor
from ruamel.yaml.cyaml import CParser
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.nodes import MappingNode, ScalarNode, SequenceNode
from ruamel.yaml.resolver import VersionedResolver, implicit_resolvers
from ruamel.yaml.tag import Tag

from ..yamlsafe import MAX_DEPTH, MAX_NODES, YAMLLimitError, bounded, check_size

_BRACKETS = re.compile(r"[\[\]{}]")
_INDICATOR = re.compile(r"(?:^|(?<=\s))[-?:](?=\s|$)")

#: Characters a front matter block may have.
MAX_FRONT_MATTER = 1024 * 1024


@dataclass
class FrontMatter:
    """Parsed front matter and where the body starts.

    ``body_line`` is the 0-based line index of the first body line in the file.
    ``error`` is set (with a 1-based ``error_line``) when the block is broken; ``data``
    is then empty, and the body starts after the block if its end was found.
    """

    data: dict[str, Any] = field(default_factory=dict)
    body_line: int = 0
    error: str | None = None
    error_line: int = 1
    error_column: int = 1


class _Constructor(SafeConstructor):
    """Safe constructor whose impossible dates (``2024-02-30``) stay strings, as the
    generators that read them as plain text would show them."""

    def construct_yaml_timestamp(self, node: Any, values: Any = None) -> Any:
        try:
            return super().construct_yaml_timestamp(node, values)
        except ValueError:
            return str(node.value)


_Constructor.add_constructor("tag:yaml.org,2002:timestamp", _Constructor.construct_yaml_timestamp)


def _yaml(pure: bool) -> YAML:
    y = YAML(typ="safe", pure=pure)
    y.Constructor = _Constructor
    y.allow_duplicate_keys = True  # authors' typos should not hide the page
    return bounded(y)


# The C parser (ruamel.yaml.clib) reads front matter ~3x faster; on an error the pure
# parser reads the block again, because its marks point at the offending character
# rather than at the end of the stream.
_FAST = _yaml(pure=False)
_PRECISE = _yaml(pure=True)


class _FastLoader(CParser, _FAST.Constructor, VersionedResolver):  # type: ignore[misc, name-defined]
    """What ``_FAST.load`` reads a block with (the C parser, this module's bounded
    constructor, YAML 1.2 resolution, duplicate keys allowed), as one class: ``YAML.load``
    makes that class anew for every document, a fifth of the time of a page's front matter."""

    def __init__(self, stream: str) -> None:
        CParser.__init__(self, stream)
        self._parser = self._composer = self
        _FAST.Constructor.__init__(self, loader=self)
        self.allow_duplicate_keys = _FAST.allow_duplicate_keys
        VersionedResolver.__init__(self, version=_FAST.version, loadumper=self)

    def resolve(self, kind: Any, value: Any, implicit: Any) -> Any:
        """A plain scalar's tag from YAML 1.2's patterns, made once for every document (the
        C parser reads no ``%YAML`` directive, so 1.2 is the version of each):
        ``VersionedResolver`` makes its table anew for each document and asks twice per
        scalar, through two caught exceptions, which version it reads — a third of a
        page's front matter."""
        if kind is ScalarNode and implicit[0] and not self.yaml_path_resolvers:
            known = _PLAIN_TAGS.get(value)
            if known is None:
                known = self.DEFAULT_SCALAR_TAG
                for tag, regexp in _SCALAR_PATTERNS.get(value[:1], _ANY_START):
                    if regexp.match(value):
                        known = Tag(suffix=tag)
                        break
                if len(value) <= _REMEMBERED_LENGTH:
                    if len(_PLAIN_TAGS) >= _REMEMBERED:
                        _PLAIN_TAGS.clear()
                    _PLAIN_TAGS[value] = known
            return known
        return super().resolve(kind, value, implicit)


# A plain scalar's tag by its text, for the texts pages repeat (keys, dates, small numbers,
# tags): matched once, not on every page. Tags are not changed once made.
_PLAIN_TAGS: dict[str, Tag] = {}
_REMEMBERED = 1 << 13
_REMEMBERED_LENGTH = 40


def _scalar_patterns(version: tuple[int, int]) -> tuple[dict[str, list[Any]], list[Any]]:
    """(first character → the (tag, pattern) pairs a plain scalar starting with it is tried
    against, in ruamel's order; those of a scalar starting with any other character)."""
    by_first: dict[str | None, list[Any]] = {}
    for versions, tag, regexp, firsts in implicit_resolvers:
        if version in versions:
            for ch in firsts if firsts is not None else [None]:
                by_first.setdefault(ch, []).append((tag, regexp))
    anywhere = by_first.pop(None, [])
    return {ch: pairs + anywhere for ch, pairs in by_first.items() if ch is not None}, anywhere


_SCALAR_PATTERNS, _ANY_START = _scalar_patterns(_FastLoader("").processing_version)


_YAML = "tag:yaml.org,2002:"
_STR, _SEQ, _MAP = _YAML + "str", _YAML + "seq", _YAML + "map"
#: Scalars whose value ruamel's constructor makes on its own (a string is its text).
_LEAN_SCALARS = frozenset(_YAML + kind for kind in ("int", "float", "bool", "null", "timestamp"))


class _NotLean(Exception):
    """A block :func:`_lean` leaves to ruamel's constructor."""


def _lean(loader: _FastLoader, root: Any) -> Any:
    """The plain value (see :func:`_plain`) of the composed block ``root``, built straight from
    its nodes where that is what ruamel's constructor and :func:`_plain` make of it: mappings
    whose keys are strings, each met once, sequences, and strings, numbers, booleans, nulls
    and dates, within the limits of :mod:`..yamlsafe` counted as the aliases expand — what
    nearly every page's front matter is. Anything else (a tag of another type, a merge key, a
    key ``1`` and a key ``true``, which are one key to the constructor's dict) raises
    :class:`_NotLean`. Scalars other than strings are made by the constructor's own function
    for their tag (looked up by the tag's text: ``construct_object`` renders it anew each
    time). The rest of the constructor's work (its generators, the limits' walk, then
    :func:`_plain`'s) was two thirds of reading a page's front matter."""
    return _lean_value(loader, root, 1, [0])


def _lean_value(loader: _FastLoader, node: Any, depth: int, count: list[int]) -> Any:
    """:func:`_lean` of ``node`` at ``depth``; ``count`` holds the values met so far. (A
    module function, not a closure of :func:`_lean`: a recursive closure is a cycle that
    would hold the loader, and with it the C parser's buffers, until the collector runs.)"""
    count[0] += 1
    if depth > MAX_DEPTH or count[0] > MAX_NODES:
        raise _NotLean
    tag = node.ctag.suffix
    kind = type(node)
    if kind is ScalarNode:
        if tag == _STR:
            return node.value
        if tag in _LEAN_SCALARS:
            return _plain(loader.yaml_constructors[tag](loader, node))
    elif kind is SequenceNode and tag == _SEQ:
        return [_lean_value(loader, item, depth + 1, count) for item in node.value]
    elif kind is MappingNode and tag == _MAP:
        mapping: dict[str, Any] = {}
        for key_node, value_node in node.value:
            count[0] += 1
            key = key_node.value
            if type(key_node) is not ScalarNode or key_node.ctag.suffix != _STR or key in mapping:
                raise _NotLean
            mapping[key] = _lean_value(loader, value_node, depth + 1, count)
        return mapping
    raise _NotLean


def _load_fast(raw: str) -> Any:
    """The block's plain value, read with the C parser."""
    loader = _FastLoader(raw)
    try:
        root = loader.get_single_node()
        if root is None:
            return None
        try:
            return _lean(loader, root)
        except _NotLean:
            return _plain(loader.construct_document(root))
    finally:
        loader.dispose()
        # the loader is its own parser, composer and constructor's loader: a cycle the
        # collector alone would free (a site's pages would leave one each for it)
        loader.__dict__.clear()


def _load_yaml(raw: str) -> Any:
    """The block's plain value (see :func:`_plain`)."""
    if _nesting_bound(raw) > 4 * MAX_DEPTH:
        # libyaml (the C parser) recurses once per level and overflows the C stack on
        # some tens of thousands of levels; such a block is refused before parsing.
        raise YAMLLimitError(problem=f"the front matter is nested more than {MAX_DEPTH} levels deep")
    try:
        return _load_fast(raw)
    except YAMLLimitError:
        raise
    except YAMLError:
        return _plain(_PRECISE.load(raw))


def _nesting_bound(raw: str) -> int:
    """An upper bound on how deep ``raw`` nests on one line: the deepest ``[``/``{``
    nesting (quotes ignored) plus the most block indicators (``- ``, ``? ``, ``: ``) on
    one line. Linear in the length of ``raw``."""
    depth = deepest = 0
    for m in _BRACKETS.finditer(raw):
        depth = depth + 1 if m.group(0) in "[{" else max(0, depth - 1)
        deepest = max(deepest, depth)
    indicators = max((len(_INDICATOR.findall(line)) for line in raw.split("\n")), default=0)
    return deepest + indicators


def _plain(value: Any) -> Any:
    """``value`` as plain JSON types (see the module docstring)."""
    if isinstance(value, dict):
        return {_key(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, (set, frozenset)):
        return sorted((_plain(v) for v in value), key=str)
    if value is None or type(value) in (bool, int, str):
        return value
    if isinstance(value, float):
        return float(value) if math.isfinite(value) else str(value)
    return _scalar(value)


def _scalar(value: Any) -> Any:
    if isinstance(value, bool):
        return bool(value)
    if isinstance(value, int):
        return int(value)
    if isinstance(value, str):
        return str(value)
    if isinstance(value, (dt.date, dt.datetime, dt.time)):
        return value.isoformat()
    if isinstance(value, (bytes, bytearray)):
        return base64.b64encode(value).decode("ascii")
    return str(value)


def _key(key: Any) -> str:
    plain = _plain(key)
    return plain if isinstance(plain, str) else json.dumps(plain, sort_keys=True)


def parse_front_matter(lines: list[str]) -> FrontMatter:
    """Split and parse the front matter block of a page given as lines (no newlines)."""
    try:
        return _parse(lines)
    except Exception as exc:  # noqa: BLE001 - one odd page must not end the run
        return FrontMatter(error=f"front matter cannot be read: {type(exc).__name__}: {exc}"[:300])


def _parse(lines: list[str]) -> FrontMatter:
    if not lines:
        return FrontMatter()
    first = lines[0].rstrip()
    if first == "---":
        closers = ("---", "...")
        kind = "yaml"
    elif first == "+++":
        closers = ("+++",)
        kind = "toml"
    elif first == "{":
        return _parse_json(lines)
    else:
        return FrontMatter()
    end = next((i for i in range(1, len(lines)) if lines[i].rstrip() in closers), None)
    if end is None:
        return FrontMatter(
            error=f"front matter opened with '{first}' on line 1 is never closed",
            body_line=0,
        )
    raw = "\n".join(lines[1:end])
    too_big = check_size(raw, MAX_FRONT_MATTER, "front matter")
    if too_big:
        return FrontMatter(body_line=end + 1, error=too_big)
    try:
        data = _load_yaml(raw) if kind == "yaml" else _plain(tomllib.loads(raw))
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = (mark.line + 2) if mark else 1
        col = (mark.column + 1) if mark else 1
        problem = exc.problem or exc.context or "malformed YAML"
        return FrontMatter(
            body_line=end + 1, error=f"malformed front matter: {problem}", error_line=line, error_column=col
        )
    except YAMLError as exc:
        return FrontMatter(body_line=end + 1, error=f"malformed front matter: {exc}")
    except tomllib.TOMLDecodeError as exc:
        return FrontMatter(body_line=end + 1, error=f"malformed TOML front matter: {exc}")
    except (RecursionError, ValueError, TypeError) as exc:
        problem = "nested too deeply" if isinstance(exc, RecursionError) else str(exc)
        return FrontMatter(body_line=end + 1, error=f"malformed front matter: {problem}")
    if data is None:
        data = {}
    if not isinstance(data, dict):
        return FrontMatter(body_line=end + 1, error="front matter is not a mapping of keys to values")
    return FrontMatter(data=data, body_line=end + 1)


def _parse_json(lines: list[str]) -> FrontMatter:
    # Hugo's JSON front matter is an object whose closing brace stands alone on a line.
    end = next((i for i in range(1, len(lines)) if lines[i].rstrip() == "}"), None)
    if end is None:
        return FrontMatter()
    raw = "\n".join(lines[: end + 1])
    too_big = check_size(raw, MAX_FRONT_MATTER, "front matter")
    if too_big:
        return FrontMatter(body_line=end + 1, error=too_big)
    try:
        data = _plain(json.loads(raw))
    except RecursionError:
        return FrontMatter(body_line=end + 1, error="malformed JSON front matter: nested too deeply")
    except ValueError as exc:
        return FrontMatter(body_line=end + 1, error=f"malformed JSON front matter: {exc}")
    if not isinstance(data, dict):
        return FrontMatter()
    return FrontMatter(data=data, body_line=end + 1)
