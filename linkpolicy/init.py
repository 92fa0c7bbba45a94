"""`linkpolicy init`: a starter policy directory for an existing site.

Detects the generator from its config file, takes the base URL, content root and home page
from it, proposes one cluster per top-level content folder that has an index page and a
few pages, and writes `policies/` (site.yaml, clusters.yaml, rules.yaml). The result is
validated the way `check` reads it before anything is written.
"""

from __future__ import annotations

import re
import tomllib
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML

from .content.genconfig import HUGO_FILES, JEKYLL_FILES, MKDOCS_FILES, read_generator_config, read_yaml
from .content.slugs import github_slug
from .errors import UsageError
from .io import RefusedFile, atomic_write
from .site.model import Status
from .site.urls import PAGE_EXTENSIONS
from .source import WorkTree

INDEX_NAMES = ("_index", "index", "README", "readme")
MIN_MEMBERS = 3


@dataclass
class Detected:
    generator: str
    config: str | None
    base_url: str
    content: str
    home: str
    trailing_slash: bool | None = None


def _first(root: Path, names: tuple[str, ...]) -> str | None:
    return next((n for n in names if (root / n).is_file()), None)


def _read(source: WorkTree, name: str) -> bytes:
    """A generator config, through the safe reader (a regular file inside the repository)."""
    try:
        return source.read(name)
    except OSError as exc:
        raise UsageError(f"{name}: cannot read it: {exc.strerror or exc}") from None


def detect(root: Path) -> Detected:
    source = WorkTree(root)
    if name := _first(root, HUGO_FILES):
        raw: dict[str, Any] = {}
        if name.endswith(".toml"):
            try:
                raw = tomllib.loads(_read(source, name).decode("utf-8"))
            except (tomllib.TOMLDecodeError, UnicodeDecodeError, OSError):
                raw = {}
        else:
            raw = read_yaml(_read(source, name))
        lower = {str(k).lower(): v for k, v in raw.items()}
        cfg = read_generator_config(source, "hugo")
        content = (cfg.content_roots or [str(lower.get("contentdir") or "content")])[0]
        return Detected("hugo", name, str(lower.get("baseurl") or "https://example.com/"), content, "/")
    if name := _first(root, MKDOCS_FILES):
        raw = read_yaml(_read(source, name))
        docs = str(raw.get("docs_dir") or "docs")
        home = next(
            (f"{n}.md" for n in ("index", "README") if (root / docs / f"{n}.md").is_file()), "index.md"
        )
        return Detected(
            "mkdocs",
            name,
            str(raw.get("site_url") or "https://example.com/"),
            docs,
            home,
            raw.get("use_directory_urls") if "use_directory_urls" in raw else None,
        )
    if name := _first(root, ("docusaurus.config.js", "docusaurus.config.ts", "docusaurus.config.mjs")):
        text = _read(source, name).decode("utf-8", errors="replace")
        url = re.search(r"""\burl\s*:\s*['"]([^'"]+)['"]""", text)
        base = re.search(r"""\bbaseUrl\s*:\s*['"]([^'"]+)['"]""", text)
        base_url = (url.group(1).rstrip("/") if url else "https://example.com") + (
            base.group(1) if base else "/"
        )
        home = next(
            (
                f"{n}.{e}"
                for n in ("intro", "index", "README")
                for e in ("md", "mdx")
                if (root / "docs" / f"{n}.{e}").is_file()
            ),
            "intro.md",
        )
        return Detected("docusaurus", name, base_url, "docs", home)
    if name := _first(root, JEKYLL_FILES):
        raw = read_yaml(_read(source, name))
        base_url = (
            str(raw.get("url") or "https://example.com").rstrip("/") + str(raw.get("baseurl") or "") + "/"
        )
        permalink = str(raw.get("permalink") or "date")
        slash = True if permalink == "pretty" or permalink.endswith("/") else None
        return Detected("jekyll", name, base_url, ".", "/", slash)
    home = next((n for n in ("README.md", "index.md", "readme.md") if (root / n).is_file()), "README.md")
    return Detected("plain", None, "https://example.com/", ".", home)


def propose_clusters(root: Path, detected: Detected) -> list[dict[str, Any]]:
    """One cluster per top-level content folder with an index page and enough members."""
    base = root / detected.content if detected.content not in (".", "") else root
    extensions = PAGE_EXTENSIONS[detected.generator]
    clusters = []
    if not base.is_dir():
        return clusters
    for folder in sorted(p for p in base.iterdir() if p.is_dir() and not p.name.startswith((".", "_"))):
        if folder.name in ("node_modules", "assets", "images", "static", "includes", "overrides"):
            continue
        pages = [p for p in folder.rglob("*") if p.is_file() and p.name.lower().endswith(extensions)]
        index = next((p for p in pages if p.parent == folder and p.stem in INDEX_NAMES), None)
        if index is None or len(pages) - 1 < MIN_MEMBERS:
            continue
        rel = folder.relative_to(base).as_posix()
        clusters.append(
            {
                "id": github_slug(folder.name) or folder.name.lower(),
                "hub": index.relative_to(base).as_posix(),
                "members": [f"{rel}/**"],
                "owners": [],
                "hub_links_to_members": 0.8,
            }
        )
    return clusters


def _dump(doc: dict[str, Any], header: str) -> str:
    import io

    yaml = YAML()
    yaml.default_flow_style = False
    buf = io.StringIO()
    yaml.dump(doc, buf)
    return header + buf.getvalue()


def starter_files(root: Path) -> tuple[Detected, dict[str, str]]:
    detected = detect(root)
    site: dict[str, Any] = {
        "base_url": detected.base_url.rstrip("/") or detected.base_url,
        "generator": detected.generator,
        "content": detected.content if detected.content.endswith("/") else detected.content + "/",
        "home": detected.home,
    }
    if detected.trailing_slash is not None:
        site["trailing_slash"] = detected.trailing_slash
    if detected.generator == "jekyll":
        site["exclude"] = ["vendor/**", "node_modules/**", "_site/**", "README.md"]
    clusters = propose_clusters(root, detected)
    source = f" from {detected.config}" if detected.config else ""
    files = {
        "site.yaml": _dump(
            {"site": site},
            f"# Written by `linkpolicy init`{source}. Teach the checker the site's own\n"
            "# link conventions with rewrite, anchors, include and ignore_links (see the README).\n",
        ),
        "rules.yaml": _dump(
            {
                "rules": {
                    "click-depth": {"severity": "warning", "max": 3},
                    "domain-unlisted": "off",
                    "orphan-page": "warning",
                    "unreachable-page": "warning",
                    "hub-missing-link": "warning",
                }
            },
            "# Severities and options per rule: `linkpolicy rules`, `linkpolicy explain RULE`.\n"
            "# A starter is gentle with graph rules: menus, breadcrumbs and section lists live in\n"
            "# templates, where the checker cannot see them. Raise orphan-page, unreachable-page and\n"
            "# hub-missing-link to error once the content carries those links itself. domain-unlisted\n"
            "# stays off until domains.outbound.allow lists your sources.\n",
        ),
    }
    if clusters:
        files["clusters.yaml"] = _dump(
            {"clusters": clusters},
            "# One cluster per top-level folder with an index page. Add owners,\n"
            "# adjust hubs and members, and drop what is not a topic.\n",
        )
    return detected, files


def validate(root: Path, files: dict[str, str]) -> list[tuple[str, int]]:
    """Read the starter files as `check` would, and build the site with them; raises
    PolicyError when they do not hold. Returns the unresolved link destinations that
    recur (a site convention, such as a render hook's `[term](g)`, is the usual cause)."""
    from .api import analyse_source
    from .policy.load import _load

    entries: list[tuple[str, bytes | OSError]] = [
        (f"policies/{n}", t.encode()) for n, t in sorted(files.items())
    ]
    loaded = _load(entries, "policies", lambda rel: None, "policies")
    analysis = analyse_source(root, WorkTree(root), loaded)
    counts = Counter(
        link.raw.dest
        for page in analysis.site.pages
        for link in page.links
        if link.status is Status.BROKEN and "/" not in link.raw.dest and "." not in link.raw.dest
    )
    return [(dest, n) for dest, n in counts.most_common(5) if n >= 5]


def write_starter(root: Path, force: bool = False) -> tuple[Detected, list[Path]]:
    directory = root / "policies"
    if directory.exists() and any(directory.iterdir()) and not force:
        raise UsageError(f"{directory} already exists; pass --force to overwrite its starter files")
    detected, files = starter_files(root)
    for dest, n in validate(root, files):
        files["site.yaml"] += (
            f"  # {n} links point at {dest!r}, which is no page: if a render hook or macro gives it a\n"
            f"  # meaning, describe it here, e.g.\n"
            f'  # rewrite:\n  #   - match: "^{re.escape(dest)}$"\n  #     to: "/glossary/{{slug}}/"\n'
        )
    written = []
    for name, text in files.items():
        path = directory / name
        try:
            atomic_write(path, text, root=root)
        except RefusedFile as exc:
            raise UsageError(str(exc)) from None
        written.append(path)
    return detected, written
