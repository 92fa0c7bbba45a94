"""Properties of link extraction and slugging, on generated Markdown: every link written
is found exactly once, at the line and column where it was written, on the line
markdown-it-py's block tokens give; slugs are stable and never collide."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from linkpolicy.content.markdown import read_page
from linkpolicy.content.slugs import Slugger

word = st.text(alphabet="abcdefghij", min_size=1, max_size=8)
dest = st.text(alphabet="abcdefgh0123456789/.-_#", min_size=1, max_size=20).filter(lambda d: d[0] != "#")
label = st.lists(word, min_size=1, max_size=3).map(" ".join)
piece = st.one_of(word.map(lambda w: ("text", w)), st.tuples(label, dest).map(lambda t: ("link", t)))
line = st.tuples(
    st.sampled_from(["", "> ", "- ", "1. ", "* ", "> - "]), st.lists(piece, min_size=1, max_size=8)
)


def render(lines: list[tuple[str, list]]) -> tuple[str, list[tuple[str, int, int]]]:
    """Markdown with one block per line (blank lines between) and where each link is."""
    out: list[str] = []
    expected: list[tuple[str, int, int]] = []
    for prefix, pieces in lines:
        text = prefix
        for kind, value in pieces:
            if kind == "text":
                text += value + " "
            else:
                expected.append((value[1], len(out) + 1, len(text) + 1))
                text += f"[{value[0]}]({value[1]}) "
        out += [text.rstrip(), ""]
    return "\n".join(out), expected


@settings(max_examples=200, deadline=None)
@given(st.lists(line, min_size=1, max_size=12), st.sampled_from(["gfm", "none"]))
def test_every_link_is_found_once_where_it_was_written(lines: list, linkify: str) -> None:
    text, expected = render(lines)
    page = read_page(text, linkify=linkify)
    found = [(link.dest, link.line, link.column) for link in page.links]
    assert found == expected
    # the lines markdown-it's block tokens give for each inline run hold those links
    spans = [tok.map for tok in MarkdownIt("commonmark").parse(text) if tok.type == "inline" and tok.map]
    for _, at, _ in expected:
        assert any(start < at <= end for start, end in spans)


@settings(max_examples=200, deadline=None)
@given(st.lists(line, min_size=1, max_size=6), st.integers(min_value=0, max_value=3))
def test_front_matter_shifts_every_link_by_its_lines(lines: list, extra: int) -> None:
    text, expected = render(lines)
    front = "---\ntitle: t\n" + "k: v\n" * extra + "---\n"
    page = read_page(front + text)
    shift = front.count("\n")
    assert [(x.dest, x.line, x.column) for x in page.links] == [(d, n + shift, c) for d, n, c in expected]


_PIECES = list("abc #[]()<>!`*_-:/\n{}%\"'=+.\té@w") + ["{{< ref ", " >}}", "<a href=", "---\n", "](", "[^1]"]
markdownish = st.lists(
    st.sampled_from(_PIECES + ["www.", "https://", "<img src=", "{{ ", "{% ", " %}"]), max_size=150
)


@settings(max_examples=300, deadline=None)
@given(markdownish.map("".join), st.sampled_from(["gfm", "none"]), st.booleans())
def test_the_reader_itself_never_raises(text: str, linkify: str, mdx: bool) -> None:
    page = read_page(text, linkify=linkify, mdx=mdx)  # read_page: no safety net
    lines = text.count("\n") + 1
    for link in page.links:
        assert 1 <= link.line <= lines and link.column >= 1


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=40))
def test_github_slugs_are_stable(title: str) -> None:
    once = Slugger("github").slug(title)
    assert Slugger("github").slug(once) == once


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.text(alphabet="ab -_1", max_size=6), max_size=30),
    st.lists(st.text(alphabet="ab-1", min_size=1, max_size=5), max_size=5),
)
def test_generated_ids_never_take_an_explicit_one(titles: list[str], explicit: list[str]) -> None:
    for style in ("github", "toc", "kramdown"):
        slugger = Slugger(style)
        for ident in explicit:
            slugger.reserve(ident)
        ids = [slugger.slug(t) for t in titles]
        assert len(set(ids)) == len(ids)
        assert not set(ids) & set(explicit)
