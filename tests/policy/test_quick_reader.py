"""Policy files are read by libyaml (ruamel.yaml's C parser) and by the positioned
reader only when a position is needed: both must give the same values."""

from __future__ import annotations

from pathlib import Path

import pytest

from linkpolicy.errors import PolicyError
from linkpolicy.policy import load as policy_load

REPO = Path(__file__).resolve().parents[2]


def _policy_files() -> list[Path]:
    files = [
        p
        for p in REPO.rglob("*.y*ml")
        # (the path inside the repository: a checkout may sit in a folder named linkpolicy)
        if "polic" in p.relative_to(REPO).as_posix()
        and ".venv" not in p.parts
        and p.suffix in (".yaml", ".yml")
    ]
    return sorted(files)


def _both(raw: bytes) -> tuple[object, object]:
    entries: list[tuple[str, bytes | OSError]] = [("policy.yaml", raw)]
    quick = policy_load._quick_sections(entries)
    try:
        trees = policy_load._read_trees(entries)
    except PolicyError:
        return quick, PolicyError
    full = {name: (shown, doc[name]) for name, (shown, doc) in trees.items()}
    plain = {k: policy_load._plain(v) for k, (_, v) in full.items()}
    return ({k: policy_load._plain(v) for k, (_, v) in quick.items()} if quick is not None else None), plain


def test_every_policy_file_of_the_repository_reads_the_same() -> None:
    files = _policy_files()
    assert len(files) >= 30
    for path in files:
        quick, full = _both(path.read_bytes())
        assert quick is not None, path
        assert quick == full, path


@pytest.mark.parametrize(
    "text",
    [
        "site: {generator: hugo}\nflags: [yes, no, on, off, y, n]\n",  # YAML 1.2: strings
        "site: {}\nn: [010, 0o17, 0x1F, 1_000, +12, 1e3, .inf, ~]\n",
        "site: {}\nd:\n- 2026-01-02\n- 2026-01-02T10:00:00Z\n- '2026-01-02'\n- 1:20\n- 12:30:00\n",
        "site: {}\na: &x {p: 1}\nb: {<<: *x, q: 2}\nc: *x\n",
        "\ufeffsite: {}\nu: ünïcode\n",
    ],
)
def test_tricky_values_read_the_same(text: str) -> None:
    quick, full = _both(text.encode())
    assert quick is not None
    assert quick == full


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("site: {}\nsite: {}\n", "duplicate key"),
        ("- a\n- b\n", "top level must be a mapping"),
        ("site: [\n", "invalid YAML"),
        ("a: &a [x, x]\nb: [*a, *a, *b]\n", "invalid YAML"),
    ],
)
def test_what_the_quick_reader_refuses_the_positioned_one_reports(
    tmp_path: Path, text: str, message: str
) -> None:
    (tmp_path / "site.yaml").write_text(text)
    with pytest.raises(PolicyError, match=message) as err:
        policy_load.load_policies(tmp_path, tmp_path)
    assert err.value.line >= 1


def test_positions_are_read_only_when_asked_for(tmp_path: Path) -> None:
    (tmp_path / "site.yaml").write_text(
        "site:\n  generator: hugo\n  base_url: https://e.com/\nclusters:\n  - id: a\n    hub: /a/\n"
    )
    loaded = policy_load.load_policies(tmp_path, tmp_path)
    assert loaded._trees is None and loaded._nodes is None
    assert loaded.locate(("clusters", 0, "hub")) == ("site.yaml", 6, 5)
    # libyaml's node tree says where: the round-trip reader (every value made) is not run
    assert loaded._nodes is not None and loaded._trees is None


def _paths(value: object, at: tuple[str | int, ...] = ()) -> list[tuple[str | int, ...]]:
    """Every key and item path of a plain document, and one past each (not there)."""
    out = [at]
    if isinstance(value, dict):
        out.append((*at, "no-such-key"))
        for k, v in value.items():
            out += _paths(v, (*at, k)) if isinstance(k, str) else [(*at, k)]
    elif isinstance(value, list):
        out.append((*at, len(value)))
        for i, v in enumerate(value):
            out += _paths(v, (*at, i))
    return out


def _positions_both(raw: bytes) -> list[tuple[object, object, object]]:
    entries: list[tuple[str, bytes | OSError]] = [("policy.yaml", raw)]
    nodes = policy_load._node_trees(entries)
    assert nodes is not None
    trees = policy_load._read_trees(entries)
    doc = {k: policy_load._plain(v) for k, (_, v) in policy_load._quick_sections(entries).items()}  # type: ignore[union-attr]

    def at(found: dict, child: object, loc: tuple) -> tuple[int, int]:
        node = found[loc[0]][1]
        where = (1, 1)
        for key in loc:
            hit = child(node, key)  # type: ignore[operator]
            if hit is None:
                break
            where, node = hit
        return where

    return [
        (loc, at(nodes, policy_load._node_child, loc), at(trees, policy_load._child, loc))
        for loc in _paths(doc)
        if loc and loc[0] in doc
    ]


def test_the_node_tree_places_every_key_where_the_round_trip_reader_does() -> None:
    """Where a finding on the policy points (unused ignores, guardrails) is read from
    libyaml's node tree: every key and item of every policy file of the repository, and
    of the tricky ones, sits where the round-trip reader puts it."""
    texts = [p.read_bytes() for p in _policy_files()]
    texts += [
        b"site: {generator: hugo}\nrules:\n  ignore:\n    - {rule: x, paths: ['a/**']}\n    - rule: y\n",
        b"site: {}\na: &x {p: 1}\nb: {<<: *x, q: 2}\nc: *x\nd: !!str 12\n'e': \"quoted\"\n",
        '\ufeffsite:\n  t\u00efitle: "\U0001f600 \u00e9"\n  k: [\u00e9, \U0001f600, x]\n'.encode(),
        b"site:\r\n  a: 1\r\n  b:\r\n  - x\r\n  -   - y\r\n      - z\r\n",
        b"site:\n  a:\n    - &anchor\n      k: v\n    - *anchor\n",
    ]
    compared = 0
    for raw in texts:
        for loc, fast, full in _positions_both(raw):
            assert fast == full, (raw[:60], loc)
            compared += 1
    assert compared > 500


def test_line_breaks_of_yaml_1_1_leave_positions_to_the_round_trip_reader() -> None:
    raw = 'site:\n  title: "a\u2028b"\n  k: v\n'.encode()
    assert policy_load._node_trees([("p.yaml", raw)]) is None


def test_what_libyaml_refuses_is_read_by_the_positioned_reader(tmp_path: Path) -> None:
    # a colon in a plain scalar inside a flow sequence: YAML 1.2 allows it, libyaml not
    text = "site: {generator: hugo, base_url: 'https://e.com/'}\nentities: [{name: a, page: /a/, aliases: [x:y]}]\n"
    quick, full = _both(text.encode())
    assert quick is None
    (tmp_path / "site.yaml").write_text(text)
    loaded = policy_load.load_policies(tmp_path, tmp_path)
    assert loaded.policy.entities[0].aliases == ["x:y"]


def test_sections_kept_as_json_load_the_same_policy(tmp_path: Path) -> None:
    """A run record keeps the sections a run read (as JSON) and the next run after edits
    loads the policy from them instead of the YAML: the same policy, positions included;
    a policy whose values JSON cannot hold the same (dates) keeps none."""
    import json

    compared = 0
    for path in _policy_files():
        folder = tmp_path / path.parent.name
        folder.mkdir(exist_ok=True)
        for old in folder.iterdir():
            old.unlink()
        (folder / path.name).write_bytes(path.read_bytes())
        try:
            read = policy_load.load_policies(folder, tmp_path)
        except PolicyError:
            continue
        if read.sections is None:
            continue
        again = policy_load.load_policies(folder, tmp_path, known=json.loads(json.dumps(read.sections)))
        # (a pattern compares by identity: two reads of the same YAML are not ==)
        assert again.policy.model_dump() == read.policy.model_dump(), path
        assert repr(again.policy) == repr(read.policy), path
        assert again.files == read.files and again.sections == read.sections
        compared += 1
    assert compared >= 20
    folder = tmp_path / "dated"
    folder.mkdir()
    (folder / "site.yaml").write_text(
        "site:\n  generator: hugo\n  base_url: https://x.example\napprovals:\n  - target: https://a.example/\n"
        "    approver: me\n    date: 2026-01-02\n    reason: fine\n"
    )
    read = policy_load.load_policies(folder, tmp_path)
    assert read.sections is None and read.policy.approvals[0].date.isoformat() == "2026-01-02"
    # sections not of the files read are not taken
    for bad in ([["site", 5, {}]], [["site", 0]], "site", [["site", 0, {"generator": "hugo"}]] * 2):
        assert policy_load._known_sections([("site.yaml", b"")], bad) is None
