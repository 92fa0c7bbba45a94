"""Incremental `check`: a run where nothing changed re-uses the last run's findings, an
edit that leaves the site's links as they were re-uses everything but moves the edited
page's findings, and every other edit runs in full. Whichever path a run takes, its
findings equal a cold run's, for the whole site and for the edited file alone."""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

import linkpolicy.api
from linkpolicy import segments
from linkpolicy.api import check
from linkpolicy.content import store
from linkpolicy.content.cache import FILE, GIT_DIRECTORY
from linkpolicy.incremental import next_moment

SITE = Path(__file__).parent / "sites" / "hugo-basic"
A, B, C = "content/guides/a.md", "content/guides/b.md", "content/guides/c.md"


def keys(report) -> list[tuple[str, int, int, str, str, str | None]]:
    return [(f.path, f.line, f.column, f.rule, f.message, f.target) for f in report.findings]


@pytest.fixture
def root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setattr(store, "GRANULARITY_NS", 0)  # files written just now count as settled
    root = tmp_path / "site"
    shutil.copytree(SITE, root)
    (root / ".git").mkdir()
    return root


def full_runs(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Counts the runs that read the whole site."""
    runs: list[int] = []
    original = linkpolicy.api.analyse_source

    def counted(*args, **kwargs):
        runs.append(1)
        return original(*args, **kwargs)

    monkeypatch.setattr(linkpolicy.api, "analyse_source", counted)
    return runs


def edit(root: Path, path: str, old: str, new: str) -> None:
    page = root / path
    text = page.read_text()
    assert old in text
    page.write_text(text.replace(old, new, 1))


EDITS: dict[str, tuple[str, Callable[[Path], None], bool]] = {
    # name: (the file to check alone, the edit, whether the graph stays as it was)
    "add a link": (B, lambda r: edit(r, B, "are available.", "are available. [Guide A](/guides/a/)"), False),
    "remove a link": (B, lambda r: edit(r, B, "[cheap plans](/pricing/)", "cheap plans"), False),
    "add a page": (
        "content/guides/g.md",
        lambda r: (r / "content/guides/g.md").write_text("# G\n\n[Guide B](/guides/b/#nope)\n"),
        False,
    ),
    "delete a page": ("content/guides", lambda r: (r / C).unlink(), False),
    "rename a heading others link to": (B, lambda r: edit(r, B, "## Options", "## Settings"), False),
    "reword prose": (A, lambda r: edit(r, A, "Links in code", "Links inside code"), True),
    "move links down": (
        A,
        lambda r: edit(r, A, "# Getting started\n", "# Getting started\n\nIntro.\n\n"),
        True,
    ),
    "move a heading": (B, lambda r: edit(r, B, "Set things up.", "Set\nthings\nup."), True),
}


OWN_LINKS = {"add a link", "remove a link"}


@pytest.mark.parametrize("name", list(EDITS))
def test_incremental_runs_equal_cold_runs(root: Path, monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    path, change, same_graph = EDITS[name]
    before = keys(check(root, cwd=root, cache=True))
    runs = full_runs(monkeypatch)
    assert keys(check(root, cwd=root, cache=True)) == before and not runs  # nothing changed
    change(root)
    one = keys(check(root, None, [path], cwd=root, cache=True))
    # a page's own links edited: the record's site and graph answer (see test_delta.py)
    assert len(runs) == (0 if same_graph or name in OWN_LINKS else 1)
    whole = keys(check(root, cwd=root, cache=True))
    assert len(runs) == (0 if same_graph or name in OWN_LINKS else 1)  # the run just made is re-used
    assert whole == keys(check(root, cwd=root))
    assert (whole == before) is (name == "reword prose")  # every other edit moves or changes findings
    assert one == keys(check(root, None, [path], cwd=root))
    assert any(k[0].startswith(path) for k in whole)


def test_a_link_edit_checks_the_edited_pages_links_only(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An edit that changes a page's own links changes the graph (a full run), but no
    other page's link findings: the link rules check the edited page only and keep the
    record's for the rest (those `rules.ignore` dropped too), and the result is a cold
    run's. Not when the edit changes what other pages' links read of the page (a heading)."""
    from linkpolicy import engine

    rules = root / "policies/rules.yaml"
    with_ignores = rules.read_text().rstrip("\n") + "\n"
    rules.write_text(with_ignores.split("  ignore:")[0])
    checked: list[list[str]] = []
    real = engine._run_link_rules

    def spy(ctx, active, pages, findings):  # noqa: ANN001, ANN202
        checked.append([p.path for p in pages])
        return real(ctx, active, pages, findings)

    monkeypatch.setattr(engine, "_run_link_rules", spy)
    check(root, cwd=root, cache=True)
    everything = len(checked[-1])
    edit(root, B, "are available.", "are available. [Guide A](/guides/a/#gone) [x](/nowhere/)")
    whole = keys(check(root, cwd=root, cache=True))
    assert checked[-1] == [B]
    assert whole == keys(check(root, cwd=root))
    assert len(checked[-1]) == everything  # the cold run checked every page
    link_rules = {"broken-link", "broken-fragment", "self-link", "insecure-link", "generic-anchor"}
    assert {k[3] for k in whole if k[0] not in (B,) and k[3] in link_rules} == link_rules  # kept
    assert {(k[3], k[5]) for k in whole if k[0] == B} >= {
        ("broken-fragment", "/guides/a/"),
        ("broken-link", "/nowhere/"),
    }
    edit(root, B, "[x](/nowhere/)", "")
    assert keys(check(root, None, [B], cwd=root, cache=True)) == keys(check(root, None, [B], cwd=root))
    edit(root, B, "## Options", "## Settings [y](/guides/c/)")  # a heading others link to, and a link
    assert keys(check(root, cwd=root, cache=True)) == keys(check(root, cwd=root))
    assert len(checked[-2]) == everything
    # an ignore that only another page's link finding uses stays used (the record keeps
    # what the ignores dropped): no unused-ignore finding, as in a cold run
    rules.write_text(with_ignores + "    - {rule: broken-link, paths: [guides/a.md]}\n")
    check(root, cwd=root, cache=True)
    edit(root, B, "are available.", "are available. [z](/guides/d/)")
    whole = keys(check(root, cwd=root, cache=True))
    assert checked[-1] == [B]
    assert whole == keys(check(root, cwd=root))
    assert not any(k[3] == "unused-ignore" for k in whole)
    assert not any(k[0] == "content/guides/a.md" and k[3] == "broken-link" for k in whole)


def test_a_moved_finding_keeps_its_link(root: Path) -> None:
    check(root, cwd=root, cache=True)
    edit(root, A, "# Getting started\n", "# Getting started\n\nIntro.\n\n")
    moved = [k for k in keys(check(root, None, [A], cwd=root, cache=True)) if "nope" in f"{k[4]} {k[5]}"]
    assert [k[1] for k in moved] == [12]  # line 9 before three new lines


def test_a_corrupt_run_record_is_ignored(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fresh = keys(check(root, cwd=root))
    check(root, cwd=root, cache=True)
    db = sqlite3.connect(root / ".git" / GIT_DIRECTORY / FILE)
    with db:
        db.execute("UPDATE runs SET data = x'789c4b04000062006200'")  # zlib of "a"
    db.close()
    runs = full_runs(monkeypatch)
    assert keys(check(root, cwd=root, cache=True)) == fresh and runs == [1]


@pytest.mark.parametrize(
    "spoil",
    [
        lambda data: data[:-7],  # the record cut short
        lambda data: data[:40] + data[41:],  # one byte fewer among the pages' entries
        lambda data: data[:40] + b" " + data[40:],  # one byte more among them
        lambda data: data.replace(b"linkpolicy-run-5", b"linkpolicy-run-0", 1),  # another layout
        lambda data: data[:-8] + (10**9).to_bytes(8, "big"),  # a document larger than the record
    ],
)
def test_a_record_off_its_layout_is_ignored(
    root: Path, monkeypatch: pytest.MonkeyPatch, spoil: Callable[[bytes], bytes]
) -> None:
    fresh = keys(check(root, cwd=root))
    check(root, cwd=root, cache=True)
    db = sqlite3.connect(root / ".git" / GIT_DIRECTORY / FILE)
    with db:
        (data,) = db.execute("SELECT data FROM runs").fetchone()
        raw, _ = segments.restored(data)
        assert raw.startswith(b"linkpolicy-run-5\n")
        writer = segments.Writer()
        writer.write(spoil(raw))
        db.execute("UPDATE runs SET data = ?", (writer.blob(),))
    db.close()
    runs = full_runs(monkeypatch)
    assert keys(check(root, cwd=root, cache=True)) == fresh and runs == [1]


def test_a_changed_policy_runs_in_full(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    check(root, cwd=root, cache=True)
    rules = root / "policies" / "rules.yaml"
    rules.write_text(rules.read_text() + "\n  broken-link: off\n")
    runs = full_runs(monkeypatch)
    assert keys(check(root, cwd=root, cache=True)) == keys(check(root, cwd=root)) and len(runs) == 2


def test_a_scheduled_page_ends_the_reuse_when_its_date_comes() -> None:
    from datetime import UTC, datetime

    now = datetime(2026, 1, 1, tzinfo=UTC)
    fronts = [
        {"date": "2025-05-01"},
        {"publishDate": "2026-03-01T10:00:00Z"},
        {"x": {"expiry": "2026-02-01"}},
    ]
    assert next_moment(fronts, now) == "2026-02-01T00:00:00+00:00"
    assert next_moment([{"title": "2027 plans"}], now) is None


@pytest.mark.parametrize(
    "old, new",
    [
        ("the guides](/guides/). Upgrading", "the guides](/guides/). So: upgrading"),  # the mention moves
        ("Set things up.", "Set things up for an upgrade."),  # a mention earlier on the page
        ("Upgrading?", "Changing?"),  # the mention goes
    ],
)
def test_a_prose_edit_moves_or_changes_mentions_as_a_cold_run_does(
    root: Path, monkeypatch: pytest.MonkeyPatch, old: str, new: str
) -> None:
    (root / "policies" / "entities.yaml").write_text(
        "entities:\n  - name: Upgrading\n    aliases: [upgrade]\n    page: /guides/a/\n"
    )
    before = keys(check(root, cwd=root, cache=True))
    assert any(k[0] == B and k[3] == "entity-unlinked" for k in before)
    edit(root, B, old, new)
    assert keys(check(root, None, [B], cwd=root, cache=True)) == keys(check(root, None, [B], cwd=root))
    assert keys(check(root, cwd=root, cache=True)) == keys(check(root, cwd=root))


def test_new_link_text_is_read_again_for_its_target(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A link's new text changes what anchor rules read of the page it links to: that
    page's inbound links are read again from the pages that link to it, without a full run."""
    check(root, cwd=root, cache=True)
    edit(root, B, "[the guides](/guides/)", "[cheap guides](/guides/)")
    runs = full_runs(monkeypatch)
    target = [B, "content/guides/_index.md"]
    assert keys(check(root, None, target, cwd=root, cache=True)) == keys(check(root, None, target, cwd=root))
    assert len(runs) == 1  # the cold run's
    assert keys(check(root, cwd=root, cache=True)) == keys(check(root, cwd=root))
    assert len(runs) == 2


# -- the pre-commit hook's run (`check --staged`) --------------------------------------


@pytest.fixture
def repo(root: Path) -> Path:
    from helpers import git

    shutil.rmtree(root / ".git")
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "site")
    return root


STAGED_EDITS: dict[str, tuple[Callable[[Path], None], int]] = {
    # name: (the edit, runs that read the whole site: 0 when the last run's record answers,
    # 2 when a page is removed and the pages that linked to it are found in HEAD)
    "reword prose": (lambda r: edit(r, A, "Links in code", "Links inside code"), 0),
    "move links down": (lambda r: edit(r, A, "# Getting started\n", "# Getting started\n\nIntro.\n\n"), 0),
    "rename a heading others link to": (lambda r: edit(r, B, "## Options", "## Settings"), 1),
    # a page's own links: the record's site and graph answer (see test_delta.py)
    "add a link": (lambda r: edit(r, B, "are available.", "are available. [Guide A](/guides/a/)"), 0),
    "delete a page": (lambda r: (r / C).unlink(), 2),
    "change a policy": (
        lambda r: (r / "policies" / "rules.yaml").write_text(
            (r / "policies" / "rules.yaml").read_text() + "\n  broken-link: warning\n"
        ),
        1,
    ),
}


@pytest.mark.parametrize("name", list(STAGED_EDITS))
def test_staged_runs_equal_uncached_runs(repo: Path, monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    from helpers import git

    from linkpolicy import changes
    from linkpolicy.api import check_changes

    change, expected_runs = STAGED_EDITS[name]
    check(repo, cwd=repo, cache=True)  # the record a commit before this one left
    change(repo)
    git(repo, "add", "-A")
    runs = full_runs(monkeypatch)
    staged = changes.staged(repo)
    cached = keys(check_changes(staged, repo, cwd=repo, cache=True))
    assert len(runs) == expected_runs
    assert cached == keys(check_changes(staged, repo, cwd=repo))
    assert cached  # the edited page or the pages linking to it have findings to report
    assert cached == keys(check_changes(staged, repo, cwd=repo, cache=True))  # and again, from the record


@pytest.mark.parametrize("review", [False, True])
def test_a_commit_keeps_the_record_unless_rules_read_history(
    repo: Path, monkeypatch: pytest.MonkeyPatch, review: bool
) -> None:
    from helpers import git

    if review:  # policy-review-due reads git history: a new commit is a new input
        clusters = repo / "policies" / "clusters.yaml"
        clusters.write_text(
            clusters.read_text().replace("    hub: /guides/\n", "    hub: /guides/\n    review_every: 90d\n")
        )
        git(repo, "commit", "-qam", "review the guides")
    before = keys(check(repo, cwd=repo, cache=True))
    git(repo, "commit", "-q", "--allow-empty", "-m", "another commit")
    runs = full_runs(monkeypatch)
    assert keys(check(repo, cwd=repo, cache=True)) == before == keys(check(repo, cwd=repo))
    assert len(runs) == (2 if review else 1)  # the uncached run, and a missed record


def test_prose_that_a_block_selects_by_runs_in_full(root: Path) -> None:
    # a block chosen by entity mentions reads the page's prose: a new mention changes what
    # `generate` would write (a block to insert), so the edit cannot re-use the record
    with_blocks(
        root,
        written=False,
        block="pages: ['guides/a.md']\n    select: entities\n    limit: 3\n",
        more="entities:\n  - name: Pricing plans\n    page: /pricing/\n",
    )
    check(root, cwd=root, cache=True)
    edit(root, A, "Links in code", "`Pricing plans` and links in code")  # no prose mention: only the text
    assert keys(check(root, cwd=root, cache=True)) == keys(check(root, cwd=root))
    assert any(k[0] == A and k[3] == "stale-link-block" for k in keys(check(root, cwd=root)))


def test_inline_disables_hold_in_runs_the_record_answers(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # the record keeps every finding the policy does not ignore; a page's inline comments
    # are applied when reporting, also after an edit moved the comment and its line
    missing = "This one is gone: [the missing guide](/guides/missing/)."
    edit(root, A, missing, "<!-- linkpolicy-disable-next-line -->\n" + missing)
    runs = full_runs(monkeypatch)
    cold = keys(check(root, cwd=root, cache=True))
    assert not [k for k in cold if k[0] == A and k[5] == "/guides/missing/"]
    assert [k for k in cold if k[0] == A and k[3] == "broken-fragment"]  # the next line is reported
    assert keys(check(root, cwd=root, cache=True)) == cold and len(runs) == 1
    edit(root, A, "# Getting started\n", "# Getting started\n\nIntro.\n\n")
    moved = keys(check(root, cwd=root, cache=True))
    assert len(runs) == 1  # the edit moved lines only: the record answered
    shutil.rmtree(root / ".git" / GIT_DIRECTORY)
    assert moved == keys(check(root, cwd=root, cache=True))  # as a cold run sees it
    assert not [k for k in moved if k[0] == A and k[5] == "/guides/missing/"]


def test_a_stat_taken_in_the_racy_window_is_re_read_however_late_the_record_is_used(
    root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Whether a file's stat can be trusted is judged when the stat is taken: a file
    written just before it was read stays one to read again, even when the record is
    compared (or re-saved) long after, when the same stat would look settled."""
    from linkpolicy.incremental import RecordingTree, changed_files

    monkeypatch.setattr(store, "GRANULARITY_NS", 10**18)  # every write counts as just now
    tree = RecordingTree(root)
    tree.read(A)
    tree.read(B)
    inputs = tree.inputs()
    assert inputs["unsettled"] == sorted([A, B])
    monkeypatch.setattr(store, "GRANULARITY_NS", 0)  # later: the same stats look settled
    assert changed_files(root, inputs) == [A, B]
    settled = RecordingTree(root)
    settled.read(A)
    assert changed_files(root, settled.inputs()) == []


def test_folders_are_listed_again_only_when_their_stat_changed(
    root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A folder's stat changes with its entries: an unchanged, settled stat says its
    names are as recorded (no listing); a new file changes it, and the listing then
    finds the change; a stat taken in the racy window is never trusted."""
    from linkpolicy import incremental
    from linkpolicy.incremental import RecordingTree, changed_files

    listed: list[str] = []
    names = incremental._names
    monkeypatch.setattr(incremental, "_names", lambda folder: listed.append(folder) or names(folder))
    tree = RecordingTree(root)
    tree.walked(str(root / "content"))
    tree.walked(str(root / "content/guides"))
    inputs = tree.inputs()
    assert all(seen is not None for _, seen in inputs["folders"].values())
    listed.clear()
    assert changed_files(root, inputs) == [] and listed == []
    (root / "content/guides/new.md").write_text("# New\n")
    assert changed_files(root, inputs) is None  # the guides' stat changed, and their names
    assert listed == [str(root / "content/guides")]
    (root / "content/guides/new.md").unlink()  # the same names again under a new stat
    assert changed_files(root, inputs) == []

    monkeypatch.setattr(store, "GRANULARITY_NS", 10**18)  # every write counts as just now
    racy = RecordingTree(root)
    racy.walked(str(root / "content/guides"))
    inputs = racy.inputs()
    assert [seen for _, seen in inputs["folders"].values()] == [None]
    monkeypatch.setattr(store, "GRANULARITY_NS", 0)
    listed.clear()
    assert changed_files(root, inputs) == [] and len(listed) == 1  # listed, whatever its stat
    (root / "content/guides/new.md").write_text("# New\n")
    assert changed_files(root, inputs) is None


def with_blocks(
    root: Path,
    written: bool,
    block: str = "pages: ['guides/*.md']\n    select: cluster\n    limit: 2\n    insert: end\n",
    more: str = "",
) -> None:
    """A "related" block (by default on every guide, from its cluster); ``written``:
    `generate` has filled them in; ``more``: other policy sections beside it."""
    from click.testing import CliRunner

    from linkpolicy.cli import main

    policies = root / "policies"
    (policies / "templates").mkdir()
    (policies / "templates" / "related.md.j2").write_text(
        "## Related\n\n{% for l in links %}- [{{ l.title }}]({{ l.url }})\n{% endfor %}"
    )
    (policies / "blocks.yaml").write_text(
        more + "blocks:\n  - name: related\n    template: templates/related.md.j2\n    " + block
    )
    if written:
        result = CliRunner().invoke(
            main, ["generate", "--root", str(root), "--quiet"], catch_exceptions=False
        )
        assert result.exit_code == 0, result.output


BLOCK_EDITS: dict[str, tuple[bool, Callable[[Path], None], bool]] = {
    # name: (blocks written first, the edit, whether the record answers)
    "prose above a written block": (True, lambda r: edit(r, A, "Links in code", "Links inside code"), True),
    "lines added above a written block": (
        True,
        lambda r: edit(r, A, "# Getting started\n", "# Getting started\n\nIntro.\n\n"),
        True,
    ),
    "a word written into the block": (
        True,
        lambda r: edit(r, A, "## Related\n\n", "## Related\n\nSee also:\n\n"),
        True,
    ),
    "the block's end marker removed": (
        True,
        lambda r: edit(r, A, "<!-- linkpolicy:end related -->", ""),
        False,
    ),
    "prose on a page whose block is missing": (
        False,
        lambda r: edit(r, A, "Links in code", "Links inside code"),
        True,
    ),
}


@pytest.mark.parametrize("name", list(BLOCK_EDITS))
def test_edits_to_pages_with_blocks_equal_cold_runs(
    root: Path, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    written, change, answered = BLOCK_EDITS[name]
    with_blocks(root, written)
    before = keys(check(root, cwd=root, cache=True))
    missing = (A, 1, 1, "stale-link-block", "managed block 'related' is missing", None)
    assert (missing in before) is not written and all(
        k[3] != "stale-link-block" or not written for k in before
    )
    runs = full_runs(monkeypatch)
    change(root)
    one = keys(check(root, None, [A], cwd=root, cache=True))
    whole = keys(check(root, cwd=root, cache=True))
    assert len(runs) == (0 if answered else 1)
    assert whole == keys(check(root, cwd=root))
    assert one == keys(check(root, None, [A], cwd=root))
    stale = [k for k in whole if k[0] == A and k[3] == "stale-link-block"]
    assert bool(stale) is (
        name in ("a word written into the block", "prose on a page whose block is missing")
    )


def test_an_ignore_that_may_hide_a_block_finding_runs_in_full(
    root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # unused-ignore reads every finding: a block finding that comes or goes may change it
    with_blocks(root, True)
    rules = root / "policies" / "rules.yaml"
    rules.write_text(rules.read_text() + "    - {rule: stale-link-block, paths: ['guides/f.md']}\n")
    check(root, cwd=root, cache=True)
    runs = full_runs(monkeypatch)
    edit(root, A, "## Related\n\n", "## Related\n\nSee also:\n\n")
    assert keys(check(root, cwd=root, cache=True)) == keys(check(root, cwd=root)) and len(runs) == 2


def test_the_same_bytes_under_new_stats_are_answered_by_the_record(
    root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every file written again with its own bytes (new inodes and times, as in a fresh
    clone with the cache restored, which the GitHub Action does): the record answers, the
    site's config file included; a config file whose bytes changed runs in full."""
    config = root / "hugo.toml"
    config.write_text('baseURL = "https://example.com/"\ntitle = "Docs"\n')
    first = keys(check(root, cwd=root, cache=True))
    for path in [p for p in root.rglob("*") if p.is_file() and ".git" not in p.relative_to(root).parts]:
        data = path.read_bytes()
        path.unlink()
        path.write_bytes(data)
    runs = full_runs(monkeypatch)
    assert keys(check(root, cwd=root, cache=True)) == first
    assert runs == []
    config.write_text(config.read_text() + "\n# a comment\n")
    assert keys(check(root, cwd=root, cache=True)) == first
    assert len(runs) == 1


def test_a_record_holds_the_next_day_unless_its_rules_read_the_date(
    root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Nothing a site's findings say depends on the day unless the policy has approvals
    (they expire) or review cadence (reviews fall due): then a record holds for the day it
    was made; else it answers the next day too (the first commit of a day, a cache restored
    in CI)."""
    monkeypatch.setenv("LINKPOLICY_TODAY", "2026-03-01")
    first = keys(check(root, cwd=root, cache=True))
    runs = full_runs(monkeypatch)
    monkeypatch.setenv("LINKPOLICY_TODAY", "2026-03-02")
    assert keys(check(root, cwd=root, cache=True)) == first
    assert runs == []
    (root / "policies" / "approvals.yaml").write_text(
        "approvals:\n  - domain: partner.example\n    approver: ana\n    date: 2026-01-01\n"
        "    expires: 2026-03-02\n    reason: a partner until spring\n"
    )
    dated = keys(check(root, cwd=root, cache=True))
    assert len(runs) == 1  # a policy change
    assert keys(check(root, cwd=root, cache=True)) == dated and len(runs) == 1
    monkeypatch.setenv("LINKPOLICY_TODAY", "2026-03-03")  # the approval has expired
    later = keys(check(root, cwd=root, cache=True))
    assert len(runs) == 2
    assert later == keys(check(root, cwd=root)) != dated
    assert any(rule == "expired-approval" for _, _, _, rule, _, _ in later)


def test_a_tables_paths_holding_a_rule_are_found_in_its_bytes() -> None:
    """PageTable.holding: the undecoded values whose JSON holds the string whole (not a
    message quoting it, nor a longer name), and every decoded value."""
    from linkpolicy.findings import Finding, Severity
    from linkpolicy.incremental import PageTable, _dump_findings, _load_findings

    def found(rule: str, message: str = "m") -> Finding:
        return Finding(rule, Severity.WARNING, "p", 1, 1, message)

    values = {
        "a.md": [found("cluster-depth")],
        "b.md": [found("orphan-page", 'see "cluster-depth" of the policy')],
        "c.md": [],
        "d.md": [found("cluster-depths"), found("hub-authority")],
        "e.md": [found("broken-link"), found("cluster-depth")],
        "f.md": [found("broken-link")],
    }
    table = PageTable.packed(values.items(), (_dump_findings, _load_findings))
    assert table.holding("cluster-depth") == {"a.md", "e.md"}
    assert table.holding("hub-authority") == {"d.md"}
    assert table["f.md"][0].rule == "broken-link"  # decoded: may hold anything now
    assert table.holding("cluster-depth") == {"a.md", "e.md", "f.md"}
    assert table.updated({"c.md": [found("cluster-depth")]}).holding("absent") == {"c.md", "f.md"}
