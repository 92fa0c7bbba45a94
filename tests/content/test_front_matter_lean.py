"""Front matter read straight from the composed nodes (``frontmatter._lean``) against ruamel's
constructor followed by ``_plain`` (the reference): the same value, type for type and key for
key in order, on every page of the corpora and fixtures and on blocks written to reach each
case the lean reader leaves to the constructor."""

from __future__ import annotations

import gc
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from ruamel.yaml.error import YAMLError

from linkpolicy.content import frontmatter
from linkpolicy.content.frontmatter import parse_front_matter
from linkpolicy.yamlsafe import YAMLLimitError

REPO = Path(__file__).resolve().parents[2]
CORPORA = REPO.parent / "shared" / "corpora"
SUFFIXES = (".md", ".mdx", ".markdown")


def reference(raw: str) -> Any:
    """What reading the block gave before the lean reader: ruamel's constructor on the C
    parser's nodes (the pure parser where the C one fails), then plain."""
    loader = frontmatter._FastLoader(raw)
    try:
        return frontmatter._plain(loader.get_single_data())
    except YAMLLimitError:
        raise
    except YAMLError:
        return frontmatter._plain(frontmatter._PRECISE.load(raw))
    finally:
        loader.dispose()


def lean(raw: str) -> Any:
    """The lean reader alone (raises ``_NotLean`` where it leaves the block)."""
    loader = frontmatter._FastLoader(raw)
    try:
        root = loader.get_single_node()
        return None if root is None else frontmatter._lean(loader, root)
    finally:
        loader.dispose()


def blocks(root: Path) -> list[str]:
    """The YAML front matter blocks of the pages under ``root``."""
    found = []
    for path in sorted(p for p in root.rglob("*") if p.suffix in SUFFIXES and p.is_file()):
        lines = path.read_text(encoding="utf-8", errors="replace").split("\n")
        if lines[0].rstrip() != "---":
            continue
        end = next((i for i in range(1, len(lines)) if lines[i].rstrip() in ("---", "...")), None)
        if end is not None:
            found.append("\n".join(lines[1:end]))
    return found


def same(raw: str) -> None:
    try:
        want = repr(reference(raw))
    except Exception as refused:  # noqa: BLE001 - a block the reference refuses: the loader must too
        with pytest.raises(type(refused)) as also:
            frontmatter._load_yaml(raw)
        assert str(also.value) == str(refused)
        return
    assert repr(frontmatter._load_yaml(raw)) == want


@pytest.mark.parametrize("root", ["tests", "demo"])
def test_the_repository_pages_read_alike(root: str) -> None:
    found = blocks(REPO / root)
    assert found, f"no front matter under {root}/"
    for raw in found:
        same(raw)


@pytest.mark.skipif(not CORPORA.is_dir(), reason="../shared/corpora is not beside the repository")
def test_every_corpus_page_reads_alike() -> None:
    found = blocks(CORPORA)
    assert len(found) > 1000
    taken = 0
    for raw in found:
        same(raw)
        try:
            lean(raw)
            taken += 1
        except frontmatter._NotLean:
            pass
    # the lean reader is what reads the corpora's front matter, not the fallback
    assert taken > 0.95 * len(found)


PLAIN = """\
title: "A page: with a colon"
date: 2024-02-29
lastmod: 2024-03-01T10:20:30+02:00
impossible: 2024-02-30
weight: 10
octal: 0o17
hex: 0x1F
float: 1.5e3
infinite: .inf
nan: .nan
yes11: yes
on11: on
tilde: ~
empty:
quoted_number: "12"
tags: [a, b, 3, 4.0, true, null]
nested:
  - {x: 1, y: [1, 2]}
  - plain
"quoted key": 1
multi: |
  two
  lines
"""


def test_plain_blocks_are_read_by_the_lean_reader_and_alike() -> None:
    value = lean(PLAIN)
    assert value["date"] == "2024-02-29"
    assert value["lastmod"] == "2024-03-01T10:20:30+02:00"
    assert value["impossible"] == "2024-02-30"
    assert value["octal"] == 15 and value["yes11"] == "yes" and value["tilde"] is None
    assert value["infinite"] == "inf" and value["nan"] == "nan"
    assert list(value)[-2:] == ["quoted key", "multi"]
    same(PLAIN)


@pytest.mark.parametrize(
    "raw",
    [
        "base: &b {x: 1}\nmore:\n  <<: *b\n  y: 2\n",  # a merge key
        "a: 1\na: 2\n",  # a key met twice
        "1: a\n'1': b\n",  # two keys that are one once plain
        "1: numeric\ntrue: boolean\n",  # two keys that are one to a Python dict
        "null: x\n3.5: y\n",  # keys that are not strings
        "d: !!binary aGk=\n",  # a tag of its own
        "s: !!set {a, b}\n",
        "o: !!omap [{a: 1}, {b: 2}]\n",
        "c: !custom 1\n",
        "? [1, 2]\n: complex key\n",
        "x: " + "[" * 70 + "]" * 70 + "\n",  # deeper than the limit
        "x: [" + ", ".join(["1"] * 200_001) + "]\n",  # more values than the limit
    ],
)
def test_what_the_lean_reader_leaves_is_read_as_before(raw: str) -> None:
    with pytest.raises(frontmatter._NotLean):
        lean(raw)
    same(raw)


def test_aliases_and_default_tags_are_read_as_the_constructor_does() -> None:
    raw = "a: &x [1, {b: 2}]\nc: *x\nm: !!map {d: !!str 3}\n"
    assert lean(raw) == {"a": [1, {"b": 2}], "c": [1, {"b": 2}], "m": {"d": "3"}}
    same(raw)


def test_refusals_are_the_same_messages() -> None:
    deep = "---\nx: " + "[" * 70 + "]" * 70 + "\n---\nbody\n"
    assert "nested more than 64 levels" in (parse_front_matter(deep.split("\n")).error or "")
    bomb = (
        "---\na: &a [1, 1, 1, 1, 1, 1, 1, 1, 1, 1]\n"
        + "".join(
            f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, "
            f"*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n"
            for i in range(8)
        )
        + "---\n"
    )
    assert "more than 200,000 values" in (parse_front_matter(bomb.split("\n")).error or "")


_SCALARS = st.sampled_from(
    [
        "1",
        "-2",
        "0o7",
        "0x1f",
        "1_000",
        "1.5",
        ".inf",
        "-.Inf",
        ".NaN",
        "true",
        "False",
        "yes",
        "no",
        "null",
        "~",
        "",
        "2024-01-02",
        "2024-01-02 10:00:00",
        "2024-13-40",
        "x",
        "'1'",
        '"true"',
        "a b",
        "1e3",
        "+1",
        "0",
        "00",
        "09",
        "-0.0",
        "TRUE",
        "On",
        "y",
    ]
)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.tuples(st.sampled_from(["a", "b", "c", "1", "true", "null", "2.0"]), _SCALARS, st.booleans()),
        min_size=1,
        max_size=8,
    )
)
def test_generated_blocks_read_alike(entries: list[tuple[str, str, bool]]) -> None:
    raw = "".join(
        f"{key}: [{value}, {value}]\n" if listed else f"{key}: {value}\n" for key, value, listed in entries
    )
    same(raw)


def test_no_loader_outlives_its_block() -> None:
    # A loader left in a reference cycle keeps libyaml's buffers until the collector runs, which
    # the parse pauses: a 10k-page site's run grew from 270 to 950 MB.
    lines = ["---", "title: T", "date: 2024-01-02", "tags: [a, {b: 1}]", "weight: 3", "---", "body"]
    gc.collect()
    gc.disable()
    try:
        for _ in range(20):
            assert parse_front_matter(lines).data["tags"] == ["a", {"b": 1}]
        parse_front_matter(["---", "a: !!binary aGk=", "---"])  # the constructor's way too
        alive = [o for o in gc.get_objects() if isinstance(o, frontmatter._FastLoader)]
    finally:
        gc.enable()
    assert alive == []
