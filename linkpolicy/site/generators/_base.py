"""What every generator module provides: the :class:`Generator` protocol.

A generator is a module (``hugo.py``, ``mkdocs.py`` ...) exposing these names, the way
pre-commit's language modules do; :data:`..GENERATORS` lists them. Nothing outside a
generator module branches on a generator's name: it asks the module.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from ...content.genconfig import GeneratorConfig
from ...source import Source
from ..model import NavLink, Site
from ..options import SiteOptions
from ..urls import UrlInfo


@dataclass
class Detected:
    """What `init` proposes for a repository: the generator and the `site` keys it implies."""

    generator: str
    config: str | None
    base_url: str
    content: str
    home: str
    trailing_slash: bool | None = None
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

    def read_config(self, source: Source) -> GeneratorConfig:
        """The generator's config file in ``source``, read (empty when there is none)."""
        ...

    def route_prefix(self, root: str) -> str:
        """The URL prefix of a content root that no config names."""
        ...

    def is_partial(self, rel: str, config: GeneratorConfig) -> bool:
        """A file under a content root that is no page (a Docusaurus ``_partial.mdx``)."""
        ...

    def front_matter(
        self, rel: str, front: dict[str, Any], fronts: dict[str, dict[str, Any]]
    ) -> dict[str, Any]:
        """The page's effective front matter (``fronts``: every page of its root, by path
        without extension), e.g. with what Hugo's ``cascade`` hands down."""
        ...

    def unpublished(self, rel: str, front: dict[str, Any]) -> str | None:
        """Why the generator publishes no page for this file, beyond drafts and noindex."""
        ...

    def page_url(
        self, rel: str, front: dict[str, Any], *, slash: bool, prefix: str, config: GeneratorConfig
    ) -> UrlInfo:
        """The page's URL, aliases and extra lookup keys."""
        ...

    def navigation(self, site: Site, options: SiteOptions, source: Source) -> list[NavLink]:
        """The links the generator's templates make between pages (``source``: the files,
        for what the templates read beside the pages, e.g. sidebars)."""
        ...

    def detect(self, root: Path) -> Detected | None:
        """What `init` proposes when ``root`` holds this generator's site, else None."""
        ...


def no_navigation(site: Site, options: SiteOptions, source: Source) -> list[NavLink]:
    return []


def same_front(rel: str, front: dict[str, Any], fronts: dict[str, dict[str, Any]]) -> dict[str, Any]:
    return front


def not_partial(rel: str, config: GeneratorConfig) -> bool:
    return False


def no_prefix(root: str) -> str:
    return ""


def no_reason(rel: str, front: dict[str, Any]) -> str | None:
    return None
