"""Block selection for a whole site (`generate/select.Selector`) chooses, page by page and
block by block, what the plain definition of each ordering chooses: on generated Hugo sites
with overlapping clusters, hubs, tags, entities, drafts and links already in the body."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from linkpolicy.api import analyse
from linkpolicy.generate.select import Selector, body_targets
from linkpolicy.site.graph import build_graph


def _key(rank: dict[str, float], page):  # noqa: ANN001, ANN202
    return (-rank.get(page.url, 0.0), page.url)


def plain_select(block, page, site, policy, clusters, rank):  # noqa: ANN001, ANN201
    """The module docstring's orderings, written as directly as they read (every page,
    every cluster and every pool looked at for each page)."""
    own = [c for c in clusters.values() if page in c.members]
    hub_of = [c for c in clusters.values() if c.hub is page]
    tags = set(page.tags)
    candidates = []
    if block.select in ("cluster", "hub"):
        hubs = [c.hub for c in own]
        pool = {m for c in own for m in c.members} | {m for c in hub_of for m in c.members}
        pool -= set(hubs)
        if block.select == "cluster":
            ordered = sorted(pool, key=lambda p: p.path)
            rest = [p for p in ordered if p.path > page.path] + [p for p in ordered if p.path <= page.path]
        else:
            rest = sorted(pool, key=lambda p: _key(rank, p))
        candidates = hubs + rest
    elif block.select == "tags":
        shared = [p for p in site.pages if tags & set(p.tags)]
        candidates = sorted(shared, key=lambda p: (-len(tags & set(p.tags)), *_key(rank, p)))
    elif block.select == "entities":
        found = []
        for entity in policy.entities:
            target = site.find(entity.page)
            names = [entity.name, *entity.aliases]
            text = page.parsed.text if page.parsed else ""
            if target is not None and any(
                re.search(rf"(?<!\w){re.escape(n)}(?!\w)", text, re.IGNORECASE) for n in names if n
            ):
                found.append(target)
        candidates = sorted(set(found), key=lambda p: _key(rank, p))
    linked = body_targets(page)
    out = []
    for cand in candidates:
        if cand is page or not cand.published or not cand.readable or cand.url in linked or cand in out:
            continue
        out.append(cand)
        if len(out) >= block.limit:
            break
    return out


def generated_site(root: Path, seed: int) -> Path:
    rnd = random.Random(seed)
    folders = ["docs/a", "docs/b", "docs/b/deep", "blog", "misc"]
    tags = ["go", "rust", "python", "ops"]
    pages: dict[str, str] = {"_index.md": "# Home\n\n[docs](/docs/) [blog](/blog/)\n"}
    for folder in ["docs", *folders]:
        pages[f"{folder}/_index.md"] = f"# {folder}\n"
    paths = []
    for i in range(rnd.randint(25, 45)):
        folder = rnd.choice(folders)
        path = f"{folder}/p{i:02d}.md"
        paths.append(path)
        front = [f"title: Page {i}"]
        if rnd.random() < 0.5:
            front.append(f"tags: [{', '.join(rnd.sample(tags, rnd.randint(1, 3)))}]")
        if rnd.random() < 0.1:
            front.append("draft: true")
        if rnd.random() < 0.2:
            front.append("cluster: side")
        body = [f"# Page {i}", "", "Words about Widget and gizmo." if rnd.random() < 0.4 else "Words."]
        pages[path] = "---\n" + "\n".join(front) + "\n---\n" + "\n".join(body) + "\n"
    for path in paths:  # body links, some to pages a block would pick
        targets = rnd.sample(paths, rnd.randint(0, 4))
        links = " ".join(f"[x](/{t[: -len('.md')]}/)" for t in targets)
        pages[path] += f"\n{links}\n"
    for name, text in pages.items():
        file = root / "content" / name
        file.parent.mkdir(parents=True, exist_ok=True)
        file.write_text(text)
    pol = root / "policies"
    (pol / "templates").mkdir(parents=True)
    (pol / "templates" / "t.md.j2").write_text("{% for link in links %}- {{ link.url }}\n{% endfor %}")
    (pol / "site.yaml").write_text(
        "site:\n  base_url: https://example.com\n  content: content/\n  generator: hugo\n"
        "entities:\n  - {name: Widget, page: /docs/a/, aliases: [gizmo]}\n  - {name: Blog, page: /blog/}\n"
        "clusters:\n"
        "  - {id: docs, hub: /docs/, members: ['docs/**']}\n"
        "  - {id: b, hub: /docs/b/, members: ['docs/b/**']}\n"
        "  - {id: blog, hub: /blog/, members: ['blog/*.md']}\n"
        "  - {id: side, hub: /misc/, members: []}\n"
        "blocks:\n"
        + "".join(
            f"  - {{name: {how}, template: templates/t.md.j2, pages: ['**'], select: {how}, limit: {limit}}}\n"
            for how, limit in (("cluster", 3), ("hub", 2), ("tags", 4), ("entities", 2))
        )
    )
    return root


@pytest.mark.parametrize("seed", range(8))
def test_the_site_wide_selector_picks_what_the_plain_definition_picks(tmp_path: Path, seed: int) -> None:
    analysis = analyse(generated_site(tmp_path, seed), cwd=tmp_path)
    site, policy, clusters = analysis.site, analysis.policy.policy, analysis.clusters
    rank = build_graph(site, include_blocks=False).pagerank
    selector = Selector(site, policy, clusters, rank)
    picked = 0
    for page in site.pages:
        for block in policy.blocks:
            expected = plain_select(block, page, site, policy, clusters, rank)
            assert selector.select(block, page) == expected, (page.path, block.select)
            picked += len(expected)
    assert picked > 0
