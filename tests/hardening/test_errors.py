"""Errors: an unparseable URL is a finding, an internal error names its page, a page the
front end cannot read is an invalid-page finding, a non-UTF-8 file name is reported."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from linkpolicy.cli import main
from linkpolicy.content import markdown
from linkpolicy.site.resolve import Resolver


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / ".git").mkdir()
    (tmp_path / "policies").mkdir()
    (tmp_path / "policies" / "site.yaml").write_text(
        "site:\n  generator: plain\n  content: content/\n  base_url: https://example.org\n"
    )
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "README.md").write_text("# Home\n\n[b](b.md)\n")
    (tmp_path / "content" / "b.md").write_text(
        "# B\n\n[x](http://[bad) and <https://[bad> and [ok](README.md)\n"
    )
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_an_unparseable_url_is_a_finding_with_the_destination_as_written(site: Path) -> None:
    result = CliRunner().invoke(main, ["check", "--format", "json", "--no-cache"])
    assert result.exit_code == 1, result.output
    found = {
        (f["line"], f["column"], f["target"]): f["message"]
        for f in json.loads(result.output)["findings"]
        if f["rule"] == "broken-link"
    }
    assert set(found) == {(3, 1, "http://[bad"), (3, 22, "https://[bad")}
    assert all("is not a valid URL" in m for m in found.values())


def test_an_internal_error_names_the_page(site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def boom(self: Resolver, page: object, raw: object) -> None:
        raise KeyError("surprise")

    monkeypatch.setattr(Resolver, "resolve", boom)
    result = CliRunner().invoke(main, ["check", "--no-cache"])
    assert result.exit_code == 2
    line = result.output.strip()
    assert line.startswith("linkpolicy: error: internal error while reading content/")
    assert "KeyError: 'surprise'" in line and "Traceback" not in result.output
    monkeypatch.setenv("LINKPOLICY_DEBUG", "1")
    result = CliRunner().invoke(main, ["check", "--no-cache"])
    assert "Traceback" in result.output


def test_a_page_the_front_end_cannot_read_is_invalid_page(
    site: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    original = markdown.read_page

    def fragile(text: str, **settings: object) -> markdown.ParsedPage:
        if "[ok]" in text:
            raise IndexError("a bug in the front end")
        return original(text, **settings)

    monkeypatch.setattr(markdown, "read_page", fragile)
    result = CliRunner().invoke(main, ["check", "--format", "json", "--no-cache"])
    assert result.exit_code == 1, result.output
    findings = json.loads(result.output)["findings"]
    invalid = [f for f in findings if f["rule"] == "invalid-page"]
    assert [f["path"] for f in invalid] == ["content/b.md"]
    assert "IndexError: a bug in the front end" in invalid[0]["message"]
    assert any(f["path"] == "content/README.md" for f in findings)  # the rest was checked


@pytest.mark.skipif(sys.platform == "darwin", reason="macOS file systems refuse non-UTF-8 names")
def test_a_file_name_that_is_not_utf8_reaches_a_report_file(site: Path) -> None:
    name = os.fsencode(site / "content") + b"/caf\xe9.md"
    with open(name, "wb") as fh:
        fh.write(b"# Cafe\n\n[gone](nowhere.md)\n")
    for fmt in ("text", "json", "sarif", "github", "markdown"):
        out = site / f"report.{fmt}"
        proc = subprocess.run(
            [
                sys.executable,
                "-m",
                "linkpolicy",
                "check",
                "--no-cache",
                "--format",
                fmt,
                "--output",
                str(out),
            ],
            cwd=site,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert proc.returncode == 1, proc.stderr
        assert "caf\\xe9.md" in out.read_text(encoding="utf-8").replace("\\\\", "\\"), fmt


def test_python_m_in_a_repository_with_a_package_named_like_a_dependency(tmp_path: Path) -> None:
    """`python -m linkpolicy` puts the working directory first on the path: pydantic's own
    repository (a pydantic/ package at its root) shadowed the installed pydantic and the run
    ended in an internal error."""
    for name in ("pydantic", "click"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "__init__.py").write_text(
            'raise ImportError("the repository\'s own, not the installed")\n'
        )
    (tmp_path / "README.md").write_text("# Home\n[x](missing.md)\n")
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env["PYTHONPATH"] = str(Path(__file__).parents[2])  # this checkout, as an install would be
    for args in (["--version"], ["init"], ["check", "--format", "json", "--exit-zero"]):
        proc = subprocess.run(
            [sys.executable, "-m", "linkpolicy", *args], cwd=tmp_path, capture_output=True, text=True, env=env
        )
        assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["summary"]["pages"] == 1
