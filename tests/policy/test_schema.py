"""`linkpolicy schema` describes one policy file: check-jsonschema, as an editor or a
pre-commit hook would run it, accepts every policy file in this repository, the
policies in the rule cases and what `init` writes, and rejects typos."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from ruamel.yaml import YAML

from linkpolicy.cli import main

ROOT = Path(__file__).resolve().parents[2]
CHECK_JSONSCHEMA = shutil.which("check-jsonschema", path=str(Path(sys.executable).parent))
pytestmark = pytest.mark.skipif(CHECK_JSONSCHEMA is None, reason="check-jsonschema is not installed")


def validate(schema: Path, files: list[Path]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(CHECK_JSONSCHEMA), "--schemafile", str(schema), *map(str, files)],
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture(scope="module")
def schema(tmp_path_factory: pytest.TempPathFactory) -> Path:
    result = CliRunner().invoke(main, ["schema"])
    assert result.exit_code == 0, result.output
    path = tmp_path_factory.mktemp("schema") / "policy.schema.json"
    path.write_text(result.output)
    return path


def repository_policy_files() -> list[Path]:
    found = [
        p
        for p in ROOT.rglob("*.y*ml")
        if "policies" in p.relative_to(ROOT).parts[:-1]
        and not {".venv", ".git", "node_modules"} & set(p.relative_to(ROOT).parts)
    ]
    return sorted(found)


def test_every_policy_file_in_the_repository(schema: Path) -> None:
    files = repository_policy_files()
    names = {p.relative_to(ROOT).as_posix() for p in files}
    assert {
        "policies/site.yaml",
        "policies/rules.yaml",
        "tests/sites/hugo-basic/policies/rules.yaml",
    } <= names
    proc = validate(schema, files)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_the_policies_of_the_rule_cases(schema: Path, tmp_path: Path) -> None:
    files = []
    for case in sorted((ROOT / "tests" / "rules" / "cases").glob("*.yaml")):
        policy = YAML(typ="safe").load(case.read_text()).get("policy")
        if policy:
            files.append(tmp_path / case.name)
            files[-1].write_text(policy)
    assert len(files) > 10
    proc = validate(schema, files)
    assert proc.returncode == 0, proc.stdout + proc.stderr


# The golden sites keep their settings in policies/; init needs the generator's config.
CONFIGS = {
    "hugo-basic": ("hugo.toml", 'baseURL = "https://www.example.com/"\n'),
    "docusaurus-basic": (
        "docusaurus.config.js",
        "export default { url: 'https://docs.example.com', baseUrl: '/' };\n",
    ),
    "mkdocs-basic": None,
    "jekyll-basic": None,
    "docfx-basic": None,
}


@pytest.mark.parametrize("site", sorted(CONFIGS))
def test_what_init_writes(schema: Path, tmp_path: Path, site: str) -> None:
    root = tmp_path / site
    shutil.copytree(ROOT / "tests" / "sites" / site, root, ignore=shutil.ignore_patterns("policies"))
    (root / ".git").mkdir()
    if CONFIGS[site]:
        (root / CONFIGS[site][0]).write_text(CONFIGS[site][1])
    result = CliRunner().invoke(main, ["init", "--root", str(root)])
    assert result.exit_code == 0, result.output
    files = sorted((root / "policies").glob("*.yaml"))
    names = [p.name for p in files]
    assert {"rules.yaml", "site.yaml"} <= set(names)
    assert ("clusters.yaml" in names) == (site in ("hugo-basic", "mkdocs-basic"))  # 3-page folders
    proc = validate(schema, files)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_typos_and_bad_values_are_rejected(schema: Path, tmp_path: Path) -> None:
    bad = tmp_path / "rules.yaml"
    bad.write_text("rules:\n  click-depth: {severity: warn, max: 3}\n  orphan-pages: off\nsitee: {}\n")
    proc = validate(schema, [bad])
    assert proc.returncode == 1
    assert "'sitee' was unexpected" in proc.stdout
    assert "'orphan-pages' was unexpected" in proc.stdout
    assert "'warn' is not one of" in proc.stdout


def test_site_is_required_across_the_directory_not_per_file(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / "policies").mkdir()
    (tmp_path / "policies" / "rules.yaml").write_text("rules:\n  orphan-page: warning\n")
    result = CliRunner().invoke(main, ["check", "--root", str(tmp_path)])
    assert result.exit_code == 2
    assert "no `site:` section in any policy file" in result.output
