"""Hugo's navigation as standard themes render it, from the sources: section list pages
link the pages they list, breadcrumbs link a page's ancestors, menus (from the config
and from front matter) link their entries from every page (modelled as links from the
home page), a multilingual site's language menu links each page to its translations;
"in this section" lists and prev/next in section on request, and Docsy's sidebar (a docs
section's whole tree on each of its pages, modelled as the section page's links) where the
site's theme is Docsy.

What Hugo lists follows its rules: ``_index.md`` makes a section (a top-level folder is
one even without it), ``index.md`` is a leaf bundle (a regular page of the folder
above), ``build: {list: never}`` (or ``_build``, ``list: false``) and ``headless``
keep a page out of lists, and lists are in Hugo's default order (weight, then date
newest first, then link title, then path)."""

from __future__ import annotations

import posixpath
from collections.abc import Container, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ..model import NavLink, Page, Site, nav_sorted
from .hugo_terms import VIA as TERM_VIA
from .hugo_terms import Taxonomy, Term, TermLayouts, by_reference
from .lists import pages_of
from .tree import Section, SectionTree, build_tree

SOURCES = (
    "sections",
    "breadcrumbs",
    "menus",
    "translations",
    "siblings",
    "prev-next",
    "sidebar",
    "taxonomies",
)
DEFAULTS = ("sections", "breadcrumbs", "menus", "translations", "taxonomies")


def param(front: Mapping[str, Any], key: str) -> Any:
    """Front matter keys are case-insensitive in Hugo."""
    if key in front:
        return front[key]
    for k, v in front.items():
        if isinstance(k, str) and k.lower() == key:
            return v
    return None


def _stem(rel: str) -> str:
    return posixpath.splitext(posixpath.basename(rel))[0].lower()


def is_section_page(rel: str) -> bool:
    return _stem(rel) == "_index"


def folder_of(rel: str) -> str:
    folder = posixpath.dirname(rel)
    return posixpath.dirname(folder) if _stem(rel) == "index" and folder else folder


def listed(page: Page) -> bool:
    """Whether Hugo puts the page in its section's page collections."""
    for key in ("build", "_build"):
        build = param(page.front, key)
        if isinstance(build, Mapping):
            value = param(build, "list")
            if value is False or str(value).lower() in ("never", "false"):
                return False
    return param(page.front, "headless") is not True


def sort_key(page: Page) -> tuple[Any, ...]:
    """Hugo's default page order: weight (unweighted last), date newest first, link
    title, path."""
    weight = param(page.front, "weight")
    weight = weight if isinstance(weight, int) and not isinstance(weight, bool) else 0
    return (weight == 0, weight, _newest_first(param(page.front, "date")), link_title(page).lower(), page.rel)


def _newest_first(date: Any) -> str:
    """A date's key in Hugo's order (newest first; none last)."""
    return "".join(chr(0x10FFFF - ord(c)) for c in str(date)[:19]) if date else "\U0010ffff"


def term_key(term: Term) -> tuple[Any, ...]:
    """Hugo's default order of a term's page: its date is its newest page's, its title
    the term, no weight."""
    newest = min(
        (_newest_first(param(p.front, "date")) for p in term.pages if p.published), default="\U0010ffff"
    )
    return (True, 0, newest, term.name.lower(), term.url)


def link_title(page: Page) -> str:
    """Hugo's ``.LinkTitle``: ``linkTitle`` of the front matter, else the title."""
    return str(param(page.front, "linktitle") or page.title)


def section_tree(pages: Iterable[Page]) -> SectionTree:
    return build_tree(
        [p for p in pages if p.published and p.readable and p.url],
        is_section_page=is_section_page,
        is_section_folder=lambda folder: "/" not in folder,  # top-level folders are sections
        folder_of=folder_of,
    )


@dataclass(frozen=True)
class Layouts:
    """What the site's own layouts say beyond the sources (see
    ``generators.hugo_layouts``): whether the home page lists the pages below it, the pages
    its template links by path, and the layouts (``layout:`` in front matter) whose
    template lists the page's section."""

    home_lists: bool = True
    home_links: tuple[str, ...] = ()
    section_lists: frozenset[str] = frozenset()
    #: the pager of a section's list and of the home page, when their templates paginate
    #: (see ``generators.hugo_layouts.pager``), and the pages a list page shows and the
    #: folder of its later pages
    list_pager: frozenset[str] | None = None
    home_pager: frozenset[str] | None = None
    pager_size: tuple[int, str] = (10, "page")
    #: what they render of the taxonomies
    terms: TermLayouts = TermLayouts()


def navigation(
    site: Site,
    sources: Sequence[str],
    menu_refs: Sequence[str] = (),
    layouts: Layouts = Layouts(),
    sidebar_entries: int = 100,
    taxonomies: Sequence[Taxonomy] = (),
    folders: Mapping[tuple[str, str], str] | None = None,
    unlinked_menus: Container[str] = (),
) -> list[NavLink]:
    """The links Hugo's templates make, for the named ``sources`` (see :data:`SOURCES`);
    ``menu_refs`` are the config's menu entries (``pageRef`` or site-relative ``url``);
    ``sidebar_entries``: the most a section shows in the ``sidebar`` (Docsy's);
    ``taxonomies``: the taxonomy and term pages the build makes (see :mod:`.hugo_terms`);
    ``folders``: the URL of the list page Hugo makes for each top-level folder without
    ``_index.md`` (by content root and folder), a generated page listing the folder's pages;
    ``unlinked_menus``: menus the templates render without links (a page's front matter
    putting it in one makes no link)."""
    tree = section_tree(site.pages)
    pages = list(tree.section_of)
    out: set[NavLink] = set()
    held: list[Page] = []  # the home page's list, where its template shows none
    virtual = _virtual_sections(tree, folders or {})

    def add(src: Page, targets: Iterable[Page], via: str) -> None:
        out.update(NavLink(src.url, t.url, via) for t in targets if t is not src)

    for page in pages:
        pager = layouts.home_pager if page is site.home else layouts.list_pager
        if "sections" in sources and pager is not None and (page is site.home or is_section_page(page.rel)):
            # a paginated list: the home page's of the site's regular pages, a section's of its own
            items = pages if page is site.home else tree.children(page)
            regular = sorted((p for p in items if listed(p) and not is_section_page(p.rel)), key=sort_key)
            out.update(_paged(site, page.url, [p.url for p in regular], pager, layouts.pager_size))
        elif "sections" in sources:
            children = [c for c in tree.children(page) if listed(c)]
            if page is site.home and not layouts.home_lists:
                held = children
            else:
                # a section without a section page right below is listed by its list page's URL
                below = [s for s in tree.subsections(page) if s in virtual]
                inside = {p for s in below for p in tree.listing(s)}
                add(page, (c for c in children if c not in inside), "section")
                out.update(NavLink(page.url, virtual[s], "section") for s in below)
        if layouts.section_lists and not is_section_page(page.rel):
            if str(param(page.front, "layout")) in layouts.section_lists:
                add(page, (p for p in tree.section_list(page) if listed(p)), "section")
        if "breadcrumbs" in sources:
            add(page, tree.ancestors(page), "breadcrumb")
            out.update(
                NavLink(page.url, virtual[s], "breadcrumb")
                for s in tree.ancestor_sections(page)
                if s in virtual
            )
        if "siblings" in sources and not is_section_page(page.rel):
            # a page template's "in this section" list: a section page's is its list
            add(page, (s for s in tree.siblings(page) if listed(s)), "section")
    out.update(_virtual_links(site, tree, virtual, sources, layouts))
    if "sidebar" in sources:
        menus = set(menu_pages(site, pages, menu_refs, unlinked_menus)) if "menus" in sources else set()
        for root in _sidebar_roots(site, tree):
            shown = list(sidebar(tree, root, sidebar_entries))
            add(root, shown, "sidebar")
            # the sidebar is on each page of the tree: from a page the menus link (on every
            # page, so one click from home) it is that page's links too, one click nearer
            # than through the section page (Kubernetes' "Documentation" is /docs/home/)
            for page in _within(root, menus):
                add(page, shown, "sidebar")
    if "prev-next" in sources:
        for section in tree.section_of.values():
            ordered = sorted((p for p in section.pages if listed(p)), key=sort_key)
            for a, b in zip(ordered, ordered[1:], strict=False):
                add(a, [b], "prev-next")
                add(b, [a], "prev-next")
    if "translations" in sources:
        for group in translations(pages):
            for page in group:
                add(page, group, "translation")
    if "taxonomies" not in sources:
        taxonomies = ()
    out.update(_term_links(site, taxonomies, layouts, "breadcrumbs" in sources))
    if "menus" in sources and site.home is not None and site.home.published:
        # Menus are on every page: modelled as links from the home page, which reaches
        # and ranks them as a sitewide block does, without an edge per page pair.
        add(site.home, menu_pages(site, pages, menu_refs, unlinked_menus), "menu")
        out.update(NavLink(site.home.url, url, "menu") for url in by_reference(taxonomies, menu_refs))
    if site.home is not None and layouts.home_links:
        found = (get_page(site, ref) for ref in layouts.home_links)
        add(site.home, (p for p in found if p is not None and p.published), "template")
        out.update(
            NavLink(site.home.url, url, "template") for url in by_reference(taxonomies, layouts.home_links)
        )
    if held and site.home is not None and not _reached(site.home, held, out):
        # the templates read say the home page lists nothing, but its list is the way to
        # these pages: a template read, not run, may show more than the reading sees
        add(site.home, held, "section")
    return nav_sorted(out)


def _paged(
    site: Site, url: str, items: list[str], pager: frozenset[str], size: tuple[int, str], via: str = "section"
) -> Iterator[NavLink]:
    """A paginated list from the page at ``url``: its first page is that page, the others
    (``page/2/`` ...) pages with no source (``site.generated``); each lists its items
    (URLs) and links the pages its ``pager`` names (Hugo's embedded pager: the first,
    the previous, five page numbers about the page, the next and the last)."""
    per, folder = size
    chunks = pages_of(items, per)
    base = url if url.endswith("/") else url + "/"
    urls = [url, *(f"{base}{folder}/{n}/" for n in range(2, len(chunks) + 1))]
    n = len(urls)
    for k, here in enumerate(urls):
        if k:
            site.generated.setdefault(here, "list page")
        yield from (NavLink(here, item, via) for item in chunks[k] if item != here)
        near: set[int] = set()
        if "embedded" in pager:
            start = max(0, min(k - 2, n - 5))
            near |= {0, k - 1, k + 1, n - 1} | set(range(start, min(n, start + 5)))
        near |= {k + 1} if "next" in pager else set()
        near |= {k - 1} if "prev" in pager else set()
        near |= set(range(n)) if "all" in pager else set()
        near |= {0} if "first" in pager else set()
        near |= {n - 1} if "last" in pager else set()
        yield from (NavLink(here, urls[j], "pagination") for j in sorted(near) if 0 <= j < n and j != k)


def _list(
    site: Site, url: str, items: list[str], pager: frozenset[str] | None, size: tuple[int, str], via: str
) -> Iterable[NavLink]:
    """The links of the list page at ``url`` to its ``items``: over pages (:func:`_paged`)
    where its template paginates (``pager``), else all from that page."""
    if pager is not None:
        return _paged(site, url, items, pager, size, via)
    return (NavLink(url, item, via) for item in items if item != url)


def _virtual_sections(tree: SectionTree, folders: Mapping[tuple[str, str], str]) -> dict[Section, str]:
    """The top-level sections without a section page that Hugo makes a list page for
    (``folders``), each with that page's URL."""
    out = {}
    for top in tree.roots:
        for section in (s for s in top.sections if s.page is None):
            root = next((p.root for p in tree.listing(section)), "")
            if (url := folders.get((root, section.folder))) is not None:
                out[section] = url
    return out


def _virtual_links(
    site: Site, tree: SectionTree, virtual: dict[Section, str], sources: Sequence[str], layouts: Layouts
) -> Iterator[NavLink]:
    """The links of the list pages of the sections without a section page: each lists its
    pages (a page's worth where the list template paginates) and, with breadcrumbs, links
    the home page. Each enters ``site.generated``."""
    home = site.home.url if site.home is not None else None
    for section, url in virtual.items():
        site.generated.setdefault(url, "section page")
        shown = [p for p in tree.listing(section) if listed(p)]
        if "sections" in sources:
            if layouts.list_pager is not None:  # (a paginated list shows the regular pages)
                shown = sorted((p for p in shown if not is_section_page(p.rel)), key=sort_key)
            yield from _list(
                site, url, [p.url for p in shown], layouts.list_pager, layouts.pager_size, "section"
            )
        if "breadcrumbs" in sources and home is not None:
            yield NavLink(url, home, "breadcrumb")


def _term_links(
    site: Site, taxonomies: Sequence[Taxonomy], layouts: Layouts, breadcrumbs: bool
) -> Iterator[NavLink]:
    """The links of the taxonomy and term pages (their lists, as the list template
    renders them, and their breadcrumbs: a term's taxonomy and the home page) and to them
    (a page template's terms, a tag cloud on every page, modelled as the home page's
    links); each of those pages enters ``site.generated``."""
    shown, size = layouts.terms, layouts.pager_size
    home = site.home.url if site.home is not None and site.home.published else None

    for taxonomy in (t for t in taxonomies if t.first):  # (one no page names: a page nothing shows)
        terms = sorted(taxonomy.terms, key=term_key)
        above = [u for u in (taxonomy.url, home) if u is not None] if breadcrumbs else []
        if taxonomy.url is not None:
            site.generated.setdefault(taxonomy.url, "taxonomy page")
            yield from (NavLink(taxonomy.url, u, "breadcrumb") for u in above[1:])
            if shown.taxonomy_lists:
                yield from _list(
                    site, taxonomy.url, [t.url for t in terms], shown.taxonomy_pager, size, TERM_VIA
                )
        for term in terms:
            site.generated.setdefault(term.url, "term page")
            yield from (NavLink(term.url, u, "breadcrumb") for u in above)
            if shown.term_lists:
                items = sorted((p for p in term.pages if p.published and listed(p)), key=sort_key)
                yield from _list(site, term.url, [p.url for p in items], shown.term_pager, size, TERM_VIA)
            if taxonomy.plural in shown.page_terms:
                yield from (NavLink(p.url, term.url, TERM_VIA) for p in term.pages if p.published)
            if taxonomy.plural in shown.every_term and home is not None:
                yield NavLink(home, term.url, "menu")


#: the page types whose layouts show Docsy's sidebar
SIDEBAR_TYPES = ("docs", "blog", "swagger")


def _sidebar_roots(site: Site, tree: SectionTree) -> list[Page]:
    """The pages whose tree a sidebar shows, each on every page of it (Docsy: a page's
    top-level section, or the home page where its type is ``docs``), where that section's
    layout has a sidebar (its type, or its folder's name, is ``docs``, ``blog`` or
    ``swagger``). Modelled as the root page's links: what the theme's shared mode renders."""
    home = site.home
    if home is not None and param(home.front, "type") == "docs":
        return [home]
    roots = []
    for top in (s for root in tree.roots for s in root.sections):
        page = top.page
        if page is not None and (param(page.front, "type") or top.folder.split("/")[0]) in SIDEBAR_TYPES:
            roots.append(page)
    return roots


def _within(root: Page, pages: Iterable[Page]) -> list[Page]:
    """Those of ``pages`` (not ``root``) in the tree of the section page ``root``."""
    folder = posixpath.dirname(root.rel)
    inside = [p for p in pages if p is not root and p.root == root.root]
    if not folder:
        return sorted(inside, key=lambda p: p.rel)
    return sorted((p for p in inside if p.rel.startswith(folder + "/")), key=lambda p: p.rel)


def sidebar(tree: SectionTree, section: Page, entries: int) -> Iterator[Page]:
    """The pages Docsy's sidebar shows under ``section``: its pages and subsections (not
    those with ``toc_hide``), the first ``entries`` of them in weight order, each
    subsection's in turn."""
    shown = [p for p in tree.children(section) if listed(p) and param(p.front, "toc_hide") is not True]
    for page in sorted(shown, key=sort_key)[:entries]:
        yield page
        if is_section_page(page.rel):
            yield from sidebar(tree, page, entries)


def _reached(home: Page, wanted: Sequence[Page], links: set[NavLink]) -> bool:
    """Whether the navigation ``links`` lead from ``home`` to each of ``wanted``."""
    out: dict[str, list[str]] = {}
    for link in links:
        out.setdefault(link.source, []).append(link.target)
    seen = {home.url}
    queue = [home.url]
    while queue:
        for target in out.get(queue.pop(), ()):
            if target not in seen:
                seen.add(target)
                queue.append(target)
    return all(p.url in seen for p in wanted)


def translations(pages: Iterable[Page]) -> list[list[Page]]:
    """The pages that are one page in several languages (one a content root): the same
    ``translationKey``, else the same path in each root. A multilingual theme's language
    menu links each page to its translations (the home pages of each language too)."""
    groups: dict[str, list[Page]] = {}
    for page in pages:
        key = param(page.front, "translationkey")
        name = f"key:{key}" if isinstance(key, str) and key else "rel:" + posixpath.splitext(page.rel)[0]
        groups.setdefault(name, []).append(page)
    return [g for g in groups.values() if len({p.root for p in g}) > 1]


def menu_pages(
    site: Site, pages: Sequence[Page], menu_refs: Sequence[str], unlinked: Container[str] = ()
) -> Iterable[Page]:
    """Pages that the site's menus link: the config's entries (``menu_refs``) and pages
    whose front matter puts them in a menu (``menu``/``menus``) that is not ``unlinked``."""
    for ref in menu_refs:
        page = get_page(site, ref)
        if page is not None and page.published:
            yield page
    for page in pages:
        names = _menu_names(param(page.front, "menu")) | _menu_names(param(page.front, "menus"))
        if any(name not in unlinked for name in names):
            yield page


def _menu_names(value: Any) -> set[str]:
    """The menus front matter names: ``menu: main``, ``menu: [main, docs]``, ``menu: {main:
    {weight: 1}}``."""
    if isinstance(value, str):
        return {value.lower()} if value else set()
    if isinstance(value, list):
        return {str(v).lower() for v in value if isinstance(v, str | int)}
    if isinstance(value, dict):
        return {str(k).lower() for k in value}
    return {"?"} if value else set()


def get_page(site: Site, ref: str) -> Page | None:
    """A page by a Hugo ``GetPage``-style reference: a logical path (``/news``,
    ``about/introduction``), a content path, or a URL."""
    found = site.find(ref)
    return found if found is not None else by_logical_path(site.pages, ref)


def by_logical_path(pages: Iterable[Page], ref: str, root: str | None = None) -> Page | None:
    """The first of ``pages`` at Hugo logical path ``ref`` (``/news``: a section's
    ``_index``, a bundle's ``index`` or the file itself, its extension optional), one of
    content root ``root`` (a language's) before the others."""
    path = ref.split("#", 1)[0].split("?", 1)[0].strip().strip("/").lower()
    stem = posixpath.splitext(path)[0] if path.endswith((".md", ".markdown", ".html")) else path
    candidates = {f"{stem}/_index", stem, f"{stem}/index"} if stem else {"_index"}
    found = [page for page in pages if posixpath.splitext(page.rel.lower())[0] in candidates]
    return next((p for p in found if p.root == root), found[0] if found else None)
