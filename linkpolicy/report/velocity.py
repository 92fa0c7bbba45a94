"""Link velocity as text (a week-by-cluster table of +added/-removed) and JSON."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from ..insight.velocity import iter_table
from .safe import clean

if TYPE_CHECKING:
    from ..insight.velocity import Velocity


def render_json(v: Velocity) -> str:
    return json.dumps(v.to_dict(), indent=2, ensure_ascii=False) + "\n"


def _cell(pair: tuple[int, int] | None) -> str:
    if not pair or pair == (0, 0):
        return "."
    return f"+{pair[0]} -{pair[1]}"


def render_text(v: Velocity) -> str:
    """A table of the weeks with link changes (``+added -removed`` per cluster, ``.`` for
    none), a total row, and how many weeks had none."""
    out = [
        f"link velocity {v.since}..{v.until}: {v.commits} commits, internal links added and removed per week"
    ]
    out += [f"note: {n}" for n in v.notes]
    if v.clusters:
        rows = [["week", *v.clusters]]
        quiet = 0
        for week, cells in iter_table(v):
            if cells:
                rows.append([week, *(_cell(cells.get(c)) for c in v.clusters)])
            else:
                quiet += 1
        rows.append(["total", *(_cell(v.totals().get(c)) for c in v.clusters)])
        out += _aligned(rows)
        out.append(f"{quiet} of {len(v.weeks)} weeks without link changes")
    return "\n".join(clean(line) for line in out) + "\n"


def _aligned(rows: list[list[str]]) -> list[str]:
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    return [
        "  ".join(
            cell.rjust(w) if i else cell.ljust(w) for i, (cell, w) in enumerate(zip(row, widths, strict=True))
        )
        for row in rows
    ]
