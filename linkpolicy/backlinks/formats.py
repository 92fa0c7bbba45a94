"""Backlink exports as the tools write them: the format is recognised from the header row
(case-insensitively, with each vendor's aliases), the encoding from the BOM (Ahrefs writes
UTF-16 with tabs), the delimiter from the header line. Rows stream one at a time, so a
multi-million-row file is read in flat memory.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import gzip
import io
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ..errors import UsageError
from ..io import open_regular, text_stream

# CSV fields can be long (Ahrefs "Content" cells hold page text).
csv.field_size_limit(min(sys.maxsize, 2**31 - 1))


@dataclass(frozen=True)
class Row:
    """One backlink (or, for site-level tables, one referring site with a link count)."""

    source: str  # linking page URL, or a bare referring site
    target: str | None = None
    anchor: str = ""
    nofollow: bool | None = None
    first_seen: dt.date | None = None
    last_seen: dt.date | None = None
    lost: bool = False
    links: int = 1


#: field -> header names that carry it (lowercase). The first format whose required
#: fields are all present wins; the order goes from the most specific header set.
@dataclass(frozen=True)
class Format:
    name: str
    label: str
    columns: dict[str, tuple[str, ...]]
    required: tuple[str, ...]


FORMATS: tuple[Format, ...] = (
    Format(
        "ahrefs",
        "Ahrefs backlinks",
        {
            "source": ("referring page url", "url_from"),
            "target": ("target url", "url_to"),
            "anchor": ("anchor",),
            "nofollow": ("nofollow",),
            "first_seen": ("first seen", "first_seen"),
            "last_seen": ("last seen", "last_visited", "last_seen"),
            "lost": ("lost status", "lost"),
        },
        ("source", "target"),
    ),
    Format(
        "majestic",
        "Majestic backlinks",
        {
            "source": ("source url", "sourceurl"),
            "target": ("target url", "targeturl"),
            "anchor": ("anchor text", "anchortext"),
            "nofollow": ("flagnofollow",),
            "first_seen": ("source first found date", "firstindexeddate"),
            "last_seen": ("source crawl date", "lastseendate"),
            "lost": ("flagdeleted",),
        },
        ("source", "target", "nofollow"),
    ),
    Format(
        "semrush",
        "Semrush backlinks",
        {
            "source": ("source url",),
            "target": ("target url",),
            "anchor": ("anchor", "anchor text"),
            "nofollow": ("nofollow",),
            "first_seen": ("first seen",),
            "last_seen": ("last seen",),
            "lost": ("lost link",),
        },
        ("source", "target", "first_seen"),
    ),
    Format(
        "moz",
        "Moz Link Explorer",
        {
            "source": ("linking page url", "url"),
            "target": ("target url",),
            "anchor": ("anchor text",),
            "follow": ("follow",),
        },
        ("source", "target"),
    ),
    Format(
        "gsc-sites",
        "Search Console: top linking sites",
        {
            "site": ("site", "linking site", "top linking sites"),
            "links": ("linking pages", "incoming links"),
        },
        ("site", "links"),
    ),
    Format(
        "gsc-latest",
        "Search Console: latest links",
        {
            "source": ("linking page", "links"),
            "last_seen": ("last crawled",),
        },
        ("source", "last_seen"),
    ),
)

FIELDS = ("source", "target", "anchor", "nofollow", "first_seen", "last_seen", "lost")


def _open_text(path: Path) -> io.TextIOBase:
    plain = open_regular(path)
    return text_stream(gzip.GzipFile(fileobj=plain, mode="rb") if path.suffix == ".gz" else plain)


def _dialect(header_line: str) -> str:
    counts = {d: header_line.count(d) for d in ("\t", ",", ";")}
    return max(counts, key=lambda d: counts[d])


def _bool(value: str) -> bool | None:
    v = value.strip().lower()
    if v in ("true", "yes", "1", "nofollow", "y"):
        return True
    if v in ("false", "no", "0", "", "follow", "n", "dofollow"):
        return False if v else None
    return None


_DATE_FORMATS = ("%Y-%m-%d", "%Y-%m-%d %H:%M:%S", "%d/%m/%Y", "%m/%d/%Y", "%d.%m.%Y", "%b %d, %Y", "%d %b %Y")


_ISO = re.compile(r"\s*(\d{4})-(\d{2})-(\d{2})")


@functools.lru_cache(maxsize=8192)
def _date(value: str) -> dt.date | None:
    m = _ISO.match(value)
    if m:  # the common case, and much faster than strptime
        try:
            return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError:
            return None
    v = value.strip()
    if not v:
        return None
    v = v.replace("T", " ").split("+")[0].split("Z")[0].strip()
    for fmt in _DATE_FORMATS:
        for candidate in (v, v[:10]):
            try:
                return dt.datetime.strptime(candidate, fmt).date()
            except ValueError:
                continue
    m = re.match(r"(\d{4})-(\d{2})-(\d{2})", v)
    return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3))) if m else None


def _int(value: str) -> int:
    digits = re.sub(r"[^\d]", "", value)
    return int(digits) if digits else 1


def parse_columns(spec: str) -> dict[str, str]:
    """``source=Referring URL,target=Page,anchor=Text`` -> {field: header}."""
    out = {}
    for part in spec.split(","):
        key, sep, header = part.partition("=")
        key = key.strip().lower()
        if not sep or key not in (*FIELDS, "links") or not header.strip():
            raise UsageError(
                f"--columns: '{part}' is not FIELD=HEADER with FIELD one of {', '.join((*FIELDS, 'links'))}"
            )
        out[key] = header.strip()
    if "source" not in out:
        raise UsageError("--columns must map at least source=HEADER (the linking page URL)")
    return out


@dataclass
class Export:
    path: Path
    format: str
    label: str
    rows: Iterator[Row]


def read_export(path: Path, columns: dict[str, str] | None = None) -> Export:
    """Recognise the export's format and return a lazy iterator over its rows."""
    try:
        handle = _open_text(path)
        first = handle.readline()
    except OSError as exc:
        raise UsageError(f"{path}: cannot read ({exc.strerror or exc})") from None
    except (UnicodeError, EOFError, gzip.BadGzipFile) as exc:
        raise UsageError(f"{path}: not a readable CSV export ({exc})") from None
    # Older exports put a title line (e.g. "All Inlinks") above the header.
    if first and len(next(csv.reader([first], delimiter=_dialect(first)), [])) < 2:
        first = handle.readline()
    if not first.strip():
        raise UsageError(f"{path}: empty file, no header row")
    delimiter = _dialect(first)
    header = [h.strip().strip('"') for h in next(csv.reader([first], delimiter=delimiter))]
    lower = {h.lower(): i for i, h in enumerate(header)}
    if columns:
        missing = [h for h in columns.values() if h.lower() not in lower]
        if missing:
            raise UsageError(
                f"{path}: --columns names headers the file lacks: {', '.join(missing)}; "
                f"it has: {', '.join(header)}"
            )
        index = {f: lower[h.lower()] for f, h in columns.items()}
        fmt_name, label = "generic", "generic CSV"
    else:
        fmt = _detect(lower)
        if fmt is None:
            raise UsageError(_unknown_message(path, header))
        index = {
            f: next(lower[a] for a in aliases if a in lower)
            for f, aliases in fmt.columns.items()
            if any(a in lower for a in aliases)
        }
        fmt_name, label = fmt.name, fmt.label
    reader = csv.reader(handle, delimiter=delimiter)
    return Export(path, fmt_name, label, _rows(reader, index, fmt_name, handle))


def _detect(lower: dict[str, int]) -> Format | None:
    for fmt in FORMATS:
        if all(any(a in lower for a in fmt.columns[f]) for f in fmt.required):
            return fmt
    return None


def _unknown_message(path: Path, header: list[str]) -> str:
    lower = {h.lower() for h in header}
    best = max(FORMATS, key=lambda f: sum(any(a in lower for a in f.columns[r]) for r in f.required))
    missing = [
        f"'{best.columns[r][0]}'" for r in best.required if not any(a in lower for a in best.columns[r])
    ]
    return (
        f"{path}: unrecognised export; closest is {best.label}, which needs column "
        f"{' and '.join(missing)}. Headers found: {', '.join(header[:12])}"
        f"{'…' if len(header) > 12 else ''}. Map them with --columns source=HEADER,target=HEADER,..."
    )


def _rows(
    reader: Iterator[list[str]], index: dict[str, int], fmt: str, handle: io.TextIOBase
) -> Iterator[Row]:
    def cell(row: list[str], field: str) -> str:
        i = index.get(field)
        return row[i] if i is not None and i < len(row) else ""

    def rows() -> Iterator[list[str]]:
        # Majestic warns that some rows are not valid CSV: skip such a row, keep reading.
        while True:
            try:
                yield next(reader)
            except StopIteration:
                return
            except csv.Error:
                continue

    try:
        for row in rows():
            if not row or not any(c.strip() for c in row):
                continue
            if fmt == "gsc-sites":
                site = cell(row, "site").strip()
                if site:
                    yield Row(source=site, links=_int(cell(row, "links")))
                continue
            source = cell(row, "source").strip()
            if not source:
                continue
            nofollow = _bool(cell(row, "nofollow")) if "nofollow" in index else None
            if "follow" in index:
                follow = _bool(cell(row, "follow"))
                nofollow = None if follow is None else not follow
            lost_cell = cell(row, "lost").strip().lower()
            lost = bool(lost_cell) and lost_cell not in ("false", "0", "no", "")
            yield Row(
                source=source,
                target=cell(row, "target").strip() or None,
                anchor=cell(row, "anchor").strip(),
                nofollow=nofollow,
                first_seen=_date(cell(row, "first_seen")),
                last_seen=_date(cell(row, "last_seen")),
                lost=lost,
                links=_int(cell(row, "links")) if "links" in index else 1,
            )
    finally:
        handle.close()
