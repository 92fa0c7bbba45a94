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

_HOME = {
    "LoadedPolicy": "load",
    "format_loc": "load",
    "load_policies": "load",
    "load_policies_from": "load",
    "find_policy_dir": "where",
    **dict.fromkeys(
        [
            "Anchors",
            "AnchorTarget",
            "Approval",
            "Block",
            "Cluster",
            "DomainsSection",
            "Entity",
            "Guardrails",
            "Policy",
            "RulesSection",
            "Site",
        ],
        "models",
    ),
}

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


def __getattr__(name: str) -> Any:
    home = _HOME.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{home}", __name__), name)
    globals()[name] = value
    return value
