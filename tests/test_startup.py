"""The light commands start light: `--version` and `--help` load none of the analysis
stack, and `rules` / `explain` none of the graph or rendering libraries."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

SITES = Path(__file__).parent / "sites"

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
# modules loaded (not stand-ins put in their place: no spec)
print(json.dumps(sorted(n for n, m in sys.modules.items() if getattr(m, "__spec__", None))), file=sys.stderr)
"""


def imported_by(*args: str, whole: bool = False) -> tuple[str, set[str]]:
    """Standard output of ``linkpolicy ARGS`` in a fresh interpreter, and the top-level
    modules it had imported by the end (``whole``: every module, by its full name)."""
    run = subprocess.run(
        [sys.executable, "-c", _PROBE, json.dumps(args)], capture_output=True, text=True, check=True
    )
    names = set(json.loads(run.stderr.strip().splitlines()[-1]))
    return run.stdout, names if whole else {name.split(".")[0] for name in names}


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


def test_a_check_after_a_link_edit_imports_no_scipy_or_networkx(tmp_path: Path) -> None:
    """The run after a link edit (the pre-commit case) builds its graph in numpy alone: on
    a site whose graph is far below scipy's size, a full `check` and the one after a link
    edit import neither scipy.sparse (0.1 s) nor networkx."""
    root = tmp_path / "site"
    shutil.copytree(SITES / "hugo-basic", root)
    subprocess.run(["git", "init", "-q", str(root)], check=True)
    args = ("check", "--root", str(root), "--format", "json", "--exit-zero")
    _, modules = imported_by(*args)
    assert "numpy" in modules and sorted(modules & {"scipy", "networkx"}) == []
    page = next(p for p in sorted((root / "content").rglob("*.md")) if p.name != "_index.md")
    time.sleep(0.01)
    page.write_text(page.read_text() + "\nSee [the start](/).\n")
    out, modules = imported_by(*args, str(page), whole=True)
    assert json.loads(out)["findings"] is not None
    assert sorted(modules & {"scipy", "networkx"}) == []
    # nor what only other paths need: pydantic's plugin loader (plugins are off, see
    # cli._without_plugin_loader), the process pool, the atomic writer's temporary files,
    # the block planner (no block is planned)
    unused = {"importlib.metadata", "multiprocessing", "concurrent.futures", "tempfile"}
    assert sorted(modules & (unused | {"linkpolicy.generate"})) == []


def test_pydantics_plugin_loader_stands_in_only_for_what_it_is_asked_with_plugins_off() -> None:
    """The command line's stand-in for pydantic's plugin loader finds no plugins; any other
    name asked of it comes from the real loader; with plugins on it is not put in place."""
    probe = """
import os, sys
from linkpolicy import cli
cli._without_plugin_loader()
stand_in = sys.modules.get("pydantic.plugin._loader")
print(stand_in is not None and list(stand_in.get_plugins()) == [] and "importlib.metadata" not in sys.modules)
from pydantic.plugin._loader import PYDANTIC_ENTRY_POINT_GROUP
print(PYDANTIC_ENTRY_POINT_GROUP == "pydantic")
"""
    env = {**os.environ, "PYDANTIC_DISABLE_PLUGINS": "__all__"}
    run = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, env=env, check=True)
    assert run.stdout.split() == ["True", "True"]
    env["PYDANTIC_DISABLE_PLUGINS"] = ""
    off = 'from linkpolicy import cli; import sys; cli._without_plugin_loader(); print("pydantic.plugin._loader" in sys.modules)'
    run = subprocess.run([sys.executable, "-c", off], capture_output=True, text=True, env=env, check=True)
    assert run.stdout.split() == ["False"]


_THREADS_PROBE = """
import json, sys
sys.argv = ["linkpolicy", *json.loads(sys.argv[1])]
from linkpolicy.cli import main
try:
    main()
except SystemExit:
    pass
status = open("/proc/self/status").read()
print(json.dumps(["numpy" in sys.modules, int(status.split("Threads:")[1].split()[0])]), file=sys.stderr)
"""


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="reads /proc")
@pytest.mark.parametrize("user_setting", [None, "2"])
def test_a_check_starts_no_blas_thread_pool_unless_the_user_asks(
    tmp_path: Path, user_setting: str | None
) -> None:
    """numpy's OpenBLAS starts a thread per core as it is imported (~0.1 s of CPU a run,
    for sparse work that never calls BLAS): the command line runs it single-threaded, so a
    `check` ends with the one thread it began with; a user's OPENBLAS_NUM_THREADS wins."""
    root = tmp_path / "site"
    shutil.copytree(SITES / "hugo-basic", root)
    env = {k: v for k, v in os.environ.items() if k != "OPENBLAS_NUM_THREADS"}
    if user_setting:
        env["OPENBLAS_NUM_THREADS"] = user_setting
    args = ["check", "--root", str(root), "--format", "json", "--exit-zero", "--no-cache"]
    run = subprocess.run(
        [sys.executable, "-c", _THREADS_PROBE, json.dumps(args)],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    numpy_loaded, threads = json.loads(run.stderr.strip().splitlines()[-1])
    assert numpy_loaded
    assert threads == (1 if user_setting is None else 2)
