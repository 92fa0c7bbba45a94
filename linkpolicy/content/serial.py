"""Dataclasses to JSON values and back, directed by their type hints, so a field added to
a parsed page needs no cache code: every value read back is checked against the type its
field declares, and anything else is refused with :class:`OffSchema`.

Sets and tuples become lists, dicts become lists of ``[key, value]`` pairs (keys need
not be strings), a dataclass becomes the list of its field values in declaration order.
``Any`` holds JSON values only (what front matter reads into), checked all the way down.
"""

from __future__ import annotations

import dataclasses
import functools
import types
import typing
from typing import Any


class OffSchema(ValueError):
    """A value that does not have the declared type (or cannot be stored as JSON)."""


def _need(ok: bool) -> None:
    if not ok:
        raise OffSchema


@functools.cache
def hints(cls: type) -> tuple[tuple[str, Any], ...]:
    """(name, type) of the init fields of dataclass ``cls``, in declaration order."""
    resolved = typing.get_type_hints(cls)
    return tuple((f.name, resolved[f.name]) for f in dataclasses.fields(cls) if f.init)


def schema(cls: type) -> str:
    """A text naming every field and type reachable from ``cls``: part of each cache key."""
    out: list[str] = []
    _schema(cls, out, set())
    return ";".join(out)


def _schema(tp: Any, out: list[str], seen: set[Any]) -> None:
    if dataclasses.is_dataclass(tp) and isinstance(tp, type):
        if tp in seen:
            return
        seen.add(tp)
        out.append(f"{tp.__qualname__}({','.join(f'{n}:{t}' for n, t in hints(tp))})")
        for _, t in hints(tp):
            _schema(t, out, seen)
    for arg in typing.get_args(tp):
        _schema(arg, out, seen)


def dump(value: Any, tp: Any) -> Any:
    """``value`` (of type ``tp``) as JSON-ready lists, dicts and scalars."""
    origin = typing.get_origin(tp)
    if tp is Any:
        _json_only(value)
        return value
    if dataclasses.is_dataclass(tp):
        return [dump(getattr(value, name), t) for name, t in hints(tp)]
    if origin in (typing.Union, types.UnionType):
        for arg in typing.get_args(tp):
            if _is(value, arg):
                return dump(value, arg)
        raise OffSchema
    if origin in (list, set, frozenset):
        (item,) = typing.get_args(tp)
        items = [dump(v, item) for v in value]
        return items if origin is list else sorted(items, key=repr)
    if origin is tuple:
        args = typing.get_args(tp)
        if len(args) == 2 and args[1] is Ellipsis:
            return [dump(v, args[0]) for v in value]
        return [dump(v, t) for v, t in zip(value, args, strict=True)]
    if origin is dict:
        k, v = typing.get_args(tp)
        return [[dump(key, k), dump(val, v)] for key, val in value.items()]
    _need(_is(value, tp))
    return value


def _is(value: Any, tp: Any) -> bool:
    """A shallow type test, enough to pick the member of a union."""
    if tp is type(None):
        return value is None
    if tp is Any:
        return True
    if tp is int:
        return isinstance(value, int) and not isinstance(value, bool)
    if tp is float:
        return isinstance(value, float)
    cls = typing.get_origin(tp) or tp
    return isinstance(value, cls)


def _json_only(value: Any) -> None:
    if isinstance(value, dict):
        for k, v in value.items():
            _need(isinstance(k, str))
            _json_only(v)
    elif isinstance(value, list):
        for v in value:
            _json_only(v)
    else:
        _need(value is None or isinstance(value, str | int | float | bool))


def load(data: Any, tp: Any) -> Any:
    """The value :func:`dump` made of a ``tp``; raises :class:`OffSchema` for anything else."""
    origin = typing.get_origin(tp)
    if tp is Any:
        _json_only(data)
        return data
    if dataclasses.is_dataclass(tp) and isinstance(tp, type):
        fields = hints(tp)
        _need(isinstance(data, list) and len(data) == len(fields))
        return tp(**{name: load(v, t) for (name, t), v in zip(fields, data, strict=True)})
    if origin in (typing.Union, types.UnionType):
        for arg in typing.get_args(tp):
            try:
                return load(data, arg)
            except OffSchema:
                continue
        raise OffSchema
    if origin in (list, set, frozenset):
        _need(isinstance(data, list))
        (item,) = typing.get_args(tp)
        return origin(load(v, item) for v in data)
    if origin is tuple:
        _need(isinstance(data, list))
        args = typing.get_args(tp)
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(load(v, args[0]) for v in data)
        _need(len(data) == len(args))
        return tuple(load(v, t) for v, t in zip(data, args, strict=True))
    if origin is dict:
        _need(isinstance(data, list))
        k, v = typing.get_args(tp)
        out = {}
        for pair in data:
            _need(isinstance(pair, list) and len(pair) == 2)
            out[load(pair[0], k)] = load(pair[1], v)
        return out
    if tp is float and _is(data, int):
        return float(data)  # JSON writes 1.0 as 1.0, but accept what a float may read back as
    _need(tp in (str, int, float, bool, type(None)) and _is(data, tp))
    return data
