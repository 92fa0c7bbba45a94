"""What a generator's own config file says about URLs, ids and included files.

Read when the file is in the repository (``hugo.toml``/``hugo.yaml``/``config.toml``,
``mkdocs.yml``, ``_config.yml``); values the policy's `site` section sets explicitly win.
Unknown YAML tags (MkDocs' ``!!python/name:...``) are read as markers, never executed.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.constructor import SafeConstructor

from ..yamlsafe import MAX_CONFIG_BYTES, bounded

HUGO_FILES = ("hugo.toml", "hugo.yaml", "hugo.yml", "config.toml", "config.yaml", "config.yml")
MKDOCS_FILES = ("mkdocs.yml", "mkdocs.yaml")
JEKYLL_FILES = ("_config.yml", "_config.yaml")


@dataclass
class GeneratorConfig:
    """Settings taken from the generator's config (None: the config does not say)."""

    file: str | None = None
    content_roots: list[str] | None = None
    static_roots: list[str] = field(default_factory=list)
    trailing_slash: bool | None = None
    slug_style: str | None = None
    append: list[str] = field(default_factory=list)
    #: old content path -> new content path (mkdocs-redirects)
    redirects: dict[str, str] = field(default_factory=dict)
    #: Hugo: URLs keep their case (disablePathToLower)
    keep_case: bool = False
    #: Hugo: ugly URLs (/a/b.html)
    ugly: bool = False
    #: pymdownx.tabbed: (slug style of tab ids, combine_header_slug), when slugify is set
    tabbed: tuple[str, bool] | None = None
    #: Hugo autoDefinitionTermID: definition terms get ids
    term_ids: bool = False
    #: how bare URLs become links ("gfm" | "none", see content.markdown.LINKIFY_MODES);
    #: None: the generator's default
    linkify: str | None = None
    #: Hugo languages: language -> its content root, and each root's URL prefix
    lang_roots: dict[str, str] = field(default_factory=dict)
    root_prefixes: dict[str, str] = field(default_factory=dict)
    #: Jekyll collections with output: name -> permalink template
    collections: dict[str, str] = field(default_factory=dict)
    #: MkDocs navigation: None (no config), "all" (no `nav`: every page is in the
    #: sidebar) or the content paths the `nav` lists
    nav: list[str] | str | None = None


class _Tagged(dict[str, Any]):
    """A node with an unknown tag, e.g. !!python/object/apply:pymdownx.slugs.slugify."""

    def __init__(self, tag: str, value: Any) -> None:
        super().__init__(value if isinstance(value, dict) else {})
        self.tag = tag


def _yaml() -> YAML:
    y = YAML(typ="safe", pure=True)

    class Constructor(SafeConstructor):
        pass

    def unknown(loader: Any, suffix: str, node: Any) -> Any:
        if (
            hasattr(node, "value")
            and isinstance(node.value, list)
            and node.value
            and isinstance(node.value[0], tuple)
        ):
            value = loader.construct_mapping(node, deep=True)
        else:
            value = {}
        return _Tagged(suffix, value)

    Constructor.add_multi_constructor("tag:yaml.org,2002:python/", unknown)
    Constructor.add_multi_constructor("!", unknown)
    y.Constructor = Constructor
    return bounded(y)


def read_yaml(data: bytes) -> dict[str, Any]:
    if len(data) > MAX_CONFIG_BYTES:
        return {}
    try:
        doc = _yaml().load(data.decode("utf-8-sig"))
    except Exception:  # noqa: BLE001 - on hostile input ruamel.yaml raises many types
        return {}
    return doc if isinstance(doc, dict) else {}


def _read(source: Any, names: tuple[str, ...]) -> tuple[str | None, dict[str, Any]]:
    for name in names:
        try:
            data = source.read(name)
        except OSError:
            continue
        if name.endswith(".toml"):
            try:
                return name, tomllib.loads(data.decode("utf-8-sig"))
            except (tomllib.TOMLDecodeError, UnicodeDecodeError):
                return name, {}
        return name, read_yaml(data)
    return None, {}


def _lower_keys(d: Any) -> Any:
    if isinstance(d, dict):
        return {str(k).lower(): _lower_keys(v) for k, v in d.items()}
    return d


DOCUSAURUS_FILES = ("docusaurus.config.js", "docusaurus.config.ts", "docusaurus.config.mjs")


def read_generator_config(source: Any, generator: str) -> GeneratorConfig:
    if generator == "hugo":
        return _hugo(*_read(source, HUGO_FILES))
    if generator == "mkdocs":
        return _mkdocs(*_read(source, MKDOCS_FILES))
    if generator == "jekyll":
        return _jekyll(*_read(source, JEKYLL_FILES))
    if generator == "docusaurus":
        return _docusaurus(source)
    return GeneratorConfig()


def _jekyll(name: str | None, c: dict[str, Any]) -> GeneratorConfig:
    cfg = GeneratorConfig(file=name)
    for coll, options in (c.get("collections") or {}).items():
        options = options if isinstance(options, dict) else {}
        if options.get("output") is True:
            cfg.collections[str(coll)] = str(options.get("permalink") or "/:collection/:path:output_ext")
    return cfg


def _docusaurus(source: Any) -> GeneratorConfig:
    """The docs plugin's routeBasePath (read from the config's text: it is JavaScript) and
    versioned docs folders, each served under /<routeBasePath>/<version>/."""
    cfg = GeneratorConfig()
    for name in DOCUSAURUS_FILES:
        try:
            text = source.read(name).decode("utf-8", "replace")
        except OSError:
            continue
        cfg.file = name
        plugin_blocks = re.compile(r"plugin-content-docs['\"]\s*,\s*\{([^{}]*)\}")
        m = re.search(r"""routeBasePath\s*:\s*['"]([^'"]*)['"]""", plugin_blocks.sub("", text))
        base = "/" + m.group(1).strip("/") if m else "/docs"
        base = "" if base == "/" else base
        cfg.root_prefixes["docs"] = base
        roots = ["docs"]
        if source.is_dir("versioned_docs"):
            versions = sorted({p.split("/")[1] for p in source.files("versioned_docs") if p.count("/") >= 2})
            for folder in versions:
                if folder.startswith("version-"):
                    root = f"versioned_docs/{folder}"
                    roots.append(root)
                    cfg.root_prefixes[root] = f"{base}/{folder[len('version-') :]}"
        # more docs plugin instances: ['@docusaurus/plugin-content-docs', {id, path, routeBasePath}]
        for block in plugin_blocks.finditer(text):
            body = block.group(1)
            path = re.search(r"""\bpath\s*:\s*['"]([^'"]+)['"]""", body)
            route = re.search(r"""routeBasePath\s*:\s*['"]([^'"]*)['"]""", body)
            if path:
                root = path.group(1).strip("/")
                roots.append(root)
                prefix = "/" + (route.group(1) if route else root).strip("/")
                cfg.root_prefixes[root] = "" if prefix == "/" else prefix
        cfg.content_roots = list(dict.fromkeys(roots))
        break
    return cfg


def _hugo(name: str | None, raw: dict[str, Any]) -> GeneratorConfig:
    cfg = GeneratorConfig(file=name)
    if not name:
        return cfg
    c = _lower_keys(raw)  # Hugo's configuration keys are case-insensitive
    roots = []
    if c.get("contentdir"):
        roots.append(str(c["contentdir"]))
    default = str(c.get("defaultcontentlanguage") or "en").lower()
    in_subdir = c.get("defaultcontentlanguageinsubdir") is True
    for code, lang in (c.get("languages") or {}).items():
        if isinstance(lang, dict) and lang.get("contentdir"):
            root = str(lang["contentdir"])
            roots.append(root)
            cfg.lang_roots[str(code).lower()] = root
            # Languages other than the default are served under /<lang>/.
            cfg.root_prefixes[root] = "" if code == default and not in_subdir else f"/{code}"
    for mount in (c.get("module") or {}).get("mounts") or []:
        if not isinstance(mount, dict) or not mount.get("source"):
            continue
        target = str(mount.get("target", "")).strip("/")
        if target == "content":
            roots.append(str(mount["source"]))
        elif target in ("static", "assets"):
            cfg.static_roots.append(str(mount["source"]))
    if roots:
        cfg.content_roots = list(dict.fromkeys(roots))
    if c.get("uglyurls") is True:
        cfg.ugly = True
        cfg.trailing_slash = False
    cfg.keep_case = c.get("disablepathtolower") is True
    parser = ((c.get("markup") or {}).get("goldmark") or {}).get("parser") or {}
    id_type = str(parser.get("autoidtype") or parser.get("autoheadingidtype") or "").lower()
    if id_type == "github-ascii":
        cfg.slug_style = "github-ascii"
    cfg.term_ids = parser.get("autodefinitiontermid") is True
    extensions = ((c.get("markup") or {}).get("goldmark") or {}).get("extensions") or {}
    if isinstance(extensions, dict) and extensions.get("linkify") is False:
        cfg.linkify = "none"
    return cfg


def _mkdocs(name: str | None, c: dict[str, Any]) -> GeneratorConfig:
    cfg = GeneratorConfig(file=name)
    if not name:
        return cfg
    cfg.content_roots = [str(c.get("docs_dir") or "docs")]
    cfg.nav = _nav_paths(c["nav"]) if c.get("nav") else "all"
    if "use_directory_urls" in c:
        cfg.trailing_slash = bool(c["use_directory_urls"])
    for ext in c.get("markdown_extensions") or []:
        ext_name, options = next(iter(ext.items())) if isinstance(ext, dict) else (ext, None)
        options = options if isinstance(options, dict) else {}
        if ext_name in ("toc", "markdown.extensions.toc"):
            cfg.slug_style = _toc_slugify(options.get("slugify"))
        elif ext_name == "pymdownx.tabbed":
            style = _toc_slugify(options.get("slugify"))
            if style:
                cfg.tabbed = (style, bool(options.get("combine_header_slug")))
        elif ext_name == "pymdownx.magiclink":
            cfg.linkify = "gfm"
        elif ext_name == "pymdownx.snippets":
            auto = options.get("auto_append") or []
            cfg.append = [str(a) for a in (auto if isinstance(auto, list) else [auto])]
    for plugin in c.get("plugins") or []:
        if isinstance(plugin, dict) and isinstance(plugin.get("redirects"), dict):
            maps = plugin["redirects"].get("redirect_maps") or {}
            cfg.redirects = {str(k): str(v) for k, v in maps.items()}
    return cfg


def _nav_paths(nav: Any) -> list[str]:
    """Content paths named anywhere in an MkDocs `nav` tree (not external URLs)."""
    out: list[str] = []
    if isinstance(nav, str):
        if "://" not in nav:
            out.append(nav)
    elif isinstance(nav, list):
        for item in nav:
            out += _nav_paths(item)
    elif isinstance(nav, dict):
        for value in nav.values():
            out += _nav_paths(value)
    return out


def _toc_slugify(value: Any) -> str | None:
    if not isinstance(value, _Tagged):
        return None
    tag = value.tag
    if "slugify_unicode" in tag or tag.endswith("uslugify"):
        return "toc-unicode"
    if "pymdownx.slugs" in tag:
        return "pymdownx"
    return None
