"""Hugo's taxonomy pages as the build makes them, from the pages' front matter: a
taxonomy's page (``/tags/``) lists its terms, each term's page (``/tags/go/``) lists the
pages that name it, as the list template renders a list (paginated where it paginates);
a page template that shows a page's terms (``.GetTerms "tags"``, a range over
``.Params.tags`` through ``urlize``) links each of them, one that shows a taxonomy's
every term (``site.Taxonomies.tags``, a tag cloud) links them from every page (modelled
as the home page's links, as menus are). None of these pages has a source file: they
are generated pages of the graph (``site.generated``). The links are made in
:mod:`.hugo`; here, what they are made of."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from ..model import Page

#: the navigation link of a taxonomy or term page's list, and of a page to its terms
VIA = "taxonomy"


@dataclass
class Term:
    """A term's page: its URL, the term as first written and the pages naming it (in
    the site's order)."""

    url: str
    name: str
    pages: list[Page] = field(default_factory=list)


@dataclass
class Taxonomy:
    """A taxonomy (``tags``) of one language: its page's URL (None when Hugo builds no
    taxonomy pages) and its terms (none when it builds no term pages)."""

    plural: str
    url: str | None
    #: the path of the first page that names one of its terms ("" where none does: its
    #: page is built all the same, and served, but lists nothing and is no node)
    first: str
    terms: list[Term] = field(default_factory=list)


@dataclass(frozen=True)
class TermLayouts:
    """What the templates render of the taxonomies (see ``generators.hugo_layouts``):
    whether a term's and a taxonomy's page list their pages and terms, and their pagers
    (None: no pagination); the taxonomies whose terms a page template links (the page's
    own) and those it shows whole on every page."""

    term_lists: bool = True
    taxonomy_lists: bool = True
    term_pager: frozenset[str] | None = None
    taxonomy_pager: frozenset[str] | None = None
    page_terms: frozenset[str] = frozenset()
    every_term: frozenset[str] = frozenset()


def by_reference(taxonomies: Iterable[Taxonomy], refs: Iterable[str]) -> list[str]:
    """The taxonomy and term pages that ``refs`` name (a menu's ``pageRef: /tags``, a
    template's ``GetPage "/tags"``), by their path."""
    urls = {}
    for taxonomy in taxonomies:
        for url in [taxonomy.url, *(t.url for t in taxonomy.terms)]:
            if url is not None:
                urls.setdefault(url.strip("/").lower(), url)
    found = (urls.get(ref.split("#", 1)[0].split("?", 1)[0].strip().strip("/").lower()) for ref in refs)
    return [url for url in found if url is not None]
