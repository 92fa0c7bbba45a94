"""The site model that rules read: pages, their links (resolved) and the indexes."""

from __future__ import annotations

from collections.abc import Collection, Container, Iterable, Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from ..content.markdown import LISTED, ParsedPage, RawLink


class LinkKind(StrEnum):
    INTERNAL = "internal"  # resolves (or fails to resolve) inside the site
    EXTERNAL = "external"  # another host
    OTHER = "other"  # mailto:, tel:, javascript: ... never checked
    IGNORED = "ignored"  # matched site.ignore_links


class EdgeKind(StrEnum):
    """Who made a link between two pages: the author, a managed block, or the templates."""

    CONTENT = "content"  # written in the page's Markdown
    BLOCK = "block"  # inside a managed block that `generate` writes
    NAVIGATION = "navigation"  # made by templates: menus, sidebars, section lists, breadcrumbs


@dataclass(frozen=True, order=True, slots=True)
class NavLink:
    """A link the site's templates make from one published page to another (URLs are
    canonical page URLs). ``via`` says which template made it: ``section``, ``menu``,
    ``breadcrumb``, ``sidebar``, ``prev-next``, ``taxonomy``, ``rendered`` ..."""

    source: str
    target: str
    via: str


#: ``NavLink.via`` of a list page the build makes without a source (a blog's page 2, an
#: archive or category page) to what its body lists, as a page's text lists them (a blog
#: index's first page lists its posts in its text): an edge of kind ``content``, as the
#: list in the built page's content region is
LISTED_VIA = "listed"


def nav_kind(nav: NavLink) -> EdgeKind:
    """The kind of edge a navigation link makes (``content`` for a list page's listing)."""
    return EdgeKind.CONTENT if nav.via == LISTED_VIA else EdgeKind.NAVIGATION


def nav_sorted(links: Iterable[NavLink]) -> list[NavLink]:
    """``sorted(links)``, in the dataclass's own order (its fields compared as a tuple) but
    without a Python call a comparison: a site has hundreds of thousands, a sidebar site
    of 10,000 pages a million. The key is the fields joined by NUL, which no URL holds and
    which sorts below every other character, so it orders as the tuple does: one string
    comparison where a tuple's took two or three (3.2 -> 1.6 s for a million)."""
    return sorted(links, key=_nav_key)


def _nav_key(link: NavLink) -> str:
    return f"{link.source}\0{link.target}\0{link.via}"


@dataclass(frozen=True, order=True, slots=True)
class Edge:
    """A link between two published pages (canonical URLs) of a given kind."""

    source: str
    target: str
    kind: EdgeKind


@dataclass
class RenderedSite:
    """The links of a built site's HTML, mapped back to the source pages (``site.rendered``)."""

    directory: str  # as the user gave it
    edges: list[Edge] = field(default_factory=list)
    #: HTML pages read (redirect stubs not counted)
    html_pages: int = 0
    #: URLs of built pages with no source page
    built_only: list[str] = field(default_factory=list)
    #: repository paths of published sources with no built page
    not_built: list[str] = field(default_factory=list)


@dataclass(frozen=True, order=True)
class Notice:
    """Something of the site's sources the model could not read (a sidebar entry written as a
    function call): the repository path, 1-based line and column (0: the whole file), and what."""

    path: str
    line: int
    column: int
    message: str


class Status(StrEnum):
    PAGE = "page"  # a page (maybe through an alias)
    STATIC = "static"  # a file that is not a page
    BROKEN = "broken"
    UNCHECKED = "unchecked"  # external, other, ignored


@dataclass(slots=True)
class Link:
    """A link on a page, resolved against the site."""

    raw: RawLink
    source: Page
    kind: LinkKind
    status: Status = Status.UNCHECKED
    #: the URL the link resolves to (canonical page URL, static path or external URL)
    target: str | None = None
    target_page: Page | None = None
    fragment: str | None = None
    #: the alias URL the link used, when it points at a redirect
    via_alias: str | None = None
    host: str | None = None  # external links: lowercased host (IDNA)
    scheme: str | None = None
    #: why resolution failed (for the broken-link message)
    reason: str | None = None

    @property
    def line(self) -> int:
        return self.raw.line

    @property
    def column(self) -> int:
        return self.raw.column

    @property
    def text(self) -> str:
        return self.raw.text

    @property
    def is_image(self) -> bool:
        return self.raw.kind == "image"  # RawLink.is_image, without a second call

    @property
    def is_listed(self) -> bool:
        """Written by a template the page calls, not by its author (see ``LISTED``)."""
        return self.raw.kind == LISTED

    @property
    def rel(self) -> tuple[str, ...]:
        return self.raw.rel

    @property
    def is_page_link(self) -> bool:
        """An internal hyperlink that reaches a page (not an image, not a file)."""
        return self.status is Status.PAGE and not self.raw.is_image and self.target_page is not None


def link_kind(link: Link) -> EdgeKind:
    """The kind of edge a Markdown link makes: ``block`` inside a managed block, else ``content``."""
    return EdgeKind.BLOCK if link.raw.block is not None else EdgeKind.CONTENT


#: The id that a page documenting an object with mkdocstrings (``::: x``) has for the ids of
#: its members, which only the code knows: ``x.*``
MEMBERS = ".*"


def member_ids(identifier: str) -> Iterator[str]:
    """The member ids that would cover ``identifier`` (``a.b.c``: ``a.b.*``, then ``a.*``)."""
    head, dot, _ = identifier.rpartition(".")
    while dot:
        yield head + MEMBERS
        head, dot, _ = head.rpartition(".")


#: An id ending so (``hatch-*``) stands for the ids of a command's subcommands, which a
#: page documenting a CLI from its code (mkdocs-click's ``::: mkdocs-click``) has:
#: ``hatch-env-create``.
SUBCOMMANDS = "-*"
#: An id that stands for any: the page has ids only the build knows (a shortcode computes
#: its headings' ids from data), so no fragment on it is checked.
ANY_ID = "*"


def subcommand_ids(identifier: str) -> Iterator[str]:
    """The ids that would cover ``identifier`` as a subcommand's (``a-b-c``: ``a-b-*``,
    then ``a-*``)."""
    head, dash, _ = identifier.rpartition("-")
    while dash:
        yield head + SUBCOMMANDS
        head, dash, _ = head.rpartition("-")


@dataclass(eq=False)
class Page:
    """One content file: a page of the site, or a file that failed to read."""

    path: str  # relative to the repository root, "/" separators
    rel: str  # relative to its content root
    root: str  # the content root, relative to the repository root, ending with "/"
    url: str
    title: str
    front: dict[str, Any] = field(default_factory=dict)
    parsed: ParsedPage | None = None
    published: bool = True
    unpublished_reason: str | None = None
    aliases: list[str] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    clusters: list[str] = field(default_factory=list)
    #: (line, column, message) problems that make the page unreadable or partly so
    problems: list[tuple[int, int, str]] = field(default_factory=list)
    readable: bool = True

    def __hash__(self) -> int:
        return hash(self.path)

    @property
    def mounted(self) -> bool:
        """Whether the file is read from elsewhere than its place in the content root
        (Hugo's module mounts): its links are relative to ``root + rel``, not ``path``."""
        return self.path != self.root + self.rel

    @property
    def anchors(self) -> set[str]:
        return self.parsed.anchors if self.parsed else set()

    @property
    def documents_objects(self) -> bool:
        """Whether a plugin documents objects or commands on the page from the code
        (mkdocstrings' ``::: x``, mkdocs-click's ``::: mkdocs-click``): their text, ids and
        links come from the code (see :data:`MEMBERS`, :data:`SUBCOMMANDS`)."""
        return any(anchor.endswith((MEMBERS, SUBCOMMANDS)) for anchor in self.anchors)

    @property
    def tags(self) -> list[str]:
        tags = self.front.get("tags") or []
        return [str(t) for t in tags] if isinstance(tags, list) else [str(tags)]


@dataclass
class Site:
    """Every page, by path and by URL, and the files that links may target."""

    root_dir: str
    generator: str
    #: fragments match ids ignoring case (GitHub's view of plain Markdown)
    fragments_fold_case: bool = False
    pages: list[Page] = field(default_factory=list)
    by_url: dict[str, Page] = field(default_factory=dict)
    by_path: dict[str, Page] = field(default_factory=dict)
    aliases: dict[str, Page] = field(default_factory=dict)
    #: URL path (no trailing slash) -> repository path, for non-page files
    static_urls: dict[str, str] = field(default_factory=dict)
    #: every non-page file under the content and static roots, by repository path
    files: set[str] = field(default_factory=set)
    home: Page | None = None
    #: the generator config the site was read with (repository path), if any
    config_file: str | None = None
    #: the content roots read (repository paths, "" or ending with "/") and page extensions
    content_roots: list[str] = field(default_factory=list)
    page_extensions: tuple[str, ...] = ()
    #: folders that hold files (plain: GitHub lists a folder a link points at)
    folders: set[str] = field(default_factory=set)
    #: URL key -> page the generator knows but renders no page for (build.render never)
    unrendered: dict[str, Page] = field(default_factory=dict)
    #: indexes of the `site.ignore_links` patterns some link destination matched
    ignore_links_used: set[int] = field(default_factory=set)
    #: links the templates make (kind ``navigation`` in the graph)
    navigation: list[NavLink] = field(default_factory=list)
    #: URL -> what it is, of each page the build makes without a source file that
    #: ``navigation`` links lead to or from (a tag page, a blog list): nodes of the graph
    #: (`SiteGraph.generated`), through which a crawler reaches the pages they list
    generated: dict[str, str] = field(default_factory=dict)
    #: the pages a block of links on every page leads to (a menu, a sidebar, and the home
    #: page its header links): modelled as the home page's links in ``navigation``, and as
    #: every page's in PageRank
    sitewide: list[str] = field(default_factory=list)
    #: the built site's links, with `check --rendered` / `site.rendered` (replaces the above in the graph)
    rendered: RenderedSite | None = None
    #: what the navigation model could not read (reported by `unread-navigation`)
    notices: list[Notice] = field(default_factory=list)
    #: with the parse cache: path -> (cache key of its bytes, files it includes)
    parse_keys: dict[str, tuple[str, tuple[str, ...]]] = field(default_factory=dict)
    #: page path -> the files it includes (an include shortcode, `site.include`, snippets)
    includes: dict[str, tuple[str, ...]] = field(default_factory=dict)
    #: content path or repository path -> the first page that has it, and how many pages
    #: that index was made from (:meth:`find`; made again when pages were added)
    _by_name: dict[str, Page] = field(default_factory=dict, init=False, repr=False, compare=False)
    _named: int = field(default=-1, init=False, repr=False, compare=False)

    @property
    def published(self) -> list[Page]:
        return [p for p in self.pages if p.published and p.readable]

    def find(self, ref: str) -> Page | None:
        """The page a policy names by URL (``/guides/x/``, ``https://host/x/``) or by
        content path (``guides/x.md``, relative to a content root)."""
        from urllib.parse import urlsplit

        from .urls import url_key

        ref = ref.strip()
        if "://" in ref:
            ref = urlsplit(ref).path or "/"
        if ref.startswith("/"):
            return self.by_url.get(url_key(ref)) or self.aliases.get(url_key(ref))
        found = self._names().get(ref)
        return found if found is not None else self.by_url.get(url_key("/" + ref))

    def _names(self) -> dict[str, Page]:
        """Each content path and repository path, to the first page (in page order) that
        has it: a policy names every cluster's hub, and a scan of the pages for each was
        quadratic on a big site (9 s for 2,500 hubs among 100k pages)."""
        if self._named != len(self.pages):
            names: dict[str, Page] = {}
            for page in self.pages:
                names.setdefault(page.rel, page)
                names.setdefault(page.path, page)
            self._by_name, self._named = names, len(self.pages)
        return self._by_name

    def links(self) -> list[Link]:
        return [link for p in self.pages for link in p.links]

    def links_on(self, page: Page) -> list[Link]:
        """The links the built ``page`` shows: its own, and those of the pages it includes
        (and they include), which the build puts in it. An included page's links keep it
        as their source: a finding about one is reported where it is written."""
        if not self.includes or page.path not in self.includes:
            return page.links
        return [*page.links, *(link for other in self.included_pages(page) for link in other.links)]

    def included_page(self, path: str) -> Page | None:
        """The page at the repository path an include names (its ``.md`` may go)."""
        return self.by_path.get(path) or self.by_path.get(path + ".md")

    def included_pages(self, page: Page) -> list[Page]:
        """The pages of the site whose content ``page`` includes, directly or not."""
        out: list[Page] = []
        seen = {page.path}
        queue = list(self.includes.get(page.path, ()))
        while queue:
            target = queue.pop(0)
            if target in seen:
                continue
            seen.add(target)
            other = self.included_page(target)
            if other is not None and other is not page:
                out.append(other)
                queue.extend(self.includes.get(other.path, ()))
        return out


def generated_nodes(site: Site, pages: Container[str], blocks: bool = True) -> list[str]:
    """The source-less pages of ``site`` that a navigation link leads to or from, or a
    Markdown link of a page of ``pages`` leads to (in a managed block too, with
    ``blocks``), sorted, none of them a page of ``pages``."""
    made = site.generated
    nodes = set(linked_nodes(site.navigation, made, pages))
    if made:
        static = Status.STATIC  # (a site has hundreds of thousands of links; few are served files)
        for page in site.published:
            if page.url in pages:
                nodes.update(
                    url
                    for link in page.links
                    if link.status is static
                    and (url := generated_target(link, made)) is not None
                    and (blocks or link.raw.block is None)
                )
    return sorted(url for url in nodes if url not in pages)


def generated_target(link: Link, made: Container[str]) -> str | None:
    """The generated page of ``made`` (a tag page, a list's later page) that ``link``
    leads to: a hyperlink served at its URL (or at it with a trailing slash); else None."""
    if link.status is not Status.STATIC or link.target is None or link.raw.is_image:
        return None
    target = link.target
    if target in made:
        return target
    return target + "/" if not target.endswith("/") and target + "/" in made else None


def linked_nodes(links: Iterable[NavLink | Edge], made: Collection[str], pages: Container[str]) -> list[str]:
    """The URLs of ``made`` that one of ``links`` leads to or from (sorted), none of them a
    page of ``pages``."""
    if not made:  # (most sites: no pass over their links)
        return []
    ends = {url for link in links for url in (link.source, link.target) if url in made}
    return sorted(url for url in ends if url not in pages)
