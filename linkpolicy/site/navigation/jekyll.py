"""Jekyll's navigation, read from the site's own templates and data files (Jekyll itself
renders none): the theme's sidebar (Just the Docs) or header (Minima), the pages its data
files list (the loops of ``site.data.NAME``), and the posts its templates list (``for post
in site.posts``).

Jekyll builds pages from Liquid templates in ``_layouts`` and ``_includes`` (and HTML
pages), which here are only looked at, never run: a data file counts when a template names
it (``site.data.docs_nav``), and each value it holds under a ``url``, ``link`` or ``href``
key that is a path of the site (``/docs/installation/``) and a page's URL is a link from
every page (modelled as a link from the home page, as other sitewide blocks are). A loop over
``site.posts`` or ``paginator.posts`` lists every post (a paginated list collapses onto the
page with a source); one with ``limit: N`` alone, the newest N. Loops over a collection
(``for doc in site.docs``) list its documents. Feeds and sitemaps (XML) are no pages a
reader follows and are not read.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from ...content.frontmatter import parse_front_matter
from ...content.genconfig import read_yaml_document
from ...content.markdown import parse_page
from ...io import line_column
from ...source import Source
from ..model import LISTED_VIA, NavLink, Page, Site, nav_sorted
from .lists import pages_of

#: The template files read at most, the bytes of each, and of them all.
MAX_TEMPLATES = 2000
MAX_TEMPLATE_BYTES = 1 << 20
MAX_TEMPLATES_BYTES = 32 << 20
#: Keys of a data file's entries whose value is a link.
LINK_KEYS = frozenset({"url", "link", "href"})

_DATA = re.compile(r"site\.data\.([A-Za-z0-9_-]+)|site\.data\[\s*['\"]([^'\"]+)['\"]\s*\]")
_LIMIT = re.compile(r"\blimit\s*:\s*(\d+)")


def templates(source: Source, home: str) -> dict[str, str]:
    """The site's layouts and includes (not its generated ``_site``, vendored gems or
    node modules): path under the site's folder -> text."""
    out: dict[str, str] = {}
    left = MAX_TEMPLATES_BYTES
    for path in source.files(home):
        rel = path[len(home) + 1 :] if home else path
        if rel.startswith(("_layouts/", "_includes/")):
            try:
                data = source.read(path)
            except OSError:
                continue
            out[rel] = data[: min(MAX_TEMPLATE_BYTES, left)].decode("utf-8", "replace")
            left -= len(out[rel])
            if len(out) >= MAX_TEMPLATES or left <= 0:
                break
    return out


def data_pages(site: Site, source: Source, home: str, texts: Sequence[str]) -> Iterator[Page]:
    """The published pages that the data files the templates name link to: by a path
    under a link key, or by a name the templates make a path of (``item | prepend:
    "/tutorials/" | append: "/"``, Jekyll's own documentation)."""
    names = {a or b for text in texts for a, b in _DATA.findall(text)}
    made = {(m.group(2), m.group(4) or "") for text in texts for m in _PREPEND.finditer(text)}
    for name in sorted(names):
        for ext in (".yml", ".yaml", ".json"):
            path = posixpath.join(home, "_data", name + ext)
            try:
                data = read_yaml_document(source.read(path))  # (JSON is YAML)
            except OSError:
                continue
            refs = [*_links_in(data), *(p + s + a for s in _names_in(data) for p, a in made)]
            for ref in refs:
                page = site.find(ref)
                if page is not None and page.published:
                    yield page
            break


#: a name made a site path in a template: ``| prepend: "/docs/"`` (then ``| append: "/"``)
_PREPEND = re.compile(
    r"""\|\s*prepend\s*:\s*(['"])(/[^'"\s]*)\1(?:\s*\|\s*append\s*:\s*(['"])([^'"\s]*)\3)?"""
)


def _names_in(value: Any, depth: int = 0) -> Iterator[str]:
    """The strings in lists anywhere in ``value`` that may be a page's name (one word)."""
    if depth > 32:
        return
    if isinstance(value, dict):
        for item in value.values():
            yield from _names_in(item, depth + 1)
    elif isinstance(value, list):
        for item in value:
            if isinstance(item, str) and item.strip() and " " not in item.strip():
                yield item.strip()
            else:
                yield from _names_in(item, depth + 1)


def _links_in(value: Any, depth: int = 0) -> Iterator[str]:
    """The site paths (``/a/b/``) held under a link key anywhere in ``value``."""
    if depth > 32:
        return
    if isinstance(value, dict):
        for key, item in value.items():
            if key in LINK_KEYS and isinstance(item, str):
                ref = item.strip()
                if ref.startswith("/") and not ref.startswith("//"):
                    yield ref
            else:
                yield from _links_in(item, depth + 1)
    elif isinstance(value, list):
        for item in value:
            yield from _links_in(item, depth + 1)


#: ``site.pages`` and ``site.html_pages``: the pages that are no collection's documents
PAGES = frozenset({"pages", "html_pages"})


def _documents(site: Site, collection: str) -> list[Page]:
    """The published documents of ``collection`` (``posts``: the posts), newest first (by
    their file name, which starts with a post's date); for :data:`PAGES`, the pages, by path."""
    if collection in PAGES:
        return sorted((p for p in site.published if not p.rel.startswith("_")), key=lambda p: p.rel)
    docs = (p for p in site.published if p.rel.startswith(f"_{collection}/"))
    return sorted(docs, key=lambda p: p.rel, reverse=True)


@dataclass(frozen=True)
class Loop:
    """A template's loop over the posts or a collection's documents: ``for x in
    site.posts``, or over a list assigned from one (``assign a = site.articles | where:
    'lang', page.lang``). ``filters``: each ``where``'s key and value, the value a literal
    or the name of one of the page's own values (``page.lang``)."""

    collection: str
    filters: tuple[tuple[str, str | None, str | None], ...] = ()
    limit: int | None = None
    #: over ``paginator.posts``: a page's worth of posts, on the paginated index only
    paged: bool = False

    @property
    def per_page(self) -> bool:
        """Whether what it lists depends on the page it is on."""
        return any(name is not None for _, _, name in self.filters)


_ASSIGN = re.compile(r"\{%-?\s*assign\s+(\w+)\s*=\s*(site|paginator)\.(\w+)\s*((?:\|[^|%]*)*)-?%\}")
_FOR = re.compile(
    r"\{%-?\s*for\s+\w+\s+in\s+(?:(site|paginator)\.(\w+)"
    r"(?:\.([\w-]+)|\[\s*['\"]([^'\"]+)['\"]\s*\]|\[\s*page\.(\w+)\s*\])?|(\w+))([^%]*)-?%\}"
)
#: the filter keys of ``site.categories.NAME`` and ``site.tags.NAME`` (or ``[page.lang]``,
#: the page's own value): a post's categories
#: (its folders above ``_posts`` and its ``categories``), its tags
CATEGORIES = "categories()"
TAGS = "tags()"
_WHERE = re.compile(
    r"""where\s*:\s*(?:'([^']*)'|"([^"]*)")\s*,\s*(?:'([^']*)'|"([^"]*)"|page\.(\w+)|(true|false|nil))\s*"""
)
#: filters that leave which documents a list holds as they are
_ORDERS = frozenset({"sort", "sort_natural", "reverse", "uniq", "compact"})
#: an assign or a for tag (``_ASSIGN``'s groups, then ``_FOR``'s), in the order they come
_TAGS = re.compile(f"{_ASSIGN.pattern}|{_FOR.pattern}")
_INCLUDE = re.compile(r"\{%-?\s*include\s+['\"]?([\w./-]+?)['\"]?(?:\s[^%]*)?-?%\}")


#: a page's own loop, in ``ParsedPage.listings`` (see :func:`loop_calls`)
LOOP = "liquid-for"
#: Liquid that Jekyll leaves as written (``{% raw %}`` to ``{% endraw %}``)
_RAW = re.compile(r"\{%-?\s*raw\s*-?%\}.*?(?:\{%-?\s*endraw\s*-?%\}|\Z)", re.S)


def loop_calls(text: str) -> list[tuple[str, str, int, int]]:
    """(:data:`LOOP`, the loop's ``for`` tag after the ``assign`` tags before it, line,
    column) of each ``for`` tag in a page's ``text``: what it lists is known once the site
    is (see :func:`listed`), and the build writes it into the page's text."""
    if "{%" not in text:
        return []
    out: list[tuple[str, str, int, int]] = []
    assigns: list[str] = []
    raw = [m.span() for m in _RAW.finditer(text)] if "raw" in text else []
    for m in _TAGS.finditer(text):
        if any(start <= m.start() < end for start, end in raw):
            continue  # shown as it is written
        if m.group(1) is not None:
            assigns.append(m.group(0))
        else:
            out.append((LOOP, "\n".join([*assigns, m.group(0)]), *line_column(text, m.start())))
    return out


def _filters(chain: str) -> tuple[tuple[str, str | None, str | None], ...] | None:
    """The ``where`` filters of a chain of filters (``| where: 'k', page.x | sort: 'n'``);
    None when one of them makes no list of documents (``first``, ``map``); a filter not
    read (``where_exp``) is left out: the list may then hold more than the build's."""
    out = []
    for part in chain.split("|")[1:]:
        part = part.strip().rstrip("-").strip()
        name = part.split(":", 1)[0].strip()
        if name == "where":
            m = _WHERE.fullmatch(part)
            if m is not None:
                key = m.group(1) if m.group(1) is not None else m.group(2)
                literal = next((g for g in (m.group(3), m.group(4), m.group(6)) if g is not None), None)
                out.append((key, literal, m.group(5)))
        elif name in ("first", "last", "map", "size", "join", "group_by", "jsonify"):
            return None
        elif name not in _ORDERS and name not in ("where_exp", "limit", "slice", "offset"):
            return None
    return tuple(out)


def loops(text: str, collections: Iterable[str]) -> list[Loop]:
    """The loops of a template's ``text`` over the posts and the ``collections``' documents."""
    known = {"posts", *PAGES, *collections}
    assigned: dict[str, Loop | None] = {}
    out = []
    for m in _TAGS.finditer(text):
        if m.group(1) is not None:  # an assign
            owner, name, filters = m.group(2), m.group(3), _filters(m.group(4))
            ok = name in known and (owner == "site" or name == "posts") and filters is not None
            paged = m.group(2) == "paginator"
            assigned[m.group(1)] = Loop(name, filters, paged=paged) if ok and filters is not None else None
            continue
        owner, name, var, rest = m.group(5), m.group(6), m.group(10), m.group(11)
        limit = _LIMIT.search(rest)
        group, page_key = m.group(7) or m.group(8), m.group(9)
        if var is not None:
            found = assigned.get(var)
            if found is None:
                continue
            loop = found
        elif owner == "site" and name in ("categories", "tags") and (group or page_key):
            loop = Loop("posts", ((CATEGORIES if name == "categories" else TAGS, group, page_key),))
        elif group is None and page_key is None and name in known and (owner == "site" or name == "posts"):
            loop = Loop(name)
        else:
            continue
        paged = owner == "paginator" or loop.paged
        if paged:
            limit = None  # (the paginator's page: see Pagination)
        out.append(Loop(loop.collection, loop.filters, int(limit.group(1)) if limit else None, paged))
    return out


def _matches(value: Any, wanted: Any) -> bool:
    """Jekyll's ``where``: a value (or any item of a list of them) equal to ``wanted`` as
    text; a value that is nil matches nil only."""
    if wanted is None or wanted == "nil":
        return value is None
    items = value if isinstance(value, list) else [] if value is None else [value]
    return any(_text(v) == _text(wanted) for v in items)


def _value(doc: Page, key: str) -> Any:
    """A document's value of ``key`` (its categories or tags for :data:`CATEGORIES`, :data:`TAGS`)."""
    if key == CATEGORIES:
        folders = doc.rel.split("/")
        above = folders[: folders.index("_posts")] if "_posts" in folders else []
        return above + _words(doc.front.get("categories", doc.front.get("category")))
    if key == TAGS:
        return _words(doc.front.get("tags", doc.front.get("tag")))
    return doc.front.get(key)


def _words(value: Any) -> list[str]:
    """A front matter list of names: a list, or words in a string."""
    if isinstance(value, list):
        return [str(v) for v in value]
    return str(value).split() if value is not None else []


def _text(value: Any) -> str:
    return ("true" if value else "false") if isinstance(value, bool) else str(value)


@dataclass(frozen=True)
class Pagination:
    """jekyll-paginate's pages: ``per_page`` posts each, the first the ``index.html`` of the
    folder ``paginate_path`` names, page N at ``paginate_path`` with ``:num`` as N."""

    per_page: int
    path: str

    @classmethod
    def of(cls, setting: tuple[int, str] | None) -> Pagination | None:
        return None if setting is None else cls(*setting)

    @property
    def index(self) -> str:
        """The URL of the paginated index (the first page)."""
        folder = posixpath.dirname("/" + self.path.strip("/"))
        return folder.rstrip("/") + "/"

    def url(self, n: int) -> str:
        return "/" + self.path.strip("/").replace(":num", str(n)) + "/"

    def pages(self, site: Site, memo: dict[Any, list[Page]]) -> tuple[Page | None, list[list[Page]]]:
        """The paginated index page, and each page's posts (newest first)."""
        posts = listed(site, Loop("posts"), None, memo)
        page = site.find(self.index)
        return (page if page is not None and page.published else None), pages_of(posts, self.per_page)


def listed(
    site: Site,
    loop: Loop,
    page: Page | None = None,
    memo: dict[Any, list[Page]] | None = None,
    pagination: Pagination | None = None,
) -> list[Page]:
    """The documents ``loop`` lists on ``page`` (whose values its filters may read);
    ``memo`` keeps the lists made, by the values they were made with (pages that share
    them share a list). With ``pagination``, a loop over the paginator's posts lists the
    first page's on the paginated index, and nothing elsewhere (the paginator is nil)."""
    memo = {} if memo is None else memo
    if loop.paged and pagination is not None:
        index, chunks = pagination.pages(site, memo)
        return chunks[0] if page is not None and page is index else []
    wanted = [
        literal if name is None else (page.front.get(name) if page is not None else None)
        for _, literal, name in loop.filters
    ]
    if any(
        name is not None and value is None for (_, _, name), value in zip(loop.filters, wanted, strict=True)
    ):
        # keyed on a value the page lacks: Jekyll lists what lacks it too, which templates
        # then guard with conditions not read here (`if page.lang != p.lang`): none is read
        return []
    key = (loop, repr(wanted))
    if key in memo:
        return memo[key]
    if loop.collection not in memo:
        memo[loop.collection] = _documents(site, loop.collection)
    docs = memo[loop.collection]
    for (field, _, _), value in zip(loop.filters, wanted, strict=True):
        docs = [d for d in docs if _matches(_value(d, field), value)]
    memo[key] = docs if loop.limit is None else docs[: loop.limit]
    return memo[key]


class Layouts:
    """The site's layouts and includes, and the loops each page's layout (its chain of
    layouts, and what they include) makes; what each template text lists and writes is
    read once a run."""

    def __init__(self, texts: dict[str, str], collections: Iterable[str]) -> None:
        self.texts = texts
        self.collections = tuple(collections)
        self._loops: dict[str, list[Loop]] = {}
        self._chains: dict[str, list[str]] = {}
        self._texts_loops: dict[str, list[Loop]] = {}
        self._written: dict[str, tuple[tuple[str, ...], tuple[tuple[str, bool], ...]]] = {}

    def loops(self, text: str) -> list[Loop]:
        """:func:`loops` of ``text`` (over the site's collections)."""
        if text not in self._texts_loops:
            self._texts_loops[text] = loops(text, self.collections)
        return self._texts_loops[text]

    def written(self, text: str) -> tuple[tuple[str, ...], tuple[tuple[str, bool], ...]]:
        """:func:`written` of ``text``."""
        if text not in self._written:
            self._written[text] = written(text)
        return self._written[text]

    def included(self, text: str, seen: set[str]) -> Iterator[str]:
        """``text`` and the includes it names, theirs in turn (each once)."""
        yield text
        for name in _INCLUDE.findall(text):
            path = f"_includes/{name}"
            if path in self.texts and path not in seen:
                seen.add(path)
                yield from self.included(self.texts[path], seen)

    def chain(self, layout: str) -> list[str]:
        """The texts of ``layout``, the layouts it is in and what they include (each once)."""
        if layout not in self._chains:
            texts: list[str] = []
            seen: set[str] = set()
            name: str | None = layout
            for _ in range(16):
                text = self.texts.get(f"_layouts/{name}.html") if name else None
                if text is None or f"_layouts/{name}.html" in seen:
                    break
                seen.add(f"_layouts/{name}.html")
                texts += self.included(text, seen)
                name = _layout_of(text)
            self._chains[layout] = texts
        return self._chains[layout]

    def of(self, layout: str | None) -> list[Loop]:
        """The loops of ``layout``'s chain (see :meth:`chain`)."""
        if layout is None:
            return []
        if layout not in self._loops:
            self._loops[layout] = [loop for text in self.chain(layout) for loop in self.loops(text)]
        return self._loops[layout]

    @staticmethod
    def layout(page: Page) -> str | None:
        """The page's layout (its front matter's, the config's ``defaults`` included)."""
        own = page.front.get("layout")
        return own or None if isinstance(own, str) else None


def _layout_of(text: str) -> str | None:
    """The layout a layout's front matter names (``layout: default``)."""
    if not text.startswith("---"):
        return None
    front = parse_front_matter(text.split("\n")).data
    value = front.get("layout")
    return value if isinstance(value, str) and value else None


def minima(site: Site, header_pages: Sequence[str]) -> Iterator[tuple[Page, str]]:
    """Minima's header (the config's ``header_pages``, else every page with a title:
    pages only, not posts or collections) and, where the home page has ``layout: home``,
    its list of every post."""
    home = site.home
    if header_pages:
        wanted = {p.strip("/") for p in header_pages}
        header = [p for p in site.published if p.rel in wanted or p.path in wanted]
    else:
        header = [p for p in site.published if not p.rel.startswith("_") and p.front.get("title")]
    for page in header:
        yield page, "header"
    if home is not None and home.front.get("layout") == "home":
        for page in _documents(site, "posts"):
            yield page, "posts"


def just_the_docs(site: Site) -> Iterator[Page]:
    """Just the Docs' sidebar, on every page: every page with a ``title`` and no
    ``nav_exclude`` (pages only: posts and collections are not in it unless the theme's
    config lists them)."""
    for page in site.published:
        front = page.front
        if not page.rel.startswith("_") and front.get("title") and front.get("nav_exclude") is not True:
            yield page


def links(
    site: Site,
    source: Source,
    home: str,
    sources: Sequence[str],
    collections: Iterable[str],
    header_pages: Sequence[str],
    fill: Callable[[str], str] = str,
    base_path: str = "",
    pagination: Pagination | None = None,
) -> list[NavLink]:
    """The links of the named ``sources`` ("just-the-docs", "minima", "data", "posts",
    "links"): sitewide ones from the home page (those of the layouts some page has, and of
    what they include); a page's own loops and what it includes, and those of its layouts
    that read the page's own values, from that page (see :class:`Templates`). ``fill``: a
    template destination with its Liquid output tags filled in; ``base_path``: the site's
    ``baseurl``, which such a destination starts with."""
    start = site.home
    if start is None or not start.published:
        return []
    out: set[NavLink] = set()
    if "just-the-docs" in sources:
        out.update(NavLink(start.url, p.url, "sidebar") for p in just_the_docs(site) if p is not start)
    if "minima" in sources:
        out.update(NavLink(start.url, p.url, via) for p, via in minima(site, header_pages) if p is not start)
    if {"data", "posts", "links"} & set(sources):
        layouts = Layouts(templates(source, home), collections)
        found = Templates(site, start, layouts, fill, base_path, pagination)
        if "data" in sources:
            found.data_files(source, home)
        if "posts" in sources:
            found.lists()
        if "links" in sources:
            found.written_links()
        out |= found.out
    return nav_sorted(out)


class Templates:
    """The links the site's templates make, for one site: those of the layouts some page
    has (each with the layouts it is in and what they include) are sitewide, made from the
    home page; a page's own Liquid (and what it includes) makes links from that page, and so
    do a layout's lists and links that read the page's own values."""

    def __init__(
        self,
        site: Site,
        start: Page,
        layouts: Layouts,
        fill: Callable[[str], str],
        base_path: str,
        pagination: Pagination | None = None,
    ) -> None:
        self.site, self.start, self.layouts = site, start, layouts
        self.fill, self.base_path, self.pagination = fill, base_path, pagination
        self.out: set[NavLink] = set()
        self._memo: dict[Any, list[Page]] = {}
        #: layout -> the published pages that have it
        self.users: dict[str, list[Page]] = {}
        for page in site.published:
            name = layouts.layout(page)
            if name is not None:
                self.users.setdefault(name, []).append(page)
        self.sitewide = list(dict.fromkeys(text for name in self.users for text in layouts.chain(name)))
        #: page -> its own Liquid tags, then the texts of what they include
        self.own = {
            page: list(layouts.included("\n".join(page.parsed.templates), set()))
            for page in site.published
            if page.parsed is not None and page.parsed.templates
        }

    def add(self, page: Page, via: str, origin: Page | None = None) -> None:
        origin = origin or self.start
        if page is not origin:
            self.out.add(NavLink(origin.url, page.url, via))

    def data_files(self, source: Source, home: str) -> None:
        """The pages the data files the templates name list (sitewide)."""
        texts = [*self.sitewide, *(t for texts in self.own.values() for t in texts)]
        for page in data_pages(self.site, source, home, texts):
            self.add(page, "data")

    def lists(self) -> None:
        """The documents the templates' loops list."""
        for text in self.sitewide:
            for loop in self.layouts.loops(text):
                if not loop.per_page:
                    self._listed(loop, self.start)  # a sitewide list: from the home page
        for name, pages in self.users.items():
            for loop in (loop for loop in self.layouts.of(name) if loop.per_page):
                for page in pages:
                    self._listed(loop, page)
        for page, texts in self.own.items():
            # (the loops of its own text write into it: the generator's listed links)
            for loop in (loop for text in texts[1:] for loop in self.layouts.loops(text)):
                self._listed(loop, page)  # what the page includes lists
        if self.pagination is not None:
            self._paginated(self.pagination)

    def _listed(self, loop: Loop, origin: Page) -> None:
        via = {"posts": "posts", "pages": "pages", "html_pages": "pages"}.get(loop.collection, "collection")
        for doc in listed(self.site, loop, origin, self._memo, self.pagination):
            self.add(doc, via, origin)

    def _paginated(self, pagination: Pagination) -> None:
        """jekyll-paginate's pages after the first (pages with no source: ``site.generated``),
        when the paginated index's text or layouts loop over the paginator's posts: each
        lists its posts, and links the pages its templates' paginator links name (the
        next, the previous, every page for a loop up to ``paginator.total_pages``)."""
        index, chunks = pagination.pages(self.site, self._memo)
        if index is None or len(chunks) < 2:
            return
        texts = [*self.own.get(index, []), *self.layouts.chain(self.layouts.layout(index) or "")]
        if not any(loop.paged for text in texts for loop in self.layouts.loops(text)):
            return
        urls = [index.url, *(pagination.url(n) for n in range(2, len(chunks) + 1))]
        for url, posts in zip(urls[1:], chunks[1:], strict=True):
            self.site.generated.setdefault(url, "blog list")
            self.out.update(NavLink(url, post.url, LISTED_VIA) for post in posts)
        used = "\n".join([*texts, *(link.dest for link in index.parsed.links)] if index.parsed else texts)
        last = len(urls) - 1
        for k, url in enumerate(urls):
            near = set(range(last + 1)) if "paginator.total_pages" in used else set()
            near |= {k + 1} if "paginator.next_page_path" in used and k < last else set()
            near |= {k - 1} if "paginator.previous_page_path" in used and k > 0 else set()
            self.out.update(NavLink(url, urls[j], "pagination") for j in near - {k})

    def written_links(self) -> None:
        """The links the templates write: to a page of the site (sitewide, or from the page
        that includes them), and to one of the page's own values."""
        for text in self.sitewide:
            for dest in self.layouts.written(text)[0]:
                self._to(dest)
        order = _collections_in_order(self.site)
        for name, pages in self.users.items():
            keys = [key for text in self.layouts.chain(name) for key in self.layouts.written(text)[1]]
            for page in pages if keys else ():
                self._values(page, keys, order)  # (a page's own next and previous)
        for page, texts in self.own.items():
            own_links = page.parsed.links if page.parsed is not None else []
            keys = [key for link in own_links if (key := page_value(link.dest)) is not None]
            for text in texts[1:]:  # (the links of its own text are its own links)
                dests, more = self.layouts.written(text)
                for dest in dests:
                    self._to(dest, page)
                keys += more
            self._values(page, keys, order)

    def _to(self, dest: str, origin: Page | None = None) -> None:
        target = site_page(self.site, self.fill(dest), self.base_path)
        if target is not None:
            self.add(target, "layout", origin)

    def _values(
        self, page: Page, keys: Iterable[tuple[str, bool]], order: dict[Page, tuple[list[Page], int]]
    ) -> None:
        """Links to the page's own values: a document's next and previous are Jekyll's own
        (the adjacent documents of its collection), any other the page its front matter names."""
        for key, url in keys:
            value = page.front.get(key)
            if page in order and key in ADJACENT:
                docs, at = order[page]
                near = at + ADJACENT[key]
                if 0 <= near < len(docs):
                    self.add(docs[near], "prev-next", page)
            elif isinstance(value, str) and not url:
                self._to(value.strip(), page)


#: a destination that is one of the page's own values (``{{ page.next }}``, ``{{
#: page.previous | relative_url }}``): the key
_PAGE_VALUE = re.compile(r"\{\{-?\s*page\.(\w+)(\.url)?\s*(?:\|\s*(?:relative_url|absolute_url)\s*)?-?\}\}")
#: what Jekyll gives a document (a post, a collection's) as ``page.next`` and ``page.previous``
ADJACENT = {"next": 1, "previous": -1}
#: page values Jekyll sets itself (never the front matter's)
_OWN_VALUES = frozenset({"url", "path", "id", "content", "excerpt", "dir", "name"})


def written(text: str) -> tuple[tuple[str, ...], tuple[tuple[str, bool], ...]]:
    """The destinations a template's HTML writes, and the page values that are a link's
    whole destination (``href="{{ page.next }}"``): each key, and whether its ``url`` is
    taken (``page.next.url``: a document's next document)."""
    dests: list[str] = []
    keys: list[tuple[str, bool]] = []
    for raw in parse_page(text, html=True, templates_first=True).links:
        dest = raw.dest.strip()
        if _PAGE_VALUE.fullmatch(dest) is None:
            dests.append(dest)
        elif (key := page_value(dest)) is not None:
            keys.append(key)
    return tuple(dests), tuple(keys)


def page_value(dest: str) -> tuple[str, bool] | None:
    """The page value a link's destination is (``{{ page.up }}``: ("up", False); ``{{
    page.next.url | relative_url }}``: ("next", True)), where it may be a link."""
    m = _PAGE_VALUE.fullmatch(dest.strip())
    if m is None or m.group(1) in _OWN_VALUES or (m.group(2) is not None and m.group(1) not in ADJACENT):
        return None
    return m.group(1), m.group(2) is not None


def site_page(site: Site, dest: str, base_path: str) -> Page | None:
    """The published page a destination with Liquid filled in names by its site path
    (``/docs/``, maybe under the site's ``baseurl``); None for any other."""
    if "{{" in dest or "{%" in dest or not dest.startswith("/") or dest.startswith("//"):
        return None
    if base_path and (dest == base_path or dest.startswith(base_path + "/")):
        dest = dest[len(base_path) :] or "/"
    page = site.find(dest.split("#", 1)[0].split("?", 1)[0] or "/")
    return page if page is not None and page.published else None


def _collections_in_order(site: Site) -> dict[Page, tuple[list[Page], int]]:
    """Each published document (posts and collections' documents) -> its collection's
    documents in Jekyll's order (posts by date, others by path) and its place there."""
    groups: dict[str, list[Page]] = {}
    for page in site.published:
        if page.rel.startswith("_"):
            groups.setdefault(page.rel.split("/", 1)[0], []).append(page)
    out: dict[Page, tuple[list[Page], int]] = {}
    for name, docs in groups.items():
        docs.sort(
            key=(lambda p: (p.rel.rsplit("/", 1)[-1], p.rel)) if name == "_posts" else (lambda p: p.rel)
        )
        out.update((doc, (docs, i)) for i, doc in enumerate(docs))
    return out
