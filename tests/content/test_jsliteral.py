"""JavaScript and TypeScript modules read as data: literals evaluate, the rest is Unknown."""

from __future__ import annotations

from linkpolicy.content.jsliteral import Unknown, read_module, unknowns


def test_literals_consts_spreads_and_paths() -> None:
    text = (
        "const path = require('path');\n"
        "const base = {a: 1, 'b-c': ['x\\n', 'y\\'z', `t`], n: -2.5, ok: true, no: null};\n"
        "const list = [1, 2];\n"
        "module.exports = {...base, list, more: [...list, 3], h: 0x10,\n"
        "  p: require.resolve('./s.js'), q: path.resolve(__dirname, './sidebars.json')};\n"
    )
    value = read_module(text).value
    assert value == {
        "a": 1,
        "b-c": ["x\n", "y'z", "t"],
        "n": -2.5,
        "ok": True,
        "no": None,
        "list": [1, 2],
        "more": [1, 2, 3],
        "h": 16,
        "p": "./s.js",
        "q": "./sidebars.json",
    }


def test_what_is_not_a_literal_is_unknown_with_its_place() -> None:
    text = "module.exports = {\n  a: foo(),\n  b: () => 1,\n  c: other,\n  d: `x${y}`,\n};\n"
    value = read_module(text).value
    assert [(u.line, u.column) for u in unknowns(value)] == [(2, 6), (3, 6), (4, 6), (5, 6)]
    assert value["a"] == Unknown(2, 6, "a call of foo()")


def test_typescript_export_default_with_annotations() -> None:
    text = (
        "import type {S} from '@docusaurus/plugin-content-docs';\n"
        "const s: S = {docs: [{type: 'doc', id: 'x'}]} as const;\n"
        "export default s satisfies S;\n"
    )
    assert read_module(text, typescript=True).value == {"docs": [{"type": "doc", "id": "x"}]}


def test_self_reference_and_syntax_errors_do_not_hang_or_crash() -> None:
    assert isinstance(read_module("const a = a;\nmodule.exports = a;\n").value, Unknown)
    broken = read_module("module.exports = {a: [1,\n")
    assert broken.errors and broken.errors[0].line >= 1
