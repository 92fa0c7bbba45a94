"""`linkpolicy generate`: byte-exact splices on LF, CRLF and BOM files, idempotence,
`--check` on a hand edit, insert modes, template errors, the sandbox."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from linkpolicy.cli import main

TEMPLATE = "## Related\n\n{% for link in links %}\n- [{{ link.title }}]({{ link.url }})\n{% endfor %}\n"


def make_site(
    root: Path, insert: str = "end", template: str = TEMPLATE, newline: str = "\n", bom: bool = False
) -> Path:
    (root / ".git").mkdir(parents=True)
    pol = root / "policies"
    (pol / "templates").mkdir(parents=True)
    (pol / "site.yaml").write_text(
        "site:\n  base_url: https://example.com\n  content: content/\n  generator: hugo\n"
    )
    (pol / "clusters.yaml").write_text("clusters:\n  - id: g\n    hub: /g/\n    members: ['g/**']\n")
    (pol / "blocks.yaml").write_text(
        "blocks:\n  - name: related\n    template: templates/related.md.j2\n"
        f"    pages: ['g/*.md']\n    limit: 2\n    insert: {insert}\n"
    )
    (pol / "templates" / "related.md.j2").write_text(template)
    pages = {
        "_index.md": "# Home\n\n[g](/g/)\n",
        "g/_index.md": "# G\n\n[a](/g/a/) [b](/g/b/) [c](/g/c/)\n",
        "g/a.md": "---\ntitle: Alpha\n---\n# Alpha\n\nBody [hub](/g/).\nMore text.",
        "g/b.md": "---\ntitle: Beta\n---\n# Beta\n\n[hub](/g/)\n",
        "g/c.md": "---\ntitle: Gamma\n---\n# Gamma\n\n[hub](/g/) [a](/g/a/)\n",
    }
    for name, text in pages.items():
        p = root / "content" / name
        p.parent.mkdir(parents=True, exist_ok=True)
        data = text.replace("\n", newline).encode()
        p.write_bytes((b"\xef\xbb\xbf" if bom else b"") + data)
    return root


def run(root: Path, *args: str):
    return CliRunner().invoke(main, [*args, "--root", str(root)], catch_exceptions=False)


@pytest.mark.parametrize(("newline", "bom"), [("\n", False), ("\r\n", False), ("\r\n", True)])
def test_round_trip_keeps_every_byte_outside_the_block(tmp_path: Path, newline: str, bom: bool) -> None:
    root = make_site(tmp_path, newline=newline, bom=bom)
    before = (root / "content/g/a.md").read_bytes()
    assert run(root, "generate").exit_code == 0
    after = (root / "content/g/a.md").read_bytes()
    assert after.startswith(before + newline.encode())  # appended after a final newline
    added = after[len(before) :].decode()
    assert added == newline.join(
        [
            "",
            "",
            "<!-- linkpolicy:start related -->",
            "## Related",
            "",
            "- [Beta](/g/b/)",
            "- [Gamma](/g/c/)",
            "<!-- linkpolicy:end related -->",
            "",
        ]
    )
    assert (b"\r\n" in after) == (newline == "\r\n")
    assert after.count(b"\xef\xbb\xbf") == (1 if bom else 0)
    snapshot = {p: p.read_bytes() for p in (root / "content").rglob("*.md")}
    again = run(root, "generate")
    assert again.exit_code == 0 and "updated content/" not in again.output
    assert snapshot == {p: p.read_bytes() for p in (root / "content").rglob("*.md")}
    assert run(root, "generate", "--check").exit_code == 0


def test_selection_skips_links_already_in_the_body(tmp_path: Path) -> None:
    root = make_site(tmp_path)
    run(root, "generate")
    c = (root / "content/g/c.md").read_text()
    block = c.split("<!-- linkpolicy:start related -->")[1]
    assert "/g/a/" not in block and "/g/b/" in block


def test_check_catches_a_hand_edit_and_changes_nothing(tmp_path: Path) -> None:
    root = make_site(tmp_path)
    run(root, "generate")
    page = root / "content/g/b.md"
    edited = page.read_text().replace("- [Gamma](/g/c/)", "- [My favourite](/g/c/)")
    page.write_text(edited)
    result = CliRunner().invoke(main, ["generate", "--check", "--root", str(root)])
    assert result.exit_code == 1
    assert "-- [My favourite](/g/c/)" in result.output and "+- [Gamma](/g/c/)" in result.output
    assert page.read_text() == edited
    check = CliRunner().invoke(main, ["check", "--root", str(root), "--format", "json"])
    assert '"rule": "stale-link-block"' in check.output


def test_insert_after_title(tmp_path: Path) -> None:
    root = make_site(tmp_path, insert="after-title")
    run(root, "generate")
    text = (root / "content/g/b.md").read_text()
    assert text.startswith("---\ntitle: Beta\n---\n# Beta\n\n<!-- linkpolicy:start related -->\n")
    assert text.endswith("<!-- linkpolicy:end related -->\n\n[hub](/g/)\n")


def test_insert_none_only_fills_existing_markers(tmp_path: Path) -> None:
    root = make_site(tmp_path, insert="none")
    page = root / "content/g/b.md"
    page.write_text(
        page.read_text() + "\n<!-- linkpolicy:start related -->\n<!-- linkpolicy:end related -->\n"
    )
    run(root, "generate")
    assert "- [Alpha](/g/a/)" in page.read_text()
    assert "linkpolicy:start" not in (root / "content/g/a.md").read_text()


def test_template_errors_exit_2_naming_the_template(tmp_path: Path) -> None:
    root = make_site(tmp_path, template="{% for link in links %}{{ link.nope }}{% endfor %}")
    result = CliRunner().invoke(main, ["generate", "--root", str(root)])
    assert result.exit_code == 2
    assert "templates/related.md.j2" in result.output and "nope" in result.output


def test_templates_run_in_a_sandbox(tmp_path: Path) -> None:
    root = make_site(tmp_path, template="{{ ''.__class__.__mro__[1].__subclasses__() }}")
    result = CliRunner().invoke(main, ["generate", "--root", str(root)])
    assert result.exit_code == 2
    assert "unsafe" in result.output or "template error" in result.output


def test_check_plans_blocks_without_the_pages_bytes(tmp_path: Path) -> None:
    """`check` needs which blocks are stale, not the pages before and after: its plan holds
    no bytes, names the same blocks as the plan `generate` writes from, and asking for
    the bytes afterwards makes the full plan."""
    from linkpolicy.api import analyse
    from linkpolicy.generate import BlockChange

    root = make_site(tmp_path)
    run(root, "generate")
    (root / "content/g/b.md").write_text((root / "content/g/b.md").read_text().replace("Gamma", "Other"))
    (root / "content/g/c.md").write_text("---\ntitle: Gamma\n---\n# Gamma\n\n[hub](/g/)\n")  # markers gone
    analysis = analyse(root, cwd=root, cache=False)
    lean = analysis.stale_blocks
    assert lean and not any(isinstance(c, BlockChange) for c in lean)
    assert not any(hasattr(c, "old") or hasattr(c, "new") for c in lean)
    full = analysis.block_changes
    assert all(isinstance(c, BlockChange) and c.old != c.new for c in full)
    fields = [(c.path, c.name, c.line, c.missing) for c in lean]
    assert fields == [(c.path, c.name, c.line, c.missing) for c in full]
    assert {c.path for c in full} == {"content/g/b.md", "content/g/c.md"}
    for change in full:
        assert change.old == (root / change.path).read_bytes()
    assert analysis.stale_blocks is full  # the full plan answers `check` from then on


def test_generate_writes_page_by_page_from_the_lean_plan(tmp_path: Path) -> None:
    """`generate` never makes the plan with every stale page's bytes: it plans lean and
    reads each stale page again as its turn comes. What it writes, and what `--check`
    prints, is what the full plan holds; a page edited after it was planned keeps the
    edit (the block is spliced into its bytes as they are now)."""
    from linkpolicy.api import analyse, write_blocks
    from linkpolicy.generate import Refusal

    root = make_site(tmp_path)
    full = {c.path: c.new for c in analyse(root, cwd=root, cache=False).block_changes}
    assert set(full) == {"content/g/a.md", "content/g/b.md", "content/g/c.md"}
    printed = run(root, "generate", "--check")
    assert printed.exit_code == 1
    for path in full:
        assert f"+++ b/{path}" in printed.output
    assert "3 stale blocks in 3 files" in printed.output
    streamed = analyse(root, cwd=root, cache=False)  # no plan yet: planned as it is written
    pages = list(streamed.block_writes())
    assert {p[-1].path: p[-1].new for p in pages} == full  # type: ignore[union-attr]
    assert streamed._plan is not None and streamed._plan.lean and not streamed.block_refusals
    assert sorted(c.path for c in streamed.stale_blocks) == sorted(full)

    analysis = analyse(root, cwd=root, cache=False)
    assert analysis.stale_blocks  # planned, lean
    edited = root / "content/g/b.md"
    edited.write_text(edited.read_text().replace("[hub](/g/)", "A sentence written meanwhile. [hub](/g/)"))
    written, refused = write_blocks(analysis)
    assert sorted(written) == sorted(full) and not refused
    assert analysis._plan is not None and analysis._plan.lean  # no page's bytes were all held
    for path in ("content/g/a.md", "content/g/c.md"):
        assert (root / path).read_bytes() == full[path]
    assert (root / "content/g/b.md").read_bytes() == full["content/g/b.md"].replace(
        b"[hub](/g/)", b"A sentence written meanwhile. [hub](/g/)"
    )

    # markers made unusable after the plan: refused, the page left as it is
    (root / "content/g/b.md").write_text((root / "content/g/b.md").read_text() + "\nMore.\n")
    again = analyse(root, cwd=root, cache=False)
    assert [c.path for c in again.stale_blocks] == []  # b only grew below its block
    (root / "policies/templates/related.md.j2").write_text(TEMPLATE.replace("Related", "See also"))
    again = analyse(root, cwd=root, cache=False)
    assert {c.path for c in again.stale_blocks} == set(full)
    broken = (root / "content/g/a.md").read_bytes().replace(b"<!-- linkpolicy:end", b"<!-- gone", 1)
    (root / "content/g/a.md").write_bytes(broken)
    pages = list(again.block_writes())
    assert [p.path for p in pages if isinstance(p, Refusal)] == ["content/g/a.md"]
    assert (root / "content/g/a.md").read_bytes() == broken


def test_generate_check_takes_the_answer_of_the_last_checks_record(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """When the last `check`'s record still answers and shows every block as written,
    `generate --check` (the pre-commit hook) plans nothing; when the record cannot tell (a
    hand edit inside a block, the rule switched off, an ignore naming it, no record), it
    plans the blocks as before and says the same."""
    import linkpolicy.api

    root = make_site(tmp_path)
    run(root, "generate")
    assert run(root, "check").exit_code in (0, 1)  # the record
    planned: list[int] = []
    real = linkpolicy.api.analyse_source

    def counted(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        planned.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(linkpolicy.api, "analyse_source", counted)
    quick = run(root, "generate", "--check")
    assert quick.exit_code == 0 and quick.output == "" and planned == []
    written = run(root, "generate")
    assert written.exit_code == 0 and "updated content/" not in written.output and planned == []
    assert "0 files updated" in written.output
    page = root / "content/g/b.md"
    page.write_text(page.read_text().replace("- [Gamma](/g/c/)", "- [My favourite](/g/c/)"))
    stale = CliRunner().invoke(main, ["generate", "--check", "--root", str(root)])
    assert stale.exit_code == 1 and "+- [Gamma](/g/c/)" in stale.output and planned == [1]
    run(root, "generate")
    rules = root / "policies" / "rules.yaml"
    ignore = "rules:\n  ignore:\n    - {rule: stale-link-block, paths: ['g/b.md']}\n"
    for setting in ("rules:\n  stale-link-block: off\n", ignore):
        rules.write_text(setting)
        run(root, "check")
        planned.clear()
        assert run(root, "generate", "--check").exit_code == 0 and planned == [1]
