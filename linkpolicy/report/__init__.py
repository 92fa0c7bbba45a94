"""Reporters: pure functions from a Report to text, one module per format."""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator, Mapping
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..findings import Report

Reporter = Callable[["Report"], str]

#: format name -> module of this package whose ``render`` writes it
FORMATS = {
    "text": "text",
    "json": "json_format",
    "sarif": "sarif",
    "github": "github",
    "markdown": "markdown",
    "gitlab": "gitlab",
    "junit": "junit",
}


class _Reporters(Mapping[str, Reporter]):
    """Format name -> render function; a reporter's module (some read the rule registry)
    is imported when its format is first looked up, so the command line starts light."""

    def __getitem__(self, fmt: str) -> Reporter:
        return importlib.import_module(f"{__name__}.{FORMATS[fmt]}").render

    def __iter__(self) -> Iterator[str]:
        return iter(FORMATS)

    def __len__(self) -> int:
        return len(FORMATS)


REPORTERS: Mapping[str, Reporter] = _Reporters()

__all__ = ["FORMATS", "REPORTERS", "Reporter"]
