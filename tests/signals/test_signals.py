"""`linkpolicy signals` on hand-made fixtures of each log line format and export (real
column headers), joined to the demo site."""

from __future__ import annotations

import csv
import datetime as dt
import gzip
import io
import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from linkpolicy.api import signals
from linkpolicy.cli import main
from linkpolicy.errors import UsageError
from linkpolicy.signals import accesslog
from linkpolicy.signals.collect import Collector
from linkpolicy.signals.crawlers import classify
from linkpolicy.signals.model import SourceFile
from linkpolicy.signals.sources import read_all
from linkpolicy.signals.urls import normalise

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = Path(__file__).parent / "fixtures" / "demo"


@pytest.fixture()
def demo(tmp_path: Path) -> Path:
    """A copy of the demo site with its policies, outside any git repository."""
    site = tmp_path / "site"
    shutil.copytree(ROOT / "demo", site / "demo")
    shutil.copytree(ROOT / "policies", site / "policies")
    (site / ".git").mkdir()  # the repository root marker
    return site


def test_urls_normalise_scheme_host_slash_query_index() -> None:
    assert normalise("https://www.Fernwood.dev/docs/a/index.html?x=1#top") == "www.fernwood.dev/docs/a"
    assert normalise("/docs/a/?utm_source=x") == "/docs/a"
    assert normalise("/docs/a") == normalise("/docs/a/")
    assert normalise("//cdn.example.com/x/") == "cdn.example.com/x"


def test_crawlers_by_user_agent() -> None:
    assert classify("Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)") == "Googlebot"
    assert classify("Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)") == "Bingbot"
    assert classify("Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/131.0.0.0 Safari/537.36") is None


def test_log_formats_detected_and_counted() -> None:
    combined = (FIXTURES / "logs" / "access.log").read_bytes().splitlines(keepends=True)
    assert accesslog.detect(combined[:5]) == "combined"
    assert accesslog.detect([b"#Fields: a stray first line\n", *combined[:4]]) == "combined"
    assert accesslog.detect([b"stray\n", b"stray too\n", *combined[:3]]) is None
    with gzip.open(FIXTURES / "logs" / "access-common.log.1.gz") as fh:
        assert accesslog.detect(fh.readlines()) == "common"
    assert accesslog.detect([b"Top pages,Clicks,Impressions,CTR,Position\n"]) is None
    collector = Collector()
    source = SourceFile("access.log", "combined", "")
    last = accesslog.read_log(io.BytesIO(b"".join(combined)), collector, source)
    assert last == dt.date(2026, 11, 30)
    assert source.skipped == 1  # "this line is not a log line"
    tracking = collector.records["/docs/tracking"]
    assert tracking.crawl_hits == {"Googlebot": 2}  # index.html and a query string fold in
    assert collector.records["/docs/dashboards"].statuses == {301: 1, 200: 1}
    login = collector.records["/wp-login.php"]
    assert login.requests == 2 and sum(login.crawl_hits.values()) == 1
    escaped = (
        b'66.249.66.1 - - [01/Dec/2026:00:00:01 +0000] "GET /say-\\"hi\\"/ HTTP/1.1" 200 9 "-" '
        b'"Mozilla/5.0 (compatible; \\"Googlebot\\"/2.1)"\n'
    )
    accesslog.read_log(io.BytesIO(escaped), collector, source)
    assert collector.records['/say-\\"hi\\"'].crawl_hits == {"Googlebot": 1}  # Apache's \" inside a field


def test_signals_per_cluster_and_the_four_findings(demo: Path) -> None:
    rules = demo / "policies" / "rules.yaml"
    rules.write_text(rules.read_text() + "  deep-valuable-page: {max_depth: 1}\n")
    result = signals([FIXTURES], demo, cwd=demo)
    clusters = {c.id: c for c in result.clusters}
    assert clusters["privacy"].hub_last_crawl == dt.date(2026, 8, 2)
    assert clusters["self-hosting"].hub_indexed is False
    assert (clusters["tracking"].clicks, clusters["tracking"].sessions) == (310 + 12, 640 + 30)
    assert clusters["tracking"].crawl_hits == 3  # the hub twice, the install page once through its alias
    found = {(f.rule, f.page) for f in result.findings}
    assert found == {
        ("crawl-starved-hub", "/docs/privacy/"),
        ("unindexed-hub", "/docs/self-hosting/"),
        ("traffic-orphan", "/blog/ga4-migration/"),
        ("deep-valuable-page", "/docs/self-hosting/docker/"),
        ("deep-valuable-page", "/docs/tracking/goals/"),
    }
    unmatched = {u.url: u.reason for u in result.unmatched}
    assert unmatched == {
        "/wp-login.php": "no such page",
        "status.fernwood.dev/": "another host",
        "www.fernwood.dev/docs/old-page": "no such page",
    }
    home = result.page("/")
    assert home is not None and home.raw.clicks == 1240 and home.raw.impressions == 31900
    assert round(home.position or 0, 2) == 4.2
    gdpr = result.page("/docs/privacy/gdpr/")
    assert gdpr is not None and gdpr.raw.crawl_hits == {"Applebot": 1} and gdpr.raw.clicks == 8
    assert result.page("/glossary/pageview/").raw.last_crawl is None  # 1969-12-31: never crawled
    assert result.page("/docs/tracking/goals/").raw.requests == 2  # /de/ prefix and a query string


def test_cli_formats_and_exit_codes(demo: Path, monkeypatch) -> None:
    monkeypatch.chdir(demo)
    runner = CliRunner()
    text = runner.invoke(main, ["signals", str(FIXTURES)])
    assert text.exit_code == 0, text.output
    assert "self-hosting" in text.output and "match no page" in text.output and "spoofed" in text.output
    strict = runner.invoke(
        main, ["signals", str(FIXTURES), "--fail-on", "warning", "--format", "json", "--pages"]
    )
    assert strict.exit_code == 1
    doc = json.loads(strict.output)
    assert doc["version"] == 1 and doc["summary"]["unmatched_urls"] == 3
    assert {f["rule"] for f in doc["findings"]} == {"crawl-starved-hub", "unindexed-hub", "traffic-orphan"}
    assert any(p["url"] == "/docs/self-hosting/" and p["index_reason"] for p in doc["pages"])
    rows = list(
        csv.DictReader(io.StringIO(runner.invoke(main, ["signals", str(FIXTURES), "--format", "csv"]).output))
    )
    assert [r["id"] for r in rows] == ["tracking", "dashboards", "integrations", "privacy", "self-hosting"]
    pages = list(
        csv.DictReader(
            io.StringIO(runner.invoke(main, ["signals", str(FIXTURES), "--format", "csv", "--pages"]).output)
        )
    )
    assert {r["url"]: r["clicks"] for r in pages}["/blog/ga4-migration/"] == "40"


def test_check_runs_the_signal_rules_with_signals(demo: Path, monkeypatch) -> None:
    monkeypatch.chdir(demo)
    runner = CliRunner()
    plain = runner.invoke(main, ["check", "--format", "json"])
    assert not {"crawl-starved-hub", "unindexed-hub"} & {
        f["rule"] for f in json.loads(plain.stdout)["findings"]
    }
    with_signals = runner.invoke(main, ["check", "--format", "json", "--signals", str(FIXTURES)])
    rules = {f["rule"] for f in json.loads(with_signals.stdout)["findings"]}
    assert {"crawl-starved-hub", "unindexed-hub", "traffic-orphan"} <= rules


def test_generic_csv_with_columns_and_dates(demo: Path, tmp_path: Path) -> None:
    export = tmp_path / "clicks.csv"
    export.write_text(
        "Page;Day;Organic clicks;Indexed\n/docs/privacy/;2026-11-01;5;no\n/docs/privacy/;2026-11-02;7;no\n",
        encoding="utf-8",
    )
    columns = {"url": "Page", "date": "Day", "clicks": "Organic clicks", "indexed": "Indexed"}
    result = signals([export], demo, cwd=demo, columns=columns)
    hub = result.page("/docs/privacy/")
    assert hub is not None and hub.raw.clicks == 12 and hub.raw.indexed is False
    assert hub.raw.daily_clicks == {dt.date(2026, 11, 1): 5, dt.date(2026, 11, 2): 7}
    assert {f.rule for f in result.findings} == {"unindexed-hub"}


def test_duckdb_engine_sums_like_python(tmp_path: Path) -> None:
    pytest.importorskip("duckdb")
    export = tmp_path / "ga4.csv.gz"
    lines = (FIXTURES / "ga4" / "landing-pages.csv").read_text().splitlines()
    body = lines + [lines[-2]] * 3  # the goals row four times
    with gzip.open(export, "wt", encoding="utf-8") as fh:
        fh.write("\n".join(body) + "\n")
    python, _, _ = read_all([export], engine="python")
    duck, _, _ = read_all([export], engine="duckdb")
    for key in ("/docs/tracking/goals", "/", "/docs/self-hosting/docker"):
        a, b = python.records[key], duck.records[key]
        assert (a.sessions, a.engaged_sessions, a.conversions, a.rows) == (
            b.sessions,
            b.engaged_sessions,
            b.conversions,
            b.rows,
        )
    assert python.records["/docs/tracking/goals"].sessions == 30 * 4


def test_bad_input_is_a_clear_error(tmp_path: Path, demo: Path) -> None:
    stray = tmp_path / "notes.csv"
    stray.write_text("Name,Colour\nx,y\n")
    with pytest.raises(UsageError, match="notes.csv: unrecognised file"):
        read_all([stray])
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(UsageError, match="no access log or export"):
        read_all([empty])
    with pytest.raises(UsageError, match="lacks: Sessions"):
        read_all([FIXTURES / "gsc" / "Pages.csv"], columns={"url": "Top pages", "sessions": "Sessions"})


def test_stats_and_report_show_signals_per_cluster(demo: Path, tmp_path: Path, monkeypatch) -> None:
    """`stats --signals` and `report --html --signals` carry the per-cluster table `signals` computes."""
    monkeypatch.chdir(demo)
    expected = {c.id: c.to_dict() for c in signals([FIXTURES], demo, cwd=demo).clusters}
    runner = CliRunner()
    result = runner.invoke(main, ["stats", "--format", "json", "--since", "off", "--signals", str(FIXTURES)])
    assert result.exit_code == 0, result.output
    rows = {row.pop("cluster"): row for row in json.loads(result.stdout)["signals"]}
    assert rows.keys() == expected.keys()
    for cluster, row in rows.items():
        assert row == {k: v for k, v in expected[cluster].items() if k not in ("id", "hub")}
    text = runner.invoke(main, ["stats", "--since", "off", "--signals", str(FIXTURES)]).output
    assert "signals per cluster:" in text and "privacy: pages 12" in text
    plain = runner.invoke(main, ["stats", "--format", "json", "--since", "off"]).output
    assert "signals" not in json.loads(plain)
    out = tmp_path / "report.html"
    result = runner.invoke(main, ["report", "--html", str(out), "--since", "off", "--signals", str(FIXTURES)])
    assert result.exit_code == 0, result.output
    html = out.read_text()
    assert 'id="signals-table"' in html and "2026-08-02" in html
