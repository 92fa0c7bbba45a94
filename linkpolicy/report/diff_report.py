"""Output of `linkpolicy diff`: JSON (versioned), text, and Markdown for a pull-request
comment with a Mermaid picture of the changed part of the graph."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import TYPE_CHECKING

from .markdown import MARKER
from .safe import clean, encodable_tree

if TYPE_CHECKING:
    from ..diff import ApprovalRecord, DiffResult, LinkRecord
    from ..signals.model import ClusterSignals

#: Edges drawn in the Mermaid diagram at most, so a huge change still renders.
MAX_EDGES = 40
MAX_ROWS = 50


def render_json(d: DiffResult) -> str:
    return json.dumps(encodable_tree(d.to_dict()), indent=2, ensure_ascii=False) + "\n"


def _fmt(value: float | int | None) -> str:
    if value is None:
        return "—"
    return f"{value:.4f}" if isinstance(value, float) else str(value)


def _arrow(pair: tuple[float | int | None, float | int | None]) -> str:
    a, b = pair
    return _fmt(a) if a == b else f"{_fmt(a)} → {_fmt(b)}"


def render_text(d: DiffResult) -> str:
    out = [f"linkpolicy diff {d.base}..{d.head}"]
    out += [f"note: {n}" for n in d.notes]
    out.append(
        f"pages: +{len(d.pages_added)} -{len(d.pages_removed)}; links: +{len(d.links_added)} "
        f"-{len(d.links_removed)} ({_per_kind(d)}), {len(d.anchor_changed)} anchors changed; findings: "
        f"{len(d.findings_new)} new, {len(d.findings_fixed)} fixed"
    )
    out += [f"+ page {u}" for u in d.pages_added] + [f"- page {u}" for u in d.pages_removed]
    out += [f"+ {_link_line(r)}" for r in d.links_added]
    out += [f"- {_link_line(r)}" for r in d.links_removed]
    out += [f'~ anchor {a["from"]} -> {a["to"]}: "{a["old"]}" -> "{a["new"]}"' for a in d.anchor_changed]
    for f in d.findings_new:
        out.append(f"new: {f.path}:{f.line}:{f.column}: {f.severity.label}[{f.rule}] {f.message}")
    for f in d.findings_fixed:
        out.append(f"fixed: {f.path}:{f.line}:{f.column}: {f.severity.label}[{f.rule}] {f.message}")
    out += [f"+ approval {_approval_line(a)}" for a in d.approvals_added]
    out += [f"- approval {_approval_line(a)}" for a in d.approvals_removed]
    for c in d.clusters:
        out.append(
            f"cluster {c.id}: pages {_arrow(c.pages)}, hub PageRank {_arrow(c.hub_pagerank)}, "
            f"orphans {_arrow(c.orphans)}"
        )
    out += [f"signals {_signals_line(s)}" for s in d.signals]
    return "\n".join(clean(line) for line in out) + "\n"


def _approval_line(a: ApprovalRecord) -> str:
    until = f" until {a.expires}" if a.expires else ""
    return (
        f"{a.kind} {a.subject} on {', '.join(a.pages)} by {a.approver} ({a.date}{until}): "
        f"{a.reason} ({a.path}:{a.line})"
    )


def _approval_row(a: ApprovalRecord, change: str) -> str:
    cells = [change, f"{a.kind} `{_cell(a.subject)}`", _cell(", ".join(a.pages)), _cell(a.approver)]
    cells += [a.date, a.expires or "—", _cell(a.reason), f"`{_cell(a.path)}:{a.line}`"]
    return "| " + " | ".join(cells) + " |"


def _signals_line(s: ClusterSignals) -> str:
    crawl = s.hub_last_crawl.isoformat() if s.hub_last_crawl else "—"
    return (
        f"cluster {s.id}: crawl hits {s.crawl_hits} ({s.crawled_pages}/{s.pages} pages crawled, "
        f"hub last {crawl}), indexed {s.indexed}, not indexed {s.not_indexed}, clicks {s.clicks}, "
        f"sessions {s.sessions}"
    )


def _per_kind(d: DiffResult) -> str:
    """``content +2 -1, navigation -3``: the kinds that changed."""
    parts = [f"{kind} +{n['added']} -{n['removed']}" for kind, n in d.by_kind().items() if any(n.values())]
    return ", ".join(parts) or "no change"


def _link_line(r: LinkRecord) -> str:
    if r.kind == "navigation":
        return f"navigation {r.source} -> {r.target} ({r.path})"
    return f'{r.kind} link {r.source} -> {r.target} "{r.anchor}" ({r.path}:{r.line})'


def _link_row(r: LinkRecord) -> str:
    where = "templates" if r.kind == "navigation" else f"`{r.path}:{r.line}`"
    return f"| {_cell(r.source)} | {_cell(r.target)} | {r.kind} | {_cell(r.anchor)} | {_cell(where)} |"


def _cell(text: str) -> str:
    return clean(text).replace("|", "\\|")


def mermaid(d: DiffResult, max_edges: int = MAX_EDGES) -> str | None:
    edges = [(r.source, r.target, "added") for r in d.links_added]
    edges += [(r.source, r.target, "removed") for r in d.links_removed]
    edges += [(a["from"], a["to"], "anchor") for a in d.anchor_changed]
    if not edges:
        return None
    shown = edges[:max_edges]
    ids: dict[str, str] = {}

    def node(url: str) -> str:
        if url not in ids:
            ids[url] = f"n{len(ids)}"
        return ids[url]

    lines = ["```mermaid", "flowchart LR"]
    styles = []
    for i, (a, b, kind) in enumerate(shown):
        arrow = {"added": "-->", "removed": "-.->", "anchor": "==>"}[kind]
        lines.append(f"  {node(a)} {arrow}|{kind}| {node(b)}")
        color = {"added": "#2da44e", "removed": "#cf222e", "anchor": "#bf8700"}[kind]
        styles.append(f"  linkStyle {i} stroke:{color}")
    nodes = [f'  {nid}["{clean(url).replace(chr(34), "#quot;")}"]' for url, nid in ids.items()]
    lines[2:2] = nodes
    lines += styles
    if len(edges) > max_edges:
        lines.append(f'  more["… {len(edges) - max_edges} more changes"]')
    lines.append("```")
    return "\n".join(lines)


def render_markdown(d: DiffResult) -> str:
    headline = (
        f"**{len(d.links_added)} links added, {len(d.links_removed)} removed, "
        f"{len(d.anchor_changed)} anchors changed** ({_per_kind(d)}) · pages +{len(d.pages_added)} "
        f"−{len(d.pages_removed)} · findings: {len(d.findings_new)} new, {len(d.findings_fixed)} fixed"
    )
    out = [MARKER, f"## linkpolicy: link graph changes ({d.base} → {d.head})", "", headline, ""]
    out += [f"> {n}" for n in d.notes]
    if d.clusters:
        out += ["| Cluster | Pages | Hub PageRank | Orphans |", "|---|---|---|---|"]
        for c in d.clusters:
            out.append(f"| `{c.id}` | {_arrow(c.pages)} | {_arrow(c.hub_pagerank)} | {_arrow(c.orphans)} |")
        out.append("")
    if d.approvals_added or d.approvals_removed:
        out += [
            "### Approvals changed",
            "",
            "| Change | Approves | Pages | Approver | Date | Expires | Reason | Where |",
            "|---|---|---|---|---|---|---|---|",
            *[_approval_row(a, "added") for a in d.approvals_added],
            *[_approval_row(a, "removed") for a in d.approvals_removed],
            "",
        ]
    if d.signals:
        out += [
            "| Cluster | Crawl hits | Pages crawled | Hub last crawl | Indexed | Not indexed | Clicks "
            "| Sessions |",
            "|---|---|---|---|---|---|---|---|",
        ]
        for s in d.signals:
            crawl = s.hub_last_crawl.isoformat() if s.hub_last_crawl else "—"
            out.append(
                f"| `{s.id}` | {s.crawl_hits} | {s.crawled_pages}/{s.pages} | {crawl} | {s.indexed} | "
                f"{s.not_indexed} | {s.clicks} | {s.sessions} |"
            )
        out.append("")
    picture = mermaid(d)
    if picture:
        out += ["### Changed links", "", picture, ""]

    def table(title: str, rows: list[str], header: str, render_more: Callable[[int], str]) -> None:
        if not rows:
            return
        out.extend(
            [f"<details><summary>{title} ({len(rows)})</summary>", "", header, _sep(header), *rows[:MAX_ROWS]]
        )
        if len(rows) > MAX_ROWS:
            out.append(render_more(len(rows) - MAX_ROWS))
        out.extend(["", "</details>", ""])

    more = lambda n: f"\n…and {n} more; `linkpolicy diff --format json` has them all."  # noqa: E731
    table(
        "Links added",
        [_link_row(r) for r in d.links_added],
        "| From | To | Kind | Anchor | Where |",
        more,
    )
    table(
        "Links removed",
        [_link_row(r) for r in d.links_removed],
        "| From | To | Kind | Anchor | Where |",
        more,
    )
    table(
        "Anchors changed",
        [
            f"| {_cell(a['from'])} | {_cell(a['to'])} | {_cell(a['old'])} | {_cell(a['new'])} |"
            for a in d.anchor_changed
        ],
        "| From | To | Old | New |",
        more,
    )
    finding_rows = lambda fs: [  # noqa: E731
        f"| {f.severity.label} | `{f.rule}` | `{_cell(f.path)}:{f.line}` | {_cell(f.message)} |" for f in fs
    ]
    if d.findings_new:
        out += [
            "### New findings",
            "",
            "| Severity | Rule | Where | Message |",
            "|---|---|---|---|",
            *finding_rows(d.findings_new[:MAX_ROWS]),
            "",
        ]
    table("Fixed findings", finding_rows(d.findings_fixed), "| Severity | Rule | Where | Message |", more)
    changed = d.links_added or d.links_removed or d.anchor_changed or d.findings_new or d.findings_fixed
    if not (changed or d.approvals_added or d.approvals_removed):
        out.append("No link or finding changes.")
    return "\n".join(out).rstrip() + "\n"


def _sep(header: str) -> str:
    return "|" + "---|" * (header.count("|") - 1)
