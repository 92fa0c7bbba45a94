"""The real corpora in ../shared/corpora, each with the short policy a site owner would
write (tests/corpora/<name>/policies): every broken link and fragment reported is real,
and listed with its reason in expected.txt. Run on a copy, as the corpora are read-only."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from helpers import read_planted

from linkpolicy.api import check

HERE = Path(__file__).parent / "corpora"
CORPORA = Path(__file__).resolve().parents[2] / "shared" / "corpora"
NAMES = sorted(p.name for p in HERE.iterdir() if (p / "policies").is_dir())


def expected(name: str) -> set[tuple[str, int, str]]:
    return read_planted(HERE / name / "expected.txt")


@pytest.mark.parametrize("name", NAMES)
def test_every_broken_link_and_fragment_is_real(tmp_path: Path, name: str) -> None:
    source = CORPORA / name
    if not source.is_dir():
        pytest.skip(f"corpus {source} is not available")
    root = tmp_path / name
    shutil.copytree(source, root)
    report = check(root, HERE / name / "policies", cwd=root)
    got = {(f.path, f.line, f.rule) for f in report.findings if f.rule in ("broken-link", "broken-fragment")}
    assert sorted(got - expected(name)) == [], "reported, not in expected.txt"
    assert sorted(expected(name) - got) == [], "in expected.txt, no longer reported"


GRAPH_RULES = ("orphan-page", "unreachable-page")
GRAPH_NAMES = sorted(p.name for p in HERE.iterdir() if (p / "expected-graph.txt").is_file())


@pytest.mark.parametrize("name", GRAPH_NAMES)
def test_orphans_and_unreachable_pages_are_real(tmp_path: Path, name: str) -> None:
    """With the navigation the templates make, the graph rules see the site a crawler
    sees: every orphan and unreachable page reported is listed with its reason."""
    source = CORPORA / name
    if not source.is_dir():
        pytest.skip(f"corpus {source} is not available")
    root = tmp_path / name
    shutil.copytree(source, root)
    report = check(root, HERE / name / "policies", cwd=root)
    got = {(f.path, f.line, f.rule) for f in report.findings if f.rule in GRAPH_RULES}
    want = read_planted(HERE / name / "expected-graph.txt")
    assert sorted(got - want) == [], "reported, not in expected-graph.txt"
    assert sorted(want - got) == [], "in expected-graph.txt, no longer reported"
