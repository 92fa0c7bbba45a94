"""The settings a site is built with: the policy's `site` section over the generator's config."""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field

from ..content.genconfig import GeneratorConfig
from .hosting import HostRules


@dataclass
class SiteOptions:
    """Generator settings that come from the policy and the generator's config files."""

    generator: str
    content_roots: list[str]  # relative to the repo root, "" or ending with "/"
    static_roots: list[str]
    exclude: list[str]
    trailing_slash: bool
    slug_style: str
    append: list[str]
    #: what the generator's config file says (redirects, languages, navigation, ...)
    config: GeneratorConfig = field(default_factory=GeneratorConfig)
    #: content root -> URL prefix the policy gives (`content: [{path, url}]`)
    prefixes: dict[str, str] = field(default_factory=dict)
    #: the policy's entities: each one's name, then its aliases (their mentions are found while parsing)
    entities: tuple[tuple[str, ...], ...] = ()
    #: the host's redirects and rewrites (Netlify, Vercel), see :mod:`.hosting`
    host_rules: HostRules = field(default_factory=HostRules)

    @property
    def root_prefixes(self) -> dict[str, str]:
        """Content root -> URL prefix (Hugo languages, Docusaurus versions and route bases),
        the policy's over the config's."""
        merged = {norm_root(k): v for k, v in self.config.root_prefixes.items()}
        merged.update({norm_root(k): "" if v.strip("/") == "" else v for k, v in self.prefixes.items()})
        return merged

    @property
    def lang_roots(self) -> dict[str, str]:
        return {k: norm_root(v) for k, v in self.config.lang_roots.items()}


def norm_root(value: str) -> str:
    """A folder relative to the repository root: "" or ending with "/"."""
    value = posixpath.normpath(value.replace("\\", "/")).lstrip("/")
    return "" if value in (".", "") else value.rstrip("/") + "/"
