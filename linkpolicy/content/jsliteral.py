"""The literal value a JavaScript or TypeScript module exports, read without running it.

Configs such as Docusaurus' ``sidebars.js`` and ``docusaurus.config.ts`` are programs; most
of what they export is plain data. This module parses the file with tree-sitter and
evaluates only literals: objects, arrays, strings, numbers, booleans, ``null``, template
strings without substitutions, a ``const`` referenced by name, spreads of such values, and
TypeScript's ``as``/``satisfies`` wrappers. The export is ``module.exports = ...``,
``export default ...`` (or ``exports.default = ...``).

Anything else (a function call, an import, arithmetic) becomes an :class:`Unknown` in its
place, carrying where it is, so a reader can name what it could not use. Paths written as
``require.resolve('./x')`` or ``path.resolve(__dirname, './x')`` read as the string.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from typing import Any

import tree_sitter
import tree_sitter_javascript
import tree_sitter_typescript

TYPESCRIPT_SUFFIXES = (".ts", ".mts", ".cts")


@dataclass(frozen=True)
class Unknown:
    """A value that is not a literal: 1-based line and column, and what it is."""

    line: int
    column: int
    what: str


@dataclass
class JsModule:
    """What a module exports (None: nothing found) and the syntax errors in it."""

    value: Any
    errors: list[Unknown] = field(default_factory=list)


@cache
def _parser(typescript: bool) -> tree_sitter.Parser:
    lang = tree_sitter_typescript.language_typescript() if typescript else tree_sitter_javascript.language()
    return tree_sitter.Parser(tree_sitter.Language(lang))


def read_module(text: str, *, typescript: bool = False) -> JsModule:
    """The value ``text`` exports, evaluated as far as it is literal."""
    tree = _parser(typescript).parse(text.encode("utf-8"))
    ev = _Evaluator(tree.root_node)
    return JsModule(ev.exported(), _syntax_errors(tree.root_node))


def unknowns(value: Any) -> list[Unknown]:
    """Every :class:`Unknown` inside ``value``, in document order."""
    if isinstance(value, Unknown):
        return [value]
    if isinstance(value, dict):
        return [u for v in value.values() for u in unknowns(v)]
    if isinstance(value, list):
        return [u for v in value for u in unknowns(v)]
    return []


def _where(node: tree_sitter.Node, what: str) -> Unknown:
    return Unknown(node.start_point[0] + 1, node.start_point[1] + 1, what)


def _syntax_errors(root: tree_sitter.Node) -> list[Unknown]:
    out: list[Unknown] = []
    stack = [root]
    while stack and len(out) < 5:
        node = stack.pop()
        if node.is_error or node.is_missing:
            out.append(_where(node, "a syntax error"))
        elif node.has_error:
            stack.extend(reversed(node.children))
    return out


def _named(node: tree_sitter.Node) -> list[tree_sitter.Node]:
    return [c for c in node.named_children if c.type != "comment"]


_WRAPPERS = {
    "parenthesized_expression",
    "as_expression",
    "satisfies_expression",
    "non_null_expression",
    "type_assertion",
}
_PATH_CALLS = {"require.resolve", "path.resolve", "path.join"}


class _Evaluator:
    def __init__(self, root: tree_sitter.Node) -> None:
        self.consts: dict[str, tree_sitter.Node] = {}
        self.exports: list[tree_sitter.Node] = []
        self._busy: set[str] = set()
        for stmt in _named(root):
            self._statement(stmt)

    def _statement(self, stmt: tree_sitter.Node) -> None:
        if stmt.type in ("lexical_declaration", "variable_declaration"):
            self._declare(stmt)
        elif stmt.type == "export_statement":
            decl = stmt.child_by_field_name("declaration")
            value = stmt.child_by_field_name("value")
            if decl is not None:
                self._declare(decl)
            if value is not None and any(c.type == "default" for c in stmt.children):
                self.exports.append(value)
        elif stmt.type == "expression_statement" and stmt.named_child_count:
            expr = stmt.named_children[0]
            left = expr.child_by_field_name("left") if expr.type == "assignment_expression" else None
            right = expr.child_by_field_name("right")
            if (
                left is not None
                and right is not None
                and _text(left) in ("module.exports", "exports.default")
            ):
                self.exports.append(right)

    def _declare(self, decl: tree_sitter.Node) -> None:
        for d in decl.named_children:
            name, value = d.child_by_field_name("name"), d.child_by_field_name("value")
            if d.type == "variable_declarator" and name is not None and value is not None:
                if name.type == "identifier":
                    self.consts[_text(name)] = value

    def exported(self) -> Any:
        return self.eval(self.exports[-1]) if self.exports else None

    def eval(self, node: tree_sitter.Node) -> Any:
        t = node.type
        if t in _WRAPPERS:
            inner = _named(node)
            return self.eval(inner[0]) if inner else _where(node, "an empty expression")
        if t == "object":
            return self._object(node)
        if t == "array":
            return self._array(node)
        if t == "string":
            return _string(node)
        if t == "template_string":
            if any(c.type == "template_substitution" for c in node.children):
                return _where(node, "a template string with substitutions")
            return _text(node)[1:-1]
        if t == "number":
            return _number(node)
        if t in ("true", "false"):
            return t == "true"
        if t in ("null", "undefined"):
            return None
        if t == "identifier":
            return self._name(node)
        if t == "unary_expression" and _text(node).startswith("-"):
            value = self.eval(_named(node)[0])
            return -value if isinstance(value, int | float) else _where(node, "an expression")
        if t == "call_expression":
            return self._call(node)
        return _where(node, _describe(node))

    def _name(self, node: tree_sitter.Node) -> Any:
        name = _text(node)
        if name == "undefined":
            return None
        target = self.consts.get(name)
        if target is None or name in self._busy:
            return _where(node, f"'{name}', which is not a constant of this file")
        self._busy.add(name)
        try:
            return self.eval(target)
        finally:
            self._busy.discard(name)

    def _object(self, node: tree_sitter.Node) -> dict[str, Any] | Unknown:
        out: dict[str, Any] = {}
        for child in _named(node):
            if child.type == "pair":
                key_node = child.child_by_field_name("key")
                value_node = child.child_by_field_name("value")
                assert key_node is not None and value_node is not None
                key = _key(key_node)
                if key is None:
                    return _where(key_node, "a computed key")
                out[key] = self.eval(value_node)
            elif child.type == "shorthand_property_identifier":
                out[_text(child)] = self._name(child)
            elif child.type == "spread_element":
                spread = self.eval(_named(child)[0])
                if not isinstance(spread, dict):
                    return (
                        spread if isinstance(spread, Unknown) else _where(child, "a spread of a non-object")
                    )
                out.update(spread)
            elif child.type == "method_definition":
                name = child.child_by_field_name("name")
                out[_text(name) if name is not None else "?"] = _where(child, "a method")
            else:
                return _where(child, _describe(child))
        return out

    def _array(self, node: tree_sitter.Node) -> list[Any]:
        out: list[Any] = []
        for child in _named(node):
            if child.type == "spread_element":
                spread = self.eval(_named(child)[0])
                if isinstance(spread, list):
                    out.extend(spread)
                else:
                    out.append(spread if isinstance(spread, Unknown) else _where(child, "a spread"))
            else:
                out.append(self.eval(child))
        return out

    def _call(self, node: tree_sitter.Node) -> Any:
        fn = node.child_by_field_name("function")
        args = node.child_by_field_name("arguments")
        name = _text(fn) if fn is not None else ""
        if name in _PATH_CALLS and args is not None:
            parts = [a for a in _named(args) if _text(a) not in ("__dirname", "process.cwd()")]
            values = [self.eval(a) for a in parts]
            if values and all(isinstance(v, str) for v in values):
                return "/".join(v.strip("/") if i else v.rstrip("/") for i, v in enumerate(values))
        return _where(node, f"a call of {name or 'a function'}()")


def _text(node: tree_sitter.Node) -> str:
    return (node.text or b"").decode("utf-8", "replace")


def _key(node: tree_sitter.Node) -> str | None:
    if node.type == "string":
        return _string(node)
    if node.type in ("property_identifier", "number"):
        return _text(node)
    return None


def _string(node: tree_sitter.Node) -> str:
    parts = []
    for child in node.named_children:
        text = _text(child)
        parts.append(_unescape(text) if child.type == "escape_sequence" else text)
    return "".join(parts)


_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "b": "\b", "f": "\f", "v": "\v", "0": "\0"}


def _unescape(seq: str) -> str:
    body = seq[1:]
    if body[:1] == "u":
        digits = body[1:].strip("{}")
        try:
            return chr(int(digits, 16))
        except ValueError:
            return seq
    if body[:1] == "x" and len(body) == 3:
        return chr(int(body[1:], 16))
    return _ESCAPES.get(body, body)


def _number(node: tree_sitter.Node) -> int | float | Unknown:
    raw = _text(node).replace("_", "")
    try:
        return int(raw, 0) if raw.isdigit() or raw[:2].lower() in ("0x", "0o", "0b") else float(raw)
    except ValueError:
        return _where(node, "a number")


def _describe(node: tree_sitter.Node) -> str:
    kinds = {
        "arrow_function": "a function",
        "function_expression": "a function",
        "await_expression": "an await",
        "new_expression": "a constructor call",
        "member_expression": f"'{_text(node)}'",
        "binary_expression": "an expression",
        "ternary_expression": "a conditional",
    }
    return kinds.get(node.type, f"a {node.type.replace('_', ' ')}")
