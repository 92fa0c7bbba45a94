"""Build the :class:`Site` of a repository: a short pipeline that asks the generator module
(``site/generators/``) everything that differs between generators.

1. options: the policy's `site` section over the generator's own config
2. discover: content files that are pages, and every other file links may target
3. parse: each page's Markdown (through the parse cache)
4. place: each page's URL, aliases and published state
5. resolve: the home page, the navigation the templates make, and every link
"""

from __future__ import annotations

import functools
import hashlib
import json
import posixpath
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from .. import collector
from ..content import autorefs, snippets
from ..content.cache import ParseCache
from ..content.genconfig import GeneratorConfig
from ..content.markdown import ParsedPage, parse_page, share_strings
from ..content.parallel import parse_stream
from ..domains import normalize_host
from ..errors import about_page
from ..io import UnreadableFile, decode_text
from ..patterns import fill, glob_match
from ..policy import LoadedPolicy
from ..policy.models import NavigationEntry
from ..source import Source
from . import shortcodes
from .as_built import as_built
from .excludes import config_excludes
from .generators import GENERATORS, Generator, locate_config, mkdocs_tags
from .generators._base import nothing_beyond_root
from .hosting import HostRules, read_rules
from .model import NavLink, Page, Site, nav_sorted
from .navigation import jekyll as jekyll_nav
from .navigation.declared import declared_links
from .options import SiteOptions, norm_root
from .page_ids import anchor_extractors
from .resolve import Resolver, ResolverConfig, Rewrite
from .urls import join, url_key

__all__ = ["SiteOptions", "build_site", "site_options"]


def site_options(policy: LoadedPolicy, source: Source | None = None) -> SiteOptions:
    """The generator settings: the policy's `site` section, and for what it leaves unset,
    the generator's own config file when the repository has one."""
    site = policy.policy.site
    gen = GENERATORS[site.generator]
    given = site.model_fields_set
    cfg = gen.read_config(source, _config_files(policy, gen, source)) if source else GeneratorConfig()
    content = site.content_roots if "content" in given or not cfg.content_roots else cfg.content_roots
    static = list(site.static) if "static" in given or not cfg.static_roots else cfg.static_roots
    slash = site.trailing_slash
    if slash is None:
        slash = cfg.trailing_slash if cfg.trailing_slash is not None else gen.TRAILING_SLASH
    folders = ["", posixpath.dirname(cfg.file)] if cfg.file else [""]
    host_rules = (
        read_rules(
            source,
            folders,
            [norm_root(s) for s in static],
            cfg.host_templates,
            cfg.site_values,
            cfg.host_partials,
        )
        if source
        else HostRules()
    )
    return SiteOptions(
        generator=gen.NAME,
        content_roots=[norm_root(c) for c in content],
        static_roots=[norm_root(s) for s in static],
        exclude=list(site.exclude),
        trailing_slash=slash,
        slug_style=cfg.slug_style or gen.SLUG_STYLE,
        append=list(site.append) if "append" in given else cfg.append,
        config=cfg,
        prefixes=site.content_prefixes,
        entities=tuple((e.name, *e.aliases) for e in policy.policy.entities),
        host_rules=host_rules,
    )


def _config_files(policy: LoadedPolicy, gen: Generator, source: Source) -> list[str]:
    """The generator config files `site.config` names (each must exist), else the one
    found in the usual places."""
    site = policy.policy.site
    for i, path in enumerate(named := site.config_files):
        try:
            source.read(path.lstrip("/"))
        except OSError:
            loc = ("site", "config", i) if isinstance(site.config, list) else ("site", "config")
            raise policy.error(loc, f"{path} is not a file of the repository") from None
    if named:
        return [p.lstrip("/") for p in named]
    roots = site.content_roots if "content" in site.model_fields_set else []
    found = locate_config(source, gen.CONFIG_FILES, roots)
    return [found] if found else []


@dataclass
class _Source:
    """A content file that is a page: where it is, and once read, what it says."""

    path: str  # repository path
    root: str  # its content root
    rel: str  # relative to the root
    parsed: ParsedPage | None = None
    includes: tuple[str, ...] = ()
    partial: bool = False  # read for what it gives the pages including it; no page itself


# What a site is made of piles up faster than it dies: young collections over it as it grows,
# and the middle generation's passes over millions of its objects, took 10 s of a cold run of
# 100k pages (parsing leaves no cycle for the collector to free). A caller that keeps the site
# to the end of the run pauses with ``kept`` around it (see api.analyse), so that no
# collection walks it at all; `diff` lets its revisions' sites go, and collects them.
@collector.paused()
def build_site(
    source: Source,
    policy: LoadedPolicy,
    options: SiteOptions | None = None,
    cache_root: Path | None = None,
    progress: Callable[[str], None] | None = None,
) -> Site:
    """Read every content file of ``source`` into a resolved :class:`Site`; with
    ``cache_root``, parsed pages are cached under it (see :mod:`..content.cache`);
    ``progress`` hears how many pages are parsed."""
    opts = options or site_options(policy, source)
    gen = GENERATORS[opts.generator]
    site = Site(
        root_dir=source.label,
        generator=gen.NAME,
        fragments_fold_case=gen.FRAGMENTS_FOLD_CASE,
        config_file=opts.config.file,
        content_roots=list(opts.content_roots),
        page_extensions=gen.PAGE_EXTENSIONS,
    )
    files = _discover(source, site, gen, opts)
    _parse(source, site, opts, policy, files, cache_root, progress)
    _place(site, gen, opts, files, _outside_reader(source, policy, gen, opts))
    for url, path in gen.served(site, opts).items():
        site.static_urls.setdefault(url_key(url), path)
    site.home = site.find(policy.policy.site.home)
    if site.home is None and site.pages:
        raise policy.error(
            ("site", "home"),
            f"{policy.policy.site.home} is not a page of the site; "
            "set it to the URL or content path of the home page",
        )
    site.navigation = _navigation(site, gen, opts, policy, source)
    site.sitewide = _sitewide(site, gen)
    resolver = Resolver(site, _resolver_config(policy, opts, gen, source))
    if progress is not None:
        progress("resolving links")
    listed = gen.listed_links(site, opts, source)
    for page in site.pages:
        if page.parsed is not None:
            raws = page.parsed.links
            if page.path in listed:
                raws = [*raws, *listed[page.path]]
            with about_page(page.path):
                page.links = [resolver.resolve(page, raw) for raw in raws]
    resolver.leave_generated(site.pages)
    return site


def _sitewide(site: Site, gen: Generator) -> list[str]:
    """The pages a block of links on every page leads to (the generator's ``SITEWIDE``
    sources, made as the home page's links), and the home page with them: the header that
    holds a menu or sidebar links it too (its logo, its title). Empty without such a block."""
    if site.home is None or not gen.SITEWIDE:
        return []
    home = site.home.url
    wide = {n.target for n in site.navigation if n.source == home and n.via in gen.SITEWIDE}
    return sorted(wide | {home}) if wide else []


def _navigation(
    site: Site, gen: Generator, opts: SiteOptions, policy: LoadedPolicy, source: Source
) -> list[NavLink]:
    """The links templates make: the generator's named sources (its defaults unless the
    policy's `site.navigation` names them) and the entries the policy declares."""
    wanted = policy.policy.site.navigation
    defaults = gen.default_navigation(opts.config)
    names: list[str] = []
    entries: list[tuple[list[str], str]] = []
    for i, item in enumerate(defaults if wanted is None else wanted):
        if isinstance(item, NavigationEntry):
            entries.append((item.page_globs, item.links))
        elif item == "defaults":
            names.extend(defaults)
        elif item in gen.NAVIGATION:
            names.append(item)
        else:
            known = ", ".join(("defaults", *gen.NAVIGATION))
            raise policy.error(
                ("site", "navigation", i),
                f"{item!r} is not a navigation source of {gen.NAME} (known: {known}; "
                "or a {pages, links} entry)",
            )
    links = gen.navigation(site, opts, source, names)
    if entries:
        links += declared_links(gen.section_tree(site.pages), entries)
    return nav_sorted(set(links))


def _discover(source: Source, site: Site, gen: Generator, opts: SiteOptions) -> list[_Source]:
    """The content files that are pages; every other file becomes a link target. A file
    under content roots one inside another (DocFX's ``src`` folders) is its innermost
    root's."""
    pages: list[_Source] = []
    left_out = config_excludes(opts.config)
    own = {root: lang for lang, root in opts.lang_roots.items()}
    named = opts.name_roots
    filters = {norm_root(k): v for k, v in opts.config.root_files.items()}
    for croot in opts.content_roots:
        inner = tuple(r for r in opts.content_roots if r != croot and r.startswith(croot))
        suffix = _language_suffix(opts, own.get(croot))
        globs = filters.get(croot)
        for repo_path in source.files(croot, hidden=gen.HIDDEN_FILES):
            if inner and repo_path.startswith(inner):
                continue
            if globs and not _mount_keeps(repo_path[len(croot) :], globs):
                continue  # its mount's `files` leave it out: no page, nor a file served
            rel = _without_language(repo_path[len(croot) :], suffix)
            root, page_rel = croot, rel
            code = _named_language(rel, opts.config.filename_languages) if named else None
            if code is not None and (croot, code) in named:
                # a translation named for its language (`about.fr.md`): that language's page
                root, page_rel = named[(croot, code)], _without_language(rel, f".{code}")
            if left_out is not None and left_out(rel):
                continue  # the build leaves it out: no page, nor a file a link may reach
            excluded = glob_match(page_rel, opts.exclude)
            markdown = page_rel.lower().endswith(gen.PAGE_EXTENSIONS) and not _hidden(page_rel)
            if markdown and not opts.config.html_content and page_form(page_rel) == "html":
                markdown = False  # the config's security.allowContent refuses HTML content
            partial = markdown and gen.is_partial(page_rel, opts.config, croot)
            if markdown and not excluded and (not partial or gen.PARSE_PARTIALS):
                pages.append(_Source(repo_path, root, page_rel, partial=partial))
            if excluded or not markdown or partial:
                # an excluded file is no page, but links and includes may still target it
                site.files.add(repo_path)
                site.static_urls.setdefault(url_key("/" + rel), repo_path)
    pages += _mounted(source, site, gen, opts)
    prefixes = {
        norm_root(k): v.strip("/") + "/" for k, v in opts.config.static_prefixes.items() if v.strip("/")
    }
    for sroot in opts.static_roots:
        prefix = prefixes.get(sroot, "")  # (a folder mounted at static/book: under /book/)
        for repo_path in source.files(sroot):
            site.files.add(repo_path)
            site.static_urls.setdefault(url_key("/" + prefix + repo_path[len(sroot) :]), repo_path)
    for url, repo_path in opts.config.routes.items():
        site.static_urls.setdefault(url_key(url), repo_path)
    if gen.FOLDER_LINKS:
        for path in (*site.files, *(f.path for f in pages)):
            while "/" in path:
                path = path.rsplit("/", 1)[0]
                site.folders.add(path)
    return pages


def _mounted(source: Source, site: Site, gen: Generator, opts: SiteOptions) -> list[_Source]:
    """The pages of folders and files mounted inside a content root (Hugo's module
    mounts, see ``GeneratorConfig.mounts``): each at its path there (``rel``), read from
    where it is (``path``); a mount's other files are served at their path there too."""
    pages: list[_Source] = []
    roots = set(opts.content_roots)
    for where, root, target, globs in opts.config.mounts:
        if root not in roots:
            continue  # the policy names the content roots, and not this one
        listed = list(source.files(where))
        one_file = not listed and _exists(source, where)
        if one_file:
            listed = [where]  # a file, at the target's path itself
        prefix = where.rstrip("/") + "/"
        for repo_path in listed:
            inner = "" if one_file else repo_path[len(prefix) :]
            if globs and not _mount_keeps(inner or posixpath.basename(repo_path), globs):
                continue
            rel = posixpath.join(target, inner) if inner else target
            if rel.lower().endswith(gen.PAGE_EXTENSIONS) and not _hidden(rel):
                pages.append(_Source(repo_path, root, rel))
            else:
                site.files.add(root + rel)
                site.static_urls.setdefault(url_key("/" + rel), repo_path)
    return pages


def _mount_keeps(path: str, globs: list[str]) -> bool:
    """Whether a mount's ``files`` globs keep ``path``: one of the globs that are not
    negated matches it (where there are any), and none of the ``!`` ones matches it or a
    folder it is in (Hugo filters folders as it walks them: ``! docs/v?`` leaves out what
    ``docs/v1/`` holds)."""
    keep = [g for g in globs if not g.startswith("!")]
    drop = [g[1:].strip() for g in globs if g.startswith("!")]
    if drop:
        parts = path.split("/")
        if any(glob_match("/".join(parts[:i]), drop) for i in range(1, len(parts) + 1)):
            return False
    return not keep or glob_match(path, keep)


def _language_suffix(opts: SiteOptions, lang: str | None) -> str | None:
    """The language code a file name of a content root may carry (Hugo: the root's own
    language's, else the default language's): ``about.en.md`` is ``about.md``."""
    default = opts.config.default_language
    return None if default is None else f".{lang or default}"


def _named_language(rel: str, languages: dict[str, str]) -> str | None:
    """The language a file's name is for (``about.fr.md``: ``fr``), of ``languages``."""
    stem = rel.rpartition(".")[0]
    code = stem.rpartition(".")[2].lower() if "." in stem.rsplit("/", 1)[-1] else ""
    return code if code in languages else None


def _without_language(rel: str, suffix: str | None) -> str:
    stem, dot, ext = rel.rpartition(".")
    if suffix is None or not dot or not stem.lower().endswith(suffix):
        return rel
    return f"{stem[: len(stem) - len(suffix)]}.{ext}"


def page_form(path: str) -> str:
    """How a page's file is read: ``mdx`` (MDX), ``html`` (HTML content, Hugo) or ``md``."""
    lower = path.lower()
    return "mdx" if lower.endswith(".mdx") else "html" if lower.endswith((".html", ".htm")) else "md"


def _hidden(rel: str) -> bool:
    return any(part.startswith(".") for part in rel.split("/")[:-1])


#: pages between two progress messages
PROGRESS_EVERY = 100
#: pages whose parse-cache rows are read together
READ_AHEAD = 256


def _parse(
    source: Source,
    site: Site,
    opts: SiteOptions,
    policy: LoadedPolicy,
    files: list[_Source],
    cache_root: Path | None,
    progress: Callable[[str], None] | None = None,
) -> None:
    """Parse every page (a file that cannot be read becomes an unreadable page). With a
    cache, a file whose stat is unchanged is neither read nor hashed; the pages the cache
    does not hold are parsed together by :func:`parse_stream`."""
    prefetch = getattr(source, "prefetch", None)
    if prefetch is not None:
        prefetch([f.path for f in files])
    reader = PageReader(source, policy, cache_root, opts)
    cache = reader.cache
    stat = getattr(source, "stat", None) if cache_root is not None else None

    def parse(item: tuple[str, bool]) -> ParsedPage:
        return reader.parse(*item)

    misses: list[tuple[_Source, str]] = []  # the pages parsed afresh, and their keys
    hits = 0

    def unparsed() -> Iterator[tuple[str, bool]]:
        """The text of each page the cache does not hold, read as the parse wants more
        (a cold run of a big site never holds every text at once)."""
        nonlocal hits
        for at, f in enumerate(files):
            if stat is not None and at % READ_AHEAD == 0:
                cache.prefetch([g.path for g in files[at : at + READ_AHEAD]])
            st, checked = (stat(f.path), time.time_ns()) if stat is not None else (None, 0)
            known = cache.known(f.path, st) if st is not None else None
            if known is not None:
                f.parsed = cache.get(known.key, lambda f=f: _reparsed_text(source, f, parse))
                if f.parsed is not None:
                    f.includes = known.includes
                    site.parse_keys[f.path] = (known.key, f.includes)
                    hits += 1
                    continue
            try:
                _, text, key, f.includes = reader.keyed(f.path, f.root)
            except UnreadableFile as exc:
                _unreadable(site, f, exc)
                continue
            if st is not None:
                cache.remember(f.path, st, checked, key, f.includes)
                site.parse_keys[f.path] = (key, f.includes)
            f.parsed = cache.get(key)
            if f.parsed is not None:
                hits += 1
                continue
            misses.append((f, key))
            yield text, page_form(f.rel)

    def parsed(done: int) -> None:
        if progress is not None and done % PROGRESS_EVERY == 0:
            progress(f"parsed {hits + done:,}/{len(files):,} pages")

    def parse_and_dump(item: tuple[str, bool]) -> tuple[ParsedPage, tuple[bytes, bytes] | None]:
        page = parse(item)
        dumped = cache.dumped(page)  # in the worker: the parent only stores it
        if dumped is not None:
            page.text = ""  # in the cache's copy: the parent reads it from there when asked
        return page, dumped

    stream = parse_stream(unparsed(), parse_and_dump, parsed, size=lambda item: len(item[0]))
    for done, (page, dumped) in enumerate(stream):
        f, key = misses[done]
        f.parsed = share_strings(page)
        cache.put_dumped(key, dumped)
    if progress is not None and misses and len(misses) % PROGRESS_EVERY:
        progress(f"parsed {hits + len(misses):,}/{len(files):,} pages")
    cache.save()
    for f, key in misses:
        f.parsed = cache.lighter(key, f.parsed, functools.partial(_reparsed_text, source, f, parse))


class PageReader:
    """Pages read as :func:`_parse` reads them (through the parse cache), with what that
    takes (the site's options, its appended text, anchor patterns, the cache) made once for
    them all: the whole run's parse, and a later run's pages one by one."""

    def __init__(
        self, source: Source, policy: LoadedPolicy, cache_root: Path | None, opts: SiteOptions | None = None
    ) -> None:
        self.source, self.policy = source, policy
        self.opts = opts or site_options(policy, source)
        self.gen = GENERATORS[self.opts.generator]
        self.appended = _read_appended(source, self.opts)
        self.anchor_fns = anchor_extractors(
            policy, self.opts.config.autodoc, self.opts.config.cli_docs, self.opts.config.id_shortcodes
        )
        self.cache = ParseCache(cache_root, _parse_signature(self.gen, self.opts, policy, self.appended))

    def parse(self, text: str, form: str) -> ParsedPage:
        return _parse_text(text, self.appended, self.gen, self.opts, self.anchor_fns, form)

    def read(self, path: str, croot: str) -> tuple[bytes, str, str, tuple[str, ...]]:
        """:meth:`keyed`, and the file's stat remembered with its key (a later run then
        neither reads nor hashes it while it stays so). Raises UnreadableFile."""
        checked, st = time.time_ns(), getattr(self.source, "stat", lambda _: None)(path)
        data, text, key, includes = self.keyed(path, croot)
        if st is not None:
            self.cache.remember(path, st, checked, key, includes)
        return data, text, key, includes

    def parsed(self, path: str, text: str, key: str) -> ParsedPage:
        """The page at ``path`` of ``text`` (whose key is ``key``) parsed, from the cache
        when it holds it."""
        parsed = self.cache.get(key)
        if parsed is None:
            parsed = self.parse(text, page_form(path))
            self.cache.put(key, parsed)
        return parsed

    def keyed(self, path: str, croot: str) -> tuple[bytes, str, str, tuple[str, ...]]:
        """The bytes of the page at ``path`` (in content root ``croot``), their text, their
        cache key and the files the page includes. Raises UnreadableFile."""
        data = _read(self.source, path)
        text = decode_text(data)
        rel = path[len(croot) :] if path.startswith(croot) else posixpath.basename(path)  # (mounted)
        key = self.cache.key(data, page_form(rel))
        includes = _included(self.policy, croot, rel, text) + self.gen.included(path, text)
        names = self.opts.config.include_shortcodes
        if names and "{{" in text:
            exists = functools.partial(_exists_in, self.source, croot)
            includes += [croot + p for p in shortcodes.included(text, names, posixpath.dirname(rel), exists)]
        bases = self.opts.config.snippet_bases
        if bases is not None and "8<-" in text:
            includes += snippets.files(text, bases, functools.partial(_exists, self.source))
        return data, text, key, tuple(includes)


def _parse_signature(gen: Generator, opts: SiteOptions, policy: LoadedPolicy, appended: str) -> str:
    """Everything besides a page's bytes that its parsed page and includes depend on."""
    site = policy.policy.site
    anchors = [e if isinstance(e, str) else [e.match.source, e.id] for e in site.anchors]
    includes = [[e.match.source, e.path] for e in site.include]
    return json.dumps(
        [
            gen.NAME,
            opts.slug_style,
            anchors,
            includes,
            asdict(opts.config),  # ids depend on slugify, tabs, definition terms, ...
            hashlib.sha256(appended.encode()).hexdigest(),
            opts.entities,  # whose first mentions each page records
        ],
        default=sorted,  # (the config's sets)
    )


def _unreadable(site: Site, f: _Source, exc: UnreadableFile) -> None:
    page = Page(path=f.path, rel=f.rel, root=f.root, url="", title=f.rel, readable=False, published=False)
    page.problems.append((exc.line, exc.column, str(exc)))
    site.pages.append(page)
    site.by_path[f.path] = page


def _reparsed_text(source: Source, f: _Source, parse: Callable[[tuple[str, bool]], ParsedPage]) -> str:
    """The plain text of a page the cache could not give it for: parsed again."""
    try:
        return parse((decode_text(_read(source, f.path)), page_form(f.rel))).text
    except UnreadableFile:
        return ""


def _read(source: Source, path: str) -> bytes:
    try:
        return source.read(path)
    except OSError as exc:
        raise UnreadableFile(f"cannot read file: {exc.strerror or exc}") from exc


def _parse_text(
    text: str,
    appended: str,
    gen: Generator,
    opts: SiteOptions,
    anchor_fns: list[Callable[[str], Iterable[str]]],
    form: str,
) -> ParsedPage:
    lines_in_page = text.count("\n") + 1
    if opts.config.autorefs and (defined := autorefs.definitions(text)):
        appended = f"{appended}\n\n{defined}" if appended else defined
    result = parse_page(
        text + ("\n\n" + appended if appended else ""),
        slug_style=opts.slug_style,
        linkify=opts.config.linkify or ("gfm" if gen.LINKIFY else "none"),
        mdx=form == "mdx",
        html=form == "html",
        anchor_patterns=anchor_fns,
        tabbed=opts.config.tabbed,
        indented_blocks=tuple(opts.config.indented_blocks),
        raw_html=opts.config.raw_html,
        term_ids=opts.config.term_ids,
        attributes=gen.ATTRIBUTES,
        templates_first=gen.TEMPLATES_FIRST,
        lenient_front_matter=gen.LENIENT_FRONT_MATTER,
        title_ids=gen.TITLE_IDS,
        entities=opts.entities,
        url_shortcodes=opts.config.url_shortcodes,
    )
    if "{{%" in text:
        result.anchors |= shortcodes.heading_ids(result.headings, opts.slug_style)
    if opts.config.link_shortcodes and "{{" in text:
        result.links += shortcodes.link_calls(text, opts.config.link_shortcodes)
    if opts.config.list_shortcodes and "{{" in text:
        params = {name: spec[0] for name, spec in opts.config.list_shortcodes.items()}
        result.listings = shortcodes.listing_calls(text, params)
    if opts.config.material_tags is not None and mkdocs_tags.DIRECTIVE in text.lower():
        result.listings = mkdocs_tags.directives(text)
    if gen.TEMPLATES_FIRST and "{%" in text:
        result.listings = jekyll_nav.loop_calls(text)  # (the page's own Liquid loops)
    if appended:
        result.links = [lk for lk in result.links if lk.line <= lines_in_page]
        result.mentions = [m for m in result.mentions if m.line <= lines_in_page]
    result.links = as_built(result.links, text, gen.DOCFX_BLOCKS, opts.config.autorefs)
    if opts.config.shortcodes and "{{<" in text:
        result.links = shortcodes.as_built(result.links, text, opts.config.shortcodes)
    return result


def _place(
    site: Site,
    gen: Generator,
    opts: SiteOptions,
    files: list[_Source],
    outside: Callable[[str], tuple[set[str], list[str]] | None],
) -> None:
    """Give each parsed page its URL, aliases and published state, and index it. A partial
    counts only where a page includes it."""
    imported = {path for f in files for path in f.includes}
    parsed = [f for f in files if f.parsed is not None and (not f.partial or f.path in imported)]
    fronts: dict[str, dict[str, dict[str, Any]]] = {c: {} for c in opts.content_roots}
    for f in parsed:
        assert f.parsed is not None
        fronts.setdefault(f.root, {})[posixpath.splitext(f.rel)[0]] = f.parsed.front.data
    prefixes = opts.root_prefixes
    for f in parsed:
        assert f.parsed is not None
        front = gen.front_matter(f.rel, dict(f.parsed.front.data), fronts[f.root], opts.config)
        prefix = prefixes.get(f.root, gen.route_prefix(f.root))
        title = str(front.get("title") or f.parsed.h1 or posixpath.splitext(posixpath.basename(f.rel))[0])
        info = gen.page_url(
            f.rel,
            front,
            slash=opts.trailing_slash,
            prefix=prefix,
            config=opts.config,
            root=f.root,
            title=title,
            stems=fronts[f.root],
        )
        # A page whose front matter does not parse is reported by invalid-page and
        # otherwise read as a page without front matter, so one typo does not ripple
        # into findings on every page that links to it.
        reason = "partial" if f.partial else _unpublished(front) or gen.unpublished(f.rel, front)
        page = Page(
            path=f.path,
            rel=f.rel,
            root=f.root,
            url=info.url,
            title=title,
            front=front,
            parsed=f.parsed,
            published=reason is None,
            unpublished_reason=reason,
            aliases=info.aliases,
        )
        page.problems.extend(f.parsed.problems)
        f.parsed.anchors |= gen.anchors(f.rel)
        site.pages.append(page)
        site.by_path[f.path] = page
        if reason == "build.render never":
            site.unrendered.setdefault(url_key(info.url), page)
        if reason in ("build.render never", "partial"):
            continue  # no page is rendered for it; links to it are broken
        for key in (info.url, *([info.url[:-5]] if info.url.endswith(".html") else []), *info.extra):
            site.by_url.setdefault(url_key(key), page)
    _fall_back(site, opts)
    site.includes = {f.path: f.includes for f in parsed if f.includes}
    _merge_included_anchors(site, outside)
    for page in site.pages:
        for alias in page.aliases:
            key = url_key(alias)
            if key not in site.by_url:
                site.aliases.setdefault(key, page)


def _fall_back(site: Site, opts: SiteOptions) -> None:
    """A translation serves the default language's page where it has none of its own
    (/es/tutorial/ is the English page until it is translated)."""
    fallbacks = {norm_root(k): norm_root(v) for k, v in opts.config.fallback_roots.items()}
    prefixes = opts.root_prefixes
    for root, main in fallbacks.items():
        own = {p.rel for p in site.pages if p.root == root}
        for page in [p for p in site.pages if p.root == main and p.rel not in own and p.url]:
            url = join(prefixes.get(root, ""), page.url, slash=page.url.endswith("/"))
            site.by_url.setdefault(url_key(url), page)


def _unpublished(front: dict[str, Any]) -> str | None:
    """Why no generator publishes this page: drafts, noindex, ``build.render: never``."""
    if front.get("draft") is True:
        return "draft"
    if front.get("noindex") is True:
        return "noindex"
    robots = front.get("robots")
    if isinstance(robots, str) and "noindex" in robots.lower():
        return "noindex"
    build = front.get("build")
    if isinstance(build, dict) and str(build.get("render", "")).lower() in ("never", "false"):
        return "build.render never"
    if front.get("published") is False:
        return "published: false"
    return None


def _included(policy: LoadedPolicy, croot: str, rel: str, text: str) -> list[str]:
    """Repository paths of the files ``site.include`` patterns pull into this page."""
    out = []
    for entry in policy.policy.site.include:
        for m in entry.match.finditer(text):
            target = posixpath.normpath(fill(entry.path, m).strip().lstrip("/"))
            if target.startswith(".."):
                continue
            out.append(croot + target)
    return out


def _merge_included_anchors(site: Site, outside: Callable[[str], tuple[set[str], list[str]] | None]) -> None:
    """Give each page the ids of the files it includes (``site.includes``, and what those
    include); a file that is no page of the site (a snippet from outside the docs) gives
    what ``outside`` reads in it (its ids and what it includes), when it is Markdown."""
    includes = site.includes
    for path, targets in includes.items():
        page = site.by_path.get(path)
        if page is None or page.parsed is None:
            continue
        seen: set[str] = {path}
        queue = list(targets)
        while queue:
            target = queue.pop()
            if target in seen:
                continue
            seen.add(target)
            other = site.included_page(target)
            if other is not None and other.parsed is not None:
                page.parsed.anchors |= other.parsed.anchors
                queue.extend(includes.get(other.path, ()))
            elif other is None and target.lower().endswith(snippets.MARKDOWN):
                found = outside(target)
                if found is not None:
                    page.parsed.anchors |= found[0]
                    queue.extend(found[1])


def _exists_in(source: Source, root: str, path: str) -> bool:
    return _exists(source, root + path)


def _exists(source: Source, path: str) -> bool:
    """Whether ``path`` is a regular file of ``source`` (its stat noted where it notes them)."""
    stat = getattr(source, "stat", None)
    if stat is not None:
        return stat(path) is not None
    try:
        source.read(path)
    except OSError:
        return False
    return True


def _outside_reader(
    source: Source, policy: LoadedPolicy, gen: Generator, opts: SiteOptions
) -> Callable[[str], tuple[set[str], list[str]] | None]:
    """Reads a file some page includes that is no page of the site: its ids, and the
    snippets it includes in turn (each file read once a run)."""
    bases = opts.config.snippet_bases
    # made when a file is first read (most sites include none from outside)
    extractors = functools.cache(
        lambda: anchor_extractors(
            policy, opts.config.autodoc, opts.config.cli_docs, opts.config.id_shortcodes
        )
    )

    @functools.cache
    def read(path: str) -> tuple[set[str], list[str]] | None:
        try:
            text = decode_text(source.read(path))
        except (OSError, UnreadableFile):
            return None
        parsed = _parse_text(text, "", gen, opts, extractors(), page_form(path))
        inner = snippets.files(text, bases, functools.partial(_exists, source)) if bases is not None else []
        return parsed.anchors, inner

    return read


def _read_appended(source: Source, opts: SiteOptions) -> str:
    texts = []
    for rel in opts.append:
        try:
            texts.append(decode_text(source.read(posixpath.normpath(rel))))
        except (OSError, UnreadableFile):
            continue
    return "\n\n".join(texts)


def _resolver_config(
    policy: LoadedPolicy, opts: SiteOptions, gen: Generator, source: Source | None = None
) -> ResolverConfig:
    site = policy.policy.site
    parts = urlsplit(site.base_url)
    hosts = {normalize_host(parts.hostname or "")}
    hosts.update(normalize_host(h) for h in site.hosts)
    hosts.discard("")
    return ResolverConfig(
        hosts=hosts,
        base_path=parts.path.rstrip("/"),
        rewrites=[Rewrite(r.match, r.candidates) for r in site.rewrite],
        ignore=list(site.ignore_links),
        page_extensions=gen.PAGE_EXTENSIONS,
        lang_roots=opts.lang_roots,
        site_url=site.base_url.rstrip("/"),
        fold_case=gen.FOLD_CASE,
        md_links_from_root=gen.MD_LINKS_FROM_ROOT,
        fallback_roots={norm_root(k): norm_root(v) for k, v in opts.config.fallback_roots.items()},
        folder_links=gen.FOLDER_LINKS,
        root_links_on_host=gen.ROOT_LINKS_ON_HOST,
        host_rules=opts.host_rules,
        page_links=opts.config.page_links,
        hook_destinations=frozenset(opts.config.hook_destinations),
        hook_paths=tuple(opts.config.hook_paths),
        hook_words=dict(opts.config.hook_words),
        destination=functools.partial(gen.destination, config=opts.config),
        case_insensitive_urls=gen.CASE_INSENSITIVE_URLS,
        site_path=gen.site_path,
        relative_to_url=gen.RELATIVE_TO_URL,
        generated=tuple(opts.config.generated_dirs),
        ignores=getattr(source, "ignores", None),
        versions=opts.config.mike,
        default_language=opts.config.default_language,
        md_links=opts.config.md_links,
        static_roots=tuple(dict.fromkeys([*opts.static_roots, *opts.content_roots])),
        exists=functools.partial(_exists, source),
        beyond_root=gen.beyond_root if gen.beyond_root is not nothing_beyond_root else None,
    )


def page_parser(
    source: Source, policy: LoadedPolicy, cache_root: Path | None = None
) -> tuple[Callable[[str, bytes], ParsedPage | None], ParseCache]:
    """Parse content files of any revision the way :func:`build_site` parses the work
    tree's (same settings, same parse-cache entries): ``parse(path, data)`` returns None
    for bytes that are not text. The caller saves the cache."""
    reader = PageReader(source, policy, cache_root)

    def parse(path: str, data: bytes) -> ParsedPage | None:
        try:
            text = decode_text(data)
        except UnreadableFile:
            return None
        return reader.parsed(path, text, reader.cache.key(data, page_form(path)))

    return parse, reader.cache
