"""A broken link or fragment says what it nearly names: the page or file whose name differs
only in case (a link that works on a disk that ignores case and is a 404 on the host), and
the id of the page closest to a broken fragment."""

from __future__ import annotations

from pathlib import Path

from linkpolicy.api import check

SITE = (
    "site:\n  base_url: https://docs.example.org/\n  content: docs/\n  generator: mkdocs\n  home: index.md\n"
)


def _messages(root: Path, index: str, rule: str) -> list[tuple[str, str]]:
    (root / ".git").mkdir(parents=True)
    (root / "mkdocs.yml").write_text("site_name: x\nsite_url: https://docs.example.org/\n")
    (root / "policies").mkdir()
    (root / "policies" / "site.yaml").write_text(SITE)
    (root / "docs" / "guide" / "img").mkdir(parents=True)
    (root / "docs" / "guide" / "img" / "logo.png").write_bytes(b"\x89PNG")
    (root / "docs" / "guide" / "setup.md").write_text(
        "# Setup\n\n[home](../index.md)\n\n## Installation steps\n\n## Configure the server\n\n## Step 1\n"
    )
    (root / "docs" / "index.md").write_text("# Home\n\n" + index)
    report = check(root, cwd=root)
    return [(f.target or "", f.message) for f in report.findings if f.rule == rule]


def test_a_broken_link_names_the_page_or_file_that_differs_only_in_case(tmp_path: Path) -> None:
    found = dict(
        _messages(
            tmp_path,
            "[a](guide/Setup.md) [b](Guide/setup.md) [c](/guide/SETUP/) [d](guide/img/Logo.PNG)\n"
            "[e](https://docs.example.org/Guide/Setup/) [f](guide/setupx.md) [g](/guide/other/)\n",
            "broken-link",
        )
    )
    assert found["guide/Setup.md"].endswith("; docs/guide/setup.md differs only in case")
    assert found["Guide/setup.md"].endswith("; docs/guide/setup.md differs only in case")
    assert found["/guide/SETUP/"].endswith("; /guide/setup/ differs only in case")
    assert found["guide/img/Logo.PNG"].endswith("; /guide/img/logo.png differs only in case")
    assert found["https://docs.example.org/Guide/Setup/"].endswith("; /guide/setup/ differs only in case")
    # nothing of that name in any case: no hint
    assert "differs" not in found["guide/setupx.md"]
    assert "differs" not in found["/guide/other/"]
    assert len(found) == 7


def test_a_broken_fragment_offers_the_closest_id_of_the_page(tmp_path: Path) -> None:
    found = _messages(
        tmp_path,
        "[a](guide/setup.md#instalation-steps) [b](guide/setup.md#Configure-The-Server)\n"
        "[c](guide/setup.md#configure-server) [d](guide/setup.md#unrelated)\n"
        "[e](guide/setup.md#step-2)\n",
        "broken-fragment",
    )
    by_fragment = {message.split(" ", 1)[0]: message for _, message in found}
    assert len(by_fragment) == 5
    assert by_fragment["#instalation-steps"].endswith("(did you mean #installation-steps?)")
    assert by_fragment["#Configure-The-Server"].endswith("(did you mean #configure-the-server?)")
    assert by_fragment["#configure-server"].endswith("(did you mean #configure-the-server?)")
    assert "did you mean" not in by_fragment["#unrelated"]
    # another of a numbered series is not the one meant
    assert "did you mean" not in by_fragment["#step-2"]


def test_a_link_with_a_misspelt_scheme_is_broken(tmp_path: Path) -> None:
    found = dict(
        _messages(
            tmp_path,
            "[a](hhttps://example.com/) [b](htps://example.com/x) [c](mailtp:me@example.com)\n"
            "[d](slack://open) [e](vscode://file/x) [f](hxxp://defanged.example) [g](https://example.com/)\n",
            "broken-link",
        )
    )
    assert found == {
        "hhttps://example.com/": "link to hhttps://example.com/ has a misspelt scheme (hhttps: for https?)",
        "htps://example.com/x": "link to htps://example.com/x has a misspelt scheme (htps: for https?)",
        "mailtp:me@example.com": "link to mailtp:me@example.com has a misspelt scheme (mailtp: for mailto?)",
    }
