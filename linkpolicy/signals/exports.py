"""CSV exports, recognised from their header row (case-insensitively):

- Search Console, Performance > Pages (``Pages.csv`` of the export):
  ``Top pages,Clicks,Impressions,CTR,Position``;
- Search Console, Page indexing drill-down (``Table.csv``): ``URL,Last crawled``, with the
  status in the export's ``Metadata.csv`` (``Property,Value`` / ``Issue,...``) beside it,
  else in the file or folder name (``Crawled - currently not indexed``);
- Google Analytics 4 reports downloaded as CSV: ``#`` comment lines (account, property,
  dates) above a header with ``Landing page`` (or ``Landing page + query string``) and
  ``Sessions``, ``Engaged sessions``, ``Key events`` (``Conversions`` before 2024), and
  an optional ``Date`` column (``YYYYMMDD``);
- any CSV with ``--columns url=HEADER,clicks=HEADER,...``.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ..backlinks.formats import _date, _dialect
from ..errors import UsageError

FIELDS = (
    "url",
    "clicks",
    "impressions",
    "position",
    "sessions",
    "engaged_sessions",
    "conversions",
    "indexed",
    "reason",
    "last_crawl",
    "date",
)
NUMERIC = ("clicks", "impressions", "position", "sessions", "engaged_sessions", "conversions")


@dataclass(frozen=True)
class Kind:
    name: str
    label: str
    columns: dict[str, tuple[str, ...]]  # field -> header names (lowercase)
    required: tuple[str, ...]


KINDS: tuple[Kind, ...] = (
    Kind(
        "gsc-performance",
        "Search Console performance (pages)",
        {
            "url": ("top pages", "page", "pages", "landing page"),
            "clicks": ("clicks",),
            "impressions": ("impressions",),
            "position": ("position", "average position"),
            "date": ("date",),
        },
        ("url", "clicks", "impressions"),
    ),
    Kind(
        "gsc-indexing",
        "Search Console page indexing",
        {"url": ("url",), "last_crawl": ("last crawled",)},
        ("url", "last_crawl"),
    ),
    Kind(
        "ga4",
        "Google Analytics 4 landing pages",
        {
            "url": ("landing page", "landing page + query string"),
            "sessions": ("sessions",),
            "engaged_sessions": ("engaged sessions",),
            "conversions": ("key events", "conversions"),
            "date": ("date",),
        },
        ("url", "sessions"),
    ),
)

#: exports that are not per page (Search Console's other tables): recognised and skipped
NOT_PAGES = (
    ("top queries",),
    ("country", "clicks"),
    ("device", "clicks"),
    ("date", "clicks"),
    ("search appearance",),
    ("filter", "value"),
    ("property", "value"),
    ("date", "affected pages"),
    ("reason", "source", "validation"),
)


@dataclass
class Table:
    """A recognised CSV: its kind, which column holds each field, and its rows."""

    kind: str
    label: str
    index: dict[str, int]
    header: list[str]
    delimiter: str
    skip: int  # lines above the header row
    rows: Iterator[list[str]]


def parse_columns(spec: str) -> dict[str, str]:
    """``url=Page,clicks=Clicks`` -> {field: header}."""
    out = {}
    for part in spec.split(","):
        key, sep, header = part.partition("=")
        key = key.strip().lower()
        if not sep or key not in FIELDS or not header.strip():
            raise UsageError(f"--columns: '{part}' is not FIELD=HEADER with FIELD one of {', '.join(FIELDS)}")
        out[key] = header.strip()
    if "url" not in out:
        raise UsageError("--columns must map at least url=HEADER (the page URL)")
    return out


def header_of(lines: Iterator[str]) -> tuple[str, int]:
    """The header line and how many lines (GA4's ``#`` comments, blanks) precede it."""
    skip = 0
    for line in lines:
        if line.startswith("#") or not line.strip():
            skip += 1
            continue
        return line, skip
    return "", skip


def recognise(path: Path, handle: Iterator[str], columns: dict[str, str] | None) -> Table | str:
    """The table, or why it is not a page-level export (a message naming the file)."""
    first, skip = header_of(handle)
    if not first.strip():
        return f"{path}: empty file, no header row"
    delimiter = _dialect(first)
    header = [h.strip().strip('"').lstrip("\ufeff") for h in next(csv.reader([first], delimiter=delimiter))]
    lower = {h.lower(): i for i, h in enumerate(header)}
    reader = csv.reader(handle, delimiter=delimiter)
    if columns:
        missing = [h for h in columns.values() if h.lower() not in lower]
        if missing:
            raise UsageError(
                f"{path}: --columns names headers the file lacks: {', '.join(missing)}; "
                f"it has: {', '.join(header)}"
            )
        index = {f: lower[h.lower()] for f, h in columns.items()}
        return Table("csv", "CSV (--columns)", index, header, delimiter, skip, reader)
    for kind in KINDS:
        if all(any(a in lower for a in kind.columns[f]) for f in kind.required):
            index = {
                f: next(lower[a] for a in aliases if a in lower)
                for f, aliases in kind.columns.items()
                if any(a in lower for a in aliases)
            }
            return Table(kind.name, kind.label, index, header, delimiter, skip, reader)
    if any(all(h in lower for h in names) for names in NOT_PAGES):
        return f"{path}: not a per-page table ({', '.join(header[:6])}); skipped"
    return (
        f"{path}: unrecognised file; expected an access log, a Search Console export (Top pages,Clicks,"
        f"Impressions,... or URL,Last crawled), a GA4 landing-page CSV, or --columns url=HEADER,... "
        f"Headers found: {', '.join(header[:10])}"
    )


def number(value: str) -> float:
    """``1,240`` -> 1240.0, ``12.5%`` -> 12.5, ``""`` -> 0.0."""
    v = value.strip().replace("\u00a0", "").rstrip("%")
    if "," in v and "." not in v and re.fullmatch(r"-?\d{1,3}(,\d{3})+", v):
        v = v.replace(",", "")
    try:
        return float(v.replace(",", "")) if v else 0.0
    except ValueError:
        return 0.0


def day(value: str) -> dt.date | None:
    """GA4's ``20261101`` or any date the backlink reader knows."""
    v = value.strip()
    if re.fullmatch(r"\d{8}", v):
        try:
            return dt.date(int(v[:4]), int(v[4:6]), int(v[6:]))
        except ValueError:
            return None
    return _date(v)


def index_status(text: str) -> tuple[bool, str]:
    """Search Console's status text -> (indexed, reason)."""
    t = " ".join(text.replace("_", " ").split())
    low = t.lower()
    indexed = "indexed" in low and "not indexed" not in low and "unindexed" not in low
    return indexed, "" if indexed else t


def indexing_status(path: Path) -> tuple[bool, str] | None:
    """The status of a page-indexing ``Table.csv``: its ``Metadata.csv`` ``Issue`` row,
    else the file's or folder's name (exports are often renamed after their issue)."""
    meta = path.with_name("Metadata.csv")
    if meta.is_file():
        try:
            text = meta.read_text(encoding="utf-8-sig", errors="replace")
        except OSError:
            text = ""
        for row in csv.reader(text.splitlines()):
            if len(row) >= 2 and row[0].strip().lower() in ("issue", "status", "reason"):
                return index_status(row[1])
    for name in (path.stem, path.parent.name):
        if any(word in name.lower() for word in _STATUS_WORDS):
            return index_status(name)
    return None


#: words of Search Console's page-indexing statuses, to read one from a file name
_STATUS_WORDS = (
    "indexed",
    "noindex",
    "not found",
    "404",
    "redirect",
    "canonical",
    "robots.txt",
    "server error",
    "5xx",
    "4xx",
    "duplicate",
    "blocked",
    "crawled",
    "discovered",
)
