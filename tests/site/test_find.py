"""`Site.find`: a page by URL, content path or repository path, as a scan of the pages in
order would find it, also after pages are added."""

from __future__ import annotations

from linkpolicy.site.model import Page, Site


def page(path: str, rel: str, url: str) -> Page:
    return Page(path=path, rel=rel, root=path[: len(path) - len(rel)], url=url, title=rel)


def scanned(site: Site, ref: str) -> Page | None:
    """What find gives for a path, by its definition: the first page in order with it."""
    return next((p for p in site.pages if p.rel == ref or p.path == ref), None)


def test_a_content_or_repository_path_finds_the_first_page_that_has_it() -> None:
    en = page("content/en/guide.md", "guide.md", "/en/guide/")
    de = page("content/de/guide.md", "guide.md", "/de/guide/")
    odd = page("guide.md", "x/guide.md", "/x/")  # its repository path is another page's rel
    site = Site(root_dir=".", generator="hugo", pages=[en, de, odd])
    for ref in ("guide.md", "content/de/guide.md", "x/guide.md", "content/en/guide.md"):
        assert site.find(ref) is scanned(site, ref)
    assert site.find("guide.md") is en
    assert site.find("nothing.md") is None


def test_pages_added_after_a_lookup_are_found() -> None:
    site = Site(root_dir=".", generator="hugo", pages=[page("a.md", "a.md", "/a/")])
    assert site.find("b.md") is None
    late = page("b.md", "b.md", "/b/")
    site.pages.append(late)
    assert site.find("b.md") is late
