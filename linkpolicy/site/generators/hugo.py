"""Hugo: ``content/`` (or its mounts and language folders), ``_index.md`` sections,
lowercased URLs, ``aliases``, ``cascade``, ``ref``/``relref`` and case-insensitive lookups."""

from __future__ import annotations

import datetime as dt
import functools
import posixpath
import re
from collections.abc import Container, Mapping, Sequence
from pathlib import Path
from typing import Any

from ...content.genconfig import GeneratorConfig, load_config
from ...source import Source, WorkTree
from .. import shortcodes
from ..model import NavLink, Site
from ..navigation import hugo as hugo_nav
from ..navigation import hugo_terms
from ..options import SiteOptions
from ..templates import PARTIAL, Layouts
from ..urls import UrlInfo, aliases, join, strip_ext, with_prefix, with_slash
from . import hugo_hooks, hugo_layouts, hugo_permalinks
from ._base import (
    Detected,
    as_dict,
    has_file,
    in_dir,
    no_anchors,
    no_includes,
    no_prefix,
    not_partial,
    nothing_beyond_root,
    one_or_many,
    same_path,
)
from .hugo_listings import listed_links as listed_links

NAME = "hugo"
#: Markdown, and HTML content files (with their front matter, read as HTML)
PAGE_EXTENSIONS = (".md", ".markdown", ".mdown", ".html", ".htm")
TRAILING_SLASH = True
SLUG_STYLE = "github"
LINKIFY = True
FOLD_CASE = True
RELATIVE_TO_URL = True
FRAGMENTS_FOLD_CASE = False
MD_LINKS_FROM_ROOT = False
PARSE_PARTIALS = False
ATTRIBUTES = True
TEMPLATES_FIRST = False
LENIENT_FRONT_MATTER = False
TITLE_IDS = True
DOCFX_BLOCKS = False
HIDDEN_FILES = False
FOLDER_LINKS = False
ROOT_LINKS_ON_HOST = False
CASE_INSENSITIVE_URLS = False
CONFIG_FILES = (
    "hugo.toml",
    "hugo.yaml",
    "hugo.yml",
    "hugo.json",
    "config.toml",
    "config.yaml",
    "config.yml",
    "config.json",
)
#: menus are on every page (modelled as the home page's links)
SITEWIDE = frozenset({"menu"})

NAVIGATION = hugo_nav.SOURCES
section_tree = hugo_nav.section_tree


def default_navigation(config: GeneratorConfig) -> tuple[str, ...]:
    """What standard themes render, and what else the site's own layouts do (their
    "in this section" lists, prev/next links). The defaults stay: a template read, not
    run, may render what the reading misses, and a link left out of the graph would make
    an orphan that is none."""
    rendered = [*(config.template_navigation or ()), *(["sidebar"] if config.docsy_sidebar else [])]
    return (*hugo_nav.DEFAULTS, *(s for s in dict.fromkeys(rendered) if s not in hugo_nav.DEFAULTS))


def navigation(site: Site, options: SiteOptions, source: Source, sources: Sequence[str]) -> list[NavLink]:
    cfg = options.config
    layouts = _layouts(site, cfg, source)
    terms = taxonomies(site, options) if "taxonomies" in sources else []
    entries = cfg.docsy_sidebar or UNTRUNCATED  # (a site's own tree shows every entry)
    folders = {key: url for key, (url, _) in sourceless_sections(site, options).items()}
    return hugo_nav.navigation(
        site, sources, cfg.menu_refs, layouts, entries, terms, folders, frozenset(cfg.unlinked_menus)
    )


def _layouts(site: Site, cfg: GeneratorConfig, source: Source) -> hugo_nav.Layouts:
    """What the site's own layouts say of the home page and of the layouts its pages name
    (nothing where no page template is in the repository)."""
    # Docsy's home template (where the site has none of its own) shows the page's content alone
    theme_home = hugo_layouts.CONTENT_ONLY if cfg.docsy_sidebar else hugo_layouts.LISTING
    if cfg.template_navigation is None:
        return hugo_nav.Layouts(theme_home.lists, theme_home.links)
    layouts = Layouts(source, cfg.template_folders)
    home = hugo_layouts.home(layouts, theme_home)
    named = {str(v) for p in site.pages if isinstance(v := hugo_nav.param(p.front, "layout"), str)}
    lists = frozenset(name for name in named if hugo_layouts.lists_its_section(layouts, name))
    pagers = hugo_layouts.pagers(layouts)
    terms = hugo_layouts.term_layouts(layouts)
    return hugo_nav.Layouts(home.lists, home.links, lists, *pagers, cfg.hugo_pager, terms)


included = no_includes
anchors = no_anchors
site_path = same_path
beyond_root = nothing_beyond_root
#: Hugo's own ``param`` shortcode (``{{< param "name" >}}``, ``{{% param name %}}``)

_PARAM = re.compile(
    r"""\{\{([<%])\s*param\s+(?:"([^"\n]*)"|'([^'\n]*)'|`([^`\n]*)`|([^\s"'`<>%]+))\s*[>%]\}\}"""
)


def destination(dest: str, front: Mapping[str, Any], config: GeneratorConfig) -> str:
    """``dest`` with each call of Hugo's ``param`` shortcode filled in as ``.Param`` finds
    it: the page's parameter (its front matter's key, or under its ``params``, with what
    ``cascade`` hands down; case-insensitive, ``a.b`` inside a map), else the site's
    (the config's ``params``); a string, number or boolean. A call with neither is left."""
    if "param" not in dest:
        return dest

    def fill(m: re.Match[str]) -> str:
        name = next(g for g in m.groups()[1:] if g is not None)
        value = _param_value(front, name)
        if value is None:
            value = _param_value(as_dict(front.get("params")), name)
        if value is None:
            value = config.site_values.get(name.lower())
        return m.group(0) if value is None else value

    return _PARAM.sub(fill, dest)


def _param_value(params: Mapping[str, Any], name: str) -> str | None:
    value: Any = params
    for key in name.split("."):
        if not isinstance(value, Mapping):
            return None
        value = hugo_nav.param(value, key.lower())
    if isinstance(value, bool):
        return str(value).lower()
    return str(value) if isinstance(value, str | int | float) else None


def _site_params(params: Any, prefix: str = "") -> dict[str, str]:
    """The config's ``params`` (keys lowercased) as ``a.b`` -> the value's text."""
    out: dict[str, str] = {}
    for key, value in as_dict(params).items():
        if isinstance(value, dict):
            out.update(_site_params(value, f"{prefix}{key}."))
            continue
        text = _param_value({key: value}, key)
        if text is not None:
            out[f"{prefix}{key}"] = text
    return out


is_partial = not_partial
route_prefix = no_prefix


def unpublished(rel: str, front: dict[str, Any]) -> str | None:
    """Hugo builds no expired page and no page dated in the future (``buildExpired`` and
    ``buildFuture`` are off by default): ``expiryDate``, and ``publishDate`` (else
    ``date``) compared with now."""
    now = dt.datetime.now(dt.UTC)
    expiry = _moment(hugo_nav.param(front, "expirydate") or hugo_nav.param(front, "unpublishdate"))
    if expiry is not None and expiry <= now:
        return "expired"
    publish = _moment(
        hugo_nav.param(front, "publishdate")
        or hugo_nav.param(front, "pubdate")
        or hugo_nav.param(front, "date")
    )
    if publish is not None and publish > now:
        return "future"
    return None


def _moment(value: Any) -> dt.datetime | None:
    """A front-matter date as an aware datetime (a date or naive time counts as UTC)."""
    if isinstance(value, str):
        try:
            value = dt.datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
        except ValueError:
            return None
    if isinstance(value, dt.datetime):
        return value if value.tzinfo else value.replace(tzinfo=dt.UTC)
    if isinstance(value, dt.date):
        return dt.datetime(value.year, value.month, value.day, tzinfo=dt.UTC)
    return None


def read_config(source: Source, paths: list[str]) -> GeneratorConfig:
    """The config files in order, later ones winning; in a config folder
    (``config/_default/``) the files beside them hold the key they are named after."""
    raw: dict[str, Any] = {}
    for path in paths:
        raw.update(_load(source, path))
    cfg = config_from(paths[0] if paths else None, raw)
    folders = _template_folders(site_dir(cfg.file) if cfg.file else "", raw)
    layouts = Layouts(source, folders)
    rendered = hugo_layouts.rendered(layouts)
    cfg.template_navigation = list(rendered) if rendered is not None else None
    c = _lower_keys(raw)  # (as config_from reads it)
    if rendered is not None and "menus" in rendered:
        cfg.unlinked_menus = sorted(hugo_layouts.unlinked_menus(layouts.every()))
        cfg.menu_refs = _menu_refs(c, skip=frozenset(cfg.unlinked_menus))
    cfg.template_folders = folders
    cfg.host_templates = _redirect_templates(source, c, layouts.roots)
    cfg.host_partials = _called_partials(source, layouts, cfg.host_templates)
    hook = hugo_hooks.hook_template(layouts)
    if hook is not None:
        # the site's (or its theme's) own hook: most resolve as the embedded one does
        # (hugoDocs' render-link.html is that hook, with glossary links besides)
        cfg.page_links = True
        cfg.hook_destinations = hugo_hooks.own_destinations(hook)
        if cfg.hook_destinations:
            cfg.hook_paths, cfg.hook_words = hugo_hooks.named_paths(hook), hugo_hooks.word_maps(hook)
    if cfg.file:
        ids: set[str] = set()
        kinds = shortcodes.kinds(
            source, folders, cfg.include_shortcodes, cfg.list_shortcodes, ids, cfg.link_shortcodes
        )
        cfg.shortcodes = {name: kind for name, kind in kinds.items() if kind in shortcodes.INNER_KINDS}
        cfg.url_shortcodes = sorted(name for name, kind in kinds.items() if kind == shortcodes.URL)
        cfg.id_shortcodes = sorted(ids)
    return cfg


def _redirect_templates(source: Source, c: dict[str, Any], roots: Sequence[str]) -> list[str]:
    """The template of each output format of the home page whose file is Netlify's
    ``_redirects`` (``outputFormats: {REDIRECTS: {baseName: _redirects}}``, ``outputs:
    {home: [HTML, REDIRECTS]}``), looked up as Hugo looks up the home page's template of
    that format (``index.redirects``, ``home.redirects``, ..., the media type's suffix
    after it where it has one), the site's layouts before its themes'."""
    formats = {str(k).lower(): as_dict(v) for k, v in as_dict(c.get("outputformats")).items()}
    home = {str(f).lower() for f in one_or_many(as_dict(c.get("outputs")).get("home"))}
    media = {str(k).lower(): as_dict(v) for k, v in as_dict(c.get("mediatypes")).items()}
    out = []
    for name, fmt in formats.items():
        if name not in home or str(fmt.get("basename") or "") != "_redirects" or str(fmt.get("path") or ""):
            continue
        kind = as_dict(media.get(str(fmt.get("mediatype") or "").lower()))
        ends = [name, *(f"{name}.{s}" for s in one_or_many(kind.get("suffixes")) if isinstance(s, str) and s)]
        names = [
            f"{d}{base}.{end}"
            for d in ("", "_default/")
            for base in ("home", "index", "list")
            for end in ends
        ]
        found = next(
            (path for n in names for r in roots if has_file(source, path := posixpath.join(r, n))), None
        )
        if found is not None:
            out.append(found)
    return out


def _called_partials(source: Source, layouts: Layouts, paths: Sequence[str]) -> dict[str, str]:
    """The partials the templates at ``paths`` call, by the name they call them with."""
    out: dict[str, str] = {}
    for path in paths:
        try:
            text = source.read(path).decode("utf-8", "replace")
        except OSError:
            continue
        for name in PARTIAL.findall(text):
            found = layouts.partial(name)
            if found is not None:
                out[name] = found
    return out


def _template_folders(home: str, raw: dict[str, Any]) -> list[str]:
    """The site's folder, then its themes' (where their layouts are)."""
    themes = [t for t in one_or_many(raw.get("theme") or raw.get("Theme")) if isinstance(t, str)]
    return [home, *(in_dir(home, f"themes/{t}") for t in themes)]


def _load(source: Source, path: str) -> dict[str, Any]:
    raw = dict(load_config(source, (path,))[1])
    folder = posixpath.dirname(path)
    if posixpath.basename(posixpath.dirname(folder)) != "config":
        return raw
    for other in source.files(folder):
        stem, ext = posixpath.splitext(other[len(folder) + 1 :])
        if "/" in stem or "." in stem or ext not in (".toml", ".yaml", ".yml", ".json") or other == path:
            continue
        if stem not in ("hugo", "config"):
            raw.setdefault(stem, load_config(source, (other,))[1])
    return raw


def site_dir(config: str) -> str:
    """The project folder of a config file: beside ``hugo.toml``, above ``config/<env>/``."""
    folder = posixpath.dirname(config)
    if posixpath.basename(posixpath.dirname(folder)) == "config":
        folder = posixpath.dirname(posixpath.dirname(folder))
    return folder


def _lower_keys(d: Any) -> Any:
    if isinstance(d, dict):
        return {str(k).lower(): _lower_keys(v) for k, v in d.items()}
    if isinstance(d, list):
        return [_lower_keys(v) for v in d]
    return d


def config_from(name: str | None, raw: dict[str, Any]) -> GeneratorConfig:
    cfg = GeneratorConfig(file=name)
    if not name:
        return cfg
    c = _lower_keys(raw)  # Hugo's configuration keys are case-insensitive
    cfg.menu_refs = _menu_refs(c)
    cfg.site_values = _site_params(c.get("params"))
    pagination = as_dict(c.get("pagination"))
    size = pagination.get("pagersize", c.get("paginate"))
    path = pagination.get("path", c.get("paginatepath"))
    cfg.hugo_pager = (
        size if type(size) is int and size > 0 else 10,
        path.strip("/") if isinstance(path, str) and path.strip("/") else "page",
    )
    if _docsy(c):
        truncate = as_dict(as_dict(c.get("params")).get("ui")).get("sidebar_menu_truncate")
        cfg.docsy_sidebar = truncate if isinstance(truncate, int) and truncate > 0 else DOCSY_TRUNCATE
    home = site_dir(name)
    roots = []
    if c.get("contentdir"):
        roots.append(str(c["contentdir"]))
    roots += _languages(c, cfg)
    roots += _mounts(c, cfg)
    if not any(t == "static" or t.startswith("static/") for t in _mount_targets(c)):
        # Hugo's default mount of a root stays unless a mount targets that root (an
        # `assets` mount leaves `static` served)
        cfg.static_roots.append(str(c.get("staticdir") or "static"))
    if home and not roots:
        roots.append("content")
    if roots:
        cfg.content_roots = [in_dir(home, r) for r in dict.fromkeys(roots)]
    cfg.static_roots = [in_dir(home, r) for r in cfg.static_roots]
    cfg.root_files = {in_dir(home, k): v for k, v in cfg.root_files.items()}
    cfg.static_prefixes = {in_dir(home, k): v for k, v in cfg.static_prefixes.items()}
    cfg.lang_roots = {k: in_dir(home, v) for k, v in cfg.lang_roots.items()}
    cfg.root_prefixes = {in_dir(home, k): v for k, v in cfg.root_prefixes.items()}
    cfg.default_language = str(c.get("defaultcontentlanguage") or "en").lower()
    cfg.mounts = _placed_mounts(cfg, home, cfg.default_language)
    if c.get("uglyurls") is True:
        cfg.ugly = True
        cfg.trailing_slash = False
    cfg.keep_case = c.get("disablepathtolower") is True
    cfg.permalinks = hugo_permalinks.patterns(c.get("permalinks"))
    allowed = as_dict(c.get("security")).get("allowcontent")
    if isinstance(allowed, list | str):  # Hugo builds an HTML content file only where it allows text/html
        cfg.html_content = _allows(one_or_many(allowed), "text/html")
    goldmark = as_dict(as_dict(c.get("markup")).get("goldmark"))
    parser = as_dict(goldmark.get("parser"))
    id_type = str(parser.get("autoidtype") or parser.get("autoheadingidtype") or "").lower()
    if id_type in ("github-ascii", "blackfriday"):
        cfg.slug_style = id_type
    cfg.term_ids = parser.get("autodefinitiontermid") is True
    extensions = as_dict(goldmark.get("extensions"))
    if extensions.get("linkify") is False:
        cfg.linkify = "none"
    # goldmark leaves raw HTML out of the page unless the config lets it in
    cfg.raw_html = as_dict(goldmark.get("renderer")).get("unsafe") is True
    # the embedded link render hook: on where the config enables it, and in a multilingual
    # site on one host that does not duplicate resources; it finds a destination as GetPage
    # does (a relative path from the page's folder) and leaves the others as written
    enabled = as_dict(as_dict(goldmark.get("renderhooks")).get("link")).get("enabledefault")
    languages = [v for v in as_dict(c.get("languages")).values() if isinstance(v, dict)]
    one_host = len(languages) > 1 and not any(v.get("baseurl") for v in languages)
    cfg.page_links = enabled is True or (
        enabled is not False and one_host and goldmark.get("duplicateresourcefiles") is not True
    )
    if isinstance(c.get("taxonomies"), dict):
        cfg.taxonomies = [str(v) for v in c["taxonomies"].values() if isinstance(v, str)]
    kinds = c.get("disablekinds")
    cfg.disabled_kinds = [str(k).lower() for k in kinds] if isinstance(kinds, list) else []
    for url, kind in (("/sitemap.xml", "sitemap"), ("/index.xml", "rss")):
        if kind not in cfg.disabled_kinds:
            cfg.routes[url] = name
    if c.get("enablerobotstxt") is True and "robotstxt" not in cfg.disabled_kinds:
        cfg.routes["/robots.txt"] = name
    for url in _home_outputs(c):
        cfg.routes.setdefault(url, name)
    return cfg


#: the suffix of the media types of Hugo's own, for a format the config defines
_SUFFIXES = {
    "text/plain": "txt",
    "text/html": "html",
    "text/markdown": "md",
    "text/csv": "csv",
    "text/calendar": "ics",
    "application/json": "json",
    "application/xml": "xml",
    "application/rss+xml": "xml",
    "application/manifest+json": "webmanifest",
}


def _home_outputs(c: dict[str, Any]) -> list[str]:
    """The URLs of the home page's output formats that the config defines itself
    (``outputs: {home: [HTML, LLMS]}`` with ``outputFormats.LLMS`` of ``baseName: llms``
    and ``mediaType: text/plain``: ``/llms.txt``)."""
    formats, media = as_dict(c.get("outputformats")), as_dict(c.get("mediatypes"))
    out = []
    for name in one_or_many(as_dict(c.get("outputs")).get("home")):
        fmt = as_dict(formats.get(str(name).lower()))
        kind = str(fmt.get("mediatype") or "").lower()
        suffixes = [str(s) for s in one_or_many(as_dict(media.get(kind)).get("suffixes"))]
        suffix = suffixes[0] if suffixes else _SUFFIXES.get(kind)
        if not fmt or not suffix:
            continue  # one of Hugo's own (HTML is the page; RSS is above), or unknown
        folder = str(fmt.get("path") or "").strip("/")
        out.append("/" + "/".join(p for p in (folder, f"{fmt.get('basename') or 'index'}.{suffix}") if p))
    return out


def served(site: Site, options: SiteOptions) -> dict[str, str]:
    """The taxonomy pages Hugo builds (``/tags/``) and a term page (``/tags/<term>/``) for
    each term a published page's front matter names, under its language's prefix (each
    with the path of the first page that names one), and the list pages of top-level
    folders without ``_index.md``; ``taxonomies`` and ``disableKinds`` as the config
    sets them."""
    out: dict[str, str] = {}
    for taxonomy in taxonomies(site, options):
        if taxonomy.url is not None:
            out.setdefault(taxonomy.url, taxonomy.first)
        for term in taxonomy.terms:
            out.setdefault(term.url, term.pages[0].path)
    for url, path in sourceless_sections(site, options).values():
        out.setdefault(url, path)
    return out


def taxonomies(site: Site, options: SiteOptions) -> list[hugo_terms.Taxonomy]:
    """Each language's taxonomies with the terms its published pages' front matter names
    (``tags: [Go]``), and their pages' URLs (the taxonomy's None when ``disableKinds``
    holds ``taxonomy``; no terms when it holds ``term``)."""
    cfg = options.config
    plurals = cfg.taxonomies if cfg.taxonomies is not None else ["tags", "categories"]
    kinds = set(cfg.disabled_kinds)
    prefixes = options.root_prefixes
    found: dict[tuple[str, str], hugo_terms.Taxonomy] = {}
    terms_of: dict[tuple[str, str], dict[str, hugo_terms.Term]] = {}
    keys = [(plural, plural.capitalize(), plural.upper()) for plural in plurals]
    urlize = functools.partial(_urlize, keep_case=cfg.keep_case)
    for page in site.pages:
        front = page.front
        if not page.published or not front:
            continue
        for plural, *other in keys:  # keys are case-insensitive: these are the cases written
            terms = front.get(plural)
            if terms is None:
                terms = next((front[k] for k in other if k in front), None)
            terms = [t for t in one_or_many(terms) if isinstance(t, str | int | float) and str(t).strip()]
            if not terms:
                continue
            prefix = prefixes.get(page.root, "")
            key = (prefix, plural)
            if key not in found:
                url = None if "taxonomy" in kinds else _taxonomy_url(cfg, prefix, plural, urlize)
                found[key] = hugo_terms.Taxonomy(plural, url, page.path)
                terms_of[key] = {}
            if "term" in kinds:
                continue
            for name in map(str, terms):
                url = _term_url(cfg, prefix, plural, name, urlize)
                term = terms_of[key].get(url)
                if term is None:
                    term = terms_of[key][url] = hugo_terms.Term(url, name)
                    found[key].terms.append(term)
                if not term.pages or term.pages[-1] is not page:
                    term.pages.append(page)
    # a taxonomy's page is built where no page names a term of it too (hugoDocs' /categories/)
    for prefix in sorted({prefixes.get(p.root, "") for p in site.pages if p.published}):
        for plural in plurals:
            if (prefix, plural) not in found and "taxonomy" not in kinds:
                found[prefix, plural] = hugo_terms.Taxonomy(
                    plural, _taxonomy_url(cfg, prefix, plural, urlize), ""
                )
    return [t for t in found.values() if t.url is not None or t.terms]


def _taxonomy_url(cfg: GeneratorConfig, prefix: str, plural: str, urlize: Any) -> str:
    pattern = cfg.permalinks.get("taxonomy", {}).get(plural)
    if pattern:
        return join(prefix, hugo_permalinks.term_path(pattern, plural, "", urlize), slash=True)
    return join(prefix, urlize(plural), slash=True)


def _term_url(cfg: GeneratorConfig, prefix: str, plural: str, term: str, urlize: Any) -> str:
    pattern = cfg.permalinks.get("term", {}).get(plural)
    if pattern:
        path = join(prefix, hugo_permalinks.term_path(pattern, plural, term, urlize), slash=True)
    else:
        path = join(join(prefix, urlize(plural), slash=True), urlize(term), slash=True)
    return path if cfg.keep_case else path.lower()


def sourceless_sections(site: Site, options: SiteOptions) -> dict[tuple[str, str], tuple[str, str]]:
    """The list page Hugo builds for each top-level content folder with no ``_index.md``
    (every top-level folder is a section; one with an ``index.md`` is a leaf bundle, a
    page), by (content root, folder): its URL (lowercase unless `disablePathToLower`) and
    the path of a page it lists. None where ``disableKinds`` holds ``section``."""
    if "section" in options.config.disabled_kinds:
        return {}
    prefixes, keep_case = options.root_prefixes, options.config.keep_case
    indexed = {
        (p.root, posixpath.dirname(p.rel))
        for p in site.pages
        if p.rel.count("/") == 1 and strip_ext(posixpath.basename(p.rel)).lower() in ("_index", "index")
    }
    out: dict[tuple[str, str], tuple[str, str]] = {}
    for page in site.pages:
        folder, slash, _ = page.rel.partition("/")
        if slash and page.published and (page.root, folder) not in indexed and (page.root, folder) not in out:
            url = join(prefixes.get(page.root, ""), folder, slash=True)
            out[page.root, folder] = (url if keep_case else url.lower(), page.path)
    return out


@functools.lru_cache(maxsize=4096)  # a site names the same few terms on page after page
def _urlize(text: str, keep_case: bool) -> str:
    """Hugo's urlize: spaces as hyphens, letters, digits and ``._-+~`` kept, lowercase
    unless `disablePathToLower`."""
    text = "-".join(text.strip().split())
    text = "".join(ch for ch in text if ch.isalnum() or ch in "._-+~")
    return text if keep_case else text.lower()


#: Docsy's sidebar shows at most this many entries a section by default
DOCSY_TRUNCATE = 100
UNTRUNCATED = 1 << 31


def _docsy(c: dict[str, Any]) -> bool:
    """Whether the site's theme is Docsy: a theme of that name (``themes/docsy``, a git
    submodule the repository may not hold), its Hugo module (``github.com/google/docsy``,
    maybe with a major version's suffix), its npm package (``themesDir: node_modules/@docsy``)
    or a module import of the theme folder by name (``path: docsy`` with ``themesDir:
    node_modules``, the package installed from GitHub: etcd.io's)."""
    themes = [str(t).lower() for t in one_or_many(c.get("theme"))]
    imports = [
        str(as_dict(i).get("path", "")).lower() for i in one_or_many(as_dict(c.get("module")).get("imports"))
    ]
    return (
        any("docsy" in t for t in themes)
        or any("@docsy" in path or _DOCSY_MODULE.search(path) for path in imports)
        or "@docsy" in str(c.get("themesdir") or "")
    )


#: a module path naming Docsy: ``docsy``, ``github.com/google/docsy``, ``.../docsy/v2``
_DOCSY_MODULE = re.compile(r"(?:^|/)docsy(?:/v\d+)?/?$")


def _menu_refs(c: dict[str, Any], skip: Container[str] = ()) -> list[str]:
    """``pageRef`` (or a site-relative ``url``) of every entry of ``menus``/``menu``, in
    the config and in each language's section, but those of the menus ``skip`` names."""
    scopes = [c, *(v for v in as_dict(c.get("languages")).values() if isinstance(v, dict))]
    refs = []
    for scope in scopes:
        for key in ("menus", "menu"):
            for name, entries in as_dict(scope.get(key)).items():
                if name in skip:
                    continue
                for entry in (
                    [entries] if isinstance(entries, dict) else entries if isinstance(entries, list) else ()
                ):
                    entry = as_dict(entry)
                    ref = entry.get("pageref") or entry.get("url")
                    if isinstance(ref, str) and (entry.get("pageref") or ref.startswith("/")):
                        refs.append(ref)
    return refs


def _languages(c: dict[str, Any], cfg: GeneratorConfig) -> list[str]:
    roots = []
    default = str(c.get("defaultcontentlanguage") or "en").lower()
    in_subdir = c.get("defaultcontentlanguageinsubdir") is True
    languages = as_dict(c.get("languages"))
    for code, lang in languages.items():
        if isinstance(lang, dict) and lang.get("contentdir"):
            root = str(lang["contentdir"])
            roots.append(root)
            cfg.lang_roots[str(code).lower()] = root
            # Languages other than the default are served under /<lang>/.
            cfg.root_prefixes[root] = "" if code == default and not in_subdir else f"/{code}"
        elif len(languages) > 1 and str(code).lower() != default:
            # its pages are the shared root's files named for it (`about.fr.md`)
            cfg.filename_languages[str(code).lower()] = f"/{code}"
    return roots


def _allows(patterns: list[Any], value: str) -> bool:
    """Whether a Hugo security allow list (regular expressions; ``! re`` denies what it
    matches) lets ``value`` through: one pattern allows it and none denies it. (Sites with
    HTML content build with a Hugo that takes it, so with no list the model takes it too,
    though Hugo 0.161 and later refuse it by default.)"""
    allow, deny = [], []
    for pattern in map(str, patterns):
        negated = pattern.startswith("!")
        try:
            (deny if negated else allow).append(re.compile(pattern[1:].strip() if negated else pattern))
        except re.error:
            continue
    return any(p.search(value) for p in allow) and not any(p.search(value) for p in deny)


def _mount_list(c: dict[str, Any]) -> list[dict[str, Any]]:
    mounts = as_dict(c.get("module")).get("mounts")
    return [m for m in mounts if isinstance(m, dict) and m.get("source")] if isinstance(mounts, list) else []


def _mount_targets(c: dict[str, Any]) -> list[str]:
    return [str(m.get("target", "")).strip("/") for m in _mount_list(c)]


def _mounts(c: dict[str, Any], cfg: GeneratorConfig) -> list[str]:
    """Content and static mounts; a content mount for one language (``lang``, or
    ``sites: {matrix: {languages: [..]}}``) is served under that language's prefix."""
    roots = []
    default = str(c.get("defaultcontentlanguage") or "en").lower()
    in_subdir = c.get("defaultcontentlanguageinsubdir") is True
    for mount in _mount_list(c):
        target = str(mount.get("target", "")).strip("/")
        if target.startswith("content/"):
            # a folder or a file mounted inside the content: its pages join the content
            # root of their language, at that path
            langs = _mount_languages(mount)
            files = [str(g) for g in one_or_many(mount.get("files")) if isinstance(g, str)]
            cfg.mounts.append([str(mount["source"]), langs, target[len("content/") :], files])
        elif target == "content":
            source = str(mount["source"])
            roots.append(source)
            files = [str(g) for g in one_or_many(mount.get("files")) if isinstance(g, str)]
            if files:
                cfg.root_files[source] = files
            langs = _mount_languages(mount)
            if langs and default not in langs and source not in cfg.root_prefixes:
                cfg.root_prefixes[source] = f"/{langs[0]}"
                cfg.lang_roots.setdefault(langs[0], source)
            elif langs and in_subdir and source not in cfg.root_prefixes:
                cfg.root_prefixes[source] = f"/{default}"
        elif target in ("static", "assets") or target.startswith("static/"):
            cfg.static_roots.append(str(mount["source"]))
            if target.startswith("static/"):
                cfg.static_prefixes[str(mount["source"])] = target[len("static/") :]
    return roots


def _placed_mounts(cfg: GeneratorConfig, home: str, default: str) -> list[list[Any]]:
    """The mounts inside the content (see :func:`_mounts`) as [source, the content root
    their pages join, the path in it, ``files`` globs]: the root of the mount's language
    (the default language's where the mount is for it too, or for every language); none
    outside the repository."""
    roots = cfg.content_roots or []
    # the default language's root: the one served without a language's prefix
    main = cfg.lang_roots.get(default) or next((r for r in roots if r not in cfg.root_prefixes), None)
    main = main or (roots[0] if roots else None)
    placed = []
    for source, langs, target, files in cfg.mounts:
        where = in_dir(home, source)
        lang = default if not langs or default in langs else langs[0]
        root = main if lang == default else cfg.lang_roots.get(lang, main)
        if root is None or where.startswith("..") or not where:
            continue
        placed.append([where, root if root.endswith("/") else root + "/", target, files])
    return placed


def _mount_languages(mount: dict[str, Any]) -> list[str]:
    """The languages a mount is for (lowercase; none: every language)."""
    if isinstance(mount.get("lang"), str):
        return [mount["lang"].lower()]
    langs = one_or_many(as_dict(as_dict(mount.get("sites")).get("matrix")).get("languages"))
    return [lang.lower() for lang in langs if isinstance(lang, str)]


def front_matter(
    rel: str, front: dict[str, Any], fronts: dict[str, dict[str, Any]], config: GeneratorConfig
) -> dict[str, Any]:
    """The page's front matter with what ``cascade`` in its sections hands down."""
    merged = dict(front)
    for k, v in _cascade(fronts, rel).items():
        merged.setdefault(k, v)
    return merged


def _cascade(pages: dict[str, dict[str, Any]], rel: str) -> dict[str, Any]:
    merged: dict[str, Any] = {}
    folder = posixpath.dirname(rel)
    chain = []
    while True:
        chain.append(posixpath.join(folder, "_index") if folder else "_index")
        if not folder:
            break
        folder = posixpath.dirname(folder)
    this = posixpath.splitext(rel)[0]
    for key in reversed(chain):
        front = pages.get(key)
        if not front:
            continue
        cascade = front.get("cascade")
        items = cascade if isinstance(cascade, list) else [cascade]
        for item in items:
            if not isinstance(item, dict):
                continue
            # A section's cascade applies to the section page too (Hugo builds no
            # `_index.md` whose cascade says `build: {render: never}`), unless it targets
            # other kinds of pages.
            if key == this and ("target" in item or "_target" in item):
                continue
            merged.update({k: v for k, v in item.items() if k not in ("_target", "target")})
    return merged


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
    keep_case = config.keep_case if config else False
    folder, name = posixpath.split(rel)
    stem = strip_ext(name)
    if stem in ("_index", "index"):
        path_parts = [folder]
    else:
        slug = front.get("slug")
        path_parts = [folder, str(slug) if slug else stem]
    url_front = front.get("url")
    pattern = _permalink(config, rel, stem) if config and config.permalinks and not url_front else None
    if url_front:
        url = str(url_front)
        if not url.startswith("/"):
            url = "/" + url
    elif pattern is not None:
        path = hugo_permalinks.expand(
            pattern, rel, front, title, lambda t: _urlize(t, keep_case), lambda f: f"{f}/_index" in stems
        )
        url = join(path if keep_case else path.lower(), slash=slash)
    else:
        # Hugo lowercases paths and turns spaces into hyphens (disablePathToLower off).
        path = "/".join(p for p in path_parts if p).replace(" ", "-")
        if not keep_case:
            path = path.lower()
        url = join(path, slash=slash)
    url = with_slash(url, slash) if not url_front else url
    section = posixpath.dirname(url.rstrip("/")) or "/"
    return with_prefix(UrlInfo(url, aliases(front.get("aliases"), section)), prefix)


def _permalink(config: GeneratorConfig, rel: str, stem: str) -> str | None:
    """The ``permalinks`` pattern for the page at ``rel``: by its top-level section, for a
    regular page (a leaf bundle's ``index.md`` too) or a section's ``_index.md``."""
    kind = "section" if stem == "_index" else "page"
    parts = rel.split("/")
    if kind == "section" and len(parts) == 1:
        return None  # the home page
    section = parts[0] if len(parts) > 1 else ""
    return config.permalinks.get(kind, {}).get(section)


def detect(root: Path, config: str | None) -> Detected | None:
    if config is None:
        return None
    source = WorkTree(root)
    raw = _load(source, config)
    lower = {str(k).lower(): v for k, v in raw.items()}
    cfg = config_from(config, raw)
    roots = cfg.content_roots or ["content"]
    if posixpath.basename(config) == "config.json" and not source.is_dir(roots[0].rstrip("/")):
        return None  # a config.json with no content folder beside it is seldom Hugo's
    base_url = str(lower.get("baseurl") or "https://example.com/")
    extra = {"config": config} if posixpath.dirname(config) else {}
    return Detected("hugo", config, base_url, roots[0], "/", roots=roots, extra=extra)
