"""Policy files: pydantic models of every section, loaded with positions for errors."""

from __future__ import annotations

from .load import LoadedPolicy, find_policy_dir, format_loc, load_policies, load_policies_from
from .models import (
    Anchors,
    AnchorTarget,
    Approval,
    Block,
    Cluster,
    DomainsSection,
    Entity,
    Guardrails,
    Policy,
    RulesSection,
    Site,
)

__all__ = [
    "AnchorTarget",
    "Anchors",
    "Approval",
    "Block",
    "Cluster",
    "DomainsSection",
    "Entity",
    "Guardrails",
    "LoadedPolicy",
    "Policy",
    "RulesSection",
    "Site",
    "find_policy_dir",
    "format_loc",
    "load_policies",
    "load_policies_from",
]
