"""Internal-link suggestions: each a link to add, where, why, and the Markdown to put there.

Four kinds, each answering a finding of `check` (so rule severities, `rules.ignore` and
inline disables apply the same way; a rule set to `off` gives no suggestions):

- ``entity`` (entity-unlinked): link an entity's first unlinked mention to its page;
- ``hub-link`` (hub-missing-link): link a cluster member to its hub;
- ``hub-member`` (hub-coverage): link a hub to each member it misses;
- ``inbound`` (orphan-page, navigation-only-page): link the page from the best
  :data:`SOURCES` pages of its clusters (of the whole site when it is in none).

Where: a mention of an entity whose page is the target (the mention becomes the link),
else the end of the page's first paragraph (a sentence is added), else a new paragraph
before the first managed block or at the end. Links are written as the site writes its
own: a relative path to the Markdown file or the page's URL, whichever most of the site's
content links use, or Hugo's `ref` / Jekyll's `link` tag where those are the most used
(the generator's habit on a tie: URLs where links are relative to the page's URL, Hugo
and Jekyll; file paths elsewhere).
"""

from __future__ import annotations

import posixpath
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from .engine import configure_rules, filter_findings, run_rules
from .findings import Finding
from .site.generators import GENERATORS
from .site.model import Page, Site

if TYPE_CHECKING:
    from .analysis import Analysis

#: how many pages to propose as sources of a link to an orphan or navigation-only page
SOURCES = 3
#: the kinds, in the order their suggestions sort at one position
KINDS = ("entity", "hub-link", "hub-member", "inbound")
RULE_KINDS = {
    "entity-unlinked": "entity",
    "hub-missing-link": "hub-link",
    "hub-coverage": "hub-member",
    "orphan-page": "inbound",
    "navigation-only-page": "inbound",
}

_BLOCK_START = re.compile(
    r"^\s*(#{1,6}(\s|$)|```|~~~|<|\||\{\{|\{%|[-*_]{3,}\s*$|\[\^?[^\]]*\]:|:::|!!!|\?\?\?|===)"
)
_SETEXT = re.compile(r"^ {0,3}(=+|-+)\s*$")
_MDX = re.compile(r"^(import|export)\s")
_FENCE = re.compile(r"^\s*(```|~~~)")
_LIST_ITEM = re.compile(r"^\s*([-*+]|\d+[.)])\s")


@dataclass(frozen=True)
class Suggestion:
    """Put ``snippet`` at ``line``:``column`` of ``path`` in place of ``replace`` (empty: an
    insertion), so that page ``page`` links to ``target``."""

    kind: str
    rule: str
    path: str
    line: int
    column: int
    page: str
    target: str
    replace: str
    snippet: str
    reason: str

    def sort_key(self) -> tuple[str, int, int, int, str]:
        return (self.path, self.line, self.column, KINDS.index(self.kind), self.target)


@dataclass(frozen=True)
class Place:
    """Where a link goes on a page: a mention to replace, or a point to insert at."""

    line: int
    column: int
    replace: str = ""
    #: "before": a paragraph of its own before this place; "after": one after it
    new_paragraph: str = ""


def pagerank(analysis: Analysis) -> dict[str, float]:
    """Internal PageRank of published pages by URL (the graph's, every link kind)."""
    return dict(analysis.graph.pagerank)


def suggestions(analysis: Analysis) -> list[Suggestion]:
    """Every suggestion for the site of ``analysis``, sorted by path, line, column, kind."""
    return _dedupe(_Suggester(analysis).all())


def _findings(analysis: Analysis) -> list[Finding]:
    rules = [r for r in configure_rules(analysis.policy) if r.module.ID in RULE_KINDS]
    found = run_rules(analysis, rules)
    return filter_findings(found, analysis.site, analysis.policy, None)


def _dedupe(found: Iterable[Suggestion]) -> list[Suggestion]:
    """One suggestion per edit (the hub's link to an orphan member answers hub-coverage and
    orphan-page at once): the first kind in :data:`KINDS` keeps it."""
    seen: set[tuple[str, int, int, str]] = set()
    out = []
    for s in sorted(found, key=Suggestion.sort_key):
        key = (s.path, s.line, s.column, s.target)
        if key not in seen:
            seen.add(key)
            out.append(s)
    return out


class _Suggester:
    """The suggestions answering each finding of one analysis."""

    def __init__(self, analysis: Analysis) -> None:
        self.analysis = analysis
        self.site = analysis.site
        self.writer = LinkWriter(analysis.site)
        self.texts = _Texts(analysis)
        self.entity_pages = {e.name: self.site.find(e.page) for e in analysis.policy.policy.entities}

    def all(self) -> Iterator[Suggestion]:
        answer = {
            "entity": self.entity,
            "hub-link": self.hub_link,
            "hub-member": self.hub_members,
            "inbound": self.inbound,
        }
        for finding in _findings(self.analysis):
            page = self.site.by_path.get(finding.path)
            if page is not None and page.parsed is not None:
                yield from answer[RULE_KINDS[finding.rule]](finding, page)

    def entity(self, f: Finding, page: Page) -> Iterator[Suggestion]:
        target = self.site.find(f.target or "")
        mentions = page.parsed.mentions if page.parsed else []
        mention = next((m for m in mentions if (m.line, m.column) == (f.line, f.column)), None)
        if target is None or mention is None:
            return
        reason = f"'{mention.text}' mentions {mention.entity}; its page {target.url} is not linked"
        snippet = self.writer.link(page, target, mention.text)
        yield Suggestion(
            "entity", f.rule, page.path, f.line, f.column, page.url, target.url, mention.text, snippet, reason
        )

    def hub_link(self, f: Finding, page: Page) -> Iterator[Suggestion]:
        hub = self.site.find(f.target or "")
        if hub is not None and hub.published:
            yield self.link(f.rule, "hub-link", page, hub, "Part of", f.message)

    def hub_members(self, f: Finding, hub: Page) -> Iterator[Suggestion]:
        linked = {lk.target_page for lk in hub.links if lk.is_page_link}
        for cluster in self.analysis.clusters.values():
            if cluster.hub is not hub:
                continue
            for member in cluster.published_members:
                if member not in linked:
                    reason = f"hub of '{cluster.id}' does not link to its member {member.url}"
                    yield self.link(f.rule, "hub-member", hub, member, "See also", reason)

    def inbound(self, f: Finding, page: Page) -> Iterator[Suggestion]:
        what = "no published page links to" if f.rule == "orphan-page" else "only navigation links lead to"
        clustered = page.clusters or any(c.hub is page for c in self.analysis.clusters.values())
        where = "its cluster" if clustered else "the site"
        for rank, (source, why) in enumerate(self.best_sources(page), start=1):
            reason = f"{what} {page.url}; best source {rank} of {where} ({why})"
            yield self.link(f.rule, "inbound", source, page, "See also", reason)

    def link(self, rule: str, kind: str, page: Page, target: Page, lead: str, reason: str) -> Suggestion:
        """A link from ``page`` to ``target`` at the best place of ``page``."""
        place = self.place(page, target)
        if place.replace:
            snippet = self.writer.link(page, target, place.replace)
        else:
            sentence = f"{lead} {self.writer.link(page, target, target.title)}."
            snippet = {"before": f"{sentence}\n\n", "after": f"\n\n{sentence}"}.get(
                place.new_paragraph, f" {sentence}"
            )
        return Suggestion(
            kind,
            rule,
            page.path,
            place.line,
            place.column,
            page.url,
            target.url,
            place.replace,
            snippet,
            reason,
        )

    def place(self, page: Page, target: Page) -> Place:
        """A mention of an entity whose page is ``target``, else the end of the first paragraph."""
        assert page.parsed is not None
        for m in page.parsed.mentions:
            if self.entity_pages.get(m.entity) is target:
                return Place(m.line, m.column, m.text)
        return first_paragraph_end(
            self.texts.lines(page.path), page.parsed.front.body_line, page.parsed.blocks
        )

    def entities_of(self, page: Page) -> set[str]:
        """Entities a page mentions, links to the page of, or is the page of."""
        linked = {lk.target_page for lk in page.links if lk.is_page_link} | {page}
        mentioned = {m.entity for m in page.parsed.mentions} if page.parsed else set()
        return mentioned | {name for name, target in self.entity_pages.items() if target in linked}

    def best_sources(self, page: Page) -> list[tuple[Page, str]]:
        """The pages to link ``page`` from: published pages of its clusters (hubs included;
        the whole site when it is in none) that do not link to it in their text yet, by
        entities and tags shared with it (most first), internal PageRank (highest first),
        then repository path; the first :data:`SOURCES`."""
        clusters = [c for c in self.analysis.clusters.values() if page in c.members or c.hub is page]
        pool = {p for c in clusters for p in (c.hub, *c.members)} if clusters else set(self.site.pages)
        rank = pagerank(self.analysis)
        own, tags = self.entities_of(page), set(page.tags)
        scored = []
        for cand in pool:
            if cand is page or not cand.published or not cand.readable or cand.url not in rank:
                continue
            if any(lk.target_page is page for lk in cand.links if lk.is_page_link and lk.raw.block is None):
                continue
            shared = len(own & self.entities_of(cand)) + len(tags & set(cand.tags))
            scored.append((-shared, -rank[cand.url], cand.path, cand))
        scored.sort(key=lambda row: row[:3])
        return [
            (cand, f"{-shared} shared entities and tags, PageRank {-pr:.4f}")
            for shared, pr, _, cand in scored[:SOURCES]
        ]


# -- where a link goes -----------------------------------------------------------------


class _Texts:
    """Page sources, read once."""

    def __init__(self, analysis: Analysis) -> None:
        self.source = analysis.source
        self.cache: dict[str, list[str]] = {}

    def lines(self, path: str) -> list[str]:
        if path not in self.cache:
            try:
                text = self.source.read(path).decode("utf-8-sig", "replace")
            except OSError:
                text = ""
            self.cache[path] = text.split("\n")
        return self.cache[path]


def first_paragraph_end(lines: list[str], body_line: int, blocks: dict[str, tuple[int, int]]) -> Place:
    """The end of the first plain paragraph after the front matter (outside fences, HTML
    comments and managed blocks; not a heading, list, table, quote, HTML, template or
    admonition line); failing that, a new paragraph before the first managed block, or
    one after the last line."""
    skip = {n for start, end in blocks.values() for n in range(start, end + 1)}
    fence = comment = False
    start = None
    for n in range(body_line + 1, len(lines) + 1):
        line = lines[n - 1].rstrip("\r")
        opaque = fence or comment or n in skip or _FENCE.match(line) or "<!--" in line
        if _FENCE.match(line) and not comment:
            fence = not fence
        if "<!--" in line and "-->" not in line.split("<!--", 1)[1]:
            comment = True
        elif comment and "-->" in line:
            comment = False
        if start is None:
            if not opaque and _plain(line):
                start = n
            continue
        if _SETEXT.match(line):  # the "paragraph" was a heading
            start = None
        elif opaque or not line.strip() or _BLOCK_START.match(line) or _LIST_ITEM.match(line):
            return _end_of(lines, n - 1)
    if start is not None:
        last = max(n for n in range(start, len(lines) + 1) if lines[n - 1].strip())
        return _end_of(lines, last)
    first_block = min((s for s, _ in blocks.values()), default=None)
    if first_block is not None:
        return Place(first_block, 1, new_paragraph="before")
    last = max((n for n in range(1, len(lines) + 1) if lines[n - 1].strip()), default=1)
    return Place(last, len(lines[last - 1].rstrip("\r")) + 1, new_paragraph="after")


def _plain(line: str) -> bool:
    """Whether a line starts a plain paragraph."""
    if not line.strip() or line.startswith(("    ", "\t", ">")):
        return False
    return not (_BLOCK_START.match(line) or _LIST_ITEM.match(line) or _MDX.match(line))


def _end_of(lines: list[str], n: int) -> Place:
    line = lines[n - 1].rstrip("\r")
    body = line.rstrip()
    if body.endswith("\\"):  # a hard break: the sentence goes before it
        body = body[:-1].rstrip()
    return Place(n, len(body) + 1)


# -- how links are written ---------------------------------------------------------------


class LinkWriter:
    """Markdown links written as the site writes its own (see the module's docstring)."""

    #: the styles, in the order that breaks a tie between them
    STYLES = ("file", "url", "ref", "link")

    def __init__(self, site: Site) -> None:
        self.extensions = tuple(site.page_extensions) or (".md",)
        counts: Counter[str] = Counter()
        for page in site.published:
            for lk in page.links:
                if lk.is_page_link and lk.raw.kind == "link" and lk.raw.block is None:
                    counts[self._style(lk.raw.dest, lk.raw.shortcode)] += 1
        default = "url" if GENERATORS[site.generator].RELATIVE_TO_URL else "file"
        most = max(counts.values(), default=0)
        tied = [style for style in self.STYLES if counts[style] == most]
        self.style = default if default in tied else tied[0]

    def _style(self, dest: str, shortcode: tuple[str, str] | None) -> str:
        if shortcode is not None:
            kind = shortcode[0].partition("@")[0]
            return {"ref": "ref", "relref": "ref", "link": "link"}.get(kind, "other")
        path = urlsplit(dest).path
        return "file" if path.lower().endswith(self.extensions) else "url"

    def destination(self, page: Page, target: Page) -> str:
        """``target`` as a link destination on ``page``: a relative file path, the URL, or
        (between pages of one content root) Hugo's ``ref`` or Jekyll's ``link`` tag."""
        same_root = page.root == target.root
        if self.style == "ref" and same_root:
            return f'{{{{< ref "/{target.rel}" >}}}}'
        if self.style == "link" and same_root:
            return f"{{% link {target.rel} %}}"
        if self.style == "file":
            dest = posixpath.relpath(target.path, posixpath.dirname(page.path) or ".")
        else:
            dest = target.url
        return f"<{dest}>" if re.search(r"[\s()<>]", dest) else dest

    def link(self, page: Page, target: Page, text: str) -> str:
        label = re.sub(r"([\[\]\\])", r"\\\1", " ".join(text.split()))
        return f"[{label}]({self.destination(page, target)})"
