"""Jekyll sites whose own templates make the navigation: the links of the data files
they read (`site.data.NAME`), the posts (or a collection's documents) they loop over, and
Minima's header and home page; and links whose destination is a Liquid output tag
(`{{ '/x/' | relative_url }}`), which Jekyll renders before it reads the Markdown. Held to
a real `jekyll build` of the same site where Jekyll is installed."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from linkpolicy import api
from linkpolicy.site.navigation.jekyll import Loop, listed, loops

LAYOUT = (
    "<html><body><nav>{% for item in site.data.nav %}"
    '<a href="{{ item.link | relative_url }}">{{ item.title }}</a>{% endfor %}</nav>\n'
    "<aside>{% for post in site.posts limit: 1 %}"
    '<a href="{{ post.url | relative_url }}">{{ post.title }}</a>{% endfor %}</aside>\n'
    "<main>{{ content }}</main></body></html>\n"
)
FILES = {
    "_config.yml": "title: T\nbaseurl: /proj\n",
    "_layouts/default.html": LAYOUT,
    "_data/nav.yml": "- title: Guide\n  link: /docs/guide/\n- title: Elsewhere\n  link: https://example.org/docs/b/\n",
    "_data/unread.yml": "- link: /docs/orphan/\n",  # no template reads it
    "feed.xml": "---\n---\n{% for post in site.posts %}<link>{{ post.url }}</link>{% endfor %}\n",
    "index.md": (
        "---\nlayout: default\ntitle: Home\n---\n# Home\n\n"
        '[B]({{ "/docs/b/" | relative_url }}) and [C]({{ site.baseurl }}/docs/c/)\n'
    ),
    "_posts/2024-01-01-old.md": "---\nlayout: default\ntitle: Old\n---\nold\n",
    "_posts/2024-02-01-new.md": "---\nlayout: default\ntitle: New\n---\nnew\n",
    **{
        f"docs/{n}.md": f"---\nlayout: default\ntitle: {n}\npermalink: /docs/{n}/\n---\n# {n}\n"
        for n in ("guide", "b", "c", "orphan")
    },
}
POLICY = (
    "site:\n  base_url: https://example.com/proj\n  generator: jekyll\n  content: ./\n  home: /\n"
    "  exclude: ['_site/**', 'policies/**']\n"
)


def write(root: Path, files: dict[str, str]) -> Path:
    for rel, text in {**files, "policies/site.yaml": POLICY}.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text)
    return root


def home_links(analysis: api.Analysis) -> set[str]:
    """The URLs the home page links: its own links and the navigation from it."""
    home = analysis.site.home
    own = {lk.target_page.url for lk in home.links if lk.target_page is not None}
    return own | {n.target for n in analysis.site.navigation if n.source == home.url}


def test_data_files_posts_and_liquid_destinations(tmp_path: Path) -> None:
    analysis = api.analyse(write(tmp_path, FILES), cwd=tmp_path)
    nav = {(n.target, n.via) for n in analysis.site.navigation}
    # the data file the layout reads; the newest post (the loop's limit); not the data file
    # no template reads, the external link, or the feed's loop over every post
    assert nav == {("/docs/guide/", "data"), ("/2024/02/01/new.html", "posts")}
    assert home_links(analysis) == {"/docs/guide/", "/2024/02/01/new.html", "/docs/b/", "/docs/c/"}
    orphans = {f.path for f in api.findings_of(analysis) if f.rule == "orphan-page"}
    assert orphans == {"docs/orphan.md", "_posts/2024-01-01-old.md"}


@pytest.mark.skipif(shutil.which("jekyll") is None, reason="jekyll is not installed")
def test_the_model_is_the_built_home_page(tmp_path: Path) -> None:
    root = write(tmp_path, FILES)
    subprocess.run(["jekyll", "build", "-q"], cwd=root, check=True, capture_output=True, timeout=300)
    built = set(re.findall(r'href="([^"]*)"', (root / "_site" / "index.html").read_text()))
    internal = {h.removeprefix("/proj") for h in built if h.startswith("/")}
    assert internal == home_links(api.analyse(root, cwd=root))


def test_a_loop_without_limit_or_a_paginator_lists_every_post(tmp_path: Path) -> None:
    for loop in ("{% for post in site.posts %}", "{% for post in paginator.posts %}"):
        files = {
            **FILES,
            "_layouts/default.html": LAYOUT.replace("{% for post in site.posts limit: 1 %}", loop),
        }
        analysis = api.analyse(write(tmp_path / str(len(loop)), files), cwd=tmp_path / str(len(loop)))
        posts = {n.target for n in analysis.site.navigation if n.via == "posts"}
        assert posts == {"/2024/01/01/old.html", "/2024/02/01/new.html"}, loop


def test_minima_header_and_home_page(tmp_path: Path) -> None:
    """Minima's header lists `header_pages` (else every page with a title, not posts), and a
    home page with `layout: home` lists every post."""
    files = {
        "_config.yml": "theme: minima\nheader_pages: [docs/guide.md]\n",
        "index.md": "---\nlayout: home\n---\n",
        "_posts/2024-01-01-old.md": "---\ntitle: Old\n---\nold\n",
        **{f"docs/{n}.md": f"---\ntitle: {n}\n---\n# {n}\n" for n in ("guide", "orphan")},
    }
    nav = {(n.target, n.via) for n in api.analyse(write(tmp_path, files), cwd=tmp_path).site.navigation}
    assert nav == {("/docs/guide.html", "header"), ("/2024/01/01/old.html", "posts")}
    files["_config.yml"] = "theme: minima\n"
    files["index.md"] = "---\nlayout: page\n---\n"
    nav = {
        (n.target, n.via)
        for n in api.analyse(write(tmp_path / "b", files), cwd=tmp_path / "b").site.navigation
    }
    assert nav == {("/docs/guide.html", "header"), ("/docs/orphan.html", "header")}


def test_a_loop_over_a_collection_lists_its_documents(tmp_path: Path) -> None:
    """`for r in site.recipes` lists the collection's documents; a list assigned that no
    loop goes over lists nothing, nor does a collection without output."""
    files = {
        "_config.yml": "collections:\n  recipes:\n    output: true\n  notes:\n    output: true\n",
        "_layouts/default.html": (
            "{% for r in site.recipes %}<a href='{{ r.url }}'>{{ r.title }}</a>{% endfor %}"
            "{% assign some = site.notes | where: 'x', 1 %}{{ content }}"
        ),
        "index.md": "---\nlayout: default\n---\n# Home\n",
        "_recipes/soup.md": "---\ntitle: Soup\n---\n# Soup\n",
        "_notes/n.md": "---\ntitle: N\n---\n# N\n",
    }
    nav = {(n.target, n.via) for n in api.analyse(write(tmp_path, files), cwd=tmp_path).site.navigation}
    assert nav == {("/recipes/soup.html", "collection")}


# A home page in HTML whose layout lists the articles in the page's own language (an
# assigned list, filtered by `where` on a page value), a translated home in a collection,
# a blog page whose own loop lists the posts (and a Markdown page's), a page listing a category's posts, a header
# every layout includes (its links written in the template), a footer's menu of the pages
# whose front matter says so (`site.pages | where: 'menu', true`), a "next" link (a document's
# next in its collection), layouts given by the config's
# `defaults`; and pages that are none: an HTML file without front matter (copied as it is),
# the error page and a redirect.
PAGES = {
    "_config.yml": (
        "collections:\n  articles:\n    output: true\n    permalink: /:path/\n"
        "defaults:\n  - scope: {path: ''}\n    values: {layout: default}\n"
        "  - scope: {path: '', type: articles}\n    values: {layout: article}\n"
    ),
    "_layouts/default.html": (
        "<html><body>{% include header.html %}{% include footer.html %}{{ content }}</body></html>\n"
    ),
    "_includes/header.html": (
        "<header><a href=\"{{ '/about/' | relative_url }}\">About</a> <a href='/blog/'>Blog</a>"
        " <a href=\"{{ page.url }}\">here</a> <a href='https://example.org/'>elsewhere</a></header>\n"
    ),
    "_includes/footer.html": (
        "<footer>{% include list.html %}{% assign menu = site.pages | where: 'menu', true %}"
        '{% for p in menu %}<a href="{{ p.url | relative_url }}">{{ p.title }}</a>{% endfor %}</footer>\n'
    ),
    "_includes/list.html": (
        "{% assign shown = site.articles | where: 'lang', page.lang | where: 'kind', 'guide'"
        " | sort: 'title' %}{% for a in shown %}<a href=\"{{ a.url | relative_url }}\">{{ a.title }}</a>"
        "{% endfor %}\n"
    ),
    "_layouts/index.html": "---\nlayout: default\n---\n<main>{{ content }}</main>\n",
    "_layouts/article.html": (
        "---\nlayout: default\n---\n<article>{{ content }}</article>"
        '<a href="{{ page.next | relative_url }}">next</a>\n'
    ),
    "_layouts/unused.html": "<a href='/news/'>news</a>\n",  # no page has it
    "index.html": '---\nlayout: index\nlang: en\n---\n<p>Welcome: <a href="/about/">about</a></p>\n',
    "about.md": "---\ntitle: About\npermalink: /about/\nmenu: true\n---\n# About\n",
    "blog/index.html": (
        '---\ntitle: Blog\nup: /about/\n---\n<a href="{{ page.up }}">up</a>'
        ' <a href="{{ page.next.url }}">(a page has no next)</a><ul>{% for post in site.posts %}'
        '<li><a href="{{ post.url }}">{{ post.title }}</a></li>{% endfor %}</ul>\n'
    ),
    "news.html": (
        "---\ntitle: News\npermalink: /news/\nmenu: true\n---\n{% for post in site.categories.news %}"
        '<a href="{{ post.url }}">{{ post.title }}</a>{% endfor %}\n'
    ),
    "archive.md": (  # Liquid runs in Markdown pages too
        "---\ntitle: Archive\npermalink: /archive/\n---\n{% for post in site.posts %}\n"
        "- [{{ post.title }}]({{ post.url }})\n{% endfor %}\n"
    ),
    "_posts/2024-01-01-hello.md": "---\ntitle: Hello\ncategories: [news]\n---\nhi\n",
    "_posts/2024-02-01-other.md": "---\ntitle: Other\n---\nother\n",
    "_articles/one.md": "---\ntitle: One\nlang: en\nkind: guide\n---\none\n",
    "_articles/two.md": "---\ntitle: Two\nlang: en\nkind: guide\n---\ntwo\n",
    "_articles/note.md": "---\ntitle: Note\nlang: en\nkind: note\n---\nnote\n",
    "_articles/de/index.html": "---\nlayout: index\nlang: de\npermalink: /de/\n---\n<p>Hallo</p>\n",
    "_articles/de/eins.md": "---\ntitle: Eins\nlang: de\nkind: guide\n---\neins\n",
    "static.html": '<p>as it is: <a href="/about/">about</a></p>\n',
    "404.html": "---\npermalink: /404.html\n---\n<p>Not found</p>\n",
    "old.html": "---\nredirect_to: /about/\n---\n",
}
PAGES_POLICY = (
    "site:\n  base_url: https://example.com\n  generator: jekyll\n  content: ./\n  home: /\n"
    "  exclude: ['_site/**', 'policies/**']\n"
)
#: what the header and footer link on every page (modelled once, from the home page)
HEADER = {"/about/", "/blog/", "/news/"}


def page_links(analysis: api.Analysis) -> dict[str, set[str]]:
    """URL -> the other pages' URLs each page links: its own links and the navigation from it."""
    out: dict[str, set[str]] = {p.url: set() for p in analysis.site.published}
    for page in analysis.site.published:
        out[page.url] |= {lk.target_page.url for lk in page.links if lk.target_page is not None}
    for nav in analysis.site.navigation:
        out[nav.source].add(nav.target)
    return {url: targets - {url} for url, targets in out.items()}


def pages_site(root: Path) -> Path:
    for rel, text in {**PAGES, "policies/site.yaml": PAGES_POLICY}.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text)
    return root


def test_html_pages_and_the_lists_and_links_of_their_layouts(tmp_path: Path) -> None:
    analysis = api.analyse(pages_site(tmp_path), cwd=tmp_path)
    site = analysis.site
    assert site.home is site.by_path["index.html"]
    for rel in ("static.html", "404.html", "old.html"):
        assert rel not in site.by_path and rel in site.files, rel
    hello, other = "/news/2024/01/01/hello.html", "/2024/02/01/other.html"
    assert page_links(analysis) == {
        # its own link, the header and the footer's menu of pages (sitewide: from the home
        # page), its layout's list
        "/": {"/about/", "/blog/", "/news/", "/one/", "/two/"},
        "/de/": {"/de/eins/"},
        "/blog/": {hello, other, "/about/"},  # the page's own loop, and the page its `up` names
        "/news/": {hello},  # the category's posts
        "/archive/": {hello, other},
        "/about/": set(),
        # and its layout's "next": the next document of the collection (by path)
        "/one/": {"/two/"},
        "/two/": {"/one/"},
        "/note/": {"/one/", "/two/"},
        "/de/eins/": {"/de/"},
        hello: set(),
        other: set(),
    }
    found = api.findings_of(analysis)
    # (a link to the redirect or the error page is no broken link)
    assert {f.path for f in found if f.rule == "orphan-page"} == {"_articles/note.md", "archive.md"}


@pytest.mark.skipif(shutil.which("jekyll") is None, reason="jekyll is not installed")
def test_html_pages_and_layout_lists_are_the_built_sites(tmp_path: Path) -> None:
    root = pages_site(tmp_path)
    subprocess.run(["jekyll", "build", "-q"], cwd=root, check=True, capture_output=True, timeout=300)
    analysis = api.analyse(root, cwd=root)
    built_pages = {
        "/" + p.relative_to(root / "_site").as_posix().removesuffix("index.html")
        for p in (root / "_site").rglob("*.html")
    }
    model = page_links(analysis)
    assert built_pages - set(model) == {"/static.html", "/404.html", "/old.html"}
    for url, targets in model.items():
        built = root / "_site" / (url.lstrip("/") + ("index.html" if url.endswith("/") else ""))
        hrefs = {h for h in re.findall(r"href=[\"']([^\"']*)", built.read_text()) if h.startswith("/")}
        assert hrefs - {url} == (targets | HEADER) - {url}, url
    assert (root / "_site" / "static.html").read_text() == PAGES["static.html"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("{% for p in site.posts limit: 3 %}", [Loop("posts", (), 3)]),
        # the paginator's page of posts (without pagination configured: them all)
        ("{% for p in paginator.posts limit: 3 %}", [Loop("posts", paged=True)]),
        ("{% for p in paginator.docs %}{% for p in site.data.nav %}{% for p in site.static_files %}", []),
        ("{% for p in site.html_pages %}", [Loop("html_pages")]),
        (
            "{%- assign a = site.docs | where: \"lang\", page.lang | sort: 'order' -%}{% for d in a %}",
            [Loop("docs", (("lang", None, "lang"),))],
        ),
        (
            "{% assign a = site.docs | where: 'draft', false %}{%for d in a%}",
            [Loop("docs", (("draft", "false", None),))],
        ),
        ("{% assign a = site.docs | where_exp: 'd', 'd.x' %}{% for d in a %}", [Loop("docs")]),  # unread: all
        ("{% assign a = site.docs | first %}{% for d in a %}", []),  # one document, no list
        ("{% assign a = site.docs | map: 'url' %}{% for d in a %}", []),
        ("{% for d in a %}{% assign a = site.docs %}", []),  # (assigned after the loop)
        ("{% for p in site.categories.release %}", [Loop("posts", (("categories()", "release", None),))]),
        ("{% for p in site.tags['a b'] %}", [Loop("posts", (("tags()", "a b", None),))]),
        ("{% for p in site.categories[page.lang] %}", [Loop("posts", (("categories()", None, "lang"),))]),
        ("{% for p in site.notes %}", []),  # a collection without output
    ],
)
def test_loops_read_from_a_template(text: str, expected: list[Loop]) -> None:
    assert loops(text, ["docs"]) == expected


def test_an_edit_of_a_pages_loop_is_seen_by_the_next_recorded_run(tmp_path: Path) -> None:
    """A page's own Liquid makes navigation: an edit of a loop is no edit the run record
    may answer for, though the page's own links look the same."""
    root = pages_site(tmp_path)
    subprocess.run(["git", "init", "-q"], cwd=root, check=True)

    def orphans() -> set[str]:
        report = api.check(root, cwd=root, cache=True)
        return {f.path for f in report.findings if f.rule == "orphan-page"}

    assert "_posts/2024-02-01-other.md" not in orphans()
    for page in (root / "blog" / "index.html", root / "archive.md"):
        page.write_text(page.read_text().replace("site.posts", "site.categories.news"))
    assert "_posts/2024-02-01-other.md" in orphans()
    assert orphans() == {f.path for f in api.check(root, cwd=root).findings if f.rule == "orphan-page"}


def test_a_list_keyed_on_a_value_the_page_lacks_is_not_read(tmp_path: Path) -> None:
    """`site.pages | where: 'ref', page.ref` on a page with no `ref` lists, in Jekyll, every
    page with none, which the template then guards (`if page.lang != p.lang`): read as no list."""
    site = api.analyse(pages_site(tmp_path), cwd=tmp_path).site
    loop = Loop("articles", (("lang", None, "lang"),))
    assert [d.url for d in listed(site, loop, site.by_path["_articles/de/index.html"])] == [
        "/de/",
        "/de/eins/",
    ]
    assert listed(site, loop, site.by_path["about.md"]) == []


#: Jekyll's own documentation: the tutorials' sidebar lists names from a data file, and the
#: template makes each a path (`item | prepend: "/tutorials/" | append: "/"`)
NAMED = {
    "_config.yml": "title: T\ncollections:\n  tutorials:\n    output: true\n    permalink: /:collection/:path/\n",
    "_layouts/default.html": (
        "<html><body><nav>{% for section in site.data.tutorials %}{% for item in section.tutorials %}"
        '{% assign item_url = item | prepend:"/tutorials/" | append:"/" %}'
        '<a href="{{ item_url }}">{{ item }}</a>{% endfor %}{% endfor %}</nav>\n'
        "<main>{{ content }}</main></body></html>\n"
    ),
    "_data/tutorials.yml": "- title: Tutorials\n  tutorials:\n  - navigation\n  - csv-to-table\n  - gone\n",
    "index.md": "---\nlayout: default\ntitle: Home\n---\n# Home\n",
    **{
        f"_tutorials/{n}.md": f"---\nlayout: default\ntitle: {n}\n---\n# {n}\n"
        for n in ("navigation", "csv-to-table", "unlisted")
    },
}


def test_names_a_template_makes_paths_of_are_links(tmp_path: Path) -> None:
    root = write(tmp_path, NAMED)
    analysis = api.analyse(root, cwd=root)
    nav = {(n.target, n.via) for n in analysis.site.navigation}
    assert nav == {("/tutorials/navigation/", "data"), ("/tutorials/csv-to-table/", "data")}
    orphans = {f.path for f in api.findings_of(analysis) if f.rule == "orphan-page"}
    assert orphans == {"_tutorials/unlisted.md"}
    if shutil.which("jekyll") is None:
        return
    subprocess.run(["jekyll", "build", "-q"], cwd=root, check=True, capture_output=True, timeout=300)
    built = set(re.findall(r'href="([^"]*)"', (root / "_site" / "index.html").read_text()))
    assert built == {"/tutorials/navigation/", "/tutorials/csv-to-table/", "/tutorials/gone/"}
    assert {t for t, _ in nav} == {
        h for h in built if (root / "_site" / h.strip("/") / "index.html").is_file()
    }
