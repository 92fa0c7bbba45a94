"""MkDocs' navigation from the sources: the sidebar (the ``nav`` of mkdocs.yml, or every
page without one), prev/next along it (the mkdocs and readthedocs themes, Material with
``navigation.footer``), and Material's blog plugin: posts are served at
``/<blog>/<yyyy>/<MM>/<dd>/<slug>/`` and listed by the blog's index page, newest first.

The sidebar is on every page; it is modelled as links from the home page (a sitewide
block of links reaches and ranks its pages the way links from home do, without one
edge per page pair). The blog's pagination, archive and category pages have no source
file: they are pages of the graph of their own (``Site.generated``), as built by Material
9.8 (see :func:`_blog_links`)."""

from __future__ import annotations

import datetime as dt
import posixpath
from collections.abc import Sequence
from typing import Any

from ...content.genconfig import Blog
from ...content.slugs import pymdownx_slug, toc_slug
from ..model import LISTED_VIA, NavLink, Page, Site
from .lists import pages_of

SOURCES = ("nav", "prev-next", "blog")


def post_date(front: dict[str, Any]) -> dt.date | None:
    """A post's date: ``date``, or ``date.created`` (Material's mapping form)."""
    value = front.get("date")
    if isinstance(value, dict):
        value = value.get("created")
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip()[:10])
        except ValueError:
            return None
    return None


def post_url(blog: Blog, rel: str, front: dict[str, Any], title: str, slash: bool) -> str | None:
    """The URL Material gives a blog post, or None when it is no post or has no date."""
    if not blog.is_post(rel):
        return None
    date = post_date(front)
    if date is None:
        return None
    slug = str(front.get("slug") or toc_slug(title))
    categories = front.get("categories") or []
    path = (
        blog.url_format.replace("{date}", date.strftime(blog.date_format))
        .replace("{slug}", slug)
        .replace("{file}", posixpath.splitext(posixpath.basename(rel))[0])
        .replace("{categories}", "/".join(toc_slug(str(c)) for c in categories[:1]))
    )
    base = f"/{blog.blog_dir}/" if blog.blog_dir else "/"
    url = base + path.strip("/")
    return url + "/" if slash else url + ".html"


def navigation(
    site: Site,
    sources: Sequence[str],
    nav: Sequence[str] | str | None,
    blog: Blog | None,
) -> list[NavLink]:
    """The links MkDocs' theme makes, for the named ``sources`` (see :data:`SOURCES`).
    ``nav`` is the content paths the config's ``nav`` lists in order, ``"all"`` when it
    has none (every page but blog posts), None without a config."""
    home = site.home
    pages = [p for p in site.pages if p.published and p.readable and p.url]
    if home is None or not home.published:
        return []
    out: set[NavLink] = set()
    in_nav = _nav_pages(pages, nav, blog)
    if "nav" in sources:
        listed = in_nav + _nav_urls(pages, nav)
        out.update(NavLink(home.url, p.url, "sidebar") for p in listed if p is not home)
    if "prev-next" in sources:
        for a, b in zip(in_nav, in_nav[1:], strict=False):
            out.update((NavLink(a.url, b.url, "prev-next"), NavLink(b.url, a.url, "prev-next")))
    if "blog" in sources and blog is not None:
        out.update(_blog_links(site, pages, blog, sources))
    return sorted(link for link in out if link.source != link.target)


def _nav_pages(pages: list[Page], nav: Sequence[str] | str | None, blog: Blog | None) -> list[Page]:
    by_rel = {p.rel: p for p in pages}
    if nav is None:
        return []
    if isinstance(nav, str):  # no `nav`: every page, in MkDocs' file order
        listed = [p for p in pages if blog is None or not blog.is_post(p.rel)]
        return sorted(listed, key=lambda p: file_order(p.rel))
    return [by_rel[rel] for rel in dict.fromkeys(nav) if rel in by_rel]


def _nav_urls(pages: list[Page], nav: Sequence[str] | str | None) -> list[Page]:
    """The pages ``nav`` entries that are no file but a URL on the site name
    (``Developer Guide: dev-guide/``, which MkDocs keeps as a link, from the site's root):
    in the sidebar, not in the previous and next links."""
    if nav is None or isinstance(nav, str):
        return []
    rels = {p.rel for p in pages}
    by_url = {p.url.rstrip("/"): p for p in pages}
    out = []
    for entry in dict.fromkeys(nav):
        if entry in rels or entry.endswith(".md") or not entry.strip("/"):
            continue
        path = posixpath.normpath("/" + entry.split("#", 1)[0].split("?", 1)[0].lstrip("/"))
        page = by_url.get(path.rstrip("/"))
        if page is not None:
            out.append(page)
    return out


def nav_entries(nav: Any) -> list[str]:
    """The content paths (and other entries: a folder, a ``...``) named anywhere in an
    MkDocs ``nav`` tree, in order, external URLs aside."""
    if isinstance(nav, str):
        return [nav] if "://" not in nav else []
    values = nav if isinstance(nav, list) else list(nav.values()) if isinstance(nav, dict) else []
    return [entry for value in values for entry in nav_entries(value)]


def file_order(rel: str) -> tuple[tuple[int, bool, str], ...]:
    """MkDocs' order of files (its walk of the docs folder, top down): a folder's files,
    ``index`` or ``README`` first, then its folders, each by name as Python sorts them
    (``Z`` before ``a``)."""
    *folders, name = rel.split("/")
    stem = posixpath.splitext(name)[0]
    return (*((1, False, d) for d in folders), (0, stem not in ("index", "README"), name))


def blog_posts(pages: list[Page], blog: Blog) -> tuple[Page | None, list[Page]]:
    """The blog's index page, and its posts newest first (as the index lists them: the
    posts its pagination, archive and category pages list too, which have no source)."""
    posts = [p for p in pages if blog.is_post(p.rel) and post_date(p.front) is not None]
    posts.sort(key=lambda p: (post_date(p.front), p.rel), reverse=True)
    return next((p for p in pages if p.rel == blog.index), None), posts


def _blog_links(site: Site, pages: list[Page], blog: Blog, sources: Sequence[str]) -> list[NavLink]:
    """A post links back to the blog's index (and, with prev/next, the next newer and older
    post); the index's first page lists the newest posts in its text (see the generator's
    listed links), its other pages, the archive's and the categories' are pages of the
    graph with no source (``site.generated``), each listing its posts and the pages near it
    (two either side, the first and the last, as ``pagination_format: ~2~`` shows them);
    the sidebar, on every page, links each archive and category page's first."""
    index, posts = blog_posts(pages, blog)
    out = []
    if index is not None:
        out += [NavLink(p.url, index.url, "blog") for p in posts]
    if "prev-next" in sources:
        for newer, older in zip(posts, posts[1:], strict=False):
            out += [NavLink(newer.url, older.url, "prev-next"), NavLink(older.url, newer.url, "prev-next")]
    if index is None or not posts:
        return out
    lists = _Lists(site, blog, index.url, out)
    if blog.categories:  # a post shows its categories, where it is and in a list's excerpt
        for post in posts:
            lists.shows[post.url] = [lists.at(path) for path in _categories(blog, post)]
            out.extend(NavLink(post.url, url, "blog") for url in lists.shows[post.url])
    firsts = []
    lists.paged(index.url, posts, blog.per_page, "blog list", own=True)
    if blog.archive:
        years: dict[str, list[Page]] = {}
        for post in posts:
            date = post_date(post.front)
            years.setdefault(
                blog.archive_url_format.replace("{date}", date.strftime(blog.archive_date_format)), []
            ).append(post)  # type: ignore[union-attr]
        firsts += [
            lists.paged(lists.at(path), group, blog.archive_per_page, "blog archive")
            for path, group in years.items()
        ]
    if blog.categories:
        named: dict[str, list[Page]] = {}
        for post in posts:
            for path in _categories(blog, post):
                named.setdefault(path, []).append(post)
        firsts += [
            lists.paged(lists.at(path), group, blog.categories_per_page, "blog category")
            for path, group in sorted(named.items())
        ]
    if "nav" in sources and site.home is not None:
        out += [NavLink(site.home.url, url, "sidebar") for url in firsts]
    return out


def _categories(blog: Blog, post: Page) -> list[str]:
    """The paths (under the blog's folder) of the category pages that list ``post``."""
    categories = post.front.get("categories")
    out: dict[str, None] = {}
    for category in categories if isinstance(categories, list) else []:
        if isinstance(category, str) and category.strip():
            out[blog.categories_url_format.replace("{slug}", pymdownx_slug(category))] = None
    return list(out)


class _Lists:
    """The blog's list pages, added to ``out`` (and their URLs to ``site.generated``)."""

    def __init__(self, site: Site, blog: Blog, index_url: str, out: list[NavLink]) -> None:
        self.site, self.blog, self.out = site, blog, out
        self.html = not index_url.endswith("/")
        #: post URL -> the category pages it shows (a list shows them with its excerpt)
        self.shows: dict[str, list[str]] = {}
        self.base = index_url.removesuffix("index.html") if self.html else index_url

    def at(self, path: str) -> str:
        """The URL of the page at ``path`` under the blog's folder."""
        return self.base + path.strip("/") + (".html" if self.html else "/")

    def page(self, first: str, n: int) -> str:
        """The URL of page ``n`` of the list whose first page is at ``first``."""
        rel = self.blog.page_url_format.replace("{page}", str(n)).strip("/")
        if self.html:
            folder = (
                first.removesuffix("index.html")
                if first.endswith("/index.html")
                else first.removesuffix(".html") + "/"
            )
            return folder + rel + ".html"
        return first + rel + "/"

    def paged(self, first: str, posts: list[Page], per_page: int | None, what: str, own: bool = False) -> str:
        """The list of ``posts`` from ``first`` on, ``per_page`` a page; ``own``: its first
        page is a page of the site, whose text lists its posts. Its first page's URL."""
        chunks = pages_of(posts, per_page)
        urls = [first, *(self.page(first, n) for n in range(2, len(chunks) + 1))]
        last = len(urls) - 1
        for k, url in enumerate(urls):
            if k or not own:
                self.site.generated.setdefault(url, what)
                self.out.extend(NavLink(url, p.url, LISTED_VIA) for p in chunks[k])
            self.out.extend(NavLink(url, c, "blog") for p in chunks[k] for c in self.shows.get(p.url, ()))
            near = {*range(max(k - 2, 0), min(k + 3, len(urls))), 0, last} - {k}
            self.out.extend(NavLink(url, urls[j], "blog") for j in sorted(near))
        return first
