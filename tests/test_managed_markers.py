"""Managed markers can never eat text: `generate` and `codeowners` refuse files whose
markers are unbalanced, duplicated, nested or out of order (not a byte changes), only
whole-line markers outside code and front matter count, and generated text can never
create a marker."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import example, given, settings
from hypothesis import strategies as st
from test_generate import make_site

from linkpolicy.cli import main
from linkpolicy.content import managed

START, END = "<!-- linkpolicy:start related -->", "<!-- linkpolicy:end related -->"
USER = "My own paragraph.\n\nAnother one, with [a link](/g/).\n"


def run(root: Path, *args: str):
    return CliRunner().invoke(main, [*args, "--root", str(root)], catch_exceptions=False)


def snapshot(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in (root / "content").rglob("*.md")}


BROKEN = {
    "no end": f"# Beta\n\n{START}\n{USER}",
    "end before start": f"# Beta\n\n{END}\n{USER}\n{START}\n",
    "duplicated": f"# Beta\n\n{START}\n- x\n{END}\n\n{USER}\n{START}\n- y\n{END}\n",
    "nested": f"# Beta\n\n{START}\n<!-- linkpolicy:start other -->\n{USER}\n"
    f"<!-- linkpolicy:end other -->\n{END}\n",
    "crossed": f"# Beta\n\n{START}\n<!-- linkpolicy:start other -->\n{USER}\n{END}\n"
    "<!-- linkpolicy:end other -->\n",
}


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_untrustworthy_markers_are_refused_and_nothing_changes(tmp_path: Path, case: str) -> None:
    root = make_site(tmp_path)
    page = root / "content/g/b.md"
    page.write_text("---\ntitle: Beta\n---\n" + BROKEN[case])
    before = page.read_bytes()
    for _ in range(2):  # the old code appended a block, then deleted the user's text
        result = run(root, "generate")
        assert result.exit_code == 1
        assert page.read_bytes() == before
        assert "content/g/b.md:" in result.output and "markers are fixed" in result.output
    assert run(root, "generate", "--check").exit_code == 1
    assert page.read_bytes() == before
    check = CliRunner().invoke(main, ["check", "--root", str(root), "--format", "json"])
    found = [f for f in json.loads(check.output)["findings"] if f["path"] == "content/g/b.md"]
    invalid = [f for f in found if f["rule"] == "invalid-page"]
    assert invalid and all("line" in f["message"] for f in invalid)
    assert not [f for f in found if f["rule"] == "stale-link-block"]


def test_messages_say_what_is_wrong_and_where(tmp_path: Path) -> None:
    root = make_site(tmp_path)
    page = root / "content/g/b.md"
    page.write_text("---\ntitle: Beta\n---\n" + BROKEN["end before start"])
    result = run(root, "generate")
    assert "content/g/b.md:6: end marker of 'related' at line 6 has no start marker" in result.output


def test_markers_in_code_and_front_matter_are_text(tmp_path: Path) -> None:
    root = make_site(tmp_path)
    page = root / "content/g/b.md"
    fenced = f"```markdown\n{START}\nexample\n{END}\n```\n"
    indented = f"    {START}\n    example\n    {END}\n"
    inline = f"Write `{START}` then `{END}` around it.\n"
    text = f"---\ntitle: Beta\nnote: |\n  {START}\n  {END}\n---\n# Beta\n\n{fenced}\n{indented}\n{inline}"
    page.write_text(text)
    assert run(root, "generate").exit_code == 0
    after = page.read_text()
    assert after.startswith(text)  # untouched; a real block appended after it
    assert after[len(text) :].count(START) == 1
    assert run(root, "generate", "--check").exit_code == 0


def test_a_title_holding_a_marker_cannot_grow_another_page(tmp_path: Path) -> None:
    root = make_site(tmp_path)
    gamma = root / "content/g/c.md"
    gamma.write_text(f"---\ntitle: |-\n  Gamma\n  {END}\n  {START}\n---\n# Gamma\n\n[hub](/g/) [a](/g/a/)\n")
    assert run(root, "generate").exit_code == 0
    first = snapshot(root)
    for _ in range(2):
        assert run(root, "generate").exit_code == 0
        assert snapshot(root) == first
    assert run(root, "generate", "--check").exit_code == 0
    beta = (root / "content/g/b.md").read_text()
    assert beta.count(START) == 1 and beta.count(END) == 1
    assert "linkpolicy&#58;end related" in beta


def test_a_loose_whole_line_marker_is_refused_not_ignored(tmp_path: Path) -> None:
    root = make_site(tmp_path)
    page = root / "content/g/b.md"
    page.write_text("# Beta\n\n<!--linkpolicy:start related-->\n- old\n<!--  linkpolicy:end related -->\n")
    before = page.read_bytes()
    result = run(root, "generate")
    assert result.exit_code == 1 and page.read_bytes() == before
    assert (
        "content/g/b.md:3: line 3 `<!--linkpolicy:start related-->` is not an exact marker" in result.output
    )


def test_marker_text_in_prose_is_not_a_marker(tmp_path: Path) -> None:
    root = make_site(tmp_path)
    page = root / "content/g/b.md"
    text = f"# Beta\n\nSee {START} in prose.\nAnd `{END}` in code.\n"
    page.write_text(text)
    for _ in range(2):
        assert run(root, "generate").exit_code == 0
        after = page.read_text()
        assert after.startswith(text) and after.count(f"\n{START}\n") == 1


def test_a_template_that_opens_a_fence_is_refused(tmp_path: Path) -> None:
    root = make_site(tmp_path, template="```\n{% for link in links %}{{ link.url }}\n{% endfor %}")
    before = snapshot(root)
    result = run(root, "generate")
    assert result.exit_code == 1 and "code fence" in result.output
    assert snapshot(root) == before
    check = CliRunner().invoke(main, ["check", "--root", str(root), "--format", "json"])
    stale = [f for f in json.loads(check.output)["findings"] if f["rule"] == "stale-link-block"]
    assert stale and all("cannot be written" in f["message"] and "code fence" in f["message"] for f in stale)


SITE = Path(__file__).parent / "sites" / "hugo-basic"
OWNERS = "clusters:\n  - id: guides\n    hub: /guides/\n    members: ['guides/**']\n    owners: ['@acme/g']\n"


@pytest.fixture
def owned(tmp_path: Path) -> Path:
    root = tmp_path / "site"
    shutil.copytree(SITE, root)
    (root / ".git").mkdir()
    (root / "policies" / "clusters.yaml").write_text(OWNERS)
    return root


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("* @all\n# linkpolicy:start\n/docs/ @docs\n/blog/ @blog\n", "has no `# linkpolicy:end`"),
        ("* @all\n# linkpolicy:end\n/docs/ @docs\n", "has no `# linkpolicy:start`"),
        ("# linkpolicy:end\n* @all\n# linkpolicy:start\n/docs/ @docs\n", "comes before"),
        ("# linkpolicy:start\n# linkpolicy:end\n* @x\n# linkpolicy:start\n# linkpolicy:end\n", "lines 1, 4"),
    ],
)
def test_codeowners_refuses_untrustworthy_markers(owned: Path, text: str, says: str) -> None:
    target = owned / "CODEOWNERS"
    target.write_text(text)
    for args in (("codeowners",), ("codeowners", "--check")):
        result = CliRunner().invoke(main, [*args, "--root", str(owned)])
        assert result.exit_code == 2 and says in result.output and "CODEOWNERS" in result.output
        assert target.read_text() == text


def test_codeowners_lookalike_comment_is_not_a_marker(owned: Path) -> None:
    target = owned / "CODEOWNERS"
    text = "# linkpolicy:start-something written by hand\n/docs/ @docs\n# linkpolicy:endless\n"
    target.write_text(text)
    assert run(owned, "codeowners").exit_code == 0
    after = target.read_text()
    assert after.startswith(text) and "/content/guides/** @acme/g" in after
    assert run(owned, "codeowners", "--check").exit_code == 0


_MARKER_PIECES = [
    "<!-- linkpolicy:start related -->",
    "<!-- linkpolicy:end related -->",
    "<!--linkpolicy:start x-->",
    "  <!-- linkpolicy:end related -->",
    "linkpolicy: ",
    "```",
    "````",
    "~~~",
    "   ```js",
    "``` a ` b",
    "text",
    " ",
    "\t",
    "\n",
    "\r\n",
    "\r",
]


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from(_MARKER_PIECES), max_size=24).map("".join), st.integers(0, 4))
@example("~~~\n<!-- linkpolicy:start related -->\n~~~\n<!-- linkpolicy:end related -->\n", 0)
@example("<!-- linkpolicy:start related -->\r\nx\r<!-- linkpolicy:end related -->", 0)
@example("a\n<!-- linkpolicy:start related -->\n", 2)
def test_markers_found_through_candidate_lines_are_those_every_line_gives(text: str, body_line: int) -> None:
    every_line = ((i, offset, line) for i, (offset, line) in enumerate(managed.lines(text)))
    assert managed.find_markers(text, body_line) == managed._markers(every_line, body_line)
