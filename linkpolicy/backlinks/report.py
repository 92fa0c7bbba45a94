"""`linkpolicy backlinks` output: text, JSON (versioned) and Markdown."""

from __future__ import annotations

import json

from .review import BacklinkReport

MAX_ROWS = 100


def render_json(r: BacklinkReport) -> str:
    return json.dumps(r.to_dict(), indent=2, ensure_ascii=False) + "\n"


def _summary(r: BacklinkReport) -> str:
    return (
        f"{r.rows} rows, {len(r.domains)} referring domains: {r.count('allowed')} allowed, "
        f"{r.count('denied')} denied, {r.count('review')} to review, {r.count('disavow')} to disavow; "
        f"{len(r.pending)} not yet in the disavow file"
    )


def render_text(r: BacklinkReport) -> str:
    out = [f"{path}: {label}" for path, label in r.files]
    for d in r.domains:
        if d.status == "allowed":
            continue
        mark = " (disavowed)" if d.disavowed else ""
        out.append(
            f"{d.status:<8} {d.domain}{mark}: {d.links} links, {d.nofollow_share:.0%} nofollow; "
            f"{', '.join(d.reasons)}"
        )
    out.append(_summary(r))
    return "\n".join(out) + "\n"


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def render_markdown(r: BacklinkReport) -> str:
    out = ["## linkpolicy: backlink review", "", f"**{_summary(r)}.**", ""]
    shown = [d for d in r.domains if d.status != "allowed"][:MAX_ROWS]
    if shown:
        out += [
            "| Domain | Status | Links | Nofollow | Reasons | Clusters | Disavowed |",
            "|---|---|---:|---:|---|---|---|",
        ]
        for d in shown:
            out.append(
                f"| `{d.domain}` | {d.status} | {d.links} | {d.nofollow_share:.0%} | "
                f"{_cell(', '.join(d.reasons))} | {', '.join(sorted(d.clusters)) or '—'} | "
                f"{'yes' if d.disavowed else 'no'} |"
            )
        out.append("")
    weeks = r.velocity["weeks"]
    if weeks:
        out += ["### Referring domains per week", "", "| Week | New | Lost |", "|---|---:|---:|"]
        out += [f"| {w['week']} | {w['new']} | {w['lost']} |" for w in weeks[-26:]]
        out.append("")
        for cid, rows in r.velocity["clusters"].items():
            new, lost = sum(w["new"] for w in rows), sum(w["lost"] for w in rows)
            out.append(f"- cluster `{cid}`: {new} new, {lost} lost referring domains")
    return "\n".join(out).rstrip() + "\n"
