"""The benchmarks' synthetic site: deterministic, with every link form, and a site the
checker reads as the generator would (every page published, clusters with their hubs)."""

from __future__ import annotations

import re
import sys
from pathlib import Path

from linkpolicy.api import analyse

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

import synthetic  # noqa: E402


def _tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_same_seed_same_bytes_other_seed_other_prose(tmp_path: Path) -> None:
    a, b, c = (tmp_path / n for n in "abc")
    for root, seed in ((a, 1), (b, 1), (c, 2)):
        root.mkdir()
        synthetic.generate(root, 120, seed)
    assert _tree(a) == _tree(b)
    assert _tree(a).keys() == _tree(c).keys() and _tree(a) != _tree(c)


def test_pages_hold_every_link_form(tmp_path: Path) -> None:
    synthetic.generate(tmp_path, 200)
    text = "\n".join(p.read_text() for p in (tmp_path / "content").rglob("page-*.md"))
    forms = {
        "relative": r"\]\(\.\./\.\./sec-\d+/topic-\d+/page-\d+\.md\)",
        "absolute": r"\]\(/sec-\d+/topic-\d+/page-\d+/\)",
        "fragment elsewhere": r"\]\(/sec-[^)#]+/#[a-z]",
        "fragment here": r"\]\(#[a-z]",
        "reference": r"^\[ref\d+\]: /sec-",
        "autolink": r"<https://",
        "image": r"!\[[^\]]*\]\(/images/",
        "outbound": r"\]\(https://",
        "hugo ref": r"\{\{< ref ",
    }
    for name, pattern in forms.items():
        assert re.search(pattern, text, re.M), name
    for page in (tmp_path / "content").rglob("page-*.md"):
        body = re.sub(r"```.*?```", "", page.read_text().split("---", 2)[2], flags=re.S)  # no links in code
        links = len(re.findall(r"\]\(|\]\[ref|<https://", body))
        assert 10 <= links <= 41, page  # 10-40 and the link to the topic's hub


def test_the_checker_reads_it_as_a_hugo_site(tmp_path: Path) -> None:
    synthetic.generate(tmp_path, 150)
    (tmp_path / ".git").mkdir()
    analysis = analyse(tmp_path, cwd=tmp_path, cache=False)
    layout = synthetic.Layout(150)
    assert len(analysis.site.published) == 150 + len(layout.topics()) + layout.sections + 1
    assert sorted(analysis.clusters) == sorted(
        "topic-" + t.replace("sec-", "").replace("/topic-", "-") for t in layout.topics()
    )
    first = analysis.clusters["topic-000-00"]
    assert first.hub.rel == "sec-000/topic-00/_index.md"
    assert len(first.members) == synthetic.PAGES_PER_TOPIC
