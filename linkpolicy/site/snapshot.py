"""The link-graph snapshot (`site-graph/`): plain TSV files, one record a line, sorted,
with nothing that shifts on unrelated changes (no line numbers, no scores, no dates),
so a pull request's diff of it reads as the list of link changes.

- ``pages.tsv``: url, file, state (published, draft, noindex, ...), clusters; a page the
  build makes without a source that navigation links lead through (a tag page, a blog
  list) has file ``-`` and its kind as state (``generated:tag-page``)
- ``links.tsv``: from, to (with #fragment), anchor text, managed block (or -), kind
  (content, block, navigation: the links the templates make, one row a page pair)
- ``outbound.tsv``: from, URL, rel
- ``clusters.tsv``: cluster, role (hub | member), url
"""

from __future__ import annotations

from dataclasses import dataclass

from .clusters import Cluster
from .model import LinkKind, Site, generated_nodes, generated_target, link_kind, nav_kind

FILES = ("pages.tsv", "links.tsv", "outbound.tsv", "clusters.tsv")
HEADERS = {
    "pages.tsv": "# url\tpath\tstate\tclusters",
    "links.tsv": "# from\tto\tanchor\tblock\tkind",
    "outbound.tsv": "# from\turl\trel",
    "clusters.tsv": "# cluster\trole\turl",
}


def _field(text: str) -> str:
    return " ".join(text.split()) or "-"


def render_snapshot(site: Site, clusters: dict[str, Cluster]) -> dict[str, str]:
    """File name -> content of the snapshot of ``site``."""
    pages, links, outbound, members = [], [], [], []
    published = {p.url for p in site.published}
    nodes = generated_nodes(site, published)
    made = set(nodes)
    for page in site.pages:
        if not page.readable:
            continue
        state = (
            "published" if page.published else (page.unpublished_reason or "unpublished").replace(" ", "-")
        )
        pages.append(f"{page.url}\t{page.path}\t{state}\t{','.join(sorted(page.clusters)) or '-'}")
        if not page.published:
            continue
        for link in site.links_on(page):  # (with those of the pages it includes)
            if link.is_image:
                continue
            target = link.target_page.url if link.is_page_link and link.target_page is not None else None
            if target is None and made:
                target = generated_target(link, made)  # a page the build makes (a tag page)
            if target is not None and link.target_page is not page:
                to = target + (f"#{link.fragment}" if link.fragment else "")
                block = link.raw.block or "-"
                links.append(f"{page.url}\t{to}\t{_field(link.text)}\t{block}\t{link_kind(link)}")
            elif link.kind is LinkKind.EXTERNAL:
                outbound.append(f"{page.url}\t{link.target}\t{' '.join(sorted(link.rel)) or '-'}")
    pages.extend(f"{url}\t-\tgenerated:{site.generated[url].replace(' ', '-')}\t-" for url in nodes)
    links.extend(_navigation_rows(site, published | set(nodes)))
    for cid, cluster in clusters.items():
        members.append(f"{cid}\thub\t{cluster.hub.url}")
        members.extend(f"{cid}\tmember\t{m.url}" for m in cluster.members if m.readable)
    rows = {"pages.tsv": pages, "links.tsv": links, "outbound.tsv": outbound, "clusters.tsv": members}
    return {name: "\n".join([HEADERS[name], *sorted(rows[name])]) + "\n" for name in FILES}


def _navigation_rows(site: Site, nodes: set[str]) -> set[str]:
    """The rows of the navigation links between two of ``nodes`` (published and generated pages)."""
    return {
        f"{nav.source}\t{nav.target}\t-\t-\t{nav_kind(nav)}"
        for nav in site.navigation
        if nav.source in nodes and nav.target in nodes and nav.source != nav.target
    }


@dataclass
class SnapshotState:
    """What `graph --check` and the stale-graph-snapshot rule compare."""

    directory: str  # repository-relative, ending with "/"
    expected: dict[str, str]
    committed: dict[str, str | None]

    def stale(self) -> list[tuple[str, int]]:
        """(file, first differing line) for each file that differs."""
        out = []
        for name in FILES:
            want, have = self.expected[name], self.committed.get(name)
            if have == want:
                continue
            if have is None:
                out.append((name, 1))
                continue
            a, b = want.splitlines(), have.splitlines()
            line = next(
                (i + 1 for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b)) + 1
            )
            out.append((name, line))
        return out
