"""MkDocs: ``docs_dir``, ``use_directory_urls``, Python-Markdown ``toc`` ids (or the
``slugify`` the config names), mkdocs-redirects, snippets' ``auto_append`` and the ``nav``."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Container, Sequence
from pathlib import Path
from typing import Any

from ...content.genconfig import Blog, GeneratorConfig, load_config, yaml_tag
from ...content.markdown import LISTED, RawLink
from ...content.slugs import pymdownx_slug
from ...io import UnreadableFile, decode_text
from ...source import Source, WorkTree
from ..model import MEMBERS, NavLink, Site
from ..navigation import mkdocs as mkdocs_nav
from ..options import SiteOptions
from ..urls import UrlInfo, join, strip_ext
from . import mkdocs_awesome, mkdocs_gen, mkdocs_literate, mkdocs_tags, mkdocstrings
from ._base import (
    Detected,
    as_dict,
    folder_tree,
    in_dir,
    no_anchors,
    no_includes,
    no_prefix,
    no_reason,
    not_partial,
    nothing_beyond_root,
    one_or_many,
    same_destination,
    same_front,
    same_path,
)

NAME = "mkdocs"
PAGE_EXTENSIONS = (".md", ".markdown", ".mdown", ".mkdn", ".mkd")
TRAILING_SLASH = True
SLUG_STYLE = "toc"
LINKIFY = False
FOLD_CASE = False
RELATIVE_TO_URL = False
FRAGMENTS_FOLD_CASE = False
MD_LINKS_FROM_ROOT = False
PARSE_PARTIALS = False
ATTRIBUTES = True
TEMPLATES_FIRST = False
#: a page whose front matter YAML cannot read is built as it is (mkdocs.utils.meta.get_data)
LENIENT_FRONT_MATTER = True
TITLE_IDS = True
DOCFX_BLOCKS = False
HIDDEN_FILES = False
FOLDER_LINKS = False
ROOT_LINKS_ON_HOST = False
CASE_INSENSITIVE_URLS = False
#: MkDocs' config, and Zensical's (the MkDocs config it stands for, see :func:`_zensical`)
CONFIG_FILES = ("mkdocs.yml", "mkdocs.yaml", "zensical.toml")
#: the sidebar is on every page (modelled as the home page's links)
SITEWIDE = frozenset({"sidebar"})

#: the theme's (see :data:`..navigation.mkdocs.SOURCES`), and the tags plugin's links from
#: each tagged page to the listings of its tags (a default where the plugin is on)
NAVIGATION = (*mkdocs_nav.SOURCES, "tags")
section_tree = folder_tree
is_partial = not_partial
included = no_includes
anchors = no_anchors
site_path = same_path
beyond_root = nothing_beyond_root
destination = same_destination
route_prefix = no_prefix
unpublished = no_reason
front_matter = same_front


def served(site: Site, options: SiteOptions) -> dict[str, str]:
    """The pages Material's blog plugin makes beside the posts: a category page for each
    category a published post names (``blog/category/<slug>/``) and an archive page for
    each year with posts (``blog/archive/<yyyy>/``), under the content root's prefix."""
    blog = options.config.blog
    if blog is None:
        return {}
    out: dict[str, str] = {}
    for page in site.pages:
        if not page.published or not blog.is_post(page.rel):
            continue
        prefix = options.root_prefixes.get(page.root, "")
        base = join(prefix, blog.blog_dir, slash=False)
        categories = page.front.get("categories")
        for category in categories if isinstance(categories, list) else []:
            if isinstance(category, str) and category.strip() and blog.categories:
                slug = pymdownx_slug(category)  # the plugin's categories_slugify
                out.setdefault(
                    join(base, blog.categories_url_format.replace("{slug}", slug), slash=True), page.path
                )
        date = mkdocs_nav.post_date(page.front)
        if date is not None and blog.archive:
            archive = blog.archive_url_format.replace("{date}", date.strftime(blog.archive_date_format))
            out.setdefault(join(base, archive, slash=True), page.path)
    return out


def read_config(source: Source, paths: list[str]) -> GeneratorConfig:
    if not paths:
        return GeneratorConfig()
    raw = _load(source, paths[0])
    cfg = config_from(paths[0], raw)
    _literate_nav(source, cfg, raw)
    _awesome_pages(source, cfg, raw)
    _gen_files(source, cfg, raw, posixpath.dirname(paths[0]))
    _theme_files(cfg, raw)
    _translations(source, cfg, paths[0])
    return cfg


#: what a build writes beside the pages, by theme: every theme's error page and sitemap,
#: and the files of MkDocs' own themes and Material's favicon (the theme's default, linked
#: by pages that say how to change it)
_THEME_FILES = {
    "": ("404.html", "sitemap.xml", "sitemap.xml.gz"),
    "mkdocs": (
        *(f"css/{n}" for n in ("base.css", "bootstrap.min.css", "brands.min.css", "fontawesome.min.css")),
        *(f"css/{n}" for n in ("solid.min.css", "v4-font-face.min.css")),
        *(f"js/{n}" for n in ("base.js", "bootstrap.bundle.min.js", "darkmode.js")),
        "img/favicon.ico",
        "img/grid.png",
    ),
    "readthedocs": (
        *(f"css/{n}" for n in ("theme.css", "theme_extra.css")),
        *(f"js/{n}" for n in ("html5shiv.min.js", "jquery-3.6.0.min.js", "theme.js", "theme_extra.js")),
        "img/favicon.ico",
    ),
    "material": ("assets/images/favicon.png",),
}
#: the search plugin's index, and the scripts it adds to MkDocs' own themes
_SEARCH_FILES = ("search/search_index.json",)
_SEARCH_SCRIPTS = ("search/lunr.js", "search/main.js", "search/worker.js")


def _theme_files(cfg: GeneratorConfig, raw: dict[str, Any]) -> None:
    """The files the theme and the search plugin (on unless ``plugins`` leaves it out) write
    into the site, as served URLs (from the config file, which asks for them)."""
    name = _theme_name(raw)
    files = [*_THEME_FILES[""], *_THEME_FILES.get(name, ())]
    if raw.get("plugins") is None or _plugin(raw, "search", "material/search") is not None:
        files += _SEARCH_FILES
        if name in ("mkdocs", "readthedocs"):
            files += _SEARCH_SCRIPTS
    for path in files:
        cfg.routes.setdefault("/" + path, cfg.file or "")


def _theme_name(c: dict[str, Any]) -> str:
    """The config's theme (``theme: x`` or ``theme: {name: x}``; MkDocs' own by default)."""
    theme = c.get("theme")
    return str(theme.get("name") if isinstance(theme, dict) else theme or "mkdocs")


def _plugin(raw: dict[str, Any], *names: str) -> dict[str, Any] | None:
    """The options of the first plugin the config names by one of ``names``; None where it
    names none."""
    return next((options for name, options in _entries(raw.get("plugins")) if name in names), None)


def _literate_nav(source: Source, cfg: GeneratorConfig, raw: dict[str, Any]) -> None:
    """With mkdocs-literate-nav on, the pages its navigation lists, in order (see
    :mod:`.mkdocs_literate`), as the ``nav``."""
    options = _plugin(raw, "literate-nav", "mkdocs-literate-nav")
    if options is None or not cfg.content_roots:
        return
    docs = cfg.content_roots[0]
    under = docs + "/" if docs else ""
    pages = _doc_pages(source, docs)

    def read(rel: str) -> str | None:
        try:
            return decode_text(source.read(under + rel))
        except (OSError, UnreadableFile):
            return None

    cfg.nav = mkdocs_literate.nav_paths(raw.get("nav"), pages, read, mkdocs_literate.settings(options))


def _awesome_pages(source: Source, cfg: GeneratorConfig, raw: dict[str, Any]) -> None:
    """With mkdocs-awesome-pages-plugin on, the pages its ``.pages`` files arrange into the
    nav, in order (see :mod:`.mkdocs_awesome`), as the ``nav``."""
    options = _plugin(raw, "awesome-pages")
    if options is None or not cfg.content_roots:
        return
    docs = cfg.content_roots[0]
    under = docs + "/" if docs else ""

    def meta(rel: str) -> dict[str, Any] | None:
        name, data = load_config(source, (under + rel,))
        return data if name is not None and isinstance(data, dict) else None

    arranged = mkdocs_awesome.nav_paths(
        raw.get("nav"), _doc_pages(source, docs), meta, mkdocs_awesome.settings(options)
    )
    if arranged is not None:
        cfg.nav = arranged


def _gen_files(source: Source, cfg: GeneratorConfig, raw: dict[str, Any], home: str) -> None:
    """With mkdocs-gen-files on, the docs folders its scripts write pages into (see
    :func:`mkdocs_gen.written_folders`) are the build's: a link into one is not checked."""
    options = _plugin(raw, "gen-files")
    if options is None or not cfg.content_roots:
        return
    docs = cfg.content_roots[0]
    for script in one_or_many(options.get("scripts")):
        try:
            code = decode_text(source.read(in_dir(home, str(script))))
        except (OSError, UnreadableFile):
            continue
        for folder in mkdocs_gen.written_folders(code):
            cfg.generated_dirs.append(in_dir(docs, folder))


def _doc_pages(source: Source, docs: str) -> list[str]:
    """The docs' Markdown pages, docs-relative (dot files and folders aside)."""
    under = docs + "/" if docs else ""
    return [
        p[len(under) :]
        for p in source.files(docs)
        if p.lower().endswith(PAGE_EXTENSIONS) and not any(part.startswith(".") for part in p.split("/"))
    ]


def _load(source: Source, path: str, depth: int = 0) -> dict[str, Any]:
    """A config with what its ``INHERIT`` file gives (nested mappings merged); Zensical's
    ``zensical.toml`` as the MkDocs config it stands for (see :func:`_zensical`)."""
    raw = dict(load_config(source, (path,))[1])
    if path.endswith(".toml"):
        return _zensical(raw)
    parent = raw.pop("INHERIT", None)
    if isinstance(parent, str) and depth < 5:
        return _merge(_load(source, in_dir(posixpath.dirname(path), parent), depth + 1), raw)
    return raw


#: the Markdown extensions Zensical reads a site with when its config names none (their
#: names: the options that matter here are their defaults)
ZENSICAL_EXTENSIONS = (
    *("abbr", "admonition", "attr_list", "def_list", "footnotes", "md_in_html", "toc"),
    *(f"pymdownx.{n}" for n in ("arithmatex", "betterem", "caret", "details", "emoji", "highlight")),
    *(f"pymdownx.{n}" for n in ("inlinehilite", "keys", "magiclink", "mark", "smartsymbols")),
    *(f"pymdownx.{n}" for n in ("superfences", "tabbed", "tasklist", "tilde")),
)


def _zensical(raw: dict[str, Any]) -> dict[str, Any]:
    """A ``zensical.toml`` as the MkDocs config it stands for: its ``[project]`` table,
    Markdown extensions named by TOML tables (``[project.markdown_extensions.pymdownx.
    snippets]``: ``pymdownx.snippets``), Zensical's own extensions where it names none, and
    its theme (Material's) where it names none."""
    c = dict(raw.get("project") if isinstance(raw.get("project"), dict) else raw)
    extensions = c.get("markdown_extensions")
    if extensions is None:
        c["markdown_extensions"] = {name: {} for name in ZENSICAL_EXTENSIONS}
    elif isinstance(extensions, dict):
        flat: dict[str, Any] = {}
        for name, options in extensions.items():
            if name in ("pymdownx", "zensical") and isinstance(options, dict):
                for sub, conf in options.items():
                    nested = sub in ("blocks", "extensions") and isinstance(conf, dict)
                    for key, value in conf.items() if nested else [(None, conf)]:
                        flat[".".join(p for p in (name, sub, key) if p)] = value
            else:
                flat[name] = options
        c["markdown_extensions"] = flat
    theme = c.get("theme")
    if not (isinstance(theme, dict) and theme.get("name")):
        c["theme"] = {**(theme if isinstance(theme, dict) else {}), "name": "material"}
    return c


def _merge(base: dict[str, Any], over: dict[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for key, value in over.items():
        both = isinstance(value, dict) and isinstance(out.get(key), dict)
        out[key] = _merge(out[key], value) if both else value
    return out


def _translations(source: Source, cfg: GeneratorConfig, path: str) -> None:
    """One config per language (``docs/<lang>/mkdocs.yml``, usually with ``INHERIT``): each
    language's docs are served under ``/<lang>/``, and pages it lacks come from this one's."""
    folder = posixpath.dirname(path)
    parent, lang = posixpath.split(folder)
    if not parent or not cfg.content_roots:
        return
    main = cfg.content_roots[0]
    name = posixpath.basename(path)
    for other in sorted(
        {p.split("/")[-2] for p in source.files(parent) if p.count("/") == parent.count("/") + 2}
    ):
        config = f"{parent}/{other}/{name}"
        if other == lang or other.startswith(".") or config == path:
            continue
        try:
            source.read(config)
        except OSError:
            continue
        translated = config_from(config, _load(source, config)).content_roots or []
        for root in translated[:1]:
            cfg.content_roots.append(root)
            cfg.root_prefixes[root] = f"/{other}"
            cfg.fallback_roots[root] = main


def config_from(name: str | None, c: dict[str, Any]) -> GeneratorConfig:
    cfg = GeneratorConfig(file=name)
    if not name:
        return cfg
    home = posixpath.dirname(name)  # paths in mkdocs.yml are relative to it
    cfg.content_roots = [in_dir(home, str(c.get("docs_dir") or "docs"))]
    cfg.nav = mkdocs_nav.nav_entries(c["nav"]) if c.get("nav") else "all"
    if "use_directory_urls" in c:
        cfg.trailing_slash = bool(c["use_directory_urls"])
    for ext_name, options in _entries(c.get("markdown_extensions")):
        _extension(cfg, ext_name, options)
    _relocate(cfg, home)
    theme = c.get("theme")
    features = (theme.get("features") if isinstance(theme, dict) else None) or []
    cfg.prev_next = _theme_name(c) != "material" or "navigation.footer" in features
    excluded = c.get("exclude_docs")
    # MkDocs (1.5+) always leaves out dot files and templates/, and what exclude_docs adds
    cfg.exclude_docs = [".*", "/templates/", *(str(excluded).splitlines() if excluded else [])]
    version = as_dict(as_dict(c.get("extra")).get("version"))
    cfg.mike = version.get("provider") == "mike"
    for name, options in _entries(c.get("plugins")):
        if name == "mike":
            cfg.mike = True
        if name == "exclude":  # mkdocs-exclude
            cfg.exclude_globs += [str(g) for g in one_or_many(options.get("glob"))]
            cfg.exclude_regexes += [str(r) for r in one_or_many(options.get("regex"))]
        if name in ("blog", "material/blog") and options.get("enabled", True) is not False:
            cfg.blog = _blog(options)
        if name == "mkdocstrings" and options.get("enabled", True) is not False:
            cfg.autodoc = cfg.autorefs = True
            _python_handler(cfg, options, home)
        if name == "autorefs":
            cfg.autorefs = True
        if name in ("tags", "material/tags") and options.get("enabled", True) is not False:
            cfg.material_tags = str(options.get("tags_file") or "")
        if name == "i18n" and options:
            _static_i18n(cfg, options)
        if name == "redirects":
            maps = options.get("redirect_maps") or {}
            if isinstance(maps, dict):
                cfg.redirects = {str(k): str(v) for k, v in maps.items()}
    return cfg


def _python_handler(cfg: GeneratorConfig, options: dict[str, Any], home: str) -> None:
    """Where mkdocstrings' Python handler finds the code (its ``paths``, relative to the
    config; ``.`` by default) and whether it runs ``griffe_typingdoc``."""
    python = as_dict(as_dict(options.get("handlers")).get("python"))
    paths = [str(p) for p in one_or_many(python.get("paths"))] or ["."]
    cfg.autodoc_paths = [posixpath.normpath(posixpath.join(home, p)) for p in paths]
    extensions = one_or_many(as_dict(python.get("options")).get("extensions"))
    names = [next(iter(e), "") if isinstance(e, dict) else str(e) for e in extensions]
    cfg.autodoc_typingdoc = any(n.replace("-", "_").startswith("griffe_typingdoc") for n in names)


def _entries(value: Any) -> list[tuple[str, dict[str, Any]]]:
    """(name, options) of each plugin or Markdown extension, in MkDocs' two forms: a list
    of names and one-key mappings, or a mapping of names to options."""
    if isinstance(value, dict):
        items: list[Any] = [{k: v} for k, v in value.items()]
    elif isinstance(value, list):
        items = value
    else:
        return []
    out = []
    for item in items:
        name, options = next(iter(item.items())) if isinstance(item, dict) and item else (item, None)
        if isinstance(name, str):
            out.append((name, options if isinstance(options, dict) else {}))
    return out


def _static_i18n(cfg: GeneratorConfig, options: dict[str, Any]) -> None:
    """mkdocs-static-i18n: ``docs_structure: folder`` (``docs/<locale>/...``) or ``suffix``
    (``page.<locale>.md``); the default locale at the root, the others under ``/<locale>/``."""
    languages = [lang for lang in options.get("languages") or [] if isinstance(lang, dict)]
    locales = [
        str(lang.get("locale")) for lang in languages if lang.get("locale") and lang.get("build") is not False
    ]
    default = next((str(lang["locale"]) for lang in languages if lang.get("default") is True), None)
    default = default or (locales[0] if locales else None)
    if default is None or not cfg.content_roots:
        return
    others = [loc for loc in locales if loc != default]
    if str(options.get("docs_structure") or "suffix") == "suffix":
        cfg.suffix_locales = [default, *others]
        return
    docs = cfg.content_roots[0]
    main = in_dir(docs, default)
    cfg.content_roots = [main]
    for locale in others:
        root = in_dir(docs, locale)
        cfg.content_roots.append(root)
        cfg.root_prefixes[root] = f"/{locale}"
        cfg.fallback_roots[root] = main


#: Python-Markdown extensions whose blocks hold indented Markdown, and their markers
INDENTED_BLOCKS = {
    "admonition": "!!!",
    "markdown.extensions.admonition": "!!!",
    "pymdownx.details": "???",
    "pymdownx.tabbed": "===",
}


def _extension(cfg: GeneratorConfig, name: str, options: dict[str, Any]) -> None:
    marker = INDENTED_BLOCKS.get(name)
    if marker is not None and marker not in cfg.indented_blocks:
        cfg.indented_blocks = [*cfg.indented_blocks, marker]
    if name in ("toc", "markdown.extensions.toc"):
        cfg.slug_style = _toc_slugify(options.get("slugify"))
    elif name == "pymdownx.tabbed":
        style = _toc_slugify(options.get("slugify"))
        if style:
            cfg.tabbed = (style, bool(options.get("combine_header_slug")))
    elif name in ("mkdocs-click", "mkdocs_click"):
        cfg.cli_docs = True
    elif name == "pymdownx.magiclink":
        cfg.linkify = "gfm"
    elif name == "pymdownx.snippets":
        auto = options.get("auto_append") or []
        cfg.append = [str(a) for a in (auto if isinstance(auto, list) else [auto])]
        bases = options.get("base_path") or ["."]
        cfg.snippet_bases = [str(b) for b in (bases if isinstance(bases, list) else [bases])]


def _relocate(cfg: GeneratorConfig, home: str) -> None:
    """Paths the config gives relative to the folder the build runs in: the config's."""
    cfg.append = [in_dir(home, a) for a in cfg.append]
    if cfg.snippet_bases is not None:
        cfg.snippet_bases = [
            b for b in (in_dir(home, b) for b in cfg.snippet_bases) if not b.startswith("..")
        ]


# Material's `post_url_date_format` is a Babel pattern; these are the common parts.
_BABEL = {"yyyy": "%Y", "yy": "%y", "MM": "%m", "M": "%-m", "dd": "%d", "d": "%-d"}


def _blog(options: dict[str, Any]) -> Blog:
    """The blog plugin's ``blog_dir``, ``post_dir``, ``post_url_format`` and
    ``post_url_date_format``."""
    blog_dir = str(options.get("blog_dir") or "blog").strip("/")
    blog_dir = "" if blog_dir == "." else blog_dir
    post_dir = str(options.get("post_dir") or "{blog}/posts").replace("{blog}", blog_dir)
    pattern = str(options.get("post_url_date_format") or "yyyy/MM/dd")
    archive_date = str(options.get("archive_url_date_format") or "yyyy")  # (the URL's; not the title's)
    per_page = _per_page(options.get("pagination"), options.get("pagination_per_page"), 10)
    return Blog(
        blog_dir=blog_dir,
        post_dir=posixpath.normpath(post_dir).strip("/").removeprefix("./"),
        url_format=str(options.get("post_url_format") or "{date}/{slug}"),
        date_format=_strftime(pattern),
        categories=options.get("categories", True) is not False,
        categories_url_format=str(options.get("categories_url_format") or "category/{slug}"),
        archive=options.get("archive", True) is not False,
        archive_url_format=str(options.get("archive_url_format") or "archive/{date}"),
        archive_date_format=_strftime(archive_date),
        per_page=per_page,
        archive_per_page=_per_page(
            options.get("archive_pagination"), options.get("archive_pagination_per_page"), per_page
        ),
        categories_per_page=_per_page(
            options.get("categories_pagination"), options.get("categories_pagination_per_page"), per_page
        ),
        page_url_format=str(options.get("pagination_url_format") or "page/{page}"),
    )


def _per_page(on: Any, count: Any, default: int | None) -> int | None:
    """Posts a page of a blog list shows: ``count`` (else ``default``); None (every post on
    one page) when ``on`` is false, or when unset and ``default`` is (pagination off)."""
    if on is False or (on is None and default is None):
        return None
    return count if type(count) is int and count > 0 else (default or 10)


def _strftime(babel: str) -> str:
    return "/".join(_BABEL.get(part, part) for part in babel.split("/"))


def _toc_slugify(value: Any) -> str | None:
    tag = yaml_tag(value)
    if tag is None:
        return None
    if "slugify_unicode" in tag or tag.endswith("uslugify"):
        return "toc-unicode"
    if "pymdownx.slugs" in tag:
        return "pymdownx"
    return None


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
    blog = config.blog if config else None
    if blog is not None and (post := mkdocs_nav.post_url(blog, rel, front, title, slash)):
        return UrlInfo(join(prefix, post, slash=post.endswith("/")) if prefix else post)
    folder, name = posixpath.split(rel)
    stem = strip_ext(name)
    locales = config.suffix_locales if config else []
    locale = posixpath.splitext(stem)[1][1:]
    if locale in locales:
        stem = posixpath.splitext(stem)[0]  # page.fr.md: the French page.md, under /fr/
        prefix = prefix if locale == locales[0] else join(prefix, locale, slash=False)
    if stem in ("index", "README"):
        url = join(folder, slash=True) if slash else join(folder, "index.html", slash=False)
    elif slash:
        url = join(folder, stem, slash=True)
    else:
        url = join(folder, stem + ".html", slash=False)
    info = UrlInfo(join(prefix, url, slash=url.endswith("/")) if prefix else url)
    redirects = config.redirects if config else {}
    # mkdocs-redirects: each old path in redirect_maps becomes a redirect page
    info.aliases = [_redirect_url(old, slash) for old, new in redirects.items() if new == rel]
    return info


def _redirect_url(old: str, slash: bool) -> str:
    return page_url(old, {}, slash=slash).url


def default_navigation(config: GeneratorConfig) -> tuple[str, ...]:
    off = {"prev-next"} if not config.prev_next else set()
    if config.material_tags is None:
        off.add("tags")
    return tuple(n for n in NAVIGATION if n not in off)


def navigation(site: Site, options: SiteOptions, source: Source, sources: Sequence[str]) -> list[NavLink]:
    links = mkdocs_nav.navigation(site, sources, options.config.nav, options.config.blog)
    if "tags" in sources:
        links += mkdocs_tags.header_links(site, options.config.material_tags or "")
    return links


def listed_links(site: Site, options: SiteOptions, source: Source) -> dict[str, list[RawLink]]:
    """The links of the tags plugin's listings (see :mod:`.mkdocs_tags`), the blog
    plugin's index (its text lists the newest posts, its first page's, with their titles),
    and those mkdocstrings writes from the docstrings a page's ``:::`` lines name (see
    :mod:`.mkdocstrings`)."""
    tags_file = options.config.material_tags
    out = mkdocs_tags.listed_links(site, tags_file) if tags_file is not None else {}
    if options.config.autodoc:
        for path, links in _docstring_links(site, options.config, source).items():
            out[path] = [*out.get(path, []), *links]
    blog = options.config.blog
    index, posts = mkdocs_nav.blog_posts(site.published, blog) if blog is not None else (None, [])
    if index is not None and posts:
        shown = posts if blog is None or blog.per_page is None else posts[: blog.per_page]
        listing = [RawLink(p.url, p.title, 1, 1, LISTED) for p in shown]
        out[index.path] = [*out.get(index.path, []), *listing]
    return out


def _docstring_links(site: Site, cfg: GeneratorConfig, source: Source) -> dict[str, list[RawLink]]:
    """The docstring links of each page with a ``:::`` line (an anchor ``x.*`` says so).
    The code is looked for under the handler's paths, then at the repository's root and
    in ``src/``: the site's own package, which its build has installed."""
    paths = list(dict.fromkeys([*cfg.autodoc_paths, ".", "src"]))
    modules: dict[str, Any] = {}
    out: dict[str, list[RawLink]] = {}
    for page in site.published:
        if page.parsed is None or not any(a.endswith(MEMBERS) for a in page.anchors):
            continue
        try:
            text = decode_text(source.read(page.path))
        except (OSError, UnreadableFile):
            continue
        links = mkdocstrings.page_links(text, source, paths, cfg.autodoc_typingdoc, modules)
        if links:
            out[page.path] = links
    return out


def site_configs(source: Source, paths: Sequence[str]) -> list[tuple[str, bool]]:
    """Of ``paths`` (configs beside one another, ``mkdocs-online.yml``,
    ``mkdocs-offline.yml``, ``mkdocs-common.yml``), those a site is built with: each names
    the site (``site_name``, its own or what its ``INHERIT`` file gives), and no other of
    them inherits it (that one is their shared part); with whether it names where the
    site is published (``site_url``), those that do first."""
    parents, named = set(), []
    for path in paths:
        try:
            raw = dict(load_config(source, (path,))[1])
            whole = _load(source, path)
        except (OSError, ValueError, TypeError):
            continue
        if isinstance(raw.get("INHERIT"), str):
            parents.add(in_dir(posixpath.dirname(path), raw["INHERIT"]))
        if whole.get("site_name"):
            named.append((not whole.get("site_url"), path))
    return [(path, not unnamed) for unnamed, path in sorted(named) if path not in parents]


def detect(root: Path, config: str | None) -> Detected | None:
    if config is None:
        return None
    raw = _load(WorkTree(root), config)
    docs = in_dir(posixpath.dirname(config), str(raw.get("docs_dir") or "docs"))
    home = next((f"{n}.md" for n in ("index", "README") if (root / docs / f"{n}.md").is_file()), "index.md")
    base_url = str(raw.get("site_url") or "https://example.com/")
    languages = _sibling_languages(root, config, docs)
    return Detected(
        "mkdocs",
        config,
        base_url,
        docs,
        home,
        raw.get("use_directory_urls") if "use_directory_urls" in raw else None,
        extra={
            **({"config": config} if posixpath.basename(config) not in CONFIG_FILES else {}),
            **({"ignore_links": [_languages_pattern(base_url, languages)]} if languages else {}),
        },
    )


_LANGUAGE = re.compile(r"[a-z]{2,3}(?:[-_][a-zA-Z0-9]{2,8})?")


def _sibling_languages(root: Path, config: str, docs: str) -> list[str]:
    """The other languages of a site built one language at a time from folders side by
    side (``docs/en/mkdocs.yml`` with ``docs/en/docs/``, and ``docs/es/docs/``,
    ``docs/zh-hant/docs/``: each served under ``/<lang>/`` by the project's own build
    script, which writes their configs): the folder names, when the config's folder is a
    language's."""
    folder = posixpath.dirname(config)
    parent, own = posixpath.split(folder)
    inner = posixpath.relpath(docs, folder) if folder else ""
    if not folder or not _LANGUAGE.fullmatch(own) or inner.startswith(".."):
        return []
    try:
        names = sorted(p.name for p in (root / parent).iterdir() if p.is_dir())
    except OSError:
        return []
    return [
        name
        for name in names
        if name != own and _LANGUAGE.fullmatch(name) and (root / parent / name / inner).is_dir()
    ]


def _languages_pattern(base_url: str, languages: list[str]) -> str:
    """A pattern for `site.ignore_links` matching links into the other languages' sites
    (the checker matches a site path's absolute form too)."""
    return "^" + re.escape(base_url.rstrip("/")) + "/(" + "|".join(map(re.escape, languages)) + ")/"
