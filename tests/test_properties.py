"""Properties: readers never raise on any text; slugs are stable."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from linkpolicy.content.frontmatter import parse_front_matter
from linkpolicy.content.markdown import parse_page
from linkpolicy.content.slugs import SLUGIFIERS, Slugger

_PIECES = list("abc #[]()<>!`*_-:/\n{}%\"'=+.\té") + ["{{< ref ", " >}}", "<a href=", "---\n", "](", "[^1]"]
markdownish = st.lists(st.sampled_from(_PIECES), max_size=120).map("".join)


@settings(max_examples=300, deadline=None)
@given(markdownish)
def test_parse_page_never_raises(text: str) -> None:
    page = parse_page(text)
    for link in page.links:
        assert link.line >= 1 and link.column >= 1


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_front_matter_never_raises(text: str) -> None:
    parse_front_matter(("---\n" + text + "\n---\n").split("\n"))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(max_size=30), max_size=20), st.sampled_from(sorted(SLUGIFIERS)))
def test_slugger_ids_are_unique(headings: list[str], style: str) -> None:
    slugger = Slugger(style)
    ids = [slugger.slug(h) for h in headings]
    assert len(ids) == len(set(ids))


_YAML_PIECES = list("ab1 :-[]{},&*!?'\"#\n\t.") + [
    "yes",
    "0o17",
    "0x1F",
    "~",
    "null",
    "True",
    ".inf",
    "-.5",
    "+1",
    "1_000",
    "010",
    "2024-01-01 10:00:00",
    "1e3",
    "2024-02-30",
    "<<: ",
    "&x ",
    "*x",
    "  - ",
]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_YAML_PIECES), max_size=40).map("".join))
def test_front_matter_loader_reads_as_ruamels_own_load(text: str) -> None:
    from linkpolicy.content import frontmatter

    def outcome(load):  # noqa: ANN001, ANN202
        try:
            return "value", load(text)
        except Exception as exc:  # noqa: BLE001 - the failure is what is compared
            return "error", type(exc).__name__, str(exc)

    assert outcome(frontmatter._load_fast) == outcome(
        lambda raw: frontmatter._plain(frontmatter._FAST.load(raw))
    )
