"""The Python API; the command line only wraps these functions."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from .engine import configure_rules, filter_findings, run_rules
from .errors import UsageError
from .findings import Report
from .policy import LoadedPolicy, find_policy_dir, load_policies
from .site.build import build_site
from .site.clusters import Cluster, assign_clusters
from .site.graph import SiteGraph, build_graph
from .site.model import LinkKind, Site
from .source import WorkTree

Progress = Callable[[str], None]


@dataclass
class Analysis:
    """Everything a command needs: the policy, the site, its graph and clusters."""

    root: Path
    policy: LoadedPolicy
    site: Site
    graph: SiteGraph
    clusters: dict[str, Cluster]


def find_root(start: Path) -> Path:
    """The repository root above ``start`` (the folder holding ``.git``), else ``start``."""
    start = start.resolve()
    for folder in (start, *start.parents):
        if (folder / ".git").exists():
            return folder
    return start


def load(root: Path | None = None, policies: Path | None = None, cwd: Path | None = None) -> LoadedPolicy:
    cwd = (cwd or Path.cwd()).resolve()
    root = (root or find_root(cwd)).resolve()
    policy_dir = find_policy_dir(policies, cwd, root)
    return load_policies(policy_dir, display_base=cwd, repo_root=root)


def analyse(
    root: Path | None = None,
    policies: Path | None = None,
    *,
    cwd: Path | None = None,
    progress: Progress | None = None,
) -> Analysis:
    cwd = (cwd or Path.cwd()).resolve()
    root = root.resolve() if root else find_root(cwd)
    if not root.is_dir():
        raise UsageError(f"{root}: not a directory")
    loaded = load(root, policies, cwd)
    if progress:
        progress("reading content")
    site = build_site(WorkTree(root), loaded)
    clusters = assign_clusters(site, loaded)
    if progress:
        progress("building link graph")
    graph = build_graph(site)
    return Analysis(root=root, policy=loaded, site=site, graph=graph, clusters=clusters)


def check(
    root: Path | None = None,
    policies: Path | None = None,
    paths: Sequence[str] = (),
    *,
    cwd: Path | None = None,
    progress: Progress | None = None,
) -> Report:
    """Lint the site under ``root`` against its policies.

    ``paths`` (relative to the repository root) limit which findings are reported;
    graph rules still see the whole site.
    """
    analysis = analyse(root, policies, cwd=cwd, progress=progress)
    rules = configure_rules(analysis.policy)
    if progress:
        progress("checking rules")
    findings = run_rules(analysis.site, analysis.policy, analysis.graph, analysis.clusters, rules)
    only = {p.strip("/") for p in paths} if paths else None
    findings = filter_findings(findings, analysis.site, analysis.policy, only)
    links = sum(
        1
        for p in analysis.site.pages
        for lk in p.links
        if not lk.is_image and lk.kind in (LinkKind.INTERNAL, LinkKind.EXTERNAL)
    )
    return Report(findings=findings, pages=len(analysis.site.published), links=links)
