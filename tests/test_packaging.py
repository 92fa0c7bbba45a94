"""The package as a user installs it: `python -m build`, then the wheel in a clean venv
runs the demo. Slow (a venv and every dependency), so it runs when
LINKPOLICY_PACKAGING_TESTS=1, which `.ci/run` sets."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from helpers import read_planted

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.skipif(
    os.environ.get("LINKPOLICY_PACKAGING_TESTS") != "1",
    reason="set LINKPOLICY_PACKAGING_TESTS=1 to build and install the wheel",
)


def run(*args: str | Path, cwd: Path, timeout: int = 600) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(a) for a in args], cwd=cwd, capture_output=True, text=True, timeout=timeout)


def test_wheel_in_a_clean_venv_runs_the_demo(tmp_path: Path) -> None:
    source = tmp_path / "src"
    shutil.copytree(
        ROOT, source, ignore=shutil.ignore_patterns(".venv", ".git", "*.egg-info", "build", "dist")
    )
    built = run(
        sys.executable, "-m", "build", "--no-isolation", "--outdir", tmp_path / "dist", ".", cwd=source
    )
    assert built.returncode == 0, built.stdout + built.stderr
    wheels = sorted((tmp_path / "dist").glob("linkpolicy-*.whl"))
    sdists = sorted((tmp_path / "dist").glob("linkpolicy-*.tar.gz"))
    assert len(wheels) == 1 and len(sdists) == 1
    venv = tmp_path / "venv"
    assert run(sys.executable, "-m", "venv", venv, cwd=tmp_path).returncode == 0
    installed = run(venv / "bin" / "pip", "install", "--quiet", wheels[0], cwd=tmp_path)
    assert installed.returncode == 0, installed.stderr
    # The demo, outside any checkout: its policies, content and snapshot.
    site = tmp_path / "demo-site"
    for part in ("policies", "demo", "site-graph"):
        shutil.copytree(ROOT / part, site / part)
    (site / ".git").mkdir()
    result = run(venv / "bin" / "linkpolicy", "check", "--format", "json", "--no-cache", cwd=site)
    assert result.returncode == 1, result.stderr
    got = {(f["path"], f["line"], f["rule"]) for f in json.loads(result.stdout)["findings"]}
    assert got == read_planted(ROOT / "demo" / "planted.txt")
    # the report's template ships in the wheel
    report = run(venv / "bin" / "linkpolicy", "report", "--html", "r.html", "--no-cache", cwd=site)
    assert report.returncode == 0, report.stderr
    assert 'id="cluster-graph"' in (site / "r.html").read_text(encoding="utf-8")
    with zipfile.ZipFile(wheels[0]) as wheel:
        metadata = wheel.read("linkpolicy-0.1.0.dist-info/METADATA").decode()
        assert any(n.endswith("licenses/LICENSE") for n in wheel.namelist())
    assert "License-Expression: MIT" in metadata
    assert "Project-URL: Source, https://github.com/linkpolicy/linkpolicy" in metadata
    assert "Classifier: Programming Language :: Python :: 3.11" in metadata
