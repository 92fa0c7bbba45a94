"""Server access logs in the Common and Combined Log Formats (Apache, nginx), plain or
gzip, read as a stream of bytes lines: memory follows the number of distinct URLs and
days, never the number of lines.

Combined: ``host ident user [10/Oct/2026:13:55:36 -0700] "GET /a/ HTTP/1.1" 200 2326
"referer" "user agent"``; Common is the same without the last two fields (so no crawler
can be told apart). Dates are the log's own local dates.
"""

from __future__ import annotations

import datetime as dt
import gzip
import io
import itertools
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from typing import IO

from .collect import Collector
from .crawlers import AgentCache
from .model import Raw, SourceFile

#: a quoted field, with backslash escapes (Apache writes \" inside one)
_Q = rb'"([^"\\]*(?:\\.[^"\\]*)*)"'
LINE = re.compile(
    rb"(\S+) \S+ \S+ \[(\d{2}/\w{3}/\d{4}):[^\]]*\] " + _Q + rb" (\d{3}) \S+(?: " + _Q + rb" " + _Q + rb")?"
)
_MONTHS = {
    m: i
    for i, m in enumerate(
        ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"), 1
    )
}


def detect(head: list[bytes]) -> str | None:
    """``combined``, ``common`` or None from the first lines of a file."""
    lines = [line for line in head if line.strip()][:5]
    matches = [m for m in map(LINE.match, lines) if m is not None]
    if not matches or len(matches) < len(lines) - 1:  # one stray line among five is allowed
        return None
    return "combined" if all(m.group(6) is not None for m in matches) else "common"


def _day(text: bytes) -> dt.date | None:
    try:
        day, month, year = text.decode("ascii").split("/")
        return dt.date(int(year), _MONTHS[month], int(day))
    except (KeyError, ValueError):
        return None


class LogReader:
    """Counts one log's lines into a collector.

    Lines are matched in chunks and counted by (request, day, status, agent) with the
    C-level counter of :mod:`collections`; the counts are folded into per-URL records
    whenever they hold ``FOLD_AT`` keys, so memory stays flat however long the log is.
    """

    FOLD_AT = 200_000
    CHUNK = 65_536

    def __init__(self, collector: Collector, source: SourceFile) -> None:
        self.collector = collector
        self.source = source
        self.agents = AgentCache()
        self.days: dict[bytes, dt.date | None] = {}
        self.records: dict[bytes, Raw] = {}
        self.counts: Counter[tuple[bytes, ...]] = Counter()

    def read(self, lines: Iterable[bytes]) -> None:
        counts = self.counts
        iterator = iter(lines)
        while chunk := list(itertools.islice(iterator, self.CHUNK)):
            counts.update(self._keys(chunk))
            if len(counts) >= self.FOLD_AT:
                self.fold()
        self.fold()

    def _keys(self, chunk: list[bytes]) -> Iterator[tuple[bytes, bytes, bytes, bytes | None]]:
        """(request, day, status, agent) of each line: split on quotes where the line has
        none inside its fields (nearly every line), else the full pattern."""
        match = LINE.match
        rows = skipped = 0
        for line in chunk:
            parts = line.split(b'"')
            head = parts[0]
            i = head.find(b"[")
            if (
                (len(parts) == 7 or len(parts) == 3)
                and i > 0
                and parts[2][1:4].isdigit()
                and head[i + 3] == 47
            ):
                rows += 1
                yield parts[1], head[i + 1 : i + 12], parts[2][1:4], parts[5] if len(parts) == 7 else None
                continue
            m = match(line)
            if m is not None:
                rows += 1
                yield m.group(3, 2, 4, 6)
            elif line.strip():
                skipped += 1
        self.source.rows += rows
        self.source.skipped += skipped

    def fold(self) -> None:
        for (request, day_text, status, agent), n in self.counts.items():
            record = self._record(request)
            record.requests += n
            record.rows += n
            day = self._day(day_text)
            crawler = self.agents(agent) if agent else None
            if crawler is None:
                continue
            record.crawl_hits[crawler] += n
            record.statuses[int(status)] += n
            if day is not None:
                record.daily_crawl[day] += n
        self.counts.clear()

    def _record(self, request: bytes) -> Raw:
        record = self.records.get(request)
        if record is None:
            parts = request.split(b" ")
            target = parts[1] if len(parts) > 1 else parts[0]
            if len(self.records) >= 100_000:
                self.records.clear()  # a cache of the collector's records
            record = self.records[request] = self.collector.at(target.decode("utf-8", "replace"))
        return record

    def _day(self, text: bytes) -> dt.date | None:
        if text not in self.days:
            self.days[text] = _day(text)
        return self.days[text]

    @property
    def last_day(self) -> dt.date | None:
        known = [d for d in self.days.values() if d is not None]
        return max(known) if known else None


def read_log(stream: IO[bytes], collector: Collector, source: SourceFile) -> dt.date | None:
    """Read one log; returns the last day it covers."""
    reader = LogReader(collector, source)
    buffered = io.BufferedReader(stream, 1 << 20) if isinstance(stream, gzip.GzipFile) else stream  # type: ignore[arg-type]
    reader.read(buffered)
    return reader.last_day
