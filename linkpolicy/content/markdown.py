"""Links, anchors and headings of one Markdown page, with 1-based line and column.

markdown-it-py does the parsing; this module only wraps its inline rules to learn
where each link starts, and reads raw HTML with the standard library's HTMLParser.
Links inside code spans and code blocks are never seen, because markdown-it never
makes link tokens there.
"""

from __future__ import annotations

import bisect
import dataclasses
import functools
import inspect
import operator
import os
import re
import sys
import traceback
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any

from linkify_it import LinkifyIt
from markdown_it import MarkdownIt
from markdown_it.rules_inline import StateInline
from markdown_it.token import Token
from mdit_py_plugins.deflist import deflist_plugin
from mdit_py_plugins.footnote import footnote_plugin

from .. import collector
from . import containers, fastparse, managed
from .frontmatter import FrontMatter, parse_front_matter
from .mentions import Mention, MentionFinder
from .slugs import Slugger

# Hugo's ref/relref shortcodes and Jekyll's link/post_url tags contain spaces, which
# CommonMark does not allow in a link destination; each is swapped for a placeholder
# of the same length (and the same line breaks) before parsing, so lines and columns
# stay true. A shortcode is the text from an opener to the first closer after it, with
# no other opener between: found with str.find, each character is looked at a bounded
# number of times, and the patterns below only ever see one shortcode.
_SHORTCODE = re.compile(
    r"""\{\{([<%])-?\s*((?i:ref|relref))\s+(?:path\s*=\s*)?(?:"([^"]*)"|'([^']*)'|([^\s>%"']+))[^}]*[>%]\}\}"""
    r"""|\{%-?\s*(link|post_url)\s+([^\s%]+)\s*-?%\}"""
)
#: One call of a shortcode with one argument (a site's own that makes a URL, see
#: ``url_shortcodes``), its groups as ``_SHORTCODE``'s first five.
_CALL = re.compile(r"""\{\{([<%])-?\s*([\w.-]+)\s+(?:"([^"]*)"|'([^']*)'|([^\s>%"']+))\s*-?[>%]\}\}""")
#: The kind of a placeholder that stands for a call of a shortcode making a URL of the
#: site from its argument (``relURL``, ``absURL``).
URL_CALL = "url"
_OPENERS = {"{{<": ">}}", "{{%": "%}}", "{%": "%}"}
_OPENER = re.compile(r"\{\{[<%]|\{%")
_TEMPLATE_CLOSERS = {"{{<": ">}}", "{{%": "%}}", "{{": "}}", "{%": "%}"}
_TEMPLATE_OPENER = re.compile(r"\{\{[<%]?|\{%")
PLACEHOLDER = re.compile(r"lpsc(\d+)_*")

_DISABLE = re.compile(r"<!--\s*linkpolicy-disable(-next-line)?((?:\s+[\w-]+,?)*)\s*-->")
_HEADING_ATTRS = re.compile(r"\{:?\s*([^{}]*)\}\s*$")
_ATTR_ID = re.compile(r"(?:^|\s)#([^\s{}#]+)|(?:^|\s)id\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s}]+))")
# Brace groups on one line; whether one is an attribute list (holds `#id` or `id=`) is
# decided on its content, so the scan stays linear (each character is read once).
_BRACES = re.compile(r"\{([^{}\n]*)\}")
_ID_KEY = re.compile(r"\bid\s*=")
_TAB = re.compile(r'^\s*===[+!]*\s+"(.*)"\s*$')
_EMOJI = re.compile(r":[\w+-]+:")
_MDX_LINE = re.compile(
    r"^(?:import\s.*(?:\sfrom\s+['\"]|['\"]).*|export\s+(?:const|default|function|let|var)\b.*"
    # a line holding only a JSX component tag: its children are Markdown in MDX
    r"|\s*</?[A-Z][\w.]*(?:\s[^<>]*)?/?>\s*)$"
)


def _pickled_as_a_call(cls: type) -> type:
    """``cls`` (a slotted dataclass) pickled as a call with its fields in order: a slotted
    object pickles as a dict of its slots, read back one attribute at a time, and a parse
    worker sends a site's links to the parent (52-67 us a page to read back, against 16;
    half the time to write)."""
    names = [f.name for f in dataclasses.fields(cls)]
    if len(names) < 2 or not all(f.init for f in dataclasses.fields(cls)):
        raise TypeError(f"{cls.__name__}: every field must be an init field, and there must be two or more")
    fields_of = operator.attrgetter(*names)

    def __reduce__(self: Any) -> tuple[type, tuple[Any, ...]]:
        return cls, fields_of(self)

    cls.__reduce__ = __reduce__  # type: ignore[assignment, method-assign]
    return cls


@_pickled_as_a_call
@dataclass(slots=True)
class RawLink:
    """A link or image as written on the page, before resolution."""

    dest: str
    text: str
    line: int
    column: int
    kind: str = "link"  # link | autolink | html | image | listed (see LISTED)
    #: rel values, sorted, each once (a tuple: the empty one is shared by every link)
    rel: tuple[str, ...] = ()
    has_image: bool = False
    shortcode: tuple[str, str] | None = None  # (ref|relref|link|post_url, argument)
    block: str | None = None  # the managed block this link sits in

    @property
    def is_image(self) -> bool:
        return self.kind == "image"


#: The kind of a link a template writes in the page's content (a Hugo shortcode that lists
#: a section's pages): in the page as the built site shows it (the graph, dead ends, hub
#: links), but no text or choice of its author's, so no link rule reads it.
LISTED = "listed"


@_pickled_as_a_call
@dataclass(slots=True)
class Heading:
    level: int
    text: str
    id: str
    line: int


@dataclass
class ParsedPage:
    front: FrontMatter
    links: list[RawLink] = field(default_factory=list)
    headings: list[Heading] = field(default_factory=list)
    anchors: set[str] = field(default_factory=set)
    #: line -> rule ids disabled on that line (empty set: every rule)
    disabled_lines: dict[int, set[str]] = field(default_factory=dict)
    #: rule ids disabled for the whole file (empty string: every rule)
    disabled_file: set[str] = field(default_factory=set)
    #: managed blocks: name -> (start line, end line), 1-based, markers included
    blocks: dict[str, tuple[int, int]] = field(default_factory=dict)
    #: problems found while reading: (line, column, message)
    problems: list[tuple[int, int, str]] = field(default_factory=list)
    text: str = ""  # the body as plain text, for mentions
    #: the first prose mention of each entity of the parse settings, in page order
    mentions: list[Mention] = field(default_factory=list)
    #: with ``templates_first`` (Jekyll): the page's Liquid tags that may make links when
    #: it is rendered (``for``, ``assign``, ``include``, ``{{ page.x }}``), in page order
    templates: list[str] = field(default_factory=list)
    #: calls of the site's list shortcodes (Hugo): (shortcode, the page it lists from, line,
    #: column), and the tags plugin's listing directives (Material for MkDocs:
    #: ``material/tags``, its options, line, column), and a Jekyll page's own Liquid loops
    #: (its ``for`` tag after the ``assign`` tags before it); the pages each lists are known
    #: once the site is (see ``site.generators.hugo_listings``, ``.mkdocs_tags``, ``.jekyll``)
    listings: list[tuple[str, str, int, int]] = field(default_factory=list)

    @property
    def h1(self) -> str | None:
        return next((h.text for h in self.headings if h.level == 1), None)


def share_strings(page: ParsedPage) -> ParsedPage:
    """``page`` with each link's destination and text, and each heading's text and id,
    kept once per process (as a page read back from the cache has them): a big site
    repeats them on many pages, and a page parsed in a worker arrives with copies of its
    own."""
    intern = sys.intern
    for link in page.links:
        link.dest = intern(link.dest)
        link.text = intern(link.text)
    for heading in page.headings:
        heading.text = intern(heading.text)
        heading.id = intern(heading.id)
    page.anchors = {intern(anchor) for anchor in page.anchors}
    return page


#: Nesting markdown-it follows (its CommonMark preset stops at 20 and drops the rest of the
#: page: a list ten deep is already 21). Deeper still, it stops there; every level is a
#: few Python frames, so this stays well inside the interpreter's recursion limit.
MAX_NESTING = 100


#: How bare URLs in text become links, as the generator's renderer does it:
#: "gfm" — GitHub's autolink literals, goldmark's linkify, remark-gfm (Docusaurus),
#: pymdownx.magiclink: ``www.`` names, explicit schemes (``https://``, ``mailto:``) and
#: e-mail addresses; never a bare name like ``code-of-conduct.md`` or ``languages.de``.
#: "none" — nothing (Python-Markdown without magiclink: MkDocs' default).
LINKIFY_MODES = ("gfm", "none")


class _GfmLinkify(LinkifyIt):
    """linkify-it limited to what GFM links: a name without a scheme only after
    ``www.``, no protocol-relative ``//host``, nothing inside template tags
    (``{{< >}}``, ``{{% %}}``, ``{{ }}``, ``{% %}``)."""

    def __init__(self) -> None:
        super().__init__(options={"fuzzy_ip": False})
        self._spans_of: tuple[str, list[tuple[int, int]]] = ("", [])

    def match(self, text: str) -> list[Any] | None:
        found = super().match(text)
        if not found:
            return found
        keep = [
            m for m in found if _gfm_literal(text, m.index, m.schema) and not self.in_template(text, m.index)
        ]
        return keep or None

    def in_template(self, text: str, pos: int) -> bool:
        """Whether ``pos`` is inside a template tag of ``text`` (a paragraph: the tags of
        the last one asked about are kept, as its URLs are asked about one by one)."""
        if "{" not in text:
            return False
        if self._spans_of[0] is not text:
            self._spans_of = (text, list(template_spans(text)))
        return _inside(self._spans_of[1], pos)


def _gfm_literal(text: str, index: int, schema: str) -> bool:
    # linkify-it gives e-mail addresses the schema "mailto:" and bare names none
    if schema == "//":
        return False
    return bool(schema) or text[index : index + 4].lower() == "www."


def _inside(spans: list[tuple[int, int]], pos: int) -> bool:
    i = bisect.bisect_right(spans, (pos, 1 << 62)) - 1
    return i >= 0 and spans[i][0] <= pos < spans[i][1]


def _make_parser(linkify: str) -> MarkdownIt:
    on = linkify == "gfm"
    md = MarkdownIt("commonmark", {"linkify": on, "maxNesting": MAX_NESTING})
    md.enable(["table", "strikethrough"])
    if on:
        md.linkify = _GfmLinkify()
        md.enable("linkify")
    md.use(footnote_plugin)
    md.use(deflist_plugin)  # Goldmark, Python-Markdown and kramdown all read definition lists
    # Destinations stay exactly as written; resolution decodes them itself.
    md.normalizeLink = lambda url: url  # type: ignore[method-assign]
    md.normalizeLinkText = fastparse.normalized_link_text  # type: ignore[method-assign]
    md.validateLink = lambda url: True  # type: ignore[method-assign]
    spans = ("backticks", "footnote_inline", "footnote_ref")  # recorded so mentions skip them
    for name in ("link", "image", "autolink", "html_inline", "linkify", *spans):
        try:
            original = md.inline.ruler.__rules__[md.inline.ruler.__find__(name)].fn
        except (IndexError, KeyError):
            continue
        wrapped = _linkify_outside_templates(original) if name == "linkify" else original
        md.inline.ruler.at(name, _record_start(wrapped))
    return md


_Rule = Callable[[StateInline, bool], bool]


def _linkify_outside_templates(rule: _Rule) -> _Rule:
    """The inline linkify rule (at ``://``), except inside a template tag."""

    def wrapped(state: StateInline, silent: bool) -> bool:
        if state.md.linkify.in_template(state.src, state.pos):
            return False
        return rule(state, silent)

    return wrapped


def _record_start(rule: _Rule) -> _Rule:
    def wrapped(state: StateInline, silent: bool) -> bool:
        start, count = state.pos, len(state.tokens)
        ok = rule(state, silent)
        if ok and not silent:
            # Pushing a token first flushes pending plain text as a "text" token.
            for tok in state.tokens[count:]:
                if tok.type != "text":
                    if tok.markup == "linkify":  # the rule fires at "://", after the scheme
                        start -= len(str(tok.attrs.get("href", "")).split("://", 1)[0])
                    tok.meta["pos"] = start
                    tok.meta["end"] = state.pos
                    break
        return ok

    return wrapped


_PARSERS: dict[str, MarkdownIt] = {}


def _parser(linkify: str) -> MarkdownIt:
    if linkify not in _PARSERS:
        _PARSERS[linkify] = _make_parser(linkify)
    return _PARSERS[linkify]


class _HtmlReader(HTMLParser):
    """Collects ``<a href>`` links (with their text), images (``<img src>``, ``<source
    src>``, the first URL of a ``srcset``) and ``id``/``name`` anchors."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[tuple[str, tuple[str, ...], int, int, str, bool]] = []
        #: (src, line, column, alt) of each image
        self.images: list[tuple[str, int, int, str]] = []
        self.ids: set[str] = set()
        self._open: list[Any] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k.lower(): (v or "") for k, v in attrs}
        for key in ("id", "name") if tag in ("a", "map", "img", "iframe", "form") else ("id",):
            if a.get(key):
                self.ids.add(a[key])
        if tag in ("img", "source"):
            src = a.get("src", "").strip() or _first_srcset_url(a.get("srcset", ""))
            if src:
                self.images.append((src, *self.getpos(), a.get("alt", "")))
        if tag == "a" and "href" in a:
            line, col = self.getpos()
            rel = tuple(sorted({r for r in re.split(r"[\s,]+", a.get("rel", "").lower()) if r}))
            self._open = [a["href"], rel, line, col, [], False]
        elif tag == "img" and self._open is not None:
            self._open[4].append(a.get("alt", ""))
            self._open[5] = True

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self._open is not None:
            self._finish()

    def handle_data(self, data: str) -> None:
        if self._open is not None:
            self._open[4].append(data)

    def _finish(self) -> None:
        assert self._open is not None
        href, rel, line, col, text, img = self._open
        self.links.append((href, rel, line, col, _squash("".join(text)), img))
        self._open = None

    def close(self) -> None:
        super().close()
        if self._open is not None:
            self._finish()


def _first_srcset_url(srcset: str) -> str:
    """The first URL of a ``srcset`` ("a.png 1x, b.png 2x" -> "a.png")."""
    first = srcset.strip().split(",", 1)[0].split()
    return first[0] if first else ""


def _squash(text: str) -> str:
    return " ".join(text.split())


def _read_html(fragment: str) -> _HtmlReader:
    reader = _HtmlReader()
    try:
        reader.feed(fragment)
        reader.close()
    except Exception:  # noqa: BLE001 - HTMLParser is lenient; never let odd HTML end a run
        pass
    return reader


class _Locator:
    """1-based (line, column) in the file of offsets in one inline token's content.

    Line starts are found once per token and each line's place in the source once, so a
    paragraph with many links costs one pass plus a binary search per link."""

    def __init__(self, token: Token, lines: list[str], offset: int) -> None:
        self.content = token.content
        self.first = token.map[0] if token.map else 0
        self.lines, self.offset = lines, offset
        self.starts: list[int] | None = None
        self.bases: dict[int, int] = {}

    def __call__(self, pos: int) -> tuple[int, int]:
        if self.starts is None:
            self.starts = [0] + [m.end() for m in re.finditer("\n", self.content)]
        li = bisect.bisect_right(self.starts, pos) - 1
        if li not in self.bases:
            self.bases[li] = self._base(li)
        return self.offset + self.first + li + 1, self.bases[li] + pos - self.starts[li] + 1

    def _base(self, li: int) -> int:
        """Where line ``li`` of the content starts in its source line (markdown-it strips
        indentation and container markers such as ``> `` and list bullets)."""
        assert self.starts is not None
        end = self.starts[li + 1] - 1 if li + 1 < len(self.starts) else len(self.content)
        content_line = self.content[self.starts[li] : end]
        index = self.first + li
        src = self.lines[index] if index < len(self.lines) else ""
        base = src.find(content_line) if content_line else -1
        if base < 0 and content_line[:1] == " ":
            # a tab the container's indent cut through: markdown-it puts the columns left of
            # it as spaces before the text, which starts in the source after the tab
            text = content_line.lstrip(" ")
            found = src.find(text) if text else -1
            if found >= 0:
                return found - (len(content_line) - len(text))
        return base if base >= 0 else len(src) - len(src.lstrip())


def _run_text(inline: Token) -> str:
    """An inline token's plain text (given by the fast parser, or read from its children)."""
    plain = getattr(inline, "plain", None)
    return _plain_text(inline.children or []) if plain is None else plain


def _plain_text(tokens: Iterable[Token]) -> str:
    parts: list[str] = []
    for t in tokens:
        if t.type in ("text", "code_inline"):
            parts.append(t.content)
        elif t.type == "image":
            parts.append(t.content)
        elif t.type in ("softbreak", "hardbreak"):
            parts.append(" ")
        elif t.children:
            parts.append(_plain_text(t.children))
    return "".join(parts)


def _disables(text: str, raw_lines: list[str], page: ParsedPage) -> None:
    """Inline disable comments and managed blocks: both name linkpolicy on their line."""
    if "linkpolicy" not in text:
        return
    for i, line in enumerate(raw_lines, start=1):
        if "linkpolicy" not in line:
            continue
        for m in _DISABLE.finditer(line):
            rules = {r for r in re.split(r"[\s,]+", m.group(2)) if r}
            if m.group(1):
                page.disabled_lines.setdefault(i + 1, set()).update(rules or set())
                if not rules:
                    page.disabled_lines[i + 1] = set()
            else:
                page.disabled_file.update(rules or {""})
    markers = managed.scan(text, page.front.body_line)
    page.blocks = {name: (b.start.line, b.end.line) for name, b in markers.blocks.items()}
    page.problems += [(line, 1, message) for line, message in markers.problems]


def _substitute(
    body: str, outputs: bool = False, url_shortcodes: Sequence[str] = ()
) -> tuple[str, list[tuple[str, str]]]:
    """``body`` with each shortcode (and with ``outputs``, each output tag in a link's
    destination; with ``url_shortcodes``, each call of one) swapped for a placeholder, and
    what each placeholder stands for."""
    codes: list[tuple[str, str]] = []
    if "{{" not in body and "{%" not in body:
        return body, codes
    out: list[str] = []
    done = 0
    for start, end in _shortcode_spans(body):
        m = _SHORTCODE.fullmatch(body, start, end)
        if m is None:
            m = _CALL.fullmatch(body, start, end)
            if m is None:
                continue
            if m.group(2) in url_shortcodes:
                out += [body[done:start], _placeholder(m, codes, URL_CALL)]
                done = end
            elif m.group(2) == "param" and "\n" not in body[start:end] and _in_destination(body, start):
                # Hugo's `param` (a page's or the site's parameter) in a link's destination:
                # its spaces would end the destination; it goes back as written, and the
                # generator fills it in from the page's front matter (see Generator.destination)
                holder = _as_written(body[start:end], codes)
                if holder is not None:
                    out += [body[done:start], holder]
                    done = end
            continue
        out += [body[done:start], _placeholder(m, codes)]
        done = end
    out.append(body[done:])
    body = "".join(out)
    return (_outputs_in_destinations(body, codes) if outputs else body), codes


#: A Liquid tag that may make links: a loop, an assignment (of the list a loop goes over),
#: an include (which may hold either, or links), an output of one of the page's values
#: (``{{ page.next.url }}``, which a link may take as its destination)
_LIQUID_TAG = re.compile(r"\{%-?\s*(?:for|assign|include)\s[^%]{0,1000}%\}|\{\{-?\s*page\.[^{}\n]{0,300}\}\}")
#: A template's output tag on one line (``{{ '/x/' | relative_url }}``, ``{{ site.baseurl }}``),
#: bounded so that a line of openers with no closer is read in linear time.
_OUTPUT_TAG = re.compile(r"\{\{(?![<%])[^{}\n]{0,300}\}\}")
#: What precedes a tag that sits in a reference definition's destination.
_DEFINITION_BEFORE = re.compile(r" {0,3}\[[^\]\n]{1,999}\]:[ \t]*<?[^\s<>]*")
#: The kind of a placeholder that stands for an output tag (put back as it was written).
OUTPUT = "output"


def _outputs_in_destinations(body: str, codes: list[tuple[str, str]]) -> str:
    """``body`` with each output tag that sits in a link's destination swapped for a
    placeholder of its length. Jekyll (Liquid) and MkDocs' macros render these tags before
    the Markdown is read, so ``[x]({{ '/docs/x/' | relative_url }})`` is a link on the built
    page; to CommonMark the tag's spaces end the destination, and it is none. The tag goes
    back into the destination as written (the generator fills in what it can)."""
    if "{{" not in body:
        return body
    out: list[str] = []
    done = 0
    for m in _OUTPUT_TAG.finditer(body):
        start, end = m.span()
        if not _in_destination(body, start):
            continue
        holder = _as_written(m.group(0), codes)
        if holder is not None:
            out += [body[done:start], holder]
            done = end
    out.append(body[done:])
    return "".join(out)


def _as_written(tag: str, codes: list[tuple[str, str]]) -> str | None:
    """A placeholder of ``tag``'s length (it is recorded, to go back as written), or None
    where the placeholder would be longer than the tag."""
    holder = f"lpsc{len(codes)}"
    if len(holder) > len(tag):
        return None
    codes.append((OUTPUT, tag))
    return holder + "_" * (len(tag) - len(holder))


def _in_destination(body: str, start: int) -> bool:
    """Whether a tag at ``start`` continues a link's destination: after ``](`` (or ``](<``)
    with nothing but other output tags and characters a destination holds between, or
    after a reference definition's label on its line."""
    line = body.rfind("\n", 0, start) + 1
    before = _OUTPUT_TAG.sub("x", body[max(line, start - 300) : start])
    at = before.rfind("](")
    if at >= 0:
        tail = before[at + 2 :].removeprefix("<")
        if not any(c in tail for c in " \t()<>"):
            return True
    return line >= start - 300 and _DEFINITION_BEFORE.fullmatch(before) is not None


def _shortcode_spans(body: str) -> Iterator[tuple[int, int]]:
    return _spans(body, _OPENER, _OPENERS)


def template_spans(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each template tag in ``text``: Hugo shortcodes ``{{< >}}`` and
    ``{{% %}}``, Go/Jinja/Liquid ``{{ }}`` and ``{% %}``."""
    return _spans(text, _TEMPLATE_OPENER, _TEMPLATE_CLOSERS)


def _spans(body: str, opener_re: re.Pattern[str], closers: dict[str, str]) -> Iterator[tuple[int, int]]:
    """(start, end) of each opener and the first closer after it, with no opener between.
    Linear: the next closer of each kind is searched for once per closer, not per opener."""
    openers = [(m.start(), m.group(0)) for m in opener_re.finditer(body)]
    next_close: dict[str, int] = {}
    for i, (start, opener) in enumerate(openers):
        closer = closers[opener]
        at = next_close.get(closer, -1)
        if at < start + len(opener):
            at = body.find(closer, start + len(opener))
            next_close[closer] = len(body) if at < 0 else at
            at = next_close[closer]
        if at >= len(body):
            continue
        following = openers[i + 1][0] if i + 1 < len(openers) else len(body)
        if at < following:
            yield start, at + len(closer)


def _placeholder(m: re.Match[str], codes: list[tuple[str, str]], as_kind: str | None = None) -> str:
    if as_kind is not None:
        kind, arg = as_kind, m.group(3) or m.group(4) or m.group(5) or ""
    elif m.group(2):
        kind, arg = m.group(2).lower(), m.group(3) or m.group(4) or m.group(5) or ""  # (`relRef`: Hugo's too)
        lang = re.search(r"""\blang\s*=\s*["']?([\w-]+)""", m.group(0))
        if lang:
            kind = f"{kind}@{lang.group(1)}"  # Hugo: the page in another language
    else:
        kind, arg = m.group(6), m.group(7)
    codes.append((kind, arg))
    holder = f"lpsc{len(codes) - 1}"
    source = m.group(0)
    first, newline, rest = source.partition("\n")
    if not newline:
        return holder + "_" * max(0, len(source) - len(holder))
    # Line breaks stay where they are; the lines after the first become spaces, so
    # `[x]({{< ref "a"\n>}})` is still a link and later lines keep their numbers.
    return (
        holder
        + "_" * max(0, len(first) - len(holder))
        + "".join(c if c == "\n" else " " for c in "\n" + rest)
    )


def parse_page(text: str, **settings: Any) -> ParsedPage:
    """Read one page's text (already decoded) into links, headings and anchors.

    Never raises: a page that cannot be read comes back empty with a problem (reported
    as ``invalid-page``), and the rest of the site is checked. ``LINKPOLICY_DEBUG=1``
    prints the traceback."""
    unknown = settings.keys() - _SETTINGS
    if unknown:
        raise TypeError(f"parse_page() got unknown settings: {', '.join(sorted(unknown))}")
    # The reader allocates many small, acyclic objects; the cyclic collector would scan
    # every live object again and again as they pile up, so a page with 400k links read
    # at a third of the rate of one with 1k. Paused for the page, it stays flat.
    with collector.paused():
        try:
            return read_page(text, **settings)
        except Exception as exc:  # noqa: BLE001 - one page must not end the run
            if os.environ.get("LINKPOLICY_DEBUG"):
                traceback.print_exc()
            page = ParsedPage(front=FrontMatter())
            page.problems.append((1, 1, f"this page cannot be read: {type(exc).__name__}: {exc}"[:300]))
            return page


def read_page(
    text: str,
    *,
    slug_style: str = "github",
    linkify: str | bool = "gfm",
    mdx: bool = False,
    anchor_patterns: Iterable[Callable[[str], Iterable[str]]] = (),
    tabbed: tuple[str, bool] | None = None,
    indented_blocks: Sequence[str] = (),
    raw_html: bool = True,
    term_ids: bool = False,
    attributes: bool = True,
    entities: tuple[tuple[str, ...], ...] = (),
    templates_first: bool = False,
    lenient_front_matter: bool = False,
    title_ids: bool = True,
    html: bool = False,
    url_shortcodes: Sequence[str] = (),
) -> ParsedPage:
    """:func:`parse_page` without the safety net (the fuzz targets call this);
    ``attributes``: `{#id}` attribute lists give ids (GitHub ignores them);
    ``templates_first``: output tags are rendered before the Markdown is read (Jekyll), so
    one may make a link's destination;
    ``entities``: each entity's name then its aliases, whose first mentions are recorded;
    ``title_ids``: level-1 headings have ids (Docusaurus' theme drops them: the slug is
    still taken, so a later heading of the same text has ``-1``);
    ``lenient_front_matter``: front matter that cannot be read is none, and the page is read
    as it is (MkDocs), not reported; ``html``: the page is HTML, not Markdown (Hugo's
    ``.html`` content), read for its links, images and ids; ``indented_blocks``: the
    markers of blocks whose body is indented Markdown (see :mod:`.containers`); ``raw_html``:
    the build keeps HTML written in the Markdown (Hugo leaves it out unless the config's
    ``markup.goldmark.renderer.unsafe`` says otherwise: its links and ids are none)."""
    raw_lines = text.split("\n")
    front = parse_front_matter(raw_lines)
    if front.error and lenient_front_matter:
        front = FrontMatter()
    page = ParsedPage(front=front)
    if front.error:
        page.problems.append((front.error_line, front.error_column, front.error))
    offset = front.body_line
    body_lines = raw_lines[offset:]
    if mdx:
        body_lines = ["" if _MDX_LINE.match(ln) else ln for ln in body_lines]
    body, codes = _substitute("\n".join(body_lines), templates_first, url_shortcodes)
    if templates_first and "{%" in body:
        page.templates = _LIQUID_TAG.findall(body)
    lines = body.split("\n")  # where each line's text is found (columns, as written)
    if indented_blocks:
        body = containers.unindented(body, indented_blocks)
    _disables(text, raw_lines, page)

    env: dict[str, Any] = {}
    mode = {True: "gfm", False: "none"}.get(linkify, linkify) if isinstance(linkify, bool) else linkify
    if mode not in LINKIFY_MODES:
        raise ValueError(f"linkify must be one of {', '.join(LINKIFY_MODES)}, not {linkify!r}")
    tokens = _tokens(body, mode, env) if not html else [_whole_html(body, lines)]
    slugger = Slugger(slug_style)
    text_parts: list[str] = []
    mentions = MentionFinder(entities, page.blocks) if entities else None

    # Explicit ids first, so generated ids never collide with them.
    for i, tok in enumerate(tokens):
        if tok.type == "heading_open":
            explicit = _heading_attrs(tokens[i + 1].content)[1] if attributes else None
            if explicit:
                slugger.reserve(explicit)

    for i, tok in enumerate(tokens):
        if tok.type == "heading_open":
            inline = tokens[i + 1]
            title_src, explicit = _heading_attrs(inline.content) if attributes else (inline.content, None)
            # Slugs keep inner whitespace runs (GitHub and kramdown turn each space into "-").
            plain = _run_text(inline).strip()
            if explicit or title_src != inline.content:
                plain = _HEADING_ATTRS.sub("", plain).strip()
            ident = explicit or slugger.slug(plain)
            line = offset + (tok.map[0] if tok.map else 0) + 1
            page.headings.append(Heading(int(tok.tag[1]), _squash(plain), ident, line))
            if title_ids or tok.tag != "h1":
                page.anchors.add(ident)
        elif tok.type == "dt_open" and term_ids:
            # Hugo's autoDefinitionTermID: terms get ids like headings do
            page.anchors.add(slugger.slug(_run_text(tokens[i + 1]).strip()))
        elif tok.type == "inline":
            plain = getattr(tok, "plain", None)
            if plain is None:
                _inline_links(tok, lines, offset, codes, page, raw_html)
            elif tok.found:
                _found_links(tok, lines, offset, codes, page)
            if mentions is not None and not (i and tokens[i - 1].type == "heading_open"):
                spans = functools.partial(_code_and_link_spans if plain is None else _found_spans, tok)
                page.mentions += mentions.scan(tok.content, spans, _Locator(tok, lines, offset))
            text_parts.append(_plain_text(tok.children or []) if plain is None else plain)
            if attributes:
                page.anchors.update(_attr_list_ids(tok.content))
        elif tok.type == "html_block" and (raw_html or html):
            _html_block(tok, lines, offset, codes, page)
        elif tok.type == "fence" and attributes and "{" in tok.info:
            # a fence's attribute list (``` { .sh #example }): the block's id
            page.anchors.update(_attr_list_ids(tok.info))
        elif tok.type in ("footnote_open", "footnote_reference_open"):
            pass

    for label, ident in _footnotes(env):
        for prefix in ("fn:", "fnref:", "fn-", "fnref-", "user-content-fn-", "user-content-fnref-"):
            page.anchors.add(prefix + label)
            page.anchors.add(prefix + str(ident))

    for pattern in anchor_patterns:
        page.anchors.update(pattern(text))
    if tabbed:
        page.anchors.update(_tab_ids(raw_lines, page.headings, *tabbed))

    for link in page.links:
        for name, (start, end) in page.blocks.items():
            if start <= link.line <= end:
                link.block = name
                break
    page.text = "\n".join(text_parts)
    if any(kind == OUTPUT for kind, _ in codes):  # (in code, say): the tags as written
        page.text = _written_outputs(page.text, codes)
    return page


_SETTINGS = frozenset(inspect.signature(read_page).parameters) - {"text"}


def _whole_html(body: str, lines: list[str]) -> Token:
    """An HTML page's body as one HTML block (what :func:`_html_block` reads)."""
    token = Token("html_block", "", 0)
    token.content, token.map = body, [0, len(lines)]
    return token


_A_OPEN = re.compile(r"<a\s", re.I)
_A_CLOSE = re.compile(r"</a\s*>", re.I)


def _code_and_link_spans(inline: Token) -> list[tuple[int, int]]:
    """(start, end) offsets in ``inline.content`` that are no prose: code spans, links and
    their text, images, autolinks, footnote references, raw HTML (``<a>`` to ``</a>``),
    template tags (bare URLs: :mod:`.mentions` skips them)."""
    content = inline.content
    spans: list[tuple[int, int]] = []
    children = inline.children or []
    html_a: int | None = None
    for idx, child in enumerate(children):
        pos = child.meta.get("pos")
        if pos is None:
            continue
        end = child.meta.get("end")
        if end is None:  # linked after inline parsing: the link is its text
            after = children[idx + 1] if idx + 1 < len(children) else None
            end = pos + (len(after.content) if after is not None else 0)
        if child.type == "html_inline":
            if _A_OPEN.match(child.content) and html_a is None:
                html_a = pos
            elif _A_CLOSE.match(child.content) and html_a is not None:
                pos, html_a = html_a, None
        spans.append((pos, end))
    if html_a is not None:
        spans.append((html_a, len(content)))
    if "{" in content:
        spans += template_spans(content)
    return spans


#: ``LINKPOLICY_PARSER=reference`` reads every page with markdown-it-py alone.
PARSER_SETTING = "LINKPOLICY_PARSER"


def _found_spans(inline: Any) -> list[tuple[int, int]]:
    """:func:`_code_and_link_spans` of a run the fast parser read in one pass."""
    spans = list(inline.spans)
    if "{" in inline.content:
        spans += template_spans(inline.content)
    return spans


def _tokens(body: str, mode: str, env: dict[str, Any]) -> list[Any]:
    """markdown-it-pyrs where it is installed and gives what markdown-it-py gives (see
    :mod:`.fastparse`), else markdown-it-py, the reference."""
    if os.environ.get(PARSER_SETTING, "") != "reference":
        reference = _parser(mode)
        fast = fastparse.tokens(body, mode, reference.linkify if mode == "gfm" else None, reference)
        if fast is not None:
            return fast
    return _parser(mode).parse(body, env)


def _tab_ids(lines: list[str], headings: list[Heading], style: str, combine: bool) -> list[str]:
    """Ids of pymdownx.tabbed content tabs (``=== "Title"``) when a slugify is configured:
    the title's slug (icons and emoji shortcodes, rendered as markup, are dropped), joined
    to the id of the heading above with ``-`` under ``combine_header_slug``."""
    slugify = Slugger(style)._slugify
    out = []
    for i, line in enumerate(lines, start=1):
        m = _TAB.match(line)
        if not m:
            continue
        slug = slugify(_EMOJI.sub("", m.group(1)).strip())
        if combine:
            above = [h.id for h in headings if h.line < i]
            if above:
                slug = f"{above[-1]}-{slug}"
        out.append(slug)
    return out


def _footnotes(env: dict[str, Any]) -> list[tuple[str, int]]:
    refs = env.get("footnotes", {}).get("refs", {})
    return [(label.lstrip(":"), n + 1) for label, n in refs.items() if isinstance(n, int)]


def _heading_attrs(content: str) -> tuple[str, str | None]:
    """Split ``Title {#id .class}`` into the title and its explicit id (if any)."""
    m = _HEADING_ATTRS.search(content)
    if not m:
        return content, None
    ids = _ids_in_attrs(m.group(1))
    if not ids and not re.search(r"(^|\s)[.#]|=", m.group(1)):
        return content, None  # braces that are not an attribute list
    return content[: m.start()].rstrip(), (ids[0] if ids else None)


def _attr_list_ids(content: str) -> list[str]:
    """Ids of the attribute lists (``{#id}``, ``{: id="x"}``) in a paragraph's text."""
    out: list[str] = []
    if "{" not in content:
        return out
    for m in _BRACES.finditer(content):
        inner = m.group(1)
        if "#" in inner or _ID_KEY.search(inner):
            out.extend(_ids_in_attrs(inner.lstrip(":")))
    return out


def _ids_in_attrs(attrs: str) -> list[str]:
    out = []
    for m in _ATTR_ID.finditer(attrs):
        ident = m.group(1) or m.group(2) or m.group(3) or m.group(4)
        if ident:
            out.append(ident)
    return out


def _written_outputs(text: str, codes: list[tuple[str, str]]) -> str:
    """``text`` with the placeholders of output tags put back as written (of the same
    length: offsets stay)."""

    def written(found: re.Match[str]) -> str:
        n = int(found.group(1))
        return codes[n][1] if n < len(codes) and codes[n][0] == OUTPUT else found.group(0)

    return PLACEHOLDER.sub(written, text)


def _shortcode(dest: str, codes: list[tuple[str, str]]) -> tuple[str, tuple[str, str] | None]:
    if not codes:  # a page with no template tags has no placeholders
        return dest, None
    m = PLACEHOLDER.match(dest)
    if m and int(m.group(1)) < len(codes) and codes[int(m.group(1))][0] != OUTPUT:
        kind, arg = codes[int(m.group(1))]
        return arg + dest[m.end() :], (kind, arg + dest[m.end() :])
    if "lpsc" in dest:  # output tags, anywhere in it, as written
        dest = _written_outputs(dest, codes)
    return dest, None


def _inline_links(
    inline: Token,
    lines: list[str],
    offset: int,
    codes: list[tuple[str, str]],
    page: ParsedPage,
    raw_html: bool = True,
) -> None:
    children = inline.children or []
    locate = _Locator(inline, lines, offset)
    cursor = 0
    stack: list[tuple[RawLink, int]] = []
    html_open: list[Any] | None = None
    for idx, child in enumerate(children):
        ctype = child.type
        if ctype == "text" and html_open is None:
            continue  # most children: text outside any link being read from HTML
        if ctype == "link_open":
            href = str(child.attrs.get("href", ""))
            dest, sc = _shortcode(href, codes)
            pos = child.meta.get("pos")
            if pos is None and child.markup == "linkify" and idx + 1 < len(children):
                # linked after inline parsing (www. names, e-mail addresses): find its text
                found = inline.content.find(children[idx + 1].content, cursor)
                pos = child.meta["pos"] = max(found, 0)
            cursor = (cursor if pos is None else pos) + 1
            line, col = locate(pos or 0)
            kind = "autolink" if child.markup in ("autolink", "linkify") else "link"
            link = RawLink(dest=dest, text="", line=line, column=col, kind=kind, shortcode=sc)
            stack.append((link, idx))
        elif ctype == "link_close" and stack:
            link, start = stack.pop()
            if idx == start + 2 and children[start + 1].type == "text":  # the usual: text alone
                link.text = _squash(children[start + 1].content)
            else:
                inner = children[start + 1 : idx]
                link.text = _squash(_plain_text(inner))
                link.has_image = any(t.type == "image" for t in inner)
            page.links.append(link)
        elif ctype == "image":
            src = str(child.attrs.get("src", ""))
            dest, sc = _shortcode(src, codes)
            line, col = locate(child.meta.get("pos", 0))
            page.links.append(
                RawLink(dest=dest, text=child.content, line=line, column=col, kind="image", shortcode=sc)
            )
        elif ctype == "html_inline" and raw_html:
            html_open = _html_inline(child, locate, codes, page, html_open)
        elif html_open is not None and ctype in ("text", "code_inline", "image"):
            html_open[2].append(child.content)
            if ctype == "image":
                html_open[3] = True
    if html_open is not None:
        _close_html_link(html_open, page)


def _found_links(
    inline: Any, lines: list[str], offset: int, codes: list[tuple[str, str]], page: ParsedPage
) -> None:
    """:func:`_inline_links` of a run the fast parser read in one pass (links, autolinks
    and images: it reads no run with inline tags)."""
    locate = _Locator(inline, lines, offset)
    for kind, href, pos, text, has_image in inline.found:
        dest, sc = _shortcode(href, codes)
        line, col = locate(pos)
        if kind != "image":
            text = _squash(text)
        page.links.append(RawLink(dest, text, line, col, kind, has_image=has_image, shortcode=sc))


def _html_inline(
    child: Token,
    locate: _Locator,
    codes: list[tuple[str, str]],
    page: ParsedPage,
    html_open: list[Any] | None,
) -> list[Any] | None:
    tag = child.content
    reader = _read_html(tag)
    page.anchors.update(reader.ids)
    for src, _, col, alt in reader.images:
        dest, sc = _shortcode(src, codes)
        line, column = locate(child.meta.get("pos", 0) + col)
        page.links.append(RawLink(dest=dest, text=alt, line=line, column=column, kind="image", shortcode=sc))
    if re.match(r"</a\s*>", tag, re.I):
        if html_open is not None:
            _close_html_link(html_open, page)
        return None
    if reader.links:
        if html_open is not None:
            _close_html_link(html_open, page)
        href, rel, _, _, _, _ = reader.links[0]
        dest, sc = _shortcode(href, codes)
        line, col = locate(child.meta.get("pos", 0))
        link = RawLink(dest=dest, text="", line=line, column=col, kind="html", rel=rel, shortcode=sc)
        return [link, None, [], False]
    if html_open is not None and re.match(r"<img\b", tag, re.I):
        alt = re.search(r"""\balt\s*=\s*(?:"([^"]*)"|'([^']*)')""", tag)
        if alt:
            html_open[2].append(alt.group(1) or alt.group(2) or "")
        html_open[3] = True
    return html_open


def _close_html_link(state: list[Any], page: ParsedPage) -> None:
    link: RawLink = state[0]
    link.text = _squash("".join(state[2]))
    link.has_image = bool(state[3])
    page.links.append(link)


def _html_block(
    tok: Token, lines: list[str], offset: int, codes: list[tuple[str, str]], page: ParsedPage
) -> None:
    reader = _read_html(tok.content)
    page.anchors.update(reader.ids)
    start = tok.map[0] if tok.map else 0
    content_lines = tok.content.split("\n")
    bases: dict[int, int] = {}

    def where(line: int, col: int) -> tuple[int, int]:
        """File line and column of the reader's (line, col), one search per line."""
        if line not in bases:
            src_index = start + line - 1
            src = lines[src_index] if src_index < len(lines) else ""
            content_line = content_lines[line - 1] if line - 1 < len(content_lines) else ""
            bases[line] = max(0, src.find(content_line)) if content_line else 0
        return offset + start + line, bases[line] + col + 1

    found: list[RawLink] = []
    for href, rel, line, col, text, img in reader.links:
        dest, sc = _shortcode(href, codes)
        at, column = where(line, col)
        found.append(RawLink(dest, text, at, column, "html", rel, has_image=img, shortcode=sc))
    for src, line, col, alt in reader.images:
        dest, sc = _shortcode(src, codes)
        at, column = where(line, col)
        found.append(RawLink(dest, alt, at, column, "image", shortcode=sc))
    page.links.extend(sorted(found, key=lambda link: (link.line, link.column)))
