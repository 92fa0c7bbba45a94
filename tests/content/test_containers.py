"""Python-Markdown blocks whose body is indented Markdown (admonitions, details, content
tabs): read as their body, line for line, and only where a block may start."""

from __future__ import annotations

import pytest

from linkpolicy.content.containers import unindented
from linkpolicy.content.markdown import parse_page

MARKERS = ("!!!", "???", "===")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('!!! note "T"\n\n    See [b](b.md).\n\nAfter.', "\n\nSee [b](b.md).\n\nAfter."),
        ("??? tip\n    Inside.\nOutside.", "\nInside.\nOutside."),
        ('=== "One"\n\n    1\n\n=== "Two"\n\n    2\n', "\n\n1\n\n\n\n2\n"),
        # nested: a tab in an admonition
        ('!!! note\n\n    === "A"\n\n        deep\n\n    shallow\n', "\n\n\n\ndeep\n\nshallow\n"),
        # a tab counts four columns
        ("!!! note\n\n\tTabbed [x](x.md)\n", "\n\nTabbed [x](x.md)\n"),
    ],
)
def test_a_block_s_body_is_read_as_markdown(text: str, expected: str) -> None:
    assert unindented(text, MARKERS) == expected
    assert unindented(text, MARKERS).count("\n") == text.count("\n")


@pytest.mark.parametrize(
    "text",
    [
        "Title\n===\n\ntext\n",  # a heading's underline, no tab
        "Para.\n\n    !!! note\n        code, as the docs show it\n",  # deeper than a block starts: code
        "```markdown\n!!! note\n\n    in a fence\n```\n",  # the syntax, shown in a fence
        "!!!\n\n    no type\n",  # an admonition names its type
    ],
)
def test_what_is_no_block_stays_as_written(text: str) -> None:
    assert unindented(text, MARKERS) == text


def test_a_fence_in_a_block_ends_with_it() -> None:
    text = "!!! note\n\n    ```sh\n    !!! not a block\n    ```\n\n    [x](x.md)\n\n    ```\n    open\nout [y](y.md)\n"
    out = unindented(text, MARKERS).split("\n")
    assert out[3] == "!!! not a block" and out[6] == "[x](x.md)" and out[10] == "out [y](y.md)"


def test_only_the_configured_markers_count() -> None:
    assert unindented('=== "Tab"\n\n    x\n', ("!!!",)) == '=== "Tab"\n\n    x\n'


def test_links_and_headings_in_blocks_are_the_page_s_at_their_place_as_written() -> None:
    text = '# T\n\n!!! note "N"\n\n    ## Inner\n\n    See [b](b.md).\n\n=== "Tab"\n\n    [c](c.md)\n'
    page = parse_page(text, indented_blocks=MARKERS, slug_style="toc")
    assert [(lk.dest, lk.line, lk.column) for lk in page.links] == [("b.md", 7, 9), ("c.md", 11, 5)]
    assert "inner" in page.anchors
    plain = parse_page(text, slug_style="toc")  # without the extensions: code, as CommonMark reads it
    assert plain.links == [] and "inner" not in plain.anchors


def test_a_fence_s_attribute_list_gives_its_id() -> None:
    page = parse_page("# T\n\n``` { .sh #example }\nls\n```\n[ex](#example)\n", slug_style="toc")
    assert "example" in page.anchors
