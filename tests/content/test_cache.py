"""The parse cache: same findings with and without it, changed files re-read, corrupt or
hostile cache files ignored, never committed."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from linkpolicy.api import check
from linkpolicy.content.cache import DIRECTORY, FILE

SITE = Path(__file__).parents[1] / "sites" / "mkdocs-basic"


def _copy(tmp_path: Path) -> Path:
    root = tmp_path / "site"
    shutil.copytree(SITE, root)
    return root


def keys(report) -> list[tuple[str, int, int, str, str]]:
    return [(f.path, f.line, f.column, f.rule, f.message) for f in report.findings]


def test_cached_run_equals_fresh_run(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    fresh = keys(check(root, cwd=root))
    first = keys(check(root, cwd=root, cache=True))
    cache_file = root / DIRECTORY / FILE
    assert cache_file.is_file() and (root / DIRECTORY / ".gitignore").read_text().endswith("*\n")
    second = keys(check(root, cwd=root, cache=True))
    assert fresh == first == second


def test_changed_page_is_parsed_again(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    check(root, cwd=root, cache=True)
    page = root / "docs" / "setup" / "install.md"
    page.write_text(page.read_text().replace("[missing page](missing.md)", "[install guide](install.md)"))
    after = keys(check(root, cwd=root, cache=True))
    assert after == keys(check(root, cwd=root))
    assert not any("missing.md" in k[4] for k in after)


def test_corrupt_or_hostile_cache_is_ignored(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    fresh = keys(check(root, cwd=root))
    (root / DIRECTORY).mkdir()
    for content in (
        "not json",
        json.dumps({"format": 1, "signature": "x", "pages": {"a": 1}}),
        "\x80\x04cos\nsystem",
    ):
        (root / DIRECTORY / FILE).write_text(content)
        assert keys(check(root, cwd=root, cache=True)) == fresh
