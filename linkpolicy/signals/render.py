"""`linkpolicy signals` output: text (tables), JSON (versioned), CSV (one row a cluster,
or a page with ``--pages``)."""

from __future__ import annotations

import csv
import io
import json

from ..report.safe import clean
from .impact import SMALL, ImpactResult
from .model import SignalsResult

CLUSTER_COLUMNS = (
    "id",
    "hub",
    "pages",
    "crawled_pages",
    "crawl_hits",
    "hub_last_crawl",
    "hub_indexed",
    "indexed",
    "not_indexed",
    "clicks",
    "impressions",
    "sessions",
    "conversions",
)
PAGE_COLUMNS = (
    "url",
    "path",
    "clusters",
    "depth",
    "inbound",
    "requests",
    "crawl_hits",
    "last_crawl",
    "indexed",
    "index_reason",
    "clicks",
    "impressions",
    "ctr",
    "position",
    "sessions",
    "engaged_sessions",
    "conversions",
)


def render_json(result: SignalsResult, pages: bool = False) -> str:
    return json.dumps(result.to_dict(pages=pages), indent=2, ensure_ascii=False) + "\n"


def render_csv(result: SignalsResult, pages: bool = False) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    columns = PAGE_COLUMNS if pages else CLUSTER_COLUMNS
    writer.writerow(columns)
    rows = [p.to_dict() for p in result.pages] if pages else [c.to_dict() for c in result.clusters]
    for row in rows:
        writer.writerow([_cell(row[c]) for c in columns])
    return out.getvalue()


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return " ".join(str(v) for v in value)
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _table(header: tuple[str, ...], rows: list[list[str]]) -> list[str]:
    widths = [max(len(h), *(len(r[i]) for r in rows)) if rows else len(h) for i, h in enumerate(header)]
    fmt = lambda cells: "  ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)).rstrip()  # noqa: E731
    return [fmt(list(header)), *(fmt(r) for r in rows)]


def render_text(result: SignalsResult, pages: bool = False) -> str:
    lines = ["sources:"]
    for s in result.sources:
        skipped = f", {s.skipped} skipped (unreadable or naming no page)" if s.skipped else ""
        lines.append(f"  {clean(s.path)}: {s.label}, {s.rows} rows{skipped}")
    if result.log_end:
        lines.append(f"access logs end on {result.log_end.isoformat()}")
    lines.append("")
    header = (
        "cluster",
        "pages",
        "crawled",
        "crawl hits",
        "hub last crawl",
        "indexed",
        "not indexed",
        "clicks",
        "sessions",
    )
    rows = [
        [
            c.id,
            str(c.pages),
            str(c.crawled_pages),
            str(c.crawl_hits),
            c.hub_last_crawl.isoformat() if c.hub_last_crawl else "-",
            str(c.indexed),
            str(c.not_indexed),
            str(c.clicks),
            str(c.sessions),
        ]
        for c in result.clusters
    ]
    lines += _table(header, rows)
    if pages:
        lines.append("")
        header = ("page", "depth", "inbound", "crawl hits", "last crawl", "indexed", "clicks", "sessions")
        rows = [
            [
                clean(p.url),
                "-" if p.depth is None else str(p.depth),
                str(p.inbound),
                str(p.crawl_hits),
                p.raw.last_crawl.isoformat() if p.raw.last_crawl else "-",
                {True: "yes", False: "no: " + p.raw.index_reason, None: "-"}[p.raw.indexed],
                str(p.raw.clicks),
                str(p.raw.sessions),
            ]
            for p in result.pages
        ]
        lines += _table(header, rows)
    if result.unmatched:
        lines += [
            "",
            f"{result.unmatched_urls} URLs ({result.unmatched_rows} rows) match no page; the most frequent:",
        ]
        lines += [f"  {clean(u.url)}  {u.rows} rows ({u.reason})" for u in result.unmatched]
    if result.findings:
        lines.append("")
        lines += [
            f"{f.path}:{f.line}:{f.column}: {f.severity.label}[{f.rule}] {clean(f.message)}"
            for f in result.findings
        ]
    lines += [f"note: {n}" for n in result.notes]
    errors = sum(1 for f in result.findings if f.severity.label == "error")
    warnings = sum(1 for f in result.findings if f.severity.label == "warning")
    with_signals = sum(1 for p in result.pages if p.raw.rows)
    lines.append(f"{with_signals} pages with signals, {errors} errors, {warnings} warnings")
    return "\n".join(lines) + "\n"


RENDERERS = {"text": render_text, "json": render_json, "csv": render_csv}


def render_impact_text(result: ImpactResult) -> str:
    lines = [
        f"impact of the link changes in {result.range} ({result.base}..{result.head}): "
        f"{result.window} days before and after each cluster's change"
    ]
    if result.treated:
        lines.append("pages whose inbound links changed:")
        lines += [
            f"  {clean(t.url)}  {t.cluster}  +{t.added} -{t.removed}  {t.changed[:10]}"
            for t in result.treated
        ]
    if result.rows:
        lines.append("")
        header = (
            "cluster",
            "metric",
            "change",
            "treated",
            "control",
            "before",
            "after",
            "ctl before",
            "ctl after",
            "DiD",
        )
        rows = [
            [
                r.cluster,
                r.metric,
                r.date.isoformat(),
                f"{r.treated}{'*' if r.treated < SMALL else ''}",
                f"{r.control}{'*' if r.control < SMALL else ''} ({r.control_basis})",
                f"{r.treated_before:.2f}",
                f"{r.treated_after:.2f}",
                f"{r.control_before:.2f}",
                f"{r.control_after:.2f}",
                f"{r.did:+.2f}",
            ]
            for r in result.rows
        ]
        lines += _table(header, rows)
        lines.append(
            "means per page and day; DiD = (after - before) - (ctl after - ctl before); * small sample"
        )
    lines += ["", "caveats:", *(f"  - {c}" for c in result.caveats)]
    lines += [f"note: {n}" for n in result.notes]
    return "\n".join(lines) + "\n"


def render_impact_json(result: ImpactResult) -> str:
    return json.dumps(result.to_dict(), indent=2, ensure_ascii=False) + "\n"


def render_impact_csv(result: ImpactResult) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    rows = [r.to_dict() for r in result.rows]
    columns = list(rows[0]) if rows else ["cluster", "metric", "difference_in_differences"]
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_cell(row[c]) for c in columns])
    return out.getvalue()


IMPACT_RENDERERS = {"text": render_impact_text, "json": render_impact_json, "csv": render_impact_csv}
