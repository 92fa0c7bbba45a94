"""A deterministic picture of the cluster graph, laid out without a browser.

Each cluster is a coloured group: its hub in the middle, its other pages on rings around
it, highest PageRank nearest. Pages in no cluster form grey groups by their first URL
segment (``/blog/``; top-level pages in ``/``). Groups sit on a circle, clusters in policy
order, then sections, so links between them cross the middle where they are seen. Node area follows
PageRank. Beyond ``max_pages`` pages the picture shows one node per cluster instead, with
edges as thick as the links between the clusters. Same input, same picture: no randomness,
no iteration to convergence.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from dataclasses import dataclass

from .metrics import PageMetrics, SiteStats

#: colours of the groups (colour-blind-friendly, Okabe-Ito first), pages in no cluster grey
PALETTE = (
    "#0072b2",
    "#e69f00",
    "#009e73",
    "#cc79a7",
    "#7a5195",
    "#d55e00",
    "#56b4e9",
    "#8c6d31",
    "#2f4b7c",
    "#a05195",
    "#3d9970",
    "#b8860b",
)
GREY = "#8a8a8a"
SPACING = 26.0  # distance between neighbouring nodes on a ring
MARGIN = 40.0


@dataclass(frozen=True)
class Group:
    """A cluster, or a URL section of pages in no cluster (its id starts with ``/``)."""

    id: str
    label: str
    color: str
    cx: float
    cy: float
    r: float
    pages: int
    orphans: int

    @property
    def cluster(self) -> bool:
        return not self.id.startswith("/")


@dataclass(frozen=True)
class Node:
    id: str
    label: str
    group: str
    color: str
    x: float
    y: float
    r: float
    hub: bool
    orphan: bool
    unreachable: bool
    pagerank: float
    depth: int | None
    #: a whole cluster (aggregated picture) rather than a page
    cluster: bool = False
    home: bool = False


@dataclass(frozen=True)
class Line:
    source: str
    target: str
    #: SVG path data
    d: str
    color: str
    width: float
    cross: bool
    #: made by the templates only (no link written in either page)
    navigation: bool
    count: int = 1


@dataclass(frozen=True)
class Picture:
    width: float
    height: float
    groups: list[Group]
    nodes: list[Node]
    lines: list[Line]
    aggregated: bool


def _section(url: str, sections: set[str]) -> str:
    first = url.strip("/").split("/", 1)[0]
    return f"/{first}/" if first in sections else "/"


def _groups(stats: SiteStats) -> dict[str, list[PageMetrics]]:
    """Pages per group, clusters in policy order then sections; each group's hub first,
    then by PageRank and URL."""
    # a section is a first URL segment with pages under it; other top-level pages go to "/"
    sections = {p.url.strip("/").split("/", 1)[0] for p in stats.page_metrics if p.url.strip("/").count("/")}
    members: dict[str, list[PageMetrics]] = defaultdict(list)
    for page in stats.page_metrics:
        members[page.clusters[0] if page.clusters else _section(page.url, sections)].append(page)
    order = [c.id for c in stats.clusters] + sorted(g for g in members if g.startswith("/"))
    hubs = {c.id: c.hub for c in stats.clusters}
    out = {}
    for gid in order:
        pages = members.get(gid, [])
        if pages:
            out[gid] = sorted(pages, key=lambda p: (p.url != hubs.get(gid), -p.pagerank, p.url))
    return out


def _rings(count: int) -> list[tuple[float, float]]:
    """Offsets from the group centre for ``count`` pages: the first at the centre, the
    rest on rings of growing radius, each ring as full as spacing allows."""
    offsets = [(0.0, 0.0)]
    ring = 1
    while len(offsets) < count:
        radius = ring * SPACING
        slots = max(6, int(2 * math.pi * radius / SPACING))
        take = min(slots, count - len(offsets))
        for i in range(take):
            angle = 2 * math.pi * i / take + ring * 0.5  # turn each ring a little: no radial spokes
            offsets.append((radius * math.cos(angle), radius * math.sin(angle)))
        ring += 1
    return offsets


def _centres(radii: list[float]) -> tuple[list[tuple[float, float]], float]:
    """Group centres on a circle big enough that neighbours do not overlap; the half size."""
    if len(radii) == 1:
        return [(0.0, 0.0)], radii[0]
    circumference = sum(2 * r + SPACING * 2 for r in radii)
    big = max(circumference / (2 * math.pi), max(radii) + SPACING)
    # each group gets a share of the circle as wide as it is, so the whole circle is used
    shares = [(r + SPACING) * math.pi / sum(r + SPACING for r in radii) for r in radii]
    centres, angle = [], -math.pi / 2
    for i, share in enumerate(shares):
        angle += share if i else 0.0
        centres.append((big * math.cos(angle), big * math.sin(angle)))
        angle += share
    return centres, big + max(radii)


def _node_radius(pagerank: float, top: float, hub: bool) -> float:
    size = 3.0 + 9.0 * math.sqrt(pagerank / top) if top > 0 else 4.0
    return max(size, 9.0) if hub else size


def _color(index: int, gid: str) -> str:
    return GREY if gid.startswith("/") else PALETTE[index % len(PALETTE)]


def _curve(x1: float, y1: float, x2: float, y2: float, bend: float) -> str:
    """A quadratic curve bowing ``bend`` of its length to one side (straight when 0)."""
    if bend == 0:
        return f"M{x1:.1f},{y1:.1f}L{x2:.1f},{y2:.1f}"
    mx, my = (x1 + x2) / 2, (y1 + y2) / 2
    cx, cy = mx - (y2 - y1) * bend, my + (x2 - x1) * bend
    return f"M{x1:.1f},{y1:.1f}Q{cx:.1f},{cy:.1f} {x2:.1f},{y2:.1f}"


def layout(stats: SiteStats, max_pages: int = 400) -> Picture:
    """The picture of ``stats``' graph: every page up to ``max_pages``, else one node per group."""
    groups = _groups(stats)
    if len(stats.page_metrics) > max_pages:
        return _aggregated(stats, groups)
    return _pages(stats, groups)


def _pages(stats: SiteStats, groups: dict[str, list[PageMetrics]]) -> Picture:
    hubs = {c.hub for c in stats.clusters}
    rings = {gid: _rings(len(pages)) for gid, pages in groups.items()}
    radii = [max(math.hypot(x, y) for x, y in rings[gid]) + SPACING for gid in groups]
    out_groups, size = _placed(groups, radii)
    top = max((p.pagerank for p in stats.page_metrics), default=0.0)
    nodes, where = [], {}
    for group, (gid, pages) in zip(out_groups, groups.items(), strict=True):
        for page, (dx, dy) in zip(pages, rings[gid], strict=True):
            node = Node(
                id=page.url,
                label=page.title or page.url,
                group=gid,
                color=group.color,
                x=group.cx + dx,
                y=group.cy + dy,
                r=_node_radius(page.pagerank, top, page.url in hubs),
                hub=page.url in hubs,
                orphan=page.orphan,
                unreachable=page.unreachable,
                pagerank=page.pagerank,
                depth=page.depth,
                home=page.url == stats.home,
            )
            nodes.append(node)
            where[page.url] = node
    lines = []
    for edge in stats.edge_list:
        a, b = where.get(edge.source), where.get(edge.target)
        if a is None or b is None:
            continue
        cross = a.group != b.group
        lines.append(
            Line(
                source=edge.source,
                target=edge.target,
                d=_curve(a.x, a.y, b.x, b.y, 0.12 if cross else 0.0),
                color=a.color if cross else "#9a9a9a",
                width=1.2 if cross else 0.7,
                cross=cross,
                navigation=edge.kinds == ("navigation",),
            )
        )
    return Picture(size, size, out_groups, nodes, lines, aggregated=False)


def _placed(groups: dict[str, list[PageMetrics]], radii: list[float]) -> tuple[list[Group], float]:
    """Each group as a circle of its radius, packed around the centre (its colour, its
    orphans counted), and the picture's width and height."""
    centres, half = _centres(radii)
    shift = half + MARGIN
    placed = [
        Group(
            gid,
            gid,
            _color(i, gid),
            cx + shift,
            cy + shift,
            radii[i],
            len(pages),
            sum(p.orphan for p in pages),
        )
        for i, ((gid, pages), (cx, cy)) in enumerate(zip(groups.items(), centres, strict=True))
    ]
    return placed, 2 * shift


def _aggregated(stats: SiteStats, groups: dict[str, list[PageMetrics]]) -> Picture:
    """One node per group (area by the group's PageRank), one line per pair of groups."""
    total = {gid: sum(p.pagerank for p in pages) for gid, pages in groups.items()}
    top = max(total.values(), default=0.0)
    radii = [12.0 + 48.0 * math.sqrt(total[gid] / top) if top else 20.0 for gid in groups]
    out_groups, size = _placed(groups, radii)
    hubs = {c.id: c.hub for c in stats.clusters}
    nodes, where = [], {}
    for group, (gid, pages) in zip(out_groups, groups.items(), strict=True):
        node = Node(
            id=gid,
            label=f"{gid} ({len(pages)} pages)",
            group=gid,
            color=group.color,
            x=group.cx,
            y=group.cy,
            r=group.r,
            hub=gid in hubs,
            orphan=group.orphans > 0,
            unreachable=any(p.unreachable for p in pages),
            pagerank=total[gid],
            depth=None,
            cluster=True,
        )
        nodes.append(node)
        for page in pages:
            where[page.url] = node
    pairs: Counter[tuple[str, str]] = Counter()
    authored: Counter[tuple[str, str]] = Counter()
    for edge in stats.edge_list:
        a, b = where.get(edge.source), where.get(edge.target)
        if a is not None and b is not None and a is not b:
            pairs[a.id, b.id] += 1
            authored[a.id, b.id] += edge.kinds != ("navigation",)
    lines = []
    by_id = {n.id: n for n in nodes}
    for (ga, gb), count in sorted(pairs.items()):
        a, b = by_id[ga], by_id[gb]
        lines.append(
            Line(
                source=ga,
                target=gb,
                d=_curve(a.x, a.y, b.x, b.y, 0.15),
                color=a.color,
                width=round(0.8 + 1.6 * math.log2(1 + count), 1),
                cross=True,
                navigation=authored[ga, gb] == 0,
                count=count,
            )
        )
    return Picture(size, size, out_groups, nodes, lines, aggregated=True)
