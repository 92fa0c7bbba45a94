"""What every generator module provides: the :class:`Generator` protocol.

A generator is a module (``hugo.py``, ``mkdocs.py`` ...) exposing these names, the way
pre-commit's language modules do; :data:`..GENERATORS` lists them. Nothing outside a
generator module branches on a generator's name: it asks the module.
"""

from __future__ import annotations

import json
import posixpath
from collections.abc import Container, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from ...content.genconfig import GeneratorConfig
from ...io import RefusedFile
from ...source import Source
from ..model import NavLink, Page, Site
from ..navigation.tree import SectionTree, build_tree
from ..options import SiteOptions
from ..urls import UrlInfo

if TYPE_CHECKING:
    from ...content.markdown import RawLink


@dataclass
class Detected:
    """What `init` proposes for a repository: the generator and the `site` keys it implies."""

    generator: str
    config: str | None
    base_url: str
    content: str
    home: str
    trailing_slash: bool | None = None
    #: content roots the config names (with their URL prefixes): the policy need not list them
    roots: list[str] = field(default_factory=list)
    #: more `site` keys the starter policy carries (e.g. Jekyll's exclude list)
    extra: dict[str, Any] = field(default_factory=dict)


class Generator(Protocol):
    """The names a generator module defines."""

    #: the name policies use (`site.generator`)
    NAME: str
    #: file extensions of pages
    PAGE_EXTENSIONS: tuple[str, ...]
    #: URLs end with "/" unless the policy or the config says otherwise
    TRAILING_SLASH: bool
    #: heading-id style (a key of ``content.slugs.SLUGIFIERS``)
    SLUG_STYLE: str
    #: the renderer turns bare URLs in text into links
    LINKIFY: bool
    #: page lookups ignore case (Hugo's GetPage)
    FOLD_CASE: bool
    #: a relative link that finds nothing is shown against the page URL (else against the file)
    RELATIVE_TO_URL: bool
    #: fragments match ids ignoring case (GitHub)
    FRAGMENTS_FOLD_CASE: bool
    #: a ``.md`` link that is no file beside the page is looked up from its content root
    MD_LINKS_FROM_ROOT: bool
    #: partials are read (unpublished): their ids count on the pages that include them
    PARSE_PARTIALS: bool
    #: `{#id}` attribute lists give headings and paragraphs ids
    ATTRIBUTES: bool
    #: template output tags are rendered before the Markdown is read (Jekyll's Liquid): a
    #: link's destination may then be one, spaces and all
    TEMPLATES_FIRST: bool
    #: front matter that cannot be read is no front matter: the build reads the page as it
    #: is, the block and all (MkDocs), where other generators fail
    LENIENT_FRONT_MATTER: bool
    #: a Markdown page's level-1 headings have ids (Docusaurus' theme renders them without)
    TITLE_IDS: bool
    #: DocFX's blocks written as links are none: a heading that links ``#tab/id`` starts a
    #: tab, a line ``[!code-lang[name](path)]`` takes in a file's code
    DOCFX_BLOCKS: bool
    #: files in dot-folders (.github/) are files links may target
    HIDDEN_FILES: bool
    #: a link to a folder is fine (GitHub lists it)
    FOLDER_LINKS: bool
    #: a root-relative link (``/x``) outside the base URL's path leaves the site for
    #: another on the same host (not one of the site's pages, found or missing)
    ROOT_LINKS_ON_HOST: bool
    #: the server answers a URL in any case: redirects and files are found ignoring case
    #: too (pages are, with FOLD_CASE)
    CASE_INSENSITIVE_URLS: bool

    #: names of its config file, tried in order in each folder :func:`locate_config` searches
    CONFIG_FILES: tuple[str, ...]
    #: the navigation sources (``NavLink.via``) of blocks of links on every page, which its
    #: navigation makes as the home page's links (``Site.sitewide``)
    SITEWIDE: frozenset[str]

    def read_config(self, source: Source, paths: list[str]) -> GeneratorConfig:
        """The generator's config files (repository paths; none: defaults), read. Every
        path in the result is relative to the repository root."""
        ...

    def route_prefix(self, root: str) -> str:
        """The URL prefix of a content root that no config names."""
        ...

    def is_partial(self, rel: str, config: GeneratorConfig, root: str = "") -> bool:
        """A file under content root ``root`` that is no page (a Docusaurus ``_partial.mdx``)."""
        ...

    def front_matter(
        self, rel: str, front: dict[str, Any], fronts: dict[str, dict[str, Any]], config: GeneratorConfig
    ) -> dict[str, Any]:
        """The page's effective front matter (``fronts``: every page of its root, by path
        without extension), e.g. with what Hugo's ``cascade`` hands down, or what Jekyll's
        config ``defaults`` give."""
        ...

    def included(self, path: str, text: str) -> list[str]:
        """Repository paths of the files the page at ``path`` includes (their ids count on it)."""
        ...

    def anchors(self, rel: str) -> set[str]:
        """Ids the generator's page template adds to the page at ``rel``."""
        ...

    def site_path(self, path: str) -> str:
        """A URL path on the site's base URL (after its path) as a path of the site."""
        ...

    def beyond_root(self, levels: int, rest: str) -> str | None:
        """Where the host takes a relative link that climbs ``levels`` folders above the
        repository's root, to ``rest``: "" for a page of the host's own (not checked), a
        repository path to check, None for nothing (GitHub's, for plain repositories)."""
        ...

    def listed_links(self, site: Site, options: SiteOptions, source: Source) -> dict[str, list[RawLink]]:
        """Page path -> the links the page shows that its text writes through a template
        once the site is known (a Hugo shortcode that lists a section's pages), beside
        those it writes itself."""
        ...

    def served(self, site: Site, options: SiteOptions) -> dict[str, str]:
        """URLs the generator builds from the pages beyond their own (Hugo's taxonomy and
        term pages) -> the path of a page that makes each."""
        ...

    def destination(self, dest: str, front: Mapping[str, Any], config: GeneratorConfig) -> str:
        """A link's destination as the generator's templates leave it on the page whose
        (effective) front matter is ``front`` (Jekyll fills in Liquid's ``{{ '/x/' |
        relative_url }}``, Hugo its ``param`` shortcode); a template left in it is not checked."""
        ...

    def unpublished(self, rel: str, front: dict[str, Any]) -> str | None:
        """Why the generator publishes no page for this file, beyond drafts and noindex."""
        ...

    def page_url(
        self,
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
        """The URL, aliases and extra lookup keys of the page at ``rel`` in content root
        ``root`` (``title``: its front-matter title or first heading, which some generators
        build URLs from; ``stems``: the root's files, paths without extension)."""
        ...

    #: named sources of navigation (`site.navigation`) the generator models
    NAVIGATION: tuple[str, ...]

    def default_navigation(self, config: GeneratorConfig) -> tuple[str, ...]:
        """The sources its standard templates and themes render, when the policy names none."""
        ...

    def navigation(
        self, site: Site, options: SiteOptions, source: Source, sources: Sequence[str]
    ) -> list[NavLink]:
        """The links the generator's templates make between pages, for the named ``sources``
        (``source``: the files, for what the templates read beside the pages, e.g. sidebars)."""
        ...

    def section_tree(self, pages: Iterable[Page]) -> SectionTree:
        """Published pages as the generator nests them (for declared navigation entries)."""
        ...

    def detect(self, root: Path, config: str | None) -> Detected | None:
        """What `init` proposes for the site whose config is ``config`` (a repository path,
        None where none was found), or None when this is not the generator's site."""
        ...


def no_anchors(rel: str) -> set[str]:
    return set()


def same_path(path: str) -> str:
    return path


def nothing_beyond_root(levels: int, rest: str) -> str | None:
    return None


def same_destination(dest: str, front: Mapping[str, Any], config: GeneratorConfig) -> str:
    return dest


def none_served(site: Site, options: SiteOptions) -> dict[str, str]:
    return {}


def no_includes(path: str, text: str) -> list[str]:
    return []


def no_listed_links(site: Site, options: SiteOptions, source: Source) -> dict[str, list[RawLink]]:
    return {}


def no_navigation(site: Site, options: SiteOptions, source: Source, sources: Sequence[str]) -> list[NavLink]:
    return []


def no_default_navigation(config: GeneratorConfig) -> tuple[str, ...]:
    return ()


def folder_tree(pages: Iterable[Page]) -> SectionTree:
    """Every folder a section, its ``index``/``README``/``_index`` file the section page."""
    return build_tree(
        [p for p in pages if p.published and p.readable and p.url],
        is_section_page=lambda rel: (
            posixpath.splitext(posixpath.basename(rel))[0].lower() in ("index", "readme", "_index")
        ),
    )


def same_front(
    rel: str, front: dict[str, Any], fronts: dict[str, dict[str, Any]], config: GeneratorConfig
) -> dict[str, Any]:
    return front


def not_partial(rel: str, config: GeneratorConfig, root: str = "") -> bool:
    return False


def no_prefix(root: str) -> str:
    return ""


def no_reason(rel: str, front: dict[str, Any]) -> str | None:
    return None


#: folders a generator's config is looked for in, after the repository root and the
#: folders beside the content roots (``docs/<lang>/`` are the subfolders of ``docs/``)
SEARCH_DIRS = ("website", "docs", "docs/*", "config/_default", "site")
#: the language whose config wins where every language has one (docs/<lang>/mkdocs.yml)
PREFERRED_LANGS = ("en", "en-us", "en-US")


#: where a Microsoft Learn repository lists the docsets it publishes, each from a folder
#: (``build_source_folder``) holding its docfx.json
PUBLISH_CONFIG = ".openpublishing.publish.config.json"


def load_json_object(source: Source, path: str) -> dict[str, Any]:
    """A JSON file as a mapping, read as .NET tools read their config (Newtonsoft.Json
    takes comments and trailing commas: DocFX builds docfx.json files that have them);
    empty where it does not parse or is no object. Strict JSON is tried first (the
    common case, and the fast one)."""
    try:
        text = source.read(path).decode("utf-8-sig")
    except RefusedFile:
        raise
    except (OSError, UnicodeDecodeError):
        return {}
    try:
        data = json.loads(text)
    except ValueError:
        import pyjson5

        try:
            data = pyjson5.loads(text)
        except (pyjson5.Json5Exception, ValueError, RecursionError):
            return {}
    return data if isinstance(data, dict) else {}


def one_or_many(value: Any) -> list[Any]:
    """A config value written as one string or as a list, as a list (anything else: none)."""
    return [value] if isinstance(value, str) else list(value) if isinstance(value, list) else []


def as_dict(value: Any) -> dict[str, Any]:
    """A config value that should be a mapping, as one (anything else: an empty one)."""
    return value if isinstance(value, dict) else {}


def has_file(source: Source, path: str) -> bool:
    """Whether ``source`` holds a file it can read at ``path``."""
    try:
        source.read(path)
    except OSError:
        return False
    return True


def _docset_folders(source: Source) -> list[str]:
    """The folders of the docsets :data:`PUBLISH_CONFIG` lists (none without one)."""
    docsets = load_json_object(source, PUBLISH_CONFIG).get("docsets_to_publish")
    folders = []
    for docset in docsets if isinstance(docsets, list) else []:
        folder = docset.get("build_source_folder") if isinstance(docset, dict) else None
        if isinstance(folder, str) and (folder := posixpath.normpath(folder.strip("/"))) not in (".", ""):
            if not folder.startswith("../"):
                folders.append(folder)
    return folders


def locate_config(source: Source, names: tuple[str, ...], roots: Sequence[str] = ()) -> str | None:
    """The repository path of the first file named ``names`` in the usual places:
    the root, each content root and the folders above it, the folders of the docsets a
    Microsoft Learn repository publishes, then :data:`SEARCH_DIRS` (each with Hugo's
    ``config/_default/``); where none has one, each top-level folder (a site kept in
    ``docsy.dev/``). Never under ``node_modules`` or a dot-folder."""
    if not names:
        return None
    for wide in (False, True):
        for folder in _search_dirs(source, roots, wide):
            for name in names:
                path = posixpath.join(folder, name) if folder else name
                try:
                    source.read(path)
                except RefusedFile:
                    raise  # there, but outside the repository or not a regular file: say so
                except OSError:
                    continue
                return path
    return None


def _search_dirs(source: Source, roots: Sequence[str], wide: bool = False) -> Iterator[str]:
    """The folders a config is looked for in (see :func:`locate_config`); ``wide``: the
    top-level folders only (the fallback)."""
    seen: set[str] = set()
    candidates: list[str] = []
    if wide:
        candidates = _subfolders(source, "")
    else:
        candidates = [""]
        for root in roots:
            parts = root.strip("/").split("/")
            candidates += ["/".join(parts[:i]) for i in range(len(parts) - 1, 0, -1)] + [root.strip("/")]
        candidates += [*_docset_folders(source), *SEARCH_DIRS]
    for folder in dict.fromkeys(candidates):
        for found in _subfolders(source, folder[:-2]) if folder.endswith("/*") else [folder]:
            for place in (found, posixpath.join(found, "config/_default")) if found else (found,):
                if place not in seen and not _hidden(place):
                    seen.add(place)
                    yield place


def find_configs(source: Source, names: dict[str, tuple[str, ...]]) -> list[tuple[str, str]]:
    """Every (generator, config path) in the places :func:`locate_config` searches; the
    per-language configs of one site (``docs/<lang>/mkdocs.yml``) count once."""
    found: list[tuple[str, str]] = []
    sites: set[tuple[str, str]] = set()
    for wide in (False, True):
        for folder in _search_dirs(source, (), wide):
            for gen, files in names.items():
                for name in files:
                    path = posixpath.join(folder, name) if folder else name
                    if name.startswith("config.") and folder and not folder.endswith("config/_default"):
                        continue  # a config.yml elsewhere is seldom Hugo's
                    if not has_file(source, path):
                        continue
                    key = (gen, posixpath.dirname(folder) if folder.startswith("docs/") else folder)
                    if key not in sites:
                        sites.add(key)
                        found.append((gen, path))
                    break
        if found:
            break
    return found


def _subfolders(source: Source, folder: str) -> list[str]:
    """The folders right under ``folder`` ("": the repository's top-level folders), the
    preferred languages first."""
    if folder and not source.is_dir(folder):
        return []
    depth = folder.count("/") + 1 if folder else 0
    found = sorted({p.split("/")[depth] for p in source.files(folder) if p.count("/") > depth})
    found.sort(key=lambda name: name not in PREFERRED_LANGS)
    return [f"{folder}/{name}" if folder else name for name in found]


def _hidden(folder: str) -> bool:
    return any(part.startswith(".") or part == "node_modules" for part in folder.split("/") if part)


def in_dir(folder: str, path: str) -> str:
    """``path`` (relative to ``folder``, may climb with ``..``) relative to the repository root."""
    joined = posixpath.normpath(posixpath.join(folder, path))
    return "" if joined == "." else joined
