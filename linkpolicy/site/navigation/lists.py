"""A list the build spreads over pages (a blog's posts, a section's pages): what each of
its pages shows. Its pages after the first have no source file (``Site.generated``)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

T = TypeVar("T")


def pages_of(items: Sequence[T], per_page: int | None) -> list[list[T]]:
    """``items`` as a paginated list shows them: ``per_page`` a page (every one on one page
    when None), and one empty page when there are none."""
    if not per_page:
        return [list(items)]
    return [list(items[i : i + per_page]) for i in range(0, len(items), per_page)] or [[]]
