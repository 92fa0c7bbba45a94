"""The light commands start light: `--version` and `--help` load none of the analysis
stack, and `rules` / `explain` none of the graph or rendering libraries."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

ANALYSIS_STACK = (
    "numpy",
    "scipy",
    "networkx",
    "jinja2",
    "pydantic",
    "pydantic_core",
    "markdown_it",
    "selectolax",
)
GRAPH_AND_RENDERING = ("numpy", "scipy", "networkx", "jinja2", "selectolax")

_PROBE = """
import json, sys
sys.argv = ["linkpolicy", *json.loads(sys.argv[1])]
from linkpolicy.cli import main
try:
    main()
except SystemExit as exc:
    code = exc.code
print(json.dumps(sorted({name.split(".")[0] for name in sys.modules})), file=sys.stderr)
"""


def imported_by(*args: str) -> tuple[str, set[str]]:
    """Standard output of ``linkpolicy ARGS`` in a fresh interpreter, and the top-level
    modules it had imported by the end."""
    run = subprocess.run(
        [sys.executable, "-c", _PROBE, json.dumps(args)], capture_output=True, text=True, check=True
    )
    return run.stdout, set(json.loads(run.stderr.strip().splitlines()[-1]))


@pytest.mark.parametrize("args", [("--version",), ("--help",), ("check", "--help")])
def test_version_and_help_import_no_analysis_stack(args: tuple[str, ...]) -> None:
    out, modules = imported_by(*args)
    assert out.strip()  # the command did answer
    assert sorted(modules & set(ANALYSIS_STACK)) == []


@pytest.mark.parametrize("args", [("rules",), ("explain", "orphan-page")])
def test_rules_and_explain_import_no_graph_or_rendering(args: tuple[str, ...]) -> None:
    out, modules = imported_by(*args)
    assert "orphan-page" in out
    assert sorted(modules & set(GRAPH_AND_RENDERING)) == []


def test_an_analysis_command_still_loads_what_it_needs() -> None:
    """The probe sees imports: `schema` builds the policy models, so pydantic is there."""
    _, modules = imported_by("schema")
    assert "pydantic" in modules
