"""Golden sites: each `tests/sites/<name>/` is a small site with violations planted on
purpose. The report must list exactly the planted findings (`planted.txt`), and the JSON
report must equal `expected.json` byte for byte.

Refresh `expected.json` only on purpose: LINKPOLICY_UPDATE_GOLDENS=1, then review the diff.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from helpers import read_planted

from linkpolicy.api import check
from linkpolicy.report import REPORTERS

SITES = Path(__file__).parent / "sites"
NAMES = sorted(p.name for p in SITES.iterdir() if (p / "policies").is_dir())


@pytest.fixture(params=NAMES)
def site_copy(request: pytest.FixtureRequest, tmp_path: Path) -> tuple[str, Path]:
    shutil.copytree(SITES / request.param, tmp_path / request.param)
    return request.param, tmp_path / request.param


def test_reports_exactly_the_planted_findings(site_copy: tuple[str, Path]) -> None:
    name, root = site_copy
    report = check(root, cwd=root)
    got = {(f.path, f.line, f.rule) for f in report.findings}
    planted = read_planted(SITES / name / "planted.txt")
    assert sorted(got - planted) == [], "reported but not planted"
    assert sorted(planted - got) == [], "planted but not reported"


def test_json_report_matches_golden(site_copy: tuple[str, Path]) -> None:
    name, root = site_copy
    text = REPORTERS["json"](check(root, cwd=root))
    golden = SITES / name / "expected.json"
    if os.environ.get("LINKPOLICY_UPDATE_GOLDENS"):
        golden.write_text(text, encoding="utf-8")
    assert json.loads(text) == json.loads(golden.read_text(encoding="utf-8"))
    assert text == golden.read_text(encoding="utf-8")
