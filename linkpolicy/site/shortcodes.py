"""Hugo's paired shortcodes whose inner content the built page shows as no Markdown, and
the site's shortcodes that make a URL of the site (a link's destination may call one).

With the ``{{< name >}}…{{< /name >}}`` notation Hugo hands the inner text to the
shortcode's template as it is, and puts the template's output in the page as it is: the
inner text becomes Markdown only where the template renders it (``markdownify``,
``RenderString``). A template that highlights it (``highlight``, ``transform.Highlight``,
``<pre>``) shows every link in it as code; one that outputs it plainly leaves Markdown
links as text (an HTML ``<a>`` stays a link). ``{{% %}}`` shortcodes' output is Markdown:
not these.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable, Iterable, Iterator, Sequence

from ..content.markdown import LISTED, Heading, RawLink
from ..content.slugs import SLUGIFIERS
from ..io import line_column
from ..source import Source
from .templates import MAX_TEMPLATE, PARTIAL, Layouts

#: The inner text is shown as code: no link in it is one.
CODE = "code"
#: The inner text is output as it is: Markdown links in it stay text, HTML links are links.
RAW = "raw"
#: The shortcode outputs its argument as a URL of the site (``{{ relURL (.Get 0) }}``): a
#: link whose destination is a call of it (``href='{{< relurl "docs/x" >}}'``) links there
#: (read so by the parser, see ``url_shortcodes`` of ``content.markdown.read_page``).
URL = "url"
#: The shortcode puts the content of the page its first argument names in the page
#: (``{{ with .Page.GetPage (.Get 0) }}{{ .RenderShortcodes }}``): the page has that
#: page's ids (see :func:`included`).
INCLUDE = "include"
#: The shortcode lists the pages of the page one of its parameters names as links
#: (``site.GetPage (.Get "section")``, then ``range .Pages`` writing ``[..]({{ .Path }})``):
#: the page that calls it links them (see :func:`listing` and :func:`listing_calls`).
LIST = "list"
#: The shortcode writes a link to the page one parameter names through ``ref`` (or to the
#: URL another gives): ``{{ $link = ref . (.Get "page") }}<a href="{{ $link }}">`` (a
#: button); the page that calls it links there (see :func:`link_params`, :func:`link_calls`).
LINK = "link"
#: the kinds that say how a paired shortcode's inner text is shown
INNER_KINDS = (CODE, RAW)

#: Hugo's embedded shortcodes whose inner text is no Markdown (a site's own template of
#: the same name replaces them).
EMBEDDED = {"highlight": CODE, "comment": CODE, "qr": CODE}

_TAG = re.compile(r"\{\{<\s*(/?)\s*([\w.-]+)")
_ANY_TAG = re.compile(r"\{\{([<%])\s*(/?)\s*([\w.-]+)")
#: a template that is one output of its first argument as the site's URL
_URL_TEMPLATE = re.compile(
    r"\s*\{\{-?\s*(?:(?:rel|abs)(?:Lang)?URL\s+\(?\s*\.Get\s+0\s*\)?"
    r"|\(?\s*\.Get\s+0\s*\)?\s*\|\s*(?:rel|abs)(?:Lang)?URL)\s*-?\}\}\s*"
)
_MARKDOWN = re.compile(r"markdownify|RenderString")
#: a template that looks up a page by its first argument and outputs its content
_GETS_PAGE = re.compile(r"GetPage\b")
_FIRST_ARG = re.compile(r"\.Get\s+0\b")
_PAGE_CONTENT = re.compile(r"\.(?:RenderShortcodes|Content|RawContent)\b")
_AS_CODE = re.compile(r"highlight|Highlight|htmlEscape|<pre\b|<code\b")


#: a heading whose id the template computes (``<h2 id="{{ $tool }}">``)
_COMPUTED_HEADING_ID = re.compile(r"""<h[1-6]\b[^>]*?\bid\s*=\s*["']?[^"'>\s]*\{\{""", re.I)


def kinds(
    source: Source,
    folders: Sequence[str],
    prefixes: dict[str, str] | None = None,
    lists: dict[str, list[str]] | None = None,
    ids: set[str] | None = None,
    links: dict[str, list[list[str]]] | None = None,
) -> dict[str, str]:
    """Shortcode name -> its kind (:data:`CODE`, :data:`RAW`, :data:`URL`,
    :data:`INCLUDE`, :data:`LIST`), for the embedded shortcodes and the templates under
    ``folders`` (the site's, then its themes': the first one found wins) that render their
    inner text as no Markdown, make a URL, include a page or list pages; ``prefixes`` hears
    each include shortcode's path prefix (``/quick-reference/glossary/`` of ``printf
    "/quick-reference/glossary/%s"``, else ""), ``lists`` each list shortcode's
    :func:`listing`, ``ids`` the name of each whose template writes headings with ids it
    computes (from data files, from its arguments: Jaeger's ``cli/tools-list``, a heading
    per tool of a data file), which a page that calls it has and only the build knows;
    ``links`` each link shortcode's parameters (see :func:`link_params`)."""
    prefixes = {} if prefixes is None else prefixes
    lists = {} if lists is None else lists
    ids = set() if ids is None else ids
    links = {} if links is None else links
    layouts = Layouts(source, folders)
    out: dict[str, str] = {}
    found: set[str] = set()
    for name, path in templates(source, folders):
        found.add(name)
        try:
            data = source.read(path)
        except OSError:
            continue
        if len(data) > MAX_TEMPLATE:
            continue
        text = data.decode("utf-8", "replace")
        if _COMPUTED_HEADING_ID.search(text):
            ids.add(name)
        kind = _kind(text)
        if kind == RAW and _renders_in_partial(layouts, text):
            kind = None  # the inner text goes to a partial that renders it
        if kind is not None:
            out[name] = kind
        if kind == INCLUDE:
            prefixes[name] = _include_prefix(text)
        elif kind is None or kind == CODE:
            listed = listing(text)
            if listed is not None:
                out[name], lists[name] = LIST, list(listed)
            elif (params := link_params(text)) is not None:
                out[name], links[name] = LINK, [list(params[0]), list(params[1])]
    for name, kind in EMBEDDED.items():
        if name not in found:
            out[name] = kind
    return out


def templates(source: Source, folders: Sequence[str]) -> Iterator[tuple[str, str]]:
    """Each shortcode template under ``folders`` (the site's, then its themes'), by name,
    and the path of the one that wins (the first found)."""
    found: set[str] = set()
    for folder in folders:
        for sub in ("layouts/shortcodes", "layouts/_shortcodes"):
            base = posixpath.join(folder, sub) if folder else sub
            for path in source.files(base):
                name = posixpath.basename(path).split(".", 1)[0]
                if name not in found and path.endswith(".html"):
                    found.add(name)
                    yield name, path


#: ``printf "/quick-reference/glossary/%s"``: the path an include shortcode looks up
_PATH_FORMAT = re.compile(r'printf\s+"(/[^"%]*)%s"')


def _include_prefix(template: str) -> str:
    m = _PATH_FORMAT.search(template)
    return m.group(1) if m else ""


def _renders_in_partial(layouts: Layouts, template: str) -> bool:
    """Whether ``template`` hands its inner text to a partial that renders Markdown."""
    return any(_MARKDOWN.search(layouts.partial(name) or "") for name in PARTIAL.findall(template))


def _kind(template: str) -> str | None:
    # what a comment says is not what the template does (Dapr's `codetab` tells of
    # "syntax highlighting" in an HTML comment and shows its inner text as Markdown)
    template = _HTML_COMMENT.sub("", _COMMENT.sub("", template))
    if _URL_TEMPLATE.fullmatch(template):
        return URL
    if _GETS_PAGE.search(template) and _FIRST_ARG.search(template) and _PAGE_CONTENT.search(template):
        return INCLUDE
    if "Inner" in template and _MARKDOWN.search(template):
        return None
    return CODE if _AS_CODE.search(template) or "Inner" not in template else RAW


#: a Go template action (``{{ … }}``, trimmed or not); comments are left out before
_ACTION = re.compile(r"\{\{-?\s*(.*?)\s*-?\}\}", re.S)
_COMMENT = re.compile(r"\{\{-?\s*/\*.*?\*/\s*-?\}\}", re.S)
_HTML_COMMENT = re.compile(r"<!--.*?-->", re.S)
#: a parameter read: ``.Get "name"`` (or in backticks), ``.Get 0``
_GET_PARAM = r'\.Get\s+(?:"(\w+)"|`(\w+)`|(\d+))'
_GETS_PAGE_OF = re.compile(r"GetPage\s+(?:\(\s*" + _GET_PARAM + r"\s*\)|(\$\w+)|(\.)(?![\w.]))")
#: ``$v := .Get "p"``, ``$v = (.Get "p")``, anywhere in an action (``with $v := .Get "p"``)
_BINDS = re.compile(r"(\$\w+)\s*:?=\s*\(?\s*" + _GET_PARAM)
#: an action that sets the dot: ``with``/``range`` (and what it sets it to)
_DOT_SETTER = re.compile(r"(with|range)\s+(?:\$\w+\s*:?=\s*)?(.*)", re.S)
#: ``$v = .`` (inside ``with .Get "p"``: $v is p)
_BINDS_DOT = re.compile(r"(\$\w+)\s*=\s*\.\s*$")
#: the template writes a link to each page it ranges over: ``[…]({{ .Path }})`` or
#: ``href="{{ .RelPermalink }}"`` (of the dot or a range variable)
_WRITES_LINK = re.compile(
    r"(?:\]\(|href=[\"']?)\{\{-?\s*(?:\$\w+)?\.(?:RelPermalink|Permalink|Path)\s*-?\}\}"
)
_COLLECTION = re.compile(r"\.(RegularPagesRecursive|RegularPages|Pages|Sections)\b")


def listing(template: str) -> tuple[str, str] | None:
    """(the parameter that names the page, what of it is listed) where ``template`` looks
    a page up by one of its parameters (``site.GetPage (.Get "section")``, or through a
    variable or the dot that ``with .Get "path"`` sets) and writes a link to each page of a
    collection of it; else None. The parameter is its name, or its position ("0"); what is
    listed is ``pages`` (``.Pages``: regular pages and subsections), ``regular``
    (``.RegularPages``), ``recursive`` (``.RegularPagesRecursive``) or ``sections`` (the
    pages of each of ``.Sections``). Read, not run: a filter the template applies (a
    ``where``, an ``if``) is not followed, so more pages may count as linked than are."""
    if "GetPage" not in template or not _WRITES_LINK.search(template):
        return None
    actions = [m.group(1) for m in _ACTION.finditer(_COMMENT.sub("", template))]
    bound: dict[str, str] = {}
    dot: list[str | None] = []  # what each open with/range set the dot to: a parameter, or None
    for at, action in enumerate(actions):
        if action == "end":
            if dot:
                dot.pop()
            continue
        for m in _BINDS.finditer(action):
            bound[m.group(1)] = _param(m, 2)
        assigned = _BINDS_DOT.match(action)
        if assigned and dot and dot[-1] is not None:
            bound[assigned.group(1)] = dot[-1]
        page = _GETS_PAGE_OF.search(action)
        if page is not None:
            if page.group(4) is not None:  # a variable
                name: str | None = bound.get(page.group(4))
            elif page.group(5) is not None:  # the dot
                name = dot[-1] if dot else None
            else:
                name = _param(page, 1)
            if name is not None:
                what = _listed_collection(actions[at:])
                if what is not None:
                    return name, what
        setter = _DOT_SETTER.match(action)
        if setter is not None:
            get = re.match(r"\(?\s*" + _GET_PARAM, setter.group(2))
            dot.append(_param(get, 1) if get else None)
        elif action.startswith(("if ", "block ", "define ")):
            dot.append(dot[-1] if dot else None)
    return None


def _param(m: re.Match[str], first: int) -> str:
    return m.group(first) or m.group(first + 1) or m.group(first + 2)


def _listed_collection(actions: list[str]) -> str | None:
    """What the actions from a ``GetPage`` on list of the page found: the collections their
    ``range`` and ``with`` actions name, in order (``.Sections`` then ``.Pages``: each
    section's pages; a count, ``len .Pages``, lists none)."""
    named = [
        m.group(1) for a in actions if a.startswith(("range ", "with ")) for m in _COLLECTION.finditer(a)
    ]
    if not named:
        return None
    if named[0] == "Sections":
        return "sections" if any(n in ("Pages", "RegularPages") for n in named[1:]) else None
    return {"RegularPagesRecursive": "recursive", "RegularPages": "regular", "Pages": "pages"}[named[0]]


_ARGUMENT = re.compile(r'(?:(\w+)\s*=\s*)?("(?:[^"\\\n]|\\.)*"|`[^`]*`|[^\s"`=]+)')


#: ``$v = ref . $p``, ``$v := relref . (.Get "page")``
_REF_OF = re.compile(r"(\$\w+)\s*:?=\s*\(?\s*(?:rel)?ref\s+\.\s+(?:\(\s*" + _GET_PARAM + r"\s*\)|(\$\w+))")
#: ``href="{{ $v }}"``, ``href="{{ ref . (.Get "page") }}"``, ``href="{{ .Get "link" }}"``
_HREF_OF = re.compile(
    r"""href\s*=\s*["']?\{\{-?\s*(?:(?P<var>\$\w+)"""
    r"""|(?:rel)?ref\s+\.\s+(?:\(\s*\.Get\s+(?:"(?P<r1>\w+)"|`(?P<r2>\w+)`|(?P<r3>\d+))\s*\)|(?P<rv>\$\w+))"""
    r"""|\.Get\s+(?:"(?P<u1>\w+)"|`(?P<u2>\w+)`|(?P<u3>\d+)))[^}]*?-?\}\}"""
)


def link_params(template: str) -> tuple[tuple[str, ...], tuple[str, ...]] | None:
    """(the parameters whose page ``ref`` links, the parameters whose URL is linked) where
    ``template`` writes an ``<a href>`` of them, else None."""
    if "href" not in template:
        return None
    template = _COMMENT.sub("", template)
    bound = {m.group(1): next(g for g in m.groups()[1:] if g is not None) for m in _BINDS.finditer(template)}
    refs: dict[str, tuple[str, ...]] = {}
    for m in _REF_OF.finditer(template):
        param = next((g for g in m.groups()[1:4] if g is not None), None) or bound.get(m.group(5) or "")
        if param is not None:
            refs.setdefault(m.group(1), ())
            refs[m.group(1)] += (param,)
    ref_params: list[str] = []
    url_params: list[str] = []
    for m in _HREF_OF.finditer(template):
        var, direct = m.group("var"), m.group("r1") or m.group("r2") or m.group("r3")
        url = m.group("u1") or m.group("u2") or m.group("u3")
        if var is not None:
            ref_params += refs.get(var, ())
            if var in bound:
                url_params.append(bound[var])
        elif direct is not None or m.group("rv") in bound:
            ref_params.append(direct or bound[m.group("rv")])
        elif url is not None:
            url_params.append(url)
    if not ref_params and not url_params:
        return None
    return tuple(dict.fromkeys(ref_params)), tuple(dict.fromkeys(url_params))


def link_calls(text: str, specs: dict[str, list[list[str]]]) -> list[RawLink]:
    """The links of each call in ``text`` of a link shortcode of ``specs`` (name -> its
    :func:`link_params`): to the page its ``ref`` parameter names (resolved as ``ref``), else
    to the URL its other one gives; written by the template (``LISTED``), as the build has them."""
    out: list[RawLink] = []
    for name, (ref_params, url_params) in specs.items():
        for param in ref_params:
            out += [
                RawLink(value, "", line, column, LISTED, shortcode=("ref", value))
                for _, value, line, column in listing_calls(text, {name: param})
            ]
        placed = {(link.line, link.column) for link in out}
        for param in url_params:
            out += [
                RawLink(value, "", line, column, LISTED)
                for _, value, line, column in listing_calls(text, {name: param})
                if (line, column) not in placed and value not in ("", "#")
            ]
    return sorted(out, key=lambda link: (link.line, link.column))


def listing_calls(text: str, params: dict[str, str]) -> list[tuple[str, str, int, int]]:
    """(shortcode, the page its parameter names, line, column) of each call in ``text`` of
    a list shortcode of ``params`` (name -> the parameter that names the page: its name, or
    its position). A call commented out as Hugo's documentation shows them
    (``{{</* name */>}}``) is none."""
    if not params or "{{" not in text:
        return []
    names = "|".join(re.escape(n) for n in params)
    call = re.compile(
        r"\{\{<-?\s*(" + names + r")(?=[\s>-])(.*?)-?\s*>\}\}"
        r"|\{\{%-?\s*(" + names + r")(?=[\s%-])(.*?)-?\s*%\}\}",
        re.S,
    )
    out: list[tuple[str, str, int, int]] = []
    for m in call.finditer(text):
        name, args = (m.group(1), m.group(2)) if m.group(1) is not None else (m.group(3), m.group(4))
        wanted, position = params[name], 0
        for arg in _ARGUMENT.finditer(args):
            value = arg.group(2)
            value = value[1:-1] if value[:1] in ('"', "`") and len(value) > 1 else value
            if arg.group(1) is None:
                position, found = position + 1, str(position) == wanted
            else:
                found = arg.group(1) == wanted
            if found:
                out.append((name, value, *line_column(text, m.start())))
                break
    return out


#: a ``{{% %}}`` call (its output is Markdown, put in the page before it is read), not one
#: written out as Hugo's documentation shows them (``{{%/* name */%}}``)
_MARKDOWN_CALL = re.compile(r"\{\{%-?\s*(?!/\*).*?-?%\}\}")


def heading_ids(headings: Iterable[Heading], slug_style: str) -> set[str]:
    """The ids Hugo gives headings that hold a ``{{% %}}`` call whose output has no text
    of its own (Docsy's ``{{% _param FAS robot %}}``, an icon): the heading's text without
    the call, slugged. (The call as written is never the id.)"""
    slugify = SLUGIFIERS[slug_style]
    out = set()
    for heading in headings:
        if "{{%" in heading.text:
            rest, calls = _MARKDOWN_CALL.subn("", heading.text)
            if calls and rest.strip():
                out.add(slugify(rest.strip()))
    return out


def inner_spans(text: str, wanted: dict[str, str]) -> list[tuple[int, int, str]]:
    """(start, end, kind) of the inner text of each ``{{< name >}}…{{< /name >}}`` pair in
    ``text`` whose name ``wanted`` gives a kind (the outermost, where they nest)."""
    if "{{<" not in text:
        return []
    open_at: dict[str, list[int]] = {}
    spans: list[tuple[int, int, str]] = []
    for m in _TAG.finditer(text):
        closing, name = m.group(1), m.group(2)
        kind = wanted.get(name)
        if kind is None:
            continue
        end = text.find(">}}", m.end())
        if end == -1:
            break
        if closing:
            starts = open_at.get(name)
            if starts:
                spans.append((starts.pop(), m.start(), kind))
        elif text[end - 1] != "/":  # `{{< name />}}` has no inner text
            open_at.setdefault(name, []).append(end + 3)
    spans.sort()
    outer: list[tuple[int, int, str]] = []
    for span in spans:
        if not outer or span[0] >= outer[-1][1]:
            outer.append(span)
    return outer


def as_built(links: list[RawLink], text: str, wanted: dict[str, str]) -> list[RawLink]:
    """``links`` less those inside such a pair's inner text (see the module docstring)."""
    spans = inner_spans(text, wanted)
    if not spans:
        return links
    starts = [0]
    for m in re.finditer("\n", text):
        starts.append(m.end())

    rendered = {span: _markdown_pairs(text, span[0], span[1], wanted) for span in spans if span[2] == RAW}

    def shown(link: RawLink) -> bool:
        if not 0 < link.line <= len(starts):
            return True
        at = starts[link.line - 1] + link.column - 1
        for span in spans:
            start, end, kind = span
            if start <= at < end:
                if kind != RAW:
                    return False
                return link.kind == "html" or any(s <= at < e for s, e in rendered[span])
        return True

    return [lk for lk in links if shown(lk)]


def _markdown_pairs(text: str, start: int, end: int, wanted: dict[str, str]) -> list[tuple[int, int]]:
    """(start, end) of the inner text of each ``{{% name %}}…{{% /name %}}`` pair between
    ``start`` and ``end`` (a raw shortcode's inner text) whose template does not show it as
    code: Hugo renders what a ``%`` call outputs as Markdown, inside a raw pair too (the
    tabs of ``{{< tabs >}}{{% tab %}}[a](/b/){{% /tab %}}{{< /tabs >}}`` hold links); and of
    each ``{{< name >}}`` pair whose template renders its text itself (``markdownify``: a
    card in Docsy's ``{{< cardpane >}}``), which ``wanted`` gives no kind."""
    inner = text[start:end]
    if "{{%" not in inner and "{{<" not in inner:
        return []
    open_at: dict[tuple[str, str], list[int]] = {}
    pairs: list[tuple[int, int]] = []
    for m in _ANY_TAG.finditer(text, start, end):
        mark, closing, name = m.group(1), m.group(2), m.group(3)
        if mark == "<" and name in wanted or mark == "%" and wanted.get(name) == CODE:
            continue  # (a `<` pair renders its text only where its template says so)
        if closing:
            if open_at.get((mark, name)):
                pairs.append((open_at[mark, name].pop(), m.start()))
        else:
            close = text.find(">}}" if mark == "<" else "%}}", m.end(), end)
            if close != -1 and text[close - 1] != "/":
                open_at.setdefault((mark, name), []).append(close + 3)
    return pairs


def _include_call(names: list[str]) -> re.Pattern[str]:
    alternatives = "|".join(re.escape(n) for n in names)
    return re.compile(r"\{\{[<%]-?\s*(" + alternatives + r')\s+(?:"([^"\n]+)"|`([^`\n]+)`|([^\s"`%>}]+))')


def included(text: str, names: dict[str, str], folder: str, exists: Callable[[str], bool]) -> list[str]:
    """Content-root paths of the pages that calls of the include shortcodes ``names``
    (name -> the path prefix its template puts before the argument, see :func:`kinds`) in
    ``text`` put in it. As Hugo's ``GetPage``: a path without a leading slash is looked up
    from the page's folder ``folder`` first, then from the content root; a file's
    extension may be left out, and a folder stands for its bundle's index file. ``exists``
    says whether a content-root path is a file; a call that names none is left out."""
    if not names or "{{" not in text:
        return []
    out: list[str] = []
    for m in _include_call(list(names)).finditer(text):
        arg = (m.group(2) or m.group(3) or m.group(4)).strip()
        prefix = names[m.group(1)]
        if prefix:  # printf "/glossary/%s" (urlize .)
            bases = [(prefix + arg.lower().replace(" ", "-")).lstrip("/")]
        else:
            bases = [arg.lstrip("/")] if arg.startswith("/") else [posixpath.join(folder, arg), arg]
        for base in bases:
            base = posixpath.normpath(base)
            if base.startswith(".."):
                continue
            found = next((c for c in _page_files(base) if exists(c)), None)
            if found is not None:
                out.append(found)
                break
    return out


def _page_files(base: str) -> tuple[str, ...]:
    if base.lower().endswith((".md", ".markdown", ".html")):
        return (base,)
    return (base + ".md", posixpath.join(base, "index.md"), posixpath.join(base, "_index.md"))
