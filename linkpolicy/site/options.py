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
        for (root, code), virtual in self.name_roots.items():
            merged[virtual] = merged.get(root, "").rstrip("/") + self.config.filename_languages[code]
        return merged

    @property
    def lang_roots(self) -> dict[str, str]:
        out = {k: norm_root(v) for k, v in self.config.lang_roots.items()}
        for (_root, code), virtual in self.name_roots.items():
            out.setdefault(code, virtual)
        return out

    @property
    def name_roots(self) -> dict[tuple[str, str], str]:
        """Hugo's translations by file name: (shared content root, language) -> the root its
        pages are placed in (a name of the model's own, see :func:`language_root`). A root is
        shared where no language has it as its own ``contentDir``."""
        languages = self.config.filename_languages
        if not languages:
            return {}
        own = {norm_root(v) for v in self.config.lang_roots.values()}
        return {
            (r, code): language_root(r, code)
            for r in self.content_roots
            if r not in own
            for code in languages
        }


def language_root(root: str, code: str) -> str:
    """The content root of a language's pages named for it in ``root`` (``about.fr.md``):
    no folder of the repository (a dot name, which content discovery passes by)."""
    return f"{root}.{code}/"


def norm_root(value: str) -> str:
    """A folder relative to the repository root: "" or ending with "/"."""
    value = posixpath.normpath(value.replace("\\", "/")).lstrip("/")
    return "" if value in (".", "") else value.rstrip("/") + "/"
