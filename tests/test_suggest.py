"""`linkpolicy suggest`: every suggestion, spliced into its page, is a link that resolves
and makes the finding it answers go away; positions point exactly at the source."""

from __future__ import annotations

import json
import posixpath
import shutil
from collections import defaultdict
from pathlib import Path

import pytest
from click.testing import CliRunner

from linkpolicy.api import check, suggest
from linkpolicy.cli import main
from linkpolicy.suggest import Suggestion, first_paragraph_end

ROOT = Path(__file__).resolve().parent.parent
ANSWERED = {"entity-unlinked", "hub-missing-link", "hub-coverage", "orphan-page", "navigation-only-page"}
LINK_RULES = {"broken-link", "broken-fragment", "link-to-redirect", "link-to-unpublished", "self-link"}
HOME = {
    "hugo": "_index.md",
    "hugo-ref": "_index.md",
    "mkdocs": "index.md",
    "plain": "README.md",
    "jekyll": "index.md",
}
#: how each fixture site writes its links, and what a suggested link to the glossary looks like from guides/a.md
STYLES = {
    "hugo": "/glossary/pagerank/",
    "hugo-ref": '{{< ref "/glossary/pagerank.md" >}}',
    "mkdocs": "../glossary/pagerank.md",
    "plain": "../glossary/pagerank.md",
    "jekyll": "{% link glossary/pagerank.md %}",
}


def apply(root: Path, found: list[Suggestion]) -> None:
    """Splice every snippet into its page, last position first so earlier ones stay true."""
    by_path: dict[str, list[Suggestion]] = defaultdict(list)
    for s in found:
        by_path[s.path].append(s)
    for path, items in by_path.items():
        lines = (root / path).read_text(encoding="utf-8").split("\n")
        for s in sorted(items, key=lambda s: (s.line, s.column), reverse=True):
            line = lines[s.line - 1]
            at = s.column - 1
            assert line[at : at + len(s.replace)] == s.replace, (s, line)
            lines[s.line - 1] = line[:at] + s.snippet + line[at + len(s.replace) :]
        (root / path).write_text("\n".join(lines), encoding="utf-8")


def _site(root: Path, flavour: str) -> None:
    generator = flavour.split("-")[0]

    def ln(text: str, source: str, target: str) -> str:
        if flavour == "hugo":
            url = "/" + target.removesuffix(".md").removesuffix("_index")
            return f"[{text}]({url.rstrip('/')}/)"
        if flavour == "hugo-ref":
            return f'[{text}]({{{{< ref "/{target}" >}}}})'
        if flavour == "jekyll":
            return f"[{text}]({{% link {target} %}})"
        return f"[{text}]({posixpath.relpath(target, posixpath.dirname(source) or '.')})"

    pages = {
        HOME[flavour]: f"# Home\n\nWelcome. {ln('Guides', 'x', 'guides/overview.md')} and "
        f"{ln('PageRank', 'x', 'glossary/pagerank.md')}.\n",
        "guides/overview.md": f"# Guides\n\nStart with {ln('A', 'guides/overview.md', 'guides/a.md')}.\n",
        "guides/a.md": "---\ntitle: Guide A\ntags: [rank]\n---\n# Guide A\n\nAbout pagerank, a lot.\n\n"
        f"{ln('Guides', 'guides/a.md', 'guides/overview.md')} and "
        f"{ln('B', 'guides/a.md', 'guides/b.md')}.\n",
        "guides/b.md": "# Guide B\n\n日本語 🎉\tthe\tPage  Rank of this page\r\nand more.\r\n\r\n## Next\n\nText.\n",
        "guides/c.md": "---\ntags: [rank]\n---\n# Guide C\n\n```\nPageRank\n```\n\nNobody links here.\n",
        "glossary/pagerank.md": f"# PageRank\n\nA measure. {ln('Home', 'glossary/pagerank.md', HOME[flavour])}\n",
    }
    for rel, text in pages.items():
        (root / "content" / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / "content" / rel).write_bytes(text.encode("utf-8"))
    (root / "policies").mkdir()
    (root / "policies" / "site.yaml").write_text(
        f"site:\n  base_url: https://www.example.com\n  content: content/\n  generator: {generator}\n"
        "  home: /\n"
        "clusters:\n  - id: guides\n    hub: guides/overview.md\n    members: ['guides/**']\n"
        "entities:\n  - name: PageRank\n    aliases: [page rank]\n    page: glossary/pagerank.md\n",
        encoding="utf-8",
    )


def _rules(root: Path) -> list[str]:
    return sorted(f"{f.rule} {f.path}" for f in check(root, cwd=root).findings)


@pytest.mark.parametrize("flavour", sorted(STYLES))
def test_every_suggestion_resolves_and_answers_its_finding(tmp_path: Path, flavour: str) -> None:
    _site(tmp_path, flavour)
    before = check(tmp_path, cwd=tmp_path).findings
    answered = {(f.rule, f.path) for f in before if f.rule in ANSWERED}
    assert {"entity-unlinked", "hub-missing-link", "hub-coverage"} <= {r for r, _ in answered}
    assert {"orphan-page", "navigation-only-page"} & {r for r, _ in answered}
    found = suggest(tmp_path, cwd=tmp_path)
    kinds = {s.kind for s in found}
    assert kinds == {"entity", "hub-link", "hub-member", "inbound"}
    entity = [s for s in found if s.kind == "entity"]
    assert [(s.path, s.line, s.column, s.replace) for s in entity] == [
        ("content/guides/a.md", 7, 7, "pagerank"),
        ("content/guides/b.md", 3, 11, "Page  Rank"),
    ]
    assert entity[0].snippet == f"[pagerank]({STYLES[flavour]})"
    apply(tmp_path, found)
    after = check(tmp_path, cwd=tmp_path).findings
    assert [f for f in after if f.rule in ANSWERED] == []
    assert [f for f in after if f.rule in LINK_RULES] == []
    assert suggest(tmp_path, cwd=tmp_path) == []


def test_orphans_get_the_best_sources_of_their_cluster(tmp_path: Path) -> None:
    _site(tmp_path, "hugo")
    found = suggest(tmp_path, cwd=tmp_path)
    inbound = [(s.path, s.reason.split("; ")[1][:13]) for s in found if s.kind == "inbound"]
    # c shares the tag "rank" with a, then PageRank decides: the hub second (the list
    # page of the folder, which has no _index.md, links it with the others), whose link
    # to c is already its hub-member suggestion (one edit, one suggestion), then b
    assert inbound == [("content/guides/a.md", "best source 1"), ("content/guides/b.md", "best source 3")]
    assert [s.target for s in found if s.kind == "hub-member"] == ["/guides/b/", "/guides/c/"]


def test_demo_suggestions_all_resolve(tmp_path: Path) -> None:
    for name in ("demo", "policies", "site-graph"):
        shutil.copytree(ROOT / name, tmp_path / name)
    before = check(tmp_path, cwd=tmp_path).findings
    found = suggest(tmp_path, cwd=tmp_path)
    assert {s.rule for s in found} == {
        "entity-unlinked",
        "hub-missing-link",
        "orphan-page",
        "navigation-only-page",
    }
    apply(tmp_path, found)
    after = check(tmp_path, cwd=tmp_path).findings
    assert [f for f in after if f.rule in ANSWERED] == []
    links = {(f.rule, f.path, f.message) for f in after if f.rule in LINK_RULES}
    assert links == {(f.rule, f.path, f.message) for f in before if f.rule in LINK_RULES}


def test_json_output_is_versioned(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _site(tmp_path, "mkdocs")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["suggest", "--format", "json", "--no-cache", "--output", "s.json"])
    assert result.exit_code == 0, result.output
    doc = json.loads((tmp_path / "s.json").read_text(encoding="utf-8"))
    assert doc["version"] == 1 and doc["summary"]["suggestions"] == len(doc["suggestions"]) > 0
    first = doc["suggestions"][0]
    assert set(first) == {
        "kind",
        "rule",
        "path",
        "line",
        "column",
        "page",
        "target",
        "replace",
        "snippet",
        "reason",
    }
    text = CliRunner().invoke(main, ["suggest", "--no-cache"]).output
    assert text.splitlines()[-1].startswith(f"{len(doc['suggestions'])} suggestions: ")


def test_the_entity_set_is_part_of_the_parse_cache_key(tmp_path: Path) -> None:
    _site(tmp_path, "hugo")
    assert "entity-unlinked content/guides/a.md" in _rules_cached(tmp_path)
    policy = tmp_path / "policies" / "site.yaml"
    policy.write_text(policy.read_text().replace("PageRank\n    aliases", "Measure\n    aliases"))
    # "Measure" is in the glossary page only, and "page rank" still in b
    assert [r for r in _rules_cached(tmp_path) if r.startswith("entity")] == [
        "entity-unlinked content/guides/b.md"
    ]


def _rules_cached(root: Path) -> list[str]:
    return sorted(f"{f.rule} {f.path}" for f in check(root, cwd=root, cache=True).findings)


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("---\nt: 1\n---\n# T\n\nFirst line\nsecond line.\n\nMore.\n", (7, 13)),
        ("# T\n\n- a list\n\nA para\\\n", (5, 7)),
        ("Setext\n======\n\n```\ncode\n```\n<!--\nnote\n-->\nplain\n", (10, 6)),
        ("# Only a heading\n", (1, 17)),
    ],
)
def test_the_end_of_the_first_paragraph(text: str, where: tuple[int, int]) -> None:
    body_line = 3 if text.startswith("---") else 0
    place = first_paragraph_end(text.split("\n"), body_line, {})
    assert (place.line, place.column) == where


def test_suggestions_follow_the_rules_settings(tmp_path: Path) -> None:
    _site(tmp_path, "hugo")
    (tmp_path / "policies" / "rules.yaml").write_text(
        "rules:\n  entity-unlinked: off\n  ignore:\n    - {rule: hub-coverage, paths: ['guides/overview.md']}\n",
        encoding="utf-8",
    )
    kinds = {s.kind for s in suggest(tmp_path, cwd=tmp_path)}
    assert kinds == {"hub-link", "inbound"}
