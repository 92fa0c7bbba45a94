"""The JSON report's text is exactly what ``json.dumps(indent=2, ensure_ascii=False)``
writes, though findings go through the C string encoder."""

from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st

from linkpolicy.report.json_format import dumps

scalars = st.none() | st.booleans() | st.integers() | st.text() | st.floats(allow_nan=False)
values = st.recursive(
    scalars, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(), inner, max_size=3)
)
findings = st.lists(st.dictionaries(st.text(), scalars | values, min_size=1, max_size=9), max_size=5)


@given(st.dictionaries(st.text(), values | findings, max_size=4))
def test_same_text_as_the_standard_library(doc: dict) -> None:
    assert dumps(doc) == json.dumps(doc, indent=2, ensure_ascii=False)


def test_odd_strings_and_mixed_lists() -> None:
    doc = {
        "findings": [
            {"r": 'é"\\\n\u2028\x01\ud800', "n": None, "b": True, "i": -3},
            {"f": 1.5, "l": [1, {}]},
        ],
        "x": [{"a": 1}, 2],
        "e": [],
        "o": {},
    }
    assert dumps(doc) == json.dumps(doc, indent=2, ensure_ascii=False)


@given(findings)
def test_findings_given_one_at_a_time_write_the_same_text(items: list) -> None:
    """The report hands its findings over as a generator (each object made as it is
    written); the text is the list's."""
    doc = {"version": 1, "findings": items}
    want = json.dumps(doc, indent=2, ensure_ascii=False) + "\n"
    assert dumps({"version": 1, "findings": iter(items) if items else []}, end="\n") == want
