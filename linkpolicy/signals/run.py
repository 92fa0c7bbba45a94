"""Signals attached to an analysis: read the files, join them to its site."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from .join import hosts_of, join
from .model import SignalsResult
from .sources import read_all

if TYPE_CHECKING:
    from ..analysis import Analysis


def attach(
    analysis: Analysis,
    paths: Sequence[Path],
    columns: dict[str, str] | None = None,
    engine: str = "auto",
    top: int = 20,
) -> SignalsResult:
    """Read ``paths`` (files or folders of logs and exports), join them to the analysis'
    pages and clusters, and keep the result on the analysis for the signal rules."""
    collector, notes, log_end = read_all(paths, columns, engine)
    spec = analysis.policy.policy.site
    result = join(
        collector,
        analysis.site,
        analysis.graph,
        analysis.clusters,
        hosts_of(spec.base_url, list(spec.hosts)),
        log_end,
        top,
    )
    result.notes = notes + result.notes
    analysis.signals = result
    return result
