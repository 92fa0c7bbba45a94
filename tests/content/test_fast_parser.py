"""The fast parser (markdown-it-pyrs) against the reference (markdown-it-py): on every
corpus page, every fixture page and generated Markdown, the whole parsed page — every
field of ParsedPage, compared as a dict so fields added later are covered — is the same.
Where the fast side cannot be trusted it must hand the page to the reference."""

from __future__ import annotations

import itertools
import re
from dataclasses import asdict
from pathlib import Path
from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from markdown_it.token import Token

from linkpolicy.content import fastcheck, fastparse, markdown
from linkpolicy.content.markdown import parse_page

pytestmark = pytest.mark.skipif(not fastparse.available(), reason="markdown-it-pyrs is not installed")

REPO = Path(__file__).resolve().parents[2]
CORPORA = REPO.parent / "shared" / "corpora"
SUFFIXES = (".md", ".mdx", ".markdown")


def pages(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*") if p.suffix in SUFFIXES and p.is_file())


def both(text: str, monkeypatch: pytest.MonkeyPatch, **settings: Any) -> tuple[dict, dict]:
    """(reference, fast) parse of one page, as dicts of every field."""
    monkeypatch.setenv(markdown.PARSER_SETTING, "reference")
    ref = asdict(parse_page(text, **settings))
    monkeypatch.setenv(markdown.PARSER_SETTING, "auto")
    return ref, asdict(parse_page(text, **settings))


def assert_parses_the_same(text: str, linkify: str) -> None:
    """Every field of the parsed page (entity mentions included) as the reference gives it;
    nothing to hold the fast side to where markdown-it-py itself raises (its inline linkify
    rule, tried inside a link's label, reads text it has not kept: "x.comx.com[http://ftp://f.net/")."""
    with pytest.MonkeyPatch.context() as mp:
        ref, got = both(text, mp, linkify=linkify, term_ids=True, entities=ENTITIES)
    if any(message.startswith("this page cannot be read") for _, _, message in ref["problems"]):
        return
    assert got == ref


def fast_reads(text: str, linkify: str, mdx: bool) -> list[list[Any] | None]:
    """What the fast side gave for each body read_page handed it (None: the whole page
    to the reference; a list may hold the reference's tokens of the runs it read)."""
    seen: list[list[Any] | None] = []
    original = fastparse.tokens

    def spy(body: str, mode: str, linkifier: Any = None, reference: Any = None) -> list[Any] | None:
        out = original(body, mode, linkifier, reference)
        seen.append(out)
        return out

    fastparse.tokens = spy  # type: ignore[assignment]
    try:
        parse_page(text, linkify=linkify, mdx=mdx)
    finally:
        fastparse.tokens = original  # type: ignore[assignment]
    return seen


def took_fast_path(text: str, linkify: str, mdx: bool) -> bool:
    """Whether the fast side reads this page itself (the body as read_page gives it),
    some of its runs maybe read by the reference."""
    seen = fast_reads(text, linkify, mdx)
    return bool(seen) and all(out is not None for out in seen)


def read_by_rust_alone(text: str, linkify: str, mdx: bool) -> bool:
    """Whether the Rust side read every run of the page (none by the reference)."""
    seen = fast_reads(text, linkify, mdx)
    return bool(seen) and all(out is not None and not any(isinstance(t, Token) for t in out) for out in seen)


def check_tree(root: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[int, int]:
    """Every page under ``root``, both linkify modes: identical results. Returns
    (runs, runs the fast side read itself)."""
    runs = fast = 0
    mismatches = []
    for path in pages(root):
        text = path.read_bytes().decode("utf-8", "replace")
        mdx = path.suffix == ".mdx"
        for linkify in ("gfm", "none"):
            runs += 1
            ref, got = both(text, monkeypatch, linkify=linkify, mdx=mdx, term_ids=True, entities=ENTITIES)
            if got != ref:
                mismatches.append(f"{path.relative_to(root)} ({linkify})")
            monkeypatch.setenv(markdown.PARSER_SETTING, "auto")
            fast += took_fast_path(text, linkify, mdx)
    assert not mismatches, f"fast parser differs from markdown-it-py on: {', '.join(mismatches[:20])}"
    return runs, fast


@pytest.mark.parametrize(
    "corpus", sorted(p.name for p in CORPORA.iterdir() if p.is_dir()) if CORPORA.is_dir() else []
)
def test_every_corpus_page_parses_the_same(corpus: str, monkeypatch: pytest.MonkeyPatch) -> None:
    runs, fast = check_tree(CORPORA / corpus, monkeypatch)
    assert runs > 0
    # the comparison means something: the fast side read most pages itself
    assert fast >= 0.5 * runs, (fast, runs)


def test_no_corpora_is_a_skip() -> None:
    if not CORPORA.is_dir():
        pytest.skip("../shared/corpora is not there")
    assert any(CORPORA.iterdir())


def test_every_fixture_page_parses_the_same(monkeypatch: pytest.MonkeyPatch) -> None:
    runs, fast = check_tree(REPO / "tests", monkeypatch)
    assert runs >= 200 and fast >= 0.8 * runs, (fast, runs)


#: names whose first mentions are recorded: words the corpora and the pieces below use
ENTITIES = (("Markdown",), ("link", "links"), ("a",), ("b c",), ("PageRank", "page rank"))

_PIECES = [
    "PageRank",
    " page rank ",
    "b c",
    *"abc #[]()<>!`*_-:/\n{}%\"'=+.é@|\\&;~",
    "\t",
    "    ",
    "> ",
    "- ",
    "1. ",
    "\n\n",
    "](",
    "![",
    "``",
    "~~",
    "](<a b>)",
    "(https://x.org/ä%20b)",
    "<https://a.b/%C3>",
    "<me@x.org>",
    "[r]",
    "\n[r]: /r%20s\n",
    "{#id}",
    "{{< ref ",
    " >}}",
    '<a href="h">',
    "</a>",
    '<img src="i.png" alt="x">',
    "\n<div>\n",
    "\n| a | b |\n|---|---|\n| c | [d](e) |\n",
    "\nTerm\n: def ",
    "\n===\n",
    "\n## ",
    "\n===\n",
    "&amp;",
    "\xa0",  # blanks Python strips (the reference's block rules) but markdown-it's inline rules may not
    "\u2028",
    "\x0b",
    "&#x6A;",
    "www.",
    "https://",
    "javascript:",
    "[^1]",
    "^[",
    "\n[^1]: note\n",
    "`[^a-z]`",
    "\n  ",
    "\n   - ",
    "\n      ",
    "*a*",
    "**",
    "_",
    "<!-- c -->",
    "\n<!--\n",
    "\n```\n",
    "[a](b 'c')",
    "[a]: <b c>",
    "\\",
    "&#32;",
    "<a\nhref='x'>",
    "# h {#i .c}",
    "\n+ ",
    "\n2) ",
    "  \n",
]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=60).map("".join), st.sampled_from(["gfm", "none"]))
@example("\n===\n~ page rank \n===\n", "gfm")  # a definition by "~" above a setext underline
@example('[a]: <b c>"\nTerm\n: def "', "gfm")  # a reference definition's title over three lines
@example("[a]: /b 'c\nd'\n", "gfm")  # a title over two lines, after a space
@example("[a]: /x(y)\n[b]: /z 'w\nv'\n", "gfm")  # a parenthesis in the destination opens none
@example("[a\\]:b]: /x 'ti\ntle'\n", "gfm")  # an escaped bracket and a colon before the label's end
@example("* [name]: we agreed (again)\n  on it\n", "gfm")  # no title: words after the destination
@example("*   101: \n    *   x\n", "gfm")  # "101:" is no definition, nor a list marker before one
@example("- a\n-\n- b\n", "gfm")  # an empty item among others
def test_generated_markdown_parses_the_same(text: str, linkify: str) -> None:
    assert_parses_the_same(text, linkify)


def test_a_rust_panic_falls_back_to_the_reference(capfd: pytest.CaptureFixture[str]) -> None:
    # markdown-it 0.6 (Rust) panics on `[` followed by an unclosed backtick
    text = "# Title\n\n[a `b\n\nSee [the guide](guide.md).\n"
    assert fastparse.tokens("[a `b", "gfm") is None
    page = parse_page(text)
    assert [(lk.dest, lk.line, lk.column) for lk in page.links] == [("guide.md", 5, 5)]
    assert capfd.readouterr().err == ""  # the panic message is not printed
    # the Rust parser still works after a panic
    assert fastparse.tokens("[x](y)", "gfm") is not None


@pytest.mark.parametrize(
    "text",
    [
        "[x](javascript:alert(1))",  # the Rust side drops it; the reference keeps it
        "[x](java&#115;cript:alert(1))",
        "[x](java\\script:alert(1))",
        "[x](JavaScript:alert(1))",
        "[x](javaſcript:alert(1))",  # letters that match the name's case-insensitively
        "[x](fİle:///etc) [y](fıle:///etc)",
        "see https://example.org/ now",  # linkify: the reference's rules
        "mail me@example.org",
        "text[^1]\n\n[^1]: note",  # footnotes
        "`[^a-z]` matches, and so does ^[inline]",  # one in code, one not
        "`\n[^1]: note\n`",  # a code span over a footnote's definition: the definition first
        # an inline comment with "--" or "<!--" inside: a comment to the reference alone
        "see <!-- a -- b --> [l](u)",
        "`<!-- <!--  -->",
        "    [^a]: indented\n\n[b [^1]](u)\n",  # in code, and in a link's text
        "*" * 9000,  # deep enough to overflow the Rust stack
        "> " * 80 + "[x](y)",  # deeper than the reference nests
        # encoded destinations behind references, two definitions encoding alike
        "[x][r] [y][s]\n\n[r]: /a%20b\n[s]: </a b>\n",
        "Term\n: def\n===",  # definition lists
        # found by the generated tests below
        "```| a | b |\n|---|---|---",  # a fence, HTML, quote or list line above a delimiter row
        "<div>| a | b |\n|---|---|---",
        "> | a | b |\n|---|---|---",
        "- Term\n\n- | a | b |\n|---|---|---",
        "x\n|-",  # a pipe-and-dash row under plain text
        "- Term\n\n\t[a](b)",  # tabs: indenting a link in a list item, among a quote's markers
        ">>- \tPageRank",
        "Term\n: Term\n: \n  : Term",  # a definition with no text
        "<!b c",  # a declaration in lower case
        "_**[l](u)*_*_****_",  # a mark that could close, inside emphasis: the Rust side's
        "_| a |\n|---|\nhttps://x.org*_*_*",  # search for later openers stops short
        "**a_** _b_",  # ... where one like it may open and another close after it
        "| a | b |\n|---|---|\n| `x\\|y` | c |\n",  # an escaped pipe in a table
        "\\||https://x.org/a\n|---|---|\n",  # ... in a header the Rust side does not read as one
        "[a]:|[a]\n|---|---|\n",  # a table's header that may be a definition
        "[\\[a]:\\",  # a definition ending in a backslash, its label holding an escaped bracket
        "  1. > > 1. \t`",  # a tab in a quote's markers before code
        # a "[" that opens no link, before code or a URL: the reference's silent scan for its
        # label's end leaves what it learnt behind (found by the generated tests)
        "see [`c``https://x.org/a`c`",
        "[`x y``x y`\\`x y`",
        "[a]: \n1. ",  # a line holding only a list marker below a definition's
        "[a]: /x\\",  # a destination ending in a backslash at the end of the block
        "[a]: \n  \\",  # ... on the line below
        "\n-\n\tPageRank",  # a tab-indented line below an empty list item
        "1. >PageRank\n   - ",  # an empty list item below a quote's line in a list item
        "+ > a\n===\nb\n   - ",  # ... after lazy lines
        " >}}\n2) > ",  # a list item below a quote's line, holding a quote itself
        "> a\n2) - ",  # ... holding an empty item
        "> > > ===\n> > - ",  # ... in a quote itself
        "> a\n2) a",  # an item numbered from other than 1 below a quote's line
        "\n> `- \n  `",  # a code span over a quote's lazy line (its indent kept by the reference)
        "\n> > `- \n>  `",
        "a ` \n `",  # ... all blanks
        "*a_bb_*_ab_",  # an underscore that can only close before one that may open
        "\n|---|\n---",  # dashes alone below a line with a pipe: a table to the reference
        "a~~b~~c",  # strikethrough whose ends may both open and close
        "x ~~~a~~~ y",  # ... of more than two tildes
        # a tab that the item's indent cuts through: the Rust side misplaces the line's text
        "- a\n\tb c",
        "1. a\n\n\tb c",
        "- a\n\n\t<a href='q'>",
        "-\t>\ta",  # a tab in a quote's indent
        "<data:image/png&#59;>",  # an image's data URL in an autolink, with an entity
        "[- \n- \n]:[a]",  # a label over lines, one of them a setext underline: a heading first
        "[a\n> b\n]: /x",  # ... a quote's line
        "[- \n- \n\\[]:[a]",  # ... and an escaped bracket on the last line
        "[a]: <b c>\xa0",  # a no-break space after a definition's destination: a blank to the reference
    ],
)
def test_what_may_differ_goes_to_the_reference(text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    assert fastparse.tokens(text, "gfm") is None
    ref, got = both(text, monkeypatch)
    assert got == ref


# Lines holding only a list marker, every way they may meet a paragraph, a list and a
# quote: the Rust side reads them as the reference does (an empty item interrupts no
# paragraph), so they stay on the fast side.
_EMPTY_ITEM_LINES = ["a", "-", "*", "1.", "- a", "  -", "> a", "> -", ">", "", "  a", "1. a", "\t-", "   -"]


def test_empty_list_items_parse_the_same() -> None:
    for lines in itertools.product(_EMPTY_ITEM_LINES, repeat=3):
        text = "\n".join(lines)
        if "\t" not in text and ">" not in text:  # tabs and quotes have checks of their own
            assert took_fast_path(text, "gfm", mdx=False), text
        assert_parses_the_same(text, "gfm")


@pytest.mark.parametrize(
    "text",
    [
        "```\nPS> Get-Item x\n+ ~~~~~~~~~~\n```\n\n~~~\ncode\n~~~\n",  # tildes in code only
        "*   New contributor track\n    *   101: \n        *   led by Tim\n",  # "101:" opens no definition
        "* [name]: we agreed (again)\n  and moved on\n",  # words, not a title, after "]:"
        "Quota (data: 5 GB), logs (file: app.log)\n",  # a protocol's name in prose, not a destination
        "a ~~b c~~, (~~d~~) e\n* ~~Agenda:~~\n* ~~@name~~ (for now)\n",  # strikethrough both read alike
        "**~~10/27/2020~~ Cancelled **\n* ~~[Jen] add [docs](/d) *now*~~\n",  # ... around other syntax
        "~~a *b~~ c*\n\nx ~~y\nz~~\n",  # ... across emphasis, across lines
        "a ~~ b ~~ c, ~~[Cody] no closer\n",  # tildes that open and close nothing
        # code spans over lines: line ends and markers read alike
        "a `b\nc` d\n- a `b\n  c  d` e\n\n> a `b\n>   c`\n",
        # list items with text below a quote's line: both end the quote there
        "> To be added below.\n> \n- Contributor [Bob](x)\n",
        "  - y:\n    > We found [a](b)\n  - z\n* > a\n* [b](c)\n1. a\n> q\n1. [b](c)\n",
        # "]:" in code opens no definition (PowerShell's static members)
        "```powershell\n[BookList]::RemoveBy('Author', 'Tolkien')\n\"Titles: $([BookList]::Books)\"\n```\n",
        # tabs the block's indent does not cut (a Google Docs export's meeting notes)
        "Agenda:  \n\t\\[merkes\\] debrief, see [the PR](https://x.org/p)\n",
        "- item\n  \t\\[Roy\\] see [LWN](https://lwn.net/)\n",
        "1. a\n\n   \tb [c](d)\n",
        # an encoded destination behind a reference: the definition's, as written
        "[x][r] and [r]\n\n[r]: /a%20b\n[s]: <https://xn--e1afmkfd.xn--p1ai/ä> 'title'\n\n[S]\n",
        "\n\n*a**",  # emphasis closed by part of a longer run, off the first line
        "x\n\nq *a [l](u)** z",
        "Topics begin with **about_**, such as\n**about_Comparison_Operators**.\n",  # no "_" opens after
        "- [ ] Run `make`, see [`ls`](x) and `arr[i` in `x`\n",  # brackets closed first, or in code
        "Pipe with `a \\| b` or a\\|b.\n\n| x | [y](z) |\n|---|---|\n| 1 | 2 |\n",  # escaped pipes outside tables
        # "]:" that can end no definition's label, above an empty item or ending in a backslash
        "- \\[iholder101\\]: In my time zone\n- \n* Slack-infra [Jeefy]:\n    * \n* [a] [b]: x\\\n",
        # a definition's marker in a fence, a list item below it: PowerShell's error output
        "```\nAt line:1 char:4\n+ 1 +\n+    ~\nAn expression was expected after '+'.\n    + CategoryInfo : ParserError\n```\n",
        # a colon alone on its line in a fence: output, no empty definition
        '```powershell\n"Lastname:FirstName" -split "(:)"\nLastname\n:\nFirstName\n```\n',
        # "]:" that ends no definition's label, a title's opener on the line or the line below
        "- Use `[guid]::NewGuid()` directly. ([#27033][27033])\n  ('quoted')\n\n[27033]: https://x/27033\n",
        # strikethrough closed by tildes that may open too (meeting notes): the nearest opener
        "*   **~~Moderators:  Ihor (CNCF)~~**\n* rktnetes (~~30~~15mins), ~~(to be open)~~[ here](u)\n",
        # table rows that start with a code span, a word with a dash or a number: rows to both
        "Pattern|Match\n-|-\n`images/*.jpg`|`true`\n-x|`false`\n1.5|[l](u)\n#x|y\n",
        # a table right below a heading
        "## Team\n| Role | Lead |\n|---|---|\n| [a](b) | c |\n",
        # a comment with "--" inside that starts an HTML block: both end it alike
        "<!--\nManually: `git diff HEAD -- $sig-id/README.md`\n-->\n\n[l](u)\n",
        # footnotes' syntax in code and HTML: regular expressions in samples
        "Use `[^a-z]` or `^[0-9]`:\n\n```\n$x -match '[^\\d]'\n[^1]: no note\n```\n\n<div>\n[^2]\n</div>\n",
        # images as data URLs, which both keep (megabytes of base64 in a meeting's notes)
        "![a][i]\n\n[i]: <data:image/png;base64,iVBORw0KGgo=>\n",
    ],
)
def test_lookalikes_stay_on_the_fast_side(text: str) -> None:
    assert read_by_rust_alone(text, "gfm", mdx=False)
    assert_parses_the_same(text, "gfm")


def test_encoded_destinations_are_read_back_as_written(monkeypatch: pytest.MonkeyPatch) -> None:
    text = "[a](<my page.md>) [b](ä%20x.md) ![c](i%C3.png) <https://a.b/%20>\n"
    assert fastparse.tokens(text, "none") is not None
    ref, got = both(text, monkeypatch, linkify="none")
    assert got == ref
    assert [lk["dest"] for lk in got["links"]] == ["my page.md", "ä%20x.md", "i%C3.png", "https://a.b/%20"]


@pytest.mark.parametrize(
    ("text", "one_pass"),
    [
        ("Plain prose,\nover lines  \nand a hard break, `code` and *em*.\n\n# A *heading* `x`\n", [1, 1]),
        ("[a link with ![an image](i.png) and `code`](u) then <https://a.b/c> and <me@x.org>\n", [1]),
        ("[one](a) [two](b)\n[three](c) ![i](j)\n\n| [t](u) | `v` |\n|---|---|\n| w | [x](y) |\n", [1] * 5),
        # read in one pass, then again with tokens: an inline tag, or a bare URL for linkify
        ("~~struck~~ then <b>bold</b> and [l](u)\n\n~~struck~~ [l](u) then www.example.com\n", [0, 0]),
        ("a &#64; b and \\: c with x@y.org\n\n~~a~~ [b](c)\n", [0, 1]),
    ],
)
def test_runs_read_in_one_pass_parse_the_same(text: str, one_pass: list[int]) -> None:
    """Most runs are read without tokens (links, images, autolinks, code and emphasis);
    runs with inline tags or text linkify links are read again with them (``one_pass``:
    which runs are read in one pass, with linkify on)."""
    for linkify in ("gfm", "none"):
        assert took_fast_path(text, linkify, mdx=False)
        assert_parses_the_same(text, linkify)
    linkifier = markdown._parser("gfm").linkify
    runs = [tok for tok in fastparse.tokens(text, "gfm", linkifier) or () if tok.type == "inline"]
    assert [int(tok.plain is not None) for tok in runs] == one_pass


def test_the_setting_forces_the_reference(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []
    monkeypatch.setattr(
        fastparse, "tokens", lambda body, mode, linkifier=None, reference=None: calls.append(body)
    )
    monkeypatch.setenv(markdown.PARSER_SETTING, "reference")
    assert [lk.dest for lk in parse_page("[x](y)").links] == ["y"]
    assert calls == []
    monkeypatch.setenv(markdown.PARSER_SETTING, "auto")
    parse_page("[x](y)")
    assert calls == ["[x](y)"]


# bare URLs, www. names and e-mail addresses among what may end, cut or hide them
_URL_PIECES = [
    "https://x.org/a",
    "http://",
    "HTTPS://",
    "ftp://f.net/",
    "://",
    "mailto:",
    "www.",
    "WWW.",
    "x.com",
    "example.org",
    "a_b",
    "_a",
    "b_",
    "__",
    "/p?q=1",
    "#frag",
    "me@x.org",
    "@",
    "(",
    ")",
    ".",
    ",",
    "a",
    "1",
    "-",
    "é",
    " ",
    "\n",
    "\n\n",
    "  \n",
    "*",
    "_",
    "~",
    "`",
    "[",
    "]",
    "](",
    "[t](https://in.link/)",
    "<https://auto.link>",
    "<me@auto.link>",
    "&amp;",
    "&",
    "\\",
    "\\:",
    "<a href='h'>",
    "</a>",
    "<b>",
    "{{< ref ",
    " >}}",
    "{{ .x }}",
    "> ",
    "- ",
    "# ",
    "| a | ",
    "\n|---|---|\n",
    "![i](",
    "`c`",
    "<",
    ">",
    "|",
]


# Tabs in the indent of lines in list items and quotes, where the item's indent may cut
# through one: the columns markdown-it keeps as spaces, which the Rust side counts as text
_TAB_PIECES = [
    "a",
    "b c",
    "\n",
    "\n\n",
    "- ",
    "-\t",
    "1. ",
    "10. ",
    "1.\t",
    " ",
    "  ",
    "   ",
    "\t",
    "\t\t",
    "> ",
    ">\t",
    "[x](y)",
    "`c`",
    "*i*",
    "https://x.org",
    "  \n",
    "<a href='q'>",
    "# h",
    "\n===\n",
    "| a | [b](c) |\n|---|---|\n",
    "```\n",
    "PageRank",
]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(_TAB_PIECES), max_size=40).map("".join))
@example("- a\n\n\tb c")  # the first line of a paragraph, the item's indent inside the tab
@example("-\t>\t<a href='q'>")  # an HTML block in a quote in an item
def test_tab_indented_lines_parse_the_same(text: str) -> None:
    assert_parses_the_same(text, "gfm")


# Pieces aimed at each construct whose check was narrowed to what differs (the check's own
# edge cases: flanking marks, nesting, lazy lines, labels, tables)
_NARROWED = {
    # a table's rows, some of which start another block (which ends the table for the
    # reference, not for the Rust side) and some only look like it ("`code` | x")
    "table rows": [
        "\n| a | b |\n|---|---|\n",
        "\na|b\n-|-\n",
        "\n> | a |\n> |---|\n",
        "\n`x`|y",
        "\n```|x",
        "\n~~~",
        "\n-x|y",
        "\n- x|y",
        "\n1. x",
        "\n1.x|y",
        "\n# x",
        "\n#x|y",
        "\n<b>x</b>|y",
        "\n<div>",
        "\n===",
        "\n- - -",
        "\n_x_|y",
        "\n|x|y|",
        "\n  `x`|y",
        "\n> x|y",
        "\n[l](u)|x",
        "\n## Team",  # a heading right above a table: no paragraph for it to interrupt
        "\n#x",
        "\ntext",
        "\n",
    ],
    "strikethrough": [
        "~~",
        "x ~~",
        "~~ y",
        "~~a",
        "b~~",
        "~",
        "a",
        " ",
        "\n",
        "\n\n",
        "*",
        "**",
        "_",
        "`c`",
        "[x](y)",
        "[",
        "]",
        "(",
        ")",
        ".",
        "\\",
        "- ",
        "> ",
        "https://x.org",
    ],
    "emphasis marks": [
        "*",
        "**",
        "_",
        "__",
        "~~",
        "a",
        "about",
        " ",
        ", ",
        "\n",
        "[l](u)",
        "`c`",
        "x_",
        "_y",
        "**a_**",
        "*b_*",
        "> ",
        ">",
        "- ",
        "(",
        ".",
        "https://x.org/_a",
        "\\_",
        "&amp;",
    ],
    "code spans": [
        "`",
        "``",
        "a",
        "b c",
        " ",
        "  ",
        "\n",
        "\n\n",
        "- ",
        "> ",
        "> > ",
        "\n>",
        "1. ",
        "  \n",
        "\t",
        "[x](y)",
        "*",
        "\n  ",
        "| a |\n|---|\n",
    ],
    "definitions and pipes": [
        "[a]",
        "[a]:",
        "]:",
        "[",
        "]",
        "\\[",
        "\\]",
        "\\",
        " ",
        "\n",
        "\n\n",
        "- ",
        "> ",
        "/x",
        "'t'",
        "Slack [J]:",
        "- \n",
        "\\|",
        "|",
        "\\||x",
        "\n|---|---|\n",
        "| a | b |\n|---|---|\n",
        "`x\\|y`",
        "a",
    ],
    "lists below quotes": [
        "> ",
        ">",
        "- ",
        "-",
        "* ",
        "1. ",
        "2) ",
        "01. ",
        "3.",
        "  ",
        "a",
        "[x](y)",
        "\n",
        "\n\n",
        "===",
        "---",
        "> > ",
    ],
}


@pytest.mark.parametrize("construct", sorted(_NARROWED))
@settings(max_examples=800, deadline=None)
@given(data=st.data())
def test_narrowed_constructs_parse_the_same(construct: str, data: st.DataObject) -> None:
    text = data.draw(st.lists(st.sampled_from(_NARROWED[construct]), max_size=30).map("".join))
    assert_parses_the_same(text, "gfm")


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.sampled_from(_URL_PIECES), max_size=30).map("".join))
@example("see https://x.org/a&amp;b")  # a URL into an entity: the reference reads it on
@example("*https://x.org/a*b*")  # an emphasis mark inside
@example("\\https://x.org")  # linkify after an escape
@example("<a href='h'>https://x.org</a> www.y.org")  # inside an HTML link: not linked
@example("[</a>https://x.org/a]()")  # an HTML </a> in a link's text: linked after it
@example("x.comx.com[http://ftp://f.net/")  # the reference raises: nothing to compare
def test_bare_urls_link_the_same(text: str) -> None:
    assert_parses_the_same(text, "gfm")


@pytest.mark.parametrize(
    "text",
    [
        "see https://example.org/ now",
        "mail me@example.org, or www.example.org",
        "| a | https://x.org/t |\n|---|---|\n| www.y.org | me@z.org |\n",
        "> a quote with https://x.org/q\n> and www.z.org on its next line",
        "- an item, https://x.org/i\n  and me@x.org below it",
        "*see https://x.org/em* and <a href='h'>https://in.a/</a> and https://out.a/",
        "see https://x.org/a_b_c, whose underscores open and close nothing",
        "see https://x.org/a&amp;b",  # the URL goes on into an entity
        "see https://x.org/a\\_b",  # ... into an escape
        # a Google Docs export escapes "#" and "_": the link takes them, the text goes on after
        "see https://x.org/pull/9/files\\#r52 and https://y.org/kube\\_features.go now",
        "see https://x.org/a&amp;b&#35;c\\#d e",
        # emphasis marks the Rust side left unpaired in a URL's text
        "see https://x.org/a_/b *here*\n\nsee https://kubernetes.io/releases/_print/#manager *here*",
        "https://docs.google.com/d/1x1B2_DFZ9VI2E_-pB2p/edit#slide=id.g4189217af3_0_58 x_y_",
    ],
)
def test_bare_urls_are_read_by_the_fast_side(text: str) -> None:
    assert read_by_rust_alone(text, "gfm", mdx=False)
    assert_parses_the_same(text, "gfm")


@pytest.mark.parametrize(
    "text",
    [
        "see https://x.org/a`b` c",  # the URL goes on into a code span
        "see https://x.org/a\\[b\\] c",  # ... over brackets (a link's label may end there)
        "see https://x.org/a**b** c",  # ... into emphasis
        "_see https://x.org/b_ c_",  # ... which the Rust side pairs
    ],
)
def test_bare_urls_the_fast_side_may_read_differently_go_to_the_reference(text: str) -> None:
    assert not read_by_rust_alone(text, "gfm", mdx=False)
    assert_parses_the_same(text, "gfm")


# definition lists go to the fast side unless a setext underline follows a definition
_DEFLIST_PIECES = [
    "Term",
    "\n: ",
    ": ",
    "def",
    "\n",
    "\n\n",
    "===",
    "---",
    "> ",
    "- ",
    "1. ",
    "  ",
    "    ",
    "\t",
]
_DEFLIST_PIECES += [
    "[a](b)",
    "`c`",
    "*e*",
    "\n:",
    "## h",
    "```",
    "<div>",
    "| a | b |\n|---|---|",
    "\n~ ",
    "~",
]


@settings(max_examples=800, deadline=None)
@given(st.lists(st.sampled_from(_DEFLIST_PIECES), max_size=40).map("".join), st.sampled_from(["gfm", "none"]))
def test_definition_lists_parse_the_same(text: str, linkify: str) -> None:
    assert_parses_the_same(text, linkify)


# The patterns as first written, which backtracked through a line once for each place they
# could start on it (quadratic: a tenth of the Hugo documentation's parse, minutes on a long
# line of "]:" or of pipes). Their rewrites must find the same.
_FIRST_FORMS = {
    "_DELIMITER_UNDER_TEXT": (r"^[^|\n]*[^|\s][^|\n]*\n(?=[^\n]*\|)[ \t>|:]*-[ \t|:-]*$", re.MULTILINE),
    # (the lines have no "[": every "]:" may end a label, see _may_end_label)
    "_TITLE_BELOW_DEFINITION": (r"\]:.*\n[ \t>]*[\"'(]", 0),
    "_FENCE_WITH_PIPE": (r"^[ \t>]*(?:`{3,}|~{3,}|<)[^\n]*\|[^\n]*\n[ \t>|:]*-[ \t>|:-]*$", re.MULTILINE),
    "_QUOTE_OVER_DELIMITER": (
        r"^[ \t]*(?:>|[-+*]|[0-9]{1,9}[.)])[^\n]*\|[^\n]*\n[ \t|:]*-[ \t|:-]*$",
        re.MULTILINE,
    ),
}
_LINE_PIECES = [
    "a",
    " ",
    "\t",
    "\n",
    "\r",
    "|",
    "-",
    ":",
    ">",
    "<",
    "`",
    "```",
    "~~~",
    "]:",
    "1.",
    "*",
    '"',
    "(",
    "\u00a0",
]


_LINES = st.lists(
    st.lists(st.sampled_from([p for p in _LINE_PIECES if p != "\n"]), max_size=6).map("".join), max_size=5
).map("\n".join)


@settings(max_examples=1500, deadline=None)
@given(_LINES)
@example("~~~ a | b\n|--|")
@example("<div> | x\n --- ")
@example("> a | b\n|-:|")
@example("1. a | b\n-|-")
@example("x]: y ]: z\n  (title)")
@example("]:\n>'")
@example("text\n| --- |")
def test_linear_patterns_find_what_their_first_forms_did(text: str) -> None:
    for name, (pattern, flags) in _FIRST_FORMS.items():
        first = re.compile(pattern, flags)
        now = getattr(fastcheck, name, None)
        # the line patterns are searched with a newline before the text (their matches
        # start at the newline before their line)
        found = fastcheck.title_below_definition(text) if now is None else now.search("\n" + text) is not None
        assert found == (first.search(text) is not None), name
    spans = [
        (start, end - 1)
        for start, end in (m.span() for m in fastcheck._DELIMITER_UNDER_TEXT.finditer("\n" + text))
    ]
    assert spans == [m.span() for m in re.compile(*_FIRST_FORMS["_DELIMITER_UNDER_TEXT"]).finditer(text)]


_LINE_PATTERNS = sorted(
    name
    for name, value in vars(fastcheck).items()
    if isinstance(value, re.Pattern) and value.pattern.startswith("\\n") and value.flags & re.MULTILINE
)


@settings(max_examples=1500, deadline=None)
@given(_LINES)
@example("a\n: b\n- c")
@example(": x\n|-|")
@example("\n\n>\n1.")
def test_line_patterns_find_what_they_find_from_each_line_start(text: str) -> None:
    """Each pattern written from a line's start (``^``) and searched through the newline
    before its line finds the same lines, at the same places, as its ``^`` form."""
    assert len(_LINE_PATTERNS) >= 10
    for name in _LINE_PATTERNS:
        now = getattr(fastcheck, name)
        first = re.compile("^" + now.pattern[2:], re.MULTILINE)
        found = [(start, end - 1) for start, end in (m.span() for m in now.finditer("\n" + text))]
        assert found == [m.span() for m in first.finditer(text)], name


@settings(max_examples=1000, deadline=None)
@given(
    st.lists(
        st.sampled_from(["a", " ", "@", ":", "/", "w", "W", "ww", ".", "\n", "é", "K", "İ"]), max_size=20
    ).map("".join)
)
@example("WwW.")
@example("a@b")
@example("a @b")
def test_the_linkify_hint_finds_what_its_pattern_finds(text: str) -> None:
    pattern = re.compile(r"://|\S@\S|www\.", re.IGNORECASE)
    assert fastparse._linkify_hint(text) == (pattern.search(text) is not None)


@pytest.mark.parametrize(
    ("text", "by_reference"),
    [
        # a bracket that opens no link before code: that run alone to the reference
        ("# Notes\n\n- see [`a`](x)\n- [draft `b` here, and [c](y)\n- [d](z)\n", 1),
        # ... over lines of a list item, its lines' indent (beyond the item's text) as the reference keeps it
        ("1. first [a](x)\n2. [x `y`\n     and `z` [l](u)\n   then [m](n)\n\n   [o](p)\n", 1),
        # ... in a nested item, a lazy line below it
        ("- a\n  - [x `y` [l](u)\n  z [m](n)\nlazy [o](p)\n- [q](r)\n", 1),
        # ... a reference link in it, to a definition lower down
        ("- [x `y` [l][d]\n- [e][d]\n\n[d]: /defined 'title'\n", 1),
        # a URL past its text (linkify), two runs of it
        ("Read https://x.org/a`b` c\n\n[ok](u)\n\nand https://y.org/a**b** d\n", 2),
        # a mark that may close inside emphasis, in a table cell
        ("| a | b |\n|---|---|\n| _**[l](u)*_*_****_ | [k](v) |\n", 1),
        # a tab that a list item's indent cuts through (the Rust side misplaces that line's
        # text): the run's bounds from its paragraph, or from its item and the block after it
        ("1. a\n\n\tbb [l](u)\n\tc [m](n)\n2. [o](p)\n", 1),
        ("- a\n\tb [l](u)\n  - c [m](n)\n\t\td\n- [o](p)\n", 2),
        ("* a\n    * [x](y)\n\n\t\tArnaud: Token [https://x.org/1](https://x.org/1)\n", 1),
        ("- [x `y`\n\t[l](u)\n", 1),  # a tab the indent takes whole: the reference's content alike
        # strikethrough the two may pair differently (three tildes; a closer that may open)
        ("a ~~~x~~ [l](u)\n\n[m](n) ~~ok~~\n\nx ~~a~~~~b~~ [l](u)\n", 2),
        # a heading ending in a Unicode blank (U+2028), which the reference strips
        ("## Status\u2028\n\n[a](b)\n", 1),
        # a paragraph separator beside emphasis marks (a Google Docs export's notes)
        ("* [Video](u)\u2029 - _Kubecon_ \\\n[https://x.org](https://x.org)\n* [b](c)\n", 1),
        # a label then a label holding a bracket, on a page with definitions
        ("[Liggitt][[Slides](https://d.g/p)] and [d][[d]]\n\n[d]: /x\n\n[e](f)\n", 1),
    ],
)
def test_runs_the_rust_side_may_misread_go_to_the_reference_alone(text: str, by_reference: int) -> None:
    """The page stays on the fast side; only the runs that may differ are read by the
    reference's inline parser (from the content its block rules would give them), and the
    whole page comes out as the reference reads it."""
    (out,) = fast_reads(text, "gfm", mdx=False)
    assert out is not None
    assert sum(isinstance(tok, Token) for tok in out) == by_reference
    assert_parses_the_same(text, "gfm")
    assert_parses_the_same(text, "none")


@pytest.mark.parametrize(
    "text",
    [
        "> [x `y`\n> and [l](u)\n",  # over a quote's lines: its markers are not followed
        "Term\n: [x `y`\n  [l](u)\n",  # ... a definition's lines
        "|-\n-\t|\n",  # a dash and a tab: a list item to the reference, a delimiter row to the Rust side
    ],
)
def test_runs_over_containers_the_reference_cannot_be_given_send_the_page(text: str) -> None:
    assert not took_fast_path(text, "gfm", mdx=False)
    assert_parses_the_same(text, "gfm")
