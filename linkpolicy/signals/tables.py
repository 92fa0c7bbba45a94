"""Rows of a recognised CSV export into the collector: streamed in Python, or, for large
files, summed per URL (and day) by DuckDB reading the file directly."""

from __future__ import annotations

from pathlib import Path

from .collect import Collector
from .exports import NUMERIC, Table, day, index_status, number

#: files at least this large go through DuckDB when it is installed (engine "auto")
DUCKDB_BYTES = 32 * 1024 * 1024


def apply_row(
    collector: Collector, table: Table, cells: dict[str, str], status: tuple[bool, str] | None
) -> bool:
    url = cells.get("url", "").strip()
    if not url or url.startswith("(") or url.lower() in ("grand total", "total"):
        return False  # GA4's "(not set)" and total rows name no page
    record = collector.at(url)
    record.rows += int(number(cells.get("rows", "1")) or 1)
    clicks, impressions = number(cells.get("clicks", "")), number(cells.get("impressions", ""))
    sessions = number(cells.get("sessions", ""))
    record.clicks += int(clicks)
    record.impressions += int(impressions)
    if "position_sum" in cells:
        record.position_sum += number(cells["position_sum"])
    elif cells.get("position", "").strip():
        record.position_sum += number(cells["position"]) * impressions
    record.sessions += int(sessions)
    record.engaged_sessions += int(number(cells.get("engaged_sessions", "")))
    record.conversions += number(cells.get("conversions", ""))
    when = day(cells.get("date", "")) if cells.get("date") else None
    if when is not None:
        record.daily_clicks[when] += int(clicks)
        record.daily_sessions[when] += int(sessions)
    crawled = day(cells.get("last_crawl", "")) if cells.get("last_crawl") else None
    if (
        crawled is not None
        and crawled.year > 1970
        and (record.last_crawl is None or crawled > record.last_crawl)
    ):
        record.last_crawl = crawled  # Search Console's 1969-12-31 means never crawled
    if "indexed" in cells:
        record.indexed, record.index_reason = _indexed(cells["indexed"], cells.get("reason", ""))
    elif status is not None:
        record.indexed, record.index_reason = status
    return True


def _indexed(value: str, reason: str) -> tuple[bool, str]:
    v = value.strip().lower()
    if v in ("true", "yes", "1", "indexed", "y"):
        return True, ""
    if v in ("false", "no", "0", "n", "not indexed"):
        return False, reason.strip() or "not indexed"
    indexed, text = index_status(value)
    return indexed, reason.strip() or text


def read_python(collector: Collector, table: Table, status: tuple[bool, str] | None) -> tuple[int, int]:
    """Stream the rows; returns (rows read, rows naming no page)."""
    rows = skipped = 0
    index = table.index
    for row in table.rows:
        if not row or not any(c.strip() for c in row):
            continue
        cells = {f: row[i] for f, i in index.items() if i < len(row)}
        if apply_row(collector, table, cells, status):
            rows += 1
        else:
            skipped += 1
    return rows, skipped


def duckdb_available() -> bool:
    try:
        import duckdb  # noqa: F401
    except ImportError:
        return False
    return True


def read_duckdb(
    collector: Collector, table: Table, path: Path, status: tuple[bool, str] | None
) -> tuple[int, int]:
    """Sum the numeric columns per URL (and date) in DuckDB, then apply one row per group."""
    import duckdb

    def col(field: str) -> str:
        return '"' + table.header[table.index[field]].replace('"', '""') + '"'

    def num(field: str) -> str:
        if field not in table.index:
            return "0"
        text = f"replace(replace(trim({col(field)}), ',', ''), '%', '')"
        return f"coalesce(try_cast({text} AS DOUBLE), 0)"

    keys = [col("url")] + ([col("date")] if "date" in table.index else [])
    sums = ", ".join(f"sum({num(f)}) AS {f}" for f in NUMERIC if f != "position")
    position = f"sum({num('position')} * {num('impressions')}) AS position_sum"
    query = (
        f"SELECT {', '.join(keys)}, count(*) AS rows, {sums}, {position} "
        f"FROM read_csv(?, header = true, skip = ?, delim = ?, all_varchar = true, quote = '\"', "
        f"ignore_errors = true, strict_mode = false) GROUP BY ALL"
    )
    con = duckdb.connect()
    try:
        result = con.execute(query, [str(path), table.skip, table.delimiter])
        names = [d[0] for d in result.description]
        names[0] = "url"
        if "date" in table.index:
            names[1] = "date"
        rows = skipped = 0
        while batch := result.fetchmany(10_000):
            for values in batch:
                cells = {n: "" if v is None else str(v) for n, v in zip(names, values, strict=True)}
                if apply_row(collector, table, cells, status):
                    rows += int(float(cells["rows"]))
                else:
                    skipped += int(float(cells["rows"]))
        return rows, skipped
    finally:
        con.close()
