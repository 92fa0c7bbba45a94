"""broken-fragment on a page whose headings a hook writes: the finding says where the ids
come from, and `site.anchors` declares them."""

from __future__ import annotations

from pathlib import Path

from linkpolicy.api import check

SITE = (
    "site:\n  base_url: https://docs.example.org/\n  content: docs/\n  generator: mkdocs\n  home: index.md\n"
)


def _site(root: Path, anchors: str = "") -> Path:
    (root / ".git").mkdir(parents=True)
    (root / "mkdocs.yml").write_text("site_name: x\nhooks:\n  - hooks/shortcodes.py\n")
    (root / "policies").mkdir()
    (root / "policies" / "site.yaml").write_text(SITE + anchors)
    (root / "docs").mkdir()
    (root / "docs" / "index.md").write_text(
        "# Home\n\n[lang](plugin.md#config.lang) and [gone](other.md#nope) and [more](plugin.md#nope)\n"
    )
    (root / "docs" / "plugin.md").write_text(
        "# Plugin\n\n[home](index.md)\n\n#### <!-- md:setting config.lang -->\n\nThe language.\n"
    )
    (root / "docs" / "other.md").write_text("# Other\n\n[home](index.md)\n\n## Options\n")
    return root


def test_a_fragment_on_a_page_with_headings_a_hook_writes_says_so(tmp_path: Path) -> None:
    root = _site(tmp_path)
    found = {(f.target, f.message) for f in check(root, cwd=root).findings if f.rule == "broken-fragment"}
    hinted = {target for target, message in found if "declare them in site.anchors" in message}
    assert {target for target, _ in found} == {"/plugin/", "/other/"}
    assert hinted == {"/plugin/"}  # other.md's headings all have text: a plain broken fragment

    root = _site(tmp_path / "declared", '  anchors:\n    - "<!-- md:setting (?P<id>\\\\S+) -->"\n')
    found = {
        (f.target, f.message.split(";")[0])
        for f in check(root, cwd=root).findings
        if f.rule == "broken-fragment"
    }
    assert found == {
        ("/plugin/", "#nope matches no heading or anchor on /plugin/"),
        ("/other/", "#nope matches no heading or anchor on /other/"),
    }


def test_a_text_fragment_directive_is_no_id(tmp_path: Path) -> None:
    """`#:~:text=word` scrolls to the text (a fragment directive, which the browser strips
    before it looks for an id); `#id:~:text=word` still needs the id."""
    root = _site(tmp_path)
    (root / "docs" / "index.md").write_text(
        "# Home\n\n[a](other.md#:~:text=Options), [b](other.md#options:~:text=x), "
        "[c](other.md#gone:~:text=x)\n"
    )
    found = [f.message for f in check(root, cwd=root).findings if f.rule == "broken-fragment"]
    assert found == ["#gone matches no heading or anchor on /other/"]
