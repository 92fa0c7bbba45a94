"""linkpolicy: a GitOps link-policy linter for Markdown sites."""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__", "check"]


def check(*args, **kwargs):  # type: ignore[no-untyped-def]
    """Lint a site; see :func:`linkpolicy.api.check`."""
    from .api import check as _check

    return _check(*args, **kwargs)
