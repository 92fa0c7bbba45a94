"""Every file under the paths given, recognised from its content (never its name): an
access log from the shape of its first lines, a CSV export from its header row. Gzip is
recognised from its magic bytes."""

from __future__ import annotations

import datetime as dt
import gzip
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import IO

from ..errors import UsageError
from ..io import RefusedFile, open_regular, text_stream
from . import accesslog
from .collect import Collector
from .exports import Table, indexing_status, recognise
from .model import SourceFile
from .tables import DUCKDB_BYTES, duckdb_available, read_duckdb, read_python

ENGINES = ("auto", "python", "duckdb")


def files_of(paths: Sequence[Path]) -> Iterator[tuple[Path, bool]]:
    """(file, named on the command line) for each path; folders are walked in name order,
    skipping dot files and folders."""
    for path in paths:
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                rel = child.relative_to(path).parts
                if child.is_file() and not any(part.startswith(".") for part in rel):
                    yield child, False
        elif path.exists():
            yield path, True
        else:
            raise UsageError(f"{path}: no such file or folder")


def _binary(path: Path) -> IO[bytes]:
    handle = open_regular(path)
    if handle.read(2) == b"\x1f\x8b":
        handle.seek(0)
        return gzip.GzipFile(fileobj=handle, mode="rb")  # type: ignore[return-value]
    handle.seek(0)
    return handle


def _head(binary: IO[bytes]) -> list[bytes]:
    data = binary.peek(16384)[:16384] if hasattr(binary, "peek") else b""
    return data.split(b"\n")[:5] if b"\n" in data else [data]


def read_all(
    paths: Sequence[Path], columns: dict[str, str] | None = None, engine: str = "auto"
) -> tuple[Collector, list[str], dt.date | None]:
    """Read every file into one collector; returns it, notes on skipped files, and the
    last day the access logs cover."""
    collector = Collector()
    notes: list[str] = []
    log_end: dt.date | None = None
    for path, named in files_of(paths):
        try:
            end = _read_one(path, collector, columns, engine, notes, named)
        except RefusedFile as exc:
            raise UsageError(str(exc)) from None
        except OSError as exc:
            raise UsageError(f"{path}: cannot read ({exc.strerror or exc})") from None
        except (EOFError, gzip.BadGzipFile, UnicodeError) as exc:
            raise UsageError(f"{path}: not readable ({exc})") from None
        if end is not None and (log_end is None or end > log_end):
            log_end = end
    if not collector.sources:
        raise UsageError(f"no access log or export found in {', '.join(str(p) for p in paths)}")
    return collector, notes, log_end


def _read_one(
    path: Path,
    collector: Collector,
    columns: dict[str, str] | None,
    engine: str,
    notes: list[str],
    named: bool,
) -> dt.date | None:
    with _binary(path) as binary:
        fmt = accesslog.detect(_head(binary))
        if fmt is not None:
            label = (
                "access log (Combined Log Format)" if fmt == "combined" else "access log (Common Log Format)"
            )
            source = SourceFile(str(path), fmt, label)
            collector.sources.append(source)
            collector.kinds.add("log-" + fmt)
            return accesslog.read_log(binary, collector, source)
        handle = text_stream(binary)
        table = recognise(path, handle, columns)
        if isinstance(table, str):
            if named and "skipped" not in table:
                raise UsageError(table)
            notes.append(table)
            return None
        _read_table(path, table, collector, engine, notes)
    return None


def _read_table(path: Path, table: Table, collector: Collector, engine: str, notes: list[str]) -> None:
    source = SourceFile(str(path), table.kind, table.label)
    collector.sources.append(source)
    collector.kinds.add(table.kind)
    status = None
    if table.kind == "gsc-indexing":
        status = indexing_status(path)
        if status is None:
            notes.append(f"{path}: page-indexing table without its Metadata.csv; index status unknown")
    numeric = not ({"indexed", "reason", "last_crawl"} & set(table.index))
    big = path.stat().st_size >= DUCKDB_BYTES
    use_duckdb = numeric and (engine == "duckdb" or (engine == "auto" and big and duckdb_available()))
    if engine == "duckdb" and not duckdb_available():
        raise UsageError("--engine duckdb needs the duckdb package (pip install 'linkpolicy[signals]')")
    if use_duckdb:
        source.rows, source.skipped = read_duckdb(collector, table, path, status)
    else:
        source.rows, source.skipped = read_python(collector, table, status)
