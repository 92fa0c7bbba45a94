"""Bounded YAML: every loader of the tool (policies, front matter, generator configs)
goes through :func:`bounded`.

YAML aliases let a few hundred bytes describe billions of values ("billion laughs"):
the parser shares one node per anchor, but everything that walks the data afterwards
(validation, JSON, the cache) sees it expanded. Before any value is constructed the
node graph is measured as it would be expanded: more than :data:`MAX_NODES` values,
nesting deeper than :data:`MAX_DEPTH`, or an alias that contains itself is refused with
a :class:`YAMLLimitError` pointing at the offending node. Document sizes are capped by
the callers with :func:`check_size`.
"""

from __future__ import annotations

from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError
from ruamel.yaml.nodes import MappingNode, Node, SequenceNode

#: Values one document may expand to (aliases counted as often as they are used).
MAX_NODES = 200_000
#: Nesting depth of one document, aliases expanded.
MAX_DEPTH = 64
#: Bytes a generator config file (mkdocs.yml, hugo.yaml, _config.yml) may have.
MAX_CONFIG_BYTES = 4 * 1024 * 1024


class YAMLLimitError(MarkedYAMLError):
    """A document over a limit: too many values, too deep, or a recursive alias."""


def _children(node: Node) -> list[Node]:
    if isinstance(node, MappingNode):
        return [n for pair in node.value for n in pair]
    if isinstance(node, SequenceNode):
        return list(node.value)
    return []


def measure(root: Node, max_nodes: int = MAX_NODES, max_depth: int = MAX_DEPTH) -> None:
    """Raise :class:`YAMLLimitError` if ``root`` expands past the limits.

    Linear in the number of distinct nodes: each node's expanded size and depth is
    computed once (iteratively, so a deep document cannot exhaust the stack)."""
    if _plain_tree_within(root, max_nodes, max_depth):
        return
    _measure_shared(root, max_nodes, max_depth)


def _plain_tree_within(root: Node, max_nodes: int, max_depth: int) -> bool:
    """Whether ``root`` is a tree (no node reached twice: no alias) within both limits,
    found in one walk: what almost every document is. False sends it to the full measure,
    which also words the refusal."""
    seen: set[int] = set()
    stack: list[tuple[Node, int]] = [(root, 1)]
    while stack:
        node, depth = stack.pop()
        key = id(node)
        if key in seen or depth > max_depth:
            return False
        seen.add(key)
        if len(seen) > max_nodes:
            return False
        stack.extend((kid, depth + 1) for kid in _children(node))
    return True


def _measure_shared(root: Node, max_nodes: int, max_depth: int) -> None:
    """:func:`measure` for a document whose nodes may be shared (aliases)."""
    size: dict[int, int] = {}
    depth: dict[int, int] = {}
    stack: list[tuple[Node, bool]] = [(root, False)]
    open_nodes: set[int] = set()
    while stack:
        node, done = stack.pop()
        key = id(node)
        if done:
            kids = _children(node)
            size[key] = 1 + sum(size[id(k)] for k in kids)
            depth[key] = 1 + max((depth[id(k)] for k in kids), default=0)
            open_nodes.discard(key)
            if size[key] > max_nodes:
                raise _error(node, f"expands to more than {max_nodes:,} values (nested aliases?)")
            if depth[key] > max_depth:
                raise _error(node, f"is nested more than {max_depth} levels deep")
            continue
        if key in size:
            continue
        if key in open_nodes:
            raise _error(node, "is an alias that contains itself")
        open_nodes.add(key)
        if len(open_nodes) > max_depth:
            raise _error(node, f"is nested more than {max_depth} levels deep")
        stack.append((node, True))
        for kid in _children(node):
            if id(kid) in open_nodes:
                raise _error(kid, "is an alias that contains itself")
            if id(kid) not in size:
                stack.append((kid, False))
    return None


def _error(node: Node, problem: str) -> YAMLLimitError:
    return YAMLLimitError(problem=f"this value {problem}", problem_mark=node.start_mark)


def bounded(yaml: YAML, max_nodes: int = MAX_NODES, max_depth: int = MAX_DEPTH) -> YAML:
    """``yaml`` with its constructor measuring each document before building it."""
    base = yaml.Constructor

    class Bounded(base):  # type: ignore[misc, valid-type]
        def construct_document(self, node: Any) -> Any:
            measure(node, max_nodes, max_depth)
            return super().construct_document(node)

    yaml.Constructor = Bounded
    return yaml


def check_size(text: str | bytes, limit: int, what: str) -> str | None:
    """A message when ``text`` is longer than ``limit`` characters (bytes), else None."""
    if len(text) > limit:
        return f"{what} is {len(text):,} bytes; the limit is {limit:,}"
    return None
