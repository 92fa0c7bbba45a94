"""`linkpolicy init`: a starter policy directory for an existing site.

Detects the generator from its config file, takes the base URL, content root and home page
from it, proposes one cluster per top-level content folder that has an index page and a
few pages, and writes `policies/` (site.yaml, clusters.yaml, rules.yaml). The result is
validated the way `check` reads it before anything is written.
"""

from __future__ import annotations

import difflib
import json
import posixpath
import re
from collections import Counter
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from ruamel.yaml import YAML

from .content.slugs import github_slug
from .errors import PolicyError, UsageError
from .io import RefusedFile, atomic_write
from .site.generators import GENERATORS, Detected, find_configs, locate_config
from .site.model import LinkKind, Status
from .site.resolve import HOOK, INDEX_NAMES
from .source import WorkTree

MIN_MEMBERS = 3


def detect(root: Path, config: str | None = None) -> Detected:
    """The site ``root`` holds: the one whose generator config is ``config``, else the only
    one found (plain Markdown when none is). Several sites and no ``config``: a usage error
    naming them."""
    source = WorkTree(root)
    if config is not None:
        config = config.strip("/")
        gen = next((g for g in GENERATORS.values() if posixpath.basename(config) in g.CONFIG_FILES), None)
        gen = gen or next((g for g in GENERATORS.values() if _variant(posixpath.basename(config), g)), None)
        if gen is None or not (root / config).is_file():
            raise UsageError(f"--config {config}: not a generator config file in {root}")
        detected = gen.detect(root, config)
        assert detected is not None
        return detected
    sites = find_configs(source, {name: g.CONFIG_FILES for name, g in GENERATORS.items()})
    if not sites:
        variants = _variant_sites(source)
        if len(variants) == 1 or (variants and variants[0][1] and not variants[1][1]):
            # the one site, or the one of them that names its published URL (not `-offline`)
            found = GENERATORS["mkdocs"].detect(root, variants[0][0])
            assert found is not None
            return found  # type: ignore[no-any-return]
        sites = [("mkdocs", path) for path, _ in variants]
    if len(sites) > 1:
        listed = ", ".join(f"{path} ({gen})" for gen, path in sites)
        raise UsageError(f"{len(sites)} sites in {root}: {listed}; pick one with --config PATH")
    for gen in GENERATORS.values():
        if (found := gen.detect(root, locate_config(source, gen.CONFIG_FILES))) is not None:
            return found
    raise AssertionError("the plain generator detects every repository")


def _variant_sites(source: WorkTree) -> list[tuple[str, bool]]:
    """Where no generator's usual config is found: the MkDocs configs at the root under
    other names that a site is built with (``mkdocs build -f mkdocs-online.yml``), with
    whether each names the site's published URL (see
    :func:`.site.generators.mkdocs.site_configs`)."""
    from .site.generators.mkdocs import site_configs

    try:
        names = sorted(p.name for p in source.root.iterdir() if p.is_file())
    except OSError:
        return []
    return site_configs(source, [n for n in names if _variant(n, GENERATORS["mkdocs"])])


def _variant(name: str, gen: Any) -> bool:
    """Whether ``name`` is a variant of one of the generator's config names, which its
    command line takes too (``mkdocs-online.yml`` for ``mkdocs build -f``,
    ``_config.dev.yml``): the same name and extension, something between."""
    for known in gen.CONFIG_FILES:
        stem, dot, ext = known.rpartition(".")
        if dot and name.endswith(f".{ext}") and name.startswith((f"{stem}-", f"{stem}.", f"{stem}_")):
            return len(name) > len(known)
    return False


def propose_clusters(root: Path, detected: Detected) -> list[dict[str, Any]]:
    """One cluster per top-level content folder with an index page and enough members."""
    base = root / detected.content if detected.content not in (".", "") else root
    extensions = GENERATORS[detected.generator].PAGE_EXTENSIONS
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


#: the host of the base URL ``detect`` proposes where the config names none
PLACEHOLDER_HOST = "example.com"
#: the host init writes where neither the config nor a CNAME file names one: a reserved
#: name (RFC 2606) no page links to, where ``example.com`` is what the docs' own example
#: URLs use (`https://example.com/token`: links into the site, broken ones, else)
UNKNOWN_HOST = "site.invalid"
#: a host name as a CNAME file holds it (GitHub Pages' custom domain)
_HOST = re.compile(
    r"(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,62}", re.IGNORECASE
)


def published_at(root: Path, detected: Detected) -> str:
    """The site's base URL: the detected one, or, where the config names none, the custom
    domain of a ``CNAME`` file that GitHub Pages publishes (at the repository's root, the
    site's folder or its static files' folder), with the detected path (a placeholder host
    would make the example URLs of the docs, ``https://example.com/project.git``, links
    into the site)."""
    split = urlsplit(detected.base_url)
    if split.hostname != PLACEHOLDER_HOST:
        return detected.base_url
    source = WorkTree(root)
    site = posixpath.dirname(detected.config) if detected.config else ""
    content = detected.content.strip("./")
    for folder in dict.fromkeys(("", site, content, posixpath.join(site, "static"), "static", "docs")):
        try:
            text = source.read(posixpath.join(folder, "CNAME"))[:300].decode("utf-8", "replace")
        except OSError:
            continue
        host = (
            text.strip().split("\n", 1)[0].strip().removeprefix("https://").removeprefix("http://").strip("/")
        )
        if _HOST.fullmatch(host):
            return f"https://{host.lower()}{split.path or '/'}"
    return f"https://{UNKNOWN_HOST}{split.path or '/'}"


def starter_files(root: Path, config: str | None = None) -> tuple[Detected, dict[str, str]]:
    detected = detect(root, config)
    base_url = published_at(root, detected)
    site: dict[str, Any] = {
        "base_url": base_url.rstrip("/") or base_url,
        "generator": detected.generator,
        "content": detected.content if detected.content.endswith("/") else detected.content + "/",
        "home": detected.home,
    }
    if len(detected.roots) > 1:
        del site["content"]  # the config names them, each with its URL prefix
    if detected.trailing_slash is not None:
        site["trailing_slash"] = detected.trailing_slash
    site.update(detected.extra)
    clusters = propose_clusters(root, detected)
    source = f" from {detected.config}" if detected.config else ""
    unknown = (
        f"# base_url: no config or CNAME file names the site's URL; {UNKNOWN_HOST} stands in.\n"
        if urlsplit(base_url).hostname == UNKNOWN_HOST
        else ""
    )
    if len(detected.roots) > 1:
        source += "\n# (content roots, as the config names them: " + ", ".join(detected.roots) + ")"
    files = {
        "site.yaml": _dump(
            {"site": site},
            f"# Written by `linkpolicy init`{source}. Teach the checker the site's own\n"
            "# link conventions with rewrite, anchors, include and ignore_links (see the README).\n"
            + unknown,
        ),
        "rules.yaml": _dump(
            {
                "rules": {
                    "click-depth": {"severity": "warning", "max": 3},
                    "domain-unlisted": "off",
                    "hub-missing-link": "warning",
                }
            },
            "# Severities and options per rule: `linkpolicy rules`, `linkpolicy explain RULE`.\n"
            "# Orphans, reachability and click depth see the navigation the templates make\n"
            "# (site.navigation: the generator's defaults). hub-missing-link counts the links pages\n"
            "# write, so it starts as a warning: raise it to error once members link their hubs.\n"
            "# domain-unlisted stays off until domains.outbound.allow lists your sources.\n",
        ),
    }
    if clusters:
        files["clusters.yaml"] = _dump(
            {"clusters": clusters},
            "# One cluster per top-level folder with an index page. Add owners,\n"
            "# adjust hubs and members, and drop what is not a topic.\n",
        )
    return detected, files


def _analysed(root: Path, files: dict[str, str]) -> Any:
    """The site as `check` reads it with the starter files; raises PolicyError when they
    do not hold."""
    from .api import analyse_source
    from .policy.load import _load

    entries: list[tuple[str, bytes | OSError]] = [
        (f"policies/{n}", t.encode()) for n, t in sorted(files.items())
    ]
    loaded = _load(entries, "policies", lambda rel: None, "policies")
    return analyse_source(root, WorkTree(root), loaded)


#: pages tried, nearest the content root first, as a stand-in home to read the site with
HOME_TRIES = 20


def with_a_home(root: Path, files: dict[str, str], detected: Detected) -> tuple[dict[str, str], Any]:
    """``files`` with a home that is a page of the site, and the site read with them: the
    detected home where it is one, else the published page with the shortest URL (a site
    whose home is no Markdown, such as Jekyll's index.html), found by reading the site
    with a stand-in home."""
    site_yaml = files["site.yaml"]
    home = f"  home: {detected.home}\n"
    try:
        return files, _analysed(root, files)
    except PolicyError as exc:
        if "site.home" not in str(exc) or home not in site_yaml:
            raise
    base = root / detected.content if detected.content not in (".", "") else root
    extensions = GENERATORS[detected.generator].PAGE_EXTENSIONS
    candidates = sorted(
        (p for p in base.rglob("*") if p.is_file() and p.name.lower().endswith(extensions)),
        # Markdown first: an HTML file is a page only where it has front matter (Jekyll)
        key=lambda p: (p.suffix.lower() in (".html", ".htm"), len(p.relative_to(base).parts), p.as_posix()),
    )
    for candidate in candidates[:HOME_TRIES]:
        stand_in = {
            **files,
            "site.yaml": site_yaml.replace(home, f"  home: {candidate.relative_to(root).as_posix()}\n"),
        }
        try:
            published = [p for p in _analysed(root, stand_in).site.published if p.url]
        except PolicyError:
            continue
        best = min(published, key=lambda p: (p.url.count("/") - p.url.endswith("/"), len(p.url), p.url))
        note = f"  # {detected.home} is no page of the site: its home is the page nearest the root\n"
        files = {**files, "site.yaml": site_yaml.replace(home, f"{note}  home: {best.url}\n")}
        return files, _analysed(root, files)
    return files, _analysed(root, files)  # says why no home would do


def validate(root: Path, files: dict[str, str], analysis: Any = None) -> list[tuple[str, int]]:
    """Read the starter files as `check` would, and build the site with them (``analysis``:
    read already); raises PolicyError when they do not hold. Returns the unresolved link
    destinations that recur (a site convention, such as a render hook's `[term](g)`, is
    the usual cause)."""
    analysis = analysis or _analysed(root, files)
    broken = [
        (link.raw.dest, page.path)
        for page in analysis.site.pages
        for link in page.links
        if link.status is Status.BROKEN and "/" not in link.raw.dest and "." not in link.raw.dest
    ]
    counts = Counter(dest for dest, _ in broken)
    pages = {dest: len({path for d, path in broken if d == dest}) for dest in counts}
    names = {p.url.rstrip("/").rsplit("/", 1)[-1].lower() for p in analysis.site.pages}
    return [
        (dest, n)
        for dest, n in counts.most_common(5)
        if n >= MIN_CONVENTION_USES and pages[dest] >= MIN_CONVENTION_PAGES and not _typo(dest, names)
    ]


def with_conventions(
    root: Path, files: dict[str, str], analysis: Any, detected: Detected
) -> tuple[dict[str, str], Any]:
    """``files`` with the `site.anchors` patterns that the site's links to ids made by a
    hook or plugin call for (see :mod:`.anchor_conventions`) and, for Hugo, the
    `site.include` entries of include shortcodes whose templates are not in the repository
    (see :mod:`.include_conventions`); and the site read with them."""
    from .anchor_conventions import anchor_patterns
    from .include_conventions import include_calls

    def read(path: str) -> str | None:
        try:
            return (root / path).read_text(encoding="utf-8", errors="replace")
        except OSError:
            return None

    lines = []
    anchors = anchor_patterns(analysis.site, read)
    if anchors:
        used = sum(n for _, n in anchors)
        lines.append(f"  # ids a hook or plugin makes from comments on the pages ({used} links use them)\n")
        lines.append("  anchors:\n")
        for entry, _ in anchors:
            if isinstance(entry, str):
                lines.append(f"    - {json.dumps(entry)}\n")
            else:
                lines.append(
                    f"    - {{match: {json.dumps(entry['match'])}, id: {json.dumps(entry['id'])}}}\n"
                )
    includes = (
        include_calls(analysis.site, read, _shortcode_templates(analysis))
        if detected.generator == "hugo"
        else []
    )
    if includes:
        used = sum(n for _, n in includes)
        lines.append(
            f"  # shortcodes that include a content file ({used} calls; their templates are not here)\n"
        )
        lines.append("  include:\n")
        for entry, _ in includes:
            lines.append(
                f"    - {{match: {json.dumps(entry['match'])}, path: {json.dumps(entry['path'])}}}\n"
            )
    if not lines:
        return files, analysis
    files = {**files, "site.yaml": files["site.yaml"] + "".join(lines)}
    return files, _analysed(root, files)


def _shortcode_templates(analysis: Any) -> set[str]:
    """Names of the shortcode templates the generator reads (the site's and its themes')."""
    from .site.build import site_options
    from .site.shortcodes import templates

    folders = site_options(analysis.policy, analysis.source).config.template_folders
    return {name for name, _ in templates(analysis.source, folders)}


def hooked(analysis: Any) -> list[tuple[str, int]]:
    """The destinations the site's link render hook renders its own way (Hugo's
    ``[term](g)``), and how many links use each, most first."""
    counts = Counter(
        link.raw.dest
        for page in analysis.site.pages
        for link in page.links
        if link.kind is LinkKind.OTHER and link.scheme == HOOK
    )
    return counts.most_common()


#: a destination that resolves to nothing is a site convention (a render hook's `[term](g)`)
#: when this many links on this many pages use it; fewer, or one close to a page's name, is a typo
MIN_CONVENTION_USES = 5
MIN_CONVENTION_PAGES = 3


def _typo(dest: str, names: set[str]) -> bool:
    """A destination one or two edits away from a page's name (``configuraton``)."""
    dest = dest.split("#", 1)[0].lower()
    return len(dest) > 3 and bool(difflib.get_close_matches(dest, names, n=1, cutoff=0.8))


def write_starter(root: Path, force: bool = False, config: str | None = None) -> tuple[Detected, list[Path]]:
    directory = root / "policies"
    if directory.exists() and any(directory.iterdir()) and not force:
        raise UsageError(f"{directory} already exists; pass --force to overwrite its starter files")
    detected, files = starter_files(root, config)
    files, analysis = with_a_home(root, files, detected)
    files, analysis = with_conventions(root, files, analysis, detected)
    for dest, n in hooked(analysis):
        files["site.yaml"] += (
            f"  # {n} links point at {dest!r}, which the site's link render hook renders its own way:\n"
            f"  # they are not checked. To put them in the link graph, say where they lead, e.g.\n"
            f'  # rewrite:\n  #   - match: "^{re.escape(dest)}$"\n  #     to: "/glossary/{{slug}}/"\n'
        )
    for dest, n in validate(root, files, analysis):
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
