"""Reporters: pure functions from a Report to text, one module per format."""

from __future__ import annotations

from collections.abc import Callable

from ..findings import Report
from . import github, gitlab, json_format, junit, markdown, sarif, text

Reporter = Callable[[Report], str]

REPORTERS: dict[str, Reporter] = {
    "text": text.render,
    "json": json_format.render,
    "sarif": sarif.render,
    "github": github.render,
    "markdown": markdown.render,
    "gitlab": gitlab.render,
    "junit": junit.render,
}

__all__ = ["REPORTERS", "Reporter"]
