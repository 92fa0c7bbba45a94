"""Policy files: pydantic models of every section, loaded with positions for errors.

Names are imported on first use, so that importing :mod:`.where` (the policy directory,
found without reading it) does not build the models."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .load import LoadedPolicy, format_loc, load_policies, load_policies_from
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
    from .where import find_policy_dir

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


# the module each name lives in; the rest are models
_HOME = dict.fromkeys(["LoadedPolicy", "format_loc", "load_policies", "load_policies_from"], "load")
_HOME["find_policy_dir"] = "where"


def __getattr__(name: str) -> Any:
    if name not in __all__:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{_HOME.get(name, 'models')}", __name__), name)
    globals()[name] = value
    return value
