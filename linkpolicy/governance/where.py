"""Where in the policy files a finding about the policy itself belongs."""

from __future__ import annotations

import posixpath

from ..policy import LoadedPolicy
from ..policy.load import Loc


def policy_position(loaded: LoadedPolicy, loc: Loc) -> tuple[str, int, int]:
    """(path, line, column) of ``loc``: repository-relative for a policy directory read
    from disk inside the repository (as page findings are), else as the loader shows it
    (``abc123:policies/site.yaml`` for a revision)."""
    shown, line, column = loaded.locate(loc)
    repo_dir = loaded.repo_dir
    if repo_dir is not None and not loaded.shown_dir.endswith(":" + repo_dir):
        shown = posixpath.normpath(posixpath.join(repo_dir, posixpath.basename(shown)))
    return shown, line, column
