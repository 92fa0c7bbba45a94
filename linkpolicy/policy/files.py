"""A run's policy: its directory found at once, its files read on first use (a run its
record answers never parses the policies)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from .where import find_policy_dir

if TYPE_CHECKING:
    from .load import LoadedPolicy


class PolicyFiles:
    """A run's policy directory, found at once; its files read and checked on first use
    of :attr:`loaded` (a run its record answers never needs them)."""

    def __init__(self, root: Path, explicit: Path | None, cwd: Path) -> None:
        self.root = root
        self.cwd = cwd
        # ./policies counts only when the current directory is inside the repository
        self.dir = find_policy_dir(explicit, cwd if cwd.is_relative_to(root) else root, root)
        self._loaded: LoadedPolicy | None = None
        #: the sections an earlier read of the same files made (see :func:`.load.load_policies`)
        self.known: Any = None

    @property
    def repo_dir(self) -> str | None:
        """The directory relative to the repository root; None when outside it."""
        base, top = self.dir.resolve(), self.root.resolve()
        return base.relative_to(top).as_posix() if base.is_relative_to(top) else None

    @property
    def loaded(self) -> LoadedPolicy:
        if self._loaded is None:
            from .load import load_policies

            self._loaded = load_policies(
                self.dir, display_base=self.cwd, repo_root=self.root, known=self.known
            )
        return self._loaded
