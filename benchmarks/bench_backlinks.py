"""Benchmark: `backlinks` review of a generated multi-million-row export in flat memory.

    python benchmarks/bench_backlinks.py [--rows 1000000] [--domains 20000]

Writes an Ahrefs-style export (UTF-16, tabs) to a temporary directory, then measures
the review against a floor measured in the same run: reading the same file with the
csv module and nothing else. Prints times and peak traced memory, and their ratios;
peak memory must not grow with the number of rows (run it with two --rows values).
"""

from __future__ import annotations

import argparse
import codecs
import csv
import gc
import io
import random
import tempfile
import time
import tracemalloc
from pathlib import Path

from linkpolicy.backlinks.formats import read_export
from linkpolicy.backlinks.review import review
from linkpolicy.policy.models import Backlinks

HEADER = [
    "Referring page title",
    "Referring page URL",
    "Target URL",
    "Anchor",
    "Nofollow",
    "First seen",
    "Last seen",
    "Lost status",
]


def generate(path: Path, rows: int, domains: int) -> None:
    rng = random.Random(7)
    tlds = ["com", "org", "net", "xyz", "co.uk", "de", "io"]
    names = [f"site{i}.{rng.choice(tlds)}" for i in range(domains)]
    with path.open("wb") as raw:
        raw.write(codecs.BOM_UTF16_LE)
        out = io.TextIOWrapper(raw, encoding="utf-16-le", newline="")
        out.write("\t".join(HEADER) + "\r\n")
        for i in range(rows):
            d = names[rng.randrange(domains)]
            month = 1 + i % 12
            out.write(
                f"Page {i}\thttps://www.{d}/p/{i}\thttps://www.example.com/docs/{i % 50}/\t"
                f"anchor {i % 97}\t{'true' if i % 5 == 0 else 'false'}\t2026-{month:02d}-01 00:00:00\t"
                f"2026-11-01 00:00:00\t\r\n"
            )
        out.flush()


def floor(path: Path) -> int:
    with path.open("r", encoding="utf-16", newline="") as fh:
        return sum(1 for _ in csv.reader(fh, delimiter="\t"))


def run(path: Path) -> int:
    policy = Backlinks(allow=["site1.com"], deny=["*.xyz"], anchor_spam=["/casino|viagra/"])
    return review([read_export(path)], policy).rows


def measure(fn, path: Path) -> tuple[float, float]:
    gc.collect()
    start = time.perf_counter()
    fn(path)
    elapsed = time.perf_counter() - start
    gc.collect()
    tracemalloc.start()
    fn(path)
    peak = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    return elapsed, peak


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--domains", type=int, default=20_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        peaks = []
        for rows in (args.rows, args.rows * 2):
            path = Path(tmp) / f"backlinks-{rows}.csv"
            generate(path, rows, args.domains)
            size = path.stat().st_size / 2**20
            t_floor, m_floor = measure(floor, path)
            t_run, m_run = measure(run, path)
            peaks.append(m_run)
            print(f"export: {rows:,} rows, {args.domains:,} referring domains, {size:.0f} MiB (UTF-16)")
            print(f"  floor (csv.reader only):  {t_floor:.1f} s, peak {m_floor:.1f} MiB")
            print(
                f"  linkpolicy backlinks:     {t_run:.1f} s, peak {m_run:.1f} MiB "
                f"(time x{t_run / t_floor:.2f} the floor)"
            )
            path.unlink()
    # Memory follows referring domains (each keeps at most 20 target pages), not rows.
    print(f"peak memory, twice the rows: x{peaks[1] / peaks[0]:.2f}")


if __name__ == "__main__":
    main()
