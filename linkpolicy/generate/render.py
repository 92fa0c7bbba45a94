"""Render a block's Jinja template in a sandbox, from plain data only.

Context: ``links`` (each with ``url``, ``title``, ``path``, ``cluster``), ``page``
(``url``, ``title``, ``path``, ``clusters``) and ``block`` (``name``, ``select``,
``limit``). Undefined names are errors, so a typo in a template fails loudly. Block
tags alone on a line leave no blank line (``trim_blocks`` and ``lstrip_blocks``).
"""

from __future__ import annotations

from typing import Any

from jinja2 import StrictUndefined, TemplateError
from jinja2.sandbox import SandboxedEnvironment

from ..errors import PolicyError

# trim_blocks/lstrip_blocks: a tag alone on its line leaves no blank line behind, which is
# what Markdown templates want.
_ENV = SandboxedEnvironment(
    undefined=StrictUndefined,
    keep_trailing_newline=True,
    autoescape=False,
    trim_blocks=True,
    lstrip_blocks=True,
)


def render(source: str, template_name: str, context: dict[str, Any]) -> str:
    try:
        template = _ENV.from_string(source)
        return template.render(**context)
    except TemplateError as exc:
        line = getattr(exc, "lineno", 0) or 0
        raise PolicyError(template_name, f"template error: {exc}", line) from None
