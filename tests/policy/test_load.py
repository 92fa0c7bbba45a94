"""Policy loading: every section validates; every error names file:line:column."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from linkpolicy.errors import PolicyError
from linkpolicy.policy import Anchors, find_policy_dir, load_policies
from linkpolicy.schema import policy_json_schema

FULL = {
    "site.yaml": """\
site:
  base_url: https://www.example.com/
  hosts: [example.com]
  content: content/
  generator: hugo
  home: /
  trailing_slash: true
  static: [static/, assets/]
  exclude: ["**/_drafts/**"]
  snapshot: site-graph/
  rewrite:
    - match: "^g$"
      to: ["/glossary/{slug}/", "/glossary/{slug_singular}/"]
    - match: "^https://github.com/acme/docs/blob/main/content/(.*)\\\\.md$"
      to: "/{1}/"
  anchors:
    - "<!-- md:setting (?P<id>\\\\S+) -->"
    - {match: "<!-- md:option (\\\\S+) -->", id: "+{1}"}
  append: [includes/links.md]
  ignore_links: ["^/api/"]
""",
    "clusters.yml": """\
clusters:
  - id: analytics
    hub: /guides/analytics/
    members: ["guides/analytics/**"]
    owners: ["@acme/analytics-docs"]
    max_depth_from_hub: 2
    hub_links_to_members: 0.8
    review_every: 90d
""",
    "rest.yaml": """\
anchors:
  generic: ["click here", "here"]
  min_length: 2
  max_length: 100
  max_exact_match_share: 0.6
  min_inbound_for_share: 5
  targets:
    - page: /pricing/
      forbidden: ["cheap", "/free\\\\s+trial/"]
domains:
  outbound:
    allow: ["python.org", "*.github.com"]
    deny: ["*.casino", "spam.example"]
    unlisted: warning
    require_rel:
      sponsored: ["partner.example"]
    require_approval: ["vendor.example"]
  backlinks:
    allow: ["python.org"]
    deny: ["*.xyz"]
    anchor_spam: ["/casino|viagra|loan/"]
    unlisted: review
blocks:
  - name: related
    template: templates/related.md.j2
    pages: ["guides/**"]
    select: cluster
    limit: 5
    insert: end
entities:
  - name: PageRank
    aliases: ["page rank"]
    page: /glossary/pagerank/
guardrails:
  max_links_removed: 50
  max_cluster_links_removed: 0.2
  max_hub_pagerank_drop: 0.15
  allow_new_orphans: false
approvals:
  - domain: vendor.example
    pages: ["guides/**"]
    approver: "@lead"
    date: 2026-01-10
    reason: integration partner
    expires: 2027-01-10
rules:
  click-depth: {severity: warning, max: 3}
  domain-unlisted: off
  ignore:
    - {rule: orphan-page, paths: ["legal/**"]}
    - {rule: broken-fragment, targets: ["/configuration/all/"]}
""",
}


def write(tmp_path: Path, files: dict[str, str | bytes]) -> Path:
    d = tmp_path / "policies"
    d.mkdir(exist_ok=True)
    for name, text in files.items():
        target = d / name
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            target.write_bytes(text)
        else:
            target.write_text(text, encoding="utf-8")
    return d


def load(tmp_path: Path, files: dict[str, str | bytes]):
    return load_policies(write(tmp_path, files), display_base=tmp_path)


def error(tmp_path: Path, files: dict[str, str | bytes]) -> str:
    with pytest.raises(PolicyError) as exc:
        load(tmp_path, files)
    return str(exc.value)


MINIMAL = "site:\n  base_url: https://example.com\n"


def test_full_policy_loads(tmp_path: Path) -> None:
    loaded = load(tmp_path, FULL | {"templates/related.md.j2": "{% for l in links %}{{ l.url }}{% endfor %}"})
    p = loaded.policy
    assert p.site.base_url == "https://www.example.com"
    assert p.site.rewrite[0].candidates == ["/glossary/{slug}/", "/glossary/{slug_singular}/"]
    assert (
        p.site.rewrite[1].match.search("https://github.com/acme/docs/blob/main/content/a/b.md").group(1)
        == "a/b"
    )
    assert p.clusters[0].review_days == 90
    assert p.anchors.targets[0].matches("Free   Trial now") == "/free\\s+trial/"
    assert p.anchors.targets[0].matches("CHEAP") == "cheap"
    assert p.anchors.targets[0].matches("fair price") is None
    assert p.domains.outbound.require_rel == {"sponsored": ["partner.example"]}
    assert p.rules.settings["click-depth"].severity == "warning"
    assert p.rules.settings["click-depth"].options == {"max": 3}
    assert p.rules.settings["domain-unlisted"].severity == "off"
    assert [i.rule for i in p.rules.ignore] == ["orphan-page", "broken-fragment"]
    assert str(p.approvals[0].expires) == "2027-01-10"
    assert loaded.locate(("rules", "click-depth", "max")) == ("policies/rest.yaml", 47, 36)


def test_defaults() -> None:
    assert Anchors().generic == ["click here", "here", "read more", "more", "this page", "link"]
    assert Anchors().max_exact_match_share == 0.6


def test_unknown_key_with_suggestion(tmp_path: Path) -> None:
    msg = error(tmp_path, {"site.yaml": MINIMAL, "c.yaml": "clusters:\n  - id: a\n    hubb: /a/\n"})
    assert msg.startswith("policies/c.yaml:3:5: clusters[0].hubb: unknown key 'hubb' (did you mean 'hub'?)")


def test_unknown_top_level_section(tmp_path: Path) -> None:
    msg = error(tmp_path, {"site.yaml": MINIMAL + "clusterz: []\n"})
    assert msg.startswith(
        "policies/site.yaml:3:1: clusterz: unknown key 'clusterz' (did you mean 'clusters'?)"
    )


def test_wrong_type_points_at_value_key(tmp_path: Path) -> None:
    msg = error(
        tmp_path,
        {"site.yaml": MINIMAL, "c.yaml": "clusters:\n  - id: a\n    hub: /a/\n    hub_links_to_members: 2\n"},
    )
    assert msg.startswith(
        "policies/c.yaml:4:5: clusters[0].hub_links_to_members: input should be less than or equal to 1"
    )


def test_section_in_two_files(tmp_path: Path) -> None:
    msg = error(tmp_path, {"a.yaml": MINIMAL, "b.yaml": "site:\n  base_url: https://x.com\n"})
    assert msg == "policies/b.yaml:1:1: section 'site' is also defined in policies/a.yaml:1:1"


def test_empty_directory(tmp_path: Path) -> None:
    msg = error(tmp_path, {})
    assert msg.startswith("policies: no *.yaml policy files")


def test_no_site_section(tmp_path: Path) -> None:
    assert "no `site:` section" in error(tmp_path, {"a.yaml": "clusters: []\n"})


def test_top_level_not_a_mapping(tmp_path: Path) -> None:
    assert error(tmp_path, {"a.yaml": "- just\n- a list\n"}).startswith(
        "policies/a.yaml:1:1: the top level must be"
    )


def test_malformed_yaml(tmp_path: Path) -> None:
    msg = error(tmp_path, {"a.yaml": "site:\n  base_url: [unclosed\n"})
    assert msg.startswith("policies/a.yaml:3:") and "invalid YAML" in msg


def test_duplicate_key(tmp_path: Path) -> None:
    msg = error(tmp_path, {"a.yaml": MINIMAL + "  base_url: https://other.example\n"})
    assert msg.startswith("policies/a.yaml:") and "duplicate key" in msg


def test_invalid_utf8(tmp_path: Path) -> None:
    assert error(tmp_path, {"a.yaml": b"site:\n  base_url: caf\xe9\n"}).startswith(
        "policies/a.yaml: not valid UTF-8"
    )


def test_bad_regex(tmp_path: Path) -> None:
    msg = error(tmp_path, {"a.yaml": MINIMAL + "  ignore_links: ['^(unclosed']\n"})
    assert msg.startswith("policies/a.yaml:3:18: site.ignore_links[0]: invalid regex '^(unclosed': missing )")


def test_anchor_regex_needs_id_group(tmp_path: Path) -> None:
    msg = error(tmp_path, {"a.yaml": MINIMAL + "  anchors: ['<!-- x (\\\\S+) -->']\n"})
    assert msg.startswith("policies/a.yaml:3:13: site.anchors[0]: anchor pattern")
    assert msg.endswith("needs a named group (?P<id>...)")


def test_hostile_but_valid_regex_compiles(tmp_path: Path) -> None:
    loaded = load(tmp_path, {"a.yaml": MINIMAL + "  ignore_links: ['^(a|aa)+$']\n"})
    assert loaded.policy.site.ignore_links[0].source == "^(a|aa)+$"


def test_bad_domain_pattern(tmp_path: Path) -> None:
    msg = error(tmp_path, {"a.yaml": MINIMAL + "domains:\n  outbound:\n    allow: ['https://python.org/']\n"})
    assert msg.startswith("policies/a.yaml:5:5: domains.outbound.allow") and "not a domain pattern" in msg


def test_missing_template(tmp_path: Path) -> None:
    msg = error(tmp_path, {"a.yaml": MINIMAL + "blocks:\n  - name: related\n    template: nope.j2\n"})
    assert msg.startswith("policies/a.yaml:5:5: blocks[0].template: template nope.j2 not found")


def test_template_outside_policy_dir(tmp_path: Path) -> None:
    (tmp_path / "evil.j2").write_text("x")
    msg = error(tmp_path, {"a.yaml": MINIMAL + "blocks:\n  - name: related\n    template: ../evil.j2\n"})
    assert "outside the policy directory" in msg


def test_duplicate_cluster_ids(tmp_path: Path) -> None:
    msg = error(tmp_path, {"a.yaml": MINIMAL + "clusters:\n  - {id: a, hub: /a/}\n  - {id: a, hub: /b/}\n"})
    assert msg.startswith("policies/a.yaml:5:") and "duplicate cluster id 'a'" in msg


def test_approval_needs_target_or_domain(tmp_path: Path) -> None:
    msg = error(
        tmp_path, {"a.yaml": MINIMAL + "approvals:\n  - {approver: x, date: 2026-01-01, reason: y}\n"}
    )
    assert "exactly one of 'target' and 'domain'" in msg


def test_review_every_for_the_policy_directory(tmp_path: Path) -> None:
    loaded = load(tmp_path, {"a.yaml": MINIMAL + "review_every: 26w\n"})
    assert loaded.policy.review_days == 182
    assert loaded.locate(("review_every",)) == ("policies/a.yaml", 3, 1)
    msg = error(tmp_path, {"a.yaml": MINIMAL + "review_every: soon\n"})
    assert msg.startswith("policies/a.yaml:3:") and "'soon' is not a duration like 90d" in msg


def test_find_policy_dir(tmp_path: Path) -> None:
    (tmp_path / "repo" / "policies").mkdir(parents=True)
    (tmp_path / "repo" / "sub").mkdir()
    assert (
        find_policy_dir(None, tmp_path / "repo" / "sub", tmp_path / "repo") == tmp_path / "repo" / "policies"
    )
    with pytest.raises(PolicyError, match="--policies"):
        find_policy_dir(Path("nope"), tmp_path, tmp_path)


def test_json_schema_lists_every_section() -> None:
    schema = json.loads(json.dumps(policy_json_schema()))
    assert schema["title"] == "linkpolicy policy file"
    assert set(schema["properties"]) == {
        "site",
        "clusters",
        "anchors",
        "domains",
        "blocks",
        "entities",
        "guardrails",
        "approvals",
        "rules",
        "review_every",
    }
    assert "required" not in schema  # per file; `site` is required across the directory


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.sampled_from("ab-.*_ é\u00a0\u00a1\uffff\U0001f600Z9"), max_size=12))
def test_domain_patterns_read_as_the_character_ranges_say(text: str) -> None:
    from linkpolicy.policy.models import _DOMAIN

    ranges = re.compile(
        r"^(\*\.)?[a-z0-9\u00a1-\uffff]([a-z0-9\u00a1-\uffff-]*[a-z0-9\u00a1-\uffff])?"
        r"(\.[a-z0-9\u00a1-\uffff]([a-z0-9\u00a1-\uffff-]*[a-z0-9\u00a1-\uffff])?)*\.?$"
    )
    assert bool(_DOMAIN.match(text)) == bool(ranges.match(text))
