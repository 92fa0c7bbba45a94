"""`linkpolicy baseline` / `check --baseline`, and `linkpolicy codeowners`."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from linkpolicy.cli import main

SITE = Path(__file__).parent / "sites" / "hugo-basic"


@pytest.fixture
def site(tmp_path: Path) -> Path:
    root = tmp_path / "site"
    shutil.copytree(SITE, root)
    (root / ".git").mkdir()
    return root


def run(root: Path, *args: str):
    return CliRunner().invoke(main, [*args, "--root", str(root)], catch_exceptions=False)


def test_baseline_grandfathers_todays_findings(site: Path) -> None:
    out = site / ".linkpolicy-baseline.json"
    assert run(site, "baseline").exit_code == 0
    doc = json.loads(out.read_text())
    assert doc["version"] == 1 and doc["findings"]
    assert all("line" not in e for e in doc["findings"])
    clean = run(site, "check", "--baseline", str(out), "--format", "json")
    assert clean.exit_code == 0
    summary = json.loads(clean.output)["summary"]
    assert summary["errors"] == 0 and summary["baselined"] == len(
        [1 for e in doc["findings"] for _ in range(e["count"])]
    )


def test_new_findings_fail_and_fixed_ones_shrink_the_baseline(site: Path) -> None:
    out = site / ".linkpolicy-baseline.json"
    run(site, "baseline")
    page = site / "content" / "guides" / "c.md"
    text = page.read_text().replace("# Upgrades\n", "# Upgrades\n\nLines move down.\n")
    page.write_text(text.replace("[click here](/guides/b/)", "[guide B](/guides/b/)"))
    (site / "content" / "guides" / "d.md").write_text(
        (site / "content" / "guides" / "d.md").read_text() + "\n[a missing page](/nowhere/)\n"
    )
    result = run(site, "check", "--baseline", str(out))
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    assert [ln.split(": ", 1)[1].split("]")[0] for ln in lines[:-1]] == ["error[broken-link"]
    assert "1 baseline entries match nothing any more" in lines[-1]  # the generic anchor was fixed


def test_bad_baseline_file_is_a_usage_error(site: Path) -> None:
    (site / "b.json").write_text("[1, 2]")
    result = CliRunner().invoke(main, ["check", "--baseline", str(site / "b.json"), "--root", str(site)])
    assert result.exit_code == 2 and "not a linkpolicy baseline" in result.output


def test_codeowners_section_round_trip(site: Path) -> None:
    (site / "policies" / "clusters.yaml").write_text(
        "clusters:\n  - id: guides\n    hub: /guides/\n    members: ['guides/**']\n    owners: ['@acme/guides']\n"
        "  - id: tools\n    hub: tools/_index.md\n    members: ['tools/popular.md']\n    owners: ['@acme/tools', '@lead']\n"
    )
    (site / "content" / "blog" / "post-one.md").write_text(
        "---\ntitle: Post\ncluster: tools\n---\n[tools](/tools/)\n"
    )
    target = site / "CODEOWNERS"
    target.write_bytes(b"# team rules\r\n* @acme/everyone\r\n")
    assert run(site, "codeowners", "--check").exit_code == 1
    assert target.read_bytes() == b"# team rules\r\n* @acme/everyone\r\n"
    assert run(site, "codeowners").exit_code == 0
    text = target.read_bytes().decode()
    assert text.startswith("# team rules\r\n* @acme/everyone\r\n\r\n# linkpolicy:start")
    lines = text.split("\r\n")
    assert "/content/guides/** @acme/guides" in lines
    assert "/content/tools/popular.md @acme/tools @lead" in lines
    assert "/content/tools/_index.md @acme/tools @lead" in lines  # the hub, not matched by the glob
    assert "/content/blog/post-one.md @acme/tools @lead" in lines  # joined through front matter
    assert "/policies/ @acme/guides @acme/tools @lead" in lines
    assert run(site, "codeowners", "--check").exit_code == 0
    again = run(site, "codeowners")
    assert again.output == "" and target.read_bytes().decode() == text
