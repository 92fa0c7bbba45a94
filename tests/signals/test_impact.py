"""`linkpolicy impact` on a commit range of a copy of the demo site, with fixture signals
whose daily crawler hits rise on the page that gained links."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from linkpolicy.cli import main
from linkpolicy.errors import UsageError
from linkpolicy.signals.impact import impact, split_range

ROOT = Path(__file__).resolve().parents[2]
GOOGLEBOT = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"
TRACKING = (
    "",
    "bot-filtering/",
    "custom-events/",
    "file-downloads/",
    "goals/",
    "install-script/",
    "not-found-pages/",
    "outbound-links/",
    "server-side-events/",
    "spa-tracking/",
    "utm-parameters/",
)


def _git(repo: Path, *args: str, when: str = "2026-10-01T12:00:00Z") -> str:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.com",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.com",
        "GIT_AUTHOR_DATE": when,
        "GIT_COMMITTER_DATE": when,
    }
    return subprocess.run(
        ["git", *args], cwd=repo, check=True, capture_output=True, text=True, env=env
    ).stdout


@pytest.fixture()
def repo(tmp_path: Path) -> Path:
    """The demo site in a git repository: a base commit, then one on 2026-11-01 that adds
    a link to /docs/tracking/goals/ (and nothing else)."""
    site = tmp_path / "site"
    shutil.copytree(ROOT / "demo", site / "demo")
    shutil.copytree(ROOT / "policies", site / "policies")
    _git(site, "init", "-q", "-b", "main")
    _git(site, "add", ".")
    _git(site, "commit", "-q", "-m", "base")
    page = site / "demo" / "content" / "docs" / "tracking" / "bot-filtering.md"
    page.write_text(page.read_text() + "\nBots never reach your [conversion goals](/docs/tracking/goals/).\n")
    _git(site, "commit", "-q", "-am", "link goals", when="2026-11-01T09:00:00Z")
    return site


def _signals(folder: Path) -> Path:
    """Googlebot fetches every tracking page once a day from Oct 1 to Nov 30; the goals
    page three times a day from Nov 1."""
    lines = []
    day = dt.date(2026, 10, 1)
    while day <= dt.date(2026, 11, 30):
        stamp = day.strftime("%d/%b/%Y")
        for slug in TRACKING:
            times = 3 if slug == "goals/" and day >= dt.date(2026, 11, 1) else 1
            lines += [
                f'66.249.66.1 - - [{stamp}:04:00:00 +0000] "GET /docs/tracking/{slug} HTTP/1.1" 200 900 "-" "{GOOGLEBOT}"'
            ] * times
        day += dt.timedelta(days=1)
    folder.mkdir()
    (folder / "access.log").write_text("\n".join(lines) + "\n")
    return folder


def test_range_parsing() -> None:
    assert split_range("v1..v2") == ("v1", "v2")
    assert split_range("v1..") == ("v1", "HEAD")
    with pytest.raises(UsageError):
        split_range("a...b")


def test_difference_in_differences_for_the_cluster(repo: Path, tmp_path: Path) -> None:
    signals = _signals(tmp_path / "signals")
    result = impact(repo, "HEAD~1..HEAD", [signals], cwd=repo, window=28)
    assert [(t.url, t.cluster, t.added, t.changed[:10]) for t in result.treated] == [
        ("/docs/tracking/goals/", "tracking", 1, "2026-11-01")
    ]
    [row] = result.rows
    assert (row.cluster, row.metric, row.date) == ("tracking", "crawl_hits", dt.date(2026, 11, 1))
    assert (row.treated, row.control, row.control_basis) == (1, 10, "cluster")
    assert (row.treated_before, row.treated_after) == (1.0, 3.0)
    assert (row.control_before, row.control_after) == (1.0, 1.0)
    assert row.did == 2.0 and row.small


def test_cli_prints_the_table_and_caveats(repo: Path, tmp_path: Path, monkeypatch) -> None:
    signals = _signals(tmp_path / "signals")
    monkeypatch.chdir(repo)
    runner = CliRunner()
    text = runner.invoke(main, ["impact", "HEAD~1..HEAD", "--signals", str(signals), "--window", "14"])
    assert text.exit_code == 0, text.output
    assert "+2.00" in text.output and "Correlation, not causation" in text.output
    assert "Seasonality" in text.output and "Small samples" in text.output
    doc = json.loads(
        runner.invoke(main, ["impact", "HEAD~1..", "--signals", str(signals), "--format", "json"]).output
    )
    assert doc["rows"][0]["difference_in_differences"] == 2.0 and doc["window_days"] == 28
    missing = runner.invoke(main, ["impact", "nosuchrev..HEAD", "--signals", str(signals)])
    assert missing.exit_code == 2 and "nosuchrev" in missing.output


def test_diff_shows_signals_per_cluster(repo: Path, monkeypatch) -> None:
    fixtures = Path(__file__).parent / "fixtures" / "demo"
    monkeypatch.chdir(repo)
    runner = CliRunner()
    plain = json.loads(runner.invoke(main, ["diff", "HEAD~1", "--format", "json"]).output)
    assert "signals" not in plain
    doc = json.loads(
        runner.invoke(main, ["diff", "HEAD~1", "--format", "json", "--signals", str(fixtures)]).output
    )
    clusters = {c["id"]: c for c in doc["signals"]}
    assert clusters["privacy"]["hub_last_crawl"] == "2026-08-02"
    assert (clusters["tracking"]["clicks"], clusters["self-hosting"]["not_indexed"]) == (322, 1)
    text = runner.invoke(main, ["diff", "HEAD~1", "--signals", str(fixtures)]).output
    assert "signals cluster self-hosting: crawl hits 1" in text
    markdown = runner.invoke(
        main, ["diff", "HEAD~1", "--format", "markdown", "--signals", str(fixtures)]
    ).output
    assert "| `privacy` | 2 | 3/12 | 2026-08-02 | 0 | 1 | 8 | 0 |" in markdown
