"""Does any stage grow faster than the site? Each generator's layout of the synthetic site at
N and 2N pages, every stage of a cold `check` timed, and the ratio of the two.

    python benchmarks/bench_scaling.py [--pages 2000] [--generators hugo,mkdocs,jekyll,docusaurus,plain]

``benchmarks/synthetic.py`` writes the Hugo site; for the others its pages are laid out as
that generator reads them (``docs/``, ``index.md`` for ``_index.md``, the generator's config
file). Each size is analysed in a fresh interpreter with the parse cache off; the stages are
discovery, parsing, placing, navigation, the rest of the site's build (resolving links),
the rules, and the whole run. A stage whose ratio is well above 2 grows faster than the site
(a stage of a few hundredths of a second is noise). Docusaurus pages keep their front
matter's tags only with ``--keep-tags``: a page linked through a tag page links every page
of its tags (see README.md, "Performance"), which grows with the square of the pages.
A script, not a test.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
CONFIGS = {
    "hugo": None,
    "mkdocs": ("mkdocs.yml", "site_name: S\nsite_url: https://docs.example.com/\ndocs_dir: docs\n"),
    "jekyll": ("docs/_config.yml", "title: S\nurl: https://docs.example.com\n"),
    "docusaurus": (
        "docusaurus.config.js",
        "module.exports = { url: 'https://docs.example.com', baseUrl: '/',\n"
        "  presets: [['classic', {docs: {path: 'docs', routeBasePath: '/'}}]] };\n",
    ),
    "plain": None,
}
STAGES = ("_discover", "_parse", "_place", "_navigation")
LABELS = {
    "_discover": "finding the pages",
    "_parse": "parsing",
    "_place": "placing (URLs)",
    "_navigation": "navigation",
    "resolving and the rest of the build": "resolving links, the rest of the build",
    "run_rules": "the rules",
    "whole run": "the whole run",
}

#: run in a fresh interpreter in the site's folder: a cold check with each stage timed
PROBE = """
import functools, json, sys, time
import linkpolicy.cli
from linkpolicy import engine
from linkpolicy.site import build
spent = {}
def timed(holder, name):
    inner = getattr(holder, name)
    @functools.wraps(inner)
    def wrapper(*args, **kwargs):
        start = time.perf_counter()
        try:
            return inner(*args, **kwargs)
        finally:
            spent[name] = spent.get(name, 0.0) + time.perf_counter() - start
    setattr(holder, name, wrapper)
for name in STAGES + ("build_site",):
    timed(build, name)
timed(engine, "run_rules")
start = time.perf_counter()
try:
    args = ["check", "--no-cache", "--quiet", "--exit-zero", "--format", "json"]
    linkpolicy.cli.main.main(args, standalone_mode=False)
except SystemExit:
    pass
spent["whole run"] = time.perf_counter() - start
staged = sum(spent.get(s, 0.0) for s in STAGES)
spent["resolving and the rest of the build"] = spent.pop("build_site") - staged
print(json.dumps(spent), file=sys.stderr)
"""


def layout(hugo_site: Path, root: Path, generator: str, keep_tags: bool) -> None:
    """``hugo_site`` (``synthetic.py``'s) laid out at ``root`` as ``generator`` reads it."""
    if generator == "hugo":
        shutil.copytree(hugo_site, root)
        return
    shutil.copytree(hugo_site / "content", root / "docs")
    for page in root.joinpath("docs").rglob("_index.md"):
        page.rename(page.with_name("index.md"))
    if generator == "docusaurus" and not keep_tags:
        for page in root.joinpath("docs").rglob("*.md"):
            text = page.read_text(encoding="utf-8")
            page.write_text(re.sub(r"(?m)^tags: .*\n", "", text, count=1), encoding="utf-8")
    config = CONFIGS[generator]
    if config is not None:
        (root / config[0]).write_text(config[1], encoding="utf-8")
    policy = (hugo_site / "policies/site.yaml").read_text(encoding="utf-8")
    clusters = policy[policy.index("clusters:") :].replace("/_index.md", "/index.md")
    (root / "policies").mkdir()
    (root / "policies/site.yaml").write_text(
        f"site:\n  base_url: https://docs.example.com/\n  generator: {generator}\n  content: docs/\n"
        f"  home: docs/index.md\nrules:\n  too-many-links: {{max: 60}}\n{clusters}",
        encoding="utf-8",
    )


def timings(root: Path) -> dict[str, float]:
    subprocess.run(["git", "init", "-q"], cwd=root, check=True)
    code = PROBE.replace("STAGES", repr(STAGES))
    proc = subprocess.run([sys.executable, "-c", code], cwd=root, capture_output=True, text=True, check=True)
    return json.loads(proc.stderr.strip().splitlines()[-1])  # type: ignore[no-any-return]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=2000, help="the smaller size (the other is twice)")
    parser.add_argument("--generators", default=",".join(CONFIGS))
    parser.add_argument("--keep-tags", action="store_true", help="Docusaurus pages keep their tags")
    args = parser.parse_args()
    sys.path.insert(0, str(HERE))
    import synthetic

    with tempfile.TemporaryDirectory(prefix="linkpolicy-scaling-") as tmp:
        sites = {}
        for pages in (args.pages, 2 * args.pages):
            sites[pages] = Path(tmp) / f"source-{pages}"
            sites[pages].mkdir()
            synthetic.generate(sites[pages], pages, 1)
        for generator in args.generators.split(","):
            runs = []
            for pages, hugo_site in sites.items():
                root = Path(tmp) / f"{generator}-{pages}"
                layout(hugo_site, root, generator, args.keep_tags)
                runs.append(timings(root))
                shutil.rmtree(root)
            print(f"\n{generator}: {args.pages:,} -> {2 * args.pages:,} pages")
            for stage, label in LABELS.items():
                small, big = runs[0].get(stage, 0.0), runs[1].get(stage, 0.0)
                ratio = f"{big / small:5.2f} ×" if small > 0.01 else "    -  "
                print(f"  {label:38} {small:7.2f} s -> {big:7.2f} s  {ratio}")


if __name__ == "__main__":
    main()
