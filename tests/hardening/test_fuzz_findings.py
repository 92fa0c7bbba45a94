"""Inputs the fuzz targets (fuzz/) found, kept as regression tests."""

from __future__ import annotations

import base64

import pytest

from linkpolicy.errors import PolicyError
from linkpolicy.policy.load import _load

POLICIES = [
    # an unknown top-level key containing "[" was taken for a pydantic tag: IndexError
    "c2l0ZToKICBiYXNlX3VybDogaHR0cGxlLmNvbV0KICBjb250ZW50OiBjb250ZW50LwogIGdlbmVyYXRvcjogaHVnbwog"
    "ICBjCm4gdGF0aWM6IltzdGF0aWhvbWU6IC8KICBzdA0KaWM6IFtzdGF0aWMvXQo=",
]


@pytest.mark.parametrize("encoded", POLICIES)
def test_policy_inputs_end_in_a_policy_error(encoded: str) -> None:
    with pytest.raises(PolicyError) as err:
        _load([("policies/site.yaml", base64.b64decode(encoded))], "policies", lambda rel: None, "policies")
    assert err.value.line > 0


def test_an_unknown_key_with_brackets_is_named() -> None:
    with pytest.raises(PolicyError, match=r"unknown key 'a\[b\]'"):
        _load([("policies/site.yaml", b"site: {}\na[b]: 1\n")], "policies", lambda rel: None, "policies")
