"""Entity mentions found while a page is parsed: prose only, first per entity, and a line
and column that point exactly at the mention in the file as written."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from linkpolicy.content.cache import ParseCache
from linkpolicy.content.markdown import parse_page

ENTITIES = (("PageRank", "page rank"), ("Bounce rate",), ("Session", "visit"), ("Funnel",), ("Goal",))


def _at(text: str, line: int, column: int, length: int) -> str:
    """The characters at a 1-based line and column of the file as written."""
    return text.split("\n")[line - 1][column - 1 : column - 1 + length]


def _found(text: str) -> list[tuple[str, str]]:
    page = parse_page(text, entities=ENTITIES)
    for m in page.mentions:
        assert _at(text, m.line, m.column, len(m.text)) == m.text
    return [(m.entity, m.text) for m in page.mentions]


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_positions_with_multibyte_characters_tabs_and_crlf(newline: str) -> None:
    text = newline.join(
        [
            "---",
            "title: PageRank",
            "---",
            "# Bounce rate",
            "",
            "Écrit: 日本語 🎉 and then\tthe PAGE  RANK of ✓ a page.",
            "-\ta list item with bounce rate",
            "- a",
            "\t- nested\ttab session",
            "> quoted 🎉 funnel",
            "",
            "| 日本 | goal |",
            "|---|---|",
            "",
        ]
    )
    assert _found(text) == [
        ("PageRank", "PAGE  RANK"),
        ("Bounce rate", "bounce rate"),
        ("Session", "session"),
        ("Funnel", "funnel"),
        ("Goal", "goal"),
    ]


def test_code_links_html_urls_and_templates_are_no_prose() -> None:
    text = (
        "Code `PageRank`, [PageRank](/x/), <a href='/y'>visit</a>, ![session](s.png),\n"
        "<https://example.com/funnel>, https://example.com/goal and www.bounce-rate.com,\n"
        '{{< figure caption="PageRank" >}} and a footnote[^pagerank].\n\n'
        "```\nSession\n```\n\n    indented goal\n\n<!-- funnel -->\n<div>\nbounce rate\n</div>\n\n"
        "[^pagerank]: A note.\n"
    )
    assert _found(text) == []


def test_first_mention_per_entity_in_page_order_and_whole_words_only() -> None:
    text = "Sessions and a session, then pageranking; PageRank, and a goal.\n\nAnother visit. Goal.\n"
    assert _found(text) == [("Session", "session"), ("PageRank", "PageRank"), ("Goal", "goal")]


def test_no_entities_no_mentions() -> None:
    assert parse_page("PageRank and a session.\n").mentions == []


def test_mentions_survive_the_cache(tmp_path: Path) -> None:
    page = parse_page("A session and a goal.\n", entities=ENTITIES)
    cache = ParseCache(tmp_path, "sig")
    cache.put("k", page)
    cache.save()
    again = ParseCache(tmp_path, "sig").get("k")
    assert again is not None and again.mentions == page.mentions and page.mentions


_PIECES = st.sampled_from(
    [
        "PageRank",
        "page rank",
        "session",
        "goal",
        " ",
        "\t",
        "\n",
        "\r\n",
        "\n\n",
        "`",
        "[",
        "](/x)",
        "<a href=x>",
        "</a>",
        "# ",
        "> ",
        "- ",
        "日本",
        "🎉",
        "*",
        "_",
        "{{< x >}}",
        "https://e.com/",
        "<!-- ",
        " -->",
        "    ",
        "|",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, max_size=40).map("".join))
def test_every_mention_points_at_its_text(text: str) -> None:
    page = parse_page(text, entities=ENTITIES)
    for m in page.mentions:
        assert _at(text, m.line, m.column, len(m.text)) == m.text
    assert len({m.entity for m in page.mentions}) == len(page.mentions)
