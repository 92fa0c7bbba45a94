"""Benchmark: the HTML report of a large site, its size and the time Chromium takes to open it.

    python benchmarks/bench_report.py [--corpus ../shared/corpora/hugo-docs]
        [--policies tests/corpora/hugo-docs/policies] [--chromium /usr/bin/chromium] [--repeat 3]

The site is analysed once (not timed). Then, best of --repeat: rendering the report, and
opening it in headless Chromium (a fresh tab, from navigation to the load event and two
animation frames, so layout and the first paint are in) against two floors opened in the
same run: a minimal HTML file (the browser's own cost), and the report's tables alone (no
picture, no script, no style). Targets: under 5 MB, open in under 3 s.
"""

from __future__ import annotations

import argparse
import re
import shutil
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from playwright.sync_api import sync_playwright

from linkpolicy import api

ROOT = Path(__file__).resolve().parents[1]
PAINTED = "() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))"


def best(repeat: int, func: Callable[[], object]) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return min(times)


def open_time(browser, path: Path, repeat: int) -> float:
    def once() -> None:
        tab = browser.new_page(viewport={"width": 1280, "height": 1000})
        start = time.perf_counter()
        tab.goto(path.as_uri(), wait_until="load")
        tab.evaluate(PAINTED)
        times.append(time.perf_counter() - start)
        tab.close()

    times: list[float] = []
    for _ in range(repeat):
        once()
    return min(times)


def tables_only(html: str) -> str:
    for tag in ("script", "style", "svg"):
        html = re.sub(rf"<{tag}\b.*?</{tag}>", "", html, flags=re.S)
    return html


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpora" / "hugo-docs")
    ap.add_argument("--policies", type=Path, default=ROOT / "tests" / "corpora" / "hugo-docs" / "policies")
    ap.add_argument("--chromium", default="/usr/bin/chromium")
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        root = folder / "site"
        shutil.copytree(args.corpus, root)
        analysis = api.analyse(root, args.policies.resolve(), cwd=root)
        stats = api.stats_of(analysis)
        html = ""

        def render() -> None:
            nonlocal html
            html = api.html_report(analysis, stats)

        took = best(args.repeat, render)
        report = folder / "report.html"
        report.write_text(html, encoding="utf-8")
        minimal = folder / "minimal.html"
        minimal.write_text("<!DOCTYPE html><title>x</title><p>x</p>", encoding="utf-8")
        tables = folder / "tables.html"
        tables.write_text(tables_only(html), encoding="utf-8")
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=args.chromium, args=["--no-sandbox"])
            floor = open_time(browser, minimal, args.repeat)
            plain = open_time(browser, tables, args.repeat)
            opened = open_time(browser, report, args.repeat)
            browser.close()
    size = len(html.encode("utf-8"))
    print(f"pages {stats.pages}, edges {len(stats.edge_list)}, report {size / 1e6:.2f} MB")
    print(f"render report        {took:.3f} s")
    print(f"open minimal (floor) {floor:.3f} s")
    print(f"open tables only     {plain:.3f} s  ({plain / floor:.1f}x floor)")
    print(f"open report          {opened:.3f} s  ({opened / floor:.1f}x floor, {opened / plain:.2f}x tables)")
    print(f"target under 5 MB: {'met' if size < 5 * 1024 * 1024 else 'MISSED'}")
    print(f"target open under 3 s: {'met' if opened < 3.0 else 'MISSED'}")


if __name__ == "__main__":
    main()
