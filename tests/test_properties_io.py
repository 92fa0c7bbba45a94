"""Properties of managed-block splicing and of the safe reader.

Splicing: a page whose markers cannot be trusted is refused; otherwise bytes outside the
markers are unchanged, the result is stable when spliced again, CRLF and BOM are kept, and
the result holds exactly one block of the name. Safe reader: no path, however built from
``..``, absolute parts and symlinks, is read or resolved outside the root.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from linkpolicy.content import managed
from linkpolicy.generate import markers
from linkpolicy.io import RefusedFile, read_inside, realpath_in, resolve_inside

START, END = markers.start_marker("related"), markers.end_marker("related")
_LINES = [
    "# Title",
    "text with a [link](/a/)",
    "",
    "```",
    "~~~~",
    "    indented code",
    START,
    END,
    START + "  ",
    f"inline {START} in prose",
    "<!--linkpolicy:end related-->",
    markers.start_marker("other"),
    markers.end_marker("other"),
    "- item",
    "é ünïcode",
]
_BODY = [
    "## Related",
    "- [Beta](/b/)",
    "- [x <!-- linkpolicy:end related -->](/c/)",
    END,
    START,
    "",
    "plain",
    "`code`",
]


@st.composite
def pages(draw: st.DrawFn) -> tuple[bytes, str]:
    newline = draw(st.sampled_from(["\n", "\r\n"]))
    lines = draw(st.lists(st.sampled_from(_LINES), max_size=14))
    front = draw(st.booleans())
    if front:
        lines = ["---", "title: x", f"note: '{START}'", "---", *lines]
    text = newline.join(lines) + (newline if draw(st.booleans()) else "")
    bom = b"\xef\xbb\xbf" if draw(st.booleans()) else b""
    return bom + text.encode("utf-8"), newline


bodies = st.lists(st.sampled_from(_BODY), max_size=6).map("\n".join)
inserts = st.sampled_from(["end", "after-title", "none"])


def _body_line(text: str) -> int:
    lines = [line for _, line in managed.lines(text)]
    if lines[:1] == ["---"] and "---" in lines[1:]:
        return lines.index("---", 1) + 1
    return 0


def _title_line(text: str, body_line: int) -> int | None:
    lines = [line for _, line in managed.lines(text)]
    return next((i for i, line in enumerate(lines) if i >= body_line and line == "# Title"), None)


def _one_cut(old: str, new: str) -> bool:
    """True if ``new`` is ``old`` with one piece inserted somewhere."""
    d = len(new) - len(old)
    return d >= 0 and any(new[:i] == old[:i] and new[i + d :] == old[i:] for i in range(len(old) + 1))


@settings(max_examples=400, deadline=None)
@given(pages(), bodies, inserts)
def test_splice_refuses_or_changes_only_the_block(page: tuple[bytes, str], body: str, insert: str) -> None:
    data, newline = page
    decoded = markers.decode(data)
    text = decoded.text
    body_line = _body_line(text)
    title = _title_line(text, body_line)
    found = managed.scan(text, body_line)
    try:
        new = markers.splice(decoded, "related", body, insert, title, body_line)
    except markers.Refused:
        return  # nothing is written for a refused page
    assert not found.problems, "untrustworthy markers must be refused"
    if new is None:
        assert insert == "none" and "related" not in found.blocks
        return
    after = managed.scan(new, body_line)
    assert not after.problems and "related" in after.blocks
    if "related" in found.blocks:
        a, b = found.blocks["related"].inner
        a2, b2 = after.blocks["related"].inner
        assert new[:a2] == text[:a] and new[b2:] == text[b:]
    else:
        assert _one_cut(text, new)
    # idempotent: the same body spliced again changes nothing
    again = markers.splice(
        markers.Decoded(new, decoded.bom, decoded.newline), "related", body, insert, title, body_line
    )
    assert again == new
    out = decoded.encode(new)
    assert out.startswith(b"\xef\xbb\xbf") == data.startswith(b"\xef\xbb\xbf")
    if "\r\n" in text:  # an empty or one-line file has no line ending to keep
        assert out.count(b"\n") == out.count(b"\r\n")


@settings(max_examples=300, deadline=None)
@given(pages())
def test_unbalanced_markers_are_refused_with_no_change(page: tuple[bytes, str]) -> None:
    data, _ = page
    decoded = markers.decode(data)
    text = decoded.text
    body_line = _body_line(text)
    if not managed.scan(text, body_line).problems:
        return
    for insert in ("end", "after-title", "none"):
        with pytest.raises(markers.Refused):
            markers.splice(decoded, "related", "- x", insert, None, body_line)


@pytest.fixture(scope="module")
def tree() -> Iterator[Path]:
    """root/ with files, a folder, symlinks inside and out; a secret beside root/."""
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        root = base / "root"
        (root / "a" / "b").mkdir(parents=True)
        (root / "a" / "f.md").write_text("inside")
        (root / "a" / "b" / "g.md").write_text("inside")
        (base / "secret.md").write_text("SECRET")
        (base / "outdir").mkdir()
        (base / "outdir" / "s.md").write_text("SECRET")
        (root / "in_link").symlink_to(root / "a")
        (root / "out_link").symlink_to(base / "outdir")
        (root / "a" / "up").symlink_to("../..")
        (root / "a" / "secret_link.md").symlink_to(base / "secret.md")
        (root / "loop").symlink_to("loop")
        yield root


_SEGMENTS = ["..", ".", "a", "b", "f.md", "g.md", "s.md", "secret.md", "in_link", "out_link", "up", "loop"]
_SEGMENTS += ["secret_link.md", "outdir", "root", ""]
paths = st.tuples(st.booleans(), st.lists(st.sampled_from(_SEGMENTS), min_size=1, max_size=8))


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(paths)
def test_no_path_is_read_or_resolved_outside_the_root(tree: Path, spec: tuple[bool, list[str]]) -> None:
    absolute, parts = spec
    path = os.path.join(str(tree.parent) if absolute else "", *parts)
    try:
        resolved = resolve_inside(tree, path)
    except RefusedFile:
        pass
    else:
        assert resolved.is_relative_to(tree.resolve())
    try:
        data = read_inside(tree, path)
    except OSError:  # refused, missing, a folder, a symlink loop: nothing read
        return
    assert data == b"inside"


#: the folders resolved across the examples below, as one reader of many files keeps them
_FOLDERS: dict[str, str] = {}


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(paths)
@example((False, ["loop", "..", "in_link"]))  # realpath leaves a looping path as written
def test_resolving_each_folder_once_resolves_as_realpath(tree: Path, spec: tuple[bool, list[str]]) -> None:
    """A reader that remembers where folders lead (the work tree's, across a run) finds
    what `os.path.realpath` finds for every path, and refuses and reads the same."""
    absolute, parts = spec
    path = os.path.join(str(tree.parent) if absolute else "", *parts)
    full = os.path.join(str(tree), path)
    try:
        expected = os.path.realpath(full)
    except OSError:
        expected = None
    try:
        found = realpath_in(full, _FOLDERS)
    except OSError:
        found = None
    assert found == expected
    outcomes = []
    for folders in (None, _FOLDERS):
        try:
            outcomes.append(read_inside(tree, path, folders=folders))
        except OSError as exc:
            outcomes.append(type(exc))
    assert outcomes[0] == outcomes[1]


@pytest.mark.parametrize(
    "path", ["loop/../a/secret_link.md", "loop/../out_link/s.md", "a/b/../../loop/../a/up/secret.md"]
)
def test_a_symlink_loop_before_a_climb_hides_no_link_outside(tree: Path, path: str) -> None:
    """realpath gives up at a symlink loop and folds the ".." after it into the loop: the
    link after it, never followed, still leads outside (found by the property above)."""
    with pytest.raises(OSError):
        read_inside(tree, path)
    with pytest.raises(RefusedFile):
        resolve_inside(tree, path)
    assert read_inside(tree, "loop/../a/f.md") == b"inside"  # inside: read as before
