"""Benchmark: link velocity from git history.

    python benchmarks/bench_velocity.py [--commits 3000] [--pages 400] [--since 1y]

1. This repository's own history (the demo site under demo/content): the time of
   `velocity` beside the analysis `stats` already makes (reading and parsing the whole
   site), cold (no parse cache) and warm. The target is under 2 s for the demo.
2. A generated repository (written with `git fast-import`) of ``--commits`` commits, each
   editing, adding or renaming a few of ``--pages`` pages spread over five clusters:
   velocity against a floor measured in the same run, the unavoidable work — one
   `git log --raw` and parsing every changed blob once with the same parser, nothing else.

Prints times and their ratios.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import subprocess
import tempfile
import time
from pathlib import Path

from linkpolicy.api import analyse
from linkpolicy.content.markdown import parse_page
from linkpolicy.insight.velocity import compute_velocity

ROOT = Path(__file__).resolve().parents[1]
CLUSTERS = ["guides", "reference", "blog", "tutorials", "api"]
POLICY = "site:\n  base_url: https://www.example.com\n  generator: hugo\nclusters:\n" + "".join(
    f"  - {{id: {c}, hub: /{c}/, members: ['{c}/**']}}\n" for c in CLUSTERS
)


def timed(fn, repeat: int = 3) -> tuple[float, object]:
    best, result = float("inf"), None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - start)
    return best, result


def page_text(rng: random.Random, links: list[str]) -> str:
    body = "\n\n".join(
        f"Paragraph {i} with some words, then [{t.strip('/')}]({t})." for i, t in enumerate(links)
    )
    return f"---\ntitle: Page\n---\n# Page\n\n{body}\n" + "Filler text for the page.\n" * rng.randrange(5, 40)


def blob(text: str) -> str:
    data = text.encode()
    return f"data {len(data)}\n{text}"


def generate(root: Path, commits: int, pages: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    urls = [f"/{CLUSTERS[i % 5]}/p{i}/" for i in range(pages)]
    paths = {i: f"content/{CLUSTERS[i % 5]}/p{i}.md" for i in range(pages)}
    links = {i: rng.sample(urls, 8) for i in range(pages)}
    start = int(dt.datetime(2026, 1, 1, tzinfo=dt.UTC).timestamp())
    out = ["commit refs/heads/main", "mark :1", f"committer t <t@example.com> {start} +0000", blob("site")]
    out.append("M 100644 inline policies/site.yaml\n" + blob(POLICY))
    out.append(
        "M 100644 inline content/_index.md\n"
        + blob("# Home\n\n" + " ".join(f"[{c}](/{c}/)" for c in CLUSTERS))
    )
    for c in CLUSTERS:
        out.append(f"M 100644 inline content/{c}/_index.md\n" + blob(f"# {c}\n\n[home](/)\n"))
    for i in range(pages):
        out.append(f"M 100644 inline {paths[i]}\n" + blob(page_text(rng, links[i])))
    step = max(1, 300 * 24 * 3600 // commits)
    for n in range(commits):
        when = start + (n + 1) * step
        out += ["commit refs/heads/main", f"mark :{n + 2}", f"committer t <t@example.com> {when} +0000"]
        out += [blob(f"change {n}"), f"from :{n + 1}"]
        for i in rng.sample(range(pages), rng.randrange(1, 4)):
            if rng.random() < 0.05:  # a rename, now and then with an edit
                new = f"content/{CLUSTERS[i % 5]}/p{i}-r{n}.md"
                out.append(f"R {paths[i]} {new}")
                paths[i] = new
                if rng.random() < 0.5:
                    continue
            if links[i] and rng.random() < 0.4:
                links[i].pop(rng.randrange(len(links[i])))
            links[i].append(rng.choice(urls))
            out.append(f"M 100644 inline {paths[i]}\n" + blob(page_text(rng, links[i])))
    subprocess.run(["git", "init", "-q", "-b", "main", str(root)], check=True)
    subprocess.run(
        ["git", "fast-import", "--quiet"], cwd=root, input="\n".join(out).encode() + b"\n", check=True
    )
    subprocess.run(["git", "checkout", "-q", "main"], cwd=root, check=True)


def floor(root: Path, since: dt.date) -> int:
    """One git log --raw and one parse of every changed page blob, nothing else."""
    log = subprocess.run(
        [
            "git",
            "log",
            "--no-merges",
            f"--since={since}T00:00:00Z",
            "-M",
            "--raw",
            "--no-abbrev",
            "--format=%H",
        ],
        cwd=root,
        capture_output=True,
        check=True,
    ).stdout.decode()
    shas = sorted(
        {s for line in log.splitlines() if line.startswith(":") for s in line.split()[2:4]} - {"0" * 40}
    )
    data = subprocess.run(
        ["git", "cat-file", "--batch"],
        cwd=root,
        input="".join(s + "\n" for s in shas).encode(),
        capture_output=True,
    ).stdout
    count, pos = 0, 0
    while pos < len(data):
        end = data.index(b"\n", pos)
        size = int(data[pos:end].split()[2])
        parse_page(data[end + 1 : end + 1 + size].decode(), slug_style="hugo")
        pos = end + 1 + size + 1
        count += 1
    return count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--commits", type=int, default=3000)
    parser.add_argument("--pages", type=int, default=400)
    parser.add_argument("--since", default="1y")
    args = parser.parse_args()

    t_analyse, demo = timed(lambda: analyse(ROOT, cwd=ROOT), repeat=1)
    t_cold, v = timed(lambda: compute_velocity(demo, args.since, cache=False), repeat=1)
    t_warm, v = timed(lambda: compute_velocity(demo, args.since))
    print(f"demo: {v.commits} commits, {v.pages_parsed} page versions since {v.since}")
    print(f"  analysis {t_analyse:.2f}s; velocity cold {t_cold:.2f}s, warm {t_warm:.2f}s")
    print(
        f"  analysis + velocity (warm): {t_analyse + t_warm:.2f}s (target < 2 s); "
        f"velocity/analysis {t_warm / t_analyse:.2f}"
    )

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "repo"
        t_gen, _ = timed(lambda: generate(root, args.commits, args.pages), repeat=1)
        analysis = analyse(root, cwd=root)
        today = dt.date(2026, 12, 31)
        since = dt.date(2026, 1, 1)
        t_floor, blobs = timed(lambda: floor(root, since), repeat=1)
        t_cold, v = timed(lambda: compute_velocity(analysis, since, today, cache=False), repeat=1)
        t_warm, v = timed(lambda: compute_velocity(analysis, since, today), repeat=2)
        print(
            f"generated: {v.commits} commits, {v.pages_parsed} page versions ({blobs} blobs), "
            f"made in {t_gen:.1f}s"
        )
        print(
            f"  floor (git log + parse each blob) {t_floor:.2f}s; "
            f"velocity cold {t_cold:.2f}s, warm {t_warm:.2f}s"
        )
        print(f"  ratio cold/floor {t_cold / t_floor:.2f}; warm/floor {t_warm / t_floor:.2f}")
        total = sum(a + r for a, r in v.totals().values())
        print(f"  {total} link changes over {len(v.weeks)} weeks and {len(v.clusters)} clusters")


if __name__ == "__main__":
    main()
