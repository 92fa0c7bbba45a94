"""Every rule against its cases: `cases/<rule-id>.yaml` holds small sites (files and
policy) and the exact `path:line:column` findings of that rule on each."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from linkpolicy.api import check
from linkpolicy.rules import RULES

CASES = Path(__file__).parent / "cases"
BASE_POLICY = """\
site:
  base_url: https://www.example.com
  content: content/
  generator: {generator}
  home: /
"""


def _load(path: Path) -> dict:
    return YAML(typ="safe").load(path.read_text(encoding="utf-8"))


def _cases():
    for path in sorted(CASES.glob("*.yaml")):
        doc = _load(path)
        for case in doc["cases"]:
            yield pytest.param(path.stem, doc, case, id=f"{path.stem}:{case['name']}")


def test_every_rule_has_a_failing_and_a_passing_case() -> None:
    for rule_id, module in RULES.items():
        if module.SCOPE == "diff":
            continue  # compares two revisions: tests/test_diff.py covers it
        path = CASES / f"{rule_id}.yaml"
        assert path.exists(), f"no cases for {rule_id}"
        expects = [bool(c["expect"]) for c in _load(path)["cases"]]
        assert True in expects and False in expects, f"{rule_id} needs a failing and a passing case"


def _commit_all(root: Path, day: object) -> None:
    stamp = f"{day}T12:00:00Z"
    env = {**os.environ, "GIT_AUTHOR_DATE": stamp, "GIT_COMMITTER_DATE": stamp}
    env |= {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com"}
    env |= {"GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.com"}
    for args in (["init", "-q"], ["add", "-A"], ["commit", "-qm", "site"]):
        subprocess.run(["git", *args], cwd=root, env=env, check=True, capture_output=True)


@pytest.mark.parametrize(("rule_id", "doc", "case"), list(_cases()))
def test_rule_case(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, rule_id: str, doc: dict, case: dict
) -> None:
    generator = case.get("generator", doc.get("generator", "hugo"))
    (tmp_path / "policies").mkdir()
    policy = BASE_POLICY.format(generator=generator) + (case.get("site") or doc.get("site") or "")
    (tmp_path / "policies" / "site.yaml").write_text(policy, encoding="utf-8")
    extra = case.get("policy", doc.get("policy"))
    if extra:
        (tmp_path / "policies" / "extra.yaml").write_text(extra, encoding="utf-8")
    files = {"content/_index.md": "# Home\n"} | case["files"]
    for name, text in files.items():
        target = tmp_path / name
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, str):
            target.write_text(text, encoding="utf-8")
        else:
            target.write_bytes(bytes(text))
    if "committed" in case:  # rules that read git history: one commit of every file, on that day
        _commit_all(tmp_path, case["committed"])
    if "today" in case:
        monkeypatch.setenv("LINKPOLICY_TODAY", str(case["today"]))
    signals = case.get("signals") or {}  # access logs and exports for the signal rules
    for name, text in signals.items():
        target = tmp_path / "signals" / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    report = check(tmp_path, cwd=tmp_path, signal_paths=[tmp_path / "signals"] if signals else ())
    got = [f"{f.path}:{f.line}:{f.column}" for f in report.findings if f.rule == rule_id]
    assert got == case["expect"]
