"""The compiled glob matchers answer exactly as one wcmatch call per glob does."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from linkpolicy.patterns import GlobIndex, GlobSet, glob_match, glob_match_reference, literal_folder

# Pieces of globs: literal names, every wildcard form the policy accepts, separators.
_GLOB_PIECES = [
    "a", "b", "ab", "A", ".", "..", "-", "x.md", ".md",
    "*", "**", "?", "[ab]", "[!a]", "[a-c]", "{a,b}", "{a,}", "{x.md,b/*}",
    "/", "/", "/", "\\*", "\\",
]  # fmt: skip
_PATH_SEGMENTS = ["a", "b", "ab", "A", ".a", "x.md", "b.md", "*", "a-b", "[a]", "{a,b}", "..", "."]

globs = st.lists(st.sampled_from(_GLOB_PIECES), min_size=1, max_size=7).map("".join)
negated = st.builds(lambda g, neg: ("!" if neg else "") + g, globs, st.booleans())
paths = st.one_of(
    st.lists(st.sampled_from(_PATH_SEGMENTS), min_size=1, max_size=5).map("/".join),
    st.text(alphabet="ab./*", max_size=8),  # doubled and leading slashes, empty segments
)


@settings(max_examples=1500, deadline=None)
@given(st.lists(negated, min_size=1, max_size=4), paths)
def test_glob_set_answers_as_the_reference(patterns: list[str], path: str) -> None:
    expected = glob_match_reference(path, patterns)
    assert GlobSet(patterns).match(path) == expected
    assert glob_match(path, patterns) == expected


@settings(max_examples=800, deadline=None)
@given(
    st.lists(st.lists(negated, max_size=3), min_size=1, max_size=5), st.lists(paths, min_size=1, max_size=6)
)
def test_glob_index_answers_as_the_reference_for_every_set(
    sets: list[list[str]], some_paths: list[str]
) -> None:
    index = GlobIndex(enumerate(sets))
    for path in some_paths:
        expected = {i for i, patterns in enumerate(sets) if glob_match_reference(path, patterns)}
        assert index.matching(path) == expected


@pytest.mark.parametrize(
    ("pattern", "path", "matches"),
    [
        ("docs/**", "docs/a/b.md", True),
        ("docs/**", "docs", False),
        ("docs/", "docs/a.md", True),  # a trailing slash: everything under the folder
        ("docs/*.md", "docs/a/b.md", False),
        ("**/*.md", "a.md", True),
        ("docs/{a,b}/*.md", "docs/b/x.md", True),
        ("docs/[ab].md", "docs/c.md", False),
        ("docs/?.md", "docs/a.md", True),
        ("**/.hidden/*", "x/.hidden/y", True),  # dot files match like any other
        ("!docs/*", "other/a.md", False),  # a lone negation matches nothing
        ("docs//a.md", "docs/a.md", True),  # doubled separators in a glob are one
    ],
)
def test_known_answers(pattern: str, path: str, matches: bool) -> None:
    assert glob_match_reference(path, [pattern]) is matches
    assert glob_match(path, [pattern]) is matches
    assert GlobIndex([(0, [pattern])]).matching(path) == ({0} if matches else set())


@pytest.mark.parametrize(
    ("pattern", "prefix"),
    [
        ("docs/guide/*.md", "docs/guide/"),
        ("docs/a.md", "docs/a.md"),
        ("docs/", "docs/"),
        ("*.md", ""),
        ("docs/x{a,b}/c", "docs/"),
        ("!docs/*", ""),
        ("docs//a/*", ""),
        ("./docs/*", ""),
    ],
)
def test_literal_folder(pattern: str, prefix: str) -> None:
    assert literal_folder(pattern) == prefix


def test_index_tries_a_path_only_against_globs_that_can_match() -> None:
    sets = [(i, [f"section-{i}/**"]) for i in range(500)] + [(500, ["**/index.md"])]
    index = GlobIndex(sets)
    assert index.matching("section-7/a/index.md") == {7, 500}
    assert index.matching("section-70/b.md") == {70}
    assert len(index._anywhere) == 1
    assert len(index._buckets["section-7"]) == 1
