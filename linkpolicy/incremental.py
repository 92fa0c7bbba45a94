"""Whole-run results kept between runs of `check`, so a run where nothing changed reads
only file stats.

A run through a :class:`RecordingTree` notes every input it touches: the stat of each
file it reads or stats, the stat of each folder it lists, each ``is_dir`` answer, and
the set of files git ignores. Its findings (less those the policy's `rules.ignore`
drops: inline comments and PATHS are applied when reported) and report figures are
stored in the parse cache's SQLite file (``runs`` table) under a key of everything else
the result depends on: linkpolicy's version and source, the policy files' bytes and the
root; the record holds the commit checked out when the policy sets ``review_every``
(that rule reads history), and then answers on that commit only, and the day when the
policy has approvals or review cadence (they expire and fall due by the day), and then
answers on that day only. A
run answered by its record reads no policy file but to hash it. A later run with the
same key whose inputs all stat the same (no timestamp
within the racy window of the moment it was taken) and before any front-matter date the
run saw in the future (a scheduled page is published then) re-uses the findings;
anything else runs in full and replaces the record.
"""

from __future__ import annotations

import bisect
import dataclasses
import datetime as dt
import functools
import hashlib
import itertools
import json
import os
import stat
import time
import zlib
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from . import __version__, segments
from .content import serial
from .content.store import Store, file_stat, settled
from .findings import Finding, Severity, in_paths
from .governance import clock
from .io import inflated
from .source import WorkTree, _git_ignored, git_ignored_started, head_commit

#: Run records kept (one per root, policy and version; the most recent first).
KEEP_RUNS = 4
#: Pages edited since a run was recorded beyond which the edited result is recorded anew
#: when it cannot be recorded as its changes (below it, a run re-reads those few pages
#: through the parse cache instead).
RESAVE_AFTER = 8


def _stat(path: Path | str, own: os.stat_result | None = None) -> list[int] | None:
    """The lstat of ``path`` (``own`` when taken already), and for a symlink the stat of
    its target after it (a file that becomes a symlink, or the reverse, changes inode)."""
    try:
        if own is None:
            own = os.lstat(path)
        if stat.S_ISLNK(own.st_mode):
            return file_stat(own) + file_stat(os.stat(path))
        return file_stat(own)
    except OSError:
        return None


class RecordingTree(WorkTree):
    """The work tree, noting every input a run reads (see the module docstring)."""

    def __init__(self, root: Path) -> None:
        super().__init__(root)
        self.started = time.time_ns()
        self.reads: dict[str, list[int] | None] = {}
        #: a digest of the bytes of each file read (kept for the files that are no page)
        self.digests: dict[str, str] = {}
        #: each folder walked: a digest of its names, and its stat (taken before they were
        #: listed; None once the record is made where it was not settled, see :meth:`inputs`)
        self.folders: dict[str, list[Any]] = {}
        self.dirs: dict[str, bool] = {}

    def walked(self, folder: str) -> None:
        seen = _stat(folder)
        self.folders[Path(folder).relative_to(self.root).as_posix()] = [_names(folder), seen]

    def read(self, path: str) -> bytes:
        self._note(path)
        data = super().read(path)
        self.digests.setdefault(path, _digest(data))
        return data

    def stat(self, path: str) -> os.stat_result | None:
        info = self._lstat(path)  # one lstat for the record and the answer
        self._note(path, info)
        return self._regular(info)

    def _note(self, path: str, own: os.stat_result | None = None) -> None:
        """Note the stat of ``path`` when first read (a page is stat-ed, then read);
        ``own``: its lstat, when taken already."""
        if path not in self.reads:
            self.reads[path] = _stat(os.path.join(self.root, path), own)

    def is_dir(self, path: str) -> bool:
        self.dirs[path] = answer = super().is_dir(path)
        return answer

    def inputs(self, pages: Iterable[str] = ()) -> dict[str, Any]:
        """What the run read; ``pages``: the paths of its pages (their bytes are known by
        their parse keys: the digests of the other files read are kept, so that a file
        whose stat changed but not its bytes, such as a config file in a fresh clone, is
        found unchanged)."""
        skip = set(pages)
        return {
            "checked": self.started,
            "reads": self.reads,
            "digests": {p: d for p, d in self.digests.items() if p not in skip},
            "unsettled": _unsettled(self.reads.items(), self.started),
            "folders": {
                path: [names, seen if seen is not None and _settled(seen, self.started) else None]
                for path, (names, seen) in self.folders.items()
            },
            "dirs": self.dirs,
            "ignored": _ignored_digest(self.root),
        }


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _names(folder: str) -> str | None:
    """A digest of the names in ``folder`` (what a listing of it depends on)."""
    try:
        names = sorted(os.listdir(folder))
    except OSError:
        return None
    return hashlib.sha256("\0".join(names).encode("utf-8", "surrogateescape")).hexdigest()


def _ignored_digest(root: Path) -> str:
    return _digest_of_ignored(_git_ignored(root))


def _digest_of_ignored(ignored: tuple[set[str], tuple[str, ...]]) -> str:
    files, folders = ignored
    return hashlib.sha256("\0".join([*sorted(files), "", *sorted(folders)]).encode()).hexdigest()


def changed_files(root: Path, inputs: Any) -> list[str] | None:
    """The files a recorded run read that may have changed since (their stat differs, or
    was taken within the racy window); None when anything else changed: a folder's
    entries, an ``is_dir`` answer, the files git ignores, or a record off its schema."""
    ignored = git_ignored_started(root)  # git lists them while the files are looked at
    try:
        changed = _changed(root, inputs)
    finally:
        listed = ignored()
    try:
        return changed if changed is not None and inputs["ignored"] == _digest_of_ignored(listed) else None
    except (KeyError, TypeError):
        return None


def _changed(root: Path, inputs: Any) -> list[str] | None:
    """:func:`changed_files`, the files git ignores aside."""
    try:
        top = str(root)
        for path, (names, seen) in inputs["folders"].items():
            # a folder's stat changes with its entries (its mtime): listed only when it did
            where = os.path.join(top, path)
            if seen is None or seen != _stat(where):
                if names != _names(where):
                    return None
        for path, was in inputs["dirs"].items():
            if was != WorkTree(root).is_dir(path):
                return None
        unsettled = inputs["unsettled"]
        serial._need(type(unsettled) is list and all(type(p) is str for p in unsettled))
        racy = set(unsettled)
        top += "/"  # the paths are relative to the root (os.path.join costs more than the lstat)
        changed = []
        lstat = os.lstat
        for path, was in inputs["reads"].items():
            try:
                st = lstat(top + path)
            except OSError:
                if was is not None:
                    changed.append(path)
                continue
            # a regular file's stat compared as it is (a symlink's with its target's)
            if path in racy or was != (
                file_stat(st) if not stat.S_ISLNK(st.st_mode) else _stat(top + path, st)
            ):
                changed.append(path)
        return changed
    except (KeyError, TypeError, AttributeError, ValueError):
        return None


def _any_changed(root: Path, inputs: Any, paths: Iterable[str]) -> bool:
    """Whether one of the files ``paths`` names (among those a record's ``inputs`` read)
    may have changed: its stat differs, or was taken in the racy window."""
    reads, racy = inputs["reads"], inputs["unsettled"]
    return any(p in reads and (p in racy or reads[p] != _stat(root / p)) for p in paths)


def _unsettled(stats: Iterable[tuple[str, list[int] | None]], checked: int) -> list[str]:
    """The paths whose stat, taken at ``checked``, cannot be trusted later (see
    :func:`.content.store.settled`): the next run reads them whatever their stat says.
    Judged when the stat is taken, not when it is compared (a record re-saved later
    must not make an old racy stat look settled)."""
    return sorted(path for path, st in stats if st is not None and not _settled(st, checked))


def _settled(st: list[int], checked: int) -> bool:
    """Each stat of ``st`` (a file's, and a symlink's target's after it) settled."""
    return all(settled(st[i : i + 4], checked) for i in range(0, len(st), 4))


@functools.cache
def package_digest() -> str:
    """linkpolicy's version and the source of all its modules (rules included)."""
    digest = hashlib.sha256(__version__.encode())
    package = Path(__file__).parent
    for module in sorted(package.rglob("*.py")):
        digest.update(module.relative_to(package).as_posix().encode() + b"\0" + module.read_bytes())
    return digest.hexdigest()


def run_key(root: Path, policy_dir: Path, options: str) -> str | None:
    """The key of a run's record: everything but the content it reads (and the commit,
    which a record that depends on it holds); None when the policy cannot be read whole
    (then no run is re-used)."""
    digest = hashlib.sha256(f"{package_digest()}\0{root}\0{options}".encode())
    try:
        for path in sorted(policy_dir.rglob("*")):
            if path.is_file():
                digest.update(path.relative_to(policy_dir).as_posix().encode() + b"\0")
                digest.update(path.read_bytes() + b"\0")
    except OSError:
        return None
    return digest.hexdigest()


@dataclass
class PageFacts:
    """What filtering findings needs of a page: its path in the content root and the
    rules its inline comments switch off."""

    rel: str
    disabled_file: set[str]
    disabled_lines: dict[int, set[str]]
    #: with the parse cache: the key of the page's bytes, and the files it includes
    key: str | None = None
    includes: tuple[str, ...] = ()
    #: the other pages with a link to this one, by their place in the run's page facts
    linked_from: list[int] = field(default_factory=list)
    #: the page's URL ("" for a file that is no page)
    url: str = ""
    #: what `generate` writes in each block of the page (name, body, whether it links
    #: anything), in the policy's order, when the run planned the blocks; None when not
    blocks: list[tuple[str, str, bool]] | None = None


@dataclass
class RunResult:
    """A run's findings (those the policy does not ignore) and report figures. In a
    record each page's findings and facts stay encoded until asked for: a run that
    reports a few pages decodes those only."""

    pages: int
    links: int
    edges: dict[str, int]
    notes: list[str]
    #: path -> the page's facts; its order gives the places ``linked_from`` names
    facts: PageTable[PageFacts]
    #: path -> the findings on that file
    by_path: PageTable[list[Finding]]
    #: the first front-matter moment after the run (ISO), when a page may change state
    until: str | None = None
    #: the pages whose inline comments switch rules off
    disabling: frozenset[str] = frozenset()
    #: path -> the findings on that file that `rules.ignore` dropped (what unused-ignore
    #: reads of the pages a later run keeps the findings of)
    dropped: PageTable[list[Finding]] = field(default_factory=lambda: PageTable({}, _findings))
    #: the site without its pages' links, and the graph (:func:`.site.skeleton.model_of`), from which
    #: a run after link edits answers for a few pages; None when the run made none
    model: bytes | memoryview | Iterable[bytes] | None = None
    #: with a recorded ``model``: what differs from it after the link edits recorded since
    #: (:meth:`.site.skeleton.Model.edits`), None when nothing does
    model_edits: Any = None
    #: the record this result was read from (and perhaps changed since), if any
    origin: Origin | None = None

    @classmethod
    def of(
        cls,
        findings: list[Finding],
        pages: int,
        links: int,
        edges: dict[str, int],
        notes: list[str],
        facts: Iterable[tuple[str, PageFacts]],
        until: str | None,
        dropped: Iterable[Finding] = (),
    ) -> RunResult:
        """The result of a run (``dropped``: the findings `rules.ignore` dropped);
        each page's facts are kept encoded as they come (a big site's facts as objects
        would take several times the room)."""
        by_path: dict[str, list[Finding]] = {}
        for f in findings:
            by_path.setdefault(f.path, []).append(f)
        dropped_by_path: dict[str, list[Finding]] = {}
        for f in dropped:
            dropped_by_path.setdefault(f.path, []).append(f)
        disabling: set[str] = set()

        def noted() -> Iterator[tuple[str, PageFacts]]:
            for path, fact in facts:
                if fact.disabled_file or fact.disabled_lines:
                    disabling.add(path)
                yield path, fact

        table = PageTable.packed(noted(), _facts)
        return cls(
            pages,
            links,
            edges,
            notes,
            table,
            PageTable(by_path, _findings),
            until,
            frozenset(disabling),
            PageTable(dropped_by_path, _findings),
        )

    def disables(self) -> dict[str, PageFacts]:
        """The facts of the pages whose inline comments switch rules off."""
        return {p: self.facts[p] for p in self.disabling}

    def findings(self, only: set[str] | None = None) -> list[Finding]:
        """The findings on the files ``only`` names and inside the folders it names (None:
        all), decoding no other page's."""
        if only is None:
            paths: Any = self.by_path
        else:
            inside = in_paths(only)
            paths = [p for p in self.by_path if inside(p)]
        return [f for p in paths for f in self.by_path[p]]

    def encode(self, write: Callable[[bytes], None]) -> dict[str, Any]:
        """The result's figures, with the size of each page's entries, which go to ``write``
        one after another (facts, then findings)."""
        return {
            "figures": self.figures(),
            "facts": self.facts.encoded(write),
            "findings": self.by_path.encoded(write),
            "dropped": self.dropped.encoded(write),
            "model": _written(self.model, write),
        }

    def figures(self) -> list[Any]:
        """The report's figures, the date the result holds until and the pages whose inline
        comments switch rules off, as a record keeps them (see :func:`_figures`)."""
        return [self.pages, self.links, self.edges, self.notes, self.until, sorted(self.disabling)]

    @classmethod
    def decode(cls, data: Any, blob: bytes, start: int, end: int) -> RunResult:
        """The result :meth:`encode` made, its entries at ``blob[start:end]``. Raises
        ValueError, TypeError or KeyError for data :meth:`encode` did not make."""
        facts, at = PageTable.stored(data["facts"], _facts, blob, start)
        found, at = PageTable.stored(data["findings"], _findings, blob, at)
        dropped, at = PageTable.stored(data["dropped"], _findings, blob, at)
        size = data["model"]
        serial._need(size is None or (type(size) is int and 0 <= size <= end - at))
        model = None if size is None else memoryview(blob)[at : at + size]  # read only when asked for
        at += size or 0
        serial._need(at == end)
        pages, links, edges, notes, until, disabling = _figures(data["figures"], facts)
        return cls(pages, links, edges, notes, facts, found, until, disabling, dropped, model)


def _figures(
    data: Any, facts: PageTable[PageFacts]
) -> tuple[int, int, dict[str, int], list[str], str | None, frozenset[str]]:
    """:meth:`RunResult.figures` read back, its pages among ``facts``' (ValueError,
    TypeError or KeyError for anything else)."""
    pages, links, edges, notes, until, disabling = data
    serial._need(isinstance(pages, int) and isinstance(links, int) and isinstance(edges, dict))
    serial._need(isinstance(notes, list) and (until is None or isinstance(until, str)))
    serial._need(isinstance(disabling, list) and all(isinstance(p, str) and p in facts for p in disabling))
    return pages, links, edges, notes, until, frozenset(disabling)


@dataclass(frozen=True)
class Origin:
    """The record a result was read from: what :meth:`RunCache.save` writes the changes
    of a result made from it against (see :func:`_edits`)."""

    key: str
    #: the record's stamp (its ``used``), which the changes name
    stamp: int
    #: its size as stored: changes past a share of it are written as a whole record
    size: int
    inputs: dict[str, Any]
    model: Any
    head: str | None
    day: str | None


def _written(data: bytes | memoryview | Iterable[bytes] | None, write: Callable[[bytes], None]) -> int | None:
    """The size of ``data`` (bytes, or chunks of them), given to ``write`` (None when there
    is none)."""
    if data is None:
        return None
    if isinstance(data, bytes | memoryview):
        write(data)
        return len(data)
    size = 0
    for chunk in data:
        write(chunk)
        size += len(chunk)
    return size


T = TypeVar("T")

#: JSON without spaces (one encoder for every page: json.dumps with options makes one a call)
_compact = json.JSONEncoder(separators=(",", ":"), check_circular=False).encode


class PageTable(Mapping[str, T]):
    """path -> a value; in a record, kept as its JSON bytes (a slice of the record's blob)
    until first asked for (see :class:`RunResult`)."""

    def __init__(self, values: dict[str, Any], codec: tuple[Any, Any]) -> None:
        self._values = values
        self._dump, self._load = codec
        #: the paths whose value is still (start, end) in ``_blob``
        self._raw: set[str] = set()
        self._blob = b""
        #: where each value read from ``_blob`` lies there (kept once it is decoded, for
        #: :meth:`changes`)
        self._spans: dict[str, tuple[int, int]] = {}

    @classmethod
    def packed(cls, values: Iterable[tuple[str, T]], codec: tuple[Any, Any]) -> PageTable[T]:
        """A table of ``values``, each kept as its JSON from the start (and decoded again
        when asked for)."""
        dump = codec[0]
        blob = bytearray()
        spans = {}
        for path, value in values:
            start = len(blob)
            blob += _compact(dump(value)).encode("utf-8")
            spans[path] = (start, len(blob))
        table = cls(dict(spans), codec)
        table._raw, table._blob, table._spans = set(spans), bytes(blob), spans
        return table

    @classmethod
    def stored(cls, data: Any, codec: tuple[Any, Any], blob: bytes, at: int) -> tuple[PageTable[Any], int]:
        """The table a record holds (its paths and the size of each one's JSON, laid one
        after another in ``blob`` from ``at``) and where the next table starts there."""
        paths, sizes = data
        serial._need(type(paths) is list and type(sizes) is list and len(paths) == len(sizes))
        ends = list(itertools.accumulate(sizes, initial=at))
        serial._need(all(type(n) is int for n in (at, ends[-1])) and min(sizes, default=0) >= 0)
        serial._need(ends[-1] <= len(blob) and len(set(paths)) == len(paths))
        serial._need(all(type(p) is str for p in paths))
        spans = dict(zip(paths, zip(ends, ends[1:], strict=False), strict=True))
        table = cls(dict(spans), codec)
        table._raw, table._blob, table._spans = set(paths), blob, spans
        return table, ends[-1]

    def __getitem__(self, path: str) -> T:
        value = self._values[path]
        if path in self._raw:
            start, end = value
            value = self._values[path] = self._load(path, json.loads(self._blob[start:end]))
            self._raw.discard(path)
        return value  # type: ignore[no-any-return]

    def holding(self, text: str) -> set[str]:
        """The paths whose value may hold the string ``text``: every decoded one, and each
        one still undecoded whose JSON holds it as a whole string (found in the bytes, so
        a page's values are decoded only where they may hold it)."""
        out = {path for path in self._values if path not in self._raw}
        raw = [(span, path) for path, span in self._spans.items() if path in self._raw]
        if not raw:
            return out
        raw.sort()
        starts = [span[0] for span, _ in raw]
        token = _compact(text).encode("utf-8")
        first, last = starts[0], max(span[1] for span, _ in raw)
        at = self._blob.find(token, first, last)
        while at >= 0:
            (start, end), path = raw[bisect.bisect_right(starts, at) - 1]
            if at < end:
                out.add(path)
            at = self._blob.find(token, at + 1, last)
        return out

    def __iter__(self) -> Iterator[str]:
        return iter(self._values)

    def __contains__(self, path: object) -> bool:
        return path in self._values  # without decoding the value (Mapping's would)

    def __len__(self) -> int:
        return len(self._values)

    def replaced(self, path: str, value: T) -> PageTable[T]:
        """A copy with ``path``'s value replaced (its place kept)."""
        copy = PageTable[T]({**self._values, path: value}, (self._dump, self._load))
        copy._raw, copy._blob, copy._spans = self._raw - {path}, self._blob, self._spans
        return copy

    def updated(self, values: dict[str, T]) -> PageTable[T]:
        """A copy with the values of ``values``' paths replaced or added (the others' kept
        as they are, undecoded)."""
        copy = PageTable[T]({**self._values, **values}, (self._dump, self._load))
        copy._raw, copy._blob, copy._spans = self._raw - values.keys(), self._blob, self._spans
        return copy

    def changes(self) -> list[list[Any]]:
        """[path, value dumped] of each path whose value differs from the one read from the
        record (or that the record had not), in order: what :meth:`updated` makes this
        table of that record's again."""
        out = []
        view = memoryview(self._blob)
        for path, value in self._values.items():
            if path in self._raw:
                continue
            dumped = self._dump(value)
            span = self._spans.get(path)
            if span is None or view[span[0] : span[1]] != _compact(dumped).encode("utf-8"):
                out.append([path, dumped])
        return out

    def with_changes(self, changes: Any) -> PageTable[T]:
        """This table with :meth:`changes`' values of a later one in place (ValueError,
        TypeError or KeyError for anything else)."""
        serial._need(isinstance(changes, list) and all(isinstance(c, list) and len(c) == 2 for c in changes))
        serial._need(all(type(path) is str for path, _ in changes))
        return self.updated({path: self._load(path, value) for path, value in changes})

    def encoded(self, write: Callable[[bytes], None]) -> list[list[Any]]:
        """Each value's JSON given to ``write``, in order: [paths, their sizes]."""
        sizes = []
        view = memoryview(self._blob)
        for path, value in self._values.items():
            if path in self._raw:
                start, end = value
                data: Any = view[start:end]
            else:
                data = _compact(self._dump(value)).encode("utf-8")
            sizes.append(len(data))
            write(data)
        return [list(self._values), sizes]


def _dump_findings(findings: list[Finding]) -> list[list[Any]]:
    return [
        [f.rule, int(f.severity), f.line, f.column, f.message, f.page, f.target, f.anchor] for f in findings
    ]


def _load_findings(path: str, rows: Any) -> list[Finding]:
    out = []
    serial._need(isinstance(rows, list))
    for rule, severity, line, column, message, page, target, anchor in rows:
        serial._need(isinstance(rule, str) and isinstance(line, int) and isinstance(column, int))
        serial._need(
            isinstance(message, str) and all(v is None or isinstance(v, str) for v in (page, target, anchor))
        )
        out.append(Finding(rule, Severity(severity), path, line, column, message, page, target, anchor))
    return out


def _dump_facts(fact: PageFacts) -> Any:
    return serial.dump(fact, PageFacts)


def _load_facts(path: str, data: Any) -> PageFacts:
    return serial.load(data, PageFacts)  # type: ignore[no-any-return]


_facts = (_dump_facts, _load_facts)
_findings = (_dump_findings, _load_findings)


def next_moment(fronts: list[dict[str, Any]], now: dt.datetime) -> str | None:
    """The earliest date or time in any front matter that is still to come."""
    soonest: dt.datetime | None = None
    for front in fronts:
        for value in _values(front):
            moment = _moment(value)
            if moment is not None and moment > now and (soonest is None or moment < soonest):
                soonest = moment
    return soonest.isoformat() if soonest else None


def _values(data: Any) -> list[Any]:
    if isinstance(data, dict):
        return [v for item in data.values() for v in _values(item)]
    if isinstance(data, list):
        return [v for item in data for v in _values(item)]
    return [data]


def _moment(value: Any) -> dt.datetime | None:
    if not isinstance(value, str) or not value[:4].isdigit():
        return None
    try:
        moment = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


class RunCache:
    """Run records in the cache's SQLite file."""

    def __init__(self, root: Path, key: str) -> None:
        self.root = root
        self.key = key
        self.store = Store(root)
        #: the segments of the record read last (the next record copies those it shares)
        self.previous: segments.Previous | None = None
        #: the commit the record found holds for (None: any)
        self.head: str | None = None
        #: the day the record found holds for (None: any)
        self.day: str | None = None

    def lookup(
        self, named: Iterable[str] = (), meanwhile: Callable[[dict[str, Any]], None] | None = None
    ) -> tuple[RunResult, dict[str, Any], list[str]] | None:
        """The stored result, its inputs and the files changed since, if nothing but
        files it read changed (and it is not past a date it saw coming); else None.
        ``meanwhile(inputs)``: what a run needs whenever a file changed, done while the
        inputs are compared when a file of ``named`` (the paths the run was given) did."""
        rows = self.store.query(
            "SELECT r.data, r.used, e.data FROM runs r LEFT JOIN run_edits e"
            " ON e.key = r.key AND e.base = r.used WHERE r.key = ?",
            (self.key,),
        )
        if not rows:
            return None
        blob, stamp, edits = rows[0]
        try:
            data, self.previous = segments.restored(blob)
            doc, start, end = _unpacked(data)
            head = doc.get("head")
            if head is not None and head != (head_commit(self.root) or ""):
                return None  # its rules read the history of another commit
            self.head = head
            day = doc.get("day")
            if day is not None and day != clock.today().isoformat():
                return None  # its rules read the day (approvals expire, reviews fall due)
            self.day = day
            inputs = doc["inputs"]
            result = RunResult.decode(doc["result"], data, start, end)
            origin = Origin(self.key, stamp, len(blob), inputs, result.model, head, day)
            if edits is not None:
                inputs, result = _edits_applied(inputs, result, edits)
            if meanwhile is not None and _any_changed(self.root, inputs, named):
                from .content.parallel import beside

                changed = beside(lambda: changed_files(self.root, inputs), lambda: meanwhile(inputs))
            else:
                changed = changed_files(self.root, inputs)
            if changed is None:
                return None
            if result.until is not None and dt.datetime.now(dt.UTC) >= dt.datetime.fromisoformat(
                result.until
            ):
                return None
        except (ValueError, TypeError, KeyError, zlib.error):
            return None
        return dataclasses.replace(result, origin=origin), inputs, changed

    def save(
        self,
        inputs: dict[str, Any],
        result: RunResult,
        head: str | None = None,
        day: str | None = None,
        whole: bool = True,
    ) -> None:
        """Record ``result`` with the ``inputs`` it read; ``head``: the commit it holds for
        when its rules read git history, ``day`` (ISO) the day it holds for when they read
        the date (None: any commit, any day). A result made from this cache's record
        after a few edits is written as its changes to that record (see :func:`_edits`);
        without ``whole``, only so (else not at all)."""
        origin = result.origin
        if origin is not None and (origin.key, origin.head, origin.day) == (self.key, head, day):
            changes = _edits(inputs, result, origin)
            if changes is not None and self._saved_edits(origin.stamp, changes):
                return
        if not whole:
            return
        try:
            data = _packed(inputs, result, head, day, self.previous)
        except (ValueError, TypeError):
            return
        stamp = time.time_ns()

        def write(db: Any) -> None:
            db.execute("INSERT OR REPLACE INTO runs VALUES (?, ?, ?)", (self.key, stamp, data))
            old = db.execute("SELECT key FROM runs ORDER BY used DESC LIMIT -1 OFFSET ?", (KEEP_RUNS,))
            db.executemany("DELETE FROM runs WHERE key = ?", old.fetchall())
            db.execute(
                "DELETE FROM run_edits WHERE NOT EXISTS"
                " (SELECT 1 FROM runs WHERE runs.key = run_edits.key AND runs.used = run_edits.base)"
            )

        self.store.write(write)

    def _saved_edits(self, stamp: int, changes: bytes) -> bool:
        """Whether ``changes`` were recorded against the record of ``stamp`` (not when that
        record is gone or replaced since it was read)."""
        saved = False

        def write(db: Any) -> None:
            nonlocal saved
            if db.execute("SELECT 1 FROM runs WHERE key = ? AND used = ?", (self.key, stamp)).fetchone():
                db.execute("INSERT OR REPLACE INTO run_edits VALUES (?, ?, ?)", (self.key, stamp, changes))
                saved = True

        self.store.write(write)
        return saved


#: The first bytes of a record's changes (see :func:`_edits`).
_EDITS = b"linkpolicy-run-edits-1\n"
#: Changes are written as a whole record once they pass this share of its stored size (a
#: fresh clone, where every stat changed, writes it whole: each later run would read them).
EDITS_SHARE = 32
#: ... or past this many bytes, whichever is more (a small site's record is small)
EDITS_MIN = 16 << 10
#: The most a record's changes may inflate to.
_EDITS_LIMIT = 256 << 20


def _edits(inputs: dict[str, Any], result: RunResult, origin: Origin) -> bytes | None:
    """``result`` and its ``inputs`` as their changes to the record they were made from
    (``origin``), compressed: the stats of the files read again, the figures, the pages'
    entries that differ, and what differs of the site's model; in proportion to the
    edits since that record, not to the site. None when they change more than that can
    say (a folder listed, a file read that the record did not read, a model made anew)
    or have grown past :data:`EDITS_SHARE` of the record."""
    base = origin.inputs
    if any(inputs.get(k) != base.get(k) for k in ("digests", "folders", "dirs", "ignored")):
        return None
    reads, was = inputs["reads"], base["reads"]
    if reads.keys() != was.keys():
        return None
    stats = {p: st for p, st in reads.items() if was[p] != st}
    if len(stats) > max(len(reads) // EDITS_SHARE, 64):
        return None  # a fresh clone, say: every stat changed (found before anything is encoded)
    model = result.model
    if model is origin.model:
        model_edits = result.model_edits
    elif callable(getattr(model, "edits", None)) and origin.model is not None:
        model_edits = model.edits()  # type: ignore[union-attr]
    else:
        return None
    doc = {
        "inputs": {
            "reads": stats,
            "checked": inputs["checked"],
            "unsettled": inputs["unsettled"],
        },
        "figures": result.figures(),
        "facts": result.facts.changes(),
        "findings": result.by_path.changes(),
        "dropped": result.dropped.changes(),
        "model": model_edits,
    }
    try:
        data = _EDITS + zlib.compress(_compact(doc).encode("utf-8"), 1)
    except (ValueError, TypeError):
        return None
    return data if len(data) <= max(origin.size // EDITS_SHARE, EDITS_MIN) else None


def _edits_applied(
    inputs: dict[str, Any], result: RunResult, data: bytes
) -> tuple[dict[str, Any], RunResult]:
    """The record's ``inputs`` and ``result`` with the changes :func:`_edits` made
    (``data``) in place; ValueError, TypeError, KeyError or zlib.error for anything else."""
    serial._need(isinstance(data, bytes) and data.startswith(_EDITS))
    doc = json.loads(inflated(memoryview(data)[len(_EDITS) :], _EDITS_LIMIT))
    serial._need(isinstance(doc, dict))
    read = doc["inputs"]
    reads, unsettled = read["reads"], read["unsettled"]
    serial._need(isinstance(reads, dict) and reads.keys() <= inputs["reads"].keys())
    serial._need(type(read["checked"]) is int and isinstance(unsettled, list))
    inputs = {
        **inputs,
        "reads": {**inputs["reads"], **reads},
        "checked": read["checked"],
        "unsettled": unsettled,
    }
    facts = result.facts.with_changes(doc["facts"])
    pages, links, edges, notes, until, disabling = _figures(doc["figures"], facts)
    serial._need(result.model is not None or doc["model"] is None)
    return inputs, dataclasses.replace(
        result,
        pages=pages,
        links=links,
        edges=edges,
        notes=notes,
        until=until,
        disabling=disabling,
        facts=facts,
        by_path=result.by_path.with_changes(doc["findings"]),
        dropped=result.dropped.with_changes(doc["dropped"]),
        model_edits=doc["model"],
    )


#: The first bytes of a record: its layout's name and version.
_MAGIC = b"linkpolicy-run-5\n"


def _packed(
    inputs: dict[str, Any],
    result: RunResult,
    head: str | None,
    day: str | None = None,
    previous: segments.Previous | None = None,
) -> bytearray:
    """A record, compressed: the pages' entries, each JSON of its own (a run decodes only
    the pages it reports), then the JSON document that says where each is (with the
    inputs and figures) and its size. Written as it is made (a big site's entries are
    neither gathered nor copied), in segments: those the ``previous`` record has are
    copied as they were compressed (see :mod:`.segments`)."""
    writer = segments.Writer(previous)
    writer.write(_MAGIC)
    doc = {"inputs": inputs, "result": result.encode(writer.write), "head": head, "day": day}
    text = json.dumps(doc, separators=(",", ":")).encode("utf-8")
    writer.write(text)
    writer.write(len(text).to_bytes(8, "big"))
    return writer.blob()


def _unpacked(data: bytes) -> tuple[dict[str, Any], int, int]:
    """The document of a record :func:`_packed` made (decompressed), and where its
    entries start and end in ``data``; ValueError for anything else."""
    serial._need(data.startswith(_MAGIC) and len(data) >= len(_MAGIC) + 8)
    size = int.from_bytes(data[-8:], "big")
    end = len(data) - 8 - size
    serial._need(end >= len(_MAGIC))
    doc = json.loads(data[end:-8])
    serial._need(isinstance(doc, dict))
    return doc, len(_MAGIC), end


#: Fields of a parsed page that only say where things are on it.
_POSITIONS = {"line", "column", "body_line", "error_line", "error_column"}


def _shape(value: Any, with_text: bool, top: bool = True) -> Any:
    """A parsed page without positions (and without its plain text unless ``with_text``;
    link and mention texts stay): two pages of the same shape have the same links,
    anchors, headings, mentions and front matter."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        out = {}
        for f in dataclasses.fields(value):
            if f.name in _POSITIONS or (top and f.name == "text" and not with_text):
                continue
            item = getattr(value, f.name)
            if f.name == "disabled_lines":
                item = [sorted(v) for _, v in sorted(item.items())]
            elif f.name == "blocks":
                item = sorted(item)  # where the blocks are is for apply_edits to look at again
            elif f.name == "problems":
                item = [message for _, _, message in item]
            out[f.name] = _shape(item, with_text, False)
        return out
    if isinstance(value, list | tuple):
        return [_shape(v, with_text, False) for v in value]
    if isinstance(value, set | frozenset):
        return sorted(map(repr, value))
    if isinstance(value, dict):
        return {repr(k): _shape(v, with_text, False) for k, v in value.items()}
    return value


def _moves(old: Any, new: Any) -> tuple[dict[tuple[int, int], tuple[int, int]], dict[int, int]] | None:
    """Where each link and mention (line, column) and each heading or problem line of ``old`` is on
    ``new`` (same shape); None if one old position would go to two places."""
    spots: dict[tuple[int, int], tuple[int, int]] = {}
    lines: dict[int, int] = {}
    marks = [*zip(old.links, new.links, strict=True), *zip(old.mentions, new.mentions, strict=True)]
    for a, b in marks:
        if spots.setdefault((a.line, a.column), (b.line, b.column)) != (b.line, b.column):
            return None
    pairs = [(a.line, b.line) for a, b in zip(old.headings, new.headings, strict=True)]
    pairs += [(a[0], b[0]) for a, b in zip(old.problems, new.problems, strict=True)]
    for a, b in pairs:
        if lines.setdefault(a, b) != b:
            return None
    return spots, lines


def _moved(
    finding: Finding, spots: dict[tuple[int, int], tuple[int, int]], lines: dict[int, int]
) -> Finding | None:
    """``finding`` at its place on the edited page, or None if its place is unknown."""
    at = (finding.line, finding.column)
    if at in spots:
        line, column = spots[at]
    elif finding.line in lines:
        line, column = lines[finding.line], finding.column
    elif at == (1, 1):
        line, column = at  # a finding about the whole page
    else:
        return None
    return dataclasses.replace(finding, line=line, column=column)


#: What of a parsed page no link rule of another page reads: an edit that changes no
#: more (its links, prose, mentions, blocks, problems, inline comments) leaves every
#: other page's link findings as they were (they read a target's front matter, URL and
#: anchors, never its links).
_OWN = frozenset({"links", "text", "mentions", "blocks", "problems", "disabled_file", "disabled_lines"})


@dataclass(frozen=True)
class LinkEdits:
    """Edits that changed the links of ``pages`` (and perhaps their prose) and nothing
    another page's link rules read: the site's graph changed, so the run is a full one,
    but every other page's link-rule findings are as recorded."""

    pages: frozenset[str]
    #: the link rules' findings on every other page, those `rules.ignore` dropped included
    #: (the run drops them again, and unused-ignore sees them as a cold run's would)
    findings: list[Finding]

    @classmethod
    def of(cls, record: RunResult, pages: Iterable[str]) -> LinkEdits:
        """The link findings of ``record`` off ``pages`` (the record itself is let go: a
        big site's would stay in memory through the whole run)."""
        from .rules import LINK_RULES

        edited = frozenset(pages)
        kept: list[Finding] = []
        for table in (record.by_path, record.dropped):
            for path in table:
                if path not in edited:
                    kept += [f for f in table[path] if f.rule in LINK_RULES]
        return cls(edited, kept)


def apply_edits(
    root: Path, loaded: Any, result: RunResult, inputs: dict[str, Any], changed: list[str], with_text: bool
) -> tuple[RunResult, dict[str, Any]] | frozenset[str] | None:
    """The recorded result after ``changed`` pages were edited, when each edit leaves its
    page's links, anchors, headings, includes and front matter as they were (positions
    aside): the site, its graph and every other page's findings are then unchanged, and
    the edited page's findings move with the links and headings they sit on. When the
    edits change the pages' own links too but nothing else other pages read of them,
    the pages changed (for :class:`LinkEdits`, or :mod:`.delta`). None when an edit changes
    more (or a file that is no page changed): run in full."""
    from .io import UnreadableFile
    from .site.build import PageReader

    source = WorkTree(root)
    started = time.time_ns()
    facts, by_path, dropped = result.facts, result.by_path, result.dropped
    reads = dict(inputs["reads"])
    stale = stale_block_rule(loaded)
    reader = PageReader(source, loaded, root)
    digests = inputs.get("digests") or {}
    linked = False  # whether an edit changed its page's own links
    for path in changed:
        fact = facts.get(path)
        if fact is None and isinstance(digests.get(path), str):
            # a file that is no page (a config file, a template): unchanged if its bytes are
            try:
                same = _digest(source.read(path)) == digests[path]
            except OSError:
                return None
            if not same:
                return None
            reads[path] = _stat(root / path)
            continue
        if fact is None or fact.key is None or not path.endswith(fact.rel):
            return None
        try:
            data, text, key, includes = reader.read(path, path[: len(path) - len(fact.rel)])
        except (UnreadableFile, OSError):
            return None
        reads[path] = _stat(root / path)
        if key == fact.key:
            continue  # the same bytes (touched, checked out again, racy): as recorded, unparsed
        new = reader.parsed(path, text, key)
        old = reader.cache.get(fact.key, stamp=False)  # the recorded version, to compare
        if old is None or includes != fact.includes:
            return None
        if (shape := _shape(old, with_text)) != (new_shape := _shape(new, with_text)):
            if any(shape[k] != new_shape[k] for k in shape if k not in _OWN):
                return None
            linked = True
            continue
        moves = _moves(old, new)
        if moves is None:
            return None
        moved = [_moved(f, *moves) for f in by_path.get(path, [])]
        moved_dropped = [_moved(f, *moves) for f in dropped.get(path, [])]
        if None in moved or None in moved_dropped:
            return None
        if stale is not None and (old.blocks or new.blocks or fact.blocks):
            # the blocks are where the edit left them: what they should hold is as it was
            kept = _blocks_checked(loaded, path, data, fact, new, stale)
            if kept is None:
                return None
            moved = [f for f in moved if f is not None and f.rule != stale[0]] + kept
        if path in by_path:
            by_path = by_path.replaced(path, moved)  # type: ignore[arg-type]
        if path in dropped:
            dropped = dropped.replaced(path, moved_dropped)  # type: ignore[arg-type]
        facts = facts.replaced(
            path,
            PageFacts(
                fact.rel,
                set(new.disabled_file),
                {k: set(v) for k, v in new.disabled_lines.items()},
                key,
                includes,
                fact.linked_from,  # the page's links are as they were, and so are everyone else's
                fact.url,
                fact.blocks,
            ),
        )
    reader.cache.save()  # the edited pages parsed: a full run finds them there
    if linked:  # every edited page's link findings are made again (the others' moved too)
        return frozenset(changed)
    disabling = {p for p in result.disabling if p not in changed}
    disabling |= {p for p in changed if p in facts and (facts[p].disabled_file or facts[p].disabled_lines)}
    edited = dataclasses.replace(
        result, facts=facts, by_path=by_path, disabling=frozenset(disabling), dropped=dropped
    )
    return edited, inputs_after(inputs, reads, changed, started)


def inputs_after(
    inputs: dict[str, Any], reads: dict[str, list[int] | None], changed: list[str], started: int
) -> dict[str, Any]:
    """A record's ``inputs`` after the files ``changed`` were read again from ``started``
    on, their stats now those of ``reads``."""
    racy = [p for p in inputs["unsettled"] if p not in changed]
    racy += _unsettled(((p, reads[p]) for p in changed), started)
    return {**inputs, "reads": reads, "checked": started, "unsettled": sorted(racy)}


def stale_block_rule(loaded: Any) -> tuple[str, Severity] | None:
    """The stale-link-block rule's id and severity when it runs and the policy has blocks
    (else None: no page's blocks make findings)."""
    from .engine import configure_rules

    if not loaded.policy.blocks:
        return None
    for rule in configure_rules(loaded):
        if rule.module.ID == "stale-link-block" and rule.severity is not Severity.OFF:
            return rule.module.ID, rule.severity
    return None


def ignore_may_hide(loaded: Any, rule: str) -> bool:
    """Whether an entry of the policy's `rules.ignore` may drop findings of ``rule``: a
    record keeps findings after the ignores, so it cannot tell what such an entry hid."""
    return any(e.rule in ("*", rule) for e in loaded.policy.rules.ignore)


def _blocks_checked(
    loaded: Any, path: str, data: bytes, fact: PageFacts, new: Any, stale: tuple[str, Severity]
) -> list[Finding] | None:
    """The stale-link-block findings on the edited page at ``path`` (``data``, read as
    ``new``): its
    blocks checked against what the recorded run planned for them, which an edit that
    leaves the page's links, headings and front matter as they were does not change.
    None when that cannot be known here: the run did not plan the page, or an entry of
    `rules.ignore` may hide such a finding (unused-ignore reads them all)."""
    from .generate import markers
    from .generate.plan import page_changes
    from .rules import stale_link_block

    rule, severity = stale
    if fact.blocks is None or ignore_may_hide(loaded, rule):
        return None
    inserts = {b.name: b.insert for b in loaded.policy.blocks}
    try:
        decoded = markers.decode(data)
    except UnicodeDecodeError:
        return None
    page = fact.url or None
    try:
        changes = page_changes(path, new, data, decoded, fact.blocks, inserts, lean=True)
    except markers.Refused as exc:
        if stale_link_block.shown_elsewhere(exc.message, new.problems):
            return []
        return [Finding(rule, severity, path, exc.line, 1, stale_link_block.refused(exc.message), page)]
    return [
        Finding(rule, severity, path, c.line, 1, stale_link_block.changed(c.name, c.missing), page)
        for c in changes
    ]
