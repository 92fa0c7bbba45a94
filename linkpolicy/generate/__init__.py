"""Managed link blocks: select links, render them through Jinja, splice them into pages."""

from .plan import BlockChange, plan_blocks

__all__ = ["BlockChange", "plan_blocks"]
