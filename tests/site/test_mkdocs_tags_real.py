"""Material for MkDocs' tags plugin, held to a real build: a listing directive lists the
pages of its tags (scoped to its folder, or to the tags it includes), a page without a
place in the nav is reached through it, each tagged page links the closest listing of
each of its tags, and a listing's `tag:<slug>` ids are fragments a page may link."""

from __future__ import annotations

import posixpath
from pathlib import Path

from helpers import built_page, mkdocs_build, write_files

from linkpolicy import api

FILES = {
    "mkdocs.yml": (
        "site_name: T\nsite_url: https://example.com/\ntheme:\n  name: material\nplugins:\n  - tags\n"
        "nav:\n  - index.md\n  - tags.md\n  - guide/index.md\n  - guide/a.md\n"
    ),
    "docs/index.md": "# Home\n\nSee [the Foo pages](tags.md#tag:foo) and [nothing](tags.md#tag:none).\n",
    "docs/tags.md": "# Tags\n\n<!-- material/tags -->\n",
    "docs/only-bar.md": "# Only bar\n\n<!-- material/tags { include: [Bar Baz] } -->\n",
    "docs/guide/index.md": "# Guide tags\n\n<!-- material/tags { scope: true } -->\n",
    "docs/guide/a.md": "---\ntags:\n  - Foo\n  - Bar Baz\n---\n# A\n",
    "docs/guide/b.md": "---\ntags: [Foo]\n---\n# B, in no nav\n",
    "docs/other.md": "---\ntags: [Foo]\n---\n# Other, in no nav\n",
    "policies/site.yaml": "site:\n  base_url: https://example.com/\n  generator: mkdocs\n  content: docs/\n",
}


def article_links(out: Path, url: str) -> list[str]:
    """Where the links in the built page's article lead (page URLs, fragments dropped)."""
    article = built_page(out, url).css_first("article")
    assert article is not None
    found = []
    for a in article.css("a[href]"):
        path = (a.attributes.get("href") or "").split("#")[0]
        if path and "://" not in path:
            found.append(posixpath.normpath(posixpath.join(url, path)).rstrip("/") + "/")
    return found


def test_tag_listings_and_tag_links_are_the_built_site_s(tmp_path: Path) -> None:
    root = write_files(tmp_path, FILES)
    mkdocs_build(root / "mkdocs.yml", root / "out")
    out = root / "out"
    analysis = api.analyse(root=root)
    site = analysis.site
    pages = {p.url: p for p in site.pages}
    for url in ("/tags/", "/only-bar/", "/guide/"):
        listed = [lk.target for lk in site.links_on(pages[url]) if lk.raw.kind == "listed"]
        built = article_links(out, url)
        assert sorted(listed) == sorted(built), url
    assert "/other/" not in article_links(out, "/guide/")  # (scope: the guide's folder)
    assert "/guide/b/" not in article_links(out, "/only-bar/")  # (include: Bar Baz)
    # each tagged page links the closest listing of each tag (the guide's, where it lists it)
    tag_links: dict[str, set[str]] = {}
    for n in site.navigation:
        if n.via == "tags":
            tag_links.setdefault(n.source, set()).add(n.target)
    for url in ("/guide/a/", "/guide/b/", "/other/"):
        assert tag_links[url] == set(article_links(out, url)), url
    assert tag_links["/other/"] == {"/tags/"} and "/guide/" in tag_links["/guide/a/"]
    findings = api.findings_of(analysis)
    # pages in no nav are reached through the listings; the listing no tag's closest one
    # is (and in no nav) is an orphan, in the build too; a tag's id is a fragment
    orphans = {f.path for f in findings if f.rule in ("orphan-page", "unreachable-page")}
    assert orphans == {"docs/only-bar.md"}
    others = [p for p in out.rglob("*.html") if p.parent.name != "only-bar"]
    assert others and not [p for p in others if "only-bar" in p.read_text(encoding="utf-8")]
    fragments = [f.message.split()[0] for f in findings if f.rule == "broken-fragment"]
    assert fragments == ["#tag:none"]
    assert 'id="tag:foo"' in (out / "tags/index.html").read_text(encoding="utf-8")
