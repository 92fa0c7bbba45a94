"""Output of `linkpolicy suggest`: text (one suggestion and its snippet a pair of lines)
and JSON (versioned)."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import asdict
from typing import TYPE_CHECKING

from .safe import clean, encodable_tree

if TYPE_CHECKING:
    from ..suggest import Suggestion

VERSION = 1


def _summary(found: list[Suggestion]) -> dict[str, int]:
    from ..suggest import KINDS

    counts = Counter(s.kind for s in found)
    return {"suggestions": len(found), **{kind: counts[kind] for kind in KINDS}}


def render_json(found: list[Suggestion]) -> str:
    doc = {"version": VERSION, "summary": _summary(found), "suggestions": [asdict(s) for s in found]}
    return json.dumps(encodable_tree(doc), indent=2, ensure_ascii=False) + "\n"


def render_text(found: list[Suggestion]) -> str:
    out = []
    for s in found:
        out.append(f"{s.path}:{s.line}:{s.column}: {s.kind}[{s.rule}] {s.reason}")
        what = f"replace {s.replace!r} with" if s.replace else "insert"
        out.append(f"    {what} {s.snippet.strip()}")
    summary = _summary(found)
    parts = ", ".join(f"{summary[k]} {k}" for k in summary if k != "suggestions" and summary[k])
    out.append(f"{summary['suggestions']} suggestions" + (f": {parts}" if parts else ""))
    return "\n".join(clean(line) for line in out) + "\n"
