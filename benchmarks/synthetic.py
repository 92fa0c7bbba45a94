"""A deterministic synthetic Hugo site for benchmarks: the same seed and size give the
same bytes.

    python benchmarks/synthetic.py OUT --pages 10000 [--seed 1]

Layout: ``content/sec-NNN/topic-NN/page-NNNN.md`` with an ``_index.md`` hub per section
and per topic, ``static/images/``, and ``policies/site.yaml`` with one cluster per topic
(its ``_index.md`` the hub, ``sec-NNN/topic-NN/**`` the members), outbound domains,
ignore entries with path globs, and Hugo's navigation. Each page has front matter, prose,
3-6 headings and 10-40 links of every form: relative ``.md`` paths, absolute URLs,
fragments on the page and on others, reference-style links and their definitions,
autolinks, images, outbound links and Hugo ``ref`` shortcodes; about 1 % of the links are
broken so the rules have something to report.
"""

from __future__ import annotations

import argparse
import functools
import random
from pathlib import Path

PAGES_PER_TOPIC = 40
TOPICS_PER_SECTION = 5

WORDS = (
    "graph link page anchor crawler index section topic policy review cluster hub depth "
    "content render build static markdown header footer menu archive guide tutorial "
    "reference install deploy release version config option value server client cache"
).split()
DOMAINS = ["python.org", "gohugo.io", "example.org", "partner.example", "docs.example.net"]


def _words(rng: random.Random, n: int) -> str:
    return " ".join(rng.choices(WORDS, k=n))


class Layout:
    """Where page ``i`` lives, its URL and its headings' anchors."""

    def __init__(self, pages: int) -> None:
        self.pages = pages
        per_section = PAGES_PER_TOPIC * TOPICS_PER_SECTION
        self.sections = max(1, -(-pages // per_section))

    def place(self, i: int) -> tuple[int, int]:
        topic = i // PAGES_PER_TOPIC
        return topic // TOPICS_PER_SECTION, topic % TOPICS_PER_SECTION

    def folder(self, i: int) -> str:
        sec, top = self.place(i)
        return f"sec-{sec:03d}/topic-{top:02d}"

    def rel(self, i: int) -> str:
        return f"{self.folder(i)}/page-{i:06d}.md"

    def url(self, i: int) -> str:
        return f"/{self.folder(i)}/page-{i:06d}/"

    def topics(self) -> list[str]:
        seen = dict.fromkeys(self.folder(i) for i in range(0, self.pages, PAGES_PER_TOPIC))
        return list(seen)


@functools.lru_cache(maxsize=200_000)
def headings(i: int) -> tuple[str, ...]:
    rng = random.Random(i * 7919)
    return tuple(f"{rng.choice(WORDS)} {rng.choice(WORDS)} {k}" for k in range(3 + i % 4))


def slug(heading: str) -> str:
    return heading.lower().replace(" ", "-")


def _link(rng: random.Random, layout: Layout, i: int, n_refs: list[str]) -> str:
    """One link of a random form from page ``i`` to a near page (same topic mostly)."""
    if rng.random() < 0.8:
        base = i - i % PAGES_PER_TOPIC
        j = min(layout.pages - 1, base + rng.randrange(PAGES_PER_TOPIC))
    else:
        j = rng.randrange(layout.pages)
    text = _words(rng, rng.randint(1, 4))
    form = rng.randrange(10)
    broken = rng.random() < 0.01
    target_heading = rng.choice(headings(j))
    if form == 0:  # relative path
        rel = "../" * 2 + layout.rel(j) if j != i else f"page-{i:06d}.md"
        return f"[{text}]({rel}{'x' if broken else ''})"
    if form == 1:  # absolute URL
        return f"[{text}]({layout.url(j)}{'gone/' if broken else ''})"
    if form == 2:  # fragment on another page
        anchor = slug(target_heading) + ("-none" if broken else "")
        return f"[{text}]({layout.url(j)}#{anchor})"
    if form == 3:  # fragment on this page
        return f"[{text}](#{slug(rng.choice(headings(i)))})"
    if form == 4:  # reference-style
        label = f"ref{len(n_refs)}"
        n_refs.append(f"[{label}]: {layout.url(j)}")
        return f"[{text}][{label}]"
    if form == 5:  # autolink
        return f"<https://{rng.choice(DOMAINS)}/{rng.choice(WORDS)}/>"
    if form == 6:  # image
        return f"![{text}](/images/img-{rng.randrange(20)}.png)"
    if form == 7:  # outbound
        return f"[{text}](https://{rng.choice(DOMAINS)}/{rng.choice(WORDS)}/{rng.randrange(100)})"
    if form == 8:  # Hugo ref shortcode
        return f'[{text}]({{{{< ref "/{layout.rel(j)}" >}}}})'
    return f"[{text}]({layout.url(j)})"


def page_text(layout: Layout, i: int, seed: int = 1) -> str:
    rng = random.Random(f"{seed}:{i}")
    sec, top = layout.place(i)
    front = [
        "---",
        f"title: {_words(rng, 3).title()} {i}",
        f"date: 2025-{1 + i % 12:02d}-{1 + i % 28:02d}",
        f"description: {_words(rng, 8)}",
        f"tags: [{rng.choice(WORDS)}, {rng.choice(WORDS)}]",
        f"weight: {i % 50}",
    ]
    if i % 97 == 0:
        front.append(f"aliases: [/old/page-{i}/]")
    if i % 53 == 0:
        front.append(f"cluster: topic-{sec:03d}-{(top + 1) % TOPICS_PER_SECTION:02d}")
    front.append("---")
    body = [f"Part of [{layout.folder(i)}](/{layout.folder(i)}/). Intro {_words(rng, 30)}."]
    links_left = rng.randint(10, 40)
    refs: list[str] = []
    for heading in headings(i):
        body.append(f"## {heading}")
        for _ in range(2):
            n = min(links_left, rng.randint(1, 6))
            links_left -= n
            parts = [_words(rng, rng.randint(4, 12)) + " " + _link(rng, layout, i, refs) for _ in range(n)]
            body.append(" ".join(parts) + f" {_words(rng, 10)}.")
    while links_left > 0:
        body.append(f"- {_link(rng, layout, i, refs)} {_words(rng, 5)}")
        links_left -= 1
    if i % 11 == 0:
        body.append("```sh\nhugo server --source . # [not a link](nowhere.md)\n```")
    body += refs
    return "\n".join(front) + "\n\n" + "\n\n".join(body) + "\n"


def hub_text(title: str, children: list[str]) -> str:
    links = "\n".join(f"- [{c.strip('/').rsplit('/', 1)[-1]}]({c})" for c in children)
    return f"---\ntitle: {title}\n---\n\n{title} overview.\n\n{links}\n"


def policy_text(layout: Layout) -> str:
    lines = [
        "site:",
        "  base_url: https://docs.example.com/",
        "  content: content/",
        "  static: [static/]",
        "  generator: hugo",
        "  home: /",
        "domains:",
        "  outbound:",
        '    allow: ["python.org", "gohugo.io", "example.org", "partner.example"]',
        "    unlisted: warning",
        "rules:",
        "  too-many-links: {max: 60}",
        "  ignore:",
        '    - {rule: unclustered-page, paths: ["_index.md", "sec-*/_index.md"]}',
        '    - {rule: broken-link, paths: ["sec-000/**"], targets: ["/old/**"]}',
        "clusters:",
    ]
    for folder in layout.topics():
        cid = "topic-" + folder.replace("sec-", "").replace("/topic-", "-")
        lines += [f"  - id: {cid}", f"    hub: {folder}/_index.md", f'    members: ["{folder}/**"]']
    return "\n".join(lines) + "\n"


def generate(out: Path, pages: int, seed: int = 1) -> list[str]:
    """Write the site under ``out``; returns the content paths of its pages (relative to
    ``out``). ``seed`` shifts every page's random stream."""
    layout = Layout(pages)
    content = out / "content"
    written: list[str] = []

    def write(rel: str, text: str) -> None:
        path = content / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        written.append(f"content/{rel}")

    sections = sorted({layout.folder(i).split("/")[0] for i in range(0, pages, PAGES_PER_TOPIC)})
    write("_index.md", hub_text("Home", [f"/{s}/" for s in sections]))
    for sec in sections:
        topics = [t for t in layout.topics() if t.startswith(sec + "/")]
        write(f"{sec}/_index.md", hub_text(sec, [f"/{t}/" for t in topics]))
    for topic in layout.topics():
        first = int(topic.split("/")[0][4:]) * TOPICS_PER_SECTION * PAGES_PER_TOPIC
        first += int(topic.split("/")[1][6:]) * PAGES_PER_TOPIC
        members = [layout.url(j) for j in range(first, min(pages, first + PAGES_PER_TOPIC))]
        write(f"{topic}/_index.md", hub_text(topic, members))
    for i in range(pages):
        write(layout.rel(i), page_text(layout, i, seed))
    images = out / "static" / "images"
    images.mkdir(parents=True, exist_ok=True)
    for k in range(20):
        (images / f"img-{k}.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (out / "policies").mkdir(exist_ok=True)
    (out / "policies" / "site.yaml").write_text(policy_text(layout), encoding="utf-8")
    (out / "hugo.toml").write_text('baseURL = "https://docs.example.com/"\ntitle = "Synthetic"\n')
    return written


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("out", type=Path)
    parser.add_argument("--pages", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    files = generate(args.out, args.pages, args.seed)
    print(f"{len(files)} Markdown files under {args.out}")


if __name__ == "__main__":
    main()
