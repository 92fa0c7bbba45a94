"""Managed link blocks: select links, render them through Jinja, splice them into pages."""

from .plan import BlockChange, Plan, Refusal, StaleBlock, page_writes, plan_blocks

__all__ = ["BlockChange", "Plan", "Refusal", "StaleBlock", "page_writes", "plan_blocks"]
