"""The JSON Schema of a policy file, for editors: the policy models, with the ``rules``
section spelled out from the rule registry (which is why it lives above both)."""

from __future__ import annotations

from typing import Any

from .policy import Policy
from .rules import RULES, options_model, summary


def policy_json_schema() -> dict[str, Any]:
    """The JSON Schema of one policy file, for editors.

    Every section is optional here: a policy directory splits its sections over files
    (``site`` is required across the directory, which ``load_policies`` checks). The
    ``rules`` section is described in the form people write: ``RULE: SEVERITY`` or
    ``RULE: {severity: ..., OPTION: ...}`` next to ``ignore``.
    """
    schema = Policy.model_json_schema()
    schema.pop("required", None)
    schema["properties"]["rules"] = _rules_schema(schema.setdefault("$defs", {}))
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "linkpolicy policy file"
    return schema


def _rules_schema(defs: dict[str, Any]) -> dict[str, Any]:
    severity = {"enum": ["off", "info", "warning", "error"]}
    properties: dict[str, Any] = {
        "ignore": {"type": "array", "items": {"$ref": "#/$defs/RuleIgnore"}},
        "settings": {"type": "object", "additionalProperties": {"$ref": "#/$defs/RuleSetting"}},
    }
    for rule_id, module in RULES.items():
        options = options_model(module).model_json_schema(ref_template="#/$defs/{model}")
        defs.update(options.pop("$defs", {}))
        detailed = {
            "type": "object",
            "properties": {"severity": severity, **options.get("properties", {})},
            "additionalProperties": False,
        }
        properties[rule_id] = {
            "description": summary(module),
            "anyOf": [severity, {"const": False}, {"type": "null"}, detailed],
        }
    return {
        "type": "object",
        "description": "rule severities and options, and findings to ignore",
        "properties": properties,
        "additionalProperties": False,
    }
