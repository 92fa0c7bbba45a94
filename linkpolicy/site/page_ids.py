"""Ids a page has that its Markdown does not show: those plugins write from the code
(mkdocstrings' objects, mkdocs-click's commands) and those the policy's ``site.anchors``
patterns find in its text."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence

from ..content.slugs import toc_slug
from ..patterns import compile_pattern, fill
from ..policy import LoadedPolicy
from .model import ANY_ID, MEMBERS, SUBCOMMANDS

#: a ``::: identifier`` line of a page (mkdocstrings: the object it documents there)
AUTODOC = re.compile(r"^:::[ \t]+([\w.]+)", re.MULTILINE)


def autodoc_ids(text: str) -> list[str]:
    """The ids mkdocstrings gives a page: each object a ``::: path`` line names, and (as
    ``path.*``: any id under it) its members', which only the code knows."""
    return (
        [i for m in AUTODOC.finditer(text) for i in (m.group(1), m.group(1) + MEMBERS)]
        if ":::" in text
        else []
    )


_CLICK = re.compile(r"^:::[ \t]+mkdocs-click[ \t]*\n((?:[ \t]+:[\w-]+:.*(?:\n|$))*)", re.MULTILINE)
_CLICK_OPTION = re.compile(r":([\w-]+):[ \t]*(.*)")


def cli_ids(text: str) -> list[str]:
    """The ids mkdocs-click gives a page: each ``::: mkdocs-click`` block's command
    (``:prog_name:``, else ``:command:``), and as ``name-*`` its subcommands', which only
    the code knows (see :data:`.model.SUBCOMMANDS`)."""
    if "mkdocs-click" not in text:
        return []
    out = []
    for m in _CLICK.finditer(text):
        options = dict(o.groups() for o in map(_CLICK_OPTION.search, m.group(1).splitlines()) if o)
        name = toc_slug(str(options.get("prog_name") or options.get("command") or "").strip())
        if name:
            out += [name, name + SUBCOMMANDS]
    return out


def anchor_extractors(
    policy: LoadedPolicy, autodoc: bool = False, cli: bool = False, id_shortcodes: Sequence[str] = ()
) -> list[Callable[[str], Iterable[str]]]:
    """One function per ``site.anchors`` entry: page text -> the ids it defines; with
    ``autodoc``, mkdocstrings' (see :func:`autodoc_ids`); with ``id_shortcodes``, any id
    (:data:`.model.ANY_ID`) on a page that calls one of them."""
    out: list[Callable[[str], Iterable[str]]] = [autodoc_ids] if autodoc else []
    if cli:
        out.append(cli_ids)
    if id_shortcodes:
        names = "|".join(re.escape(n) for n in id_shortcodes)
        call = re.compile(rf"\{{\{{[<%]-?\s*(?:[\w.-]+/)*(?:{names})(?=[\s>%/-])")
        out.append(lambda text: [ANY_ID] if "{{" in text and call.search(text) else [])
    for entry in policy.policy.site.anchors:
        if isinstance(entry, str):
            rx, template = compile_pattern(entry), "{id}"
        else:
            rx, template = entry.match, entry.id
        out.append(lambda text, rx=rx, t=template: [fill(t, m) for m in rx.finditer(text)])
    return out
