"""`stats` output: the metrics as text, JSON, Markdown or CSV; per-page figures as CSV or JSON.

Pure functions of the result types in :mod:`.metrics`. What comes from content (URLs,
paths, titles, anchors) is made inert: control characters become escapes, and a CSV cell
that a spreadsheet would read as a formula starts with an apostrophe.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from typing import Any

from ..report.safe import clean, encodable_tree
from .metrics import VERSION, ClusterMetrics, Distribution, PageMetrics, SiteStats

PAGE_COLUMNS = (
    "url",
    "path",
    "title",
    "clusters",
    "role",
    "inlinks_content",
    "inlinks_block",
    "inlinks_navigation",
    "unique_inlinking_pages",
    "outlinks",
    "depth",
    "pagerank",
    "orphan",
    "unreachable",
)

CLUSTER_COLUMNS = (
    "cluster",
    "hub",
    "pages",
    "hub_pagerank",
    "hub_rank_in_cluster",
    "hub_rank_in_site",
    "orphans",
    "unreachable",
    "not_reached",
    "inbound_median",
    "outbound_median",
    "hub_inbound_anchors",
    "hub_distinct_anchors",
)


def page_dict(m: PageMetrics) -> dict[str, Any]:
    return {
        "url": m.url,
        "path": m.path,
        "title": m.title,
        "clusters": list(m.clusters),
        "role": m.role,
        "inlinks": {
            "content": m.inlinks_content,
            "block": m.inlinks_block,
            "navigation": m.inlinks_navigation,
        },
        "unique_inlinking_pages": m.unique_inlinking_pages,
        "outlinks": m.outlinks,
        "depth": m.depth,
        "pagerank": round(m.pagerank, 6),
        "orphan": m.orphan,
        "unreachable": m.unreachable,
    }


def _distribution(d: Distribution) -> dict[str, float | int]:
    return {"min": d.min, "median": d.median, "mean": d.mean, "max": d.max}


def _histogram(hist: dict[int, int]) -> dict[str, int]:
    return {str(depth): n for depth, n in hist.items()}


def cluster_dict(c: ClusterMetrics) -> dict[str, Any]:
    return {
        "id": c.id,
        "hub": c.hub,
        "hub_path": c.hub_path,
        "pages": c.pages,
        "hub_pagerank": None if c.hub_pagerank is None else round(c.hub_pagerank, 6),
        "hub_rank_in_cluster": c.hub_rank_in_cluster,
        "hub_rank_in_site": c.hub_rank_in_site,
        "orphans": list(c.orphans),
        "unreachable": list(c.unreachable),
        "depth_histogram": _histogram(c.depth_histogram),
        "not_reached": c.not_reached,
        "inbound": _distribution(c.inbound),
        "outbound": _distribution(c.outbound),
        "hub_anchors": {
            "inbound": c.anchors.inbound,
            "distinct": c.anchors.distinct,
            "ratio": c.anchors.ratio,
            "top": [{"anchor": a, "links": n} for a, n in c.anchors.top],
        },
    }


def stats_dict(s: SiteStats) -> dict[str, Any]:
    doc: dict[str, Any] = {
        "version": VERSION,
        "summary": {
            "home": s.home,
            "pages": s.pages,
            "unpublished": s.unpublished,
            "unclustered": s.unclustered,
            "links": s.links,
            "edges": s.edges,
            "orphans": list(s.orphans),
            "unreachable": list(s.unreachable),
            "depth_histogram": _histogram(s.depth_histogram),
            "not_reached": s.not_reached,
        },
        "clusters": [cluster_dict(c) for c in s.clusters],
    }
    if s.velocity is not None:
        doc["velocity"] = [
            {"cluster": v.cluster, "week": v.week, "added": v.added, "removed": v.removed} for v in s.velocity
        ]
    if s.signals is not None:
        doc["signals"] = [{"cluster": x.cluster, **x.values} for x in s.signals]
    if s.notes:
        doc["notes"] = list(s.notes)
    return doc


def render_json(s: SiteStats) -> str:
    return json.dumps(encodable_tree(stats_dict(s)), indent=2, ensure_ascii=False) + "\n"


def _pct(value: float | None) -> str:
    return "-" if value is None else f"{value:.4f}"


def _rank(value: int | None, of: int) -> str:
    return "-" if value is None else f"{value}/{of}"


def _hist_line(hist: dict[int, int], not_reached: int) -> str:
    parts = [f"{d}:{n}" for d, n in hist.items()]
    if not_reached:
        parts.append(f"none:{not_reached}")
    return " ".join(parts) or "-"


def render_text(s: SiteStats) -> str:
    links = ", ".join(f"{k} {v}" for k, v in s.links.items())
    lines = [
        f"pages: {s.pages} published ({s.unpublished} unpublished, {s.unclustered} in no cluster)",
        f"links: {links}",
        f"orphans: {len(s.orphans)}, unreachable: {len(s.unreachable)}",
        f"click depth: {_hist_line(s.depth_histogram, s.not_reached)}",
        "",
    ]
    for c in s.clusters:
        lines += [
            f"cluster {clean(c.id)}: {c.pages} pages, hub {clean(c.hub)}",
            f"  hub PageRank {_pct(c.hub_pagerank)}, rank {_rank(c.hub_rank_in_cluster, c.pages)} in the "
            f"cluster, {_rank(c.hub_rank_in_site, s.pages)} in the site",
            f"  orphans {len(c.orphans)}, unreachable {len(c.unreachable)}, "
            f"click depth {_hist_line(c.depth_histogram, c.not_reached)}",
            f"  inlinking pages min/median/max {c.inbound.min}/{c.inbound.median:g}/{c.inbound.max}, "
            f"outlinks {c.outbound.min}/{c.outbound.median:g}/{c.outbound.max}",
            f"  hub anchors: {c.anchors.distinct} distinct of {c.anchors.inbound}"
            + "".join(f"; {clean(a)!r} x{n}" for a, n in c.anchors.top[:3]),
        ]
        lines += [f"  orphan {clean(u)}" for u in c.orphans]
        lines += [f"  unreachable {clean(u)}" for u in c.unreachable]
    lines += _velocity_text(s)
    return "\n".join(lines) + "\n"


def _velocity_text(s: SiteStats) -> list[str]:
    out: list[str] = []
    if s.velocity is not None:
        out += ["", "link velocity (added/removed per week):"]
        out += [f"  {clean(v.cluster)} {v.week}: +{v.added} -{v.removed}" for v in s.velocity]
        if not s.velocity:
            out.append("  no internal links added or removed")
    out += _signals_text(s)
    out += [f"note: {clean(n)}" for n in s.notes]
    return out


def _value(v: object) -> str:
    return "-" if v is None else str(v)


def _signals_text(s: SiteStats) -> list[str]:
    if s.signals is None:
        return []
    out = ["", "signals per cluster:"]
    for row in s.signals:
        values = ", ".join(f"{k} {_value(v)}" for k, v in row.values.items())
        out.append(f"  {clean(row.cluster)}: {clean(values)}")
    return out


def _md(text: str) -> str:
    return clean(text).replace("|", "\\|").replace("<", "&lt;")


def render_markdown(s: SiteStats) -> str:
    links = ", ".join(f"{k} {v}" for k, v in s.links.items())
    out = [
        "## Link graph",
        "",
        f"**{s.pages}** published pages, {len(s.orphans)} orphans, {len(s.unreachable)} unreachable; "
        f"links: {links}.",
        f"Click depth: {_hist_line(s.depth_histogram, s.not_reached)}.",
        "",
        "| cluster | pages | hub | hub PageRank | rank in cluster | rank in site | orphans | unreachable"
        " | hub anchors (distinct/inbound) |",
        "|---|---:|---|---:|---:|---:|---:|---:|---:|",
    ]
    for c in s.clusters:
        out.append(
            f"| {_md(c.id)} | {c.pages} | `{_md(c.hub)}` | {_pct(c.hub_pagerank)} | "
            f"{_rank(c.hub_rank_in_cluster, c.pages)} | {_rank(c.hub_rank_in_site, s.pages)} | "
            f"{len(c.orphans)} | {len(c.unreachable)} | {c.anchors.distinct}/{c.anchors.inbound} |"
        )
    if s.velocity:
        out += ["", "| cluster | week | added | removed |", "|---|---|---:|---:|"]
        out += [f"| {_md(v.cluster)} | {v.week} | {v.added} | {v.removed} |" for v in s.velocity]
    if s.signals:
        keys = list(s.signals[0].values)
        out += ["", "| cluster | " + " | ".join(keys) + " |", "|---|" + "---:|" * len(keys)]
        out += [
            f"| {_md(x.cluster)} | " + " | ".join(_md(_value(x.values.get(k))) for k in keys) + " |"
            for x in s.signals
        ]
    out += [f"\n> {_md(n)}" for n in s.notes]
    return "\n".join(out) + "\n"


_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: Any) -> Any:
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.6f}"
    if isinstance(value, str):
        text = clean(value)
        return "'" + text if text.startswith(_FORMULA) else text
    return value


def _csv(header: tuple[str, ...], rows: list[list[Any]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows([[_cell(v) for v in row] for row in rows])
    return buffer.getvalue()


def render_csv(s: SiteStats) -> str:
    """One row per cluster."""
    rows = [
        [
            c.id,
            c.hub,
            c.pages,
            c.hub_pagerank,
            c.hub_rank_in_cluster,
            c.hub_rank_in_site,
            len(c.orphans),
            len(c.unreachable),
            c.not_reached,
            c.inbound.median,
            c.outbound.median,
            c.anchors.inbound,
            c.anchors.distinct,
        ]
        for c in s.clusters
    ]
    return _csv(CLUSTER_COLUMNS, rows)


def pages_csv(pages: list[PageMetrics]) -> str:
    rows = []
    for m in pages:
        d = page_dict(m)
        d.update(
            clusters=" ".join(m.clusters),
            inlinks_content=m.inlinks_content,
            inlinks_block=m.inlinks_block,
            inlinks_navigation=m.inlinks_navigation,
            pagerank=m.pagerank,
        )
        rows.append([d[c] for c in PAGE_COLUMNS])
    return _csv(PAGE_COLUMNS, rows)


def pages_json(pages: list[PageMetrics]) -> str:
    doc = {"version": VERSION, "pages": [page_dict(m) for m in pages]}
    return json.dumps(encodable_tree(doc), indent=2, ensure_ascii=False) + "\n"


STATS_FORMATS: dict[str, Callable[[SiteStats], str]] = {
    "text": render_text,
    "json": render_json,
    "markdown": render_markdown,
    "csv": render_csv,
}
PAGES_FORMATS: dict[str, Callable[[list[PageMetrics]], str]] = {"csv": pages_csv, "json": pages_json}
