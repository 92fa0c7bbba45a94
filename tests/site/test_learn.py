"""A Microsoft Learn repository as PowerShell-Docs lays one out: the publish config names
the docset's folder, its redirection files and the cmdlet help converter; docfx.json has
a trailing comma and versioned roots (one per moniker) that serve one URL; the docset's
home is a YAML hub page; root-relative links reach other docsets on learn.microsoft.com."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from linkpolicy.api import analyse, check
from linkpolicy.cli import main
from linkpolicy.site.generators._base import load_json_object
from linkpolicy.source import WorkTree

PUBLISH = {
    "docsets_to_publish": [{"docset_name": "ps", "build_source_folder": "reference"}],
    "dependent_packages": [{"id": "Microsoft.DocAsCode.MAML2Yaml", "path_to_root": "_deps"}],
    "redirection_files": ["redir/.openpublishing.redirection.json"],
}
REDIRECTS = {
    "redirections": [
        {
            "source_path": "../reference/docs-conceptual/old-page.md",
            "redirect_url": "/powershell/scripting/overview",
        },
        {
            "source_path": "../reference/docs-conceptual/install/Installing-PowerShell.yml",
            "redirect_url": "/powershell/scripting/install/install-powershell",
        },
        {
            "source_path": "../reference/docs-conceptual/dsc/gone.md",
            "redirect_url": "/powershell/dsc/overview",
        },
    ]
}
# Newtonsoft.Json reads comments and trailing commas, and DocFX builds with them
DOCFX = """{
  "build": {
    "content": [
      { "dest": "", "files": [ "index.yml" ], "exclude": [ "README.md" ] },
      { "dest": "scripting", "files": [ "**/*.md", "**/*.yml" ], "src": "docs-conceptual" },
      { "dest": "module", "files": [ "**/*.yml", "**/About/*.md" ], "src": "5.1", "group": "ps-5.1" },
      { "dest": "module", "files": [ "**/*.yml", "**/About/*.md" ], "src": "7.4", "group": "ps-7.4" },
    ],
    // the docset's base path is the breadcrumb's first segment
    "globalMetadata": { "breadcrumb_path": "/powershell/scripting/bread/toc.json", },
  }
}
"""
CONCEPTUAL = "reference/docs-conceptual"
CORE = "Microsoft.PowerShell.Core"
FILES = {
    ".openpublishing.publish.config.json": json.dumps(PUBLISH),
    "redir/.openpublishing.redirection.json": json.dumps(REDIRECTS),
    "reference/docfx.json": DOCFX,
    "reference/README.md": "# How this repository works\n",
    "reference/index.yml": "### YamlMime:Hub\ntitle: PowerShell\nhighlightedContent:\n  items:\n"
    "    - title: Gallery\n      url: https://www.powershellgallery.com/\n"
    "    - title: What is PowerShell?\n      url: /powershell/scripting/overview\n",
    f"{CONCEPTUAL}/toc.yml": "items:\n  - name: Overview\n    href: overview.md\n"
    "  - name: Install\n    href: install/install-powershell.yml\n",
    f"{CONCEPTUAL}/overview.md": "# Overview\n\n"
    "[install](/powershell/scripting/install/install-powershell)\n"
    "[install, as it was](/powershell/scripting/install/installing-powershell)\n"
    "[moved](old-page.md)\n"
    "[strings](/dotnet/api/system.string)\n"
    "[the gallery](/powershell/gallery/overview)\n"
    "[a typo](/powershell/scripting/overveiw)\n"
    "[Get-Item](/powershell/module/microsoft.powershell.core/get-item#new-in-74)\n"
    "[the module](/powershell/module/microsoft.powershell.core/)\n"
    "[DSC](/powershell/scripting/dsc/gone)\n",
    f"{CONCEPTUAL}/install/install-powershell.yml": "### YamlMime:Landing\ntitle: Install\n",
    f"reference/7.4/{CORE}/{CORE}.md": "# Core\n\n[Get-Item](Get-Item.md)\n",
    f"reference/7.4/{CORE}/Get-Item.md": "---\nexternal help file: System.Management.Automation.dll-Help.xml\n"
    f"Module Name: {CORE}\n---\n# Get-Item\n\n## New in 7.4\n\n[about](About/about_Items.md)\n",
    f"reference/7.4/{CORE}/About/about_Items.md": "# about_Items\n\n[Get-Item](../Get-Item.md)\n",
    f"reference/5.1/{CORE}/{CORE}.md": "# Core\n",
    f"reference/5.1/{CORE}/Get-Item.md": "# Get-Item\n\n[this one, in 7.4](/powershell/module/"
    "microsoft.powershell.core/get-item#new-in-74)\n",
    f"reference/5.1/{CORE}/Only-In-51.md": "# Only in 5.1\n",
    f"reference/5.1/{CORE}/About/about_Items.md": "# about_Items\n",
}


def write(root: Path) -> Path:
    for rel, text in FILES.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text)
    (root / ".git").mkdir()
    return root


def init(root: Path) -> str:
    result = CliRunner().invoke(main, ["init", "--root", str(root)])
    assert result.exit_code == 0, result.output
    return (root / "policies" / "site.yaml").read_text()


def test_init_finds_the_docset_the_publish_config_names(tmp_path: Path) -> None:
    site = init(write(tmp_path))
    assert "generator: docfx" in site
    assert "base_url: https://learn.microsoft.com/powershell\n" in site
    # the home is a YAML hub (no Markdown): the first of the docset's pages it links to
    assert "home: /scripting/overview\n" in site


def test_a_learn_docset_reads_as_it_is_published(tmp_path: Path) -> None:
    root = write(tmp_path)
    init(root)
    site = analyse(root, cwd=root).site
    urls = {p.path: p.url for p in site.pages if p.published}
    # cmdlet help becomes pages (the converter makes YAML of it), a module's page its folder's;
    # each file is read once, under its innermost content root
    assert urls[f"reference/7.4/{CORE}/Get-Item.md"] == f"/module/{CORE}/Get-Item"
    assert urls[f"reference/5.1/{CORE}/Get-Item.md"] == f"/module/{CORE}/Get-Item"
    assert urls[f"reference/7.4/{CORE}/{CORE}.md"] == f"/module/{CORE}/"
    assert "reference/README.md" not in urls
    assert len(site.pages) == len({p.path for p in site.pages})
    found = {(f.path, f.rule, f.target) for f in check(root, cwd=root).findings}
    overview = f"{CONCEPTUAL}/overview.md"
    broken = {(p, t) for p, r, t in found if r in ("broken-link", "broken-fragment")}
    # the only broken link is the typo: /dotnet/ and /powershell/gallery/ are other
    # docsets', the YAML landing page and the moved files are served, and the fragment is
    # on the version of Get-Item that has it; from 5.1 the link reaches 5.1's, which lacks it
    assert broken == {
        (overview, "/powershell/scripting/overveiw"),
        (f"reference/5.1/{CORE}/Get-Item.md", f"/module/{CORE}/Get-Item"),
    }
    assert (overview, "link-to-redirect", "/scripting/overview") in found
    # the TOC the converter writes reaches every page of a module
    assert not {(p, r) for p, r, _ in found if r in ("orphan-page", "unreachable-page")}


def test_each_file_is_read_once_under_its_innermost_root(tmp_path: Path, monkeypatch) -> None:  # noqa: ANN001
    from linkpolicy.site import build

    root = write(tmp_path)
    init(root)
    parsed: list[str] = []
    real = build._parse_text
    monkeypatch.setenv("LINKPOLICY_JOBS", "1")  # parsed here, where the count is kept
    monkeypatch.setattr(build, "_parse_text", lambda text, *a: parsed.append(text) or real(text, *a))
    analyse(root, cwd=root)
    markdown = [rel for rel in FILES if rel.startswith("reference/") and rel.endswith(".md")]
    assert len(parsed) == len(markdown) == len(set(parsed))


def test_links_to_other_docsets_are_external_links_to_the_host(tmp_path: Path) -> None:
    root = write(tmp_path)
    init(root)
    site = analyse(root, cwd=root).site
    links = {link.raw.dest: link for link in site.by_path[f"{CONCEPTUAL}/overview.md"].links}
    for dest in ("/dotnet/api/system.string", "/powershell/gallery/overview"):
        assert links[dest].kind.value == "external"
        assert links[dest].host == "learn.microsoft.com"
        assert links[dest].target == "https://learn.microsoft.com" + dest


def test_config_json_with_comments_and_trailing_commas(tmp_path: Path) -> None:
    (tmp_path / "a.json").write_text('{"a": [1, 2,], // note\n /* more */ "b": {"c": null,},}')
    (tmp_path / "b.json").write_text('{"a": [1, 2')
    (tmp_path / "c.json").write_text("[1, 2]")
    source = WorkTree(tmp_path)
    assert load_json_object(source, "a.json") == {"a": [1, 2], "b": {"c": None}}
    assert load_json_object(source, "b.json") == {}  # no JSON of any kind
    assert load_json_object(source, "c.json") == {}  # no object
    assert load_json_object(source, "missing.json") == {}
