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
        return next((t for t in map(self.read, names) if t is not None), None)

    def partial(self, name: str) -> str | None:
        """The partial a template calls ``name`` (``partial "name"``)."""
        file = name if posixpath.splitext(name)[1] else name + ".html"
        return self.first([f"{folder}/{file}" for folder in PARTIALS])

    def closure(self, names: Sequence[str]) -> str | None:
        """The text of the first template of ``names`` found, its base template and the
        partials they call, one after another; None when none is found."""
        first = self.first(names)
        if first is None:
            return None
        texts = [first, self.first(BASE) or ""]
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
