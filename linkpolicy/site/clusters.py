"""Topic clusters: which pages belong to which cluster, and each cluster's hub page."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..patterns import GlobIndex
from ..policy import LoadedPolicy
from .model import Page, Site


@dataclass
class Cluster:
    id: str
    hub: Page
    #: members in path order; the hub is never a member of its own cluster
    members: list[Page] = field(default_factory=list)
    index: int = 0  # position in the policy's clusters list

    @property
    def published_members(self) -> list[Page]:
        return [m for m in self.members if m.published and m.readable]


def assign_clusters(site: Site, policy: LoadedPolicy) -> dict[str, Cluster]:
    """Each page joins every cluster whose member globs match its path or that its front
    matter names (``cluster: id`` or a list); members come in page order, a page's
    clusters in policy order. One pass over the pages through one compiled matcher."""
    specs = policy.policy.clusters
    clusters: list[Cluster] = []
    for i, spec in enumerate(specs):
        hub = site.find(spec.hub)
        if hub is None:
            raise policy.error(("clusters", i, "hub"), f"{spec.hub} is not a page of the site")
        clusters.append(Cluster(id=spec.id, hub=hub, index=i))
    by_id: dict[str, list[int]] = {}
    for i, spec in enumerate(specs):
        by_id.setdefault(spec.id, []).append(i)
    members = GlobIndex((i, spec.members) for i, spec in enumerate(specs))
    for page in site.pages:
        for i in sorted(members.matching(page.rel) | _declared(page, by_id)):
            if page is not clusters[i].hub:
                clusters[i].members.append(page)
                page.clusters.append(specs[i].id)
    return {c.id: c for c in clusters}


def _declared(page: Page, by_id: dict[str, list[int]]) -> set[int]:
    """Indexes of the clusters the page's front matter names."""
    declared = page.front.get("cluster")
    names = declared if isinstance(declared, list) else [declared]
    return {i for name in names if isinstance(name, str) for i in by_id.get(name, ())}
