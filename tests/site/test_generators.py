"""The generator registry and what each generator module reads from its config."""

from __future__ import annotations

from pathlib import Path
from typing import get_args

from linkpolicy.policy.models import Site
from linkpolicy.site.generators import GENERATORS
from linkpolicy.source import WorkTree


def test_the_policy_names_exactly_the_registered_generators() -> None:
    names = get_args(Site.model_fields["generator"].annotation)
    assert sorted(names) == sorted(GENERATORS)
    assert all(gen.NAME == name for name, gen in GENERATORS.items())


def test_jekyll_collections_as_a_list_read_without_output(tmp_path: Path) -> None:
    (tmp_path / "_config.yml").write_text("collections:\n  - recipes\n  - 42\n")
    cfg = GENERATORS["jekyll"].read_config(WorkTree(tmp_path))
    assert cfg.file == "_config.yml" and cfg.collections == {}
    (tmp_path / "_config.yml").write_text("collections:\n  recipes:\n    output: true\n  notes: yes\n")
    cfg = GENERATORS["jekyll"].read_config(WorkTree(tmp_path))
    assert cfg.collections == {"recipes": "/:collection/:path:output_ext"}


def test_hugo_config_of_unforeseen_shapes_reads(tmp_path: Path) -> None:
    (tmp_path / "hugo.yaml").write_text(
        "languages: [en, de]\nmodule: {mounts: {source: x}}\nmarkup: [goldmark]\ncontentDir: site\n"
    )
    cfg = GENERATORS["hugo"].read_config(WorkTree(tmp_path))
    assert cfg.content_roots == ["site"] and cfg.lang_roots == {}


def test_mkdocs_config_of_unforeseen_shapes_reads(tmp_path: Path) -> None:
    (tmp_path / "mkdocs.yml").write_text(
        "markdown_extensions: {toc: {}}\nplugins:\n  - {}\n  - redirects: {redirect_maps: [a]}\n"
    )
    cfg = GENERATORS["mkdocs"].read_config(WorkTree(tmp_path))
    assert cfg.file == "mkdocs.yml" and cfg.redirects == {} and cfg.nav == "all"
