"""SARIF that code scanning keeps apart: one fingerprint per finding even where a page
repeats the same broken link, fingerprints that survive lines moving, the category as
automationDetails.id, and paths from the top of the git repository when the site lives
in a subfolder."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner
from helpers import git

from linkpolicy.cli import main

REPEATED = "# Guide\n\n" + "".join(f"Step {i}: see [the setup](/setup/).\n\n" for i in range(5))


def make_site(root: Path) -> Path:
    files = {
        "policies/site.yaml": "site:\n  base_url: https://docs.example.com\n  generator: hugo\n"
        "  content: content/\n  home: /\n",
        "content/_index.md": "# Home\n\n[guide](/guide/) [other](/other/)\n",
        "content/guide.md": REPEATED + "[home](/)\n",
        "content/other.md": REPEATED + "[home](/)\n",
    }
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text)
    return root


def sarif(root: Path, *args: str) -> dict:
    result = CliRunner().invoke(main, ["check", "--root", str(root), "--format", "sarif", *args])
    assert result.exit_code == 1, result.output
    return json.loads(result.output)


def prints(doc: dict) -> list[str]:
    return [r["partialFingerprints"]["linkpolicyFinding/v2"] for r in doc["runs"][0]["results"]]


def test_repeated_identical_links_get_one_fingerprint_each(tmp_path: Path) -> None:
    root = make_site(tmp_path / "site")
    (root / ".git").mkdir()
    doc = sarif(root)
    results = doc["runs"][0]["results"]
    broken = [r for r in results if r["ruleId"] == "broken-link"]
    assert len(broken) == 10  # five identical links on each of two pages
    assert len(set(prints(doc))) == len(results)
    # lines moving (a paragraph added on top) keep every fingerprint
    (root / "content" / "guide.md").write_text(
        "# Guide\n\nA new intro.\n\n" + REPEATED[len("# Guide\n\n") :] + "[home](/)\n"
    )
    moved = sarif(root)
    assert sorted(prints(moved)) == sorted(prints(doc))
    assert [
        r["locations"][0]["physicalLocation"]["region"]["startLine"] for r in moved["runs"][0]["results"]
    ] != [r["locations"][0]["physicalLocation"]["region"]["startLine"] for r in results]


def test_category_is_the_automation_id(tmp_path: Path) -> None:
    root = make_site(tmp_path / "site")
    (root / ".git").mkdir()
    assert sarif(root)["runs"][0]["automationDetails"] == {"id": "linkpolicy/"}
    assert sarif(root, "--sarif-category", "docs-en")["runs"][0]["automationDetails"] == {"id": "docs-en/"}


def test_paths_are_from_the_repository_top_when_the_site_is_a_subfolder(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q", "-b", "main")
    root = make_site(repo / "website")
    uris = {
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        for r in sarif(root)["runs"][0]["results"]
    }
    assert uris == {"website/content/guide.md", "website/content/other.md"}
    result = CliRunner().invoke(main, ["check", "--root", str(root), "--format", "github"])
    assert "::error file=website/content/guide.md,line=3," in result.output
    text = CliRunner().invoke(main, ["check", "--root", str(root)])
    assert "\ncontent/guide.md:3:" in "\n" + text.output  # text and JSON stay relative to the site root
