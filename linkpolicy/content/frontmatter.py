"""Front matter: YAML (``---``), TOML (``+++``) or JSON (``{``) at the top of a page."""

from __future__ import annotations

import datetime as dt
import json
import tomllib
from dataclasses import dataclass, field
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError, YAMLError


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


def _yaml(pure: bool) -> YAML:
    y = YAML(typ="safe", pure=pure)
    y.allow_duplicate_keys = True  # authors' typos should not hide the page
    return y


# The C parser (ruamel.yaml.clib) reads front matter ~3x faster; on an error the pure
# parser reads the block again, because its marks point at the offending character
# rather than at the end of the stream.
_FAST = _yaml(pure=False)
_PRECISE = _yaml(pure=True)


def _load_yaml(raw: str) -> Any:
    try:
        return _FAST.load(raw)
    except YAMLError:
        return _PRECISE.load(raw)


def _plain(value: Any) -> Any:
    """Dates and datetimes become ISO strings so front matter stays JSON-like."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return value


def parse_front_matter(lines: list[str]) -> FrontMatter:
    """Split and parse the front matter block of a page given as lines (no newlines)."""
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
    try:
        data = _load_yaml(raw) if kind == "yaml" else tomllib.loads(raw)
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
    except RecursionError:
        return FrontMatter(body_line=end + 1, error="front matter is nested too deeply")
    if data is None:
        data = {}
    if not isinstance(data, dict):
        return FrontMatter(body_line=end + 1, error="front matter is not a mapping of keys to values")
    return FrontMatter(data=_plain(data), body_line=end + 1)


def _parse_json(lines: list[str]) -> FrontMatter:
    # Hugo's JSON front matter is an object whose closing brace stands alone on a line.
    end = next((i for i in range(1, len(lines)) if lines[i].rstrip() == "}"), None)
    if end is None:
        return FrontMatter()
    try:
        data = json.loads("\n".join(lines[: end + 1]))
    except ValueError as exc:
        return FrontMatter(body_line=end + 1, error=f"malformed JSON front matter: {exc}")
    if not isinstance(data, dict):
        return FrontMatter()
    return FrontMatter(data=data, body_line=end + 1)
