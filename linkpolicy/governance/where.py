"""Where in the policy files a finding about the policy itself belongs."""

from __future__ import annotations

import posixpath

from ..policy import LoadedPolicy
from ..policy.load import Loc


def policy_position(loaded: LoadedPolicy, loc: Loc) -> tuple[str, int, int]:
    """(path, line, column) of ``loc``, the path relative to the repository root (as page
    findings are) when the policy directory is inside it — also for a policy read from a
    revision, so `diff` matches the same finding on both sides — else as the loader
    shows it."""
    shown, line, column = loaded.locate(loc)
    if loaded.repo_dir is not None:
        shown = posixpath.normpath(posixpath.join(loaded.repo_dir, posixpath.basename(shown)))
    return shown, line, column
