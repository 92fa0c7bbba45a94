"""A check of named pages after link edits, answered from the record's site and graph
(`linkpolicy.delta`), reports what a cold run reports: the same findings on those pages
and the same figures. Held to cold runs on every fixture site and on a synthetic site
with clusters, hubs and navigation, for edits that add, remove and reword links."""

from __future__ import annotations

import random
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from helpers import write_files

from linkpolicy import api, delta
from linkpolicy.changes import staged
from linkpolicy.content import store
from linkpolicy.rules import LINK_RULES, RULES

SITES = Path(__file__).parent / "sites"
sys.path.insert(0, str(Path(__file__).parents[1] / "benchmarks"))
import synthetic  # noqa: E402


def report_of(report: api.Report) -> tuple[object, ...]:
    found = [(f.path, f.line, f.column, f.rule, f.message, f.target, f.anchor) for f in report.findings]
    return found, report.pages, report.links, report.edges, report.notes


@pytest.fixture(autouse=True)
def settled(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(store, "GRANULARITY_NS", 0)  # files written just now count as settled


@pytest.fixture
def answers(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """How each run after link edits was answered: "whole" (the whole result, recorded),
    "named" (the named pages only) or "full" (a full run)."""
    seen: list[str] = []
    real = delta.answer

    def spy(*args):  # noqa: ANN002, ANN202
        result = real(*args)
        seen.append("full" if result is None else "named" if result[1] is None else "whole")
        return result

    monkeypatch.setattr(delta, "answer", spy)
    return seen


def pages_of(root: Path) -> list[tuple[str, str]]:
    """(path, URL) of the published pages, in path order."""
    analysis = api.analyse(root, cwd=root)
    return sorted((p.path, p.url) for p in analysis.site.published if p.path.endswith(".md"))


def link_edits(rng: random.Random, text: str, urls: list[str]) -> list[str]:
    """The page's text after each of a few edits to its own links."""
    other, another = rng.choice(urls), rng.choice(urls)
    added = f"{text.rstrip()}\n\nSee [the other page]({other}) and [this]({another}#nowhere).\n"
    out = [added, f"{text.rstrip()}\n\nA [broken one](/no/such/page/) and <https://example.com/x>.\n"]
    first = text.find("](")
    if first != -1:  # drop a link target, keep its text
        close = text.find(")", first)
        out.append(text[: first + 1] + text[close + 1 :] if close != -1 else added)
    return out


def check_edits(root: Path, count: int, seed: int) -> int:
    """Edits up to ``count`` pages of the site at ``root`` one after another (each put back
    after), comparing each named-page check with a cold one; the runs compared."""
    rng = random.Random(seed)
    pages = pages_of(root)
    urls = [u for _, u in pages]
    api.check(root, cwd=root, cache=True)  # the record
    compared = 0
    for path, _ in rng.sample(pages, min(count, len(pages))):
        page = root / path
        original = page.read_text()
        for text in link_edits(rng, original, urls):
            page.write_text(text)
            fast = api.check(root, None, [path], cwd=root, cache=True)
            assert report_of(fast) == report_of(api.check(root, None, [path], cwd=root)), path
            # and the whole site, from what that run recorded (or a full run)
            assert report_of(api.check(root, cwd=root, cache=True)) == report_of(api.check(root, cwd=root)), (
                path
            )
            compared += 1
        page.write_text(original)
    return compared


@pytest.mark.parametrize("name", sorted(p.name for p in SITES.iterdir() if p.is_dir()))
def test_named_pages_after_link_edits_are_a_cold_runs(name: str, tmp_path: Path, answers: list[str]) -> None:
    root = tmp_path / name
    shutil.copytree(SITES / name, root)
    (root / ".git").mkdir(exist_ok=True)
    assert check_edits(root, 6, seed=len(name)) >= 6
    assert "whole" in answers, "no run was answered from the record"


def test_a_docusaurus_site_whose_graph_goes_through_tag_pages_and_blog_lists(
    tmp_path: Path, answers: list[str]
) -> None:
    root = tmp_path / "site"
    shutil.copytree(Path(__file__).parent / "navigation" / "docusaurus" / "json-site", root)
    (root / ".git").mkdir()
    assert len(api.analyse(root, cwd=root).graph.generated) >= 5  # tag pages, lists, an index
    assert check_edits(root, 6, seed=7) >= 12
    assert "whole" in answers


def test_a_synthetic_site_with_clusters_and_navigation(tmp_path: Path, answers: list[str]) -> None:
    root = tmp_path / "site"
    synthetic.generate(root, 240, seed=3)
    (root / ".git").mkdir(exist_ok=True)
    assert check_edits(root, 12, seed=5) >= 24
    assert answers.count("whole") >= len(answers) - 2


def test_the_hook_after_a_link_edit(tmp_path: Path, answers: list[str]) -> None:
    """`check --staged`: the edited page and the pages linking to it, as a cold run."""
    root = tmp_path / "site"
    synthetic.generate(root, 120, seed=4)
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@t", "-C", str(root)]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "-A"], check=True)
    subprocess.run([*git, "commit", "-qm", "site"], check=True)
    api.check(root, cwd=root, cache=True)
    pages = pages_of(root)
    path = pages[len(pages) // 2][0]
    page = root / path
    page.write_text(page.read_text() + f"\n\nNow [linked]({pages[3][1]}) and [again]({pages[7][1]}).\n")
    subprocess.run([*git, "add", path], check=True)
    fast = api.check_changes(staged(root), root, cwd=root, cache=True)
    cold = api.check_changes(staged(root), root, cwd=root)
    assert report_of(fast) == report_of(cold)
    assert answers == ["whole"]
    assert {f.path for f in fast.findings} - {path}  # pages linking to it are reported too


def recorded(tmp_path: Path, policy: str = "", added: str = "") -> Path:
    """hugo-basic, with ``added`` appended to its policy file ``policy``, checked once: the
    record the runs after it start from."""
    root = tmp_path / "site"
    shutil.copytree(SITES / "hugo-basic", root)
    (root / ".git").mkdir()
    if policy:
        (root / policy).write_text((root / policy).read_text() + added)
    api.check(root, cwd=root, cache=True)
    return root


def test_what_the_record_cannot_answer_whole(tmp_path: Path, answers: list[str]) -> None:
    """With `site.ignore_links` (the record does not keep which page used a pattern, which
    `unused-ignore` reads), the named page is answered but not recorded, and a folder named
    runs in full (and records: the whole site's run after it is the record's)."""
    root = recorded(tmp_path, "policies/site.yaml", "  ignore_links: ['^https://unused\\.example/']\n")
    a = root / "content/guides/a.md"
    a.write_text(a.read_text() + "\n[more](/guides/b/)\n")
    for named in (["content/guides/a.md"], ["content/guides"], []):
        assert report_of(api.check(root, None, named, cwd=root, cache=True)) == report_of(
            api.check(root, None, named, cwd=root)
        )
    assert answers == ["named", "full"]


def test_an_ignore_entry_an_edit_leaves_unused(tmp_path: Path, answers: list[str]) -> None:
    """`unused-ignore` after link edits: kept while the entries that match nothing are the
    same, made anew when an edit leaves an entry matching nothing (or matching again)."""
    root = recorded(tmp_path, "policies/rules.yaml", "    - {rule: broken-link, paths: [guides/a.md]}\n")
    a = root / "content/guides/a.md"
    text = a.read_text()
    edits = [
        text + "\n[another](/guides/c/)\n",  # the entry still drops a finding
        text.replace("[the missing guide](/guides/missing/)", "the missing guide"),  # it drops none
        text,  # and again one
    ]
    unused = []
    for edited in edits:
        a.write_text(edited)
        fast = api.check(root, cwd=root, cache=True)
        assert report_of(fast) == report_of(api.check(root, cwd=root))
        unused.append(sum(f.rule == "unused-ignore" for f in fast.findings))
    assert answers == ["whole"] * 3
    assert unused == [0, 1, 0]


GRAPH_EDITS = [
    # (page, text added, the planted finding it ends or a finding it makes)
    ("content/pricing.md", "[orphan](/orphan/)", ("content/orphan.md", "orphan-page", False)),
    ("content/_index.md", "[four](/deep/four/)", ("content/deep/four.md", "click-depth", False)),
    ("content/_index.md", "[x](/island/x/)", ("content/island/y.md", "unreachable-page", False)),
    ("content/tools/_index.md", "[deep](/tools/deep/)", ("content/tools/deep.md", "cluster-depth", False)),
    (
        "content/guides/a.md",
        "[the popular tool](/tools/popular/)",
        ("content/tools/popular.md", "anchor-over-optimized", True),
    ),
    (
        "content/guides/b.md",
        "[tools](/tools/) [tools](/tools/)",
        ("content/tools/_index.md", "hub-authority", True),
    ),
]


@pytest.mark.parametrize(("path", "added", "expect"), GRAPH_EDITS)
def test_graph_findings_on_other_pages_follow_a_link_edit(
    path: str, added: str, expect: tuple[str, str, bool], tmp_path: Path, answers: list[str]
) -> None:
    """A link edit ends (or keeps) graph findings on the pages it reaches: orphans, depth,
    reachability, depth from the hub, inbound anchors, PageRank; as a cold run says."""
    root = recorded(tmp_path)
    before = api.check(root, cwd=root, cache=True)
    where, rule, stays = expect
    assert any(f.path == where and f.rule == rule for f in before.findings)
    page = root / path
    page.write_text(page.read_text() + f"\n\n{added}\n")
    fast = api.check(root, None, [path], cwd=root, cache=True)
    assert report_of(fast) == report_of(api.check(root, None, [path], cwd=root))
    whole = api.check(root, cwd=root, cache=True)
    assert report_of(whole) == report_of(api.check(root, cwd=root))
    assert answers == ["whole"]
    assert any(f.path == where and f.rule == rule for f in whole.findings) is stays


@pytest.mark.parametrize(
    ("where", "rule"),
    [("content/tools/_index.md", "hub-authority"), ("content/tools/deep.md", "cluster-depth")],
)
def test_a_named_hub_or_member_gets_its_clusters_graph_findings(
    where: str, rule: str, tmp_path: Path, answers: list[str]
) -> None:
    """Where the record cannot answer the whole site (`site.ignore_links` with
    `unused-ignore`), a hub (PageRank below a member's) or a member (too deep from its hub)
    named beside an edited page that does not link to it gets its cluster's graph rules
    (the other clusters' need not be looked at), as a cold run reports."""
    root = recorded(tmp_path, "policies/site.yaml", "  ignore_links: ['^https://unused\\.example/']\n")
    page = root / "content/guides/a.md"
    page.write_text(page.read_text() + "\n\n[the popular tool](/tools/popular/)\n")
    named = ["content/guides/a.md", where]
    fast = api.check(root, None, named, cwd=root, cache=True)
    assert report_of(fast) == report_of(api.check(root, None, named, cwd=root))
    assert any(f.path == where and f.rule == rule for f in fast.findings)
    assert answers == ["named"]


def test_the_records_rows_are_copied_for_the_pages_not_edited(tmp_path: Path) -> None:
    """A run after link edits writes the record's site anew from the last one's rows, each
    copied as it was but the edited pages' (written from the page as it is now)."""
    import json

    from linkpolicy.site import skeleton

    root = tmp_path / "site"
    shutil.copytree(SITES / "hugo-basic", root)
    analysis = api.analyse(root, cwd=root)
    site, graph, clusters = analysis.site, analysis.graph, analysis.clusters
    fresh = b"".join(skeleton.model_of(site, graph, clusters))
    previous = (fresh, json.loads(fresh))
    assert b"".join(skeleton.model_of(site, graph, clusters, None, previous, frozenset())) == fresh
    page = site.pages[1]
    page.problems.append((3, 1, "a problem"))
    copied = b"".join(skeleton.model_of(site, graph, clusters, None, previous, frozenset()))
    redone = b"".join(skeleton.model_of(site, graph, clusters, None, previous, frozenset({page.path})))
    assert copied == fresh
    assert redone != fresh and [3, 1, "a problem"] in json.loads(redone)["pages"][1][8]
    assert json.loads(redone)["pages"][2:] == previous[1]["pages"][2:]


def test_the_graphs_arrays_written_in_pieces_read_back_whole() -> None:
    import numpy as np

    from linkpolicy.site import skeleton

    for size in (0, 1, skeleton._PIECE - 1, skeleton._PIECE, 2 * skeleton._PIECE + 7):
        values = np.arange(size, dtype=np.int64) * 7 % 1_000_003
        for dtype in ("<i8", "<i4"):
            text = b"".join(skeleton._packed_ints(values, dtype)).decode("ascii")
            assert skeleton._unpacked_ints(text, dtype).tolist() == values.tolist()


def test_every_rule_is_run_or_recorded() -> None:
    """A new rule must say how a check after link edits answers for it."""
    diff_rules = {rule for rule, module in RULES.items() if module.SCOPE == "diff"}
    assert set(RULES) == delta.RUN | delta.RECORDED | LINK_RULES | diff_rules
    assert not delta.RUN & delta.RECORDED and delta.INBOUND <= delta.RECORDED and delta.OWN <= delta.RUN


def records(root: Path) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """(stamp, size) of the run records, and (base, size) of their recorded changes."""
    import sqlite3

    db = sqlite3.connect(root / ".git" / store.GIT_DIRECTORY / store.FILE)
    try:
        runs = db.execute("SELECT used, length(data) FROM runs").fetchall()
        edits = db.execute("SELECT base, length(data) FROM run_edits").fetchall()
    finally:
        db.close()
    return runs, edits


def edited_site(tmp_path: Path) -> tuple[Path, list[tuple[str, str]]]:
    root = tmp_path / "site"
    synthetic.generate(root, 160, seed=8)
    (root / ".git").mkdir(exist_ok=True)
    return root, pages_of(root)


def test_link_edits_are_recorded_as_their_changes(
    tmp_path: Path, answers: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """After link edits, the record stays as it was and the edits are written beside it as
    their changes (a few hundred bytes, whatever the site's size), from which the next
    runs answer as cold runs do: the findings, and the site's model and graph as a full
    run makes them."""
    import json

    from linkpolicy import incremental
    from linkpolicy.site import skeleton

    root, pages = edited_site(tmp_path)
    api.check(root, cwd=root, cache=True)
    (base,), none = records(root)
    assert none == []
    edited = pages[5:40:9]
    for n, (path, _) in enumerate(edited):
        page = root / path
        page.write_text(page.read_text() + f"\n\nSee [this]({pages[n][1]}) and [that](/no/such/{n}/).\n")
        assert report_of(api.check(root, None, [path], cwd=root, cache=True)) == report_of(
            api.check(root, None, [path], cwd=root)
        )
        (again,), (edits,) = records(root)
        assert again == base and edits[0] == base[0]  # the record untouched, its changes beside it
        assert edits[1] <= max(base[1] // incremental.EDITS_SHARE, incremental.EDITS_MIN)
        assert edits[1] < 4096  # a few hundred bytes a page edited
    assert answers == ["whole"] * len(edited)
    runs: list[int] = []
    real = api.analyse_source
    monkeypatch.setattr(api, "analyse_source", lambda *a, **k: runs.append(1) or real(*a, **k))
    assert report_of(api.check(root, cwd=root, cache=True)) == report_of(api.check(root, cwd=root))
    assert runs == [1]  # the cold one: the record and its changes answered the other
    # the model the changes make is the one a full run writes
    found = incremental.RunCache(root, api._run_cache(root, api.PolicyFiles(root, None, root)).key).lookup()
    assert found is not None and found[2] == []
    record = found[0]
    doc = json.loads(bytes(record.model))
    _, rows = skeleton.edits_applied(doc, record.model_edits)
    analysis = api.analyse(root, cwd=root)
    fresh = json.loads(b"".join(skeleton.model_of(analysis.site, analysis.graph, analysis.clusters)))
    assert doc["pages"] == fresh["pages"] and doc["site"] == fresh["site"]
    recorded, _, _ = skeleton.edited_graph(doc["graph"], analysis.site, {}, rows)
    assert (recorded.adjacency.indptr == analysis.graph.adjacency.indptr).all()
    assert (recorded.adjacency.indices == analysis.graph.adjacency.indices).all()
    assert (recorded.adjacency.data == analysis.graph.adjacency.data).all()


def test_changes_past_their_share_are_recorded_whole(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from linkpolicy import incremental

    root, pages = edited_site(tmp_path)
    api.check(root, cwd=root, cache=True)
    (base,), _ = records(root)
    monkeypatch.setattr(incremental, "EDITS_SHARE", 10**9)
    monkeypatch.setattr(incremental, "EDITS_MIN", 0)
    page = root / pages[7][0]
    page.write_text(page.read_text() + f"\n\nSee [this]({pages[3][1]}).\n")
    assert report_of(api.check(root, None, [pages[7][0]], cwd=root, cache=True)) == report_of(
        api.check(root, None, [pages[7][0]], cwd=root)
    )
    (again,), edits = records(root)
    assert again != base and edits == []
    assert report_of(api.check(root, cwd=root, cache=True)) == report_of(api.check(root, cwd=root))


@pytest.mark.parametrize(
    "spoil",
    [
        lambda data: b"nonsense",
        lambda data: data[:-5],  # cut short
        lambda data: data.replace(b"edits-1", b"edits-0"),  # another layout
        # well-formed, but off what the record holds: a page row at no page's place, a
        # page row for another page, an edge to no page, a finding of the wrong shape
        lambda data: _rewritten(data, lambda d: d["model"]["pages"].append([10**6, ["x"]])),
        lambda data: _rewritten(data, lambda d: d["model"]["pages"][0][1].__setitem__(0, "other.md")),
        lambda data: _rewritten(data, lambda d: d["model"]["edges"].append([0, [10**6], [1]])),
        lambda data: _rewritten(data, lambda d: d["findings"].append(["content/x.md", [["r", 9]]])),
    ],
)
def test_spoilt_changes_are_ignored(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, spoil: Callable[[bytes], bytes]
) -> None:
    import sqlite3

    root, pages = edited_site(tmp_path)
    api.check(root, cwd=root, cache=True)
    page = root / pages[9][0]
    page.write_text(page.read_text() + f"\n\nSee [this]({pages[4][1]}).\n")
    api.check(root, None, [pages[9][0]], cwd=root, cache=True)
    db = sqlite3.connect(root / ".git" / store.GIT_DIRECTORY / store.FILE)
    with db:
        (data,) = db.execute("SELECT data FROM run_edits").fetchone()
        db.execute("UPDATE run_edits SET data = ?", (spoil(data),))
    db.close()
    cold = report_of(api.check(root, cwd=root))
    assert report_of(api.check(root, None, [pages[9][0]], cwd=root, cache=True)) == report_of(
        api.check(root, None, [pages[9][0]], cwd=root)
    )
    assert report_of(api.check(root, cwd=root, cache=True)) == cold


def _rewritten(data: bytes, change: Callable[[dict], object]) -> bytes:
    import json
    import zlib

    from linkpolicy import incremental

    doc = json.loads(zlib.decompress(data[len(incremental._EDITS) :]))
    change(doc)
    return incremental._EDITS + zlib.compress(json.dumps(doc).encode())


def test_a_run_after_link_edits_reads_no_policy_yaml(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The policy's sections come from the record (kept under a key of the policy files'
    bytes), not from parsing the YAML again."""
    from linkpolicy.policy import load

    root, pages = edited_site(tmp_path)
    api.check(root, cwd=root, cache=True)
    parsed: list[int] = []
    for name in ("_quick_sections", "_read_trees"):
        real = getattr(load, name)
        monkeypatch.setattr(load, name, lambda *a, real=real: parsed.append(1) or real(*a))
    page = root / pages[11][0]
    page.write_text(page.read_text() + f"\n\nSee [this]({pages[2][1]}).\n")
    fast = api.check(root, None, [pages[11][0]], cwd=root, cache=True)
    assert parsed == []
    assert report_of(fast) == report_of(api.check(root, None, [pages[11][0]], cwd=root))


def test_a_fresh_clone_is_recorded_whole(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every file with a new stat and the same bytes (a clone with the cache restored, as
    the GitHub Action runs): the record is written anew, not as changes that every later
    run would have to read (one stat a file); then a link edit is recorded as changes."""
    import os

    from linkpolicy import incremental

    monkeypatch.setattr(incremental, "EDITS_MIN", 0)
    root, pages = edited_site(tmp_path)
    api.check(root, cwd=root, cache=True)
    (base,), _ = records(root)
    for path in sorted(p for p in root.rglob("*") if p.is_file() and ".git" not in p.parts):
        fresh = path.with_name(path.name + ".new")
        fresh.write_bytes(path.read_bytes())
        os.replace(fresh, path)  # a new inode, the same bytes
    cold = report_of(api.check(root, cwd=root))
    assert report_of(api.check(root, cwd=root, cache=True)) == cold
    (again,), edits = records(root)
    assert again != base and edits == []
    page = root / pages[6][0]
    page.write_text(page.read_text() + f"\n\nSee [this]({pages[1][1]}).\n")
    assert report_of(api.check(root, None, [pages[6][0]], cwd=root, cache=True)) == report_of(
        api.check(root, None, [pages[6][0]], cwd=root)
    )
    (last,), edits = records(root)
    assert last == again and len(edits) == 1


@pytest.mark.parametrize(
    "name", ["hugo-basic", "mkdocs-basic", "docusaurus-basic", "jekyll-basic", "plain-basic"]
)
def test_the_records_site_reads_back_as_the_site_it_was_made_of(tmp_path: Path, name: str) -> None:
    """A model leaves out what its rows say otherwise (a page's path where it is its
    content root's and its path in it, its anchors where they are its headings' ids), and
    the site read back from it has every page's path, URL, headings and anchors as the
    site it was made of; a page with an anchor of its own keeps its anchors whole."""
    import json

    from linkpolicy.site import skeleton

    root = tmp_path / "site"
    shutil.copytree(SITES / name, root)
    page = next(
        p
        for p in sorted(root.rglob("*.md"))
        if "policies" not in p.parts and p.name[0] != "_" and p.read_bytes().isascii()
    )
    page.write_bytes(page.read_bytes() + b'\n\n<a id="a-spot-of-its-own"></a>\n')
    analysis = api.analyse(root, cwd=root)
    site = analysis.site
    doc = json.loads(b"".join(skeleton.model_of(site, analysis.graph, analysis.clusters)))
    read = skeleton.site_of(doc["pages"], doc["site"])
    assert [p.path for p in read.pages] == [p.path for p in site.pages]
    for before, after in zip(site.pages, read.pages, strict=True):
        assert (after.rel, after.root, after.url, after.title) == (
            before.rel,
            before.root,
            before.url,
            before.title,
        )
        assert after.anchors == before.anchors
        if before.parsed is not None:
            assert [h.id for h in after.parsed.headings] == [h.id for h in before.parsed.headings]
    rows = {(r[2] + r[1]): r for r in doc["pages"]}
    assert all(r[0] is None for r in rows.values())  # no page of these sites is mounted elsewhere
    own = rows[page.relative_to(root).as_posix()]
    assert own[10] is not None and "a-spot-of-its-own" in own[10]
    if name != "docusaurus-basic":  # (a Docusaurus title has no id: each row keeps its anchors)
        assert any(r[10] is None and r[11] for r in rows.values())  # anchors that are the headings' ids


def test_the_inputs_are_compared_beside_the_policy_when_a_named_page_changed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, answers: list[str]
) -> None:
    """A run given a page whose stat changed (the pre-commit case) compares the record's
    inputs beside loading the policy and the page reader (``parallel.beside``); a run
    whose named page did not change, or that names none, compares them alone. Either
    way the result is a cold run's."""
    from linkpolicy.content import parallel

    calls: list[int] = []
    real = parallel.beside

    def spy(work, meanwhile):  # noqa: ANN001, ANN202
        calls.append(1)
        return real(work, meanwhile)

    monkeypatch.setattr(parallel, "beside", spy)
    root = recorded(tmp_path)
    named = ["content/guides/a.md"]
    assert report_of(api.check(root, None, named, cwd=root, cache=True)) == report_of(
        api.check(root, None, named, cwd=root)
    )
    assert calls == []  # nothing changed
    page = root / named[0]
    page.write_text(page.read_text() + "\n\n[the popular tool](/tools/popular/)\n")
    fast = api.check(root, None, named, cwd=root, cache=True)
    assert calls == [1] and answers == ["whole"]
    assert report_of(fast) == report_of(api.check(root, None, named, cwd=root))
    other = root / "content/guides/b.md"
    other.write_text(other.read_text() + "\n\n[the popular tool](/tools/popular/)\n")
    assert report_of(api.check(root, None, named, cwd=root, cache=True)) == report_of(
        api.check(root, None, named, cwd=root)
    )
    assert calls == [1]  # the named page as recorded: compared alone (and b.md found)


def test_a_link_edit_to_a_tag_page_is_a_cold_runs(tmp_path: Path, answers: list[str]) -> None:
    """On the demo site (Hugo, its tags' pages generated pages of the graph; its blocks not
    planned), a link added
    to a tag page that is a node already is answered from the record (its named page); the same link
    taken out again (the page may then be a node no more) is left to a full run; both
    report what a cold run reports, and so does the snapshot the runs see."""
    root = Path(__file__).parents[1]
    for name in ("demo", "policies", "site-graph"):
        shutil.copytree(root / name, tmp_path / name)
    (tmp_path / "policies/blocks.yaml").unlink()  # (a run that plans blocks is never answered)
    (tmp_path / ".git").mkdir()
    page = tmp_path / "demo/content/pricing.md"
    original = page.read_text()
    api.check(tmp_path, cwd=tmp_path, cache=True)  # the record
    rel = "demo/content/pricing.md"
    for text in (original + "\n\nMore in [the privacy posts](/tags/privacy/).\n", original):
        page.write_text(text)
        fast = api.check(tmp_path, None, [rel], cwd=tmp_path, cache=True)
        assert report_of(fast) == report_of(api.check(tmp_path, None, [rel], cwd=tmp_path))
        whole = api.check(tmp_path, cwd=tmp_path, cache=True)
        assert report_of(whole) == report_of(api.check(tmp_path, cwd=tmp_path))
    assert answers[0] != "full" and answers[-1] == "full"


def test_a_link_edit_on_a_page_whose_destinations_read_its_parameters_is_a_full_run(
    tmp_path: Path, answers: list[str]
) -> None:
    """Hugo's `param` in a destination reads the page's front matter, with what its section
    cascades: the record keeps neither, so an edit of such a page (or one adding such a
    link) is a full run, and reports what a cold run reports; other pages' edits are not."""
    files = {
        "hugo.toml": "baseURL = 'https://x.dev/'\n[params]\nlatest = 'v2'\n",
        "content/_index.md": "# Home\n[Docs](/docs/)\n",
        "content/docs/_index.md": "---\ntitle: Docs\n---\n[v1](v1/) [v2](v2/)\n",
        "content/docs/v1/_index.md": "---\ntitle: v1\ncascade:\n  version: v1\n---\n",
        "content/docs/v1/a.md": "---\ntitle: A1\n---\n[B](/docs/{{< param version >}}/b/)\n",
        "content/docs/v1/b.md": "---\ntitle: B1\n---\n",
        "content/docs/v2/_index.md": "---\ntitle: v2\ncascade:\n  version: v2\n---\n",
        "content/docs/v2/a.md": "---\ntitle: A2\n---\nText.\n",
        "content/docs/v2/b.md": "---\ntitle: B2\n---\n",
        "policies/site.yaml": "site:\n  base_url: https://x.dev/\n  generator: hugo\n  home: /\n",
    }
    write_files(tmp_path, files)
    (tmp_path / ".git").mkdir()
    api.check(tmp_path, cwd=tmp_path, cache=True)  # the record
    edits = [
        ("content/docs/v1/a.md", "\n[A2](/docs/v2/a/)\n"),  # a page with a templated link
        (
            "content/docs/v2/a.md",
            "\n[B](/docs/{{< param version >}}/b/) [gone](/docs/{{< param version >}}/x/)\n",
        ),
        ("content/docs/v2/b.md", "\n[A](/docs/v2/a/)\n"),  # none: its page answered from the record
    ]
    for rel, added in edits:
        page = tmp_path / rel
        page.write_text(page.read_text() + added)
        fast = api.check(tmp_path, None, [rel], cwd=tmp_path, cache=True)
        assert report_of(fast) == report_of(api.check(tmp_path, None, [rel], cwd=tmp_path)), rel
        whole = api.check(tmp_path, cwd=tmp_path, cache=True)
        assert report_of(whole) == report_of(api.check(tmp_path, cwd=tmp_path)), rel
    # (the whole site after the third: a page with templated links links the edited one's target)
    assert answers[:3] == ["full", "full", "named"]
    broken = [f.message for f in api.check(tmp_path, cwd=tmp_path).findings if f.rule == "broken-link"]
    assert len(broken) == 1 and "(/docs/v2/x/)" in broken[0]  # the cascaded version, filled in
