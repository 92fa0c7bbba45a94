"""The generators linkpolicy understands, one module each; :data:`GENERATORS` is the only
list of them (in the order `init` tries to detect them: ``plain`` always fits, so last)."""

from __future__ import annotations

from typing import Any

from ...content.genconfig import GeneratorConfig
from ..urls import UrlInfo
from . import docfx, docusaurus, hugo, jekyll, mkdocs, plain
from ._base import Detected, Generator, find_configs, locate_config

GENERATORS: dict[str, Generator] = {
    "hugo": hugo,
    "mkdocs": mkdocs,
    "docusaurus": docusaurus,
    "jekyll": jekyll,
    "docfx": docfx,
    "plain": plain,
}


def page_url(
    name: str,
    rel: str,
    front: dict[str, Any],
    *,
    slash: bool,
    prefix: str = "",
    config: GeneratorConfig | None = None,
    title: str = "",
) -> UrlInfo:
    """The URL of the page at ``rel`` (relative to its content root) under generator ``name``."""
    return GENERATORS[name].page_url(
        rel, front, slash=slash, prefix=prefix, config=config or GeneratorConfig(), title=title
    )


__all__ = ["GENERATORS", "Detected", "Generator", "find_configs", "locate_config", "page_url"]
