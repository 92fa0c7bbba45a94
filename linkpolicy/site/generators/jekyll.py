"""Jekyll: pages anywhere, posts in ``_posts``/``_drafts``, collections with output,
``permalink`` templates, ``redirect_from`` and kramdown ids."""

from __future__ import annotations

import datetime
import fnmatch
import json
import os
import posixpath
import re
from collections.abc import Container, Mapping, Sequence
from pathlib import Path
from typing import Any

from ...content.frontmatter import parse_front_matter
from ...content.genconfig import GeneratorConfig, load_config
from ...content.markdown import LISTED, RawLink
from ...source import Source, WorkTree
from ..model import NavLink, Page, Site
from ..navigation import jekyll as jekyll_nav
from ..options import SiteOptions
from ..urls import UrlInfo, aliases, expand_permalink, join, strip_ext, with_prefix
from ._base import (
    Detected,
    folder_tree,
    has_file,
    in_dir,
    no_anchors,
    no_prefix,
    none_served,
    nothing_beyond_root,
    same_path,
)

NAME = "jekyll"
PAGE_EXTENSIONS = (".md", ".markdown", ".mkdown", ".mkdn", ".mkd", ".html")
TRAILING_SLASH = False
SLUG_STYLE = "kramdown"
LINKIFY = True
FOLD_CASE = False
RELATIVE_TO_URL = True
FRAGMENTS_FOLD_CASE = False
MD_LINKS_FROM_ROOT = False
PARSE_PARTIALS = False
ATTRIBUTES = True
TEMPLATES_FIRST = True
LENIENT_FRONT_MATTER = False
TITLE_IDS = True
DOCFX_BLOCKS = False
HIDDEN_FILES = False
FOLDER_LINKS = False
ROOT_LINKS_ON_HOST = False
CASE_INSENSITIVE_URLS = False
CONFIG_FILES = ("_config.yml", "_config.yaml")
#: Just the Docs' sidebar and Minima's header are on every page (the home page's links)
SITEWIDE = frozenset({"sidebar", "header"})

#: Just the Docs' main navigation (the sidebar on every page), Minima's header and home
#: page, and what the site's own templates list: the links of the data files they read, the
#: posts (or a collection's documents) they loop over and the links they write (see
#: :mod:`..navigation.jekyll`)
NAVIGATION: tuple[str, ...] = ("just-the-docs", "minima", "data", "posts", "links")
#: the sources the site's own templates give, whatever its theme
OWN_TEMPLATES = ("data", "posts", "links")


def listed_links(site: Site, options: SiteOptions, source: Source) -> dict[str, list[RawLink]]:
    """Page path -> a link (of kind ``listed``, at the loop, the document's title as its
    text) to each document a loop of the page's own Liquid lists (a blog's index over
    ``site.posts``, a page over ``site.pages | where: ...``): the build writes them into
    the page's text."""
    memo: dict[Any, list[Page]] = {}
    out: dict[str, list[RawLink]] = {}
    collections = options.config.collections
    pages = jekyll_nav.Pagination.of(options.config.paginate)
    for page in site.published:
        for name, tags, line, column in page.parsed.listings if page.parsed is not None else ():
            found = jekyll_nav.loops(tags, collections) if name == jekyll_nav.LOOP else []
            for doc in jekyll_nav.listed(site, found[-1], page, memo, pages) if found else ():
                if doc is not page:
                    out.setdefault(page.path, []).append(RawLink(doc.url, doc.title, line, column, LISTED))
    return out


def default_navigation(config: GeneratorConfig) -> tuple[str, ...]:
    theme = (config.theme,) if config.theme in ("just-the-docs", "minima") else ()
    return theme + OWN_TEMPLATES  # type: ignore[operator]


def navigation(site: Site, options: SiteOptions, source: Source, sources: Sequence[str]) -> list[NavLink]:
    """The named sources' links, from the home page (sitewide blocks are modelled so): see
    :mod:`..navigation.jekyll`."""
    config = options.config
    folder = posixpath.dirname(config.file) if config.file else ""
    return jekyll_nav.links(
        site,
        source,
        folder,
        sources,
        config.collections,
        config.header_pages,
        lambda dest: destination(dest, {}, config),
        config.site_values.get("baseurl", "").strip().rstrip("/"),
        jekyll_nav.Pagination.of(config.paginate),
    )


section_tree = folder_tree

#: ``{% include_relative path %}``: a file beside the page, put in it before the Markdown is
#: read (its headings and links are the page's)
_INCLUDE_RELATIVE = re.compile(r"\{%-?\s*include_relative\s+([^\s%]+)")


def included(path: str, text: str) -> list[str]:
    """Repository paths of the files ``{% include_relative %}`` puts in the page."""
    if "include_relative" not in text:
        return []
    folder = posixpath.dirname(path)
    return [in_dir(folder, m.group(1)) for m in _INCLUDE_RELATIVE.finditer(text) if "{{" not in m.group(1)]


anchors = no_anchors
site_path = same_path
beyond_root = nothing_beyond_root
served = none_served
route_prefix = no_prefix


def read_config(source: Source, paths: list[str]) -> GeneratorConfig:
    if not paths:
        return GeneratorConfig()
    name, c = load_config(source, (paths[0],))
    cfg = GeneratorConfig(file=name)
    home = posixpath.dirname(paths[0])  # the site's source folder
    if home:
        cfg.content_roots = [home]
    style = c["permalink"].strip() if isinstance(c.get("permalink"), str) and c["permalink"].strip() else None
    suffix = _page_suffix(False, style)  # what follows a page's name in its URL
    for coll, options in _collections(c.get("collections")):
        if options.get("output") is True or (coll == "posts" and options.get("permalink")):
            default = "/:collection/:path" + (":output_ext" if suffix == ".html" else suffix)
            cfg.collections[coll] = str(options.get("permalink") or default)
    if style is not None and "posts" not in cfg.collections:
        # the posts' template (Jekyll gives the posts collection the site's permalink)
        cfg.collections["posts"] = _POST_STYLES.get(style, style)
    themes = " ".join(str(c.get(k) or "") for k in ("theme", "remote_theme"))
    if "just-the-docs" in themes or has_file(source, in_dir(home, "just-the-docs.gemspec")):
        cfg.theme = "just-the-docs"  # (the theme's own repository builds its site with it)
    elif "minima" in themes:
        cfg.theme = "minima"
        pages = c.get("header_pages")
        cfg.header_pages = [str(p) for p in pages] if isinstance(pages, list) else []
    # what Liquid's {{ site.x }} gives: the config's strings (url and baseurl included)
    cfg.site_values = {str(k): v for k, v in c.items() if isinstance(v, str)}
    files = list(source.files(home))
    cfg.html_pages, served = _html_pages(source, home, files, cfg.collections, suffix)
    cfg.routes.update(served)
    _markdown_plugins(source, home, files, cfg, c)
    cfg.front_defaults = _front_defaults(c.get("defaults"))
    per_page = c.get("paginate")
    if type(per_page) is int and per_page > 0 and "jekyll-paginate" in plugins(source, home, c):
        path = c.get("paginate_path")
        cfg.paginate = (per_page, path if isinstance(path, str) and ":num" in path else "/page:num")
    return cfg


#: the plugins GitHub Pages runs on every site it builds, whatever the config names
GITHUB_PAGES_PLUGINS = frozenset(
    {
        "jekyll-coffeescript",
        "jekyll-default-layout",
        "jekyll-gist",
        "jekyll-github-metadata",
        "jekyll-optional-front-matter",
        "jekyll-paginate",
        "jekyll-readme-index",
        "jekyll-relative-links",
        "jekyll-titles-from-headings",
    }
)
#: the file names jekyll-optional-front-matter leaves as files (compared upper case)
NO_PAGE_NAMES = frozenset(
    {"README", "LICENSE", "LICENCE", "COPYING", "CODE_OF_CONDUCT", "CONTRIBUTING", "ISSUE_TEMPLATE"}
    | {"PULL_REQUEST_TEMPLATE"}
)
MARKDOWN_EXTENSIONS = tuple(e for e in PAGE_EXTENSIONS if e != ".html")
_INDEX_NAMES = ("index.html", "index.htm", "index.xhtml", "index.xml")


def plugins(source: Source, home: str, c: dict[str, Any]) -> set[str]:
    """The plugins the site is built with: the config's ``plugins`` (or ``gems``), and the
    Gemfile's ``jekyll_plugins`` group; GitHub Pages' own where the site is built there
    (no Gemfile beside the config or at the root, or one that asks for ``github-pages``)."""
    named = {str(p) for key in ("plugins", "gems") if isinstance(c.get(key), list) for p in c[key]}
    gemfile = None
    for path in dict.fromkeys((in_dir(home, "Gemfile"), "Gemfile")):
        try:
            gemfile = source.read(path).decode("utf-8", "replace")
            break
        except OSError:
            continue
    if gemfile is None:
        return named | GITHUB_PAGES_PLUGINS
    code = "\n".join(line.split("#", 1)[0] for line in gemfile.splitlines())
    if re.search(r"""gem\s+["']github-pages["']""", code):
        return named | GITHUB_PAGES_PLUGINS
    grouped = re.findall(r"""gem\s+["']([\w.-]+)["'][^\n]*group:\s*:jekyll_plugins""", code)
    for block in re.findall(r"group\s*\(?\s*:jekyll_plugins\s*\)?\s+do(.*?)\n\s*end\b", code, re.S):
        grouped += re.findall(r"""gem\s+["']([\w.-]+)["']""", block)
    return named | set(grouped)


def _markdown_plugins(
    source: Source, home: str, listed: list[str], cfg: GeneratorConfig, c: dict[str, Any]
) -> None:
    """What jekyll-relative-links, jekyll-optional-front-matter and jekyll-readme-index
    make of the site's Markdown files, where the site is built with them (see
    :func:`plugins`): which links to a page's Markdown file reach the page, which files
    without front matter are pages, and which READMEs are their folder's page."""
    on = plugins(source, home, c)

    def options(key: str) -> dict[str, Any]:
        value = c.get(key)
        return value if isinstance(value, dict) else {}

    def enabled(plugin: str, key: str) -> bool:
        return plugin in on and options(key).get("enabled") is not False

    if enabled("jekyll-relative-links", "relative_links"):
        cfg.md_links = "all" if options("relative_links").get("collections") is True else "pages"
    else:
        cfg.md_links = "none"
    optional = enabled("jekyll-optional-front-matter", "optional_front_matter") and not c.get(
        "require_front_matter"
    )
    readme = enabled("jekyll-readme-index", "readme_index")
    readme_with_front = options("readme_index").get("with_frontmatter") is True
    under = home + "/" if home else ""
    files = [p for p in listed if not _skipped(p[len(under) :], cfg.collections)]
    readmes: list[str] = []
    for path in files:
        rel = path[len(under) :]
        if not rel.lower().endswith(MARKDOWN_EXTENSIONS) or rel.startswith(("vendor/", "node_modules/")):
            continue
        stem = posixpath.splitext(posixpath.basename(rel))[0]
        if optional and stem.upper() not in NO_PAGE_NAMES:
            continue  # a page, front matter or not
        front = _has_front_matter(source, path)
        if not front:
            cfg.static_markdown.add(path)
        if readme and stem.lower() == "readme" and (not front or readme_with_front):
            readmes.append(path)
    for path in readmes:
        folder = posixpath.dirname(path)
        if not _has_index(files, folder, cfg.static_markdown):
            rel_folder = folder[len(under) :] if folder.startswith(under) else ""
            cfg.readme_indexes[path] = f"/{rel_folder}/" if rel_folder else "/"
            cfg.static_markdown.discard(path)


def _has_front_matter(source: Source, path: str) -> bool:
    try:
        return _opens_front_matter(source.read(path)[:8].decode("utf-8", "replace").lstrip("\ufeff"))
    except OSError:
        return False


def _opens_front_matter(head: str) -> bool:
    """Jekyll's test: the file starts with ``---`` and a line end (or blank)."""
    return head.startswith("---") and head[3:4] in ("\n", "\r", " ", "\t")


def _has_index(files: list[str], folder: str, static: Container[str]) -> bool:
    """Whether ``folder`` (a repository path) has an index page or file, which keeps a
    README there its own (jekyll-readme-index)."""
    prefix = folder + "/" if folder else ""
    for path in files:
        if not path.startswith(prefix) or "/" in path[len(prefix) :]:
            continue
        name = path[len(prefix) :].lower()
        if name in _INDEX_NAMES:
            return True
        if name.startswith("index.") and name.endswith(MARKDOWN_EXTENSIONS) and path not in static:
            return True
    return False


def _front_defaults(value: Any) -> list[tuple[str, str | None, dict[str, Any]]]:
    """The config's ``defaults`` (``- scope: {path: "", type: posts}``, ``values: {layout:
    post}``), as (scope path, scope type or None, values); values that are no JSON (a
    date) as their text."""
    out: list[tuple[str, str | None, dict[str, Any]]] = []
    for entry in value if isinstance(value, list) else []:
        if not isinstance(entry, dict):
            continue
        scope, values = entry.get("scope"), entry.get("values")
        if not isinstance(scope, dict) or not isinstance(values, dict):
            continue
        kind = scope.get("type")
        plain = json.loads(json.dumps(values, default=str))
        out.append((str(scope.get("path") or "").strip("/"), str(kind) if kind else None, plain))
    return out


def front_matter(
    rel: str, front: dict[str, Any], fronts: dict[str, dict[str, Any]], config: GeneratorConfig
) -> dict[str, Any]:
    """The page's front matter over what the config's ``defaults`` give its path and type,
    as Jekyll merges them: a scope with a longer path over one with a shorter, then one
    with a type over one without, then a later over an earlier; nested values merged."""
    kind = _document_type(rel, config.collections)
    applying = sorted(
        (len(path), typ is not None, at, values)
        for at, (path, typ, values) in enumerate(config.front_defaults)
        if typ in (None, kind) and _in_scope(rel, path)
    )
    if not applying:
        return front
    merged: dict[str, Any] = {}
    for *_, values in applying:
        merged = _deep_merged(merged, values)
    return {**merged, **front}


def _document_type(rel: str, collections: Container[str]) -> str:
    """What a default's ``type`` names the page by: ``posts`` (posts and drafts), its
    collection's name, or ``pages``."""
    folders = rel.split("/")[:-1]
    if "_posts" in folders or "_drafts" in folders:
        return "posts"
    if folders and folders[0].startswith("_") and folders[0][1:] in collections:
        return folders[0][1:]
    return "pages"


def _in_scope(rel: str, path: str) -> bool:
    """Whether a default's scope ``path`` holds the page at ``rel``: the path starts with
    it (as text, as Jekyll compares them), or with a path its glob matches."""
    if "*" not in path:
        return rel.startswith(path)
    parts = rel.split("/")
    return any(fnmatch.fnmatchcase("/".join(parts[:n]), path) for n in range(1, len(parts) + 1))


def _deep_merged(under: dict[str, Any], over: dict[str, Any]) -> dict[str, Any]:
    merged = dict(under)
    for key, value in over.items():
        old = merged.get(key)
        merged[key] = _deep_merged(old, value) if isinstance(old, dict) and isinstance(value, dict) else value
    return merged


#: HTML files read for front matter at most (a site of more is not read further)
MAX_HTML_PAGES = 5000


def _html_pages(
    source: Source, home: str, files: list[str], collections: Container[str], ext: str = ".html"
) -> tuple[set[str], dict[str, str]]:
    """The HTML files Jekyll renders as pages: those with front matter outside ``_``
    folders (but posts, drafts and collections with output); and, URL -> path, those it
    serves that are no page a reader follows: the error page (``/404.html``) and the
    redirects of jekyll-redirect-from (``redirect_to``). The others are copied as they are
    (files, found as files). ``ext``: what follows a page's name in its URL."""
    pages: set[str] = set()
    served: dict[str, str] = {}
    found = [p for p in files if p.endswith(".html") or _error_source(p)][:MAX_HTML_PAGES]
    for path in found:
        rel = path[len(home) + 1 :] if home else path
        if _skipped(rel, collections) or rel.startswith(("vendor/", "node_modules/")):
            continue
        try:
            head = source.read(path)[:4096].decode("utf-8", "replace")
        except OSError:
            continue
        if not _opens_front_matter(head):
            continue
        front = parse_front_matter(head.split("\n")).data
        url = _url(rel, front, ext).url
        if front.get("redirect_to") or _error_page(url):
            served.setdefault(url, path)
            if url.endswith(".html"):  # (the host serves `/404` from 404.html too)
                served.setdefault(url.removesuffix(".html"), path)
        elif path.endswith(".html"):
            pages.add(path)
    return pages, served


def _error_source(path: str) -> bool:
    """Whether ``path`` is a Markdown error page (``404.md``), which the build renders."""
    name = posixpath.basename(path)
    return name.endswith(MARKDOWN_EXTENSIONS) and name.rsplit(".", 1)[0] == "404"


_OUTPUT = re.compile(r"\{\{-?\s*(?:'([^']*)'|\"([^\"]*)\"|site\.(\w+))\s*((?:\|[^|}]*)*)-?\}\}")
_FILTER = re.compile(r"\|\s*(\w+)\s*(?::\s*(?:'([^']*)'|\"([^\"]*)\"|site\.(\w+)))?\s*$")


def destination(dest: str, front: Mapping[str, Any], config: GeneratorConfig) -> str:
    """``dest`` with its Liquid output tags filled in where they are a string or a
    ``site.`` value through ``relative_url``, ``absolute_url``, ``prepend`` or ``append``
    (``{{ '/docs/x/' | relative_url }}`` is ``<baseurl>/docs/x/``); any other tag is left."""
    if "{{" not in dest:
        return dest
    values = config.site_values

    def fill(m: re.Match[str]) -> str:
        value = m.group(1) if m.group(1) is not None else m.group(2)
        if value is None:
            value = values.get(m.group(3))
        for part in filter(None, m.group(4).split("|")):
            f = _FILTER.match("|" + part)
            if value is None or f is None:
                return m.group(0)
            name, arg = f.group(1), f.group(2) or f.group(3) or values.get(f.group(4) or "", "")
            if name in ("relative_url", "absolute_url"):
                value = values.get("baseurl", "").rstrip("/") + "/" + value.lstrip("/")
                if name == "absolute_url":
                    value = values.get("url", "").rstrip("/") + value
            elif name == "prepend":
                value = arg + value
            elif name == "append":
                value = value + arg
            else:
                return m.group(0)
        return value if value is not None else m.group(0)

    return _OUTPUT.sub(fill, dest)


def _collections(value: Any) -> list[tuple[str, dict[str, Any]]]:
    """``collections:`` as a mapping (name -> options) or as a list of names (no output)."""
    if isinstance(value, dict):
        return [(str(k), v if isinstance(v, dict) else {}) for k, v in value.items()]
    if isinstance(value, list):
        return [(str(k), {}) for k in value if isinstance(k, str | int)]
    return []


def is_partial(rel: str, config: GeneratorConfig, root: str = "") -> bool:
    """Files and folders starting with ``_`` are not pages, except posts, drafts and
    collections with output; nor is an HTML file without front matter, nor a Markdown file
    the build copies as it is (see ``GeneratorConfig.static_markdown``)."""
    if rel.lower().endswith(".html") and root + rel not in config.html_pages:
        return True
    if root + rel in config.static_markdown:
        return True
    if rel.rsplit(".", 1)[0] == "404":
        return True  # the error page (404.md), no page of the graph
    return _skipped(rel, config.collections)


def _error_page(url: str) -> bool:
    """Whether ``url`` is the error page's (``/404.html``, ``/404/``, ``/404``), which the
    host serves for a missing URL and no page links."""
    return url.removesuffix("/").removesuffix(".html") == "/404"


def _skipped(rel: str, collections: Container[str]) -> bool:
    """Whether a file or a folder of ``rel`` starts with ``_`` (but posts, drafts and
    collections with output)."""
    *folders, name = rel.split("/")
    kept = ("_posts", "_drafts")
    return name.startswith("_") or any(
        f.startswith("_") and f not in kept and f[1:] not in collections for f in folders
    )


def unpublished(rel: str, front: dict[str, Any]) -> str | None:
    return "draft" if "/_drafts/" in "/" + rel else None


_POST = re.compile(r"^(\d{4})-(\d{2})-(\d{2})-(.+)$")


def page_url(
    rel: str,
    front: dict[str, Any],
    *,
    slash: bool,
    prefix: str = "",
    config: GeneratorConfig | None = None,
    root: str = "",
    title: str = "",
    stems: Container[str] = (),
) -> UrlInfo:
    collection = rel.split("/", 1)[0][1:] if rel.startswith("_") else None
    collections = config.collections if config else {}
    style = config.site_values.get("permalink") if config else None
    info = with_prefix(_url(rel, front, _page_suffix(slash, style), collections.get("posts")), prefix)
    if collection in collections and collection not in ("posts", "drafts") and not front.get("permalink"):
        info.url = _collection_url(collections[collection], collection, rel)
    readme_index = config.readme_indexes.get(root + rel) if config else None
    if readme_index is not None:
        info.url = with_prefix(UrlInfo(readme_index), prefix).url
    if not info.url.endswith("/") and "." not in info.url.rsplit("/", 1)[-1]:
        info.extra.append(info.url + ".html")  # the file the build writes (`/name`: name.html)
    return info


#: the posts' URL template of each named ``permalink`` style (any other value is a template)
_POST_STYLES = {
    "none": "/:categories/:title:output_ext",
    "date": "/:categories/:year/:month/:day/:title:output_ext",
    "ordinal": "/:categories/:year/:y_day/:title:output_ext",
    "pretty": "/:categories/:year/:month/:day/:title/",
    "weekdate": "/:categories/:year/W:week/:short_day/:title:output_ext",
}
#: the config's ``permalink`` styles after which a page's URL ends with ``.html``
_HTML_STYLES = frozenset(("date", "ordinal", "none"))


def _page_suffix(slash: bool, style: str | None) -> str:
    """What follows a page's name in its URL (Jekyll's ``Page#template``): ``/`` with a
    trailing slash (the ``pretty`` style, or a template ending with one), ``.html`` for
    the ``date`` (the default), ``ordinal`` and ``none`` styles and a template ending with
    ``:output_ext``, and nothing after any other template (``:title``: the build writes
    ``name.html``, which the host serves at ``/name``)."""
    style = (style or "date").strip()
    if slash or style == "pretty" or style.endswith("/"):
        return "/"
    return ".html" if style in _HTML_STYLES or style.endswith(":output_ext") else ""


def _url(rel: str, front: dict[str, Any], ext: str, posts: str | None = None) -> UrlInfo:
    """``ext``: what follows a page's name (see :func:`_page_suffix`); ``posts``: the posts
    collection's permalink template, when the config gives one."""
    folder, name = posixpath.split(rel)
    stem = strip_ext(name)
    parts = folder.split("/") if folder else []
    redirects = aliases(front.get("redirect_from"), "/" + folder)
    permalink = front.get("permalink")
    if "_posts" in parts or "_drafts" in parts:
        return _post_url(parts, stem, front, ext, redirects, posts)
    if permalink:
        values = {
            "title": stem,
            "slug": stem,
            "output_ext": ".html",
            "path": folder,
            "basename": stem,
            "name": stem,
            "categories": "",
        }
        return UrlInfo(expand_permalink(str(permalink), values), redirects)
    if stem == "index":
        return UrlInfo(join(folder, slash=True), redirects)
    return UrlInfo(join(folder, slash=False).rstrip("/") + "/" + stem + ext, redirects)


def _post_url(
    parts: list[str], stem: str, front: dict[str, Any], ext: str, redirects: list[str], template: str | None
) -> UrlInfo:
    idx = parts.index("_posts") if "_posts" in parts else parts.index("_drafts")
    cats = [p for p in parts[:idx] if p]
    fc = front.get("categories", front.get("category"))
    if isinstance(fc, str):
        cats += fc.split()
    elif isinstance(fc, list):
        cats += [str(c) for c in fc]
    m = _POST.match(stem)
    y, mo, d, title = m.groups() if m else ("", "", "", stem)
    title = str(front.get("slug") or title)
    values = {
        "categories": "/".join(cats),
        "year": y,
        "month": mo,
        "day": d,
        "title": title,
        "slug": title,
        "output_ext": ".html",
        **_date_values(y, mo, d),
    }
    permalink = front.get("permalink") or template
    if permalink:
        return UrlInfo(expand_permalink(str(permalink), values), redirects)
    return UrlInfo(join(*cats, y, mo, d, slash=False) + "/" + title + ext, redirects)


def _date_values(year: str, month: str, day: str) -> dict[str, str]:
    """A post's date placeholders besides ``year``, ``month`` and ``day`` (none where its
    file name holds no date)."""
    try:
        date = datetime.date(int(year), int(month), int(day))
    except ValueError:
        return {}
    iso_year, week, weekday = date.isocalendar()
    return {
        "short_year": date.strftime("%y"),
        "i_month": str(date.month),
        "short_month": date.strftime("%b"),
        "long_month": date.strftime("%B"),
        "i_day": str(date.day),
        "y_day": date.strftime("%j"),
        "w_year": str(iso_year),
        "week": f"{week:02d}",
        "w_day": str(weekday),
        "short_day": date.strftime("%a"),
        "long_day": date.strftime("%A"),
    }


def _collection_url(template: str, collection: str, rel: str) -> str:
    """A collection document's URL from the collection's permalink template."""
    inner = rel.split("/", 1)[1] if "/" in rel else rel
    stem = posixpath.splitext(posixpath.basename(inner))[0]
    values = {
        "collection": collection,
        "path": posixpath.splitext(inner)[0],
        "name": stem,
        "title": stem,
        "slug": stem,
        "output_ext": ".html",
    }
    return expand_permalink(template, values)


def detect(root: Path, config: str | None) -> Detected | None:
    if config is None:
        return None
    raw = load_config(WorkTree(root), (config,))[1]
    base_url = str(raw.get("url") or "https://example.com").rstrip("/") + str(raw.get("baseurl") or "") + "/"
    permalink = str(raw.get("permalink") or "date")
    slash = True if permalink == "pretty" or permalink.endswith("/") else None
    exclude = ["vendor/**", "node_modules/**", "_site/**", "README.md"]
    content = posixpath.dirname(config) or "."
    for entry in _strings_of(raw.get("exclude")):
        glob = _excluded_glob(root / content, entry)
        if glob is not None and not any(glob == e or glob.startswith(e.removesuffix("**")) for e in exclude):
            exclude.append(glob)  # (not one the defaults hold: vendor/bundle/)
    return Detected("jekyll", config, base_url, content, "/", slash, extra={"exclude": exclude})


def _strings_of(value: Any) -> list[str]:
    return [str(v) for v in value if isinstance(v, str) and v.strip()] if isinstance(value, list) else []


def _excluded_glob(site: Path, entry: str) -> str | None:
    """The policy glob for an entry of the config's ``exclude`` that leaves pages out
    (None for one that names no Markdown: a Gemfile, a folder of code). Jekyll matches
    each path from the site's folder with ``File.fnmatch`` (a ``*`` crosses folders) or
    as a prefix of the path (``fixtures/``: the folder's files)."""
    entry = entry.strip().lstrip("/")
    if any(c in entry for c in "*?["):
        glob = entry.replace("**", "*").replace("*", "**")
        return glob if glob.endswith(("*", *PAGE_EXTENSIONS)) else None
    entry = entry.rstrip("/")
    if entry.endswith(PAGE_EXTENSIONS):
        return entry
    folder = site / entry
    if folder.is_dir() and not folder.is_symlink() and _holds_pages(folder):
        return f"{entry}/**"
    return None


def _holds_pages(folder: Path) -> bool:
    """Whether a Markdown file is under ``folder`` (symlinked folders not followed)."""
    for _, _, names in os.walk(folder):
        if any(name.endswith(PAGE_EXTENSIONS) for name in names):
            return True
    return False
