"""Reads and writes stay inside the repository: symlinks out of it, FIFOs and devices
are refused with a message naming the file (never read, never a hang); writes are atomic,
keep permissions, refuse read-only files and files changed during the run."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from linkpolicy.cli import main
from linkpolicy.io import RefusedFile, atomic_write, read_inside

SITE = Path(__file__).parent / "sites" / "hugo-basic"
OWNERS = "clusters:\n  - id: guides\n    hub: /guides/\n    members: ['guides/**']\n    owners: ['@acme/g']\n"


@pytest.fixture
def site(tmp_path: Path) -> Path:
    root = tmp_path / "site"
    shutil.copytree(SITE, root)
    (root / ".git").mkdir()
    (root / "policies" / "clusters.yaml").write_text(OWNERS)
    return root


def cli(root: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """The real command in a child process, so a hang fails the test instead of stalling it."""
    return subprocess.run(
        [sys.executable, "-m", "linkpolicy.cli", *args, "--root", str(root)],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, **(env or {})},
    )


def test_codeowners_symlink_to_the_environment_is_never_printed(site: Path) -> None:
    (site / ".github").mkdir()
    (site / ".github" / "CODEOWNERS").symlink_to("/proc/self/environ")
    result = cli(site, "codeowners", "--check", env={"LP_SECRET_PROBE": "hunter2-secret"})
    assert result.returncode == 2
    assert "hunter2-secret" not in result.stdout + result.stderr
    assert ".github/CODEOWNERS" in result.stderr and "outside the repository" in result.stderr


def test_codeowners_symlink_to_a_file_outside_is_not_copied_in(site: Path, tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-LINE\n")
    (site / ".github").mkdir()
    link = site / ".github" / "CODEOWNERS"
    link.symlink_to(secret)
    result = CliRunner().invoke(main, ["codeowners", "--root", str(site)])
    assert result.exit_code == 2 and "outside the repository" in result.output
    assert link.is_symlink() and secret.read_text() == "TOP-SECRET-LINE\n"
    assert not any(
        "TOP-SECRET" in p.read_text(errors="replace")
        for p in site.rglob("*")
        if p.is_file() and not p.is_symlink()
    )


@pytest.mark.parametrize("device", ["/dev/zero", "fifo"])
def test_codeowners_on_a_device_or_fifo_does_not_hang(site: Path, device: str) -> None:
    (site / ".github").mkdir()
    target = site / ".github" / "CODEOWNERS"
    if device == "fifo":
        os.mkfifo(target)
    else:
        (site / "zero").symlink_to(device)
        target.symlink_to(site / "zero")
    result = cli(site, "codeowners", "--check")
    assert result.returncode == 2 and "CODEOWNERS" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_fifo_page_is_an_invalid_page_and_the_rest_is_checked(site: Path) -> None:
    os.mkfifo(site / "content" / "guides" / "pipe.md")
    result = cli(site, "check", "--format", "json", "--no-cache")
    assert result.returncode in (0, 1), result.stderr
    findings = json.loads(result.stdout)["findings"]
    pipe = [f for f in findings if f["path"].endswith("pipe.md")]
    assert pipe and pipe[0]["rule"] == "invalid-page" and "FIFO" in pipe[0]["message"]
    assert json.loads(result.stdout)["summary"]["pages"] > 3


def test_a_policy_symlinked_out_of_the_repository_is_refused(site: Path, tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere.yaml"
    outside.write_text("domains:\n  deny: ['x.example']\n")
    (site / "policies" / "extra.yaml").symlink_to(outside)
    result = CliRunner().invoke(main, ["check", "--root", str(site)])
    assert result.exit_code == 2
    assert "extra.yaml" in result.output and "outside the repository" in result.output


def test_baseline_that_is_a_fifo_is_refused(site: Path) -> None:
    os.mkfifo(site / "b.json")
    result = cli(site, "check", "--baseline", str(site / "b.json"))
    assert result.returncode == 2 and "b.json" in result.stderr and "FIFO" in result.stderr


def test_disavow_on_dev_zero_is_refused(site: Path, tmp_path: Path) -> None:
    export = tmp_path / "export.csv"
    export.write_text("source\nhttps://spam.example/a\n")
    disavow = tmp_path / "disavow.txt"
    disavow.symlink_to("/dev/zero")
    result = cli(site, "backlinks", str(export), "--disavow", str(disavow))
    assert result.returncode == 2 and "disavow.txt" in result.stderr and "not a regular file" in result.stderr


def test_write_keeps_permissions_and_goes_through_symlinks_inside(tmp_path: Path) -> None:
    target = tmp_path / "real.md"
    target.write_text("old")
    target.chmod(0o640)
    link = tmp_path / "link.md"
    link.symlink_to(target)
    atomic_write(link, "new", root=tmp_path, expect=b"old")
    assert link.is_symlink() and target.read_text() == "new"
    assert target.stat().st_mode & 0o777 == 0o640
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_write_refuses_symlinks_out_read_only_and_changed_files(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    root.mkdir()
    outside = tmp_path / "outside.md"
    outside.write_text("keep")
    (root / "out.md").symlink_to(outside)
    with pytest.raises(RefusedFile, match="outside the repository"):
        atomic_write(root / "out.md", "x", root=root)
    assert outside.read_text() == "keep"
    locked = root / "locked.md"
    locked.write_text("keep")
    locked.chmod(0o444)
    with pytest.raises(RefusedFile, match="read-only"):
        atomic_write(locked, "x", root=root)
    assert locked.read_text() == "keep"
    moved = root / "moved.md"
    moved.write_text("edited by someone else")
    with pytest.raises(RefusedFile, match="changed on disk"):
        atomic_write(moved, "x", root=root, expect=b"what we read")
    assert moved.read_text() == "edited by someone else"
    assert sorted(p.name for p in root.iterdir()) == ["locked.md", "moved.md", "out.md"]


def test_generate_reports_a_read_only_page_instead_of_clobbering(tmp_path: Path) -> None:
    from test_generate import make_site

    root = make_site(tmp_path)
    page = root / "content/g/a.md"
    before = page.read_bytes()
    page.chmod(0o444)
    result = CliRunner().invoke(main, ["generate", "--root", str(root)])
    assert result.exit_code == 2 and "content/g/a.md" in result.output and "read-only" in result.output
    assert page.read_bytes() == before


def test_read_inside_refuses_escapes(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    (root / "sub").mkdir(parents=True)
    (tmp_path / "secret").write_text("s")
    (root / "sub" / "up").symlink_to(tmp_path)
    for path in ("../secret", "sub/up/secret", str(tmp_path / "secret"), "sub/../../secret"):
        with pytest.raises(RefusedFile, match="outside the repository"):
            read_inside(root, path)


def test_init_does_not_read_a_generator_config_outside(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    (root / ".git").mkdir(parents=True)
    (root / "content").mkdir()
    (root / "content" / "_index.md").write_text("# Home\n")
    secret = tmp_path / "secret.yaml"
    secret.write_text("baseURL: https://secret.example/\n")
    (root / "hugo.yaml").symlink_to(secret)
    result = CliRunner().invoke(main, ["init", "--root", str(root)])
    assert (
        result.exit_code == 2 and "hugo.yaml" in result.output and "outside the repository" in result.output
    )
    assert not (root / "policies").exists()


def test_a_page_edited_during_generate_is_reported_not_overwritten(tmp_path: Path) -> None:
    from test_generate import make_site

    from linkpolicy.api import analyse, write_blocks

    root = make_site(tmp_path)
    analysis = analyse(root, cwd=root)
    assert {c.path for c in analysis.block_changes} >= {"content/g/a.md", "content/g/b.md"}
    edited = root / "content/g/a.md"
    edited.write_text(edited.read_text() + "\nA sentence typed meanwhile.\n")
    mine = edited.read_bytes()
    written, refused = write_blocks(analysis)
    assert [path for path, _ in refused] == ["content/g/a.md"] and "changed on disk" in refused[0][1]
    assert edited.read_bytes() == mine
    assert "content/g/b.md" in written and "linkpolicy:start" in (root / "content/g/b.md").read_text()


def test_graph_does_not_write_through_a_snapshot_symlink_out(site: Path, tmp_path: Path) -> None:
    outside = tmp_path / "victim.tsv"
    outside.write_text("keep me\n")
    (site / "site-graph").mkdir()
    (site / "site-graph" / "pages.tsv").symlink_to(outside)
    result = CliRunner().invoke(main, ["graph", "--root", str(site)])
    assert result.exit_code == 2 and "site-graph/pages.tsv" in result.output
    assert "outside the repository" in result.output
    assert outside.read_text() == "keep me\n" and (site / "site-graph" / "pages.tsv").is_symlink()


def test_a_backlink_export_that_is_a_fifo_is_refused(site: Path, tmp_path: Path) -> None:
    export = tmp_path / "export.csv"
    os.mkfifo(export)
    result = cli(site, "backlinks", str(export))
    assert result.returncode == 2 and "export.csv" in result.stderr and "FIFO" in result.stderr


def test_an_oversized_blob_in_a_revision_is_refused_not_loaded(tmp_path: Path) -> None:
    from helpers import git

    from linkpolicy.io import MAX_FILE_BYTES
    from linkpolicy.source import GitRevision

    root = tmp_path / "repo"
    shutil.copytree(SITE, root)
    (root / "content" / "huge.md").write_bytes(b"# Huge\n" + b"x" * MAX_FILE_BYTES)
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "base")
    rev = GitRevision(root, "HEAD")
    rev.prefetch(list(rev.files("content")))
    assert "content/huge.md" not in rev._order  # never read with the pages around it
    assert rev.read("content/guides/a.md").startswith(b"---") and "content/huge.md" not in rev._cache
    with pytest.raises(RefusedFile, match="over the limit"):
        rev.read("content/huge.md")
    result = CliRunner().invoke(main, ["diff", "HEAD", "--root", str(root), "--format", "json"])
    assert result.exit_code in (0, 1) and "Traceback" not in result.output
