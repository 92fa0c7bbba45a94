"""What a generator's config leaves out of the build (see ``GeneratorConfig.exclude_docs``):
MkDocs' ``exclude_docs`` (``.gitignore`` syntax, read by pathspec as MkDocs reads it, with
the defaults it always adds) and the ``exclude`` plugin's ``fnmatch`` globs and regular
expressions, each on the content-root-relative path."""

from __future__ import annotations

import fnmatch
import re
from collections.abc import Callable

from ..content.genconfig import GeneratorConfig


def config_excludes(config: GeneratorConfig) -> Callable[[str], bool] | None:
    """Whether the build leaves out the file at a root-relative path; None: nothing is."""
    if not (config.exclude_docs or config.exclude_globs or config.exclude_regexes):
        return None
    import pathspec

    spec = pathspec.GitIgnoreSpec.from_lines(config.exclude_docs) if config.exclude_docs else None
    regexes = []
    for raw in config.exclude_regexes:
        try:
            regexes.append(re.compile(raw))
        except re.error:
            continue  # the plugin would fail the build on it: nothing to leave out here
    globs = list(config.exclude_globs)

    def excluded(rel: str) -> bool:
        if spec is not None and spec.match_file(rel):
            return True
        return any(fnmatch.fnmatch(rel, g) for g in globs) or any(r.match(rel) for r in regexes)

    return excluded
