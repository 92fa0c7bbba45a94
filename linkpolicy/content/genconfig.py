"""What a generator's own config file says about URLs, ids and included files, and the
one function that loads such a file (TOML or YAML).

Each generator module (``site/generators/``) reads its own keys into a
:class:`GeneratorConfig`; values the policy's `site` section sets explicitly win.
Unknown YAML tags (MkDocs' ``!!python/name:...``) are read as markers, never executed.
"""

from __future__ import annotations

import json
import tomllib
from dataclasses import dataclass, field
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.constructor import SafeConstructor

from ..io import RefusedFile
from ..yamlsafe import MAX_CONFIG_BYTES, bounded


@dataclass(frozen=True)
class Blog:
    """Material's blog plugin, as mkdocs.yml configures it (paths content-root relative)."""

    blog_dir: str = "blog"
    post_dir: str = "blog/posts"
    url_format: str = "{date}/{slug}"
    date_format: str = "%Y/%m/%d"
    #: the category pages (``categories_url_format``, under ``blog_dir``)
    categories: bool = True
    categories_url_format: str = "category/{slug}"
    #: the archive pages (``archive_url_format``, its ``{date}`` as ``archive_date_format``)
    archive: bool = True
    archive_url_format: str = "archive/{date}"
    archive_date_format: str = "%Y"
    #: posts a list page shows (``pagination_per_page``; None: ``pagination: false``, one
    #: page), and those of an archive or category page (``archive_pagination_per_page`` ...)
    per_page: int | None = 10
    archive_per_page: int | None = 10
    categories_per_page: int | None = 10
    #: where a list's page N is, under the list's URL (``pagination_url_format``)
    page_url_format: str = "page/{page}"

    def is_post(self, rel: str) -> bool:
        return rel.startswith(self.post_dir.rstrip("/") + "/") if self.post_dir else False

    @property
    def index(self) -> str:
        return f"{self.blog_dir}/index.md" if self.blog_dir else "index.md"


@dataclass
class GeneratorConfig:
    """Settings taken from the generator's config (None: the config does not say)."""

    file: str | None = None
    content_roots: list[str] | None = None
    static_roots: list[str] = field(default_factory=list)
    #: static root -> the URL folder its files are served under (Hugo: a mount of a folder
    #: at ``static/book`` serves it under ``/book/``); "" or absent: the site's root
    static_prefixes: dict[str, str] = field(default_factory=dict)
    trailing_slash: bool | None = None
    slug_style: str | None = None
    append: list[str] = field(default_factory=list)
    #: pymdownx.snippets: the folders its ``--8<--`` paths are looked up in (repository
    #: paths, "" for the root); None: the extension is off
    snippet_bases: list[str] | None = None
    #: Hugo: paired shortcodes whose inner text is no Markdown, name -> "code" | "raw"
    #: (see :mod:`..site.shortcodes`)
    shortcodes: dict[str, str] = field(default_factory=dict)
    #: Hugo: the site's shortcodes that make a URL of the site from their argument (``{{
    #: relURL (.Get 0) }}``), which a link's destination may call
    url_shortcodes: list[str] = field(default_factory=list)
    #: Hugo: the site's shortcodes that put another page's content in the page (``{{% include
    #: "path" %}}``: a template that renders ``GetPage (.Get 0)``), whose ids the page has:
    #: name -> the path prefix the template puts before the argument ("" for none)
    include_shortcodes: dict[str, str] = field(default_factory=dict)
    #: Hugo: the site's shortcodes that list the pages of a page one of their parameters
    #: names (``{{% quick-reference section="functions" %}}``): name -> [the parameter (its
    #: name or position), what is listed] (see ``site.shortcodes.listing``)
    list_shortcodes: dict[str, list[str]] = field(default_factory=dict)
    #: Hugo: the site's shortcodes that write a link (a button: ``<a href="{{ $link }}">``
    #: with ``$link = ref . (.Get "page")``): name -> [the parameters whose page ``ref``
    #: links, those whose URL is linked] (see ``site.shortcodes.link_params``)
    link_shortcodes: dict[str, list[list[str]]] = field(default_factory=dict)
    #: Hugo: destinations the site's link render hook gives a meaning of its own (``[term](g)``
    #: where the hook tests ``eq $u.String "g"``): no page, and not broken
    hook_destinations: list[str] = field(default_factory=list)
    #: the site paths the hook names: where those destinations lead, when one is a page
    hook_paths: list[str] = field(default_factory=list)
    #: the hook's own word forms (``dict "chaining" "chain"``), for the words it looks up
    hook_words: dict[str, str] = field(default_factory=dict)
    #: Hugo: the navigation sources the site's own layouts render (None: no page template
    #: in the repository; see ``site.generators.hugo_layouts``)
    template_navigation: list[str] | None = None
    #: Hugo: the folders whose ``layouts/`` the site's templates come from (its own, then
    #: its themes')
    template_folders: list[str] = field(default_factory=list)
    #: Hugo: a content root's ``files`` globs (its module mount's: ``! docs/v?`` leaves those
    #: folders out, which other mounts place elsewhere), by the root's repository path
    root_files: dict[str, list[str]] = field(default_factory=dict)
    #: Hugo: the site's shortcodes whose templates write headings with computed ids (see
    #: ``shortcodes.kinds``): a page that calls one has ids only the build knows
    id_shortcodes: list[str] = field(default_factory=list)
    #: templates the build renders into a file of the host's rules (Hugo's of an output
    #: format named ``_redirects``): read as one, the site's parameters filled in
    host_templates: list[str] = field(default_factory=list)
    #: the partials those templates call (``partial "redirects.txt" .``), by name: their text
    host_partials: dict[str, str] = field(default_factory=dict)
    #: files of a content root the build leaves out, as the config says (MkDocs): lines
    #: of ``.gitignore`` syntax (``exclude_docs`` and its defaults), ``fnmatch`` globs and
    #: regular expressions (the ``exclude`` plugin), on the root-relative path
    exclude_docs: list[str] = field(default_factory=list)
    exclude_globs: list[str] = field(default_factory=list)
    exclude_regexes: list[str] = field(default_factory=list)
    #: Hugo: the default content language, whose code a file name may carry before its
    #: extension (``about.en.md`` is ``about``: translation by file name)
    default_language: str | None = None
    #: Hugo: ``.html`` content files are pages (not where ``security.allowContent`` leaves
    #: text/html out)
    html_content: bool = True
    #: Hugo module mounts inside the content (``target: content/docs/sdk``, a folder or a
    #: file): [source, the content root their pages join, the path in it, ``files`` globs]
    mounts: list[list[Any]] = field(default_factory=list)
    #: Hugo ``permalinks``: kind ("page", "section") -> top-level section -> URL pattern
    permalinks: dict[str, dict[str, str]] = field(default_factory=dict)
    #: old content path -> new content path (mkdocs-redirects)
    redirects: dict[str, str] = field(default_factory=dict)
    #: Hugo: URLs keep their case (disablePathToLower)
    keep_case: bool = False
    #: Hugo: ugly URLs (/a/b.html)
    ugly: bool = False
    #: pymdownx.tabbed: (slug style of tab ids, combine_header_slug), when slugify is set
    tabbed: tuple[str, bool] | None = None
    #: Python-Markdown blocks whose body is indented Markdown (admonitions ``!!!``,
    #: pymdownx.details ``???``, pymdownx.tabbed ``===``): their markers, as the config
    #: turns them on (see ``content.containers``)
    indented_blocks: list[str] = field(default_factory=list)
    #: the build keeps HTML written in the Markdown (Hugo: only with
    #: ``markup.goldmark.renderer.unsafe``; it puts "raw HTML omitted" in its place)
    raw_html: bool = True
    #: Hugo autoDefinitionTermID: definition terms get ids
    term_ids: bool = False
    #: how bare URLs become links ("gfm" | "none", see content.markdown.LINKIFY_MODES);
    #: None: the generator's default
    linkify: str | None = None
    #: Hugo: the languages whose pages are files named for them (``about.fr.md``) in a content
    #: root shared with the default language (translation by file name): code -> URL prefix
    filename_languages: dict[str, str] = field(default_factory=dict)
    #: Hugo languages: language -> its content root, and each root's URL prefix
    lang_roots: dict[str, str] = field(default_factory=dict)
    root_prefixes: dict[str, str] = field(default_factory=dict)
    #: Jekyll collections with output: name -> permalink template
    collections: dict[str, str] = field(default_factory=dict)
    #: Hugo menus in the config: the ``pageRef`` or site-relative ``url`` of each entry
    menu_refs: list[str] = field(default_factory=list)
    #: Hugo: the menus the site's templates render, but not as links (see
    #: ``hugo_layouts.unlinked_menus``): neither their config entries nor front matter count
    unlinked_menus: list[str] = field(default_factory=list)
    #: Hugo with the Docsy theme: its sidebar, on a docs section's pages, of that section's
    #: whole tree, at most this many entries a section (``params.ui.sidebar_menu_truncate``);
    #: None: another theme
    docsy_sidebar: int | None = None
    #: Hugo: the pages a list page shows (``pagination.pagerSize``, or the old ``paginate``)
    #: and the folder of its later pages (``pagination.path``)
    hugo_pager: tuple[int, str] = (10, "page")
    #: MkDocs: Material's blog plugin, when enabled
    blog: Blog | None = None
    #: MkDocs: Material's tags plugin is on (the docs-relative ``tags_file`` where it names
    #: one, else ""): listings of tagged pages, and each tagged page's links to them (see
    #: ``site.generators.mkdocs_tags``); None: off
    material_tags: str | None = None
    #: MkDocs: the theme shows prev/next links (mkdocs, readthedocs; Material's navigation.footer)
    prev_next: bool = False
    #: URL -> repository path of what the generator serves there without a Markdown page
    #: (Docusaurus: src/pages, blog lists and feeds)
    routes: dict[str, str] = field(default_factory=dict)
    #: translated content root -> the default language's root its missing pages come from
    fallback_roots: dict[str, str] = field(default_factory=dict)
    #: mkdocs-static-i18n suffix layout (``page.fr.md``): the default locale, then the others
    suffix_locales: list[str] = field(default_factory=list)
    #: content roots that are blogs (Docusaurus: dated posts under /blog/YYYY/MM/DD/)
    blog_roots: list[str] = field(default_factory=list)
    #: MkDocs navigation: None (no config), "all" (no `nav`: every page is in the
    #: sidebar) or the content paths the `nav` lists
    nav: list[str] | str | None = None
    #: DocFX: content root -> (``files``, ``exclude``) globs of its ``build.content`` entries
    page_globs: dict[str, list[tuple[list[str], list[str]]]] = field(default_factory=dict)
    #: DocFX: a page URL (lowercase) -> the old URLs the redirection files send to it
    redirect_aliases: dict[str, list[str]] = field(default_factory=dict)
    #: DocFX on Microsoft Learn: the build makes pages of PlatyPS cmdlet help
    cmdlet_help: bool = False
    #: Docusaurus' client-redirects plugin: page URL -> the old URLs it redirects from
    #: (``redirects``), and the extensions each page's URL is redirected from too
    #: (``fromExtensions``)
    redirect_from: dict[str, list[str]] = field(default_factory=dict)
    from_extensions: list[str] = field(default_factory=list)
    #: Jekyll: the theme whose navigation the site has ("just-the-docs", "minima"), when known
    theme: str | None = None
    #: Jekyll (Minima): the pages its header lists (``header_pages``; empty: every titled page)
    header_pages: list[str] = field(default_factory=list)
    #: Jekyll (jekyll-paginate on): posts a page (``paginate``) and ``paginate_path``
    paginate: tuple[int, str] | None = None
    #: Jekyll: the HTML files with front matter (repository paths), which Jekyll renders as
    #: pages; one without is copied as it is
    html_pages: set[str] = field(default_factory=set)
    #: Jekyll: the Markdown files copied as they are, no page (repository paths): without
    #: front matter, where jekyll-optional-front-matter is off or passes them by (README,
    #: LICENSE, CONTRIBUTING, ...)
    static_markdown: set[str] = field(default_factory=set)
    #: Jekyll (jekyll-readme-index): a README without front matter, in a folder with no
    #: index, is that folder's page: its repository path -> the folder's URL
    readme_indexes: dict[str, str] = field(default_factory=dict)
    #: Jekyll: where a link to a page's Markdown file becomes the page's URL
    #: (jekyll-relative-links): "all" pages and documents, "pages" (not posts and other
    #: collections' documents: the plugin's default), "none" (the plugin is off: the link
    #: stays, and the build serves no such file)
    md_links: str = "all"
    #: Jekyll: the config's front matter ``defaults``, as (scope path, scope type or None,
    #: values), in the config's order
    front_defaults: list[tuple[str, str | None, dict[str, Any]]] = field(default_factory=list)
    #: Jekyll: the config's strings, what Liquid's ``{{ site.x }}`` gives
    site_values: dict[str, str] = field(default_factory=dict)
    #: Hugo: the taxonomies' plural names (None: Hugo's tags and categories), and the page
    #: kinds `disableKinds` turns off
    taxonomies: list[str] | None = None
    disabled_kinds: list[str] = field(default_factory=list)
    #: MkDocs: mkdocstrings writes the API pages its ``::: identifier`` lines name
    autodoc: bool = False
    #: MkDocs: where mkdocstrings' Python handler looks for the code (repository paths), and
    #: whether its ``griffe_typingdoc`` extension renders parameters' ``Doc("…")`` texts
    autodoc_paths: list[str] = field(default_factory=list)
    autodoc_typingdoc: bool = False
    #: MkDocs' ``mkdocs-click``: ``::: mkdocs-click`` blocks document a CLI from its code
    cli_docs: bool = False
    #: MkDocs' mike: each version of the docs is served under /<version>/
    mike: bool = False
    #: folders the build fills from what no source file holds (DocFX: the API pages of
    #: ``metadata`` entries' ``dest``; MkDocs: the folders mkdocs-gen-files' scripts write
    #: pages into), repository paths: links into them are the build's
    generated_dirs: list[str] = field(default_factory=list)
    #: MkDocs: autorefs (mkdocstrings turns it on) links ``[title][identifier]`` to the
    #: anchor ``identifier`` on any page (see :mod:`.autorefs`)
    autorefs: bool = False
    #: Hugo: a link render hook (the embedded one where Hugo turns it on, or the site's
    #: own) finds a relative destination as GetPage does, from the page's folder
    page_links: bool = False


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
    doc = read_yaml_document(data)
    return doc if isinstance(doc, dict) else {}


def read_yaml_document(data: bytes) -> Any:
    """A YAML document of any shape (a DocFX ``toc.yml`` is a list); None where it does not parse."""
    if len(data) > MAX_CONFIG_BYTES:
        return None
    try:
        return _yaml().load(data.decode("utf-8-sig"))
    except Exception:  # noqa: BLE001 - on hostile input ruamel.yaml raises many types
        return None


def load_config(source: Any, names: tuple[str, ...]) -> tuple[str | None, dict[str, Any]]:
    """The first of ``names`` that ``source`` holds, parsed (TOML or YAML); a file that
    does not parse reads as empty. A file the tool refuses to read (outside the
    repository, not a regular file) is an error, never a silent gap."""
    for name in names:
        try:
            data = source.read(name)
        except RefusedFile:
            raise
        except OSError:
            continue
        if name.endswith(".toml"):
            try:
                return name, tomllib.loads(data.decode("utf-8-sig"))
            except (tomllib.TOMLDecodeError, UnicodeDecodeError):
                return name, {}
        if name.endswith(".json"):  # (YAML reads most JSON, but not a tab-indented file)
            try:
                loaded = json.loads(data.decode("utf-8-sig"))
                return name, loaded if isinstance(loaded, dict) else {}
            except (ValueError, RecursionError):
                pass  # (a trailing comma: YAML reads it)
        return name, read_yaml(data)
    return None, {}


def yaml_tag(value: Any) -> str | None:
    """The tag of a node read with an unknown tag (``!!python/name:x``), else None."""
    return value.tag if isinstance(value, _Tagged) else None
