"""Link velocity on real git repositories with fixed commit dates: links added and removed
per ISO week and cluster, renames that carry their links, deletions, what is no internal
link, and the text and JSON renderings."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from linkpolicy.api import analyse, velocity
from linkpolicy.errors import UsageError
from linkpolicy.insight.velocity import iso_week, parse_since
from linkpolicy.report.velocity import render_json, render_text

POLICY = """\
site:
  base_url: https://www.example.com
  generator: hugo
clusters:
  - {id: guides, hub: /guides/, members: ["guides/**"]}
  - {id: blog, hub: /blog/, members: ["blog/**"]}
"""


def commit(root: Path, day: str, message: str) -> None:
    stamp = f"{day}T10:00:00Z"
    env = {**os.environ, "GIT_AUTHOR_DATE": stamp, "GIT_COMMITTER_DATE": stamp}
    env |= {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com"}
    env |= {"GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.com"}
    for args in (["add", "-A"], ["commit", "-qm", message]):
        subprocess.run(["git", *args], cwd=root, env=env, check=True, capture_output=True)


def write(root: Path, files: dict[str, str]) -> None:
    for path, text in files.items():
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_text(text)


B_TEXT = "# B\n\nBack to [guides](/guides/), on to [A](../a/).\n\n" + "Some words about B.\n" * 20


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    write(
        root,
        {
            "policies/site.yaml": POLICY,
            "content/_index.md": "# Home\n\n[Guides](/guides/) [Blog](/blog/)\n",
            "content/guides/_index.md": "# Guides\n\n[A](/guides/a/) [B](/guides/b/)\n",
            "content/guides/a.md": "# A\n\n[Guides](/guides/) and [B](/guides/b/).\n",
            "content/guides/b.md": B_TEXT,
            "content/blog/_index.md": "# Blog\n\n[Post](/blog/post/)\n",
            "content/blog/post.md": "# Post\n\n[Blog](/blog/) [A](/guides/a/) [B](/guides/b/)\n",
        },
    )
    subprocess.run(["git", "init", "-q", "-b", "main"], cwd=root, check=True)
    commit(root, "2026-01-05", "site")  # 2026-W02
    # 2026-W03: A gains two links and loses one; B is renamed to C without an edit and
    # the hub follows (one removed, one added); an anchor changes (no count)
    write(
        root,
        {
            "content/guides/a.md": "# A\n\n[The guides](/guides/), [C](/guides/c/), [home](/) and [blog](/blog/).\n",
            "content/guides/_index.md": "# Guides\n\n[A](/guides/a/) [C](/guides/c/)\n",
        },
    )
    (root / "content/guides/b.md").rename(root / "content/guides/c.md")
    commit(root, "2026-01-14", "rename B to C")
    # 2026-W04: the post is deleted (three links gone from the blog); the blog hub gains an
    # internal absolute URL, an external link, an image, a mailto and a same-page fragment
    (root / "content/blog/post.md").unlink()
    write(
        root,
        {
            "content/blog/_index.md": "# Blog\n\n[Site](https://www.example.com/guides/) "
            "[ext](https://other.example/) ![img](/logo.png) [mail](mailto:a@example.com) [top](#blog)\n",
        },
    )
    commit(root, "2026-01-21", "retire the post")
    return root


def test_links_added_and_removed_per_week_and_cluster(repo: Path) -> None:
    v = velocity(repo, "2026-01-01", today=dt.date(2026, 1, 31))
    assert [(r.week, r.cluster, r.added, r.removed) for r in v.rows] == [
        ("2026-W02", "guides", 6, 0),
        ("2026-W02", "blog", 4, 0),  # the hub's link to the post and the post's three
        ("2026-W02", "-", 2, 0),  # the home page is in no cluster
        ("2026-W03", "guides", 4, 2),
        ("2026-W04", "blog", 1, 4),
    ]
    assert v.commits == 3
    assert v.weeks == ["2026-W01", "2026-W02", "2026-W03", "2026-W04", "2026-W05"]
    assert v.clusters == ["guides", "blog", "-"]
    assert v.totals() == {"guides": (10, 2), "blog": (5, 4), "-": (2, 0)}


def test_since_leaves_older_commits_out(repo: Path) -> None:
    analysis = analyse(repo, cwd=repo)
    v = velocity(analysis, "14d", today=dt.date(2026, 1, 25))
    assert v.since == dt.date(2026, 1, 11) and v.commits == 2
    assert [(r.week, r.cluster) for r in v.rows] == [("2026-W03", "guides"), ("2026-W04", "blog")]


def test_a_renamed_page_with_edits_counts_only_the_edits(repo: Path) -> None:
    text = (repo / "content/guides/c.md").read_text()
    (repo / "content/guides/c.md").unlink()
    write(repo, {"content/guides/d.md": text.replace("on to [A](../a/)", "on to [A](../a/) and [home](/)")})
    commit(repo, "2026-02-03", "rename C to D, one more link")
    v = velocity(repo, "2026-02-01", today=dt.date(2026, 2, 8))
    assert [(r.week, r.cluster, r.added, r.removed) for r in v.rows] == [("2026-W06", "guides", 1, 0)]


def test_renderings(repo: Path) -> None:
    v = velocity(repo, "2026-01-12", today=dt.date(2026, 1, 31))
    text = render_text(v)
    lines = text.splitlines()
    assert (
        lines[0]
        == "link velocity 2026-01-12..2026-01-31: 2 commits, internal links added and removed per week"
    )
    assert lines[1].split() == ["week", "guides", "blog"]
    assert lines[2].split() == ["2026-W03", "+4", "-2", "."]
    assert lines[3].split() == ["2026-W04", ".", "+1", "-4"]
    assert lines[4].split() == ["total", "+4", "-2", "+1", "-4"]
    assert "1 of 3 weeks without link changes" in lines[5]
    doc = json.loads(render_json(v))
    assert doc["clusters"] == [
        {"id": "guides", "added": 4, "removed": 2},
        {"id": "blog", "added": 1, "removed": 4},
    ]
    assert doc["rows"][0] == {"week": "2026-W03", "cluster": "guides", "added": 4, "removed": 2}
    assert doc["since"] == "2026-01-12" and doc["weeks"] == ["2026-W03", "2026-W04", "2026-W05"]


def test_outside_git_is_a_note(repo: Path, tmp_path: Path) -> None:
    import shutil

    plain = tmp_path / "plain"
    shutil.copytree(repo, plain, ignore=shutil.ignore_patterns(".git"))
    v = velocity(plain, "90d", today=dt.date(2026, 1, 31))
    assert v.rows == [] and len(v.notes) == 1 and v.notes[0].startswith("link velocity needs git history")


def test_since_values() -> None:
    today = dt.date(2026, 12, 1)
    assert parse_since("90d", today) == dt.date(2026, 9, 2)
    assert parse_since("2w", today) == dt.date(2026, 11, 17)
    assert parse_since("2026-10-01", today) == dt.date(2026, 10, 1)
    with pytest.raises(UsageError, match="expected a duration like 90d"):
        parse_since("last spring", today)
    assert iso_week(dt.date(2027, 1, 1)) == "2026-W53"


def test_stats_and_report_show_velocity_from_the_repository_history(repo: Path, monkeypatch) -> None:
    """`stats --since` carries the rows `api.velocity` counts; `report --html` shows them too;
    outside git, stats says why in a note."""
    from click.testing import CliRunner

    from linkpolicy.cli import main

    monkeypatch.setenv("LINKPOLICY_TODAY", "2026-03-31")
    expected = velocity(repo, "2026-01-01", cache=False)
    assert expected.rows, "the fixture history adds links"
    runner = CliRunner()
    result = runner.invoke(
        main, ["stats", "--format", "json", "--since", "2026-01-01", "--no-cache", "--root", str(repo)]
    )
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)["velocity"]
    assert rows == [
        {"cluster": r.cluster, "week": r.week, "added": r.added, "removed": r.removed} for r in expected.rows
    ]
    off = runner.invoke(
        main, ["stats", "--format", "json", "--since", "off", "--no-cache", "--root", str(repo)]
    )
    assert "velocity" not in json.loads(off.output)
    out = repo.parent / "report.html"
    result = runner.invoke(
        main, ["report", "--html", str(out), "--since", "2026-01-01", "--no-cache", "--root", str(repo)]
    )
    assert result.exit_code == 0, result.output
    assert expected.rows[0].week in out.read_text()
    shutil.rmtree(repo / ".git")
    result = runner.invoke(main, ["stats", "--format", "json", "--no-cache", "--root", str(repo)])
    doc = json.loads(result.output)
    assert doc["velocity"] == [] and any("git" in n for n in doc["notes"])
