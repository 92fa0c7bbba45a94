"""`report --html`: one self-contained HTML file (inline CSS, JavaScript and SVG; no network).

The page is rendered from a Jinja template in this package with autoescaping on, so every
URL, title, anchor and message from content reaches the browser as text. The template gets
the result types and a few presentation figures computed here (the picture's layout, the
histogram's bars); it computes nothing itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from ..findings import Report
from ..report.safe import encodable
from .layout import PALETTE, Picture, layout
from .metrics import SiteStats

TEMPLATES = Path(__file__).parent / "templates"
#: pages above which the picture shows one node per cluster
MAX_PICTURE_PAGES = 400


@dataclass(frozen=True)
class Bar:
    label: str
    count: int
    x: float
    height: float


def _finalize(value: Any) -> Any:
    # a file name that is not UTF-8 keeps lone surrogates, which cannot be written as UTF-8
    return encodable(value) if isinstance(value, str) else value


def _environment() -> Environment:
    return Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        finalize=_finalize,
    )


def depth_bars(stats: SiteStats, width: float = 36.0, height: float = 120.0) -> list[Bar]:
    counts = [(str(d), n) for d, n in stats.depth_histogram.items()]
    if stats.not_reached:
        counts.append(("none", stats.not_reached))
    top = max((n for _, n in counts), default=0) or 1
    return [Bar(label, n, i * (width + 8), height * n / top) for i, (label, n) in enumerate(counts)]


def cluster_colors(stats: SiteStats, picture: Picture) -> dict[str, str]:
    colors = {g.id: g.color for g in picture.groups}
    for i, c in enumerate(stats.clusters):
        colors.setdefault(c.id, PALETTE[i % len(PALETTE)])
    return colors


def signal_columns(stats: SiteStats) -> list[str]:
    return sorted({key for row in stats.signals or () for key in row.values})


def render_report(stats: SiteStats, report: Report, generator: str) -> str:
    """The whole report as one HTML document."""
    picture = layout(stats, MAX_PICTURE_PAGES)
    template = _environment().get_template("report.html.j2")
    return template.render(
        stats=stats,
        report=report,
        summary=report.summary,
        generator=generator,
        picture=picture,
        colors=cluster_colors(stats, picture),
        bars=depth_bars(stats),
        signal_columns=signal_columns(stats),
        max_velocity=max((max(v.added, v.removed) for v in stats.velocity or ()), default=0) or 1,
    )
