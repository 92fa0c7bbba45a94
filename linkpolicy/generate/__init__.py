"""Managed link blocks: select links, render them through Jinja, splice them into pages."""

from .plan import BlockChange, Plan, Refusal, StaleBlock, page_writes, plan_blocks, planned_writes

__all__ = ["BlockChange", "Plan", "Refusal", "StaleBlock", "page_writes", "plan_blocks", "planned_writes"]
