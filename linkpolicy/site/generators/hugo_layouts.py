"""Which navigation a Hugo site's own layouts render, read from its templates.

A site whose layouts are in the repository (its own, or a theme's under ``themes/``) says
in them what links every page gets: a page template that ranges over
``.CurrentSection.RegularPages`` lists a page's siblings ("in this section"), one that
calls ``.NextInSection`` links the next page, ``.Ancestors`` makes breadcrumbs,
``.Site.Menus`` menus, ``.Translations`` a language menu, and a list template that ranges
over ``.Pages`` links a section's pages. The templates are read, not run: a template is
searched for those calls together with the partials it calls (and the base template
that wraps it), by name. Without a page template in the repository (a theme fetched as
a module, or only hooks overridden) nothing is said and the generator's defaults hold.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..navigation.hugo import SIDEBAR_TYPES
from ..navigation.hugo_terms import TermLayouts
from ..templates import Layouts

#: the templates of a regular page and a list page, by lookup order (Hugo's template
#: system of 0.146 first, then ``_default/``, then 0.146's ``all.html``, every kind's)
PAGE = ("page.html", "single.html", "_default/single.html", "all.html")
LIST = ("section.html", "list.html", "_default/section.html", "_default/list.html", "all.html")

#: the page's own lists (``.Pages``, ``$.Pages``), not the site's (``site.Pages``) or another
#: collection's (``$series.Pages``, ``.CurrentSection.Pages``)
_LISTS = re.compile(
    r"(?<![\w)\]])\.(?:Pages|RegularPages|RegularPagesRecursive|Sections|Paginator|Paginate)\b"
)
_SIBLINGS = re.compile(r"\.(?:CurrentSection|Parent|FirstSection)\.(?:Pages|RegularPages)\b")
_PREV_NEXT = re.compile(r"\.(?:Prev|Next)InSection\b")
_ANCESTORS = re.compile(r"\.Ancestors\b")
_MENUS = re.compile(r"\.Menus\b")
_TRANSLATIONS = re.compile(r"\.(?:All)?Translations\b")


def rendered(layouts: Layouts) -> tuple[str, ...] | None:
    """The navigation sources the ``layouts`` render; None when no page template is among
    them."""
    page = layouts.closure(PAGE)
    if page is None:
        return None
    lists = layouts.closure(LIST) or ""
    everywhere = page + lists
    found = {
        "sections": _LISTS.search(_without_term_ranges(lists)),
        "breadcrumbs": _ANCESTORS.search(everywhere),
        "menus": _MENUS.search(everywhere),
        "translations": _TRANSLATIONS.search(everywhere),
        "siblings": _SIBLINGS.search(page),
        "prev-next": _PREV_NEXT.search(page),
        "sidebar": any(_tree(layouts.closure(typed(kind)) or "") for kind in SIDEBAR_TYPES),
    }
    return tuple(name for name, hit in found.items() if hit)


def typed(kind: str) -> tuple[str, ...]:
    """The templates of a regular page of type (or top-level section) ``kind``, by lookup order."""
    return (f"{kind}/page.html", f"{kind}/single.html", f"{kind}/all.html")


#: a template defined in a page's templates (``{{ define "filetree" }}``)
_DEFINE = re.compile(r"""\bdefine\s+["']([^"']+)["']""")


def _tree(text: str) -> bool:
    """Whether a page template shows a section's tree: a template of its own that calls
    itself (a nested list) over a section's pages."""
    if not _PAGES_OF_A_SECTION.search(text):
        return False
    return any(
        len(re.findall(rf"""\btemplate\s+["']{re.escape(name)}["']""", text)) >= 2
        for name in _DEFINE.findall(text)
    )


_PAGES_OF_A_SECTION = re.compile(r"\.(?:Pages|RegularPages|Sections)\b")


#: a page the template links by its path (``{{ with site.GetPage "/documentation" }}``)
_GET_PAGE = re.compile(r'\bGetPage\s+"(/[^"]*)"')
#: the home page's templates, by lookup order
HOME = ("home.html", "index.html", "_default/home.html", "_default/index.html")


@dataclass(frozen=True)
class Home:
    """What the home page's template shows: whether it lists the pages below it (its own
    ``.Pages``; the site's, ``site.RegularPages``, a template may range over for anything),
    and the pages it links by path."""

    lists: bool
    links: tuple[str, ...]


#: a home template that lists the pages below the home page, as a section's list does
LISTING = Home(True, ())
#: one that shows the page's content alone (Docsy's)
CONTENT_ONLY = Home(False, ())


def home(layouts: Layouts, theme: Home = LISTING) -> Home:
    """What the home template of ``layouts`` shows (``theme``'s, where there is none: by
    default it lists, as a section's list does)."""
    text = layouts.closure(HOME)
    if text is None:
        return theme
    lists = bool(_LISTS.search(_without_term_ranges(text)))
    return Home(lists, tuple(dict.fromkeys(_GET_PAGE.findall(text))))


def lists_its_section(layouts: Layouts, layout: str) -> bool:
    """Whether the template a page names in its front matter (``layout: list``) lists the
    pages of the page's section (``.CurrentSection.Pages``), as hugoDocs' /documentation/
    does."""
    if not re.fullmatch(r"[\w.-]+", layout):
        return False
    text = layouts.closure((f"{layout}.html", f"_default/{layout}.html"))
    return bool(text and _CURRENT_SECTION.search(text))


_CURRENT_SECTION = re.compile(r"\.CurrentSection\.(?:Pages|RegularPages)\b")


#: a template that paginates its list (``.Paginator``, ``.Paginate``)
_PAGINATES = re.compile(r"\.(?:Paginator|Paginate)\b")
#: Hugo's embedded pager (``_internal/pagination.html``; ``partial "pagination.html"`` since 0.128)
_EMBEDDED_PAGER = re.compile(r"""_internal/pagination\.html|partial\s+["']pagination\.html["']""")
_PAGER_PARTS = {
    "next": re.compile(r"\.Next\b(?!InSection)"),
    "prev": re.compile(r"\.Prev\b(?!InSection)"),
    "all": re.compile(r"\.Pagers\b"),
    "first": re.compile(r"\.First\b"),
    "last": re.compile(r"\.Last\b"),
}


def pager(text: str | None) -> frozenset[str] | None:
    """The pager a list template renders: None when it does not paginate; else what its
    pager links (``embedded``: Hugo's own, first, previous, five page numbers about the
    page, next and last; or the parts a site's own pager uses)."""
    if not text or not _PAGINATES.search(text):
        return None
    if _EMBEDDED_PAGER.search(text):
        return frozenset({"embedded"})
    return frozenset(name for name, part in _PAGER_PARTS.items() if part.search(text))


def pagers(layouts: Layouts) -> tuple[frozenset[str] | None, frozenset[str] | None]:
    """The pager of a section's list template and of the home page's (a site without a
    home template renders its home page with the list template)."""
    lists = layouts.closure(LIST)
    home = layouts.closure(HOME)
    return pager(lists), pager(home if home is not None else lists)


#: the templates of a term's page and of a taxonomy's page, by lookup order
TERM = ("term.html", "_default/term.html", "list.html", "_default/list.html", "all.html")
TAXONOMY = (
    "taxonomy.html",
    "_default/taxonomy.html",
    "_default/terms.html",
    "list.html",
    "_default/list.html",
    "all.html",
)
#: a page's own terms: ``.GetTerms "tags"``, or a range over ``.Params.tags`` (linked through ``urlize``)
_GET_TERMS = re.compile(r"""\.GetTerms\s+["'](\w+)["']""")
_PARAMS_RANGE = re.compile(r"\brange\s+(?:\$?\.Params\.|\.Params\.)(\w+)")
#: a taxonomy's every term: ``site.Taxonomies.tags``, ``index site.Taxonomies "tags"``
_EVERY_TERM = re.compile(r"""\bTaxonomies\.(\w+)|\bindex\s+\$?\.?[Ss]ite\.Taxonomies\s+["'](\w+)["']""")


def term_layouts(layouts: Layouts) -> TermLayouts:
    """What the templates render of the taxonomies: whether the term and taxonomy
    templates list their pages (and paginate), the taxonomies whose terms the page
    template links, and those whose every term a page or list template shows."""
    page = layouts.closure(PAGE) or ""
    term, taxonomy = layouts.closure(TERM), layouts.closure(TAXONOMY)
    own = set(_GET_TERMS.findall(page))
    if "urlize" in page:
        own |= set(_PARAMS_RANGE.findall(page))
    every = {a or b for text in (page, layouts.closure(LIST) or "") for a, b in _EVERY_TERM.findall(text)}
    return TermLayouts(
        term_lists=term is None or bool(_LISTS.search(term)),
        taxonomy_lists=taxonomy is None or bool(_LISTS.search(taxonomy)),
        term_pager=pager(term),
        taxonomy_pager=pager(taxonomy),
        page_terms=frozenset(own),
        every_term=frozenset(every),
    )


#: a template action (``{{ ... }}``, trim markers and comments included)
_ACTION = re.compile(r"\{\{-?(.*?)-?\}\}", re.S)
#: the actions that open a block an ``{{ end }}`` closes
_OPENS = re.compile(r"\s*(?:if|with|range|block|define)\b")
_END = re.compile(r"\s*end\s*$")
#: ``range site.Menus.docs`` (``.Site.Menus``, ``$.Site.Menus``; ``.Reverse``, ``.ByWeight``, ...)
_MENU_RANGE = re.compile(
    r"\s*range\s+(?:\$\w+\s*(?:,\s*\$\w+\s*)?:=\s*)?\(?\s*(?:\$?\.Site|site|\$\.Site)\.Menus\.(\w+)"
    r"(?:\.(?:Reverse|ByWeight|ByName))?\s*\)?\s*$"
)
#: any other mention of the site's menus: ``Menus.main`` (its name), ``.Menus`` (any menu)
_MENU_MENTION = re.compile(r"\bMenus\b(?:\.(\w+))?")
#: what in a range's body may write a link: an ``<a>`` element, or a partial or template
#: (read, not followed)
_LINKING = re.compile(r"<a\b|\{\{-?\s*(?:partial|partialCached|template)\b", re.I)


def unlinked_menus(texts: list[str]) -> frozenset[str]:
    """The menus the templates ``texts`` render, but never as links: every mention of the
    menu is a ``range`` over it whose body writes no ``<a>`` and calls no partial or
    template (linkerd.io's version menu, the ``<option>`` elements of a ``<select>``, or a
    range that only finds the current section). A menu the templates name any other way
    (``$menu := site.Menus.main``), or a template that reaches every menu (``range
    site.Menus``), and it counts as linked."""
    ranged: dict[str, bool] = {}  # name -> whether some range over it may link
    named: set[str] = set()  # names mentioned other than by a range
    for text in texts:
        if "Menus" not in text:
            continue
        actions = list(_ACTION.finditer(text))
        for i, action in enumerate(actions):
            body = action.group(1)
            if "Menus" not in body:
                continue
            m = _MENU_RANGE.match(body)
            if m is None:
                for mention in _MENU_MENTION.finditer(body):
                    if mention.group(1) is None:
                        return frozenset()  # every menu, by a name only the run knows
                    named.add(mention.group(1).lower())
                continue
            end = _closing(actions, i)
            inside = text[action.end() : actions[end].start()] if end is not None else text[action.end() :]
            name = m.group(1).lower()  # (Hugo's menu names, as its config keys, ignore case)
            ranged[name] = ranged.get(name, False) or bool(_LINKING.search(inside))
    return frozenset(name for name, links in ranged.items() if not links and name not in named)


def _closing(actions: list[re.Match[str]], opened: int) -> int | None:
    """The index of the ``{{ end }}`` that closes the block the action at ``opened`` opens."""
    depth = 0
    for i in range(opened, len(actions)):
        body = actions[i].group(1)
        if body.lstrip().startswith("/*"):
            continue
        if _OPENS.match(body):
            depth += 1
        elif _END.match(body):
            depth -= 1
            if depth == 0:
                return i
    return None


#: ``range .GetTerms "series"`` (``with``, ``$.GetTerms``): a block over the page's terms
_TERM_RANGE = re.compile(r"\s*(?:range|with)\s+\$?\.GetTerms\b")


def _without_term_ranges(text: str) -> str:
    """``text`` without the blocks over the page's terms, whose ``.Pages`` are a term's
    (Hugo's Open Graph partial names a series' pages in ``og:see_also``), not the page's."""
    if "GetTerms" not in text:
        return text
    actions = list(_ACTION.finditer(text))
    out, done, i = [], 0, 0
    while i < len(actions):
        if _TERM_RANGE.match(actions[i].group(1)):
            end = _closing(actions, i)
            out.append(text[done : actions[i].start()])
            if end is None:
                return "".join(out)
            done, i = actions[end].end(), end + 1
            continue
        i += 1
    out.append(text[done:])
    return "".join(out)
