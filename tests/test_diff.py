"""`linkpolicy diff` on real git repositories: commits, branches, renames, the work
tree, a base without policies, guardrails, and golden output."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from helpers import git

from linkpolicy.cli import main

SITE = Path(__file__).parent / "sites" / "hugo-basic"
GOLDEN = Path(__file__).parent / "diff"


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    shutil.copytree(SITE, root, ignore=shutil.ignore_patterns("expected.json", "planted.txt"))
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "base")
    return root


def diff(repo: Path, *args: str):
    return CliRunner().invoke(main, ["diff", *args, "--root", str(repo)], catch_exceptions=False)


def edit(repo: Path, path: str, old: str, new: str) -> None:
    p = repo / path
    text = p.read_text()
    assert old in text
    p.write_text(text.replace(old, new))


def change_site(repo: Path) -> None:
    edit(
        repo,
        "content/guides/e.md",
        "See the [backup guide](/guides/d/)",
        "See [the guides](/guides/) and the [backup guide](/guides/d/)",
    )  # fixes hub-missing-link
    edit(repo, "content/guides/f.md", "after the [backup guide](/guides/d/)", "after the backups")
    edit(
        repo,
        "content/guides/d.md",
        "Related: [upgrade guide](/guides/c/).",
        "Related: [upgrading](/guides/c/).",
    )
    (repo / "content/guides/g.md").write_text(
        "---\ntitle: Guide G\n---\n# G\n\nPart of [the guides](/guides/).\n"
    )


def test_work_tree_against_base(repo: Path) -> None:
    change_site(repo)
    result = diff(repo, "main", "--format", "json")
    doc = json.loads(result.output)
    assert doc["head"] == "WORKTREE" and len(doc["base"]) == 12
    assert doc["pages"] == {"added": ["/guides/g/"], "removed": []}
    assert doc["links"]["added"] == [
        {
            "from": "/guides/e/",
            "to": "/guides/",
            "anchor": "the guides",
            "path": "content/guides/e.md",
            "line": 6,
            "kind": "content",
        },
        {
            "from": "/guides/g/",
            "to": "/guides/",
            "anchor": "the guides",
            "path": "content/guides/g.md",
            "line": 6,
            "kind": "content",
        },
    ]
    assert [(r["from"], r["to"]) for r in doc["links"]["removed"]] == [("/guides/f/", "/guides/d/")]
    assert doc["links"]["by_kind"]["content"] == {"added": 2, "removed": 1}
    assert doc["links"]["anchor_changed"] == [
        {
            "from": "/guides/d/",
            "to": "/guides/c/",
            "old": "upgrade guide",
            "new": "upgrading",
            "path": "content/guides/d.md",
            "line": 7,
        }
    ]
    fixed = {(f["rule"], f["path"]) for f in doc["findings"]["fixed"]}
    new = {(f["rule"], f["path"]) for f in doc["findings"]["new"]}
    assert ("hub-missing-link", "content/guides/e.md") in fixed
    assert ("orphan-page", "content/guides/g.md") in new  # nothing links the new page yet
    guides = next(c for c in doc["clusters"] if c["id"] == "guides")
    assert guides["pages"] == [7, 8]
    assert guides["orphans"] == [0, 1]
    assert result.exit_code == 1  # a new error-level finding


def test_two_commits_and_a_rename(repo: Path) -> None:
    git(repo, "checkout", "-qb", "feature")
    git(repo, "mv", "content/orphan.md", "content/lost.md")
    edit(repo, "content/_index.md", "[our pricing](/pricing/)", "[our pricing](/pricing/), [lost](/lost/)")
    git(repo, "commit", "-qam", "rename and link")
    doc = json.loads(diff(repo, "main", "feature", "--format", "json").output)
    assert doc["head"] == git(repo, "rev-parse", "feature").strip()[:12]
    assert doc["pages"] == {"added": ["/lost/"], "removed": ["/orphan/"]}
    fixed = {(f["rule"], f["path"]) for f in doc["findings"]["fixed"]}
    assert ("orphan-page", "content/orphan.md") in fixed
    # the work tree is untouched by reading revisions
    assert git(repo, "status", "--porcelain") == ""


def test_findings_survive_line_moves(repo: Path) -> None:
    edit(repo, "content/guides/a.md", "# Getting started\n", "# Getting started\n\nA new paragraph.\n\n")
    doc = json.loads(diff(repo, "main", "--format", "json").output)
    assert doc["findings"] == {"new": [], "fixed": []}


def test_base_without_policies(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    shutil.copytree(SITE / "content", root / "content")
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "content only")
    shutil.copytree(SITE / "policies", root / "policies")
    result = diff(root, "main", "--format", "json")
    doc = json.loads(result.output)
    assert doc["pages"] == {"added": [], "removed": []}
    assert doc["findings"]["new"] == []
    text = diff(root, "main").output
    assert "has no usable policies" in text


def test_guardrails(repo: Path) -> None:
    (repo / "policies" / "guardrails.yaml").write_text(
        "guardrails:\n  max_links_removed: 1\n  max_hub_pagerank_drop: 0.05\n  allow_new_orphans: false\n"
    )
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "guardrails")
    edit(repo, "content/blog/post-one.md", "[many links](/guides/a/) [to](/guides/b/) [the](/guides/c/)", "")
    edit(repo, "content/tools/deep.md", "Back to [the tools](/tools/) or ", "")
    result = diff(repo, "HEAD", "--format", "json")
    breaches = [f for f in json.loads(result.output)["findings"]["new"] if f["rule"] == "guardrail-breach"]
    messages = " ".join(f["message"] for f in breaches)
    assert "links removed, more than max_links_removed (1)" in messages
    assert "hub of 'tools' lost" in messages
    assert all(f["path"] == "policies/guardrails.yaml" for f in breaches)
    assert result.exit_code == 1


def test_markdown_and_text_golden(repo: Path) -> None:
    change_site(repo)
    base = git(repo, "rev-parse", "main").strip()[:12]
    for fmt, name in (("markdown", "change.md"), ("text", "change.txt")):
        out = diff(repo, "main", "--format", fmt).output.replace(base, "BASE")
        golden = GOLDEN / name
        if os.environ.get("LINKPOLICY_UPDATE_GOLDENS"):
            golden.write_text(out, encoding="utf-8")
        assert out == golden.read_text(encoding="utf-8")
    md = (GOLDEN / "change.md").read_text()
    assert md.startswith("<!-- linkpolicy -->") and "```mermaid" in md


def test_mermaid_is_bounded(repo: Path) -> None:
    lines = "\n".join(f"[link {i}](/guides/a/)" for i in range(120))
    (repo / "content/pricing.md").write_text(f"---\ntitle: Pricing\n---\n{lines}\n")
    out = diff(repo, "main", "--format", "markdown").output
    block = out.split("```mermaid")[1].split("```")[0]
    assert block.count("-->|added|") == 40
    assert "… 80 more changes" in block


def test_unknown_revision_is_a_usage_error(repo: Path) -> None:
    result = CliRunner().invoke(main, ["diff", "nope", "--root", str(repo)])
    assert result.exit_code == 2
    assert "nope" in result.output and "Traceback" not in result.output


def test_navigation_links_are_diffed_by_kind(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    shutil.copytree(SITE.parent / "mkdocs-basic", root, ignore=shutil.ignore_patterns("expected.json"))
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "base")
    edit(root, "mkdocs.yml", "  - Reference: reference/index.md\n", "")
    doc = json.loads(diff(root, "main", "--format", "json").output)
    removed = [r for r in doc["links"]["removed"] if r["kind"] == "navigation"]
    assert [(r["from"], r["to"], r["line"]) for r in removed] == [("/", "/reference/", 0)]
    assert doc["links"]["by_kind"]["navigation"] == {"added": 0, "removed": 1}
    assert doc["links"]["by_kind"]["content"] == {"added": 0, "removed": 0}
    text = diff(root, "main").output
    assert "links: +0 -1 (navigation +0 -1)" in text
    assert "- navigation / -> /reference/ (docs/index.md)" in text


def test_the_parse_cache_serves_both_sides_and_changes_nothing(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A page's cache key is its bytes: the base's unchanged pages are the work tree's, so
    with the cache a diff parses only what changed, and says exactly what it says without."""
    from linkpolicy.site import build

    change_site(repo)
    uncached = diff(repo, "main", "--format", "json", "--no-cache")
    assert not (repo / ".git" / "linkpolicy").exists()  # --no-cache writes no cache
    parsed: list[str] = []
    real = build._parse_text

    def counting(text: str, *args: object, **kwargs: object):  # noqa: ANN202
        parsed.append(text)
        return real(text, *args, **kwargs)

    monkeypatch.setattr(build, "_parse_text", counting)
    first = diff(repo, "main", "--format", "json")
    pages = len(parsed)
    assert first.output == uncached.output and first.exit_code == uncached.exit_code == 1
    # each distinct text once: the base's pages that the work tree did not change were hits
    assert pages == len(set(parsed))
    parsed.clear()
    again = diff(repo, "main", "--format", "json")
    assert again.output == uncached.output and parsed == []  # nothing parsed afresh
    assert pages > 0


def test_a_base_read_in_a_process_of_its_own_gives_the_same_diff(
    repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On a big site the base revision is analysed in a forked process while this one reads
    the head: the same report as one after the other (forced here on a small site), and the
    base did go through another process."""
    from linkpolicy import diff as diff_module
    from linkpolicy.content import parallel

    if parallel.workers(parallel.MIN_PAGES) < 2:
        pytest.skip("one core, or no fork: the base is always read here")
    change_site(repo)
    alone = diff(repo, "main", "--format", "json", "--no-cache")
    pids = tmp_path / "pids"
    summarise = diff_module._Side.of

    def noted(analysis):  # noqa: ANN001, ANN202
        with pids.open("a") as fh:
            fh.write(f"{os.getpid()}\n")
        return summarise(analysis)

    monkeypatch.setattr(diff_module._Side, "of", staticmethod(noted))
    monkeypatch.setattr(diff_module, "BACKGROUND_PAGES", 0)
    both = diff(repo, "main", "--format", "json", "--no-cache")
    assert both.output == alone.output and both.exit_code == alone.exit_code == 1
    assert len(set(pids.read_text().split())) == 2
    # a base its own policies cannot analyse is noted as before
    edit(repo, "policies/clusters.yaml", "hub: /guides/", "hub: /guides/g/")
    git(repo, "commit", "-qam", "a hub only the work tree has")
    edit(repo, "policies/clusters.yaml", "hub: /guides/g/", "hub: /guides/")
    in_background = diff(repo, "HEAD", "--no-cache").output
    assert "could not be analysed with its policies" in in_background
    monkeypatch.setattr(diff_module, "BACKGROUND_PAGES", 10**9)
    assert diff(repo, "HEAD", "--no-cache").output == in_background


def test_a_revision_is_read_a_chunk_at_a_time_in_the_runs_order(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A git revision's pages are read `READ_AHEAD` blobs to a `git cat-file`, in the order
    the run said it reads them, holding the last chunk only; any order and a file off it
    read the right bytes."""
    from linkpolicy import source as source_module
    from linkpolicy.source import GitRevision

    files = {f"content/p{i:04}.md": f"# Page {i}\n\n" + "text " * (i % 7) for i in range(700)}
    files["hugo.toml"] = "baseURL = 'https://example.com/'\n"
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text)
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-q", "-m", "pages")
    for name in files:
        (tmp_path / name).write_text("changed since")  # the revision is read, not the work tree
    rev = GitRevision(tmp_path, "HEAD")
    pages = sorted(p for p in files if p.endswith(".md"))
    rev.prefetch(pages)
    calls = 0
    real = source_module.git

    def counted(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        nonlocal calls
        calls += 1
        return real(*args, **kwargs)

    monkeypatch.setattr(source_module, "git", counted)
    for path in pages:
        assert rev.read(path).decode() == files[path]
        assert len(rev._cache) <= source_module.READ_AHEAD
    assert calls == -(-len(pages) // source_module.READ_AHEAD)
    for path in reversed(pages[::97]):
        assert rev.read(path).decode() == files[path]
    assert rev.read("hugo.toml").decode() == files["hugo.toml"]
    before = calls
    assert rev.read("hugo.toml").decode() == files["hugo.toml"] and calls == before  # read once
    with pytest.raises(OSError, match="not in"):
        rev.read("content/none.md")


def test_links_compared_page_by_page_are_the_whole_sites_multisets() -> None:
    """`link_changes` unpacks only the pages whose packed links differ; what it finds is
    what the one-for-one difference of the two revisions' whole link lists finds, in the
    head's page order (generated revisions: links moved, duplicated, re-anchored, pages
    added and removed)."""
    import marshal
    import random

    from linkpolicy.diff import LinkRecord, _multiset_minus, link_changes
    from linkpolicy.site.model import EdgeKind

    rng = random.Random(7)
    key = lambda r: (r.source, r.target, r.anchor, r.kind)  # noqa: E731
    urls = [f"/p{i}/" for i in range(12)]
    for _ in range(200):
        sides = []
        for _side in range(2):
            pages: dict[str, list[tuple[str, str, str, int, str]]] = {}
            for url in rng.sample(urls, rng.randint(0, len(urls))):
                pages[url] = [
                    (
                        rng.choice(urls),
                        rng.choice(["a", "b", ""]),
                        url.strip("/") + ".md",
                        rng.randint(0, 9),
                        rng.choice([k.value for k in EdgeKind]),
                    )
                    for _ in range(rng.randint(0, 4))
                ]
            sides.append(pages)
        head, base = ({u: marshal.dumps(tuple(own)) for u, own in side.items() if own} for side in sides)
        flat = [
            [LinkRecord(u, t, a, p, n, EdgeKind(k)) for u, own in side.items() for t, a, p, n, k in own]
            for side in sides
        ]
        added, removed = link_changes(head, base)
        assert added == _multiset_minus(flat[0], flat[1], key)
        assert sorted(removed, key=repr) == sorted(_multiset_minus(flat[1], flat[0], key), key=repr)
