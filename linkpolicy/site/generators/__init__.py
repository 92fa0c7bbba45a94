"""The generators linkpolicy understands, one module each; :data:`GENERATORS` is the only
list of them (in the order `init` tries to detect them: ``plain`` always fits, so last)."""

from __future__ import annotations

import importlib
from collections.abc import Iterator, Mapping
from typing import Any

from ...content.genconfig import GeneratorConfig
from ..urls import UrlInfo
from ._base import Detected, Generator, find_configs, locate_config


class _Registry(Mapping[str, Generator]):
    """name -> generator module, each imported when first asked for (a run reads one)."""

    def __init__(self, names: tuple[str, ...]) -> None:
        self._names = names

    def __getitem__(self, name: str) -> Generator:
        if name not in self._names:
            raise KeyError(name)
        return importlib.import_module(f".{name}", __name__)  # type: ignore[return-value]

    def __iter__(self) -> Iterator[str]:
        return iter(self._names)

    def __len__(self) -> int:
        return len(self._names)


GENERATORS: Mapping[str, Generator] = _Registry(("hugo", "mkdocs", "docusaurus", "jekyll", "docfx", "plain"))


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
