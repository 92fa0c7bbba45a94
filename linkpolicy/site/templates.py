"""A Hugo site's templates, looked up as Hugo looks them up, and read (never run).

Hugo merges the ``layouts/`` folders of the site and of its themes into one tree, the
site's file winning at each path, and looks a template up by its names in order: the first
name the merged tree holds is the template. A partial (``partial "name.html"``, the
extension optional) is looked up under ``_partials/``, then ``partials/``.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Sequence

from ..source import Source

#: ``partial "name.html"``: a partial the template calls
PARTIAL = re.compile(r'\bpartial(?:Cached)?\s+"([^"]+)"')
#: ``.Render "name"``: a view of the page, looked up beside the template that renders it
RENDER = re.compile(r'\.Render\s+"([^"/]+)"')
#: the base template that wraps a page's
BASE = ("baseof.html", "_default/baseof.html")
PARTIALS = ("_partials", "partials")
#: Bytes of one template read (a bigger one reads as empty), and templates read for one
#: closure (more are left alone).
MAX_TEMPLATE = 256 * 1024
MAX_TEMPLATES = 400


class Layouts:
    """The templates under the ``layouts/`` of ``folders`` (the site's folder, then its
    themes'), each read once."""

    def __init__(self, source: Source, folders: Sequence[str]) -> None:
        self.source = source
        self.roots = [posixpath.join(folder, "layouts") if folder else "layouts" for folder in folders]
        self.texts: dict[str, str | None] = {}

    def read(self, name: str) -> str | None:
        """The template at ``name`` (relative to ``layouts/``) of the first root that has
        it; "" when it is too big to read, None when none has it."""
        if name not in self.texts:
            self.texts[name] = None
            for root in self.roots:
                try:
                    data = self.source.read(posixpath.join(root, name))
                except OSError:
                    continue
                self.texts[name] = data.decode("utf-8", "replace") if len(data) <= MAX_TEMPLATE else ""
                break
        return self.texts[name]

    def first(self, names: Sequence[str]) -> str | None:
        """The template of the first of ``names`` that is found."""
        found = self.found(names)
        return found[1] if found is not None else None

    def found(self, names: Sequence[str]) -> tuple[str, str] | None:
        """The name and template of the first of ``names`` that is found."""
        return next(((n, t) for n in names if (t := self.read(n)) is not None), None)

    def partial(self, name: str) -> str | None:
        """The partial a template calls ``name`` (``partial "name"``)."""
        file = name if posixpath.splitext(name)[1] else name + ".html"
        return self.first([f"{folder}/{file}" for folder in PARTIALS])

    def closure(self, names: Sequence[str]) -> str | None:
        """The text of the first template of ``names`` found, its base template, the views
        it renders (``.Render "name"``: beside it, else at the top) and the partials they
        call, one after another; None when none is found."""
        found = self.found(names)
        if found is None:
            return None
        name, first = found
        folder = posixpath.dirname(name)
        views = [
            self.first([posixpath.join(folder, f"{v}.html"), f"{v}.html"]) for v in RENDER.findall(first)
        ]
        texts = [first, *(v for v in views if v is not None), self.first(BASE) or ""]
        seen: set[str] = set()
        queue = [name for text in texts for name in PARTIAL.findall(text)]
        while queue and len(seen) < MAX_TEMPLATES:
            name = queue.pop()
            if name in seen:
                continue
            seen.add(name)
            text = self.partial(name)
            if text is not None:
                texts.append(text)
                queue.extend(PARTIAL.findall(text))
        return "\n".join(texts)

    def every(self) -> list[str]:
        """The text of every template (``.html``) under the ``layouts/`` folders, the site's
        over its themes' at the same path (at most :data:`MAX_TEMPLATES`)."""
        names: dict[str, None] = {}
        for root in self.roots:
            for path in self.source.files(root):
                if path.endswith(".html") and len(names) < MAX_TEMPLATES:
                    names[path[len(root) + 1 :]] = None
        return [text for name in names if (text := self.read(name))]
