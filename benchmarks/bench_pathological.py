"""Benchmark: the cost of reading one page grows linearly with its size, on ordinary
pages and on inputs that used to be quadratic.

    python benchmarks/bench_pathological.py [--quick]

Links per second of ``parse_page`` on one page with 1k to 400k links (one paragraph, and
one link a line) should stay flat: the ratio of each size to the smallest is printed and
should stay near 1. For each pathological input, the time per KB at 8x its base size
over the time per KB at the base size is printed: near 1 means linear, near 8 quadratic.
Bare markdown-it-py on the same text is the floor (its own quirks are not ours), shown
as the last column. Nothing is written.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable

from markdown_it import MarkdownIt

from linkpolicy.content.frontmatter import parse_front_matter
from linkpolicy.content.markdown import parse_page

_MD = MarkdownIt("commonmark")


def timed(fn: Callable[[], object], repeat: int = 3) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best


def one_paragraph(n: int) -> str:
    return " ".join(f"[link {i}](page-{i}.md)" for i in range(n)) + "\n"


def one_a_line(n: int) -> str:
    return "".join(f"- [link {i}](page-{i}.md)\n" for i in range(n))


#: name -> text of ``n`` units (the base size is ``n = 1``)
PATHOLOGICAL: dict[str, Callable[[int], str]] = {
    "attr list: '{' then '#' x 25k": lambda n: "{" + "#" * (25_000 * n) + "\n",
    "shortcodes: '{{< ref a ' x 1k": lambda n: "{{< ref a " * (1_000 * n) + "\n",
    "links: one paragraph, 5k": lambda n: one_paragraph(5_000 * n),
    "heading: spaces x 25k": lambda n: "# a" + " " * (25_000 * n) + "b\n",
    "html: '<a href' x 2k": lambda n: "<a href='x.md'>x</a> " * (2_000 * n) + "\n",
    "nesting: '> ' x 2k": lambda n: "> " * (2_000 * n) + "x\n",
    # the checks that send a page to the reference parser, each once quadratic in a line
    "definitions: 'x]: ' x 5k, one line": lambda n: "x]: " * (5_000 * n) + "\nfoo\n",
    "table opener: '<' then ' a |' x 5k": lambda n: "<" + " a |" * (5_000 * n) + "\n| x |\n",
    "quote over pipes: '>' then ' a |' x 5k": lambda n: ">" + " a |" * (5_000 * n) + "\n| x |\n",
    "text over pipes: 'word ' x 5k": lambda n: "word " * (5_000 * n) + "\n| x |\n",
}


def links_per_second(sizes: list[int]) -> None:
    print("links per second, one page (ratio to the smallest page; flat is ~1.0)")
    for name, make in (("one paragraph", one_paragraph), ("one a line", one_a_line)):
        base = None
        for n in sizes:
            text = make(n)
            seconds = timed(lambda text=text: parse_page(text), repeat=1 if n > 50_000 else 3)
            rate = n / seconds
            base = base or rate
            print(f"  {name:14} {n:>8,} links  {rate:>10,.0f}/s  ratio {rate / base:5.2f}")


def per_kb(scale: int) -> None:
    print(f"\ntime per KB at {scale}x the size / at 1x (linear ~1.0, quadratic ~{scale}.0)")
    print(f"  {'input':36} {'1x KB':>7} {'ratio':>6} {'markdown-it alone':>18}")
    for name, make in PATHOLOGICAL.items():
        small, big = make(1), make(scale)
        ours = _ratio(lambda t: parse_page(t), small, big)
        floor = _ratio(lambda t: _MD.parse(t), small, big)
        print(f"  {name:36} {len(small) / 1024:7.0f} {ours:6.2f} {floor:18.2f}")
    small = ["---", "x: " + "[" * 100 + "]" * 100, "---"]
    big = ["---", "x: " + "[" * 800 + "]" * 800, "---"]
    print(f"  {'front matter: [ x 100':36} {0:7.0f} {_ratio(parse_front_matter, small, big):6.2f}")


def _ratio(fn: Callable[[object], object], small: object, big: object) -> float:
    t_small = timed(lambda: fn(small))
    t_big = timed(lambda: fn(big))
    size_small = sum(map(len, small)) if isinstance(small, list) else len(small)  # type: ignore[arg-type]
    size_big = sum(map(len, big)) if isinstance(big, list) else len(big)  # type: ignore[arg-type]
    return (t_big / size_big) / (t_small / size_small)


def main() -> None:
    parse_page(one_paragraph(500))  # warm up caches and the parser
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="stop at 50k links and 4x sizes")
    args = parser.parse_args()
    sizes = [1_000, 10_000, 50_000] if args.quick else [1_000, 10_000, 100_000, 400_000]
    links_per_second(sizes)
    per_kb(4 if args.quick else 8)


if __name__ == "__main__":
    main()
