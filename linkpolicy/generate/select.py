"""Which pages a managed block links to. Deterministic, documented ordering:

- ``cluster``: the page's hub first, then the other pages of its clusters in path order,
  starting after the page itself and wrapping around (the "next guides" of a series).
  Every member then gets about ``limit`` block links from its siblings, instead of the
  same few popular pages collecting them all (which also keeps anchor text varied). On
  a hub: its members in path order.
- ``tags``: pages sharing tags with the page, by shared tags, PageRank, URL.
- ``entities``: pages of entities the page mentions (name or alias, whole words,
  case-insensitive) without linking them, by PageRank, URL.
- ``hub``: the page's hub, then the hub's most linked pages by PageRank, URL.

Never the page itself, an unpublished page, or a page the body already links to.
PageRank here leaves out links inside managed blocks, so what a block
links to never feeds back into its own selection: generating twice changes nothing.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ..policy import Block, Policy
from ..site.clusters import Cluster
from ..site.model import Page, Site


def _key(rank: dict[str, float], page: Page) -> tuple[float, str]:
    return (-rank.get(page.url, 0.0), page.url)


def body_targets(page: Page) -> set[str]:
    return {
        lk.target_page.url
        for lk in page.links
        if lk.target_page is not None and lk.raw.block is None and not lk.is_image
    }


def _mentions(page: Page, names: Iterable[str]) -> bool:
    text = page.parsed.text if page.parsed else ""
    return any(re.search(rf"(?<!\w){re.escape(n)}(?!\w)", text, re.IGNORECASE) for n in names if n)


def select(
    block: Block,
    page: Page,
    site: Site,
    policy: Policy,
    clusters: dict[str, Cluster],
    rank: dict[str, float],
) -> list[Page]:
    own = [c for c in clusters.values() if page in c.members]
    hub_of = [c for c in clusters.values() if c.hub is page]
    tags = set(page.tags)
    candidates: list[Page] = []
    if block.select in ("cluster", "hub"):
        hubs = [c.hub for c in own]
        pool = {m for c in own for m in c.members} | {m for c in hub_of for m in c.members}
        pool -= set(hubs)
        if block.select == "cluster":
            ordered = sorted(pool, key=lambda p: p.path)
            after = [p for p in ordered if p.path > page.path]
            rest = after + [p for p in ordered if p.path <= page.path]
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
            if target is not None and _mentions(page, [entity.name, *entity.aliases]):
                found.append(target)
        candidates = sorted(set(found), key=lambda p: _key(rank, p))
    linked = body_targets(page)
    out: list[Page] = []
    for cand in candidates:
        if cand is page or not cand.published or not cand.readable or cand.url in linked or cand in out:
            continue
        out.append(cand)
        if len(out) >= block.limit:
            break
    return out
