"""markdown-it-pyrs (markdown-it in Rust) as a faster source of the tokens that
:func:`linkpolicy.content.markdown.read_page` walks.

markdown-it-py stays the reference. This module turns the Rust syntax tree into the few
token shapes ``read_page`` reads (``heading_open``, ``dt_open``, ``inline`` with its
children, ``html_block``), with the same contents and the same offsets; most inline runs
(all but those with inline tags or text linkify links) come already read, as their plain
text and their links, with no children. An inline run the two may read differently by
itself (a bracket that opens no link before code, a bare URL whose end the Rust side
places elsewhere, emphasis marks the two pair differently, a blank Python strips at its
end) is read by the reference's inline parser alone, from the content the reference's
block rules would give it (see :class:`RunUnsupported`): a meeting's notes of 200 kB with
one such line no longer go to the reference whole (a label then a label holding a
bracket on a page with definitions, a line separator where emphasis marks are, too). It
returns ``None`` — read this page with the reference — wherever the two may differ
otherwise (found in the text by :mod:`.fastcheck`, or in the tree here):

- footnotes (``[^x]``, ``^[x]``) outside code and HTML blocks: the reference's plugin keeps
  its own numbering (a regular expression's ``[^a-z]`` in code is read alike);
- ``~~`` outside code blocks, HTML blocks and inline runs (within a run, strikethrough
  but around plain text with ends that can only open and only close sends that run to
  the reference: the Rust side pairs runs like code spans, the reference by the emphasis
  rules);
- a list item below a quote's line, the quote maybe in a list item, right below or after
  lazy lines (lazy continuation or a new list), or a line
  holding only a list marker right below a link reference definition's;
- a link reference definition (outside code) with a title on the line below, or one
  that may go on over lines (the two part differently when the title is invalid);
- the separator controls and NEL anywhere (whitespace to one side, not the other); a
  blank other than a space or a tab in a table or its header's line;
- definition lists (a line starting ``: `` or ``~ ``): the two plugins end a definition differently;
- bare URLs, ``www.`` names or e-mail addresses in text when linkify is on, where
  :mod:`.fastlinkify` cannot link them as the reference does (or no matcher is given);
- nesting deeper than the reference follows, or so deep the Rust side could overflow;
- a destination the Rust side percent-encoded that cannot be read back from the source;
- a tab before a continued line in a quote, or one a list item's indent cuts through on
  the first line of a run in that item (a cut tab further down sends the run alone, its
  bounds taken from its paragraph or the block after it); an image label or a code span
  across lines, or a multi-line inline tag with images, in a quote or a definition
  (elsewhere, the run alone): where the reference reads lines stripped of their containers;
- an inline HTML comment with ``--`` or ``<!--`` inside: a comment to the reference
  (CommonMark 0.31), text to the Rust side (0.30);
- a ``javascript:``, ``vbscript:``, ``file:`` or ``data:`` destination, which the Rust
  side drops (the reference keeps every destination as written);
- a table right below a line of text, or a table row that starts another block (a
  fence, a list item, a heading, a rule, HTML; not a code span): the two table rules
  end (or start) a table at different lines;
- any node this module does not know, and any panic in the Rust code.

tests/content/test_fast_parser.py holds the two parsers to the same result on every
corpus page and fixture.
"""

from __future__ import annotations

import bisect
import contextlib
import functools
import os
import re
from collections.abc import Iterator, Mapping, Sequence
from types import MappingProxyType
from typing import Any

try:  # optional: pip install 'linkpolicy[fast]'
    from markdown_it_pyrs import MarkdownIt as _RustMarkdownIt
except ImportError:  # pragma: no cover - depends on the environment
    _RustMarkdownIt = None

from markdown_it.common import normalize_url
from markdown_it.helpers import parseLinkDestination
from markdown_it.token import Token

from . import fastlinkify
from .fastcheck import (
    CONTAINER_MARKS,
    UNICODE_BLANK,
    closes,
    definition_then_block,
    empty_definition,
    escaped,
    escaped_pipe_over_dashes,
    may_close,
    may_differ,
    may_open,
    opens_only,
    quote_depth,
    title_below_definition,
    title_over_lines,
    underscore_closer_then_opener,
    within,
)
from .fastrefer import NoRunContent, Referred, indent_walked, run_content

# markdown-it's URL normalisers, remembered: a site links the same URLs on page after page,
# and each call parses and re-encodes the URL in Python (40 us an autolink)
normalized_link = functools.lru_cache(maxsize=1 << 12)(normalize_url.normalizeLink)
normalized_link_text = functools.lru_cache(maxsize=1 << 12)(normalize_url.normalizeLinkText)

#: Deeper trees go to the reference: it stops nesting at 100 levels, the Rust side never does.
MAX_DEPTH = 60

_BLOCKS = frozenset(
    (
        "root",
        "paragraph",
        "blockquote",
        "bullet_list",
        "ordered_list",
        "list_item",
        "table",
        "thead",
        "tbody",
        "trow",
        "definition_list",
        "definition_description",
    )
)
_LEAVES = frozenset(("code_block", "fence", "hr", "definition"))
_SPANS = frozenset(("em", "strong", "strikethrough"))
_TEXTS = frozenset(("text", "text_special"))
_BREAKS = frozenset(("softbreak", "hardbreak"))
#: the nodes of a run of prose: texts and line breaks
_PROSE = _TEXTS | _BREAKS


_MAIL_HINT = re.compile(r"\S@\S")
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]{1,31}:")
# a run of emphasis or strikethrough marks
_MARKS = re.compile(r"\*+|_+|~+")
_MARK_RUNS = {mark: re.compile(re.escape(mark) + "+") for mark in "*_~"}
# a definition's label's end (the first bracket not escaped: a label holds none), its colon
# and the blanks after it, on one line or two
_LABEL_END = re.compile(r"(?<!\\)(?:\\\\)*\]:[ \t]*(?:\n[ \t]*)?")
# what starts a block that ends a table (markdown-it's terminators of a quote: a fence, a quote,
# a rule, a list item, an HTML block, a heading) or may (a setext underline), after the row's
# blanks and quote markers: "`code` | x" is a row to both
_ROW_BLOCK_START = re.compile(
    r"(?:`{3}|~{3}|[-*+](?:[ \t]|$)|[0-9]{1,9}[.)](?:[ \t]|$)|#{1,6}(?:[ \t]|$)|<|=|(?:[-*_][ \t]*){3,}$)"
)
_MEDIA = re.compile(r"<(?:img|source)\b", re.IGNORECASE)
_TILDES = re.compile("~~+")
_MARK_CHAR = re.compile("[*_~]")
# the blanks beyond ASCII in UTF-8 (Python's str.isspace): NEL, no-break space, Ogham space
# mark, medium mathematical space, ideographic space; then U+2000-U+200A, U+2028, U+2029, U+202F
_UTF8_BLANKS = (b"\xc2\x85", b"\xc2\xa0", b"\xe1\x9a\x80", b"\xe2\x81\x9f", b"\xe3\x80\x80")
_UTF8_SPACES = re.compile(rb"\xe2\x80[\x80-\x8a\xa8\xa9\xaf]")
_NESTED_LABEL = re.compile(r"\]\[[^\]]*\[")
# where "[^" or "^[" starts (each, "[^[" holding two)
_CARET_BRACKET = re.compile(r"(?=\[\^|\^\[)")


_PARSER: Any = None


class Unsupported(Exception):
    """The page holds something the two parsers may read differently."""


class CutTab(Unsupported):
    """A tab that the indent of the list item around cuts through, on line ``line``
    (0-based): the Rust side misplaces that line's text (see :meth:`_Builder._no_cut_tab`)."""

    def __init__(self, line: int) -> None:
        super().__init__("a tab the block's indent cuts through")
        self.line = line


class RunUnsupported(Unsupported):
    """One inline run holds something the two may read differently, which the reference
    can read from the run alone (its content and no state of the page's): that run is
    read by the reference's inline parser, the rest of the page by the Rust side."""


class Tok:
    """The parts of a markdown-it-py token that ``read_page`` reads. A page makes a
    hundred or so: what a token does not set is read from the class (``attrs`` and
    ``meta`` read-only there; ``read_page`` writes only into a link's own ``meta``)."""

    tag = ""
    map: list[int] | None = None
    children: list[Tok] | None = None
    markup = ""
    attrs: Mapping[str, str] = MappingProxyType({})
    meta: Mapping[str, Any] = MappingProxyType({})
    # a text's start and end in the body, and whether it is an escape or an entity (the
    # reference's "text_special"), set where bare URLs are linked: see .fastlinkify
    src = -1
    stop = -1
    special = False
    # an ``inline`` token read in one pass (no children: see _Lean): its plain text, its
    # links and images ((kind, destination, pos, text, has_image), in the reference's
    # order; a link's text as its children give it, blanks not yet squashed) and the
    # (pos, end) of those and of its code spans
    plain: str | None = None
    found: Sequence[tuple[str, str, int, str, bool]] = ()
    spans: Sequence[tuple[int, int]] = ()

    def __init__(self, type: str, content: str = "", **given: Any) -> None:
        self.type = type
        self.content = content
        if given:
            self.__dict__.update(given)


class _LeanRun(Tok):
    """An ``inline`` token read in one pass (see ``Tok.plain``)."""

    type = "inline"

    def __init__(
        self,
        content: str,
        map: list[int],
        plain: str,
        found: Sequence[tuple[str, str, int, str, bool]] = (),
        spans: Sequence[tuple[int, int]] = (),
    ) -> None:
        self.content, self.map, self.plain, self.found, self.spans = content, map, plain, found, spans


class _Text(Tok):
    """A text token (most of a page's): made with its content alone."""

    type = "text"

    def __init__(self, content: str) -> None:
        self.content = content


def available() -> bool:
    return _RustMarkdownIt is not None


def tokens(body: str, linkify: str, linkifier: Any = None, reference: Any = None) -> list[Any] | None:
    """The tokens of ``body`` as markdown-it-py would give them, or ``None`` when this
    page must be read by the reference. ``linkifier``: the reference's bare-URL matcher
    (see :mod:`.fastlinkify`); without it a page with a bare URL goes to the reference.
    ``reference``: the reference parser, which then reads the runs the Rust side may read
    differently (see :class:`RunUnsupported`); without it such a run sends the whole page."""
    global _PARSER
    if _RustMarkdownIt is None or may_differ(body):
        return None
    if _PARSER is None:
        _PARSER = _RustMarkdownIt("commonmark").enable_many(["table", "strikethrough", "deflist"])
    try:
        with _panic_messages_muted():
            root = _PARSER.tree(body)
    except Exception:  # noqa: BLE001 - any failure of the Rust side: the reference reads it
        return None
    except BaseException as exc:  # pyo3's PanicException derives from BaseException
        if type(exc).__name__ != "PanicException":
            raise
        return None
    try:
        return _Builder(body, linkify == "gfm", linkifier, reference).build(root)
    except Exception:  # noqa: BLE001 - Unsupported, or a tree this module misread: the reference reads it
        return None


@contextlib.contextmanager
def _panic_messages_muted() -> Iterator[None]:
    """Standard error (the file descriptor) goes nowhere while the Rust side parses: a
    panic is caught and the page read again by the reference, but Rust's panic hook
    would print its message and backtrace first (``[`` then an unclosed backtick
    panics in markdown-it 0.6). ``RUST_BACKTRACE`` is off meanwhile: a backtrace nobody
    sees costs a tenth of a second to make (Rust reads the setting at the first panic)."""
    try:
        saved = os.dup(2)
        quiet = os.open(os.devnull, os.O_WRONLY)
    except OSError:
        yield
        return
    backtrace = os.environ.get("RUST_BACKTRACE")
    try:
        os.dup2(quiet, 2)
        if backtrace is not None:
            os.environ["RUST_BACKTRACE"] = "0"
        yield
    finally:
        if backtrace is not None:
            os.environ["RUST_BACKTRACE"] = backtrace
        os.dup2(saved, 2)
        os.close(saved)
        os.close(quiet)


class _Builder:
    def __init__(self, body: str, linkify: bool, linkifier: Any = None, reference: Any = None) -> None:
        self.body = body
        # the runs the reference reads, read when the whole tree has been walked
        self.referred = Referred(body, reference) if reference is not None else None
        self.around: list[tuple[str, Any]] = []  # the list items, quotes, descriptions around
        self.linkify = linkify
        self.linkifier = linkifier if linkify else None
        # "~~" is strikethrough, which the two pair differently, unless it is in code or
        # HTML, where neither reads inline syntax; "]:" may start a definition, whose title
        # the two end differently, unless it is in code: where code and HTML blocks are
        self.tildes = "~~" in body
        self.strikes: list[tuple[int, int]] = []  # the Rust side's strikethroughs, in order
        # the inline runs holding "~~": start, end, their token's index (None: read by the
        # reference) and the containers around them
        self.tilde_runs: list[tuple[int, int, int | None, tuple[tuple[str, Any], ...]]] = []
        self.definitions = "]:" in body
        self.code: list[tuple[int, int]] = []  # code blocks and fences, in order
        self.fences: list[tuple[int, int]] = []  # fences, in order
        self.verbatim: list[tuple[int, int]] = []  # those and HTML blocks, in order
        self.out: list[Any] = []  # Tok, or the reference's Token of a run it read
        self.root: Any = None
        self.defined: dict[str, set[str]] | None = None  # see destination_defined
        # the text column of each list item around (None in a quote or a definition), when
        # the page has tabs: the lines whose indent a tab may straddle
        self.tabs = "\t" in body
        self.indents: list[int | None] = []
        self.run_end = 0  # where the inline run being read ends
        self.escaped_pipes = "\\|" in body
        # what may be a footnote, unless it is in code or HTML (see _no_footnote)
        self.carets = "^" in body and ("[^" in body or "^[" in body)
        self.code_spans: list[tuple[int, int]] = []  # inline code spans, where there are carets
        self.ascii = body.isascii()
        self.separators = not self.ascii and ("\u2028" in body or "\u2029" in body)
        # blanks Python strips (the reference's block rules) that the Rust side may keep
        self.blanks = "\x0b" in body or "\x0c" in body or "\r" in body
        self.char_starts = [0] + [m.end() for m in re.finditer("\n", body)]
        if self.ascii:
            self.byte_starts = self.char_starts
        else:
            self.raw = body.encode()
            self.byte_starts = [0] + [m.end() for m in re.finditer(b"\n", self.raw)]
            # each line's offset from bytes to characters where it is ASCII (most are), else None
            bytes_, chars = self.byte_starts, self.char_starts
            lines = zip(
                bytes_, bytes_[1:] + [len(self.raw) + 1], chars, chars[1:] + [len(body) + 1], strict=True
            )
            self.shifts = [b - c if b_next - b == c_next - c else None for b, b_next, c, c_next in lines]
            # looked for in the bytes: a search for a character class in a str is ten times slower
            self.blanks = self.blanks or any(blank in self.raw for blank in _UTF8_BLANKS)
            self.blanks = self.blanks or (
                b"\xe2\x80" in self.raw and _UTF8_SPACES.search(self.raw) is not None
            )
        self.odd = self.definitions or self.blanks  # runs to look at with _no_odd_run

    def build(self, root: Any) -> list[Any]:
        self.root = root
        self.block(root, 0, root.name)
        if self.tildes:
            self._strikethrough_as_the_reference()
        if self.carets:
            self._no_footnote()
        if self.escaped_pipes and escaped_pipe_over_dashes(self.body):
            raise Unsupported("an escaped pipe in what may be a table's header")
        lined = "\n" + self.body
        if definition_then_block(lined, self._in_fence):
            raise Unsupported("a setext underline, list or quote below a definition")
        if empty_definition(lined, self._in_fence):
            raise Unsupported("a definition with no text")
        if self.definitions and (
            title_below_definition(self.body, self._in_code) or title_over_lines(self.body, self._in_code)
        ):
            raise Unsupported("a definition's title over lines")
        if self.referred is not None and self.referred.runs:
            self.referred.read()
        return self.out

    def _no_footnote(self) -> None:
        """Every ``[^`` and ``^[`` (what may be a footnote's reference, definition or inline
        footnote) lies in a code block, a fence or an HTML block, or in a code span but
        for a ``[^`` that starts its line (a definition there ends the paragraph, before
        the code span is read): where neither reads inline syntax (regular expressions'
        ``[^a-z]`` in code samples)."""
        body = self.body
        for m in _CARET_BRACKET.finditer(body):
            at = m.start()
            if within(self.verbatim, at, at + 2):
                continue
            if not within(self.code_spans, at, at + 2) or (
                body[at] == "[" and CONTAINER_MARKS.match(body, self.char_starts[self.line(at)]).end() == at
            ):
                raise Unsupported("a footnote")

    def _in_fence(self, at: int) -> bool:
        return within(self.fences, at, at + 2)

    def _in_code(self, at: int) -> bool:
        return within(self.code, at, at + 2)

    def _strikethrough_as_the_reference(self) -> None:
        """Every run of tildes (two or more) lies in a code block, a fence or an HTML block
        (PowerShell's error output underlines with them), or in an inline run whose tildes
        both sides read alike (see :meth:`_strikes_alike`); an inline run whose tildes they
        may read differently is read by the reference (its token replaced), and tildes
        anywhere else send the page to it."""
        body, runs = self.body, self.tilde_runs
        starts = [run[0] for run in runs]
        marks: dict[int, list[re.Match[str]]] = {}
        for m in _TILDES.finditer(body):
            if within(self.verbatim, m.start(), m.end()):
                continue
            i = bisect.bisect_right(starts, m.start()) - 1
            if i < 0 or m.end() > runs[i][1]:
                raise Unsupported("strikethrough")
            marks.setdefault(i, []).append(m)
        for i, found in marks.items():
            start, end, index, around = runs[i]
            if index is None:
                continue  # read by the reference already
            lo, hi = bisect.bisect_left(self.strikes, (start,)), bisect.bisect_left(self.strikes, (end,))
            if not self._strikes_alike(found, self.strikes[lo:hi]):
                if self.referred is None:
                    raise Unsupported("strikethrough")
                self.out[index] = self._reference_token(start, end, around)

    def _strikes_alike(self, marks: Sequence[re.Match[str]], strikes: Sequence[tuple[int, int]]) -> bool:
        """Whether the two read a run's tildes alike: each run of them is two tildes, the
        ends of a strikethrough the Rust side made, the first able only to open and the
        second to close (markdown-it's flanking rules; able to open too, as in
        ``**~~a (b)~~**``, it closes first, on the nearest opener), with no tilde between;
        or two the Rust side left as text, which no strikethrough holds."""
        body, k, closer = self.body, 0, -1
        for m in marks:
            if m.end() - m.start() != 2:
                return False
            if m.start() == closer:
                continue
            if k == len(strikes) or strikes[k][0] != m.start():
                continue  # text to the Rust side (a strikethrough holding it has a tilde inside)
            start, end = strikes[k]
            k += 1
            if not opens_only(body, start) or not closes(body, end - 2) or "~" in body[start + 2 : end - 2]:
                return False
            closer = end - 2
        return k == len(strikes)

    # -- emphasis --------------------------------------------------------------------

    def no_failed_closer(self, children: Sequence[tuple[Any, str]], end: int) -> None:
        """The Rust side bounds its search for a closer's opener by the children's places
        before a match nested some of them: a mark that could close and found no opener,
        then nested in emphasis (ending at ``end``), leaves a bound past the end, and later
        closers of that mark stop short of openers the reference finds
        (``_**[l](u)*_*_****_``). Such a mark is a mark in a text inside emphasis (spans'
        texts included, links' not); it matters where a mark like it may open after the
        emphasis and another close after that (``**about_**, see **about_**`` is read
        alike), or where it may open itself and one may close after the emphasis."""
        body = self.body
        for child, name in children:
            if name != "text":
                continue  # a span's texts are looked at when its own node is met
            start, stop = self.span(child)
            for m in _MARKS.finditer(body, start, stop):
                if may_close(body, m.start(), m.end()) and self._paired_after(m.start(), m.end(), end):
                    raise RunUnsupported("a mark that could close inside emphasis")

    def _paired_after(self, start: int, stop: int, end: int) -> bool:
        """Whether, after ``end`` in the run, a run of the mark at ``start:stop`` may open
        and a later one close, or one may close and that mark may open."""
        body, mark = self.body, self.body[start]
        opened = may_open(body, start, stop)
        for m in _MARK_RUNS[mark].finditer(body, end, self.run_end):
            if opened and may_close(body, m.start(), m.end()):
                return True
            opened = opened or may_open(body, m.start(), m.end())
        return False

    # -- definitions -----------------------------------------------------------------

    def destination_defined(self, url: str) -> str:
        """The destination as written of the one definition whose destination the Rust
        side encodes to ``url`` (a reference link names its definition by label, which is
        not looked up here: two definitions that encode alike, written differently, leave
        it unknown, as does one whose destination is not where it is looked for)."""
        if self.defined is None:
            self.defined = self._definitions()
        written = self.defined.get(url, ())
        if len(written) != 1 or "" in self.defined:
            raise Unsupported("encoded reference destination")
        return next(iter(written))

    def _definitions(self) -> dict[str, set[str]]:
        """Each definition's destination as written, under the URL the Rust side makes of
        it (under "" where one is not found right after its ``]:``)."""
        body = self.body
        found: dict[str, set[str]] = {}
        nodes = [self.root]
        while nodes:
            node = nodes.pop()
            if node.name != "definition":
                nodes.extend(node.children)
                continue
            at = _LABEL_END.search(body, self.span(node)[0])
            parsed = parseLinkDestination(body, at.end(), len(body)) if at else None
            if parsed is None or not parsed.ok or body.startswith(">", at.end()):  # a quote's line
                found[""] = set()
                continue
            found.setdefault(normalized_link(parsed.str), set()).add(parsed.str)
        return found

    # -- offsets ---------------------------------------------------------------------

    def char(self, byte: int) -> int:
        if self.ascii:
            return byte
        li = bisect.bisect_right(self.byte_starts, byte) - 1
        shift = self.shifts[li]
        if shift is not None:
            return byte - shift
        start = self.byte_starts[li]
        return self.char_starts[li] + len(self.raw[start:byte].decode())

    def line(self, char: int) -> int:
        return bisect.bisect_right(self.char_starts, char) - 1

    def inline_span(self, node: Any, name: str) -> tuple[int, int]:
        """An inline node's span (``name``: its name). Emphasis closed by part of a longer
        run of its marks (``*a**``) is placed off by its paragraph's offset on the Rust
        side, but its marks always touch its first and last child: it is read from those."""
        if name not in _SPANS:
            return self.span(node)
        children = node.children
        if not children:
            return self.span(node)
        marks = 1 if name == "em" else 2
        first, last = children[0], children[-1]
        return self.inline_span(first, first.name)[0] - marks, self.inline_span(last, last.name)[1] + marks

    def span(self, node: Any) -> tuple[int, int]:
        where = node.srcmap
        if where is None:
            raise Unsupported(node.name)
        if self.ascii:
            return where  # type: ignore[no-any-return]
        return self.char(where[0]), self.char(where[1])

    # -- blocks ----------------------------------------------------------------------

    def block(self, node: Any, depth: int, name: str) -> None:
        if depth > MAX_DEPTH:
            raise Unsupported("nesting")
        if name in _CONTAINERS_BUT_TABLE:  # most blocks: paragraphs, lists, items
            self.container(node, depth, name)
        elif name in ("heading", "lheading"):
            start = self.span(node)[0]
            self.out.append(Tok("heading_open", tag=f"h{node.meta['level']}", map=[self.line(start)]))
            self.run(_named(node.children), start, depth)
        elif name == "definition_term":
            self.out.append(Tok("dt_open"))
            self.run(_named(node.children), self.span(node)[0], depth)
        elif name == "tcell":
            self.run(_named(node.children), self.span(node)[0], depth)
        elif name == "html_block":
            start, end = self.span(node)
            if self.tabs:
                self._no_cut_tab(start, end)
            self.out.append(Tok("html_block", node.meta["content"], map=[self.line(start)]))
            if self.tildes or self.carets:
                self.verbatim.append((start, end))  # in order: blocks are met top to bottom
        elif name in _BLOCKS:
            if name == "table":
                self._rows_are_rows(node)
                if self.escaped_pipes:
                    self._no_escaped_pipe(node)
                if self.blanks:
                    self._no_unicode_blank(node)
            self.container(node, depth, name)
        elif name not in _LEAVES:
            raise Unsupported(name)
        if name == "definition" and self.referred is not None:
            self.referred.definitions.append(self.span(node))
        if name == "code_block" and self.tabs and self.indents and self.indents[-1] is None:
            self._no_cut_tab(*self.span(node))  # in a quote: a tab may make it a paragraph there
        if name in ("code_block", "fence"):
            span = self.span(node)
            if self.tildes or self.definitions or self.carets:
                self.verbatim.append(span)
                self.code.append(span)
            if name == "fence":
                self.fences.append(span)
                info = node.meta.get("info") or ""
                if "{" in info:  # an attribute list, whose id read_page reads
                    self.out.append(Tok("fence", info=info))

    def container(self, node: Any, depth: int, name: str) -> None:
        around = name in _AROUND
        if around:
            self.around.append((name, node))
            if self.tabs:
                quoted = bool(self.indents) and self.indents[-1] is None
                self.indents.append(
                    self._content_column(node) if name == "list_item" and not quoted else None
                )
        pending: list[tuple[Any, str]] = []
        for child in node.children:
            child_name = child.name
            if child_name in _NOT_INLINE:
                if pending:
                    self.run(pending, 0, depth, (node, child))
                    pending = []
                self.block(child, depth + 1, child_name)
            else:
                pending.append((child, child_name))
        if pending:
            self.run(pending, 0, depth, (node, None))
        if around:
            self.around.pop()
            if self.tabs:
                self.indents.pop()

    def _no_escaped_pipe(self, table: Any) -> None:
        """An escaped pipe in a table (a cell's code or link text, say): the two place what
        follows it differently. (Outside tables both read it as a pipe.) The lines from the
        table's to the next blank one are looked at: the reference may end it elsewhere."""
        if "\\|" in self._table_lines(table):
            raise Unsupported("an escaped pipe in a table")

    def _table_lines(self, table: Any) -> str:
        """A table's lines and those below it to the next blank one (the reference may end
        it elsewhere)."""
        start, end = self.span(table)
        below = self.body.find("\n\n", end)
        return self.body[self.char_starts[self.line(start)] : below if below >= 0 else len(self.body)]

    def _no_unicode_blank(self, table: Any) -> None:
        """A blank other than a space or a tab in a table (a no-break space): the
        reference strips it off a cell or a row (Python's ``strip``), the Rust side keeps
        it, and they part on which lines are rows and which cells are empty."""
        if UNICODE_BLANK.search(self._table_lines(table)):
            raise Unsupported("a Unicode blank in a table")

    def _rows_are_rows(self, node: Any) -> None:
        """The reference ends a table at a line that starts another block (``- x``, ``>``,
        a heading, a fence); the Rust side reads it as one more row."""
        body = self.body
        for part in node.children:
            for row in part.children if part.name == "tbody" else ():
                start = self.char_starts[self.line(self.span(row)[0])]
                end = body.find("\n", start)
                line = body[start : end if end >= 0 else len(body)].lstrip(" \t>")
                if _ROW_BLOCK_START.match(line):
                    raise Unsupported("a table row that may start a block")

    # -- inline runs -----------------------------------------------------------------

    def run(
        self, nodes: Sequence[tuple[Any, str]], start: int, depth: int, within: tuple[Any, Any] | None = None
    ) -> None:
        """One ``inline`` token: the source from the first node to the end of the last
        (``start`` where there is none: an empty heading or table cell). ``within``: the
        container the run is in and the block after it there (None: the run ends the
        container), whose places bound the run where its own nodes' places cannot be
        trusted (a cut tab: see :meth:`_tab_cut_run`)."""
        if nodes:
            start, end = self.inline_span(*nodes[0])[0], self.inline_span(*nodes[-1])[1]
        else:
            end = start
        if self.tabs:
            try:
                self._no_cut_tab(start, end)
            except CutTab as cut:
                self._tab_cut_run(start, cut, within)
                return
        self.run_end = end
        content = self.body[start:end]
        tildes = self.tildes and "~~" in content
        try:
            if self.odd:
                self._no_odd_run(content)
            if "_" in content and underscore_closer_then_opener(content):
                raise RunUnsupported("an underscore that can only close before one that may open")
            line = [self.line(start)]
            if not self._lean(nodes, start, content, depth, line):
                self._inline(nodes, start, end, content, depth, line)
        except (RunUnsupported, fastlinkify.Differs):
            if self.referred is None:
                raise
            # what the run added (they are in order, and the run's are after its start)
            while self.strikes and self.strikes[-1][0] >= start:
                self.strikes.pop()
            while self.code_spans and self.code_spans[-1][0] >= start:
                self.code_spans.pop()
            self._reference_run(start, end)
            return
        if tildes:  # its tildes are looked at once the page is read (its token may be replaced)
            self.tilde_runs.append((start, end, len(self.out) - 1, tuple(self.around)))

    def _no_odd_run(self, content: str) -> None:
        """What only a page with blanks Python strips, or with definitions, may hold."""
        if content and (content[0].isspace() or content[-1].isspace()):
            # a blank the Rust side keeps (U+2028, U+00A0, a form feed): Python's strip,
            # which the reference's block rules call, takes it off
            raise RunUnsupported("a blank at a run's end")
        if self.definitions and "][" in content and _NESTED_LABEL.search(content):
            # a label then a bracketed label holding a bracket ("[d][[d]]"): the reference
            # takes it for a full reference's label (which names no definition), the Rust
            # side the first for a shortcut reference
            raise RunUnsupported("a label followed by a label holding a bracket")
        if self.separators and ("\u2028" in content or "\u2029" in content) and _MARK_CHAR.search(content):
            # whitespace to the Rust side, punctuation to the reference: marks beside one flank differently
            raise RunUnsupported("a line or paragraph separator in a run with emphasis marks")

    def _inline(
        self,
        nodes: Sequence[tuple[Any, str]],
        start: int,
        end: int,
        content: str,
        depth: int,
        line: list[int],
    ) -> None:
        """A run with inline tags or text linkify may link, read into tokens."""
        inline = _Inline(self, start)
        for node, name in nodes:
            inline.node(node, name, depth + 1, False)
        if "[" in content:
            self._no_bracket_before_code(inline, start, end)
        children = inline.out
        looked = inline.free_text + inline.link_text if inline.html_in_link else inline.free_text
        if self.linkify and looked and _linkify_hint("".join(looked)):
            if self.linkifier is None:
                raise Unsupported("linkify")
            for tok, node in inline.texts:
                (tok.src, tok.stop), tok.special = self.span(node), node.name == "text_special"
            run = fastlinkify.Run(self.body, start, end, self.linkifier, normalized_link_text, Tok)
            children = fastlinkify.linkified(children, run)
        self.out.append(Tok("inline", content, map=line, children=children))

    def _tab_cut_run(self, start: int, cut: CutTab, within: tuple[Any, Any] | None) -> None:
        """A run with a line whose indent a tab straddles: the Rust side places that line's
        text too far right, so the run's bounds are taken from the blocks around it (its
        paragraph's, which are right; or the start of the block after it, or the end of
        its list item) and the run is read by the reference. Where the first line of a run
        in a list item may be cut too (its start may be misplaced), or the run has no
        container to bound it, the page goes to the reference."""
        if within is None or self.referred is None:
            raise cut
        container, after = within
        if container.name == "paragraph":  # its place is the block's, which is right
            self._reference_run(*self.span(container))
            return
        # the run's first line is where it starts, or the line above where a cut there
        # pushed its text past the line's end (not above its container's first line)
        first = self.line(start)
        indent = self.indents[-1] if self.indents else None
        lines = range(max(first - 1, self.line(self.span(container)[0])), first + 1)
        if indent is None or any(self._cut(li, indent) for li in lines):
            raise cut
        if after is not None:
            end = self.body.rfind("\n", start, self.span(after)[0])
        else:
            end = self.span(container)[1]
        if end < start:
            raise cut
        self._reference_run(start, end)

    def _reference_run(self, start: int, end: int) -> None:
        """The run from ``start`` to ``end`` read by the reference's inline parser, from
        the content the reference's block rules would give it: its lines after the first
        lose the indent of the list item around (up to its text's column), as
        markdown-it's ``getLines`` takes it (and its ends Python's ``strip``). Over
        lines in a quote or a definition (whose markers and indents are not followed
        here), the page goes to the reference. Its children come once every definition
        has been met (see :mod:`.fastrefer`)."""
        self.out.append(self._reference_token(start, end, self.around))
        if self.tildes and "~~" in self.body[start:end]:
            self.tilde_runs.append((start, end, None, ()))  # its tildes are the reference's

    def _reference_token(self, start: int, end: int, around: Sequence[tuple[str, Any]]) -> Token:
        """:meth:`_reference_run`'s token, the run being in the containers ``around``."""
        assert self.referred is not None
        raw, indent = self.body[start:end], 0
        if "\n" in raw:
            if any(name != "list_item" for name, _ in around):
                raise Unsupported("a run the reference reads, over lines in a container")
            column = self._content_column(around[-1][1]) if around else 0
            if column is None:
                raise Unsupported("a run the reference reads, over lines in a container")
            indent = column
        try:
            return self.referred.token(run_content(raw, indent), self.line(start))
        except NoRunContent as exc:
            raise Unsupported(str(exc)) from None

    def _lean(
        self, nodes: Sequence[tuple[Any, str]], start: int, content: str, depth: int, line: list[int]
    ) -> bool:
        """The run read in one pass (see :class:`_Lean`), unless it holds an inline tag
        or text linkify would look at: then False, and nothing kept of it."""
        if "[" not in content and all(name in _PROSE for _, name in nodes):
            return self._prose(nodes, content, depth, line)
        strikes, code_spans = len(self.strikes), len(self.code_spans)
        lean = _Lean(self, start)
        try:
            for node, name in nodes:
                lean.node(node, name, depth + 1, False)
            read = not (self.linkify and lean.free and _linkify_hint("".join(lean.free)))
        except _NotLean:
            read = False
        if not read:  # read again: what the run added is added again
            del self.strikes[strikes:], self.code_spans[code_spans:]
            return False
        if "[" in content:
            self._no_bracket_before_code(lean, start, start + len(content))
        self.out.append(_LeanRun(content, line, "".join(lean.plain), lean.found, lean.spans))
        return True

    def _prose(self, nodes: Sequence[tuple[Any, str]], content: str, depth: int, line: list[int]) -> bool:
        """:meth:`_lean` of a run of texts and line breaks alone (most runs)."""
        if depth + 1 > MAX_DEPTH:
            raise Unsupported("nesting")
        texts = [node.meta["content"] if name in _TEXTS else None for node, name in nodes]
        if None in texts:  # a line break: a blank in the plain text, a newline where linkify looks
            free = "".join([text if text is not None else "\n" for text in texts])
            plain = "".join([text if text is not None else " " for text in texts])
        else:
            free = plain = "".join(texts)
        if self.linkify and _linkify_hint(free):
            return False
        self.out.append(_LeanRun(content, line, plain))
        return True

    def _no_bracket_before_code(self, inline: _Run, start: int, end: int) -> None:
        """A ``[`` that opens no link: the reference scans on from it for its label's end
        with its rules in a silent mode that leaves what they learnt of backticks and bare
        URLs behind, and then reads code spans and URLs after it differently
        (``[`x``y`\\`z``: no code span on the Rust side, two on the reference's). Such a
        bracket with a backtick or ``://`` before the next ``]`` goes to the reference."""
        body = self.body
        at = body.find("[", start, end)
        while at >= 0:
            if (
                not escaped(body, start, at)
                and at not in inline.brackets
                and not within(inline.code_spans, at, at + 1)
            ):
                close = body.find("]", at, end)
                label = body[at : close if close >= 0 else end]
                if "`" in label or "://" in label:
                    raise RunUnsupported("a bracket that opens no link, before code or a URL")
            at = body.find("[", at + 1, end)

    def _no_cut_tab(self, start: int, end: int) -> None:
        """Where the block's indent ends inside a tab of a line's indent (``\tb`` in an item
        whose text starts at column 2), both keep the tab's columns left of it as spaces,
        and the Rust side then places that line's text as many characters too far right.
        In a quote (or a definition) the columns are not followed here: a tab there at all
        sends the page to the reference. The lines looked at start three characters early:
        a misplaced run may seem to start on the line below its own."""
        body, indent = self.body, self.indents[-1] if self.indents else 0
        if indent == 0:
            return
        for li in range(self.line(max(start - 3, 0)), self.line(end) + 1):
            if indent is None:
                if "\t" in CONTAINER_MARKS.match(body, self.char_starts[li]).group():
                    raise Unsupported("a tab in a quote's indent")
            elif self._cut(li, indent):
                raise CutTab(li)

    def _cut(self, li: int, indent: int) -> bool:
        """Whether a tab in line ``li``'s indent straddles column ``indent``."""
        return indent_walked(self.body, self.char_starts[li], indent)[0] > indent

    def _content_column(self, item: Any) -> int | None:
        """The column where a list item's text starts (markdown-it's rule: the marker's
        column and width, then the blanks after it, or one where there are none or more
        than four); None where the line has a quote's marker before the item's."""
        body = self.body
        marker = self.span(item)[0]
        line_start = self.char_starts[self.line(marker)]
        column = 0
        for ch in body[line_start:marker]:
            if ch == ">":
                return None
            column = column + 4 - column % 4 if ch == "\t" else column + 1
        at = marker + 1
        while at < len(body) and body[at].isdigit():
            at += 1
        if body[marker].isdigit():
            at += 1  # "." or ")"
        initial = offset = column + at - marker
        while at < len(body) and body[at] in " \t":
            offset = offset + 4 - offset % 4 if body[at] == "\t" else offset + 1
            at += 1
        after = offset - initial
        if at >= len(body) or body[at] == "\n" or after > 4:
            after = 1
        return initial + after


def _named(nodes: Sequence[Any]) -> list[tuple[Any, str]]:
    """Each node with its name (read once: each read of a Rust node's attribute makes a
    new Python object)."""
    return [(node, node.name) for node in nodes]


_CONTAINERS_BUT_TABLE = _BLOCKS - {"table"}
#: the containers whose indent or markers their lines carry
_AROUND = frozenset(("list_item", "blockquote", "definition_description"))
_OWN_RUN = frozenset(("heading", "lheading", "html_block", "definition_term", "tcell"))
_NOT_INLINE = _BLOCKS | _LEAVES | _OWN_RUN


def _linkify_hint(text: str) -> bool:
    """Whether ``text`` has what linkify may link: ``://``, ``www.`` in any case, or an
    ``@`` between two non-spaces. Substring tests first: one pattern for the three
    (``://|\\S@\\S|www\\.``, ignoring case) is tried at every character (46 us a page, against 5)."""
    return "://" in text or "www." in text.lower() or ("@" in text and _MAIL_HINT.search(text) is not None)


class _Run:
    """What reading one inline run keeps, however its nodes are given to ``read_page``:
    where each link's and image's ``[`` is and where its code spans are (for
    :meth:`_Builder._no_bracket_before_code`), and how a node's parts are read."""

    def __init__(self, builder: _Builder, start: int) -> None:
        self.b = builder
        self.start = start
        self.brackets: set[int] = set()  # where each link's and image's "[" is
        self.code_spans: list[tuple[int, int]] = []  # in order

    def emphasis(self, node: Any, name: str) -> tuple[list[tuple[Any, str]], str]:
        """An emphasis or strikethrough node's children, and the reference's name for it."""
        children = _named(node.children)
        start, end = self.b.inline_span(node, name)
        self.b.no_failed_closer(children, end)
        if name == "strikethrough":
            self.b.strikes.append((start, end))
            name = "s"  # the reference's token
        return children, name

    def offsets(self, node: Any) -> tuple[int, int]:
        """Where the node starts and ends in the run's content."""
        start, end = self.b.span(node)
        return start - self.start, end - self.start

    def where(self, node: Any) -> dict[str, int]:
        """``pos`` and ``end`` (see :meth:`offsets`), as the reference records them for
        links, code spans and inline tags (mentions skip them)."""
        pos, end = self.offsets(node)
        return {"pos": pos, "end": end}

    def code(self, node: Any) -> str:
        """A code span's text as the reference gives it: one space off each side unless
        it is all spaces (the Rust side strips those too)."""
        start, end = self.b.span(node)
        self.code_spans.append((start, end))
        if self.b.carets:
            self.b.code_spans.append((start, end))  # in order: runs are met top to bottom
        raw = self.b.body[start:end]
        ticks = len(raw) - len(raw.lstrip("`"))
        inner = raw[ticks : len(raw) - ticks]
        if "\n" in inner:
            # the source holds its lines' container markers: the Rust side's text is the
            # reference's (line ends as blanks), but where that is all blanks it strips them
            # (a lazy line in a quote keeps its indent on the reference's side alone)
            texts = node.children
            text = str(texts[0].meta["content"]) if len(texts) == 1 and texts[0].name == "text" else ""
            if not text.strip(" "):
                raise RunUnsupported("multi-line code span")
            quotes = sum(name == "blockquote" for name, _ in self.b.around)
            if quotes and any(quote_depth(ln) < quotes for ln in inner.split("\n")[1:]):
                raise RunUnsupported("multi-line code span over a quote's lazy line")
            return text
        if inner.startswith(" ") and inner.endswith(" ") and inner.strip(" "):
            inner = inner[1:-1]
        return inner

    def link_destination(self, node: Any) -> str:
        start, _ = self.b.span(node)
        self.brackets.add(start)
        return self.destination(node, start + 1)

    def image_parts(self, node: Any) -> tuple[str, str]:
        """An image's label as written and its destination."""
        start, _ = self.b.span(node)
        self.brackets.add(start + 1)
        label_end = self.label_end(node, start + 2)
        label = self.b.body[start + 2 : label_end]
        if "\n" in label:
            raise RunUnsupported("multi-line image label")
        return label, self.destination(node, start + 2)

    def autolink_parts(self, node: Any) -> tuple[str, str]:
        """An autolink's destination and text."""
        start, end = self.b.span(node)
        raw = self.b.body[start + 1 : end - 1]
        return raw if _SCHEME.match(raw) else "mailto:" + raw, normalized_link_text(raw)

    def label_end(self, node: Any, label_start: int) -> int:
        end = self.b.span(node.children[-1])[1] if node.children else label_start
        if self.b.body[end : end + 1] != "]":
            raise Unsupported("label")
        return end

    def destination(self, node: Any, label_start: int) -> str:
        """The destination as written (escapes and entities decoded), as the reference
        keeps it; the Rust side percent-encodes, so an encoded one is read back from the
        source and must encode to the same URL."""
        url = str(node.meta.get("url", ""))
        if "%" not in url and "xn--" not in url.lower():
            return url
        body = self.b.body
        at = self.label_end(node, label_start) + 1
        if body[at : at + 1] != "(":
            return self.b.destination_defined(url)
        at += 1
        while at < len(body) and body[at] in " \t":
            at += 1
        found = parseLinkDestination(body, at, len(body))
        if not found.ok or normalized_link(found.str) != url:
            raise RunUnsupported("encoded destination")
        return found.str


class _Inline(_Run):
    """Flattens inline nodes into markdown-it-py's children list; ``pos`` is the offset of
    each link, image and inline tag in the run's content."""

    def __init__(self, builder: _Builder, start: int) -> None:
        super().__init__(builder, start)
        self.out: list[Tok] = []
        self.free_text: list[str] = []  # text outside links, where linkify would look
        self.link_text: list[str] = []  # text inside links, where it looks after an HTML </a>
        self.html_in_link = False  # an HTML </a> inside a link's text: it ends the link for linkify
        self.texts: list[tuple[Tok, Any]] = []  # where linkify is on: each text and its node

    def node(self, node: Any, name: str, depth: int, in_link: bool) -> None:
        if depth > MAX_DEPTH:
            raise Unsupported("nesting")
        if name in _TEXTS:
            content = node.meta["content"]
            tok = _Text(content)
            self.out.append(tok)
            if self.b.linkifier is not None:
                self.texts.append((tok, node))
            (self.link_text if in_link else self.free_text).append(content)
        elif name in _BREAKS:
            self.out.append(Tok(name))
            if not in_link:
                self.free_text.append("\n")
        elif name == "code_inline":
            self.out.append(Tok("code_inline", self.code(node), meta=self.where(node)))
        elif name in _SPANS:
            children, name = self.emphasis(node, name)
            self.out.append(Tok(name + "_open"))
            for child, child_name in children:
                self.node(child, child_name, depth + 1, in_link)
            self.out.append(Tok(name + "_close"))
        elif name == "link":
            self.link(node, depth)
        elif name == "autolink":
            self.autolink(node)
        elif name == "image":
            label, src = self.image_parts(node)
            self.out.append(Tok("image", label, attrs={"src": src}, meta=self.where(node)))
        elif name == "html_inline":
            content = node.meta["content"]
            if "\n" in content and _MEDIA.search(content):
                raise RunUnsupported("image in a multi-line inline tag")
            self.out.append(Tok("html_inline", content, meta=self.where(node)))
            self.html_in_link |= in_link and "</" in content
        else:
            raise Unsupported(name)

    def link(self, node: Any, depth: int) -> None:
        href = self.link_destination(node)
        self.out.append(Tok("link_open", attrs={"href": href}, meta=self.where(node)))
        for child in node.children:
            self.node(child, child.name, depth + 1, True)
        self.out.append(Tok("link_close"))

    def autolink(self, node: Any) -> None:
        href, text = self.autolink_parts(node)
        self.out.append(Tok("link_open", attrs={"href": href}, markup="autolink", meta=self.where(node)))
        self.out.append(Tok("text", text))
        self.out.append(Tok("link_close", markup="autolink"))


class _NotLean(Exception):
    """The run holds an inline tag: :class:`_Lean` does not read those."""


class _Lean(_Run):
    """Reads a run with no inline tag in one pass, into what ``read_page`` would read
    from its tokens: the plain text, the links and images, the spans mentions skip (most
    of a page's runs: no token is made for them). ``free``: the text linkify would look
    at, for the caller to tell whether it would link any."""

    def __init__(self, builder: _Builder, start: int) -> None:
        super().__init__(builder, start)
        self.plain: list[str] = []
        self.free: list[str] = []
        self.found: list[tuple[str, str, int, str, bool]] = []
        self.spans: list[tuple[int, int]] = []
        self.images = 0  # images met so far (a link holding one says so)

    def node(self, node: Any, name: str, depth: int, in_link: bool) -> None:
        if depth > MAX_DEPTH:
            raise Unsupported("nesting")
        if name in _TEXTS:
            content = node.meta["content"]
            self.plain.append(content)
            if not in_link:
                self.free.append(content)
        elif name in _BREAKS:
            self.plain.append(" ")
            if not in_link:
                self.free.append("\n")
        elif name == "code_inline":
            self.plain.append(self.code(node))
            self.spanned(node)
        elif name in _SPANS:
            for child, child_name in self.emphasis(node, name)[0]:
                self.node(child, child_name, depth + 1, in_link)
        elif name == "link":
            href = self.link_destination(node)
            pos = self.spanned(node)
            first, images = len(self.plain), self.images
            for child in node.children:
                self.node(child, child.name, depth + 1, True)
            self.found.append(("link", href, pos, "".join(self.plain[first:]), self.images > images))
        elif name == "image":
            label, src = self.image_parts(node)
            pos = self.spanned(node)
            self.plain.append(label)
            self.images += 1
            self.found.append(("image", src, pos, label, False))
        elif name == "autolink":
            href, text = self.autolink_parts(node)
            pos = self.spanned(node)
            self.plain.append(text)
            self.found.append(("autolink", href, pos, text, False))
        elif name == "html_inline":
            raise _NotLean
        else:
            raise Unsupported(name)

    def spanned(self, node: Any) -> int:
        """Where the node (a link, image or code span) starts in the run's content, its
        place kept among the spans mentions skip."""
        pos, end = self.offsets(node)
        self.spans.append((pos, end))
        return pos
