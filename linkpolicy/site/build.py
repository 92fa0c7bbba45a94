"""Build the :class:`Site` of a repository: discover, read, map URLs, resolve links."""

from __future__ import annotations

import hashlib
import json
import posixpath
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from ..content.cache import ParseCache
from ..content.genconfig import GeneratorConfig, read_generator_config
from ..content.markdown import parse_page
from ..content.slugs import DEFAULT_SLUGIFIER
from ..domains import normalize_host
from ..errors import about_page
from ..io import UnreadableFile, decode_text
from ..patterns import compile_pattern, fill, glob_match
from ..policy import LoadedPolicy
from ..source import Source
from .model import Page, Site
from .resolve import Resolver, ResolverConfig, Rewrite
from .urls import DEFAULT_TRAILING_SLASH, PAGE_EXTENSIONS, expand_permalink, page_url, url_key


@dataclass
class SiteOptions:
    """Generator settings that come from the policy (and later, generator config files)."""

    generator: str
    content_roots: list[str]  # relative to the repo root, "" or ending with "/"
    static_roots: list[str]
    exclude: list[str]
    trailing_slash: bool
    slug_style: str
    append: list[str]
    #: what the generator's config file says (redirects, languages, navigation, ...)
    config: GeneratorConfig = field(default_factory=GeneratorConfig)

    @property
    def root_prefixes(self) -> dict[str, str]:
        """Content root -> URL prefix (Hugo languages, Docusaurus route bases)."""
        return {_norm_root(k): v for k, v in self.config.root_prefixes.items()}

    @property
    def lang_roots(self) -> dict[str, str]:
        return {k: _norm_root(v) for k, v in self.config.lang_roots.items()}


def _norm_root(value: str) -> str:
    value = posixpath.normpath(value.replace("\\", "/")).lstrip("/")
    return "" if value in (".", "") else value.rstrip("/") + "/"


def _anchor_extractors(policy: LoadedPolicy) -> list[Callable[[str], Iterable[str]]]:
    """One function per ``site.anchors`` entry: page text -> the ids it defines."""
    out: list[Callable[[str], Iterable[str]]] = []
    for entry in policy.policy.site.anchors:
        if isinstance(entry, str):
            rx, template = compile_pattern(entry), "{id}"
        else:
            rx, template = entry.match, entry.id
        out.append(lambda text, rx=rx, t=template: [fill(t, m) for m in rx.finditer(text)])
    return out


def site_options(policy: LoadedPolicy, source: Source | None = None) -> SiteOptions:
    """The generator settings: the policy's `site` section, and for what it leaves unset,
    the generator's own config file when the repository has one."""
    site = policy.policy.site
    gen = site.generator
    given = site.model_fields_set
    cfg = read_generator_config(source, gen) if source is not None else GeneratorConfig()
    content = site.content_roots if "content" in given or not cfg.content_roots else cfg.content_roots
    static = list(site.static) if "static" in given or not cfg.static_roots else cfg.static_roots
    slash = site.trailing_slash
    if slash is None:
        slash = cfg.trailing_slash if cfg.trailing_slash is not None else DEFAULT_TRAILING_SLASH[gen]
    return SiteOptions(
        generator=gen,
        content_roots=[_norm_root(c) for c in content],
        static_roots=[_norm_root(s) for s in static],
        exclude=list(site.exclude),
        trailing_slash=slash,
        slug_style=cfg.slug_style or DEFAULT_SLUGIFIER[gen],
        append=list(site.append) if "append" in given else cfg.append,
        config=cfg,
    )


def _unpublished(front: dict[str, Any], gen: str) -> str | None:
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
    if gen == "docusaurus" and front.get("unlisted") is True:
        return "unlisted"
    return None


def _cascade(pages: dict[str, dict[str, Any]], rel: str) -> dict[str, Any]:
    """Hugo's ``cascade``: front matter that section pages hand down to descendants."""
    merged: dict[str, Any] = {}
    folder = posixpath.dirname(rel)
    chain = []
    while True:
        chain.append(posixpath.join(folder, "_index") if folder else "_index")
        if not folder:
            break
        folder = posixpath.dirname(folder)
    for key in reversed(chain):
        front = pages.get(key)
        if not front or key == posixpath.splitext(rel)[0]:
            continue
        cascade = front.get("cascade")
        if isinstance(cascade, list):
            cascade = {
                k: v
                for item in cascade
                if isinstance(item, dict)
                for k, v in item.items()
                if k not in ("_target", "target")
            }
        if isinstance(cascade, dict):
            merged.update({k: v for k, v in cascade.items() if k not in ("_target", "target")})
    return merged


def build_site(
    source: Source,
    policy: LoadedPolicy,
    options: SiteOptions | None = None,
    cache_root: Path | None = None,
) -> Site:
    """Read every content file of ``source`` into a resolved :class:`Site`; with
    ``cache_root``, parsed pages are cached under it (see :mod:`..content.cache`)."""
    opts = options or site_options(policy, source)
    gen = opts.generator
    site = Site(root_dir=source.label, generator=gen)
    extensions = PAGE_EXTENSIONS[gen]
    anchor_fns = _anchor_extractors(policy)
    appended = _read_appended(source, opts)

    sources: list[tuple[str, str, str]] = []  # (repo path, content root, rel)
    for croot in opts.content_roots:
        for repo_path in source.files(croot):
            rel = repo_path[len(croot) :]
            lower = rel.lower()
            if not lower.endswith(extensions) or glob_match(rel, opts.exclude) or _partial(gen, rel, opts):
                if not glob_match(rel, opts.exclude):
                    site.files.add(repo_path)
                    site.static_urls.setdefault(url_key("/" + rel), repo_path)
                continue
            sources.append((repo_path, croot, rel))
    for sroot in opts.static_roots:
        for repo_path in source.files(sroot):
            site.files.add(repo_path)
            site.static_urls.setdefault(url_key("/" + repo_path[len(sroot) :]), repo_path)

    prefetch = getattr(source, "prefetch", None)
    if prefetch is not None:
        prefetch([repo_path for repo_path, _, _ in sources])

    anchors_sig = [e if isinstance(e, str) else [e.match.source, e.id] for e in policy.policy.site.anchors]
    cache = ParseCache(
        cache_root,
        json.dumps(
            [
                gen,
                opts.slug_style,
                anchors_sig,
                asdict(opts.config),  # ids depend on slugify, tabs, definition terms, ...
                hashlib.sha256(appended.encode()).hexdigest(),
            ]
        ),
    )
    parsed: list[tuple[str, str, str, Any, str | None]] = []
    includes: dict[str, list[str]] = {}
    fronts: dict[str, dict[str, Any]] = {}
    for repo_path, croot, rel in sources:
        try:
            try:
                data = source.read(repo_path)
            except OSError as exc:
                raise UnreadableFile(f"cannot read file: {exc.strerror or exc}") from exc
            text = decode_text(data)
            error = None
        except UnreadableFile as exc:
            page = Page(
                path=repo_path, rel=rel, root=croot, url="", title=rel, readable=False, published=False
            )
            page.problems.append((exc.line, exc.column, str(exc)))
            site.pages.append(page)
            site.by_path[repo_path] = page
            continue
        mdx = rel.endswith(".mdx")
        key = cache.key(data, f"{mdx}")
        result = cache.get(key)
        if result is None:
            lines_in_page = text.count("\n") + 1
            full = text + ("\n\n" + appended if appended else "")
            result = parse_page(
                full,
                slug_style=opts.slug_style,
                linkify=opts.config.linkify or ("none" if gen == "mkdocs" else "gfm"),
                mdx=mdx,
                anchor_patterns=anchor_fns,
                tabbed=opts.config.tabbed,
                term_ids=opts.config.term_ids,
            )
            if appended:
                result.links = [lk for lk in result.links if lk.line <= lines_in_page]
            cache.put(key, result)
        includes[repo_path] = _included(policy, croot, rel, text)
        parsed.append((repo_path, croot, rel, result, error))
        fronts[croot + posixpath.splitext(rel)[0]] = result.front.data

    cache.save()
    prefix_for = {c: opts.root_prefixes.get(c, _route_prefix(gen, c)) for c in opts.content_roots}
    fronts_by_root = {
        c: {k[len(c) :]: v for k, v in fronts.items() if k.startswith(c)} for c in opts.content_roots
    }
    for repo_path, croot, rel, result, _ in parsed:
        front = dict(result.front.data)
        if gen == "hugo":
            inherited = _cascade(fronts_by_root[croot], rel)
            for k, v in inherited.items():
                front.setdefault(k, v)
        info = page_url(
            gen,
            rel,
            front,
            slash=opts.trailing_slash,
            prefix=prefix_for[croot],
            keep_case=opts.config.keep_case,
        )
        collection = rel.split("/", 1)[0][1:] if gen == "jekyll" and rel.startswith("_") else None
        if collection in opts.config.collections and not front.get("permalink"):
            info.url = _collection_url(opts.config.collections[collection], collection, rel)
        if rel in opts.config.redirects.values():
            info.aliases += [
                _mkdocs_redirect_url(old, opts.trailing_slash)
                for old, new in opts.config.redirects.items()
                if new == rel
            ]
        title = front.get("title") or result.h1 or posixpath.splitext(posixpath.basename(rel))[0]
        # A page whose front matter does not parse is reported by invalid-page and
        # otherwise read as a page without front matter, so one typo does not ripple
        # into findings on every page that links to it.
        reason = _unpublished(front, gen)
        if gen == "jekyll" and "/_drafts/" in "/" + rel:
            reason = reason or "draft"
        page = Page(
            path=repo_path,
            rel=rel,
            root=croot,
            url=info.url,
            title=str(title),
            front=front,
            parsed=result,
            published=reason is None,
            unpublished_reason=reason,
            aliases=info.aliases,
        )
        page.problems.extend(result.problems)
        site.pages.append(page)
        site.by_path[repo_path] = page
        key = url_key(info.url)
        if reason == "build.render never":
            continue  # Hugo renders no page for it; links to it are broken
        site.by_url.setdefault(key, page)
        if info.url.endswith(".html"):
            site.by_url.setdefault(url_key(info.url[:-5]), page)
        for extra in info.extra:
            site.by_url.setdefault(url_key(extra), page)
    _merge_included_anchors(site, includes)
    for page in site.pages:
        for alias in page.aliases:
            key = url_key(alias)
            if key not in site.by_url:
                site.aliases.setdefault(key, page)

    site.home = site.find(policy.policy.site.home)
    if opts.config.nav == "all":
        site.nav = {p.url for p in site.pages if p.readable}
    elif opts.config.nav:
        site.nav = {
            p.url
            for rel in opts.config.nav
            for croot in opts.content_roots
            if (p := site.by_path.get(croot + rel)) is not None
        }
    if site.home is None and site.pages:
        raise policy.error(
            ("site", "home"),
            f"{policy.policy.site.home} is not a page of the site; "
            "set it to the URL or content path of the home page",
        )

    resolver = Resolver(site, _resolver_config(policy, opts))
    for page in site.pages:
        if page.parsed is None:
            continue
        with about_page(page.path):
            page.links = [resolver.resolve(page, raw) for raw in page.parsed.links]
    return site


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


def _merge_included_anchors(site: Site, includes: dict[str, list[str]]) -> None:
    """Give each page the ids of the files it includes (and of what those include)."""
    for path, targets in includes.items():
        page = site.by_path.get(path)
        if page is None or page.parsed is None or not targets:
            continue
        seen: set[str] = {path}
        queue = list(targets)
        while queue:
            target = queue.pop()
            if target in seen:
                continue
            seen.add(target)
            other = site.by_path.get(target) or site.by_path.get(target + ".md")
            if other is None or other.parsed is None:
                continue
            page.parsed.anchors |= other.parsed.anchors
            queue.extend(includes.get(other.path, []))


def _collection_url(template: str, collection: str, rel: str) -> str:
    """A Jekyll collection document's URL from the collection's permalink template."""
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


def _mkdocs_redirect_url(old: str, slash: bool) -> str:
    return page_url("mkdocs", old, {}, slash=slash).url


def _partial(gen: str, rel: str, opts: SiteOptions) -> bool:
    parts = rel.split("/")
    if gen == "docusaurus":
        return any(p.startswith("_") for p in parts)
    if gen == "jekyll":
        keep = {"_posts", "_drafts", *(f"_{c}" for c in opts.config.collections)}
        return any(p.startswith("_") and p not in keep for p in parts[:-1]) or parts[-1].startswith("_")
    return False


def _route_prefix(gen: str, croot: str) -> str:
    # Docusaurus serves docs/ under /docs and blog/ under /blog (routeBasePath defaults).
    if gen == "docusaurus":
        name = croot.rstrip("/").rsplit("/", 1)[-1]
        if name in ("docs", "blog"):
            return "/" + name
    return ""


def _read_appended(source: Source, opts: SiteOptions) -> str:
    texts = []
    for rel in opts.append:
        try:
            texts.append(decode_text(source.read(posixpath.normpath(rel))))
        except (OSError, UnreadableFile):
            continue
    return "\n\n".join(texts)


def _resolver_config(policy: LoadedPolicy, opts: SiteOptions) -> ResolverConfig:
    site = policy.policy.site
    parts = urlsplit(site.base_url)
    hosts = {normalize_host(parts.hostname or "")}
    hosts.update(normalize_host(h) for h in site.hosts)
    hosts.discard("")
    return ResolverConfig(
        generator=opts.generator,
        hosts=hosts,
        base_path=parts.path.rstrip("/"),
        rewrites=[Rewrite(r.match, r.candidates) for r in site.rewrite],
        ignore=list(site.ignore_links),
        page_extensions=PAGE_EXTENSIONS[opts.generator],
        lang_roots=opts.lang_roots,
    )
