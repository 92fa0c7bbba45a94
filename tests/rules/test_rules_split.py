"""The link and page rules of a big site run half in a forked process: the same findings,
in the same order, as one process makes them."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from linkpolicy import engine
from linkpolicy.api import analyse
from linkpolicy.content import parallel

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "benchmarks"))

import synthetic  # noqa: E402

forks = pytest.mark.skipif(
    not parallel._can_fork() or (os.cpu_count() or 1) < 2, reason="needs fork and two cores"
)


@forks
def test_split_rules_find_what_one_process_finds_in_the_same_order(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = tmp_path / "site"
    site.mkdir()
    synthetic.generate(site, 300)
    analysis = analyse(site, cwd=site)
    rules = engine.configure_rules(analysis.policy)
    monkeypatch.delenv(parallel.JOBS_SETTING, raising=False)
    alone = engine.run_rules(analysis, rules)  # too few links to split
    paths = [p.path for p in analysis.site.pages if p.readable and p.published]  # as the rules split them
    halves = (set(paths[: len(paths) // 2]), set(paths[len(paths) // 2 :]))
    for rule in ("broken-link", "anchor-over-optimized"):  # a link rule and a page rule...
        found = {f.path for f in alone if f.rule == rule}
        assert found & halves[0] and found & halves[1], rule  # ...with findings in both halves

    pids = tmp_path / "pids"
    checked = engine._PerPage.checked

    def noted(*args, **kwargs):  # type: ignore[no-untyped-def]
        with pids.open("a") as fh:
            fh.write(f"{os.getpid()}\n")
        return checked(*args, **kwargs)

    monkeypatch.setattr(engine._PerPage, "checked", noted)
    monkeypatch.setattr(engine, "SPLIT_FROM_LINKS", 1)
    split = engine.run_rules(analysis, rules)
    assert len(set(pids.read_text().split())) == 2  # this process and a forked one
    assert [f.to_dict() for f in split] == [f.to_dict() for f in alone]
