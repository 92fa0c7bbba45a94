"""Inputs the fuzz targets (fuzz/) found, kept as regression tests."""

from __future__ import annotations

import base64

import pytest

from linkpolicy.content.frontmatter import parse_front_matter
from linkpolicy.content.genconfig import read_yaml
from linkpolicy.errors import PolicyError
from linkpolicy.policy.load import _load

POLICIES = [
    # an unknown top-level key containing "[" was taken for a pydantic tag: IndexError
    "c2l0ZToKICBiYXNlX3VybDogaHR0cGxlLmNvbV0KICBjb250ZW50OiBjb250ZW50LwogIGdlbmVyYXRvcjogaHVnbwog"
    "ICBjCm4gdGF0aWM6IltzdGF0aWhvbWU6IC8KICBzdA0KaWM6IFtzdGF0aWMvXQo=",
]
READER_ASSERTS = (
    # ruamel.yaml's composer fails an assertion on this document
    "ZDRvbWluczoNCgoKICAgISNkIzRvDQptaW5zOg0KCgogICAhI2QjZDNvbXNpdGU6CiAgYmFzZV91YW5jaDogaHR0cHM6Ly9ibG9n"
    "LmV4YW1wbGUubmVyCi4uLmlucjoKLQ0KCgogIEEgISNvM29taW5zOgotDQoKCiAgIHwgICNtcGwhZDNvbXNpbHRlOgogIGJhc2Vf"
    "dWFuY2hvcmw6IGh0dHBzOi8vYmxvZy5leGFtcGxlLm5lcgouLi5pbnI6Ci0NCgoKICBBIGU6YSA6OiEjbzRvbWluczoKLQ0KCgog"
    "ICAhOjo6Oj8ybyA6MSA6IAogI29v"
)
READER_NOT_IMPLEMENTED = (
    # ruamel.yaml's round-trip parser: NotImplementedError("overlap in comment")
    "ZG9tYWluOiAgIWU6CgogIGIgdGU6ICAhZQoKOiAgYjsgICFlOgoKb21haW46ICAhZToKCiAgYg0KZTogICNlOgoKICAuLi4gIQoK"
    "OiAgYjsgICFlOgoKb21ha246ICAhZToKCjoKIFNTTVNTU1NTU1NTU1NTU1NvdQ0KbGVdczoKICB0ICBzOgog"
)
RAW = [
    # a mapping as a mapping key: TypeError (unhashable) from the YAML constructor
    b"domains:\n  outbound:\n  ? allow: [a.example]\n    deny: [b.example]\n",
    b"site:\n  base_url: https://example.org\nwhen: 2024-02-30\n",
]


@pytest.mark.parametrize("encoded", POLICIES)
def test_policy_inputs_end_in_a_policy_error(encoded: str) -> None:
    with pytest.raises(PolicyError) as err:
        _load([("policies/site.yaml", base64.b64decode(encoded))], "policies", lambda rel: None, "policies")
    assert err.value.line > 0


@pytest.mark.parametrize("encoded", [READER_ASSERTS, READER_NOT_IMPLEMENTED])
def test_yaml_the_reader_fails_on_is_an_error_everywhere(encoded: str) -> None:
    data = base64.b64decode(encoded)
    with pytest.raises(PolicyError, match="invalid YAML"):
        _load([("policies/site.yaml", data)], "policies", lambda rel: None, "policies")
    assert read_yaml(data) == {}
    assert parse_front_matter(["---", *data.decode().split("\n"), "---"]).error


@pytest.mark.parametrize("data", RAW)
def test_policy_yaml_the_constructor_refuses_is_a_policy_error(data: bytes) -> None:
    with pytest.raises(PolicyError, match="invalid YAML"):
        _load([("policies/site.yaml", data)], "policies", lambda rel: None, "policies")


def test_an_unknown_key_with_brackets_is_named() -> None:
    with pytest.raises(PolicyError, match=r"unknown key 'a\[b\]'"):
        _load([("policies/site.yaml", b"site: {}\na[b]: 1\n")], "policies", lambda rel: None, "policies")
