"""The rule registry: every rule module, listed explicitly, by id."""

from __future__ import annotations

from types import ModuleType

from . import (
    anchor_length,
    anchor_over_optimized,
    broken_fragment,
    broken_link,
    click_depth,
    cluster_depth,
    crawl_starved_hub,
    dead_end_page,
    deep_valuable_page,
    domain_denied,
    domain_unlisted,
    empty_anchor,
    entity_unlinked,
    expired_approval,
    forbidden_anchor,
    generic_anchor,
    guardrail_breach,
    hub_authority,
    hub_coverage,
    hub_missing_link,
    insecure_link,
    invalid_page,
    link_to_redirect,
    link_to_unpublished,
    missing_rel,
    navigation_only_page,
    nofollow_internal,
    orphan_page,
    page_not_built,
    policy_review_due,
    self_link,
    stale_graph_snapshot,
    stale_link_block,
    too_many_links,
    traffic_orphan,
    unapproved_link,
    unclustered_page,
    unindexed_hub,
    unreachable_page,
    unread_navigation,
    unused_ignore,
)
from ._base import Options, RuleContext

_MODULES: tuple[ModuleType, ...] = (
    # per link
    broken_link,
    broken_fragment,
    link_to_redirect,
    link_to_unpublished,
    nofollow_internal,
    empty_anchor,
    generic_anchor,
    anchor_length,
    forbidden_anchor,
    domain_denied,
    domain_unlisted,
    missing_rel,
    insecure_link,
    self_link,
    unapproved_link,
    # per page and graph
    orphan_page,
    unreachable_page,
    navigation_only_page,
    page_not_built,
    click_depth,
    dead_end_page,
    too_many_links,
    hub_missing_link,
    hub_coverage,
    hub_authority,
    cluster_depth,
    unclustered_page,
    anchor_over_optimized,
    entity_unlinked,
    # signals (`--signals`)
    crawl_starved_hub,
    unindexed_hub,
    traffic_orphan,
    deep_valuable_page,
    # content
    invalid_page,
    unread_navigation,
    # GitOps
    stale_link_block,
    stale_graph_snapshot,
    guardrail_breach,
    # governance
    expired_approval,
    policy_review_due,
    # the policy itself
    unused_ignore,
)

RULES: dict[str, ModuleType] = {mod.ID: mod for mod in _MODULES}

#: rules that check one link at a time (a page's findings of them read only its links, and
#: of a link's target only its URL, front matter and anchors)
LINK_RULES = frozenset(rule for rule, module in RULES.items() if module.SCOPE == "link")

#: rules that read imported signals (silent without them)
SIGNAL_RULES = (crawl_starved_hub.ID, unindexed_hub.ID, traffic_orphan.ID, deep_valuable_page.ID)


def options_model(module: ModuleType) -> type[Options]:
    return getattr(module, "Options", Options)


def summary(module: ModuleType) -> str:
    """The first line of a rule's docstring."""
    return (module.__doc__ or "").strip().splitlines()[0]


def documentation(module: ModuleType) -> str:
    """Everything after the first line of a rule's docstring."""
    doc = (module.__doc__ or "").strip()
    return doc.split("\n", 1)[1].strip() if "\n" in doc else ""


__all__ = ["RULES", "SIGNAL_RULES", "Options", "RuleContext", "documentation", "options_model", "summary"]
