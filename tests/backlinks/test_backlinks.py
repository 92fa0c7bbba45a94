"""Backlink exports (one fixture per vendor, with its real headers and encoding), the
review against domains.backlinks, the disavow file, and the command line."""

from __future__ import annotations

import datetime as dt
import gzip
import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from linkpolicy.backlinks import disavow
from linkpolicy.backlinks.formats import parse_columns, read_export
from linkpolicy.backlinks.review import review
from linkpolicy.cli import main
from linkpolicy.domains import registrable_domain
from linkpolicy.errors import UsageError
from linkpolicy.policy.models import Backlinks

FIX = Path(__file__).parent / "fixtures"
ROOT = Path(__file__).resolve().parents[2]
POLICY = Backlinks(allow=["python.org", "github.com"], deny=["*.xyz"], anchor_spam=["/casino|viagra|payday/"])


@pytest.mark.parametrize(
    ("name", "fmt", "rows"),
    [
        ("ahrefs-backlinks.csv", "ahrefs", 5),
        ("semrush-backlinks.csv", "semrush", 2),
        ("majestic-backlinks.csv", "majestic", 2),
        ("moz-links.csv", "moz", 2),
        ("gsc-top-linking-sites.csv", "gsc-sites", 3),
        ("gsc-latest-links.csv", "gsc-latest", 2),
    ],
)
def test_format_detected_from_the_header(name: str, fmt: str, rows: int) -> None:
    export = read_export(FIX / name)
    assert export.format == fmt
    assert len(list(export.rows)) == rows


def test_ahrefs_utf16_tabs_fields() -> None:
    rows = list(read_export(FIX / "ahrefs-backlinks.csv").rows)
    first, spam, old = rows[0], rows[2], rows[4]
    assert first.source == "https://blog.python.org/2026/01/analytics.html"
    assert first.target == "https://www.fernwood.dev/docs/privacy/cookie-free/"
    assert first.anchor == "Fernwood" and first.nofollow is False
    assert first.first_seen == dt.date(2026, 1, 5) and first.last_seen == dt.date(2026, 11, 1)
    assert spam.nofollow is True and spam.anchor == "cheap viagra analytics"
    assert old.lost is True


def test_search_console_counts_and_moz_follow() -> None:
    sites = list(read_export(FIX / "gsc-top-linking-sites.csv").rows)
    assert [(r.source, r.links) for r in sites] == [
        ("python.org", 1240),
        ("random-blog.example", 3),
        ("casino-links.xyz", 57),
    ]
    moz = list(read_export(FIX / "moz-links.csv").rows)
    assert [r.nofollow for r in moz] == [True, False]


def test_gzipped_majestic(tmp_path: Path) -> None:
    gz = tmp_path / "majestic.csv.gz"
    gz.write_bytes(gzip.compress((FIX / "majestic-backlinks.csv").read_bytes()))
    rows = list(read_export(gz).rows)
    assert rows[1].source == "http://münchen-blog.de/links" and rows[1].nofollow is True
    assert rows[0].first_seen == dt.date(2026, 4, 14)


def test_generic_columns() -> None:
    rows = list(
        read_export(FIX / "generic.csv", parse_columns("source=From,target=To,anchor=Text,nofollow=Rel")).rows
    )
    assert [(r.source, r.nofollow) for r in rows] == [
        ("https://partner.example/review", True),
        ("https://spam.xyz/p", False),
    ]
    with pytest.raises(UsageError, match="lacks: Nope"):
        read_export(FIX / "generic.csv", parse_columns("source=Nope"))
    with pytest.raises(UsageError, match="FIELD=HEADER"):
        parse_columns("weird")


def test_unknown_export_names_the_missing_columns(tmp_path: Path) -> None:
    f = tmp_path / "x.csv"
    f.write_text("Referring page URL,Something\nhttps://a.example/,1\n")
    with pytest.raises(UsageError) as exc:
        read_export(f)
    assert "closest is Ahrefs backlinks, which needs column 'target url'" in str(exc.value)
    assert "--columns" in str(exc.value)


@pytest.mark.parametrize(
    ("host", "domain"),
    [
        ("WWW.Example.CO.UK", "example.co.uk"),
        ("blog.example.com:8443", "example.com"),
        ("example.com.", "example.com"),
        ("münchen.de", "xn--mnchen-3ya.de"),
        ("user.github.io", "user.github.io"),
        ("192.0.2.1", "192.0.2.1"),
    ],
)
def test_registrable_domain(host: str, domain: str) -> None:
    assert registrable_domain(host) == domain


def test_review_statuses_and_reasons() -> None:
    exports = [read_export(FIX / n) for n in ("ahrefs-backlinks.csv", "gsc-top-linking-sites.csv")]
    result = review(exports, POLICY)
    by = {d.domain: d for d in result.domains}
    assert by["python.org"].status == "allowed" and by["python.org"].links == 1241
    assert by["best-casino.xyz"].reasons == ["deny *.xyz", "anchor_spam /casino|viagra|payday/"]
    assert by["linkfarm.example"].status == "denied" and by["linkfarm.example"].nofollow_share == 1.0
    assert by["example.org"].status == "review" and by["example.org"].reasons == ["unlisted"]
    assert [d.status for d in result.domains][:3] == ["denied", "denied", "denied"]
    assert result.rows == 8
    disavow_all = review(
        [read_export(FIX / "moz-links.csv")], POLICY.model_copy(update={"unlisted": "disavow"})
    )
    assert {d.domain: d.status for d in disavow_all.domains} == {
        "wikipedia.org": "disavow",
        "seo-spam.xyz": "denied",
    }


def test_velocity_per_week_and_cluster() -> None:
    result = review(
        [read_export(FIX / "ahrefs-backlinks.csv")],
        POLICY,
        clusters_of=lambda url: ["privacy"] if "/privacy/" in url else [],
    )
    weeks = {w["week"]: (w["new"], w["lost"]) for w in result.velocity["weeks"]}
    assert weeks["2026-W02"] == (1, 0)  # python.org, first seen 2026-01-05
    assert weeks["2025-W23"] == (1, 0)  # example.org, first seen 2025-06-02
    assert "privacy" in result.velocity["clusters"]


def test_disavow_merge_keeps_everything_and_never_duplicates() -> None:
    old = "# reviewed by hand\r\ndomain:Old-Spam.xyz\r\nhttps://bad.example/page.html\r\n"
    merged = disavow.merge(old, ["old-spam.xyz", "new.xyz", "another.example"], today=dt.date(2026, 11, 24))
    assert merged.added == ["another.example", "new.xyz"]
    assert merged.text.startswith(old)
    assert merged.text.endswith(
        "\r\n\r\n# linkpolicy 2026-11-24: 2 domains denied by the backlink policy\r\n"
        "domain:another.example\r\ndomain:new.xyz\r\n"
    )
    again = disavow.merge(merged.text, ["new.xyz", "another.example"])
    assert again.added == [] and again.text == merged.text


def test_cli_disavow_write_then_clean(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    shutil.copytree(ROOT / "policies", repo / "policies")
    shutil.copytree(ROOT / "demo", repo / "demo")
    (repo / ".git").mkdir()
    file = repo / "disavow.txt"
    file.write_text("# our list\ndomain:old.example\n")
    args = ["backlinks", str(FIX / "ahrefs-backlinks.csv"), "--root", str(repo), "--disavow", str(file)]
    check = CliRunner().invoke(main, [*args, "--check"])
    assert check.exit_code == 1 and file.read_text() == "# our list\ndomain:old.example\n"
    assert "+domain:best-casino.xyz" in check.output
    wrote = CliRunner().invoke(main, [*args, "--format", "json"])
    assert wrote.exit_code == 0
    text = file.read_text()
    assert text.startswith("# our list\ndomain:old.example\n\n# linkpolicy ")
    assert "domain:best-casino.xyz\ndomain:linkfarm.example\n" in text
    doc = json.loads(
        wrote.output.split("\n", 1)[1] if wrote.output.startswith("linkpolicy:") else wrote.output
    )
    assert doc["version"] == 1
    assert doc["summary"]["denied"] == 2 and doc["summary"]["pending_disavow"] == 0  # written just now
    cookie = next(d for d in doc["domains"] if d["domain"] == "python.org")
    assert cookie["clusters"] == ["privacy"] and cookie["status"] == "allowed"
    assert CliRunner().invoke(main, args).exit_code == 0  # nothing left to disavow


def test_cli_unreadable_export(tmp_path: Path) -> None:
    f = tmp_path / "empty.csv"
    f.write_text("")
    result = CliRunner().invoke(main, ["backlinks", str(f), "--root", str(ROOT)])
    assert result.exit_code == 2 and "empty file" in result.output
