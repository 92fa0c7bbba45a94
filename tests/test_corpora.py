"""The real corpora in ../shared/corpora, each with the short policy a site owner would
write (tests/corpora/<name>/policies): every broken link and fragment reported is real,
and listed with its reason in expected.txt. Run on a copy, as the corpora are read-only."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from helpers import read_planted

from linkpolicy.api import analyse, check
from linkpolicy.init import write_starter

HERE = Path(__file__).parent / "corpora"
CORPORA = Path(__file__).resolve().parents[2] / "shared" / "corpora"
NAMES = sorted(p.name for p in HERE.iterdir() if (p / "policies").is_dir())


GRAPH_RULES = ("orphan-page", "unreachable-page")


def _held(report, rules: tuple[str, ...], listed: Path) -> None:
    """The findings of ``rules`` are exactly the ``path:line rule`` lines of ``listed``."""
    got = {(f.path, f.line, f.rule) for f in report.findings if f.rule in rules}
    want = read_planted(listed)
    assert sorted(got - want) == [], f"reported, not in {listed.name}"
    assert sorted(want - got) == [], f"in {listed.name}, no longer reported"


@pytest.mark.parametrize("name", NAMES)
def test_every_reported_finding_is_real(tmp_path: Path, name: str) -> None:
    """Broken links and fragments are listed in expected.txt; where expected-graph.txt
    exists, orphan and unreachable pages (with the navigation the templates make, the
    graph rules see the site a crawler sees) are listed there."""
    source = CORPORA / name
    if not source.is_dir():
        pytest.skip(f"corpus {source} is not available")
    root = tmp_path / name
    shutil.copytree(source, root)
    report = check(root, HERE / name / "policies", cwd=root)
    _held(report, ("broken-link", "broken-fragment"), HERE / name / "expected.txt")
    if (HERE / name / "expected-graph.txt").is_file():
        _held(report, GRAPH_RULES, HERE / name / "expected-graph.txt")


def test_jest_as_init_writes_it(tmp_path: Path) -> None:
    """Docusaurus with its config in website/ (`path: '../docs'`), versions and a blog:
    `init` with no edits reads every page, and every broken link and fragment is real."""
    source = CORPORA / "jest"
    if not source.is_dir():
        pytest.skip(f"corpus {source} is not available")
    root = tmp_path / "jest"
    shutil.copytree(source, root)
    (root / ".git").mkdir()
    write_starter(root)
    analysis = analyse(root, cwd=root)
    pages = analysis.site.pages
    # 171 pages and the 4 copies of the partial _TypeScriptExamplesNote.md that pages import;
    # website/README.md is no page of the site
    assert len([p for p in pages if p.published]) == 171
    assert sorted(p.path for p in pages if p.unpublished_reason == "partial") == [
        "docs/_TypeScriptExamplesNote.md",
        *(f"website/versioned_docs/version-{v}/_TypeScriptExamplesNote.md" for v in ("29.7", "30.0", "30.4")),
    ]
    urls = {p.path: p.url for p in pages}
    assert urls["docs/GettingStarted.md"] == "/docs/next/getting-started"
    assert urls["website/versioned_docs/version-30.4/GettingStarted.md"] == "/docs/getting-started"
    assert urls["website/versioned_docs/version-29.7/GettingStarted.md"] == "/docs/29.7/getting-started"
    assert urls["website/blog/2016-07-27-jest-14.md"] == "/blog/2016/07/27/jest-14"
    _held(check(root, cwd=root), ("broken-link", "broken-fragment"), HERE / "jest" / "expected.txt")
