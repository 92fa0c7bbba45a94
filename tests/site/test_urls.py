"""Path -> URL for each generator, from its documented rules."""

import pytest

from linkpolicy.site.generators import page_url
from linkpolicy.site.urls import singular, url_key


@pytest.mark.parametrize(
    ("rel", "front", "url", "aliases"),
    [
        ("_index.md", {}, "/", []),
        ("posts/_index.md", {}, "/posts/", []),
        ("posts/post-1.md", {}, "/posts/post-1/", []),
        ("posts/bundle/index.md", {}, "/posts/bundle/", []),
        ("posts/My Post.md", {}, "/posts/my-post/", []),
        ("posts/post-1.md", {"slug": "hello"}, "/posts/hello/", []),
        ("posts/post-1.md", {"url": "/custom/path/"}, "/custom/path/", []),
        ("posts/post-1.md", {"url": "/custom/", "slug": "ignored"}, "/custom/", []),
        ("posts/post-1.md", {"aliases": ["/old/", "rel-old"]}, "/posts/post-1/", ["/old/", "/posts/rel-old"]),
    ],
)
def test_hugo(rel, front, url, aliases) -> None:
    info = page_url("hugo", rel, front, slash=True)
    assert info.url == url
    assert info.aliases == aliases


@pytest.mark.parametrize(
    ("rel", "slash", "url"),
    [
        ("index.md", True, "/"),
        ("api-guide.md", True, "/api-guide/"),
        ("about/license.md", True, "/about/license/"),
        ("about/README.md", True, "/about/"),
        ("api-guide.md", False, "/api-guide.html"),
        ("about/license.md", False, "/about/license.html"),
        ("about/index.md", False, "/about/index.html"),
    ],
)
def test_mkdocs(rel, slash, url) -> None:
    assert page_url("mkdocs", rel, {}, slash=slash).url == url


@pytest.mark.parametrize(
    ("rel", "front", "url"),
    [
        ("intro.md", {}, "/docs/intro"),
        ("guide/hello.md", {}, "/docs/guide/hello"),
        ("guide/hello.md", {"id": "part1"}, "/docs/guide/part1"),
        ("01-basics/02-setup.mdx", {}, "/docs/basics/setup"),
        # a category's index is its folder, with a slash where trailingSlash is unset (as
        # Docusaurus 3.6 builds it: tests/test_real_docusaurus.py), whatever its id
        ("guide/index.md", {}, "/docs/guide/"),
        ("guide/README.md", {}, "/docs/guide/"),
        ("guide/guide.md", {}, "/docs/guide/"),
        ("guide/Guide.md", {"id": "intro"}, "/docs/guide/"),
        ("guide/x.md", {"slug": "/abs/path"}, "/docs/abs/path"),
        ("guide/x.md", {"slug": "rel-slug"}, "/docs/guide/rel-slug"),
    ],
)
def test_docusaurus(rel, front, url) -> None:
    assert page_url("docusaurus", rel, front, slash=False, prefix="/docs").url == url


@pytest.mark.parametrize(
    ("rel", "front", "slash", "url"),
    [
        ("about.md", {}, False, "/about.html"),
        ("about.md", {}, True, "/about/"),
        ("index.md", {}, False, "/"),
        ("docs/index.md", {}, False, "/docs/"),
        ("_posts/2020-01-02-hello-world.md", {}, False, "/2020/01/02/hello-world.html"),
        (
            "blog/_posts/2020-01-02-hello.md",
            {"categories": "news"},
            False,
            "/blog/news/2020/01/02/hello.html",
        ),
        ("_posts/2020-01-02-hello.md", {"permalink": "/:year/:title/"}, False, "/2020/hello/"),
        ("about.md", {"permalink": "/team/"}, False, "/team/"),
    ],
)
def test_jekyll(rel, front, slash, url) -> None:
    assert page_url("jekyll", rel, front, slash=slash).url == url


def test_jekyll_redirect_from() -> None:
    assert page_url("jekyll", "a.md", {"redirect_from": "/old/"}, slash=False).aliases == ["/old/"]


def test_plain_readme_is_also_its_folder() -> None:
    info = page_url("plain", "docs/README.md", {}, slash=False)
    assert info.url == "/docs/README.md"
    assert info.extra == ["/docs/"]


@pytest.mark.parametrize(
    ("path", "key"),
    [
        ("/a/b/", "/a/b"),
        ("/a/b", "/a/b"),
        ("/a/b/index.html", "/a/b"),
        ("/", "/"),
        ("/a%20b/", "/a b"),
        ("", "/"),
    ],
)
def test_url_key(path, key) -> None:
    assert url_key(path) == key


@pytest.mark.parametrize(
    ("word", "single"), [("pages", "page"), ("taxonomies", "taxonomy"), ("class", "class"), ("boxes", "box")]
)
def test_singular(word, single) -> None:
    assert singular(word) == single
