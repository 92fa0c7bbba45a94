"""The cache's encoding of parsed pages: every page of the repository's Markdown comes
back equal to itself, and a value off its declared type is refused on the way in as on
the way out."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from linkpolicy.content import serial
from linkpolicy.content.markdown import Heading, ParsedPage, RawLink, parse_page

REPO = Path(__file__).resolve().parents[2]
PAGES = sorted(p for d in ("demo", "tests") for p in (REPO / d).rglob("*.md"))


def test_every_page_of_the_repository_comes_back_equal() -> None:
    assert len(PAGES) > 100
    for path in PAGES:
        page = parse_page(path.read_text(encoding="utf-8", errors="replace"))
        data = json.loads(json.dumps(serial.dump(page, ParsedPage)))
        assert serial.load(data, ParsedPage) == page, path


@pytest.mark.parametrize(
    "spoil",
    [
        lambda link: dataclasses.replace(link, line="3"),  # str for int
        lambda link: dataclasses.replace(link, column=True),  # bool for int
        lambda link: dataclasses.replace(link, block=7),  # int for str | None
        lambda link: dataclasses.replace(link, rel=["nofollow"]),  # list for tuple
        lambda link: dataclasses.replace(link, rel=("nofollow", 3)),  # an int among strs
        lambda link: dataclasses.replace(link, shortcode="ab"),  # str for tuple[str, str] | None
        lambda link: dataclasses.replace(link, shortcode=("ref", 1)),  # int in the tuple
    ],
)
def test_a_field_off_its_type_is_refused_both_ways(spoil) -> None:  # type: ignore[no-untyped-def]
    good = RawLink("/a/", "A", 3, 5, rel=("nofollow",), block="related")
    assert serial.load(serial.dump(good, RawLink), RawLink) == good
    bad = spoil(good)
    if isinstance(bad.rel, list):
        # a list where a tuple is declared still dumps (both become JSON lists) and loads
        # back as the declared tuple
        assert serial.load(serial.dump(bad, RawLink), RawLink) == good
        return
    with pytest.raises(serial.OffSchema):
        serial.dump(bad, RawLink)
    row = serial.dump(good, RawLink)
    row[[f.name for f in dataclasses.fields(RawLink)].index(_changed(good, bad))] = getattr(
        bad, _changed(good, bad)
    )
    with pytest.raises(serial.OffSchema):
        serial.load(row, RawLink)


def _changed(a: RawLink, b: RawLink) -> str:
    return next(f.name for f in dataclasses.fields(RawLink) if getattr(a, f.name) != getattr(b, f.name))


def test_a_heading_dumps_as_its_fields_in_order() -> None:
    assert serial.dump(Heading(2, "Install", "install", 9), Heading) == [2, "Install", "install", 9]


@pytest.mark.parametrize("value", [0, "", {}, False, None, "nofollow", [1]])
def test_an_empty_collection_is_only_an_empty_list(value: object) -> None:
    """A collection field loads an empty list without a call, but only a list: any other
    value, falsy or not, is refused (``rel`` is a tuple, ``shortcode`` optional)."""
    names = [f.name for f in dataclasses.fields(RawLink)]
    row = serial.dump(RawLink("/a/", "A", 3, 5), RawLink)
    assert serial.load(row, RawLink).rel == ()
    row[names.index("rel")] = value
    with pytest.raises(serial.OffSchema):
        serial.load(row, RawLink)
    row = serial.dump(RawLink("/a/", "A", 3, 5), RawLink)
    row[names.index("shortcode")] = value if value is not None else []
    with pytest.raises(serial.OffSchema):
        serial.load(row, RawLink)


def test_pages_pickle_back_equal_with_links_and_headings_as_calls() -> None:
    """What a parse worker sends its parent: a link or heading pickles as a call with its
    fields in order (not as a dict of slots, set one by one), and comes back equal."""
    import pickle

    for path in PAGES[:60]:
        page = parse_page(path.read_text(encoding="utf-8", errors="replace"))
        assert pickle.loads(pickle.dumps(page, protocol=pickle.HIGHEST_PROTOCOL)) == page, path
    link = RawLink("/a/", "A", 3, 5, rel=("nofollow",), shortcode=("ref", "x"), block="b")
    assert link.__reduce_ex__(pickle.HIGHEST_PROTOCOL) == (
        RawLink,
        ("/a/", "A", 3, 5, "link", ("nofollow",), False, ("ref", "x"), "b"),
    )
    assert Heading(2, "Install", "install", 9).__reduce_ex__(2) == (Heading, (2, "Install", "install", 9))
