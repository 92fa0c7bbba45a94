"""Bare URLs on the fast parser's tokens, linked as markdown-it-py links them.

The reference links bare URLs twice over: an inline rule, tried at each ``://`` while the
paragraph is parsed, takes a URL whose scheme ends the text read since the last token
(``see https://x.org/a``); a core rule, after parsing, finds the rest (``www.`` names,
e-mail addresses, a scheme the inline rule did not take) in each text token outside links,
scanning the tokens from the end. The Rust parser links nothing, so :func:`linkified` does
the same over its tokens, with the reference's own linkify-it matcher and patterns.

Where the two could part, it raises :class:`Differs` and the page goes to the reference:

- a text whose characters are not the source as written (the inline rule matches the
  source from the scheme on);
- a URL the inline rule would take past the end of the text that holds it into anything
  but more text, escapes and entities (a code span, an emphasis mark, a bracket): the Rust
  side parsed those characters as markup, the reference as part of the URL. Over escapes
  and entities (``files\\#r52`` in a Google Docs export) the link takes them, as the
  reference's does, and the text after it goes on from where the URL ends.

An emphasis mark inside a URL that lies in one text token is one the Rust side left
unpaired: the reference takes it into the URL, and neither pairs the marks around it
differently for it (an opener no closer took changes no pairing; a closer that found no
opener bounds later searches as the reference's does, unless emphasis nests it, which
sends the page to the reference: see ``fastparse``).

A text token of the fast parser carries ``src`` and ``stop`` (where it starts and ends in
the body) and ``special`` (an escape or an entity: the reference's ``text_special``, which
the core rule skips), set where linkify is on.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from markdown_it.common.utils import isLinkClose, isLinkOpen
from markdown_it.rules_core.linkify import HTTP_RE, MAILTO_RE, TEST_MAILTO_RE
from markdown_it.rules_inline.linkify import SCHEME_RE


class Differs(Exception):
    """The reference may link this run's URLs differently."""


class Run:
    """One inline run: its content's place in the body, and the reference's parts:
    ``linkifier``, its matcher (``match``, ``match_at_start``, ``pretest``, ``test`` and
    ``in_template``); ``link_text``, its link-text normaliser; ``make``, the token class."""

    def __init__(
        self,
        body: str,
        start: int,
        end: int,
        linkifier: Any,
        link_text: Callable[[str], str],
        make: Callable[..., Any],
    ) -> None:
        self.body, self.start, self.end = body, start, end
        self.content = body[start:end]
        self.linkifier, self.link_text, self.make = linkifier, link_text, make


def linkified(toks: list[Any], run: Run) -> list[Any]:
    """``toks`` (the tokens of ``run``) with bare URLs linked as markdown-it-py's inline and
    core linkify rules link them (``toks`` itself may be changed)."""
    found = _inline_rule(toks, run)
    if run.linkifier.pretest(run.content):
        _core_rule(found, run)
    return found


def _inline_rule(toks: list[Any], run: Run) -> list[Any]:
    """The tokens with the URLs the inline rule takes linked. Adjacent texts outside links
    are one token, as the reference's texts are once its fragments are joined."""
    out: list[Any] = []
    opened: list[bool] = []  # the links open, and whether each is a Markdown link
    in_link = 0  # Markdown links open
    html = 0  # HTML <a> tags open (with in_link, the reference's linkLevel)
    i, n = 0, len(toks)
    while i < n:
        tok = toks[i]
        if tok.type == "text" and not tok.special:
            j = i + 1
            while not in_link and j < n and toks[j].type == "text" and not toks[j].special:
                j += 1
            text = "".join(t.content for t in toks[i:j]) if j > i + 1 else tok.content
            src = tok.src
            if in_link + html <= 0 and "://" in text:
                split, url_end = _split(text, src, run)
                out.extend(split)
                if url_end > src + len(text):
                    j = _taken(toks, j, src + len(text), url_end, run)
            else:
                out.append(tok if j == i + 1 else run.make("text", text, src=src, special=False))
            i = j
            continue
        if tok.type == "link_open":
            opened.append(not tok.markup)  # a Markdown link (an autolink counts for nothing)
            in_link += opened[-1]
        elif tok.type == "link_close" and opened:
            in_link -= opened.pop()
        elif tok.type == "html_inline":
            html += isLinkOpen(tok.content) - isLinkClose(tok.content)
        out.append(tok)
        i += 1
    return out


def _taken(toks: list[Any], j: int, at: int, url_end: int, run: Run) -> int:
    """Past the tokens from ``j`` on that a URL ending at ``url_end`` took, each starting
    where the last ended (``at`` first): texts, escapes and entities, the last maybe cut
    (in ``toks``: its rest stays). Where the URL ends is what follows."""
    if "[" in run.body[at:url_end] or "]" in run.body[at:url_end]:
        raise Differs("a URL past its text")  # a link's label, to the reference
    while at < url_end:
        tok = toks[j] if j < len(toks) else None
        if tok is None or tok.type != "text" or tok.src != at:
            raise Differs("a URL past its text")
        if tok.stop > url_end:
            if tok.special:
                raise Differs("a URL ending in an escape or an entity")
            rest = tok.content[url_end - tok.src :]
            toks[j] = run.make("text", rest, src=url_end, stop=tok.stop, special=False)
            return j
        at = tok.stop
        j += 1
    return j


def _split(text: str, src: int, run: Run) -> tuple[list[Any], int]:
    """One text token cut where the inline rule links, at each ``://`` whose scheme ends
    the text read since the last cut; and where the last URL ends (past the text, when
    it takes what follows)."""
    body, linkifier, make = run.body, run.linkifier, run.make
    if body[src : src + len(text)] != text:
        raise Differs("a text not as written")
    out: list[Any] = []
    cut = 0
    at = text.find("://")
    while at >= 0:
        m = SCHEME_RE.search(text[cut:at])
        if m and not linkifier.in_template(run.content, src + at - run.start):
            proto = m.group(1)
            start = src + at - len(proto)
            eol = body.find("\n", start)
            end = run.end if eol < 0 else min(eol, run.end)
            match = linkifier.match_at_start(body[start:end])
            if match is not None:
                url = match.url.rstrip("*")
                if at - len(proto) > cut:
                    out.append(make("text", text[cut : at - len(proto)], src=src + cut, special=False))
                pos = start - run.start
                out.append(
                    make(
                        "link_open",
                        attrs={"href": url},
                        markup="linkify",
                        meta={"pos": pos, "end": pos + len(url)},
                    )
                )
                out.append(make("text", run.link_text(url), src=start, special=False))
                out.append(make("link_close", markup="linkify"))
                cut = at - len(proto) + len(url)
                if cut >= len(text):
                    return out, src + cut
                at = text.find("://", cut)
                continue
        at = text.find("://", at + 1)
    if cut < len(text):
        out.append(make("text", text[cut:], src=src + cut, special=False))
    return out, src + len(text)


def _core_rule(toks: list[Any], run: Run) -> None:
    """The core rule, in place: each text token outside links (Markdown and HTML <a>),
    from the last, split where the matcher finds links."""
    linkifier, link_text, make = run.linkifier, run.link_text, run.make
    html_level = 0
    i = len(toks)
    while i >= 1:
        i -= 1
        tok = toks[i]
        if tok.type == "link_close":
            i -= 1
            while toks[i].type != "link_open":
                i -= 1
            continue
        if tok.type == "html_inline":
            if isLinkOpen(tok.content) and html_level > 0:
                html_level -= 1
            if isLinkClose(tok.content):
                html_level += 1
        if html_level > 0 or tok.type != "text" or tok.special or not linkifier.test(tok.content):
            continue
        text = tok.content
        links = linkifier.match(text) or []
        if links and links[0].index == 0 and i > 0 and toks[i - 1].special:
            links = links[1:]
        nodes: list[Any] = []
        last = 0
        for link in links:
            shown = link.text
            if not link.schema:
                shown = HTTP_RE.sub("", link_text("http://" + shown))
            elif link.schema == "mailto:" and TEST_MAILTO_RE.search(shown):
                shown = MAILTO_RE.sub("", link_text("mailto:" + shown))
            else:
                shown = link_text(shown)
            if link.index > last:
                nodes.append(make("text", text[last : link.index], special=False))
            nodes.append(make("link_open", attrs={"href": link.url}, markup="linkify", meta={}))
            nodes.append(make("text", shown, special=False))
            nodes.append(make("link_close", markup="linkify"))
            last = link.last_index
        if not nodes:
            continue
        if last < len(text):
            nodes.append(make("text", text[last:], special=False))
        toks[i : i + 1] = nodes
