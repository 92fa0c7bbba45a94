"""Benchmark: `linkpolicy check` on a real corpus, as a ratio to a floor measured in the
same run (bare markdown-it-py parsing of the same files), because machines are noisy.

    python benchmarks/bench_check.py [--corpus ../shared/corpora/hugo-docs] [--repeat 3]

Prints wall time and peak memory (tracemalloc) of each, and the ratios. It copies
nothing and writes nothing: the corpus is read in place with a policy from
benchmarks/policies/<corpus name>/ when one exists, else a minimal one made in a
temporary directory.
"""

from __future__ import annotations

import argparse
import gc
import statistics
import tempfile
import time
import tracemalloc
from pathlib import Path

from markdown_it import MarkdownIt

from linkpolicy.api import check

HERE = Path(__file__).resolve().parent
DEFAULT_CORPUS = HERE.parent.parent / "shared" / "corpora" / "hugo-docs"

MINIMAL = {
    "hugo-docs": "site:\n  base_url: https://gohugo.io/\n  content: content/en/\n  generator: hugo\n",
    "mkdocs-material": "site:\n  base_url: https://squidfunk.github.io/mkdocs-material/\n"
    "  content: docs/\n  generator: mkdocs\n  home: index.md\n",
}


def floor(files: list[Path]) -> None:
    md = MarkdownIt("commonmark").enable(["table", "strikethrough"])
    for path in files:
        md.parse(path.read_text(encoding="utf-8", errors="replace"))


def measure(fn, repeat: int) -> tuple[float, float]:
    """Median wall time of ``repeat`` runs, then peak traced memory of one more run
    (tracemalloc slows Python down, so it never runs under the clock)."""
    times = []
    for _ in range(repeat):
        gc.collect()
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    gc.collect()
    tracemalloc.start()
    fn()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return statistics.median(times), peak / 2**20


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    corpus = args.corpus.resolve()
    files = sorted(p for p in corpus.rglob("*.md") if p.is_file())
    policies = HERE / "policies" / corpus.name
    with tempfile.TemporaryDirectory() as tmp:
        if not policies.is_dir():
            policies = Path(tmp)
            (policies / "site.yaml").write_text(MINIMAL.get(corpus.name, MINIMAL["hugo-docs"]))
        report_holder = {}

        def run() -> None:
            report_holder["r"] = check(corpus, policies, cwd=corpus)

        t_floor, m_floor = measure(lambda: floor(files), args.repeat)
        t_check, m_check = measure(run, args.repeat)
    report = report_holder["r"]
    print(
        f"corpus: {corpus.name}: {len(files)} Markdown files, {report.pages} published pages, "
        f"{report.links} links, {len(report.findings)} findings"
    )
    print(f"floor (markdown-it-py parse only): {t_floor:.2f} s, peak {m_floor:.0f} MiB")
    print(f"linkpolicy check:                  {t_check:.2f} s, peak {m_check:.0f} MiB")
    print(f"ratio: time x{t_check / t_floor:.2f}, memory x{m_check / max(m_floor, 0.1):.2f}")


if __name__ == "__main__":
    main()
