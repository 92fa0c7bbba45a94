"""Work out, for every page a block belongs to, what the block should hold."""

from __future__ import annotations

import posixpath
from collections.abc import Iterator
from dataclasses import dataclass, field

from ..content.markdown import ParsedPage
from ..patterns import GlobIndex
from ..policy import Block, LoadedPolicy
from ..site.clusters import Cluster
from ..site.model import Page, Site
from ..source import Source
from . import markers
from .render import render
from .select import Selector


@dataclass
class StaleBlock:
    """A block that differs from what `generate` writes (what `check` reports of it)."""

    path: str  # repository-relative
    name: str
    line: int  # the start marker's line, or 1 when the block is missing
    missing: bool


@dataclass
class BlockChange(StaleBlock):
    """A stale block with the page's bytes before and after `generate` writes it."""

    old: bytes = field(kw_only=True)
    new: bytes = field(kw_only=True)


@dataclass
class Refusal:
    """A page `generate` will not touch: its markers cannot be trusted."""

    path: str
    line: int
    message: str


#: A block's body on one page as `generate` renders it, and whether it links anything
Rendered = tuple[str, str, bool]  # (block name, body, has links)


@dataclass
class Plan:
    #: `BlockChange`s, each with the page's bytes; in a plan made ``lean``, `StaleBlock`s
    changes: list[StaleBlock]
    refused: list[Refusal]
    #: path -> the bodies of the blocks the page should hold, in the policy's order, for
    #: every page the plan read (what a later run re-checks an edited page against)
    bodies: dict[str, list[Rendered]] = field(default_factory=dict)
    #: made without the pages' bytes (for `check`: a big site's stale pages before and
    #: after would take as much room again as the site)
    lean: bool = False


def plan_blocks(
    source: Source, site: Site, policy: LoadedPolicy, clusters: dict[str, Cluster], lean: bool = False
) -> Plan:
    """What every page's blocks should hold, and the blocks that hold something else;
    ``lean``: the stale blocks without the bytes to write (see :class:`Plan`)."""
    plan = Plan([], [], lean=lean)
    for changes in _planned(source, site, policy, clusters, plan, lean):
        plan.changes += changes
    if not lean:
        plan.changes = _merge(plan.changes)  # type: ignore[arg-type]
    return plan


def planned_writes(
    source: Source, site: Site, policy: LoadedPolicy, clusters: dict[str, Cluster], into: Plan
) -> Iterator[list[BlockChange]]:
    """Plan every page's blocks and give each stale page's changes with its bytes as the
    page is planned (every change of a page holds its final bytes); ``into``, a lean plan,
    gets the rest: the bodies, the refusals and the stale blocks without bytes. The
    writers' way through a site: its stale pages before and after are never all held."""
    assert into.lean
    for changes in _planned(source, site, policy, clusters, into, lean=False):
        into.changes += [StaleBlock(c.path, c.name, c.line, c.missing) for c in changes]
        yield _merge(changes)  # type: ignore[arg-type]


def _planned(
    source: Source, site: Site, policy: LoadedPolicy, clusters: dict[str, Cluster], plan: Plan, lean: bool
) -> Iterator[list[StaleBlock]]:
    """Each page's stale blocks (`BlockChange`s unless ``lean``), page by page; ``plan``
    gets every page's bodies and the refusals."""
    blocks = policy.policy.blocks
    if not blocks:
        return
    from ..site.graph import build_graph  # numpy and scipy, for ranking

    rank = build_graph(site, include_blocks=False).pagerank
    templates = {
        b.name: (policy.read_template(posixpath.normpath(b.template)) or b"").decode("utf-8") for b in blocks
    }
    pages_of = GlobIndex((i, b.pages) for i, b in enumerate(blocks))
    selector = Selector(site, policy.policy, clusters, rank)
    for page in site.pages:
        if not page.readable or page.parsed is None or not page.published:
            continue
        matching = [blocks[i] for i in sorted(pages_of.matching(page.rel))]
        if not matching:
            plan.bodies[page.path] = []
            continue
        try:
            old = source.read(page.path)
            decoded = markers.decode(old)
        except (OSError, UnicodeDecodeError):
            continue
        bodies = [
            (block.name, *_body(block, page, selector.select(block, page), policy, templates))
            for block in matching
        ]
        plan.bodies[page.path] = bodies
        inserts = {b.name: b.insert for b in matching}
        try:
            changes = page_changes(page.path, page.parsed, old, decoded, bodies, inserts, lean)
        except markers.Refused as exc:
            plan.refused.append(Refusal(page.path, exc.line, exc.message))
            continue
        if changes:
            yield changes


def page_writes(
    source: Source, site: Site, policy: LoadedPolicy, plan: Plan
) -> Iterator[list[BlockChange] | Refusal]:
    """What writing the stale pages of ``plan`` (lean or not) takes, one page at a time in
    the plan's order: each page's changes with its bytes before and after (every change
    of a page holds its final bytes), or a refusal. A lean plan's pages are read again
    here, one after another, so that a big site's stale pages are never all held; a page
    changed since it was planned is planned again from its bytes as they are now (the
    writer still refuses one that changes before it is replaced)."""
    if not plan.lean:
        by_page: dict[str, list[BlockChange]] = {}
        for change in plan.changes:
            by_page.setdefault(change.path, []).append(change)  # type: ignore[arg-type]
        yield from by_page.values()
        return
    inserts = {b.name: b.insert for b in policy.policy.blocks}
    for path in dict.fromkeys(c.path for c in plan.changes):
        page = site.by_path[path]
        assert page.parsed is not None  # the plan read it
        try:
            old = source.read(path)
            decoded = markers.decode(old)
        except (OSError, UnicodeDecodeError) as exc:
            yield Refusal(path, 1, f"cannot be read again: {exc}")
            continue
        try:
            changes = page_changes(path, page.parsed, old, decoded, plan.bodies[path], inserts)
        except markers.Refused as exc:
            yield Refusal(path, exc.line, exc.message)
            continue
        if changes:
            yield _merge(changes)  # type: ignore[arg-type]


def _body(
    block: Block, page: Page, links: list[Page], policy: LoadedPolicy, templates: dict[str, str]
) -> tuple[str, bool]:
    context = _context(block, page, links)
    return render(templates[block.name], f"{policy.shown_dir}/{block.template}", context), bool(links)


def page_changes(
    path: str,
    parsed: ParsedPage,
    old: bytes,
    decoded: markers.Decoded,
    bodies: list[Rendered],
    inserts: dict[str, str],
    lean: bool = False,
) -> list[StaleBlock]:
    """The changes that writing ``bodies`` (inserted as ``inserts`` says) makes to the page
    at ``path``, read as ``parsed`` from ``old``: all or none, as :class:`markers.Refused`
    leaves the page as it is. `BlockChange`s, or with ``lean`` `StaleBlock`s."""
    body_line = parsed.front.body_line
    text = decoded.text
    changes: list[StaleBlock] = []
    for name, body, has_links in bodies:
        span = markers.scan(text, body_line).blocks.get(name)
        if span is None and not has_links:
            continue  # nothing to insert, and no markers asking for an empty block
        new_text = markers.splice(
            markers.Decoded(text, decoded.bom, decoded.newline),
            name,
            body,
            inserts[name],
            _h1_line(parsed),
            body_line,
        )
        if new_text is None or new_text == text:
            continue
        line = span.start.line if span else 1
        text = new_text
        if lean:
            changes.append(StaleBlock(path, name, line, span is None))
        else:
            changes.append(BlockChange(path, name, line, span is None, old=old, new=decoded.encode(text)))
    return changes


def _context(block: Block, page: Page, links: list[Page]) -> dict[str, object]:
    return {
        "links": [_link(p) for p in links],
        "page": {"url": page.url, "title": page.title, "path": page.path, "clusters": page.clusters},
        "block": {"name": block.name, "select": block.select, "limit": block.limit},
    }


def _merge(changes: list[BlockChange]) -> list[BlockChange]:
    """Several blocks on one page: keep each change, with the file's final bytes."""
    final: dict[str, bytes] = {}
    for c in changes:
        final[c.path] = c.new
    return [BlockChange(c.path, c.name, c.line, c.missing, old=c.old, new=final[c.path]) for c in changes]


def _h1_line(parsed: ParsedPage) -> int | None:
    for h in parsed.headings:
        if h.level == 1:
            return h.line - 1
    return None


def _link(page: Page) -> dict[str, object]:
    return {
        "url": page.url,
        "title": page.title,
        "path": page.path,
        "cluster": page.clusters[0] if page.clusters else None,
    }
