"""Benchmark: warm and incremental `check`, as ratios to floors measured in the same run
(CPU seconds, so a loaded machine skews them less than wall time):

- parse floor: bare markdown-it-py parsing of the same files, in one process;
- import floor: a bare interpreter importing click, pydantic, ruamel.yaml, networkx,
  markdown-it-py and jinja2.

    python benchmarks/bench_incremental.py [--pages 10000] [--site DIR] [--link-edit]

It builds a synthetic site (benchmarks/incremental_site.py) in a temporary folder (or
uses ``--site``, made by that script, as it is), runs one `check` to fill the cache, then
measures: a second `check` with nothing changed (target <= 0.05 x parse floor), and
`check FILE` after a new paragraph in one page (the pre-commit case; target <= 2 x import
floor). ``--link-edit`` also measures `check FILE` after adding a link to one page,
which changes the graph and so runs in full over the cached parse.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from markdown_it import MarkdownIt

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from incremental_site import generate  # noqa: E402

IMPORTS = "import click, pydantic, ruamel.yaml, networkx, markdown_it, jinja2"


def child_cpu(cmd: list[str], cwd: Path) -> float:
    """CPU seconds (user + system) of one child process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def median_cpu(cmd: list[str], cwd: Path, repeat: int, before=None) -> float:
    times = []
    for i in range(repeat):
        if before is not None:
            before(i)
        times.append(child_cpu(cmd, cwd))
    return statistics.median(times)


def parse_floor(root: Path) -> float:
    md = MarkdownIt("commonmark").enable(["table", "strikethrough"])
    files = sorted((root / "docs").rglob("*.md"))
    start = time.process_time()
    for path in files:
        md.parse(path.read_text(encoding="utf-8", errors="replace"))
    return time.process_time() - start


def check(*args: str) -> list[str]:
    return [sys.executable, "-m", "linkpolicy.cli", "check", "--format", "json", "--quiet", *args]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pages", type=int, default=10_000)
    parser.add_argument("--site", type=Path, help="a site made by incremental_site.py, used as it is")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--link-edit", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = args.site.resolve() if args.site else Path(tmp) / "site"
        if not args.site:
            generate(root, args.pages)
        page = sorted((root / "docs" / "s1").glob("p*.md"))[0]
        rel = page.relative_to(root).as_posix()
        print(f"site: {root} ({len(list((root / 'docs').rglob('*.md')))} pages)")
        floor = parse_floor(root)
        imports = median_cpu([sys.executable, "-c", IMPORTS], root, args.repeat)
        cold = child_cpu(check(), root)  # fills the cache (cold unless --site was warm)
        time.sleep(2.1)  # past the racy window of the files the run just read
        child_cpu(check(), root)
        warm = median_cpu(check(), root, args.repeat)
        original = page.read_text()

        def reword(i: int) -> None:
            """A new paragraph under the title: every link on the page moves down."""
            head, sep, body = original.partition("\n\n## ")
            page.write_text(f"{head}\n\nIntroduction, take {i + 1}.\n{sep}{body}")

        prose = median_cpu(check(rel), root, args.repeat, reword)
        print(f"parse floor {floor:.2f} s CPU, import floor {imports:.2f} s CPU, first check {cold:.2f} s")
        print(f"warm, nothing changed: {warm:.2f} s = {warm / floor:.3f} x parse floor (target <= 0.05)")
        print(
            f"one page gets a paragraph, check FILE: {prose:.2f} s = "
            f"{prose / imports:.2f} x import floor (target <= 2)"
        )
        if args.link_edit:
            page.write_text(original + "\n[Home](../index.md)\n")
            linked = child_cpu(check(rel), root)
            print(
                f"one page gains a link, check FILE: {linked:.2f} s = {linked / imports:.2f} x import floor"
            )
        page.write_text(original)


if __name__ == "__main__":
    main()
