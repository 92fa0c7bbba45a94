"""Read the policy directory with ruamel.yaml, keeping every key's file, line and column."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import MarkedYAMLError, YAMLError

from ..errors import PolicyError
from .models import Policy

Loc = tuple[str | int, ...]


def _display(path: Path, base: Path) -> str:
    try:
        return path.resolve().relative_to(base.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


@dataclass
class LoadedPolicy:
    policy: Policy
    directory: Path
    files: list[Path]
    display_base: Path
    #: section -> (file, its ruamel tree)
    trees: dict[str, tuple[Path, Any]] = field(default_factory=dict)

    def locate(self, loc: Loc) -> tuple[str, int, int]:
        """(display path, line, column) of the deepest key of ``loc`` that exists."""
        if not loc or loc[0] not in self.trees:
            first = self.files[0] if self.files else self.directory
            return _display(first, self.display_base), 1, 1
        path, node = self.trees[str(loc[0])]
        line, col = 1, 1
        for key in loc:
            pos = _child_position(node, key)
            if pos is None:
                break
            line, col = pos
            node = node[key]
        return _display(path, self.display_base), line, col

    def error(self, loc: Loc, message: str) -> PolicyError:
        path, line, col = self.locate(loc)
        return PolicyError(path, f"{format_loc(loc)}: {message}" if loc else message, line, col)


def format_loc(loc: Loc) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out


def _child_position(node: Any, key: str | int) -> tuple[int, int] | None:
    try:
        if isinstance(node, CommentedMap) and key in node:
            line, col = node.lc.key(key)
            return line + 1, col + 1
        if isinstance(node, CommentedSeq) and isinstance(key, int) and 0 <= key < len(node):
            line, col = node.lc.item(key)
            return line + 1, col + 1
    except (KeyError, TypeError, AttributeError):
        return None
    return None


def _plain(node: Any) -> Any:
    if isinstance(node, dict):
        return {str(k) if not isinstance(k, (int, float, bool)) else k: _plain(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_plain(v) for v in node]
    if isinstance(node, str):
        return str(node)
    return node


def find_policy_dir(explicit: Path | None, cwd: Path, root: Path) -> Path:
    if explicit is not None:
        path = explicit if explicit.is_absolute() else cwd / explicit
        if not path.is_dir():
            raise PolicyError(str(explicit), "policy directory not found; check --policies")
        return path
    for candidate in (cwd / "policies", root / "policies"):
        if candidate.is_dir():
            return candidate
    raise PolicyError(
        _display(root / "policies", cwd),
        "no policy directory; create policies/site.yaml with a `site:` section or pass --policies DIR",
    )


def load_policies(policy_dir: Path, display_base: Path) -> LoadedPolicy:
    files = sorted(p for p in policy_dir.iterdir() if p.suffix in (".yaml", ".yml") and p.is_file())
    shown_dir = _display(policy_dir, display_base)
    if not files:
        raise PolicyError(shown_dir, "no *.yaml policy files; create site.yaml with a `site:` section")
    yaml = YAML(typ="rt")
    trees: dict[str, tuple[Path, Any]] = {}
    data: dict[str, Any] = {}
    for path in files:
        shown = _display(path, display_base)
        try:
            text = path.read_bytes().decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise PolicyError(shown, f"not valid UTF-8 (byte {exc.start}); save it as UTF-8") from None
        except OSError as exc:
            raise PolicyError(shown, f"cannot read: {exc.strerror}") from None
        try:
            doc = yaml.load(text)
        except MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            problem = (exc.problem or exc.context or "malformed YAML").strip()
            if "duplicate key" in str(exc).lower() or type(exc).__name__ == "DuplicateKeyError":
                problem = "duplicate key: " + (exc.problem or "").strip()
            raise PolicyError(
                shown,
                f"invalid YAML: {problem}",
                (mark.line + 1) if mark else 0,
                (mark.column + 1) if mark else 0,
            ) from None
        except YAMLError as exc:
            raise PolicyError(shown, f"invalid YAML: {exc}") from None
        if doc is None:
            continue
        if not isinstance(doc, CommentedMap):
            raise PolicyError(
                shown, "the top level must be a mapping of sections (site:, clusters:, ...)", 1, 1
            )
        for key in doc:
            section = str(key)
            line, col = doc.lc.key(key)
            if section in trees:
                other_path, other_doc = trees[section]
                oline, ocol = (n + 1 for n in other_doc.lc.key(section))
                raise PolicyError(
                    shown,
                    f"section '{section}' is also defined in "
                    f"{_display(other_path, display_base)}:{oline}:{ocol}",
                    line + 1,
                    col + 1,
                )
            trees[section] = (path, doc)
            data[section] = _plain(doc[key])
    if "site" not in data:
        raise PolicyError(shown_dir, "no `site:` section in any policy file; it is required")
    loaded = LoadedPolicy(
        policy=None,
        directory=policy_dir,
        files=files,  # type: ignore[arg-type]
        display_base=display_base,
        trees=trees,
    )
    try:
        policy = Policy.model_validate(data)
    except ValidationError as exc:
        raise _convert(exc, loaded) from None
    loaded.policy = policy
    _cross_checks(loaded)
    return loaded


def _model_for(loc: Loc) -> type[BaseModel] | None:
    model: Any = Policy
    for part in loc:
        if isinstance(part, int):
            continue
        fields = getattr(model, "model_fields", None)
        if not fields or part not in fields:
            return model if isinstance(model, type) and issubclass(model, BaseModel) else None
        model = _unwrap(fields[part].annotation)
    return model if isinstance(model, type) and issubclass(model, BaseModel) else None


def _unwrap(annotation: Any) -> Any:
    args = getattr(annotation, "__args__", None)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in args or ():
        found = _unwrap(arg)
        if found is not None:
            return found
    return None


def _convert(exc: ValidationError, loaded: LoadedPolicy) -> PolicyError:
    # A typo'd key usually also leaves a required key missing: report the typo first.
    errors = sorted(exc.errors(), key=lambda e: e["type"] != "extra_forbidden")
    err = errors[0]
    loc = _clean_loc(tuple(err["loc"]))
    # A union (e.g. a string or a mapping) reports once per alternative: count places.
    others = len({_clean_loc(tuple(e["loc"])) for e in errors} - {loc})
    if err["type"] == "extra_forbidden":
        key = str(loc[-1])
        model = _model_for(loc[:-1])
        known = list(model.model_fields) if model else []
        close = difflib.get_close_matches(key, known, n=1)
        msg = f"unknown key '{key}'" + (
            f" (did you mean '{close[0]}'?)"
            if close
            else (f"; expected one of: {', '.join(known)}" if known else "")
        )
    elif err["type"] == "missing":
        msg = f"missing required key '{loc[-1]}'"
        err_loc = loc
        path, line, col = loaded.locate(err_loc[:-1])
        more = f" (and {others} more)" if others else ""
        return PolicyError(path, f"{format_loc(err_loc)}: {msg}{more}", line, col)
    else:
        text = str(err["msg"])
        text = text.removeprefix("Value error, ")
        msg = text[:1].lower() + text[1:]
    if others:
        msg += f" (and {others} more)"
    return loaded.error(loc, msg)


def _clean_loc(loc: Loc) -> Loc:
    """Drop pydantic's union/function tags from a location (e.g. 'str', 'function-before[...]')."""
    out: list[str | int] = []
    for part in loc:
        if isinstance(part, str) and (
            part in ("str", "list[str]", "AnchorPattern", "settings")
            or "[" in part
            or part.startswith("function")
        ):
            continue
        out.append(part)
    return tuple(out)


def _cross_checks(loaded: LoadedPolicy) -> None:
    policy = loaded.policy
    seen: dict[str, int] = {}
    for i, cluster in enumerate(policy.clusters):
        if cluster.id in seen:
            raise loaded.error(
                ("clusters", i, "id"),
                f"duplicate cluster id '{cluster.id}' (also clusters[{seen[cluster.id]}])",
            )
        seen[cluster.id] = i
    names: dict[str, int] = {}
    root = loaded.directory.resolve()
    for i, block in enumerate(policy.blocks):
        if block.name in names:
            raise loaded.error(("blocks", i, "name"), f"duplicate block name '{block.name}'")
        names[block.name] = i
        template = (loaded.directory / block.template).resolve()
        try:
            template.relative_to(root)
        except ValueError:
            raise loaded.error(
                ("blocks", i, "template"), f"template {block.template} is outside the policy directory"
            ) from None
        if not template.is_file():
            raise loaded.error(
                ("blocks", i, "template"),
                f"template {block.template} not found in {_display(loaded.directory, loaded.display_base)}",
            )
