"""Render a block's Jinja template in a sandbox, from plain data only.

Context: ``links`` (each with ``url``, ``title``, ``path``, ``cluster``), ``page``
(``url``, ``title``, ``path``, ``clusters``) and ``block`` (``name``, ``select``,
``limit``). Undefined names are errors, so a typo in a template fails loudly. Block
tags alone on a line leave no blank line (``trim_blocks`` and ``lstrip_blocks``).
"""

from __future__ import annotations

import functools
from typing import Any

from ..errors import PolicyError


@functools.cache
def _environment() -> Any:
    """The sandbox, made (and jinja2 imported) on first use: a run that writes no block
    never loads it."""
    from jinja2 import StrictUndefined
    from jinja2.sandbox import SandboxedEnvironment

    # trim_blocks/lstrip_blocks: a tag alone on its line leaves no blank line behind, which
    # is what Markdown templates want.
    return SandboxedEnvironment(
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        autoescape=False,
        trim_blocks=True,
        lstrip_blocks=True,
    )


@functools.lru_cache(maxsize=64)
def _compiled(source: str) -> Any:
    """``source`` compiled once: a block is rendered on every page it covers, and compiling
    a template costs twenty renderings of it (an error is raised, and not kept)."""
    return _environment().from_string(source)


def render(source: str, template_name: str, context: dict[str, Any]) -> str:
    from jinja2 import TemplateError

    try:
        template = _compiled(source)
        return template.render(**context)
    except TemplateError as exc:
        line = getattr(exc, "lineno", 0) or 0
        raise PolicyError(template_name, f"template error: {exc}", line) from None
