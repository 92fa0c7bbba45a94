"""Docusaurus presets made on the classic one (a fork named `@org/preset-classic`, as
Ionic's docs use; `docusaurus-preset-openapi`) take its `docs` and `blog` options: they are
read as the classic preset's (a docs instance at `routeBasePath: '/'` was read at `/docs`,
its sidebars naming no page)."""

from __future__ import annotations

import pytest

from linkpolicy.site.navigation.docusaurus import strip_number_prefix
from linkpolicy.site.navigation.docusaurus_config import plugin_instances


@pytest.mark.parametrize(
    ("name", "options"),
    [
        ("classic", {"docs": {"routeBasePath": "/"}}),
        ("@docusaurus/preset-classic", {"docs": {"routeBasePath": "/"}}),
        ("@ionic-docs/preset-classic", {"docs": {"routeBasePath": "/"}}),
        ("docusaurus-preset-openapi", {"docs": {"routeBasePath": "/"}, "api": {"path": "x.yaml"}}),
    ],
)
def test_presets_that_take_the_classic_options(name: str, options: dict) -> None:
    found = plugin_instances({"presets": [[name, options]]})
    assert found.preset and found.docs == [{"routeBasePath": "/"}]


def test_a_preset_of_other_options_is_none_of_them() -> None:
    found = plugin_instances({"presets": [["some-preset", {"theme": {}}]]})
    assert not found.preset and found.docs == []


@pytest.mark.parametrize(
    ("name", "stripped"),
    [
        ("01-intro", "intro"),
        ("003 - myDoc", "myDoc"),
        ("10-intro", "intro"),
        ("8-5", "8-5"),  # a version, kept
        ("1.2-intro", "1.2-intro"),
        ("2021-05-04-notes", "2021-05-04-notes"),  # a date, kept
        ("intro", "intro"),
    ],
)
def test_number_prefixes_as_docusaurus_strips_them(name: str, stripped: str) -> None:
    assert strip_number_prefix(name) == stripped
