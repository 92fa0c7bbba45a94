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

import bisect
import re
from collections.abc import Iterable, Iterator

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
    """The pages ``block`` links to on ``page`` (see the module docstring). A run that
    selects for many pages makes one :class:`Selector` and asks it for each."""
    return Selector(site, policy, clusters, rank).select(block, page)


class Selector:
    """:func:`select` for every page of a site, with what it looks up made once: each
    page's clusters, each tag's pages and each cluster set's pool in order. Asked page by
    page, those were scans of every cluster, every page and every pool, so a site's plan
    grew with the square of its size."""

    def __init__(
        self, site: Site, policy: Policy, clusters: dict[str, Cluster], rank: dict[str, float]
    ) -> None:
        self.site, self.policy, self.rank = site, policy, rank
        self.member_of: dict[Page, list[Cluster]] = {}
        self.hub_of: dict[Page, list[Cluster]] = {}
        for cluster in clusters.values():  # policy order
            for member in cluster.members:
                own = self.member_of.setdefault(member, [])
                if not own or own[-1] is not cluster:
                    own.append(cluster)
            self.hub_of.setdefault(cluster.hub, []).append(cluster)
        self._tagged: dict[str, list[int]] | None = None
        self._pools: dict[tuple[str, tuple[int, ...], tuple[int, ...]], list[Page]] = {}

    def select(self, block: Block, page: Page) -> list[Page]:
        candidates: Iterable[Page] = ()
        if block.select in ("cluster", "hub"):
            candidates = self._from_clusters(block.select, page)
        elif block.select == "tags":
            candidates = self._by_tags(page)
        elif block.select == "entities":
            found = []
            for entity in self.policy.entities:
                target = self.site.find(entity.page)
                if target is not None and _mentions(page, [entity.name, *entity.aliases]):
                    found.append(target)
            candidates = sorted(set(found), key=lambda p: _key(self.rank, p))
        linked = body_targets(page)
        out: list[Page] = []
        for cand in candidates:
            if cand is page or not cand.published or not cand.readable or cand.url in linked or cand in out:
                continue
            out.append(cand)
            if len(out) >= block.limit:
                break
        return out

    def _from_clusters(self, how: str, page: Page) -> Iterator[Page]:
        """The hubs of the page's clusters, then the pool of their members (and of the
        clusters it is the hub of) in path order from the page on, wrapping around
        (``cluster``), or by PageRank (``hub``)."""
        own = self.member_of.get(page, [])
        hub_of = self.hub_of.get(page, [])
        hubs = [c.hub for c in own]
        yield from hubs
        ordered = self._pool(how, own, hub_of, hubs)
        if how == "hub":
            yield from ordered
            return
        # after the page's own path, then from the first: a place found in the ordered pool
        start = bisect.bisect_right(ordered, page.path, key=_path)
        yield from (ordered[i] for i in range(start, len(ordered)))
        yield from (ordered[i] for i in range(start))

    def _pool(self, how: str, own: list[Cluster], hub_of: list[Cluster], hubs: list[Page]) -> list[Page]:
        key = (how, tuple(map(id, own)), tuple(map(id, hub_of)))  # the clusters outlive the selector
        ordered = self._pools.get(key)
        if ordered is None:
            pool = {m for c in own for m in c.members} | {m for c in hub_of for m in c.members}
            pool -= set(hubs)
            if how == "cluster":
                ordered = sorted(pool, key=_path)
            else:
                ordered = sorted(pool, key=lambda p: _key(self.rank, p))
            self._pools[key] = ordered
        return ordered

    def _by_tags(self, page: Page) -> list[Page]:
        """Pages sharing tags with the page: most shared tags first, then by PageRank, URL."""
        tags = set(page.tags)
        if not tags:
            return []
        if self._tagged is None:
            self._tagged = {}
            for i, other in enumerate(self.site.pages):
                for tag in set(other.tags):
                    self._tagged.setdefault(tag, []).append(i)
        indexes = sorted({i for tag in tags for i in self._tagged.get(tag, ())})
        shared = [self.site.pages[i] for i in indexes]
        return sorted(shared, key=lambda p: (-len(tags & set(p.tags)), *_key(self.rank, p)))


def _path(page: Page) -> str:
    return page.path
