"""The host's redirects and rewrites (Netlify, Vercel): which paths each rule answers and
where it sends them, and links the site's pages do not answer but the host does."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from linkpolicy.api import analyse, check
from linkpolicy.site.hosting import read_rules
from linkpolicy.source import WorkTree

NETLIFY = """
[[redirects]]
from = "/docs/0.72/*"
to = "https://archive.example.org/docs/0.72/:splat"

[[redirects]]
from = "/news/:year/:slug"
to = "/blog/:year/:slug"
status = 301

[[redirects]]
from = "/*"
to = "/404.html"
status = 404
"""
VERCEL = {
    "redirects": [
        {"source": "/docs/:version/old-intro", "destination": "/docs/intro", "permanent": True},
        {"source": "/guides/:path*", "destination": "/docs/:path*"},
        {"source": "/v/(\\d+)/(.*)", "destination": "/docs/$2"},
    ],
    "rewrites": [{"source": "/api/:name", "destination": "https://api.example.org/:name"}],
}
REDIRECTS = (
    "# moved\n/old-setup   /docs/setup  301\n/gone  /  404\n\n/feed /blog/rss.xml 302!\n"
    "/p/gone  /  404\n/p/:page  /docs/setup  301\n/p/first  /not-this-one  301\n"
)


def rules(tmp_path: Path):  # noqa: ANN201
    (tmp_path / "netlify.toml").write_text(NETLIFY)
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "vercel.json").write_text(json.dumps(VERCEL))
    (tmp_path / "static").mkdir()
    (tmp_path / "static" / "_redirects").write_text(REDIRECTS)
    return read_rules(WorkTree(tmp_path), ["", "site"], ["static/"])


def where(found, path: str) -> str | None:  # noqa: ANN001
    return found.target(path)


@pytest.mark.parametrize(
    ("path", "target"),
    [
        ("/docs/0.72/slider", "https://archive.example.org/docs/0.72/slider"),
        ("/docs/0.72/a/b/", "https://archive.example.org/docs/0.72/a/b/"),
        ("/news/2021/hello", "/blog/2021/hello"),
        ("/news/2021/hello/extra", None),  # a placeholder is one segment
        ("/docs/1.0/old-intro", "/docs/intro"),
        ("/guides", "/docs/"),  # :path* takes no segment too
        ("/guides/a/b", "/docs/a/b"),
        ("/v/7/x/y", "/docs/x/y"),
        ("/v/seven/x", None),
        ("/api/users", "https://api.example.org/users"),
        ("/old-setup", "/docs/setup"),
        ("/feed", "/blog/rss.xml"),
        ("/a/b/elsewhere", None),  # Netlify's catch-all to a 404 page serves nothing
        ("/p/gone", None),  # nor the 404 rule above the /p/:page rule that would answer it
        ("/old-setup/", "/docs/setup"),  # a literal source, with or without its slash
        ("/p/first", "/docs/setup"),  # the first rule that answers wins, literal or pattern
        ("/p/third", "/docs/setup"),
    ],
)
def test_each_rule_answers_the_paths_the_host_sends_on(tmp_path: Path, path: str, target: str | None) -> None:
    assert where(rules(tmp_path), path) == target


def test_a_file_that_does_not_read_gives_no_rules(tmp_path: Path) -> None:
    (tmp_path / "netlify.toml").write_text("[[redirects]\nfrom = ")
    (tmp_path / "vercel.json").write_text("{not json")
    assert not read_rules(WorkTree(tmp_path), [""], [])


def test_links_the_host_answers(tmp_path: Path) -> None:
    files = {
        "policies/site.yaml": "site:\n  base_url: https://x.dev\n  generator: hugo\n  home: /\n",
        "hugo.toml": "baseURL = 'https://x.dev/'\n",
        "static/_redirects": "/setup  /guide/setup/  301\n/legacy/*  https://old.x.dev/:splat  301\n",
        "content/_index.md": "# Home\n[setup](/setup) [legacy](/legacy/a/page) [guide](/guide/setup/)"
        " [nowhere](/nowhere) [api](/legacy/api/x.html) [no api](/api/x.html)\n",
        "content/guide/setup.md": "# Setup\n",
    }
    for rel, text in files.items():
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(text)
    links = {
        lk.raw.dest: lk for lk in analyse(tmp_path, cwd=tmp_path).site.by_path["content/_index.md"].links
    }
    assert links["/setup"].target_page is not None and links["/setup"].via_alias == "/setup"
    assert links["/legacy/a/page"].status.value == "static"  # served, off the site
    assert links["/nowhere"].status.value == "broken"
    # of a page file's extension (Hugo reads `.html` content), no file, but the host's to answer
    assert links["/legacy/api/x.html"].status.value == "static"
    assert links["/api/x.html"].status.value == "broken"
    found = {(f.rule, f.target) for f in check(tmp_path, cwd=tmp_path).findings}
    assert ("link-to-redirect", "/guide/setup/") in found
    assert ("broken-link", "/nowhere") in found
    assert not any(t and t.startswith("/legacy") for _, t in found)


def test_a_host_files_patterns_run_in_linear_time(tmp_path: Path) -> None:
    """A host file's patterns are the repository's: they run on RE2 (a pattern such as
    a*a*a*a*a*b would backtrack for minutes in Python's re), or under a time limit."""
    (tmp_path / "vercel.json").write_text(
        json.dumps({"redirects": [{"source": "/x/:p(a*a*a*a*a*b)", "destination": "/y/:p"}]})
    )
    found = read_rules(WorkTree(tmp_path), [""], [])
    (rule,) = found.chains[0].rules
    assert rule.pattern.linear
    assert found.target("/x/" + "a" * 60 + "c") is None
    assert found.target("/x/aab") == "/y/aab"
