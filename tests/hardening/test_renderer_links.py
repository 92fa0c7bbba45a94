"""Links as the renderer sees them: bare URLs linked as GFM/goldmark/remark-gfm do (or
not at all for MkDocs without magiclink), never inside template tags; raw HTML images."""

from __future__ import annotations

from pathlib import Path

import pytest

from linkpolicy.content.markdown import parse_page
from linkpolicy.site.generators import GENERATORS
from linkpolicy.source import WorkTree

TEXT = (
    "See code-of-conduct.md, [languages.de] and CONTRIBUTING.md, www.example.com/x, https://a.example/b.\n"
    'Mail a@example.com. {{< figure src="https://img.example/x.png" >}} {{% note https://n.example %}}\n'
    '{{ "https://jinja.example" }} {% include x.html url="https://liquid.example" %} ftp://files.example/f\n'
    "//proto.example/x and http://localhost:1313/ then https://after.example\n"
)


def links(text: str, **settings: object) -> list[tuple[str, int, int]]:
    return [(link.dest, link.line, link.column) for link in parse_page(text, **settings).links]


def test_gfm_links_www_and_explicit_schemes_only_outside_templates() -> None:
    assert links(TEXT, linkify="gfm") == [
        ("http://www.example.com/x", 1, 61),
        ("https://a.example/b", 1, 80),
        ("mailto:a@example.com", 2, 6),
        ("ftp://files.example/f", 3, 81),
        ("http://localhost:1313/", 4, 23),
        ("https://after.example", 4, 51),
    ]


def test_none_links_nothing_bare() -> None:
    assert links(TEXT, linkify="none") == []
    assert links("[x](y.md) <https://z.example>\n", linkify="none") == [
        ("y.md", 1, 1),
        ("https://z.example", 1, 11),
    ]


def test_an_unknown_mode_is_refused() -> None:
    with pytest.raises(TypeError):
        parse_page("x", linkfy="gfm")
    assert "linkify must be one of" in parse_page("x", linkify="everything").problems[0][2]


@pytest.mark.parametrize(
    ("config", "expected"),
    [
        ("site_name: x\n", None),
        ("site_name: x\nmarkdown_extensions:\n  - pymdownx.magiclink\n", "gfm"),
        ("site_name: x\nmarkdown_extensions:\n  - pymdownx.magiclink: {repo_url_shortener: true}\n", "gfm"),
    ],
)
def test_mkdocs_links_bare_urls_only_with_magiclink(
    tmp_path: Path, config: str, expected: str | None
) -> None:
    (tmp_path / "mkdocs.yml").write_text(config)
    assert GENERATORS["mkdocs"].read_config(WorkTree(tmp_path), ["mkdocs.yml"]).linkify == expected


def test_hugo_linkify_can_be_turned_off(tmp_path: Path) -> None:
    (tmp_path / "hugo.toml").write_text("[markup.goldmark.extensions]\nlinkify = false\n")
    assert GENERATORS["hugo"].read_config(WorkTree(tmp_path), ["hugo.toml"]).linkify == "none"


def test_raw_html_images_are_checked_like_markdown_images() -> None:
    text = (
        "<div>\n"
        '  <a href="x.md"><img src="logo.png" alt="Logo"></a>\n'
        '  <picture><source srcset="a.webp 1x, b.webp 2x"><source src="v.webm"><img src="c.png"></picture>\n'
        "</div>\n\n"
        'Text <img src="inline.png" alt="i"> and <img srcset="s.png 2x">.\n'
    )
    page = parse_page(text)
    assert [(x.dest, x.line, x.column, x.kind) for x in page.links] == [
        ("x.md", 2, 3, "html"),
        ("logo.png", 2, 18, "image"),
        ("a.webp", 3, 12, "image"),
        ("v.webm", 3, 50, "image"),
        ("c.png", 3, 71, "image"),
        ("inline.png", 6, 6, "image"),
        ("s.png", 6, 41, "image"),
    ]
    assert page.links[1].text == "Logo"
