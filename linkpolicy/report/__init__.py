"""Reporters: pure functions from a Report to text, one module per format."""

from __future__ import annotations

from collections.abc import Callable

from ..findings import Report
from . import json_format, text

Reporter = Callable[[Report], str]

REPORTERS: dict[str, Reporter] = {
    "text": text.render,
    "json": json_format.render,
}

__all__ = ["REPORTERS", "Reporter"]
