"""Benchmark: reading pages (``parse_page``) three ways, as ratios to a floor measured in
the same run — bare single-process markdown-it-py parsing of the same texts:

- reference serial: markdown-it-py alone (``LINKPOLICY_PARSER=reference``), one process;
- fast serial: markdown-it-pyrs where it is proven equal, markdown-it-py elsewhere;
- fast parallel: the same through ``parse_pages`` on every core.

    python benchmarks/bench_parse.py [--pages 10000] [--repeat 3] [--json out.json]

Inputs: a deterministic synthetic site (front matter, prose, 10-40 links of every form,
headings, lists, tables, code) made in memory, and every corpus in ../shared/corpora.
Texts are read before timing; times are wall clock (the parallel one is about wall time),
the median of ``--repeat`` runs.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import random
import statistics
import time
from collections.abc import Callable
from pathlib import Path

from markdown_it import MarkdownIt

from linkpolicy.content import fastparse
from linkpolicy.content.frontmatter import parse_front_matter
from linkpolicy.content.markdown import PARSER_SETTING, parse_page
from linkpolicy.content.parallel import parse_pages, workers

HERE = Path(__file__).resolve().parent
CORPORA = HERE.parent.parent / "shared" / "corpora"
LINKIFY = {"mkdocs-material": "none"}  # MkDocs links no bare URLs; the others do (GFM)

WORDS = (
    "link policy page graph cluster hub anchor text domain outbound crawl index sitemap "
    "render template section guide reference install configure deploy release note"
).split()


def synthetic_pages(count: int, seed: int = 7) -> list[str]:
    """``count`` pages of a site with a few sections, the same for the same seed."""
    rng = random.Random(seed)
    return [_page(rng, i, count) for i in range(count)]


def _page(rng: random.Random, i: int, count: int) -> str:
    def words(n: int) -> str:
        return " ".join(rng.choice(WORDS) for _ in range(n))

    def target() -> str:
        j = rng.randrange(count)
        return f"../s{j % 20}/p{j}.md" + (f"#{rng.choice(WORDS)}" if rng.random() < 0.2 else "")

    forms = [
        lambda: f"[{words(2)}]({target()})",
        lambda: f"[{words(2)}][r{rng.randrange(3)}]",
        lambda: f"![{words(1)}](img/{rng.choice(WORDS)}.png)",
        lambda: f'<a href="{target()}">{words(2)}</a>',
        lambda: f"<https://example.org/{rng.choice(WORDS)}>",
        lambda: f'[**{words(1)}** `{words(1)}`]({target()} "{words(1)}")',
    ]
    out = [f"---\ntitle: {words(3)}\nweight: {i}\ntags: [{words(1)}, {words(1)}]\n---\n", f"# {words(4)}\n"]
    for _ in range(rng.randint(10, 40)):
        kind = rng.random()
        link = rng.choice(forms)()
        if kind < 0.15:
            out.append(f"## {words(3)} {{#{rng.choice(WORDS)}-{rng.randrange(99)}}}\n")
        elif kind < 0.35:
            out.append(f"- {words(5)} {link}\n- {words(3)}\n  - {words(4)} {link}\n")
        elif kind < 0.45:
            out.append(f"| {words(1)} | {words(2)} |\n|---|---|\n| {link} | {words(3)} |\n")
        elif kind < 0.5:
            out.append(f"```sh\n{words(6)} [not](a-link.md)\n```\n")
        elif kind < 0.6:
            out.append(f"> {words(8)} {link}\n> {words(4)}\n")
        else:
            out.append(f"{words(12)} {link} {words(6)},\n{words(9)} *{words(2)}*.\n")
    out.append("".join(f"[r{k}]: {target()}\n" for k in range(3)))
    return "\n".join(out)


def corpus_pages(root: Path) -> list[str]:
    paths = sorted(p for p in root.rglob("*") if p.suffix in (".md", ".mdx") and p.is_file())
    return [p.read_bytes().decode("utf-8", "replace") for p in paths]


def timed(fn: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        gc.collect()
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _read(item: tuple[str, str]) -> object:
    return parse_page(item[0], linkify=item[1])


def measure(texts: list[str], linkify: str, repeat: int) -> dict[str, float]:
    md = MarkdownIt("commonmark").enable(["table", "strikethrough"])
    items = [(t, linkify) for t in texts]

    def floor() -> None:
        for t in texts:
            md.parse(t)

    def serial() -> None:
        for item in items:
            _read(item)

    base = timed(floor, repeat)
    os.environ[PARSER_SETTING] = "reference"
    reference = timed(serial, repeat)
    os.environ[PARSER_SETTING] = "auto"
    fast = timed(serial, repeat)
    fast_parallel = timed(lambda: parse_pages(items, _read), repeat)
    read_fast = sum(fastparse.tokens(_body(t), linkify) is not None for t in texts)
    return {
        "pages": len(texts),
        "floor_s": round(base, 3),
        "reference_serial": round(reference / base, 2),
        "fast_serial": round(fast / base, 2),
        "fast_parallel": round(fast_parallel / base, 2),
        "fast_share": round(read_fast / max(1, len(texts)), 2),
    }


def _body(text: str) -> str:
    lines = text.split("\n")
    return "\n".join(lines[parse_front_matter(lines).body_line :])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--pages", type=int, default=10_000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--json", type=Path)
    args = ap.parse_args()
    if not fastparse.available():
        raise SystemExit("markdown-it-pyrs is not installed: pip install -e '.[fast]'")
    inputs = {f"synthetic {args.pages}": (synthetic_pages(args.pages), "gfm")}
    if CORPORA.is_dir():
        for root in sorted(p for p in CORPORA.iterdir() if p.is_dir()):
            texts = corpus_pages(root)
            if len(texts) >= 50:  # hugo-docs-build holds templates, not pages
                inputs[root.name] = (texts, LINKIFY.get(root.name, "gfm"))
    print(f"{os.cpu_count()} cores, {workers(10**6)} workers; ratios to bare markdown-it-py parsing")
    print(
        f"{'input':<22}{'pages':>7}{'floor s':>9}{'ref serial':>12}{'fast serial':>13}"
        f"{'fast par':>10}{'read fast':>11}"
    )
    results = {}
    for name, (texts, linkify) in inputs.items():
        r = results[name] = measure(texts, linkify, args.repeat)
        print(
            f"{name:<22}{r['pages']:>7}{r['floor_s']:>9}{r['reference_serial']:>11}x"
            f"{r['fast_serial']:>12}x{r['fast_parallel']:>9}x{r['fast_share']:>10.0%}"
        )
    if args.json:
        meta = {"date": time.strftime("%Y-%m-%d"), "machine": platform.platform(), "cores": os.cpu_count()}
        args.json.write_text(json.dumps({"meta": meta, "results": results}, indent=2) + "\n")


if __name__ == "__main__":
    main()
