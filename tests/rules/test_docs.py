"""Every rule explains itself the same way (ruff's four headings) and declares its
id, scope and default severity; a link rule returns its findings (the engine calls it
for every link of a site, and a generator would cost each call an object)."""

from __future__ import annotations

import inspect

import pytest

from linkpolicy.findings import Severity
from linkpolicy.rules import RULES, documentation, options_model, summary


@pytest.mark.parametrize("rule_id", sorted(RULES))
def test_rule_module_shape(rule_id: str) -> None:
    module = RULES[rule_id]
    assert module.ID == rule_id
    assert module.SCOPE in ("link", "page", "site", "policy", "diff")
    assert isinstance(module.DEFAULT, Severity)
    if module.SCOPE == "link":  # called for every link of a site: a sequence, not a generator
        assert not inspect.isgeneratorfunction(module.check)
    assert summary(module) and not summary(module).endswith(" ")
    doc = documentation(module)
    positions = [
        doc.find(h) for h in ("## What it does", "## Why is this bad?", "## Example", "## Use instead")
    ]
    assert -1 not in positions and positions == sorted(positions)
    fields = options_model(module).model_fields
    if fields:
        assert "## Options" in doc
        for name in fields:
            assert f"`{name}`" in doc


def test_module_file_names_follow_ids() -> None:
    for rule_id, module in RULES.items():
        assert module.__name__.rsplit(".", 1)[1] == rule_id.replace("-", "_")
