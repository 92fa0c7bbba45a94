"""Google's disavow file: one URL or ``domain:NAME`` a line, ``#`` comments, UTF-8.

Merging keeps every existing line and comment exactly, never removes and never
duplicates: it appends ``domain:`` lines for newly denied domains under one dated
comment. Google's limits (100,000 lines, 2 MB) are checked and reported.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from ..errors import UsageError
from ..io import read_regular

MAX_LINES = 100_000
MAX_BYTES = 2 * 1024 * 1024


def read(path: Path) -> tuple[bytes, str]:
    """The file's bytes and text. The file is the user's choice (it may lie outside the
    repository) but must be a regular UTF-8 file of sane size; else a one-line error."""
    try:
        data = read_regular(path, 8 * MAX_BYTES)
    except OSError as exc:
        raise UsageError(f"{path}: cannot read the disavow file: {exc.strerror or exc}") from None
    try:
        return data, data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise UsageError(f"{path}: not UTF-8; Google's tool expects UTF-8 or ASCII") from None


def listed_domains(text: str) -> set[str]:
    """Domains the file disavows (``domain:`` lines), lowercased."""
    out = set()
    for line in text.splitlines():
        line = line.strip()
        if line.lower().startswith("domain:"):
            name = line[7:].strip().lower().rstrip(".")
            if name:
                out.add(name)
    return out


@dataclass
class Merge:
    text: str
    added: list[str]
    warnings: list[str]


def merge(existing: str, domains: list[str], today: dt.date | None = None) -> Merge:
    """``existing`` with ``domain:`` lines for those of ``domains`` it lacks."""
    present = listed_domains(existing)
    added = sorted({d.lower() for d in domains} - present)
    text = existing
    if added:
        newline = "\r\n" if "\r\n" in existing else "\n"
        if text and not text.endswith(newline):
            text += newline
        if text.strip():
            text += newline
        day = (today or dt.date.today()).isoformat()
        lines = [f"# linkpolicy {day}: {len(added)} domains denied by the backlink policy"]
        lines += [f"domain:{d}" for d in added]
        text += newline.join(lines) + newline
    warnings = []
    if text.count("\n") > MAX_LINES:
        warnings.append(f"the disavow file has more than {MAX_LINES:,} lines, Google's limit")
    if len(text.encode("utf-8")) > MAX_BYTES:
        warnings.append("the disavow file is larger than 2 MB, Google's limit")
    return Merge(text, added, warnings)
