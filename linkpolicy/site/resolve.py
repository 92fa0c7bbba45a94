"""Resolve a link as written on a page to a page, a file, an external URL or nothing."""

from __future__ import annotations

import itertools
import posixpath
import re
import sys
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, fields
from functools import cached_property
from operator import attrgetter
from typing import Any
from urllib.parse import unquote, urlsplit

from ..content.autorefs import SCHEME as AUTOREF
from ..content.markdown import URL_CALL, RawLink
from ..content.slugs import github_slug
from ..domains import normalize_host
from ..patterns import SafePattern, fill
from .hosting import HostRules
from .model import Link, LinkKind, Page, Site, Status, member_ids
from .urls import singular, url_key

_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")
_WEB_SCHEMES = {"http", "https"}
#: the scheme of a link that the site's link render hook renders its own way (not checked)
HOOK = "hook"


@dataclass
class Rewrite:
    match: SafePattern
    candidates: list[str]


@dataclass
class ResolverConfig:
    hosts: set[str]  # internal hosts, normalized
    base_path: str  # path of base_url, "" or "/sub"
    rewrites: list[Rewrite]
    ignore: list[SafePattern]
    page_extensions: tuple[str, ...]
    #: Hugo multilingual: language -> content root, for ref/relref with lang=
    lang_roots: dict[str, str] = field(default_factory=dict)
    #: the base URL without its trailing slash, for `ignore_links` on absolute URLs
    site_url: str = ""
    #: page lookups ignore case (Hugo's GetPage)
    fold_case: bool = False
    #: a relative link that reaches nothing is reported against the page's URL, not its file
    relative_to_url: bool = False
    #: a page's `.md` link that is no file beside it is looked up from its content root
    md_links_from_root: bool = False
    #: translated content root -> the root its missing pages come from
    fallback_roots: dict[str, str] = field(default_factory=dict)
    #: a link to a folder of the repository is fine (GitHub lists it)
    folder_links: bool = False
    #: a root-relative link outside the base URL's path is another site's on the host
    root_links_on_host: bool = False
    #: redirects (aliases) and files are found ignoring case too
    case_insensitive_urls: bool = False
    #: Hugo: a link render hook finds relative destinations as GetPage does (see
    #: GeneratorConfig.page_links), and leaves what it does not find as written
    page_links: bool = False
    #: Hugo: destinations the site's link render hook gives a meaning of its own (see
    #: GeneratorConfig.hook_destinations), where no `rewrite` says where they lead
    hook_destinations: frozenset[str] = frozenset()
    #: the site paths the hook names (see GeneratorConfig.hook_paths)
    hook_paths: tuple[str, ...] = ()
    #: the hook's own word forms (see GeneratorConfig.hook_words)
    hook_words: dict[str, str] = field(default_factory=dict)
    #: a link's destination as the generator's templates leave it (see Generator.destination)
    destination: Callable[[str, Mapping[str, Any]], str] | None = None
    #: the host's redirects and rewrites: a path they answer is served (see :mod:`.hosting`)
    host_rules: HostRules = field(default_factory=HostRules)
    #: a URL path on the base URL (after its path) -> a path of the site
    site_path: Callable[[str], str] = lambda path: path
    #: folders (repository paths) the build fills from what no source file holds (DocFX's
    #: API pages): a link into one is the build's to answer, not checked
    generated: tuple[str, ...] = ()
    #: the site is one version of several, each under /<version>/ (MkDocs' mike)
    versions: bool = False
    #: Hugo's default content language: a ref may name a file with its code (`a.en.md`)
    default_language: str | None = None
    #: those of the given repository paths that git ignores: a link to a missing file git
    #: ignores (documentation a script writes before the build: uv's reference/cli.md) is
    #: the build's to answer, not checked (None: nothing is)
    ignores: Callable[[list[str]], set[str]] | None = None
    #: where the host takes a relative link that climbs above the repository's root (see
    #: Generator.beyond_root; GitHub: ``../../issues``)
    beyond_root: Callable[[int, str], str | None] | None = None
    #: folders the build serves as they are (``static/``, and the content roots, whose
    #: other files it copies): a URL under one that is missing where git ignores it there
    #: (``static/api/``, which a script fills before the build) is the build's to answer,
    #: as a missing file git ignores is (see ``ignores``)
    static_roots: tuple[str, ...] = ()
    #: whether a file is there (a repository path), git-ignored or not (see
    #: :meth:`Resolver._ignored_page`; None: none is looked for)
    exists: Callable[[str], bool] | None = None
    #: Jekyll: where a link to a page's Markdown file reaches the page (see
    #: GeneratorConfig.md_links); elsewhere it stays as written, and no such file is served
    md_links: str = "all"


class Resolver:
    """Resolves links against one site; built once, used for every link."""

    def __init__(self, site: Site, config: ResolverConfig, few: bool = False) -> None:
        """``few``: the resolver serves a few pages' links (a run after a link edit), and
        makes each index when a link first needs it; else (every page's links) it makes
        them all at once, first: made among the links, their strings sit in memory the
        links keep in use, and the 100k-page `diff`'s peak rose 68 MiB."""
        self.site = site
        self.config = config
        #: destination -> index of the first `ignore_links` pattern it matches (None: no match)
        self._ignore_hits: dict[str, int | None] = {}
        # Hugo finds pages case-insensitively (GetPage, and the link render hooks that
        # use it), so "/functions/urls/relLangURL/" reaches /functions/urls/rellangurl/.
        self.fold_case = config.fold_case
        if not few:  # every index, now (in the order they were always made)
            _ = (self.by_stem, self.by_url_folded, self.by_rel_folded, self.by_path_folded)
        #: (content root, destination) -> what a link there resolves to (`Link`'s fields
        #: after ``raw`` and ``source``), for the destinations whose resolution reads no
        #: more of the page than its content root (see :meth:`resolve`); None: off
        self.memo: dict[tuple[str, str], tuple[Any, ...]] | None = {} if not config.rewrites else None
        self._below: dict[str, frozenset[str]] = {}
        #: repository paths of the missing files links were found to point to, and whether
        #: git ignores each (see :meth:`leave_generated`)
        self._missing: set[str] = set()
        self._git_ignored: dict[str, bool] = {}

    # -- indexes: made at once, or each when a link first needs it (see __init__) -----------

    @cached_property
    def _by_rel_and_stem(self) -> tuple[dict[str, Page], dict[str, Page]]:
        by_rel: dict[str, Page] = {}
        by_stem: dict[str, Page] = {}
        for page in self.site.pages:
            root, rel = page.root, page.rel
            by_rel[root + rel] = page
            # posixpath.splitext and .split in string operations (half the time, every page)
            slash, dot = rel.rfind("/"), rel.rfind(".")
            noext = rel[:dot] if dot > slash + 1 and rel[slash + 1 : dot].strip(".") else rel
            by_rel.setdefault(root + noext, page)
            name = noext[slash + 1 :]
            if name in ("_index", "index", "README"):
                folder = noext[: slash + 1].rstrip("/") or noext[: slash + 1]
                by_rel.setdefault(root + folder, page)
                by_rel.setdefault(root + folder + "/", page)
            by_stem.setdefault(name, page)
        return by_rel, by_stem

    @property
    def by_rel(self) -> dict[str, Page]:
        """Content-relative path, with and without its extension (and a folder for its
        index page) -> page, for ref shortcodes and .md links."""
        return self._by_rel_and_stem[0]

    @property
    def by_stem(self) -> dict[str, Page]:
        """File name without extension -> the first page of that name (Jekyll's post_url)."""
        return self._by_rel_and_stem[1]

    @cached_property
    def by_url_folded(self) -> dict[str, Page]:
        return {k.lower(): p for k, p in self.site.by_url.items()} if self.fold_case else {}

    @cached_property
    def by_rel_folded(self) -> dict[str, Page]:
        return {k.lower(): p for k, p in self.by_rel.items()} if self.fold_case else {}

    @cached_property
    def by_path_folded(self) -> dict[str, Page]:
        return {k.lower(): p for k, p in self.site.by_path.items()} if self.fold_case else {}

    # -- entry point -------------------------------------------------------------------

    def resolve(self, page: Page, raw: RawLink) -> Link:
        """The link ``raw`` of ``page``, resolved. An absolute path (``/a/b/``) or web URL
        resolves the same from every page of a content root (only a path with a page
        extension reads the root), and a site links the same ones again and again: each
        is resolved once per root (not with `rewrites`, which read the link's text)."""
        memo = self.memo
        if memo is None or raw.shortcode is not None or not _PAGE_FREE.match(raw.dest):
            return self._resolve(page, raw)
        key = (page.root, raw.dest)
        known = memo.get(key)
        if known is not None:
            return Link(raw, page, *known)
        link = self._resolve(page, raw)
        memo[key] = _fields_after_source(link)
        return link

    def _resolve(self, page: Page, raw: RawLink) -> Link:
        dest = raw.dest.strip()
        if self.config.ignore and (self._ignored(dest) or self._ignored(self._absolute_form(page, dest))):
            return Link(raw, page, LinkKind.IGNORED)
        if raw.shortcode is None and ("{{" in dest or "{%" in dest):
            if self.config.destination is not None:
                dest = self.config.destination(dest, page.front)
            if "{{" in dest or "{%" in dest:
                # a template's value (a Hugo shortcode, a Liquid tag) that only the build knows
                return Link(raw, page, LinkKind.OTHER, scheme="template")
        for rw in self.config.rewrites:
            m = rw.match.search(dest)
            if m is None:
                continue
            first: Link | None = None
            for template in rw.candidates:
                candidate = _fill(template, m, raw.text)
                link = self._resolve_dest(page, raw, candidate)
                if link.status is not Status.BROKEN:
                    return link
                known = self._unrendered(page, raw, candidate)
                if known is not None:
                    return known
                first = first or link
            assert first is not None
            return first
        if dest in self.config.hook_destinations and raw.shortcode is None:
            return self._hooked(page, raw)
        return self._resolve_dest(page, raw, dest)

    def _hooked(self, page: Page, raw: RawLink) -> Link:
        """A link to a destination the site's render hook renders its own way: to the one
        page the hook names, if it names one (hugoDocs' glossary), else to nothing known."""
        found = [self._resolve_dest(page, raw, path) for path in self.config.hook_paths]
        pages = {lk.target_page.url: lk for lk in found if lk.status is Status.PAGE and lk.target_page}
        if len(pages) != 1:
            return Link(raw, page, LinkKind.OTHER, scheme=HOOK)
        ((url, link),) = pages.items()
        entries = self._entries_below(url)
        if not entries:
            return link
        word = " ".join(raw.text.split()).lower()
        forms = (word, singular(word), self.config.hook_words.get(word, ""))
        if any(form and github_slug(form) in entries for form in forms):
            return link
        reason = f"finds no page for {word!r}: the site's link render hook looks it up below"
        return Link(raw, page, LinkKind.INTERNAL, Status.BROKEN, target=url, reason=reason)

    def _entries_below(self, url: str) -> frozenset[str]:
        """The last parts of the URLs of the pages right below ``url``, rendered or not."""
        known = self._below.get(url)
        if known is None:
            depth = url.count("/")
            known = frozenset(
                p.url.rstrip("/").rsplit("/", 1)[-1]
                for p in self.site.pages
                if p.url and p.url != url and p.url.startswith(url) and p.url.rstrip("/").count("/") == depth
            )
            self._below[url] = known
        return known

    def _mounted_at(self, path: str) -> Page | None:
        """The page mounted at ``path`` (its content root and path there), if any."""
        found = self.by_rel.get(path) if self._has_mounts else None
        return found if found is not None and found.mounted else None

    def _rel(self, key: str) -> Page | None:
        """``by_rel[key]``, from the pages' paths first where no page is mounted (a page's
        content path is then its path): a run that resolves a few links (a link edit's)
        builds the whole index only for a path no page has."""
        if not self._has_mounts:
            page = self.site.by_path.get(key)
            if page is not None and page.root + page.rel == key:
                return page
        return self.by_rel.get(key)

    @cached_property
    def _has_mounts(self) -> bool:
        # (Page.mounted, spelt out: a property call a page costs a link edit some ms)
        return any(page.path != page.root + page.rel for page in self.site.pages)

    def _by_name(self, root: str, name: str) -> Page | None:
        """Hugo's ``ref`` to a bare name (``quickstarts``, ``roadmap.md``): the one page of
        the content root with that file name (a bundle's or a section's folder name), its
        extension optional, ignoring case; None when none has it or several do (Hugo
        fails such a ref as ambiguous)."""
        found = self._names.get((root, posixpath.splitext(name)[0].lower()), [])
        return found[0] if len(found) == 1 else None

    @cached_property
    def _names(self) -> dict[tuple[str, str], list[Page]]:
        out: dict[tuple[str, str], list[Page]] = {}
        for page in self.site.pages:
            folder, file = posixpath.split(page.rel)
            stem = posixpath.splitext(file)[0]
            name = posixpath.basename(folder) if stem in ("index", "_index") else stem
            if name:
                out.setdefault((page.root, name.lower()), []).append(page)
        return out

    def _autoref(self, page: Page, raw: RawLink, identifier: str) -> Link:
        """An autorefs reference (see :mod:`..content.autorefs`): the page with that anchor
        (the first in page order, as the plugin picks one), else what only the build knows
        (an object of another project's inventory, or nothing: the plugin only warns)."""
        anchored = self._anchored
        target = anchored.get(identifier)
        if target is None:  # a member of an object mkdocstrings documents (`x.*`)
            target = next((anchored[i] for i in member_ids(identifier) if i in anchored), None)
        if target is None:
            return Link(raw, page, LinkKind.OTHER, scheme="autoref")
        return self._resolve_dest(page, raw, ("" if target is page else target.url) + "#" + identifier)

    @cached_property
    def _anchored(self) -> dict[str, Page]:
        """Anchor -> the first published page that has it."""
        out: dict[str, Page] = {}
        for page in self.site.pages:
            if page.published:
                for anchor in page.anchors:
                    out.setdefault(anchor, page)
        return out

    def _unrendered(self, page: Page, raw: RawLink, candidate: str) -> Link | None:
        """A convention's target that the generator knows but renders no page for (Hugo
        glossary terms with build.render never, which a render hook links to)."""
        path, _, fragment = candidate.partition("#")
        if _SCHEME.match(path) or not path:
            return None
        target = self.site.unrendered.get(url_key(self._absolute(page, path)))
        if target is None:
            return None
        return Link(raw, page, LinkKind.INTERNAL, Status.STATIC, target=target.url, fragment=fragment or None)

    def _under_base(self, path: str) -> bool:
        """Only URLs under the base URL's path are the site's (https://github.com/org/repo
        does not make all of github.com internal)."""
        base = self.config.base_path
        return not base or path == base or path.startswith(base + "/")

    def _ignored(self, dest: str | None) -> bool:
        if dest is None or not self.config.ignore:
            return False
        hit = self._ignore_hits.get(dest, -1)
        if hit == -1:  # a site links the same destinations again and again: each is matched once
            hit = self._ignore_hits[dest] = next(
                (i for i, p in enumerate(self.config.ignore) if p.search(dest)), None
            )
        if hit is not None:
            self.site.ignore_links_used.add(hit)
        return hit is not None

    def _absolute_form(self, page: Page, dest: str) -> str | None:
        """An internal destination as an absolute URL on the site (``/a/`` ->
        ``https://host/base/a/``), so `ignore_links` may name either form."""
        if not self.config.site_url or not dest or dest.startswith(("#", "//")) or _SCHEME.match(dest):
            return None
        path, sep, rest = dest.partition("#")
        return self.config.site_url + self._absolute(page, path) + sep + rest

    # -- one destination ---------------------------------------------------------------

    def _resolve_dest(self, page: Page, raw: RawLink, dest: str) -> Link:
        if raw.shortcode and raw.shortcode[0] == URL_CALL:
            if not _SCHEME.match(dest):
                dest = "/" + dest.lstrip("/")  # relURL, absURL: a path of the site
        elif raw.shortcode:
            return self._shortcode(page, raw, raw.shortcode[0], dest)
        if dest.startswith(AUTOREF):
            return self._autoref(page, raw, dest[len(AUTOREF) :])
        if dest.startswith("//"):
            dest = "https:" + dest
        m = _SCHEME.match(dest)
        if m and len(m.group(1)) > 1:  # one letter would be a Windows drive
            scheme = sys.intern(m.group(1).lower())
            if scheme not in _WEB_SCHEMES:
                return Link(raw, page, LinkKind.OTHER, scheme=scheme)
            try:
                parts = urlsplit(dest)
                host = normalize_host(parts.hostname or "")
            except ValueError as exc:  # "http://[bad": a finding, not the end of the run
                reason = f"is not a valid URL ({exc})"
                return Link(raw, page, LinkKind.OTHER, Status.BROKEN, target=raw.dest, reason=reason)
            if host in self.config.hosts and self._under_base(parts.path or "/"):
                path = parts.path or "/"
                if self.config.base_path and path.startswith(self.config.base_path):
                    path = path[len(self.config.base_path) :] or "/"
                path = self.config.site_path(path)
                frag = f"#{parts.fragment}" if parts.fragment else ""
                link = self._internal(page, raw, path + frag, absolute_url=True)
                link.scheme = scheme
                return link
            return Link(raw, page, LinkKind.EXTERNAL, target=dest, host=host, scheme=scheme)
        if self._ignored(dest):
            return Link(raw, page, LinkKind.IGNORED)
        return self._internal(page, raw, dest)

    def _internal(self, page: Page, raw: RawLink, dest: str, absolute_url: bool = False) -> Link:
        path, _, fragment = dest.partition("#")
        path = path.split("?", 1)[0]
        # kept once: the same few ids are the fragments of many links
        frag = sys.intern(unquote(fragment)) if fragment or dest.endswith("#") else None
        if not path:
            # "#x" on the same page, or an empty destination
            link = _page_link(raw, page, page, frag)
            return link
        decoded = unquote(path)
        base = self.config.base_path
        if base and decoded.startswith(base + "/"):
            decoded = decoded[len(base) :]
            if self.config.root_links_on_host and not absolute_url and not self._in_url_space(decoded):
                return self._on_host(page, raw, dest)
        elif base and self.config.root_links_on_host and not absolute_url and decoded.startswith("/"):
            if decoded != base:
                return self._on_host(page, raw, dest)
            decoded = "/"
        ext = posixpath.splitext(decoded)[1].lower()
        if decoded.startswith("/") and not absolute_url:
            got = self._got_from_root(page, raw, decoded, frag)
            if got is not None:
                return got
        by_file = not self._kept_as_written(page)
        if not absolute_url and ext in self.config.page_extensions and by_file:
            link = self._file_link(page, raw, decoded, frag)
            if link.status is not Status.BROKEN:
                return link
            found = self._from_root(page, raw, decoded, frag) or self._by_url(page, raw, decoded, frag)
            if found is None and not decoded.startswith("/"):
                found = self._got_page(page, raw, decoded, frag)
            if found is None and self._in_generated(link):
                return Link(raw, page, LinkKind.OTHER, scheme="generated")  # the build writes it
            if found is None and self.config.host_rules:
                # a path of a page file's extension that no file holds, which the host answers
                # (`/api/x.html` Hugo's `.html` content might have been: a redirect off the site)
                found = self._hosted(page, raw, self._absolute(page, decoded), frag)
            return found or self._beyond_root(page, raw, decoded, frag) or link
        found = self._by_url(page, raw, decoded, frag)
        if found:
            return found
        if self.config.versions and (m := _VERSION.match(decoded)):
            # mike serves each version under /<version>/ (and aliases: /latest/): a page of
            # another version is this one's at the same path
            found = self._by_url(page, raw, decoded[m.end() :], frag)
            if found:
                return found
        if not decoded.startswith("/") and by_file:
            # MkDocs, GitHub and Docusaurus assets resolve relative to the file itself.
            file_link = self._file_link(page, raw, decoded, frag)
            if file_link.status is not Status.BROKEN:
                return file_link
            got = self._got_page(page, raw, decoded, frag)
            if got is not None:
                return got
        if self.config.folder_links and decoded.startswith("/") and decoded.strip("/") in self.site.folders:
            return Link(raw, page, LinkKind.INTERNAL, Status.STATIC, target=decoded, fragment=frag)
        beyond = self._beyond_root(page, raw, decoded, frag)
        if beyond is not None:
            return beyond
        hosted = (
            self._hosted(page, raw, self._absolute(page, decoded), frag) if self.config.host_rules else None
        )
        if hosted is not None:
            return hosted
        if decoded.startswith("/") or self.config.relative_to_url:
            target = self._absolute(page, decoded)
        else:
            # These generators resolve relative links against the file, not the URL.
            target = "/" + posixpath.normpath(posixpath.join(posixpath.dirname(page.rel), decoded))
            if url_key(target) in self.site.static_urls:  # a file the build adds (a theme's)
                return Link(raw, page, LinkKind.INTERNAL, Status.STATIC, target=target, fragment=frag)
        if self.config.generated and _under_any(page.root + target.lstrip("/"), self.config.generated):
            return Link(raw, page, LinkKind.OTHER, scheme="generated")  # the build makes it
        return Link(
            raw,
            page,
            LinkKind.INTERNAL,
            Status.BROKEN,
            target=target,
            fragment=frag,
            reason=self._kept_reason(page, decoded) or self._no_url(target),
        )

    def _beyond_root(self, page: Page, raw: RawLink, decoded: str, frag: str | None) -> Link | None:
        """A relative link that climbs above the repository's root, where the host takes it
        somewhere (see ``ResolverConfig.beyond_root``): a page of the host's own (not
        checked), or a file of the repository (checked); None where it takes it nowhere."""
        beyond = self.config.beyond_root
        if beyond is None or decoded.startswith("/"):
            return None
        joined = posixpath.normpath(posixpath.join(posixpath.dirname(page.path), decoded))
        parts = joined.split("/")
        levels = next((i for i, part in enumerate(parts) if part != ".."), len(parts))
        if levels == 0:
            return None
        found = beyond(levels, "/".join(parts[levels:]))
        if found is None:
            return None
        if not found.strip("/"):
            return Link(raw, page, LinkKind.OTHER, scheme="host")
        path = found.strip("/")
        target = self.site.by_path.get(path)
        if target is not None and self._is_page(path):
            return _page_link(raw, page, target, frag)
        if path in self.site.files or path in self.site.folders:
            return Link(raw, page, LinkKind.INTERNAL, Status.STATIC, target="/" + path, fragment=frag)
        return Link(
            raw,
            page,
            LinkKind.INTERNAL,
            Status.BROKEN,
            target="/" + path,
            fragment=frag,
            reason=f"shows {path} of the repository, which it does not have",
        )

    def _in_generated(self, link: Link) -> bool:
        """Whether a link to a missing file names one in a folder the build fills."""
        missing = missing_file(link)
        return (
            bool(self.config.generated) and missing is not None and _under_any(missing, self.config.generated)
        )

    def _no_url(self, target: str) -> str:
        """The reason a URL path is broken; its places under the static folders are asked of
        git (see :meth:`leave_generated`)."""
        for root in self.config.static_roots:
            self._missing.add(root + target.strip("/"))
        return _NO_URL

    def _kept_as_written(self, page: Page) -> bool:
        """Whether ``page``'s relative links stay as written, to be read against its URL, not
        its file: Jekyll's without jekyll-relative-links, or in a post or another
        collection's document, where the plugin turns none into its target's URL."""
        md_links = self.config.md_links
        return md_links != "all" and (md_links == "none" or page.rel.startswith("_"))

    def _kept_reason(self, page: Page, decoded: str) -> str | None:
        """Why a link kept as written that names a page's source file reaches nothing."""
        if decoded.startswith("/") or not self._kept_as_written(page):
            return None
        folder = posixpath.dirname(page.path)
        target = self.site.by_path.get(posixpath.normpath(posixpath.join(folder, decoded)))
        if target is None or not target.url:
            return None
        where = "is off" if self.config.md_links == "none" else "turns links into URLs in pages only"
        return (
            f"names the source of {target.url}, which the build does not serve "
            f"(jekyll-relative-links {where})"
        )

    def _got_page(self, page: Page, raw: RawLink, decoded: str, frag: str | None) -> Link | None:
        """Where Hugo's link render hook is on: the relative path found as GetPage finds it,
        from the page's folder, then (but "./" and "../") from the content root, as a
        content path (its extension may be there or not) or a URL; None where it finds
        nothing (the hook leaves it as written)."""
        if not (self.fold_case and self.config.page_links):
            return None
        section = posixpath.dirname(page.rel)
        if posixpath.splitext(posixpath.basename(page.rel))[0] == "index":
            section = posixpath.dirname(section)  # a leaf bundle's page sits beside its folder
        rel = posixpath.normpath(posixpath.join(section, decoded.rstrip("/")))
        target = self.by_rel_folded.get((page.root + rel).lower())
        if target is None and not decoded.startswith("."):
            target = self.by_rel_folded.get((page.root + posixpath.normpath(decoded.rstrip("/"))).lower())
        if target is not None:
            return _page_link(raw, page, target, frag)
        return None if decoded.startswith(".") else self._by_url(page, raw, "/" + decoded, frag)

    def _got_from_root(self, page: Page, raw: RawLink, decoded: str, frag: str | None) -> Link | None:
        """Where Hugo's link render hook is on, a path from the root is GetPage's first: the
        page at that logical path in the page's own language (``/docs/x/`` from a French
        page is the French ``docs/x.md``), whatever its URL; None where it finds none."""
        if not (self.fold_case and self.config.page_links):
            return None
        path = posixpath.normpath(decoded.strip("/") or ".")
        target = self.by_rel_folded.get((page.root + ("" if path == "." else path)).lower())
        return _page_link(raw, page, target, frag) if target is not None else None

    @cached_property
    def _folders(self) -> frozenset[str]:
        """The folders (lowercase, no slashes around) of every URL the site serves, and
        their parents, and the first segment of each URL."""
        site = self.site
        out: set[str] = set()
        for url in itertools.chain(site.by_url, site.aliases, site.static_urls):
            parts = url.strip("/").lower().split("/")
            out.add(parts[0])
            out.update("/".join(parts[:i]) for i in range(1, len(parts)))
        return frozenset(out)

    def _in_url_space(self, path: str) -> bool:
        """Whether ``path`` lies in a folder of the site's URLs (a URL at the top: one the
        site serves under its first segment). Under the base path, another site on the
        host serves the other folders: Microsoft Learn docsets share /powershell/, and
        /powershell/module/ holds the modules of other docsets beside this one's."""
        parts = path.strip("/").lower().split("/")
        return "/".join(parts[:-1] or parts) in self._folders

    def _hosted(self, page: Page, raw: RawLink, path: str, frag: str | None) -> Link | None:
        """A link to ``path`` that the host's redirects or rewrites answer: through the
        redirect to the page it leads to, else served (off the site, or by a rewrite)."""
        base = self.config.base_path
        dest = self.config.host_rules.target(base + path)
        if dest is not None:
            there = dest.split("#", 1)[0].split("?", 1)[0]
            if there.startswith("/") and not there.startswith("//"):
                there = there[len(base) :] if base and there.startswith(base + "/") else there
                target = self.site.by_url.get(url_key(there)) or self.site.aliases.get(url_key(there))
                if target is not None:
                    return _page_link(raw, page, target, frag, path)
            return Link(raw, page, LinkKind.INTERNAL, Status.STATIC, target=path, fragment=frag)
        return None

    def _on_host(self, page: Page, raw: RawLink, dest: str) -> Link:
        """A root-relative ``dest`` outside the base URL's path, as the external link to the
        site's host it is."""
        origin = self.config.site_url[: len(self.config.site_url) - len(self.config.base_path)]
        scheme, _, host = origin.partition("://")
        return Link(
            raw, page, LinkKind.EXTERNAL, target=origin + dest, host=normalize_host(host), scheme=scheme
        )

    def _absolute(self, page: Page, path: str) -> str:
        if path.startswith("/"):
            return posixpath.normpath(path) + ("/" if path.endswith("/") and path != "/" else "")
        base = page.url if page.url.endswith("/") else posixpath.dirname(page.url).rstrip("/") + "/"
        joined = posixpath.normpath(posixpath.join(base, path))
        if path.endswith("/") and joined != "/":
            joined += "/"
        return joined

    def _by_url(self, page: Page, raw: RawLink, path: str, frag: str | None) -> Link | None:
        absolute = self._absolute(page, path)
        if absolute.startswith("/.."):
            return None
        key = url_key(absolute)
        site = self.site
        target, via_alias = site.by_url.get(key), None
        if target is None and self.fold_case:
            target = self.by_url_folded.get(key.lower())
        if target is None:
            target = site.aliases.get(key)
            if target is None and self.config.case_insensitive_urls:
                target = self._folded[0].get(key.lower())
            via_alias = absolute if target is not None else None
        if target is not None:
            if via_alias is None and self._versions:
                target = self._version(page, target, frag)
            return _page_link(raw, page, target, frag, via_alias)
        if key in site.static_urls or (self.config.case_insensitive_urls and key.lower() in self._folded[1]):
            return Link(raw, page, LinkKind.INTERNAL, Status.STATIC, target=absolute, fragment=frag)
        return None

    @cached_property
    def _versions(self) -> dict[str, list[Page]]:
        """URL -> the published pages that share it, where several do (DocFX serves the
        versions of a page, one per content root, at one URL)."""
        first: dict[str, Page] = {}
        shared: dict[str, list[Page]] = {}
        for p in self.site.pages:
            if p.published and p.url:
                if (seen := first.setdefault(p.url, p)) is not p:
                    shared.setdefault(p.url, [seen]).append(p)
        return shared

    def _version(self, page: Page, target: Page, frag: str | None) -> Page:
        """The version of ``target`` a link from ``page`` reaches: the one of ``page``'s
        own content root, else (the server shows one of them) one that has the link's
        fragment."""
        versions = self._versions.get(target.url)
        if not versions:
            return target
        same = next((v for v in versions if v.root == page.root), None)
        if same is not None:
            return same
        return next((v for v in versions if frag in v.anchors), target) if frag else target

    @cached_property
    def _folded(self) -> tuple[dict[str, Page], set[str]]:
        """The site's aliases and static URLs, lowercase (where URLs ignore case)."""
        aliases: dict[str, Page] = {}
        for key, page in self.site.aliases.items():
            aliases.setdefault(key.lower(), page)
        return aliases, {key.lower() for key in self.site.static_urls}

    def _from_root(self, page: Page, raw: RawLink, path: str, frag: str | None) -> Link | None:
        """Docusaurus: a `.md` link is a path from the file, else from the docs root of its version."""
        if not self.config.md_links_from_root or path.startswith("/"):
            return None
        target = self.site.by_path.get(page.root + posixpath.normpath(path))
        if target is None or not target.readable or target.unpublished_reason == "partial":
            return None
        return _page_link(raw, page, target, frag)

    def _file_link(self, page: Page, raw: RawLink, path: str, frag: str | None) -> Link:
        if path.startswith("/"):
            # From the content root (Docusaurus, Hugo) or, in plain repos, the repo root.
            candidates = [page.root + path.lstrip("/"), path.lstrip("/")]
        else:
            folder = posixpath.dirname(page.root + page.rel if page.mounted else page.path)
            candidates = [posixpath.normpath(posixpath.join(folder, path))]
            if page.mounted:  # Hugo finds a path from the mounted file's own folder too
                beside = posixpath.normpath(posixpath.join(posixpath.dirname(page.path), path))
                if not beside.startswith("../") and beside != candidates[0]:
                    candidates.append(beside)
            main = self.config.fallback_roots.get(page.root)
            if main is not None and candidates[0].startswith(page.root):
                # a page the translation lacks is the default language's
                candidates.append(main + candidates[0][len(page.root) :])
        for cand in candidates:
            if self.config.folder_links and cand.rstrip("/") in self.site.folders:
                return Link(raw, page, LinkKind.INTERNAL, Status.STATIC, target="/" + cand, fragment=frag)
            if cand in self.site.files and not self._is_page(cand):
                # a file, even one outside the content root (../static/img/x.png)
                return Link(raw, page, LinkKind.INTERNAL, Status.STATIC, target="/" + cand, fragment=frag)
            if (
                not path.startswith("/")
                and page.root
                and not cand.startswith(page.root)
                and cand is candidates[0]
            ):
                return Link(
                    raw,
                    page,
                    LinkKind.INTERNAL,
                    Status.BROKEN,
                    target=None,
                    fragment=frag,
                    reason="climbs out of the content root",
                )
            target = self.site.by_path.get(cand) or self._mounted_at(cand)
            if target is not None and self._is_page(target.path):
                return _page_link(raw, page, target, frag)
            if cand in self.site.files:
                return Link(raw, page, LinkKind.INTERNAL, Status.STATIC, target="/" + cand, fragment=frag)
        folded = self.by_path_folded.get(candidates[0].lower())
        if folded is not None and self._is_page(folded.path):
            return _page_link(raw, page, folded, frag)  # DocFX and Hugo find files ignoring case
        self._missing.add(candidates[0])
        return Link(
            raw,
            page,
            LinkKind.INTERNAL,
            Status.BROKEN,
            target=None,
            fragment=frag,
            reason=f"{_NO_FILE}{candidates[0]})",
        )

    def leave_generated(self, pages: Iterable[Page]) -> None:
        """Make each link of ``pages`` to a missing file that git ignores the build's to
        answer (see :attr:`ResolverConfig.ignores`): one question to git for all of them."""
        ignores = self.config.ignores
        if ignores is None or not self._missing:
            return
        unknown = sorted(path for path in self._missing if path not in self._git_ignored)
        if unknown:
            ignored = ignores(unknown)
            self._git_ignored.update({path: path in ignored for path in unknown})
        if not any(self._git_ignored[path] for path in self._missing):
            return
        for page in pages:
            page.links = [
                Link(link.raw, page, LinkKind.OTHER, scheme="generated") if self._generated(link) else link
                for link in page.links
            ]

    def _generated(self, link: Link) -> bool:
        """Whether a broken link reaches a missing file (or a place under a static folder)
        that git ignores."""
        if link.status is not Status.BROKEN or not link.reason:
            return False
        missing = missing_file(link)
        if missing is not None:
            return bool(self._git_ignored.get(missing))
        if link.reason == _NO_URL and link.target:
            places = [root + link.target.strip("/") for root in self.config.static_roots]
            return any(self._git_ignored.get(place) and not self._ignored_page(place) for place in places)
        return False

    def _ignored_page(self, place: str) -> bool:
        """Whether a page's source file sits at a place a URL names (``content/x`` for
        ``/x/``: ``content/x.md``, ``content/x/index.md``...): git ignores it there, so it is
        no page (a local draft), and a link to it is broken, not the build's to answer."""
        exists = self.config.exists
        if exists is None:
            return False
        for ext in self.config.page_extensions:
            if exists(place + ext) or any(exists(f"{place}/{name}{ext}") for name in INDEX_NAMES):
                return True
        return False

    def _is_page(self, path: str) -> bool:
        target = self.site.by_path.get(path)
        return target is not None and target.readable and target.unpublished_reason != "partial"

    def _shortcode(self, page: Page, raw: RawLink, kind: str, arg: str) -> Link:
        kind, _, lang = kind.partition("@")
        root = self.config.lang_roots.get(lang.lower(), page.root) if lang else page.root
        path, _, fragment = arg.partition("#")
        frag = fragment if fragment else None
        if not path:
            return _page_link(raw, page, page, frag)
        target: Page | None = None
        if kind == "post_url":
            target = self.by_stem.get(path.rsplit("/", 1)[-1])
        elif kind == "link":
            target = self.by_rel.get(page.root + path.lstrip("/")) or self.site.by_path.get(path)
        else:
            stripped = path.strip("/")
            here = posixpath.dirname(page.rel)
            tries = []
            if not path.startswith("/"):
                tries.append(posixpath.normpath(posixpath.join(here, stripped)))
            tries.append(stripped)
            if self.config.default_language:  # `roadmap.en.md`: the page roadmap.md is
                lang = f".{self.config.default_language}"
                tries += [
                    f"{b[: -len(lang)]}{e}" for b, e in map(posixpath.splitext, tries) if b.endswith(lang)
                ]
            for t in tries:
                for key in (t, posixpath.splitext(t)[0], *_logical(t)):
                    target = self._rel(root + key)
                    if target is None and self.fold_case:
                        target = self.by_rel_folded.get((root + key).lower())
                    if target:
                        break
                if target:
                    break
            if target is None:
                found = self.site.by_url.get(url_key(path if path.startswith("/") else "/" + path))
                target = found
            if target is None and "/" not in stripped:
                target = self._by_name(root, stripped)
        if target is None:
            return Link(
                raw,
                page,
                LinkKind.INTERNAL,
                Status.BROKEN,
                target=None,
                fragment=frag,
                reason=f"({kind}) resolves to no page",
            )
        return _page_link(raw, page, target, frag)


def _logical(path: str) -> tuple[str, ...]:
    """``a/b/_index.md`` (or ``a/b/index.md``) as Hugo's page path ``a/b``, which a leaf page
    ``a/b.md`` has too: its ``ref`` finds that page where no section or bundle is there."""
    base = posixpath.splitext(path)[0]
    for tail in ("/_index", "/index"):
        if base.endswith(tail) and len(base) > len(tail):
            return (base[: -len(tail)],)
    return ()


def _under_any(path: str, folders: tuple[str, ...]) -> bool:
    return any(path == f or path.startswith(f + "/") for f in folders)


#: A version's first segment (or a version alias mike sites use) before a path.
_VERSION = re.compile(r"/(?:latest|stable|dev|main|master|next|v?\d+(?:\.\d+)*(?:\.x)?)(?=/)", re.I)
#: The reason of a link to a file that is not there, before the file's repository path.
_NO_FILE = "points to no file ("
_NO_URL = "resolves to no page and no file"
#: the names of a folder's page (without extension)
INDEX_NAMES = ("_index", "index", "README", "readme")


def missing_file(link: Link) -> str | None:
    """The repository path of the missing file a broken link names, if it names one."""
    reason = link.reason or ""
    return reason[len(_NO_FILE) : -1] if reason.startswith(_NO_FILE) else None


#: Destinations whose resolution depends on the page's content root alone: an absolute
#: path (not "//host") or an http(s) URL, no space around it.
_PAGE_FREE = re.compile(r"(?:/(?!/)|https?://)\S*\Z")


#: A link's fields after ``raw`` and ``source``, in order: what a re-used resolution holds
_fields_after_source = attrgetter(*(f.name for f in fields(Link)[2:]))


def _page_link(
    raw: RawLink, page: Page, target: Page, frag: str | None, via_alias: str | None = None
) -> Link:
    """A link that reaches ``target`` (through ``via_alias`` when it used an old URL)."""
    return Link(
        raw,
        page,
        LinkKind.INTERNAL,
        Status.PAGE,
        target=target.url,
        target_page=target,
        fragment=frag,
        via_alias=via_alias,
    )


def _fill(template: str, m: object, text: str) -> str:
    slug = github_slug(text.strip())
    return fill(template, m, {"text": text, "slug": slug, "slug_singular": singular(slug)})
