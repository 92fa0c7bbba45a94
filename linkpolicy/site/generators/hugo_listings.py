"""The links a Hugo list shortcode writes in the page that calls it.

A shortcode whose template looks a page up by one of its parameters and writes a link to
each page of a collection of it (``{{% quick-reference section="functions" %}}``: the
pages of each subsection of ``/functions``; see ``site.shortcodes.listing``) puts those
links in the page's content, where a reader and a crawler meet them as they meet the
links the author wrote. The call is found when the page is read
(``ParsedPage.listings``); what it lists is known once every page is placed: here.
"""

from __future__ import annotations

from collections.abc import Iterator

from ...content.markdown import LISTED, RawLink
from ...source import Source
from ..model import Page, Site
from ..navigation import hugo as hugo_nav
from ..navigation.tree import Section, SectionTree
from ..options import SiteOptions


def listed_links(site: Site, options: SiteOptions, source: Source) -> dict[str, list[RawLink]]:
    """Page path -> a link (of kind ``listed``, at the call, the listed page's link title as
    its text) to each page that each call of a list shortcode on the page lists, in Hugo's
    default order."""
    specs = options.config.list_shortcodes
    calls = [(page, call) for page in site.pages if page.parsed is not None for call in page.parsed.listings]
    if not specs or not calls:
        return {}
    tree, published = hugo_nav.section_tree(site.pages), site.published
    out: dict[str, list[RawLink]] = {}
    for page, (name, argument, line, column) in calls:
        spec = specs.get(name)
        found = hugo_nav.by_logical_path(published, argument, page.root) if spec is not None else None
        if found is None:
            continue
        listed = sorted(_collection(tree, found, spec[1]), key=hugo_nav.sort_key)
        links = (RawLink(p.url, hugo_nav.link_title(p), line, column, LISTED) for p in listed)
        out.setdefault(page.path, []).extend(links)
    return out


def _collection(tree: SectionTree, page: Page, what: str) -> Iterator[Page]:
    """The pages of ``page``'s collection ``what`` (see ``site.shortcodes.listing``) that
    Hugo lists."""
    section = tree.section_of.get(page)
    if section is None or section.page is not page:
        return  # a regular page's collections are empty
    if what == "pages":
        found: list[Page] = tree.children(page)
    elif what == "regular":
        found = [p for p in tree.children(page) if not hugo_nav.is_section_page(p.rel)]
    elif what == "recursive":
        found = list(_regular_below(section))
    elif what == "sections":
        found = [p for sub in section.sections if sub.page is not None for p in tree.children(sub.page)]
    else:
        return
    yield from (p for p in found if hugo_nav.listed(p))


def _regular_below(section: Section) -> Iterator[Page]:
    yield from section.pages
    for sub in section.sections:
        yield from _regular_below(sub)
