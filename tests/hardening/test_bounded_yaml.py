"""Bounded YAML: alias bombs, recursive aliases, deep nesting and odd types in policies,
front matter and generator configs end in a clear message, never a hang or a crash."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from linkpolicy.api import check
from linkpolicy.content.frontmatter import parse_front_matter
from linkpolicy.content.genconfig import read_yaml
from linkpolicy.errors import PolicyError
from linkpolicy.policy.load import load_policies


def bomb(levels: int = 9, width: int = 9) -> str:
    """A "billion laughs": each anchor lists the previous one ``width`` times."""
    lines = ["l0: &l0 [" + ", ".join(["lol"] * width) + "]"]
    for i in range(1, levels):
        lines.append(f"l{i}: &l{i} [" + ", ".join([f"*l{i - 1}"] * width) + "]")
    return "\n".join(lines) + "\n"


def site(tmp_path: Path, pages: dict[str, str], policy: str = "") -> Path:
    (tmp_path / "policies").mkdir()
    (tmp_path / "policies" / "site.yaml").write_text(
        "site:\n  generator: plain\n  content: content/\n  base_url: https://example.org\n" + policy
    )
    for name, text in {"README.md": "# Home\n\n[a](a.md) [b](b.md)\n", **pages}.items():
        path = tmp_path / "content" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return tmp_path


def test_alias_bomb_in_a_policy_is_refused_at_once(tmp_path: Path) -> None:
    root = site(
        tmp_path,
        {"a.md": "# A\n", "b.md": "# B\n"},
        "x_bomb:\n" + "\n".join("  " + line for line in bomb().splitlines()),
    )
    with pytest.raises(PolicyError) as err:
        load_policies(root / "policies", root)
    assert "expands to more than" in str(err.value)
    # l0 is on line 6; l5 holds 9**6 values, the first over the limit
    assert err.value.line == 6 + 5


@pytest.mark.parametrize(
    ("yaml", "expected"),
    [
        ("site: &s\n  generator: plain\n  x: *s\n", "alias that contains itself"),
        ("site: " + "[" * 200 + "]" * 200 + "\n", "nested"),
    ],
)
def test_recursive_or_deep_policy_is_a_policy_error(tmp_path: Path, yaml: str, expected: str) -> None:
    (tmp_path / "policies").mkdir()
    (tmp_path / "policies" / "site.yaml").write_text(yaml)
    with pytest.raises(PolicyError) as err:
        load_policies(tmp_path / "policies", tmp_path)
    assert expected in str(err.value)


def test_oversized_policy_file_is_refused(tmp_path: Path) -> None:
    (tmp_path / "policies").mkdir()
    (tmp_path / "policies" / "site.yaml").write_text("site: {}\n" + "#" * (5 * 1024 * 1024) + "\n")
    with pytest.raises(PolicyError, match="over the limit of 4194304"):
        load_policies(tmp_path / "policies", tmp_path)


def test_alias_bomb_in_a_generator_config_is_read_as_empty() -> None:
    assert read_yaml(("site_name: x\n" + bomb()).encode()) == {}
    assert read_yaml(b"nav: &n [a, *n]\n") == {}
    assert read_yaml(b"site_name: x\nextra: &e {a: 1}\nmore: *e\n")["more"] == {"a": 1}


@pytest.mark.parametrize(
    ("block", "data"),
    [
        ("date: 2024-02-30", {"date": "2024-02-30"}),
        ("date: 2024-02-03\nat: 2024-02-03 10:00:00", {"date": "2024-02-03", "at": "2024-02-03T10:00:00"}),
        ("raw: !!binary aGVsbG8=", {"raw": "aGVsbG8="}),
        ("tags: !!set {b, a}", {"tags": ["a", "b"]}),
        ("n: .nan\ni: -.inf", {"n": "nan", "i": "-inf"}),
        ("? [a, b]\n: 1", {'["a", "b"]': 1}),
    ],
)
def test_front_matter_values_are_plain_json(block: str, data: dict) -> None:
    fm = parse_front_matter(["---", *block.split("\n"), "---", "body"])
    assert fm.error is None
    assert fm.data == data
    assert json.loads(json.dumps(fm.data, allow_nan=False)) == data


def test_toml_times_are_plain_json() -> None:
    fm = parse_front_matter(["+++", "t = 1979-05-27T07:32:00Z", "u = 07:32:00", "d = 1979-05-27", "+++"])
    assert fm.data == {"t": "1979-05-27T07:32:00+00:00", "u": "07:32:00", "d": "1979-05-27"}


@pytest.mark.parametrize(
    ("lines", "message"),
    [
        (["---", *bomb().splitlines(), "---"], "expands to more than"),
        (["---", "a: &a [1, *a]", "---"], "alias that contains itself"),
        (["---", "x: " + "[" * 5000 + "]" * 5000, "---"], "nested"),
        (["+++", "x = " + "[" * 5000 + "]" * 5000, "+++"], "nested"),
        (["{", '"a": ' + "[" * 100_000 + "]" * 100_000, "}"], "nested"),
        (["---", "x: '" + "a" * (1024 * 1024 + 1) + "'", "---"], "the limit is"),
    ],
)
def test_unreadable_front_matter_is_an_error_not_an_exception(lines: list[str], message: str) -> None:
    fm = parse_front_matter([*lines, "# Body"])
    assert fm.data == {}
    assert message in (fm.error or "")
    assert fm.body_line == len(lines)


@pytest.mark.parametrize("cache", [False, True])
def test_a_page_with_bad_front_matter_is_invalid_page_and_the_rest_is_checked(
    tmp_path: Path, cache: bool
) -> None:
    root = site(
        tmp_path,
        {
            "a.md": "---\n" + bomb() + "---\n# A\n\n[gone](missing.md)\n",
            "b.md": "---\ndate: 2024-02-30\nraw: !!binary aGVsbG8=\ntags: !!set {x}\n---\n# B\n\n[gone](nope.md)\n",
            "c.md": "+++\nt = 1979-05-27T07:32:00Z\n+++\n# C\n",
        },
    )
    for _ in range(2 if cache else 1):  # the second run reads the cache
        report = check(root, cwd=root, cache=cache)
        rules = {(f.path, f.rule) for f in report.findings}
        assert ("content/a.md", "invalid-page") in rules
        assert ("content/b.md", "broken-link") in rules
        assert not any(p == "content/b.md" and r == "invalid-page" for p, r in rules)


@pytest.mark.parametrize("nesting", ["- " * 30_000 + "x", "[" * 100_000])
def test_deep_front_matter_does_not_crash_the_c_parser(nesting: str) -> None:
    """libyaml overflows the C stack on tens of thousands of levels (a segfault): run in a
    child process so a crash fails this test, not the test run."""
    code = (
        "import sys\n"
        "from linkpolicy.content.frontmatter import parse_front_matter\n"
        "fm = parse_front_matter(['---', 'x: ' + sys.stdin.read(), '---'])\n"
        "print(fm.error)\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code], input=nesting, capture_output=True, text=True, timeout=60
    )
    assert proc.returncode == 0, proc.stderr
    assert "nested more than 64 levels deep" in proc.stdout


def _composed(text: str):  # noqa: ANN202 - a ruamel node
    from ruamel.yaml import YAML

    return YAML(typ="safe", pure=True).compose(text)


@pytest.mark.parametrize(
    ("text", "limits", "refused"),
    [
        ("[a, b, c]", (4, 8), None),  # a tree of four values: at the limit
        ("[a, b, c, d]", (4, 8), "expands to more than 4 values"),
        ("[[[x]]]", (8, 4), None),  # four levels: at the limit
        ("[[[[x]]]]", (8, 4), "nested more than 4 levels deep"),
        ("a: &x [1, 2]\nb: *x\n", (9, 8), None),  # shared: counted as often as used
        ("a: &x [1, 2]\nb: *x\nc: *x\n", (12, 8), "expands to more than 12 values"),
    ],
)
def test_trees_and_shared_nodes_meet_the_same_limits(
    text: str, limits: tuple[int, int], refused: str | None
) -> None:
    from linkpolicy.yamlsafe import YAMLLimitError, measure

    if refused is None:
        measure(_composed(text), *limits)
        return
    with pytest.raises(YAMLLimitError, match=refused):
        measure(_composed(text), *limits)
