"""Topic clusters: which pages belong to which cluster, and each cluster's hub page."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..patterns import glob_match
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
    clusters: dict[str, Cluster] = {}
    for i, spec in enumerate(policy.policy.clusters):
        hub = site.find(spec.hub)
        if hub is None:
            raise policy.error(("clusters", i, "hub"), f"{spec.hub} is not a page of the site")
        cluster = Cluster(id=spec.id, hub=hub, index=i)
        for page in site.pages:
            if page is hub:
                continue
            declared = page.front.get("cluster")
            declared_ids = declared if isinstance(declared, list) else [declared]
            if spec.id in declared_ids or glob_match(page.rel, spec.members):
                cluster.members.append(page)
                page.clusters.append(spec.id)
        clusters[spec.id] = cluster
    return clusters
