"""Read the policy directory with ruamel.yaml, keeping every key's file, line and column."""

from __future__ import annotations

import difflib
import posixpath
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.nodes import MappingNode, ScalarNode, SequenceNode

from ..errors import PolicyError
from ..io import read_inside, within
from ..yamlsafe import bounded
from .models import Policy
from .where import _display

Loc = tuple[str | int, ...]

#: Bytes one policy file may have.
MAX_POLICY_BYTES = 4 * 1024 * 1024


@dataclass
class LoadedPolicy:
    policy: Policy
    #: the policy directory as shown in messages ("policies", "abc123:policies")
    shown_dir: str
    #: the policy files as shown in messages, in reading order
    files: list[str]
    #: template path (relative to the policy directory) -> its bytes, or None if absent
    read_template: Callable[[str], bytes | None]
    #: section -> (file as shown, its ruamel tree), read when first asked for (only
    #: positions in the policy files need them)
    read_trees: Callable[[], dict[str, tuple[str, Any]]] = dict
    #: where the policy files live relative to the repository root, when known
    repo_dir: str | None = None
    #: section -> (file as shown, its node tree), see :func:`_node_trees`: where things
    #: are, read fast (None: read them from :attr:`trees`)
    read_nodes: Callable[[], dict[str, tuple[str, Any]] | None] = lambda: None
    _trees: dict[str, tuple[str, Any]] | None = field(default=None, repr=False, compare=False)
    _nodes: dict[str, tuple[str, Any]] | None = field(default=None, repr=False, compare=False)
    #: the sections read, as JSON values: [name, the file's place, value] each (see
    #: :func:`load_policies`' ``known``); None when one does not read back the same as JSON
    sections: list[list[Any]] | None = field(default=None, repr=False, compare=False)

    @property
    def trees(self) -> dict[str, tuple[str, Any]]:
        if self._trees is None:
            self._trees = self.read_trees()
        return self._trees

    def locate(self, loc: Loc) -> tuple[str, int, int]:
        """(display path, line, column) of the deepest key of ``loc`` that exists."""
        if self._trees is None and self._nodes is None:
            self._nodes = self.read_nodes()
        found, child = (self.trees, _child) if self._nodes is None else (self._nodes, _node_child)
        if not loc or loc[0] not in found:
            return (self.files[0] if self.files else self.shown_dir), 1, 1
        shown, node = found[str(loc[0])]
        line, col = 1, 1
        for key in loc:
            hit = child(node, key)
            if hit is None:
                break
            (line, col), node = hit
        return shown, line, col

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


def _child(node: Any, key: str | int) -> tuple[tuple[int, int], Any] | None:
    """Where ``key`` of a round-trip tree's ``node`` is (1-based), and its value."""
    try:
        if isinstance(node, CommentedMap) and key in node:
            line, col = node.lc.key(key)
            return (line + 1, col + 1), node[key]
        if isinstance(node, CommentedSeq) and isinstance(key, int) and 0 <= key < len(node):
            line, col = node.lc.item(key)
            return (line + 1, col + 1), node[key]
    except (KeyError, TypeError, AttributeError):
        return None
    return None


_STR = "tag:yaml.org,2002:str"


def _node_child(node: Any, key: str | int) -> tuple[tuple[int, int], Any] | None:
    """:func:`_child` on a composed node tree (see :func:`_node_trees`): the mark of the
    key (of a mapping) or of the item (of a sequence), as the round-trip tree keeps it."""
    if isinstance(node, MappingNode) and isinstance(key, str):
        for k, v in node.value:
            if isinstance(k, ScalarNode) and k.tag == _STR and k.value == key:
                return (k.start_mark.line + 1, k.start_mark.column + 1), v
        return None
    if isinstance(node, SequenceNode) and isinstance(key, int) and 0 <= key < len(node.value):
        item = node.value[key]
        return (item.start_mark.line + 1, item.start_mark.column + 1), item
    return None


#: Line breaks of YAML 1.1 (libyaml) that YAML 1.2 (the round-trip reader) reads as text.
_OLD_BREAKS = ("\x85", "\u2028", "\u2029")


def _node_trees(entries: list[tuple[str, bytes | OSError]]) -> dict[str, tuple[str, Any]] | None:
    """section -> (file as shown, its document as libyaml composes it: nodes with their
    marks, no values made; several times faster than the round-trip reader, which makes
    every value with its place); None without ruamel.yaml's C parser, or for files the
    loader read otherwise (then :func:`_read_trees` says where things are)."""
    try:
        yaml = YAML(typ="safe", pure=False)
    except Exception:  # noqa: BLE001 - no C parser on this machine
        return None
    if getattr(yaml.Parser, "__name__", "") != "CParser":
        return None  # the pure reader composes no faster than the round-trip one
    nodes: dict[str, tuple[str, Any]] = {}
    for shown, raw in entries:
        if isinstance(raw, OSError):
            return None
        try:
            text = raw.decode("utf-8-sig")
            if any(b in text for b in _OLD_BREAKS):
                return None
            doc = yaml.compose(text)
        except Exception:  # noqa: BLE001 - the round-trip reader says what is wrong
            return None
        if doc is None:
            continue
        if not isinstance(doc, MappingNode):
            return None
        for k, _ in doc.value:
            if not isinstance(k, ScalarNode) or k.value in nodes:
                return None
            nodes[k.value] = (shown, doc)
    return nodes


def _plain(node: Any) -> Any:
    if isinstance(node, dict):
        return {str(k) if not isinstance(k, (int, float, bool)) else k: _plain(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_plain(v) for v in node]
    if isinstance(node, str):
        return str(node)
    return node


def load_policies(
    policy_dir: Path, display_base: Path, repo_root: Path | None = None, known: Any = None
) -> LoadedPolicy:
    """Read every ``*.yaml``/``*.yml`` file of a policy directory on disk. ``known``: the
    :attr:`LoadedPolicy.sections` an earlier read of the same bytes made (a run record
    keeps them, under a key of those bytes): taken instead of parsing the YAML again,
    then checked as the YAML's values are."""
    base = policy_dir.resolve()
    repo_dir = None
    if repo_root is not None and base.is_relative_to(repo_root.resolve()):
        repo_dir = base.relative_to(repo_root.resolve()).as_posix()
    # Policy files and templates stay inside the repository (or inside a --policies
    # folder the user named outside it): a symlink out of it is not followed.
    fence = repo_root if repo_dir is not None and repo_root is not None else policy_dir
    files = sorted(p for p in policy_dir.iterdir() if p.suffix in (".yaml", ".yml") and not p.is_dir())
    entries: list[tuple[str, bytes | OSError]] = []
    for path in files:
        try:
            entries.append((_display(path, display_base), read_inside(fence, path, MAX_POLICY_BYTES)))
        except OSError as exc:
            entries.append((_display(path, display_base), exc))

    def read_template(rel: str) -> bytes | None:
        target = policy_dir / rel
        if not within(policy_dir, target) or not target.is_file():
            return None
        try:
            return read_inside(policy_dir, target, MAX_POLICY_BYTES)
        except OSError as exc:
            raise PolicyError(
                _display(target, display_base), f"cannot read template: {exc.strerror or exc}"
            ) from None

    return _load(entries, _display(policy_dir, display_base), read_template, repo_dir, known)


def load_policies_from(source: Any, policy_dir: str) -> LoadedPolicy:
    """Read the policy directory ``policy_dir`` (repository-relative) of a source,
    such as a git revision."""
    policy_dir = posixpath.normpath(policy_dir).strip("/")
    names = [
        p
        for p in source.files(policy_dir)
        if posixpath.dirname(p) == policy_dir and p.endswith((".yaml", ".yml"))
    ]
    entries: list[tuple[str, bytes | OSError]] = []
    for name in names:
        try:
            entries.append((f"{source.label}:{name}", source.read(name)))
        except OSError as exc:
            entries.append((f"{source.label}:{name}", exc))

    def read_template(rel: str) -> bytes | None:
        path = posixpath.normpath(posixpath.join(policy_dir, rel))
        if not path.startswith(policy_dir + "/"):
            return None
        try:
            return source.read(path)
        except OSError:
            return None

    return _load(entries, f"{source.label}:{policy_dir}", read_template, policy_dir)


def _load(
    entries: list[tuple[str, bytes | OSError]],
    shown_dir: str,
    read_template: Callable[[str], bytes | None],
    repo_dir: str | None,
    known: Any = None,
) -> LoadedPolicy:
    if not entries:
        raise PolicyError(shown_dir, "no *.yaml policy files; create site.yaml with a `site:` section")
    sections = _known_sections(entries, known) if known is not None else None
    if sections is None:
        sections = _quick_sections(entries)
    trees = None
    if sections is None:  # the positioned reader says what is wrong (or reads it after all)
        trees = _read_trees(entries)
        sections = {
            name: (shown, value)
            for name, (shown, doc) in trees.items()
            for key, value in doc.items()
            if str(key) == name
        }
    data = {name: _plain(value) for name, (_, value) in sections.items()}
    if "site" not in data:
        raise PolicyError(shown_dir, "no `site:` section in any policy file; it is required")
    loaded = LoadedPolicy(
        policy=None,  # type: ignore[arg-type]
        shown_dir=shown_dir,
        files=[shown for shown, _ in entries],
        read_template=read_template,
        read_trees=lambda: _read_trees(entries),
        read_nodes=lambda: _node_trees(entries),
        repo_dir=repo_dir,
        _trees=trees,
    )
    try:
        policy = Policy.model_validate(data)
    except ValidationError as exc:
        raise _convert(exc, loaded) from None
    loaded.policy = policy
    _cross_checks(loaded)
    loaded.sections = _as_json(entries, sections, data)
    return loaded


def _known_sections(
    entries: list[tuple[str, bytes | OSError]], known: Any
) -> dict[str, tuple[str, Any]] | None:
    """The sections :func:`_as_json` wrote, for the files of ``entries`` (None when they
    are not such)."""
    if not isinstance(known, list) or any(isinstance(raw, OSError) for _, raw in entries):
        return None
    sections: dict[str, tuple[str, Any]] = {}
    for item in known:
        if not (isinstance(item, list) and len(item) == 3 and isinstance(item[0], str)):
            return None
        name, at, value = item
        if type(at) is not int or not 0 <= at < len(entries) or name in sections:
            return None
        sections[name] = (entries[at][0], value)
    return sections


def _as_json(
    entries: list[tuple[str, bytes | OSError]], sections: dict[str, tuple[str, Any]], data: dict[str, Any]
) -> list[list[Any]] | None:
    """[name, the place of its file, its plain value] of each section, when every value
    reads back from JSON the same (a date, or a number as a key, does not)."""
    import json

    place = {shown: i for i, (shown, _) in enumerate(entries)}
    out = [[name, place[shown], data[name]] for name, (shown, _) in sections.items()]
    try:
        same = json.loads(json.dumps(out)) == out
    except (TypeError, ValueError):
        return None
    return out if same else None


def _quick_sections(entries: list[tuple[str, bytes | OSError]]) -> dict[str, tuple[str, Any]] | None:
    """section -> (file as shown, its value), read by libyaml (through ruamel.yaml's C
    parser: the same YAML 1.2 values, several times faster, no positions); None when a
    file does not read cleanly so (the positioned reader then names the problem)."""
    try:
        yaml = bounded(YAML(typ="safe", pure=False))
    except Exception:  # noqa: BLE001 - no C parser on this machine
        return None
    sections: dict[str, tuple[str, Any]] = {}
    for shown, raw in entries:
        if isinstance(raw, OSError):
            return None
        try:
            doc = yaml.load(raw.decode("utf-8-sig"))
        except Exception:  # noqa: BLE001 - any trouble: let the positioned reader report it
            return None
        if doc is None:
            continue
        if not isinstance(doc, dict):
            return None
        for key, value in doc.items():
            if str(key) in sections:
                return None
            sections[str(key)] = (shown, value)
    return sections


def _read_trees(entries: list[tuple[str, bytes | OSError]]) -> dict[str, tuple[str, Any]]:
    """section -> (file as shown, its ruamel tree), every key with its line and column;
    raises PolicyError for a file that cannot be read."""
    yaml = bounded(YAML(typ="rt"))
    trees: dict[str, tuple[str, Any]] = {}
    for shown, raw in entries:
        if isinstance(raw, OSError):
            raise PolicyError(shown, f"cannot read: {raw.strerror or raw}")
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise PolicyError(shown, f"not valid UTF-8 (byte {exc.start}); save it as UTF-8") from None
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
        except RecursionError:
            raise PolicyError(shown, "invalid YAML: nested too deeply") from None
        except Exception as exc:  # noqa: BLE001 - on hostile input ruamel.yaml raises many types
            # a list as a key, a date like 2024-02-30, or the reader's own assertions and
            # NotImplementedErrors on some malformed documents
            problem = str(exc) or f"the YAML reader cannot read this file ({type(exc).__name__})"
            if "unhashable" in problem:
                problem = "a key must be a plain value, not a list or mapping"
            raise PolicyError(shown, f"invalid YAML: {problem}") from None
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
                other_shown, other_doc = trees[section]
                oline, ocol = (n + 1 for n in other_doc.lc.key(section))
                raise PolicyError(
                    shown,
                    f"section '{section}' is also defined in {other_shown}:{oline}:{ocol}",
                    line + 1,
                    col + 1,
                )
            trees[section] = (shown, doc)
    return trees


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
    raw = tuple(err["loc"])
    named = err["type"] in ("extra_forbidden", "missing") and bool(raw)
    # the key itself (last) is kept even when it looks like a pydantic tag ("a[b]")
    loc = _clean_loc(raw[:-1]) + raw[-1:] if named else _clean_loc(raw)
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
    for i, block in enumerate(policy.blocks):
        if block.name in names:
            raise loaded.error(("blocks", i, "name"), f"duplicate block name '{block.name}'")
        names[block.name] = i
        rel = posixpath.normpath(block.template)
        if rel.startswith("../") or rel == ".." or posixpath.isabs(rel):
            raise loaded.error(
                ("blocks", i, "template"), f"template {block.template} is outside the policy directory"
            )
        if loaded.read_template(rel) is None:
            raise loaded.error(
                ("blocks", i, "template"), f"template {block.template} not found in {loaded.shown_dir}"
            )
