"""Where the policy files are, found without reading them."""

from __future__ import annotations

from pathlib import Path

from ..errors import PolicyError


def _display(path: Path, base: Path) -> str:
    try:
        return path.resolve().relative_to(base.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def find_policy_dir(explicit: Path | None, cwd: Path, root: Path) -> Path:
    if explicit is not None:
        path = explicit if explicit.is_absolute() else cwd / explicit
        if not path.is_dir():
            raise PolicyError(str(explicit), "policy directory not found; check --policies")
        return path
    for candidate in (cwd / "policies", root / "policies"):
        if candidate.is_dir():
            return candidate
    raise PolicyError(
        _display(root / "policies", cwd),
        "no policy directory; create policies/site.yaml with a `site:` section or pass --policies DIR",
    )
