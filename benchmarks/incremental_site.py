"""A small deterministic synthetic site for the incremental benchmark: a plain
(GitHub Markdown) site of N pages in sections, each with front matter, headings,
prose and 10-30 links (relative, with fragments, to section hubs, external), and a
policy with one cluster per section.

    python benchmarks/incremental_site.py DIR [--pages 10000]
"""

from __future__ import annotations

import argparse
import random
import subprocess
from pathlib import Path

SECTIONS = 20
WORDS = "alpha beta gamma delta links pages graph policy cluster anchor hub site text".split()


def page_text(rng: random.Random, n: int, i: int, section: int) -> str:
    lines = ["---", f"title: Page {i}", "---", "", f"# Page {i}", ""]
    for h in range(3):
        lines += [f"## Topic {h} of {i}", ""]
        for _ in range(3):
            words = " ".join(rng.choice(WORDS) for _ in range(30))
            links = []
            for _ in range(rng.randint(3, 10)):
                j = rng.randrange(n)
                frag = f"#topic-{rng.randrange(3)}-of-{j}" if rng.random() < 0.3 else ""
                links.append(f"[{rng.choice(WORDS)} {j}](../s{j % SECTIONS}/p{j}.md{frag})")
            if rng.random() < 0.3:
                links.append("<https://example.com/docs>")
            lines += [words + " " + " ".join(links), ""]
    lines += [f"[Back to the section](../s{section}/index.md)", ""]
    return "\n".join(lines)


def generate(root: Path, pages: int, seed: int = 1) -> list[Path]:
    """Write the site and its policy under ``root`` (a git repository); return the pages."""
    rng = random.Random(seed)
    out = []
    for s in range(SECTIONS):
        folder = root / "docs" / f"s{s}"
        folder.mkdir(parents=True, exist_ok=True)
        hub = folder / "index.md"
        members = "\n".join(f"- [Page {j}](p{j}.md)" for j in range(s, pages, SECTIONS)[:50])
        hub.write_text(f"# Section {s}\n\n[Home](../index.md)\n\n{members}\n")
        out.append(hub)
    (root / "docs" / "index.md").write_text(
        "# Home\n\n" + "\n".join(f"- [Section {s}](s{s}/index.md)" for s in range(SECTIONS)) + "\n"
    )
    out.append(root / "docs" / "index.md")
    for i in range(pages - SECTIONS - 1):
        section = i % SECTIONS
        path = root / "docs" / f"s{section}" / f"p{i}.md"
        path.write_text(page_text(rng, pages, i, section))
        out.append(path)
    policies = root / "policies"
    policies.mkdir(exist_ok=True)
    (policies / "site.yaml").write_text(
        "site:\n  base_url: https://example.org\n  generator: plain\n  content: docs/\n  home: /\n"
    )
    clusters = "".join(
        f"  - id: s{s}\n    hub: /s{s}/\n    members: ['s{s}/**']\n    max_depth_from_hub: 3\n"
        for s in range(SECTIONS)
    )
    (policies / "clusters.yaml").write_text("clusters:\n" + clusters)
    subprocess.run(["git", "init", "-q", str(root)], check=True)
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("dir", type=Path)
    parser.add_argument("--pages", type=int, default=10_000)
    args = parser.parse_args()
    generate(args.dir, args.pages)


if __name__ == "__main__":
    main()
