"""Text passes over a page: the inputs that were quadratic give the right answer (the
benchmark benchmarks/bench_pathological.py shows that their cost is linear), nesting
does not end the page, and shortcodes over two lines keep later line numbers."""

from __future__ import annotations

from markdown_it import MarkdownIt

from linkpolicy.content.markdown import parse_page


def test_attribute_list_scan_on_an_unclosed_brace() -> None:
    page = parse_page("{" + "#" * 20_000 + "\n\ntext {#real} and {: #other .c} and {not attrs}\n")
    assert {"real", "other"} <= page.anchors
    assert "not" not in page.anchors


def test_many_unclosed_shortcodes_are_left_alone() -> None:
    text = "{{< ref a " * 2_000 + '\n\n[x]({{< ref "b.md" >}}) {{% relref c.md %}}\n'
    page = parse_page(text)
    assert [(link.dest, link.shortcode, link.line) for link in page.links] == [("b.md", ("ref", "b.md"), 3)]


def test_a_shortcode_over_two_lines_keeps_later_line_numbers() -> None:
    text = (
        '[a]({{< ref "a.md"\n>}})\n\n'
        '{{< ref "b.md"\n    lang="de" >}}\n\n'
        "<!-- linkpolicy-disable-next-line -->\n"
        "[z](z.md)\n"
    )
    page = parse_page(text)
    assert [(link.dest, link.line, link.column) for link in page.links] == [("a.md", 1, 1), ("z.md", 8, 1)]
    assert page.links[0].shortcode == ("ref", "a.md")
    assert 8 in page.disabled_lines


def test_links_in_one_long_paragraph_have_their_own_positions() -> None:
    n = 3_000
    line = " ".join(f"[l{i}](p{i}.md)" for i in range(n))
    page = parse_page("intro\n" + line + "\nand <a href='h.md'>h</a> [last](last.md)\n")
    assert len(page.links) == n + 2
    for i in (0, 9, 10, 99, 100, n - 1):
        link = page.links[i]
        assert (link.dest, link.line) == (f"p{i}.md", 2)
        expected = 1 + sum(len(f"[l{k}](p{k}.md) ") for k in range(i))
        assert link.column == expected, i
    assert [(x.dest, x.line, x.column) for x in page.links[-2:]] == [("h.md", 3, 5), ("last.md", 3, 26)]


def test_a_list_nested_ten_deep_does_not_hide_the_rest_of_the_page() -> None:
    text = "".join("  " * i + "- item\n" for i in range(10)) + "\n[after](after.md)\n\n## Later\n"
    page = parse_page(text)
    assert [link.dest for link in page.links] == ["after.md"]
    assert [h.text for h in page.headings] == ["Later"]
    # the CommonMark preset alone would stop at its nesting limit of 20
    tokens = MarkdownIt("commonmark").parse(text)
    assert not any(t.type == "heading_open" for t in tokens)


def test_very_deep_nesting_still_returns() -> None:
    for text in ("> " * 5_000 + "x\n\n[a](b.md)\n", "- " * 5_000 + "x\n"):
        parse_page(text)


def test_many_equal_headings_get_every_suffix_once() -> None:
    text = "# Intro {#intro-2}\n\n" + "## Intro\n\n" * 2_000
    ids = [h.id for h in parse_page(text).headings]
    assert ids[:4] == ["intro-2", "intro", "intro-1", "intro-3"]
    assert len(set(ids)) == len(ids) == 2_001
    toc = [h.id for h in parse_page("# A\n\n# A\n\n# A_1\n\n# A\n", slug_style="toc").headings]
    assert toc == ["a", "a_1", "a_2", "a_3"]  # Python-Markdown counts "a_1" up
