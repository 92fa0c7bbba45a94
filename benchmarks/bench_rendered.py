"""Benchmark: reading a built site's HTML as the link graph (`check --rendered`).

    python benchmarks/bench_rendered.py BUILT_DIR [--corpus ../shared/corpora/hugo-docs]
        [--policies tests/corpora/hugo-docs/policies] [--repeat 3]

BUILT_DIR is the output of ../shared/corpora/hugo-docs-build/build.sh (788 pages). The
sources are analysed once (not timed); then, best of --repeat runs, the time to read
every HTML file, parse it, map it to its source page and make the graph's edges, against
two floors measured in the same run: reading the files' bytes, and reading and parsing
them with lexbor (no CSS queries, no URL resolution). Target: under 2 s on 2 cores.
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
import time
from pathlib import Path

from selectolax.lexbor import LexborHTMLParser

from linkpolicy.api import analyse
from linkpolicy.site.rendered import html_files, read_rendered

ROOT = Path(__file__).resolve().parents[1]


def best(repeat: int, func) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("built", type=Path)
    ap.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpora" / "hugo-docs")
    ap.add_argument("--policies", type=Path, default=ROOT / "tests" / "corpora" / "hugo-docs" / "policies")
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "site"
        shutil.copytree(args.corpus, root)
        analysis = analyse(root, args.policies.resolve(), cwd=root)
    site, spec = analysis.site, analysis.policy.policy.site
    files = [path for _, path in html_files(args.built)]

    def read_bytes() -> None:
        for path in files:
            path.read_bytes()

    def parse_only() -> None:
        for path in files:
            LexborHTMLParser(path.read_bytes())

    result = None

    def rendered() -> None:
        nonlocal result
        result = read_rendered(site, args.built, str(args.built), spec.base_url, spec.hosts)

    floor = best(args.repeat, read_bytes)
    parse = best(args.repeat, parse_only)
    took = best(args.repeat, rendered)
    assert result is not None
    mapped = result.html_pages - len(result.built_only)
    print(f"HTML files {len(files)}, pages mapped {mapped}, edges {len(result.edges)}")
    print(f"read bytes (floor)   {floor:.3f} s")
    print(f"read + lexbor parse  {parse:.3f} s  ({parse / floor:.1f}x floor)")
    print(f"rendered graph       {took:.3f} s  ({took / floor:.1f}x floor, {took / parse:.2f}x parse)")
    print(f"target under 2 s: {'met' if took < 2.0 else 'MISSED'}")


if __name__ == "__main__":
    main()
