"""Link extraction: every link form, positions, code, HTML, shortcodes, anchors."""

import pytest

from linkpolicy.content.markdown import parse_page

PAGE = """---
title: Test
---
# Hello World

Some [inline link](/a/b/ "t") and [ref link][r] and <https://x.com/p>.
> quote with [deep](../c.md#frag) here

`[not](/either/)` but <a href="/html/" rel="nofollow sponsored">html <b>text</b></a> ok.
See [upgrade]({{< ref "docs/x.md" >}}) and [rel]({{% relref "y.md#z" %}}) and https://bare.example/x.
Jekyll: [post]({% post_url 2020-01-02-hello %}) and [page]({% link about.md %}).

![Alt img](/img/a.png)
[![badge alt](/b.svg)](/target/)

```
[fenced](/not-a-link/)
```

    [indented](/not-a-link-either/)

<!-- linkpolicy-disable-next-line generic-anchor -->
[click here](/x/)

## Hello World {#custom-id}
## Hello World
## Café ünïcode!

<div id="blockid">
<a href="/blocklink/">Block link</a>
</div>

Footnote[^1].

[^1]: A note.

| a | b |
|---|---|
| [cell](/cell/) | x |

[r]: /ref/target/
"""


def _links(page):
    return [(lk.line, lk.column, lk.dest, lk.text, lk.kind) for lk in page.links]


def test_every_link_form_with_line_and_column() -> None:
    page = parse_page(PAGE)
    assert _links(page) == [
        (6, 6, "/a/b/", "inline link", "link"),
        (6, 35, "/ref/target/", "ref link", "link"),
        (6, 53, "https://x.com/p", "https://x.com/p", "autolink"),
        (7, 14, "../c.md#frag", "deep", "link"),
        (9, 23, "/html/", "html text", "html"),
        (10, 5, "docs/x.md", "upgrade", "link"),
        (10, 44, "y.md#z", "rel", "link"),
        (10, 79, "https://bare.example/x", "https://bare.example/x", "autolink"),
        (11, 9, "2020-01-02-hello", "post", "link"),
        (11, 53, "about.md", "page", "link"),
        (13, 1, "/img/a.png", "Alt img", "image"),
        (14, 2, "/b.svg", "badge alt", "image"),
        (14, 1, "/target/", "badge alt", "link"),
        (23, 1, "/x/", "click here", "link"),
        (30, 1, "/blocklink/", "Block link", "html"),
        (39, 3, "/cell/", "cell", "link"),
    ]


def test_shortcodes_are_recognised() -> None:
    page = parse_page(PAGE)
    codes = [lk.shortcode for lk in page.links if lk.shortcode]
    assert codes == [
        ("ref", "docs/x.md"),
        ("relref", "y.md#z"),
        ("post_url", "2020-01-02-hello"),
        ("link", "about.md"),
    ]


def test_output_tags_in_destinations_are_links_as_written() -> None:
    """Jekyll renders Liquid before it reads the Markdown, so a destination made of output
    tags (spaces and all) is a link on the built page; it is read as one, the tags put back
    as written, at its true line and column. Tags elsewhere (text, headings, code, a
    destination's title) are left as they are. Other generators render no tag first."""
    text = (
        "# {{ page.title }}\n\n"
        "* [macOS]({{ '/docs/macos/' | relative_url }})\n"
        '* [B]({{ site.baseurl }}/docs/b/ "a {{ title }}")\n'
        "* [C](<{{ site.url }}{{ site.baseurl }}/c/#frag>) and `[D]({{ code }})`\n"
        "Text {{ site.title }} and [e](/e/).\n\n"
        "[ref]: {{ site.baseurl }}/docs/ref/\n"
        "[R][ref]\n"
    )
    # a generator that renders no tag first: only the destination in <> (which may hold spaces)
    assert [lk.dest for lk in parse_page(text).links] == ["{{ site.url }}{{ site.baseurl }}/c/#frag", "/e/"]
    page = parse_page(text, templates_first=True)
    assert [(lk.dest, lk.line, lk.column, lk.text) for lk in page.links] == [
        ("{{ '/docs/macos/' | relative_url }}", 3, 3, "macOS"),
        ("{{ site.baseurl }}/docs/b/", 4, 3, "B"),
        ("{{ site.url }}{{ site.baseurl }}/c/#frag", 5, 3, "C"),
        ("/e/", 6, 27, "e"),
        ("{{ site.baseurl }}/docs/ref/", 9, 1, "R"),
    ]
    assert page.headings[0].text == "{{ page.title }}"
    assert "Text {{ site.title }} and e" in page.text and "[D]({{ code }})" in page.text


def test_output_tags_are_found_in_linear_time() -> None:
    """A line of openers with no closer, or of tags in no destination, is read once."""
    import time

    for text in ("](" + "{{ x" * 20_000, "a {{ x }} " * 20_000, "[a](" + "{{ '/x/' }}" * 20_000 + ")"):
        start = time.process_time()
        parse_page(text, templates_first=True)
        assert time.process_time() - start < 5, text[:20]


def test_html_rel_is_read() -> None:
    page = parse_page(PAGE)
    html = next(lk for lk in page.links if lk.dest == "/html/")
    assert html.rel == ("nofollow", "sponsored")  # sorted, each once


def test_anchors_headings_explicit_ids_html_and_footnotes() -> None:
    page = parse_page(PAGE)
    assert [h.id for h in page.headings] == ["hello-world", "custom-id", "hello-world-1", "café-ünïcode"]
    assert {"blockid", "fn:1", "fnref:1", "user-content-fn-1"} <= page.anchors


def test_disable_next_line_comment() -> None:
    page = parse_page(PAGE)
    assert page.disabled_lines == {23: {"generic-anchor"}}


def test_mkdocs_slugs_and_attribute_lists() -> None:
    text = "# Options\n\n## Options\n\n## Setup { #setup-id .cls }\n\nPara {: #para-id }\n"
    page = parse_page(text, slug_style="toc", linkify=False)
    assert [h.id for h in page.headings] == ["options", "options_1", "setup-id"]
    assert "para-id" in page.anchors


def test_attribute_ids_keep_dots() -> None:
    """Goldmark (Hugo) and attr_list (MkDocs) read `{#v0.14.3}` as the id v0.14.3, as
    the Docsy changelog's headings have them."""
    page = parse_page("## v0.14.3 {#v0.14.3}\n\n## Setup {#a.b .cls}\n")
    assert [h.id for h in page.headings] == ["v0.14.3", "a.b"]


def test_anchor_patterns_from_policy() -> None:
    page = parse_page(
        "<!-- md:setting config.x -->\n",
        anchor_patterns=[lambda t: ["config.x"] if "md:setting" in t else []],
    )
    assert "config.x" in page.anchors


def test_broken_front_matter_is_a_problem_not_an_exception() -> None:
    page = parse_page('---\ntitle: "unterminated\n---\n[a](/b/)\n')
    assert page.problems and page.problems[0][2].startswith("malformed front matter")
    assert [lk.dest for lk in page.links] == ["/b/"]


def test_unclosed_front_matter() -> None:
    page = parse_page("---\ntitle: x\n\nno end\n")
    assert page.problems[0][2].endswith("is never closed")


def test_toml_front_matter() -> None:
    page = parse_page('+++\ntitle = "T"\ndraft = true\n+++\n# H\n')
    assert page.front.data == {"title": "T", "draft": True}
    assert page.headings[0].line == 5


def test_mdx_imports_and_exports_are_skipped() -> None:
    text = "import Tabs from '@theme/Tabs';\nexport const x = 1;\n\n# Title\n\n[a](./a.md)\n"
    page = parse_page(text, mdx=True)
    assert [lk.dest for lk in page.links] == ["./a.md"]
    assert page.headings[0].text == "Title"


def test_managed_block_links_are_marked() -> None:
    text = "[a](/a/)\n\n<!-- linkpolicy:start related -->\n- [b](/b/)\n<!-- linkpolicy:end related -->\n"
    page = parse_page(text)
    assert [(lk.dest, lk.block) for lk in page.links] == [("/a/", None), ("/b/", "related")]


def test_definition_term_ids_when_the_generator_makes_them() -> None:
    text = "## Options\n\nanchor\n: Where to crop.\n\n`name`\n: The name.\n"
    assert {"anchor", "name"} <= parse_page(text, term_ids=True).anchors
    assert "anchor" not in parse_page(text).anchors


def test_content_tab_ids_with_combined_header_slugs() -> None:
    text = '### Anchor links\n\n=== "Open me ..."\n\n=== "... or even me"\n\n### Logo\n\n=== ":octicons-image-16: Image"\n'
    anchors = parse_page(text, slug_style="toc", tabbed=("pymdownx", True)).anchors
    assert {"anchor-links-open-me-", "anchor-links--or-even-me", "logo-image"} <= anchors


def test_columns_after_a_tab_the_items_indent_cuts(monkeypatch: pytest.MonkeyPatch) -> None:
    # markdown-it keeps the tab's columns right of the item's indent as spaces before the
    # text: the column is still the character's in the file (the link's "[" is its second)
    from linkpolicy.content import markdown

    text = "- item\n\t[first](/a/) and\n\t[second](/b/)\n\n1. x\n\n\t[third](/c/)\n"
    for parser in ("reference", "auto"):
        monkeypatch.setenv(markdown.PARSER_SETTING, parser)
        assert [(lk.line, lk.column, lk.dest) for lk in parse_page(text).links] == [
            (2, 2, "/a/"),
            (3, 2, "/b/"),
            (7, 2, "/c/"),
        ]
