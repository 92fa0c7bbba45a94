"""All of linkpolicy's speed figures in one command, each as a ratio to a floor measured in
the same run (machines are noisy; ratios travel).

    python benchmarks/run.py                     # 10k synthetic pages, corpora, graph
    python benchmarks/run.py --pages 10000 --pages 100000 --json results.json
    python benchmarks/run.py --no-corpora --no-graph --pages 2000   # quick look

For each size it writes a synthetic Hugo site (benchmarks/synthetic.py) to a temporary
folder and times, each in a fresh interpreter (wall and CPU seconds, peak RSS of the child):

- floors: bare single-process markdown-it-py parsing of the same files; the interpreter
  importing click, pydantic, ruamel.yaml, networkx, markdown-it-py and jinja2; and
  ``python -c pass``;
- ``check`` cold (no parse cache), warm (nothing changed), in a fresh clone of the commit
  with the cache restored (as the GitHub Action runs), after a link was added to one
  file (``check that/file.md``), and the pre-commit hook as shipped (``check --staged``)
  after a paragraph was added to another and staged; each of the last two as many times
  as the import floor is measured (at least three), another file each time, the fastest
  counting as for the floor;
- ``diff HEAD`` (those edits against the commit, as a pull request's comment does it)
  and ``generate --check`` with a "related" block on every page, against the parse floor;
  then, those blocks written and committed, the pre-commit hook after one more paragraph,
  and ``check`` once the block template is reworded (every page's block stale);
- ``linkpolicy --version`` against ``python -c pass``.

Then, for the real corpora in ../shared/corpora that the tests hold a policy for, a cold
``check`` beside the same parse floor, ``rumdl check`` and ``lychee --offline`` (when they
are installed). When benchmarks/bench_graph.py exists, its ``run(pages)`` figures for the
edges-only graph are included. Results go to a JSON file; a table is printed.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
CORPORA = REPO.parent / "shared" / "corpora"
CORPUS_POLICIES = REPO / "tests" / "corpora"
PY = sys.executable

DEPENDENCIES = "import click, pydantic, ruamel.yaml, networkx, markdown_it, jinja2"
PARSE_FLOOR = """
import sys
from markdown_it import MarkdownIt
md = MarkdownIt("commonmark").enable(["table", "strikethrough"])
for path in open(sys.argv[1], encoding="utf-8").read().splitlines():
    with open(path, encoding="utf-8", errors="replace") as fh:
        md.parse(fh.read())
"""


# Linux counts the memory of the process that forked a child in the child's peak RSS (the
# high-water mark survives exec), so children are started by this small launcher: their
# peak is their own, not this runner's (which holds the synthetic site).
LAUNCHER = """
import json, os, sys, time
start = time.perf_counter()
pid = os.posix_spawnp(sys.argv[2], sys.argv[2:], os.environ)
_, status, usage = os.wait4(pid, 0)
wall = time.perf_counter() - start
with open(sys.argv[1], "w") as fh:
    json.dump([wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss, os.waitstatus_to_exitcode(status)], fh)
"""


def child(cmd: list[str], cwd: Path | None = None, keep_output: bool = False) -> dict:
    """Run ``cmd`` to the end; its wall and CPU seconds, peak RSS (MiB) and exit code, as
    the launcher measured them (``os.wait4`` gives the usage of that child alone)."""
    with (
        tempfile.TemporaryFile() as out,
        tempfile.TemporaryFile() as err,
        tempfile.NamedTemporaryFile("r", suffix=".json") as usage,
    ):
        launch = [PY, "-c", LAUNCHER, usage.name, *cmd]
        proc = subprocess.run(launch, cwd=cwd, stdout=out if keep_output else subprocess.DEVNULL, stderr=err)
        try:
            wall, cpu, rss, rc = json.loads(Path(usage.name).read_text())
        except (OSError, ValueError):
            wall, cpu, rss, rc = 0.0, 0.0, 0, proc.returncode or 127
        out.seek(0)
        err.seek(0)
        result = {"wall": round(wall, 3), "cpu": round(cpu, 3), "rss_mib": round(rss / 1024, 1), "rc": rc}
        if rc not in (0, 1):
            result["stderr"] = err.read().decode("utf-8", "replace")[-400:]
        if keep_output:
            result["stdout"] = out.read().decode("utf-8", "replace")
    return result


def bytecode() -> None:
    """Compile linkpolicy's modules first and let the children use the bytecode, as an
    installed package does (the libraries of the floors come with theirs): otherwise a
    run with PYTHONDONTWRITEBYTECODE set would compile every module in every step."""
    import compileall

    import linkpolicy

    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    compileall.compile_dir(Path(linkpolicy.__file__).parent, quiet=1)


def step(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def best(cmd: list[str], repeat: int, **kw) -> dict:
    """The run with the least wall time of ``repeat``."""
    return min((child(cmd, **kw) for _ in range(repeat)), key=lambda r: r["wall"])


def ratio(run: dict, floor: dict) -> dict:
    return {
        "wall": round(run["wall"] / floor["wall"], 3),
        "cpu": round(run["cpu"] / max(floor["cpu"], 1e-3), 3),
    }


def parse_floor(files: list[Path], tmp: Path, repeat: int) -> dict:
    listing = tmp / "files.txt"
    listing.write_text("\n".join(str(f) for f in files), encoding="utf-8")
    return best([PY, "-c", PARSE_FLOOR, str(listing)], repeat)


def check_cmd(root: Path, policies: Path, *paths: str) -> list[str]:
    return [PY, "-m", "linkpolicy", "check", "--root", str(root), "--policies", str(policies)] + [
        "--format",
        "json",
        "--quiet",
        "--exit-zero",
        *paths,
    ]


def commit(root: Path) -> None:
    """``root`` as a git repository with everything committed (the hook diffs against HEAD)."""
    env = {**os.environ, "GIT_AUTHOR_NAME": "bench", "GIT_AUTHOR_EMAIL": "bench@example.com"}
    env |= {"GIT_COMMITTER_NAME": "bench", "GIT_COMMITTER_EMAIL": "bench@example.com"}
    for args in (["init", "-q"], ["add", "-A"], ["commit", "-qm", "site"]):
        subprocess.run(["git", *args], cwd=root, env=env, check=True)


def startup(repeat: int) -> dict:
    bare = best([PY, "-c", "pass"], repeat)
    deps = best([PY, "-c", DEPENDENCIES], repeat)
    version = best([PY, "-m", "linkpolicy", "--version"], repeat)
    return {
        "python": bare,
        "dependencies": deps,
        "version": version,
        "version_vs_python": ratio(version, bare),
    }


def synthetic(pages: int, floors: dict, repeat: int, seed: int) -> dict:
    sys.path.insert(0, str(HERE))
    import synthetic as gen

    with tempfile.TemporaryDirectory(prefix="linkpolicy-bench-") as tmp:
        root = Path(tmp) / "site"
        root.mkdir()
        step(f"writing a {pages:,}-page synthetic site")
        written = gen.generate(root, pages, seed)
        commit(root)
        files = [root / w for w in written]
        step("parse floor")
        floor = parse_floor(files, Path(tmp), repeat)
        policies = root / "policies"
        shutil.rmtree(root / ".git" / "linkpolicy", ignore_errors=True)
        step("check: cold, warm, one changed file")
        cold = child(check_cmd(root, policies), cwd=root)
        warm = best(check_cmd(root, policies), repeat, cwd=root)
        # the GitHub Action's case: a fresh clone of the commit with the cache restored
        fresh_clone(root, Path(tmp))
        restored = child(check_cmd(root, policies), cwd=root)
        # a link added to one file, then `check FILE`; as many times as the import floor is
        # measured (the fastest counts, as for the floor), another file each time
        edits = max(3, repeat)
        linked = "\nOne more paragraph with [a link](/sec-000/) in it.\n"
        one = fastest_edit(root, policies, written[len(written) // 2 :][:edits], linked)
        # the pre-commit hook as shipped: `check --staged` after a new paragraph is staged
        hook = fastest_edit(root, policies, written[len(written) // 3 :][:edits], PROSE, staged=True)
        # the pull request's link-graph diff: the work tree (those edits) against the commit
        step("diff, generate --check, the hook on a site with blocks")
        lp = [PY, "-m", "linkpolicy"]
        site_args = ["--root", str(root), "--policies", str(policies)]
        diff = child([*lp, "diff", "HEAD", "--root", str(root), "--format", "json"], cwd=root)
        # a "related" block on every page, picked from its cluster (none is written yet)
        with_blocks(policies)
        generate = child([*lp, "generate", "--check", "--quiet", *site_args], cwd=root)
        # the blocks written and committed, then the hook after another paragraph
        subprocess.run([*lp, "generate", "--quiet", *site_args], cwd=root, check=True, capture_output=True)
        commit(root)
        child(check_cmd(root, policies), cwd=root)  # the run the hook's record comes from
        hook_blocks = fastest_edit(root, policies, written[len(written) // 4 :][:edits], PROSE, staged=True)
        # the block template reworded: every page's block is stale, and `check` says so
        template = policies / "templates" / "related.md.j2"
        template.write_text(
            template.read_text(encoding="utf-8").replace("## Related", "## See also"), "utf-8"
        )
        restyled = child(check_cmd(root, policies), cwd=root)
    deps = floors["dependencies"]
    return {
        "pages": pages,
        "files": len(files),
        "parse_floor": floor,
        "cold": cold,
        "warm": warm,
        "restored": restored,
        "one_file": one,
        "hook": hook,
        "diff": diff,
        "generate": generate,
        "hook_blocks": hook_blocks,
        "template_changed": restyled,
        "cold_vs_parse": ratio(cold, floor),
        "warm_vs_parse": ratio(warm, floor),
        "restored_vs_parse": ratio(restored, floor),
        "one_file_vs_imports": ratio(one, deps),
        "hook_vs_imports": ratio(hook, deps),
        "diff_vs_parse": ratio(diff, floor),
        "generate_vs_parse": ratio(generate, floor),
        "hook_blocks_vs_imports": ratio(hook_blocks, deps),
        "template_changed_vs_parse": ratio(restyled, floor),
    }


PROSE = "\nOne more paragraph, with no link in it.\n"


def fastest_edit(root: Path, policies: Path, files: list[str], text: str, staged: bool = False) -> dict:
    """``text`` appended to each of ``files`` in turn, each followed by ``check FILE`` (with
    ``staged``, the pre-commit hook's ``check --staged FILE`` after staging it, unstaged
    after: each commit's change apart); the fastest run, as a floor's best run counts."""
    runs = []
    for path in files:
        with (root / path).open("a", encoding="utf-8") as fh:
            fh.write(text)
        if staged:
            subprocess.run(["git", "add", path], cwd=root, check=True)
        runs.append(child(check_cmd(root, policies, *(["--staged"] if staged else []), path), cwd=root))
        if staged:
            subprocess.run(["git", "reset", "-q"], cwd=root, check=True)
    return min(runs, key=lambda r: r["wall"])


def fresh_clone(root: Path, tmp: Path) -> None:
    """``root`` cloned afresh from its last commit at the same place (every file a new
    stat), with its parse cache copied in, as the GitHub Action restores it; then a pause
    for the clone's timestamps to settle (a runner installs linkpolicy meanwhile)."""
    kept = tmp / "before-clone"
    shutil.move(root, kept)
    subprocess.run(["git", "clone", "-q", str(kept), str(root)], check=True)
    shutil.copytree(kept / ".git" / "linkpolicy", root / ".git" / "linkpolicy")
    shutil.rmtree(kept)
    time.sleep(2.5)


def with_blocks(policies: Path) -> None:
    """Add a block on every page of the synthetic site, chosen from the page's cluster."""
    (policies / "templates").mkdir(exist_ok=True)
    (policies / "templates" / "related.md.j2").write_text(
        "## Related\n\n{% for link in links %}- [{{ link.title }}]({{ link.url }})\n{% endfor %}",
        encoding="utf-8",
    )
    (policies / "blocks.yaml").write_text(
        "blocks:\n  - {name: related, template: templates/related.md.j2, pages: ['**'], select: cluster,"
        " limit: 3, insert: end}\n",
        encoding="utf-8",
    )


def _tool(name: str) -> str | None:
    local = Path(PY).parent / name
    return str(local) if local.exists() else shutil.which(name)


def corpora(repeat: int) -> list[dict]:
    out = []
    if not CORPORA.is_dir():
        return out
    for policies in sorted(CORPUS_POLICIES.glob("*/policies")):
        name = policies.parent.name
        source = CORPORA / name
        if not source.is_dir():
            continue
        step(f"corpus {name}")
        with tempfile.TemporaryDirectory(prefix="linkpolicy-bench-") as tmp:
            root = Path(tmp) / name
            shutil.copytree(source, root)
            subprocess.run(["git", "init", "-q", str(root)], check=True)
            files = sorted(p for p in root.rglob("*.md") if ".git" not in p.parts)
            row = {"corpus": name, "files": len(files), "parse_floor": parse_floor(files, Path(tmp), repeat)}
            row["cold"] = child(check_cmd(root, policies), cwd=root)
            row["cold_vs_parse"] = ratio(row["cold"], row["parse_floor"])
            peers = {
                "rumdl": [_tool("rumdl"), "check", "--no-cache", "."],
                "lychee": [_tool("lychee"), "--offline", "--no-progress", "--include-fragments", "."],
            }
            for peer, cmd in peers.items():
                if cmd[0] is None:
                    row[peer] = None
                    continue
                row[peer] = child(cmd, cwd=root)
                row[f"cold_vs_{peer}"] = ratio(row["cold"], row[peer])
            out.append(row)
    return out


def graph(pages: int) -> dict | None:
    """``benchmarks/bench_graph.py``'s ``run(pages)`` in a child process, when it exists."""
    if not (HERE / "bench_graph.py").is_file():
        return None
    step(f"graph rules on {pages:,} pages (bench_graph.run)")
    code = (
        f"import json, sys; sys.path.insert(0, {str(HERE)!r}); import bench_graph; "
        f"print(json.dumps(bench_graph.run({pages})))"
    )
    run = child([PY, "-c", code], keep_output=True)
    stdout = run.pop("stdout")
    figures = {"pages": pages, **run}
    try:
        figures["figures"] = json.loads(stdout.strip().splitlines()[-1])
    except (ValueError, IndexError):
        figures.setdefault("error", "bench_graph.run printed no JSON")
    return figures


def machine() -> dict:
    return {
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
        "processor": platform.processor() or platform.machine(),
    }


def table(results: dict) -> str:
    """The README table: one row per measured figure."""
    lines = ["| figure | wall / CPU | ratio (wall) | ratio (CPU) | peak RSS |", "|---|---|---|---|---|"]
    s = results["startup"]
    lines.append(_row("`--version` / `python -c pass`", s["version"], s["version_vs_python"]))
    lines.append(_row("imports of the named dependencies", s["dependencies"], None))
    for r in results["synthetic"]:
        n = f"{r['pages']:,}"
        lines.append(_row(f"{n} pages: bare markdown-it-py parse (floor)", r["parse_floor"], None))
        lines.append(_row(f"{n} pages: cold `check` / parse floor", r["cold"], r["cold_vs_parse"]))
        lines.append(_row(f"{n} pages: warm `check` / parse floor", r["warm"], r["warm_vs_parse"]))
        if "restored" in r:
            label = f"{n} pages: a fresh clone with the cache restored (the Action's case) / parse floor"
            lines.append(_row(label, r["restored"], r["restored_vs_parse"]))
        lines.append(
            _row(
                f"{n} pages: one file, a link added, `check FILE` / import floor",
                r["one_file"],
                r["one_file_vs_imports"],
            )
        )
        if "hook" in r:
            label = f"{n} pages: pre-commit hook, a paragraph added, `check --staged FILE` / import floor"
            lines.append(_row(label, r["hook"], r["hook_vs_imports"]))
        if "diff" in r:
            label = f"{n} pages: `diff HEAD` (the edits, parse cache warm) / parse floor"
            lines.append(_row(label, r["diff"], r["diff_vs_parse"]))
            label = f"{n} pages: `generate --check`, a block on every page / parse floor"
            lines.append(_row(label, r["generate"], r["generate_vs_parse"]))
            label = f"{n} pages with those blocks written: pre-commit hook, a paragraph added / import floor"
            lines.append(_row(label, r["hook_blocks"], r["hook_blocks_vs_imports"]))
        if "template_changed" in r:
            label = f"{n} pages with those blocks: `check` after the block template changed / parse floor"
            lines.append(_row(label, r["template_changed"], r["template_changed_vs_parse"]))
    for r in results["corpora"]:
        name = f"{r['corpus']} ({r['files']:,} files)"
        lines.append(_row(f"{name}: cold `check` / parse floor", r["cold"], r["cold_vs_parse"]))
        for peer in ("rumdl", "lychee"):
            if r.get(peer):
                label = f"{name}: {peer} (ratio: cold `check` / {peer})"
                lines.append(_row(label, r[peer], r[f"cold_vs_{peer}"]))
    g = results.get("graph")
    if g:
        edges = (g.get("figures") or {}).get("edges")
        shown = f", {edges / 1e6:.2f} M edges" if isinstance(edges, int) else ""
        label = f"graph rules, {g['pages']:,} pages{shown} (edges only, `bench_graph.py`)"
        lines.append(_row(label, g, None))
    return "\n".join(lines)


#: the performance targets: (name, where its figure is, the most it may be)
TARGETS_TEXT = {
    "cold": "cold `check` of 100k pages <= 0.5 x the parse floor",
    "warm": "warm `check`, nothing changed <= 0.05 x the parse floor",
    "one_file": "one changed file on a 10k-page site <= 2 x the import floor",
    "rss": "peak RSS <= 2 GB at 100k pages",
    "graph": "the 1M-page graph rules within 60 s and 8 GB",
    "rumdl": "within 2 x rumdl on every real corpus of 1,000+ pages, cold",
}
GIB = 1024.0


def targets(results: dict) -> list[dict]:
    """Each target the figures of this run can judge: what it asks, the figures it was
    judged on (wall and CPU ratios, MiB or seconds) and whether both are within it. A
    target whose figure this run did not measure (no 100k site, no graph, no corpus of
    1,000 pages, no rumdl) is left out."""
    out = []

    def judged(key: str, on: str, figures: dict[str, float], limit: float) -> None:
        out.append(
            {
                "target": TARGETS_TEXT[key],
                "on": on,
                "figures": figures,
                "limit": limit,
                "met": all(v <= limit for v in figures.values()),
            }
        )

    for r in results["synthetic"]:
        n = f"{r['pages']:,} pages"
        if r["pages"] >= 100_000:
            judged("cold", n, dict(r["cold_vs_parse"]), 0.5)
            peak = max(v["rss_mib"] for v in r.values() if isinstance(v, dict) and "rss_mib" in v)
            judged("rss", n, {"MiB": peak}, 2 * GIB)
        judged("warm", n, dict(r["warm_vs_parse"]), 0.05)
        if r["pages"] == 10_000:
            judged("one_file", n, dict(r["one_file_vs_imports"]), 2.0)
    g = results.get("graph")
    if g and g.get("pages", 0) >= 1_000_000:
        judged("graph", f"{g['pages']:,} pages", {"s": g["wall"]}, 60.0)
        judged("graph", f"{g['pages']:,} pages", {"MiB": g["rss_mib"]}, 8 * GIB)
    for r in results["corpora"]:
        if r["files"] >= 1000 and r.get("rumdl"):
            judged("rumdl", r["corpus"], dict(r["cold_vs_rumdl"]), 2.0)
    return out


def verdicts(judged: list[dict]) -> str:
    """One line a target: met or not, and on what."""
    lines = []
    for t in judged:
        shown = ", ".join(
            f"{v:.2f} {k}" if k in ("MiB", "s") else f"{v:.2f} x ({k})" for k, v in t["figures"].items()
        )
        lines.append(f"{'met    ' if t['met'] else 'NOT met'}  {t['target']}: {t['on']}, {shown}")
    return "\n".join(lines)


def _row(label: str, run: dict, r: dict | None) -> str:
    wall = f"{r['wall']:.2f} ×" if r else ""
    cpu = f"{r['cpu']:.2f} ×" if r else ""
    seconds = f"{run['wall']:.2f} s / {run['cpu']:.2f} s"
    return f"| {label} | {seconds} | {wall} | {cpu} | {run['rss_mib']:.0f} MiB |"


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--pages", type=int, action="append", help="synthetic site size (repeatable; 10000)")
    parser.add_argument("--repeat", type=int, default=1, help="runs of each timed step (the fastest counts)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--no-corpora", action="store_true", help="skip the real corpora")
    parser.add_argument("--no-graph", action="store_true", help="skip benchmarks/bench_graph.py")
    parser.add_argument("--graph-pages", type=int, default=1_000_000)
    parser.add_argument("--json", type=Path, default=HERE / "results.json", help="where the results go")
    args = parser.parse_args()
    bytecode()
    results: dict = {"machine": machine()}
    results["startup"] = startup(max(3, args.repeat))
    results["synthetic"] = [
        synthetic(n, results["startup"], args.repeat, args.seed) for n in (args.pages or [10_000])
    ]
    results["corpora"] = [] if args.no_corpora else corpora(args.repeat)
    results["graph"] = None if args.no_graph else graph(args.graph_pages)
    results["targets"] = targets(results)
    args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    m = results["machine"]
    print(f"{m['date']}, {m['cpus']} CPUs, {m['platform']}, Python {m['python']}")
    print(table(results))
    print(verdicts(results["targets"]))
    print(f"results: {args.json}")


if __name__ == "__main__":
    main()
