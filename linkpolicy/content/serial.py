"""Dataclasses to JSON values and back, directed by their type hints, so a field added to
a parsed page needs no cache code: every value read back is checked against the type its
field declares, and anything else is refused with :class:`OffSchema`.

Sets and tuples become lists, dicts become lists of ``[key, value]`` pairs (keys need
not be strings), a dataclass becomes the list of its field values in declaration order.
``Any`` holds JSON values only (what front matter reads into), checked all the way down.
"""

from __future__ import annotations

import dataclasses
import enum
import functools
import sys
import types
import typing
from collections.abc import Callable
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
    return dumper(tp)(value)


@functools.cache
def dumper(tp: Any) -> Callable[[Any], Any]:
    """The function :func:`dump` applies to a ``tp``, made once per type."""
    origin = typing.get_origin(tp)
    if tp is Any:
        return _any
    if dataclasses.is_dataclass(tp) and isinstance(tp, type):
        return _dataclass_dumper(tp)
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        return functools.partial(_dump_enum, tp)
    if origin in (typing.Union, types.UnionType):
        options = tuple((_checker(arg), dumper(arg)) for arg in typing.get_args(tp))
        return functools.partial(_dump_union, options)
    if origin in (list, set, frozenset):
        item = dumper(typing.get_args(tp)[0])
        if origin is list:
            return lambda value: [item(v) for v in value]
        return lambda value: sorted((item(v) for v in value), key=repr)
    if origin is tuple:
        args = typing.get_args(tp)
        if len(args) == 2 and args[1] is Ellipsis:
            item = dumper(args[0])
            return lambda value: [item(v) for v in value]
        items = tuple(dumper(t) for t in args)
        return lambda value: [fn(v) for fn, v in zip(items, value, strict=True)]
    if origin is dict:
        k, v = (dumper(t) for t in typing.get_args(tp))
        return lambda value: [[k(key), v(val)] for key, val in value.items()]
    return functools.partial(_dump_scalar, _checker(tp))


@functools.cache
def _checker(tp: Any) -> Callable[[Any], bool]:
    """A fast :func:`_is` for one type."""
    if tp in (str, int, bool, float, type(None)):
        return lambda value: type(value) is tp
    return functools.partial(_is_type, tp)


def _is_type(tp: Any, value: Any) -> bool:
    return _is(value, tp)


def _dataclass_dumper(tp: type) -> Callable[[Any], Any]:
    """A dumper written for ``tp`` (as :func:`_dataclass_loader` is): scalar fields are
    type-tested inline, the others go to their own dumpers."""
    lines = ["def dump_one(value):"]
    scope: dict[str, Any] = {"OffSchema": OffSchema}
    out = []
    for i, (name, ftp) in enumerate(hints(tp)):
        lines.append(f"    v{i} = value.{name}")
        exact = _scalar_types(ftp)
        inner = _optional_of(ftp)
        items = _scalar_types(typing.get_args(ftp)[0]) if _variadic(ftp) in (list, tuple) else None
        if exact is not None:
            scope[f"t{i}"] = exact
            lines.append(f"    if type(v{i}) not in t{i}: raise OffSchema")
            out.append(f"v{i}")
        elif items is not None:  # a list of scalars: each item's type tested here
            scope[f"t{i}"] = items
            lines.append(f"    for x in v{i}:")
            lines.append(f"        if type(x) not in t{i}: raise OffSchema")
            out.append(f"list(v{i})")
        elif inner is not None and typing.get_origin(inner) not in (typing.Union, types.UnionType):
            # X | None: None as it is, X tested as the union would test it, then dumped
            scope[f"f{i}"], scope[f"c{i}"] = dumper(inner), typing.get_origin(inner) or inner
            lines.append(f"    if v{i} is not None:")
            lines.append(f"        if not isinstance(v{i}, c{i}): raise OffSchema")
            lines.append(f"        v{i} = f{i}(v{i})")
            out.append(f"v{i}")
        else:
            scope[f"f{i}"] = dumper(ftp)
            out.append(f"f{i}(v{i})")
    lines.append(f"    return [{', '.join(out)}]")
    exec("\n".join(lines), scope)  # noqa: S102 - source made above from field names only
    return scope["dump_one"]  # type: ignore[no-any-return]


def _dump_enum(tp: type[enum.Enum], value: Any) -> Any:
    _need(isinstance(value, tp))
    return value.value


def _dump_union(options: tuple[tuple[Callable[[Any], bool], Callable[[Any], Any]], ...], value: Any) -> Any:
    for fits, fn in options:
        if fits(value):
            return fn(value)
    raise OffSchema


def _dump_scalar(fits: Callable[[Any], bool], value: Any) -> Any:
    _need(fits(value))
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
    return loader(tp)(data)


Load = Callable[[Any], Any]


@functools.cache
def loader(tp: Any) -> Load:
    """A function from :func:`dump`'s output back to a ``tp``, made once per type."""
    origin = typing.get_origin(tp)
    if tp is Any:
        return _any
    if dataclasses.is_dataclass(tp) and isinstance(tp, type):
        return _dataclass_loader(tp)
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        return functools.partial(_enum, tp)
    if origin in (typing.Union, types.UnionType):
        inner = _optional_of(tp)
        if inner is not None:  # X | None: no exception for each None
            return functools.partial(_optional, loader(inner))
        return functools.partial(_union, tuple(loader(arg) for arg in typing.get_args(tp)))
    kind = _variadic(tp)
    if kind is not None:
        return functools.partial(_collection, kind, loader(typing.get_args(tp)[0]))
    if origin is tuple:
        return functools.partial(_fixed_tuple, tuple(loader(t) for t in typing.get_args(tp)))
    if origin is dict:
        k, v = typing.get_args(tp)
        return functools.partial(_dict, loader(k), loader(v))
    if tp is float:
        return _float
    if tp is str:
        return _str
    _need(tp in (str, int, bool, type(None)))
    return functools.partial(_scalar, tp)


def _any(data: Any) -> Any:
    _json_only(data)
    return data


_SCALARS = (str, int, bool, type(None))


def _scalar_types(tp: Any) -> tuple[type, ...] | None:
    """The exact types a value of ``tp`` may have when ``tp`` is a scalar or a union of
    scalars (``str | None``), else None."""
    if tp in _SCALARS:
        return (tp,)
    if typing.get_origin(tp) in (typing.Union, types.UnionType):
        args = typing.get_args(tp)
        if all(arg in _SCALARS for arg in args):
            return tuple(args)
    return None


def _variadic(tp: Any) -> type | None:
    """The collection type of ``tp`` when it is one of any length (``list[X]``,
    ``tuple[X, ...]``, sets), else None."""
    origin, args = typing.get_origin(tp), typing.get_args(tp)
    if origin in (list, set, frozenset) or (origin is tuple and len(args) == 2 and args[1] is Ellipsis):
        return origin  # type: ignore[no-any-return]
    return None


def _optional_of(tp: Any) -> Any:
    """X when ``tp`` is ``X | None``, else None."""
    if typing.get_origin(tp) not in (typing.Union, types.UnionType):
        return None
    args = typing.get_args(tp)
    others = [arg for arg in args if arg is not type(None)]
    return others[0] if len(others) == 1 and len(args) == 2 else None


def _dataclass_loader(tp: type) -> Load:
    """A loader written for ``tp``: scalar fields are type-tested inline, the others go to
    their own loaders, and the class is called once (a cache holds many small objects)."""
    fields = hints(tp)
    keyword = {f.name for f in dataclasses.fields(tp) if f.init and f.kw_only}
    names = [f"v{i}" for i in range(len(fields))]
    lines = [
        "def load_one(data):",
        f"    if type(data) is not list or len(data) != {len(fields)}: raise OffSchema",
    ]
    if fields:
        lines.append(f"    {', '.join(names)}, = data")
    scope: dict[str, Any] = {"OffSchema": OffSchema, "cls": tp, "intern": sys.intern}
    args = []
    for i, (name, ftp) in enumerate(fields):
        exact = _scalar_types(ftp)
        if exact is None and (kind := _variadic(ftp)) is not None:
            # most are empty (a link's rel values): no call for those
            scope[f"f{i}"], scope[f"e{i}"] = loader(ftp), kind
            value = f"(f{i}(v{i}) if v{i} or type(v{i}) is not list else e{i}())"
        elif exact is None and (inner := _optional_of(ftp)) is not None:
            scope[f"f{i}"] = loader(inner)
            value = f"(None if v{i} is None else f{i}(v{i}))"
        elif exact is None:
            scope[f"f{i}"] = loader(ftp)
            value = f"f{i}(v{i})"
        else:
            scope[f"t{i}"] = exact
            lines.append(f"    if type(v{i}) not in t{i}: raise OffSchema")
            value = f"v{i}"
            if exact == (str,):  # the same destinations, texts and ids recur on many pages: kept once
                value = f"intern(v{i})"
        args.append(f"{name}={value}" if name in keyword else value)
    lines.append(f"    return cls({', '.join(args)})")
    exec("\n".join(lines), scope)  # noqa: S102 - source made above from field names only
    return scope["load_one"]


def _enum(tp: type[enum.Enum], data: Any) -> Any:
    try:
        return tp(data)
    except (ValueError, TypeError):
        raise OffSchema from None


def _union(options: tuple[Load, ...], data: Any) -> Any:
    for option in options:
        try:
            return option(data)
        except OffSchema:
            continue
    raise OffSchema


def _optional(option: Load, data: Any) -> Any:
    return None if data is None else option(data)


def _collection(kind: type, item: Load, data: Any) -> Any:
    _need(type(data) is list)
    return kind(map(item, data))


def _fixed_tuple(items: tuple[Load, ...], data: Any) -> Any:
    _need(type(data) is list and len(data) == len(items))
    return tuple(fn(v) for fn, v in zip(items, data, strict=True))


def _dict(key: Load, value: Load, data: Any) -> Any:
    _need(type(data) is list)
    out = {}
    for pair in data:
        _need(type(pair) is list and len(pair) == 2)
        out[key(pair[0])] = value(pair[1])
    return out


def _str(data: Any) -> str:
    _need(type(data) is str)
    return sys.intern(data)  # anchors, ids and link texts recur across pages: kept once


def _float(data: Any) -> float:
    _need(type(data) in (float, int))
    return float(data)


def _scalar(tp: type, data: Any) -> Any:
    _need(type(data) is tp)
    return data
