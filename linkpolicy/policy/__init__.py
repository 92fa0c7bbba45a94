"""Policy files: pydantic models of every section, loaded with positions for errors."""

from __future__ import annotations

from typing import Any

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


def policy_json_schema() -> dict[str, Any]:
    """The JSON Schema of a merged policy (all files' sections together)."""
    schema = Policy.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "linkpolicy policy"
    return schema


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
    "policy_json_schema",
    "load_policies_from",
]
