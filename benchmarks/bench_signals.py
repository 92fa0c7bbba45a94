"""Benchmark: `signals` streams a generated access log (Combined Log Format, gzip) in
bounded memory.

    python benchmarks/bench_signals.py [--lines 1000000 10000000] [--paths 5000]

For each size, writes a log to a temporary directory, then in fresh processes measures
(1) the floor: a bare ``for line in gzip.open(path)`` loop, and (2) the signals reader
(every line parsed, crawlers told by user agent, hits per URL and day), each with its own
peak RSS. Prints lines per second, the reader's time as a ratio to the floor of the same
run, and peak RSS per size: it must not grow with the number of lines.
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import subprocess
import sys
import tempfile
from pathlib import Path

AGENTS = (
    "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
    "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0",
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1",
    "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148",
    "python-requests/2.32.3",
)
MONTHS = ("Sep", "Oct", "Nov")


def generate(path: Path, lines: int, paths: int) -> None:
    """A pool of distinct lines (paths, days, agents, statuses), written over and over."""
    rng = random.Random(7)
    pool = []
    for i in range(20_011):
        page = f"/docs/section-{i % 40}/page-{rng.randrange(paths)}/"
        if i % 9 == 0:
            page += f"?utm_source=s{i % 13}"
        day = f"{1 + i % 28:02d}/{MONTHS[i % 3]}/2026"
        status = (200, 200, 200, 301, 404)[i % 5]
        agent = AGENTS[rng.randrange(len(AGENTS))]
        pool.append(
            f'203.0.113.{i % 250} - - [{day}:{i % 24:02d}:{i % 60:02d}:07 +0000] "GET {page} HTTP/1.1" '
            f'{status} {1000 + i % 9000} "-" "{agent}"\n'
        )
    block = "".join(pool).encode()
    with gzip.open(path, "wb", compresslevel=1) as out:
        full, rest = divmod(lines, len(pool))
        for _ in range(full):
            out.write(block)
        out.write("".join(pool[:rest]).encode())


CHILD_FLOOR = """
import gzip, resource, sys, time, json
t = time.perf_counter(); n = 0
for line in gzip.open(sys.argv[1]):
    n += 1
print(json.dumps({"seconds": time.perf_counter() - t, "lines": n,
                  "rss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}))
"""

CHILD_SIGNALS = """
import resource, sys, time, json
from pathlib import Path
from linkpolicy.signals.sources import read_all
t = time.perf_counter()
collector, notes, end = read_all([Path(sys.argv[1])])
print(json.dumps({"seconds": time.perf_counter() - t, "lines": collector.sources[0].rows,
                  "urls": len(collector.records),
                  "rss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}))
"""


def run(code: str, path: Path) -> dict[str, float]:
    out = subprocess.run([sys.executable, "-c", code, str(path)], check=True, capture_output=True, text=True)
    return json.loads(out.stdout)


def _line(lines: int, floor: dict[str, float], reader: dict[str, float]) -> str:
    speed = floor["seconds"] / reader["seconds"]
    return (
        f"{lines:>11,} lines: floor {floor['seconds']:.1f} s ({lines / floor['seconds']:,.0f} lines/s, "
        f"peak RSS {floor['rss_kb'] / 1024:.0f} MiB); signals {reader['seconds']:.1f} s "
        f"({lines / reader['seconds']:,.0f} lines/s, {speed:.2f} of the floor's speed, "
        f"{int(reader['urls']):,} URLs, peak RSS {reader['rss_kb'] / 1024:.0f} MiB)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, nargs="+", default=[1_000_000, 10_000_000])
    parser.add_argument("--paths", type=int, default=5000)
    args = parser.parse_args()
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        for lines in args.lines:
            path = Path(tmp) / f"access-{lines}.log.gz"
            generate(path, lines, args.paths)
            floor = run(CHILD_FLOOR, path)
            reader = run(CHILD_SIGNALS, path)
            path.unlink()
            assert reader["lines"] == lines == floor["lines"], (reader, floor)
            results.append((lines, floor, reader))
            print(_line(lines, floor, reader), flush=True)
    if len(results) > 1:
        (small, _, a), (big, _, b) = results[0], results[-1]
        print(
            f"peak RSS at {big:,} lines / at {small:,}: {b['rss_kb'] / a['rss_kb']:.2f}; "
            f"lines per second at {big:,} / at {small:,}: {(big / b['seconds']) / (small / a['seconds']):.2f}"
        )


if __name__ == "__main__":
    main()
