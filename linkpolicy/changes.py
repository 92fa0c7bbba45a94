"""What a change touches: the staged change (the pre-commit hook) or everything since a
revision (CI scripts), and the pages whose findings it can alter.

A change reaches further than its own files: a renamed or deleted page breaks the links
other pages had to it, an edited page can drop a heading other pages link to, and a
generator config, a policy or ``.gitignore`` can change every page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from .source import git, head_commit, resolve_commit

#: Files that change how every page is read or served: generator configs (Hugo,
#: MkDocs, Docusaurus and its sidebars, Jekyll) and what git ignores.
SITE_WIDE = re.compile(
    r"(^|/)("
    r"(hugo|config)\.(toml|ya?ml|json)"
    r"|config/_default/[^/]+"
    r"|mkdocs\.ya?ml"
    r"|docusaurus\.config\.[cm]?[jt]s"
    r"|sidebars\.([cm]?[jt]s|json)"
    r"|_category_\.(json|ya?ml)"
    r"|_config\.ya?ml"
    r"|\.gitignore"
    r")$"
)


@dataclass(frozen=True)
class Changes:
    """Paths relative to the site's root: ``present`` exist after the change (added,
    modified, renamed to), ``removed`` are gone (deleted, renamed from). ``base`` is
    the commit the change starts from (None in a repository without commits)."""

    base: str | None
    present: tuple[str, ...]
    removed: tuple[str, ...]

    def site_wide(self, policy_dir: str | None) -> str | None:
        """The first changed file that can change every page's findings, if any."""
        for path in (*self.present, *self.removed):
            if SITE_WIDE.search(path):
                return path
            if policy_dir and (path == policy_dir or path.startswith(policy_dir.rstrip("/") + "/")):
                return path
        return None

    def __bool__(self) -> bool:
        return bool(self.present or self.removed)


def _parse_name_status(out: bytes) -> tuple[list[str], list[str]]:
    fields = [f.decode("utf-8", "surrogateescape") for f in out.split(b"\0")]
    present: list[str] = []
    removed: list[str] = []
    i = 0
    while i < len(fields) and fields[i]:
        status = fields[i][0]
        if status in "RC":
            old, new = fields[i + 1], fields[i + 2]
            if status == "R":
                removed.append(old)
            present.append(new)
            i += 3
            continue
        (removed if status == "D" else present).append(fields[i + 1])
        i += 2
    return present, removed


def staged(root: Path) -> Changes:
    """The change ``git commit`` would record (index against HEAD)."""
    head = head_commit(root)
    if head is None:
        listed = git(root, "ls-files", "-z", "--cached").split(b"\0")
        return Changes(None, tuple(p.decode("utf-8", "surrogateescape") for p in listed if p), ())
    out = git(root, "diff", "--cached", "--relative", "--name-status", "-z", "-M", head)
    present, removed = _parse_name_status(out)
    return Changes(head, tuple(present), tuple(removed))


def since(root: Path, rev: str) -> Changes:
    """Everything from the point where the work tree's history left ``rev`` (their merge
    base, as a pull request sees it) to the work tree, untracked files included."""
    commit = resolve_commit(root, rev)
    head = head_commit(root)
    base = git(root, "merge-base", commit, head).decode().strip() if head else commit
    present, removed = _parse_name_status(git(root, "diff", "--relative", "--name-status", "-z", "-M", base))
    untracked = git(root, "ls-files", "-z", "--others", "--exclude-standard").split(b"\0")
    present += [p.decode("utf-8", "surrogateescape") for p in untracked if p]
    return Changes(base, tuple(present), tuple(removed))
