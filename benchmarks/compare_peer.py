"""Side by side: linkpolicy and an offline peer link checker on the same corpus.

    python benchmarks/compare_peer.py [--corpus ../shared/corpora/hugo-docs] [--peer-dir DIR] [--install]

The peer is remark-validate-links (npm) run through remark-cli with remark-frontmatter, the
way the corpora's README measured it. `--install` puts those packages into a temporary
folder with npm; `--peer-dir` points at a node_modules folder that already has them.
Each tool runs on its own temporary copy of the corpus (the peer wants a git repository
with a remote, which the copy gets). Prints findings and wall time of both. A script, not a
test: its numbers depend on the machine and on the peer's version.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

from linkpolicy.api import check

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
CONTENT = {"hugo-docs": "content", "mkdocs-material": "docs"}


def run_linkpolicy(corpus: Path, policies: Path, work: Path) -> tuple[float, int, int]:
    root = work / "lp"
    shutil.copytree(corpus, root)
    start = time.perf_counter()
    report = check(root, policies, cwd=root)
    elapsed = time.perf_counter() - start
    broken = sum(1 for f in report.findings if f.rule in ("broken-link", "broken-fragment"))
    return elapsed, broken, len(report.findings)


def install_peer(work: Path) -> Path:
    target = work / "peer"
    target.mkdir()
    subprocess.run(
        [
            "npm",
            "install",
            "--silent",
            "--no-audit",
            "--no-fund",
            "remark-cli",
            "remark-validate-links",
            "remark-frontmatter",
        ],
        cwd=target,
        check=True,
        capture_output=True,
        timeout=600,
    )
    return target / "node_modules"


def run_peer(corpus: Path, modules: Path, work: Path) -> tuple[float, int, str]:
    root = work / "peer-copy"
    shutil.copytree(corpus, root)
    subprocess.run(["git", "init", "-q"], cwd=root, check=True)
    subprocess.run(
        ["git", "remote", "add", "origin", "https://github.com/example/site.git"], cwd=root, check=True
    )
    content = CONTENT.get(corpus.name, ".")
    cmd = [
        str(modules / ".bin" / "remark"),
        "--no-config",
        "--quiet",
        "--no-color",
        "--use",
        str(modules / "remark-frontmatter" / "index.js"),
        "--use",
        str(modules / "remark-validate-links" / "index.js"),
        content,
    ]
    start = time.perf_counter()
    proc = subprocess.run(cmd, cwd=root, capture_output=True, text=True, timeout=900)
    elapsed = time.perf_counter() - start
    summary = proc.stderr.strip().splitlines()[-1] if proc.stderr.strip() else ""
    warnings = re.search(r"(\d+) warnings?", summary)
    return elapsed, int(warnings.group(1)) if warnings else 0, summary


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--corpus", type=Path, default=REPO.parent / "shared" / "corpora" / "hugo-docs")
    parser.add_argument(
        "--policies", type=Path, default=None, help="default: tests/corpora/<corpus name>/policies"
    )
    parser.add_argument(
        "--peer-dir", type=Path, default=None, help="node_modules with remark-cli and plugins"
    )
    parser.add_argument("--install", action="store_true", help="install the peer with npm into a temp folder")
    args = parser.parse_args()
    corpus = args.corpus.resolve()
    policies = args.policies or REPO / "tests" / "corpora" / corpus.name / "policies"
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        t_lp, broken, total = run_linkpolicy(corpus, policies, work)
        print(f"corpus {corpus.name}")
        print(
            f"  linkpolicy:             {t_lp:6.2f} s  {broken} broken links/fragments "
            f"({total} findings of all rules)"
        )
        modules = args.peer_dir or (install_peer(work) if args.install else None)
        if modules is None or not (modules / ".bin" / "remark").exists():
            print("  remark-validate-links:  not run (pass --install, or --peer-dir with it installed)")
            return
        t_peer, warnings, summary = run_peer(corpus, modules, work)
        print(f"  remark-validate-links:  {t_peer:6.2f} s  {warnings} findings ({summary})")


if __name__ == "__main__":
    main()
