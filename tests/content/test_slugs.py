"""Heading ids per generator, with each generator's duplicate rule."""

import pytest

from linkpolicy.content.slugs import Slugger, github_slug, kramdown_slug, pymdownx_slug, toc_slug


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # GitHub's documented example (markup already stripped by the reader)
        (
            "This'll  be a Helpful Section About the Greek Letter Θ!",
            "thisll--be-a-helpful-section-about-the-greek-letter-θ",
        ),
        ("Hello, World!", "hello-world"),
        ("snake_case stays", "snake_case-stays"),
        ("C++ & Rust: 2024 edition", "c--rust-2024-edition"),
        ("Emoji 🎉 party", "emoji--party"),
        ("Ünïcödé Wörds", "ünïcödé-wörds"),
        ("1.2.3 release", "123-release"),
    ],
)
def test_github_slug(text: str, expected: str) -> None:
    assert github_slug(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Hello, World!", "hello-world"),
        ("Multiple   spaces -- and dashes", "multiple-spaces-and-dashes"),
        ("Café crème", "cafe-creme"),
        ("  Trim me  ", "trim-me"),
    ],
)
def test_toc_slug(text: str, expected: str) -> None:
    assert toc_slug(text) == expected


def test_kramdown_keeps_each_space() -> None:
    assert kramdown_slug("Hello  World: A") == "hello--world-a"


def test_pymdownx_lowercases_and_keeps_unicode() -> None:
    assert pymdownx_slug("Ünïcode Setting") == "ünïcode-setting"


def test_github_duplicates_get_dash_numbers() -> None:
    s = Slugger("github")
    assert [s.slug(t) for t in ["Intro", "Intro", "Intro 1", "Intro"]] == [
        "intro",
        "intro-1",
        "intro-1-1",
        "intro-2",
    ]


def test_toc_duplicates_get_underscore_numbers() -> None:
    s = Slugger("toc")
    assert [s.slug(t) for t in ["Options", "Options", "Options"]] == ["options", "options_1", "options_2"]


def test_reserved_explicit_ids_are_skipped() -> None:
    s = Slugger("github")
    s.reserve("setup")
    assert s.slug("Setup") == "setup-1"
